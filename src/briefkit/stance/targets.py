"""Stance targets: load a targets file (TOML or CSV) and find target mentions in sentences.

A *target* is something an author can take a stance on ("US Forces Korea",
"tariffs and trade"). A targets file maps each target to literal ``terms`` and
regular-expression ``patterns``. Both are matched case-insensitively and
word-bounded: a match may not start right after, nor end right before, a word
character (``(?<!\\w)`` ... ``(?!\\w)``; ``\\b`` would fail after "U.S.").
Whitespace inside a term matches any run of whitespace. A pattern can switch
case sensitivity off locally with ``(?-i:...)``, e.g. ``(?-i:Trump)`` so that
"trump card" is not a mention of the president.

TOML format (``targets.toml``)::

    [targets.usfk]
    label = "US Forces Korea"
    terms = ["USFK", "U.S. Forces Korea"]
    patterns = ['(?-i:U\\.S\\.|US|American)\\s+troops\\s+in\\s+(?:South\\s+)?Korea']

CSV format (``targets.csv``), one term or pattern per row::

    target,label,kind,value
    usfk,US Forces Korea,term,USFK
    usfk,US Forces Korea,pattern,American\\s+troops

Targets keep the order of the file. The package ships a default for US-ROK
relations (``briefkit/data/targets.toml``); a corpus may bring its own
``targets.toml`` or ``targets.csv`` (see :func:`corpus_targets_file`).

Offsets
-------
:func:`find_mentions` returns one row per (sentence, target). ``start``/``end``
are the sentence's offsets into the document's *raw* text (from
:func:`briefkit.corpus.text.segment.sentences`); ``text_start``/``text_end`` locate the
first match inside the sentence's *cleaned* text. ``start + text_start`` is
not a raw offset when cleaning changed the sentence, so raw match offsets
(``match_start``/``match_end``) are given only when ``docs`` is passed and the
same matches are found, with the same text, in the raw sentence slice;
otherwise they are missing (``<NA>``). Evidence should cite the sentence's
raw ``start``/``end`` plus the matched text.

Patterns are corpus patterns (:mod:`briefkit.inputs.patterns`), whether they come from the corpus
folder or the packaged default: each is accepted or refused when loaded by a static check of its
shape (the same on every machine) and searched in bounded windows with a time limit as the
last guard. Terms are literal text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from briefkit.errors import CorpusError, Problem, TargetsError, require_columns
from briefkit.inputs.files import read_text_file
from briefkit.inputs.patterns import CorpusPattern, compile_corpus_pattern
from briefkit.paths import corpus_dir
from briefkit.stance.targetfile import TARGET_COLUMNS, parse_targets, term_regex

__all__ = ["TargetsError", "load_targets", "corpus_targets_file", "compile_targets", "find_mentions",
           "TARGET_COLUMNS", "PACKAGED_TARGETS"]

#: Where the packaged default targets come from (as named in messages).
PACKAGED_TARGETS = "briefkit/data/targets.toml (packaged default)"
_WRAP = r"(?<!\w)(?:{})(?!\w)"


def _corpus_text(path, corpus) -> tuple[str, str]:
    """The text of targets file ``path`` inside the corpus folder, and its name for messages."""
    root = corpus_dir(corpus)
    p = Path(path).expanduser()
    name = str(path)
    full = p if p.is_absolute() else root / p
    try:
        text = read_text_file(full, corpus=root, label=name if not p.is_absolute() else p.name)
    except CorpusError as exc:
        raise TargetsError(exc.problems) from None
    if text is None:
        raise TargetsError([Problem(name, None, f"targets file not found in corpus folder {str(root)!r}")])
    return text, (name if not p.is_absolute() else p.name)


def load_targets(path=None, *, corpus=None) -> pd.DataFrame:
    """Load and validate a targets file.

    Parameters
    ----------
    path : str or path, optional
        A ``.toml`` or ``.csv`` file, relative to the corpus folder (absolute
        paths must also lie inside it). ``None`` loads the packaged default
        (US-ROK relations).
    corpus : str or path, optional
        Corpus folder; defaults to :func:`briefkit.paths.corpus_dir`.

    Returns
    -------
    DataFrame
        ``target, label, kind ("term" | "pattern"), value``, one row per term
        or pattern, in file order; ``attrs["source"]`` names the file.

    Raises
    ------
    TargetsError
        (a :class:`~briefkit.errors.CorpusError`) with every problem, each naming the file and
        the key path or row: a pattern the static check refuses, an empty term, an unknown key,
        a target with two labels, a file that is not a regular UTF-8 file inside the corpus.

    Examples
    --------
    >>> from briefkit.stance.targets import load_targets
    >>> t = load_targets()
    >>> "usfk" in set(t["target"])
    True
    """
    if path is None:
        source = PACKAGED_TARGETS
        text = resources.files("briefkit").joinpath("data/targets.toml").read_text("utf-8")
        suffix = ".toml"
    else:
        suffix = Path(str(path)).suffix.lower()
        if suffix not in (".toml", ".csv"):
            raise TargetsError([Problem(str(path), None, "a targets file must end in .toml or .csv")])
        text, source = _corpus_text(path, corpus)
    rows = parse_targets(text, source=source, suffix=suffix)
    out = pd.DataFrame(rows, columns=TARGET_COLUMNS).drop_duplicates(ignore_index=True)
    out.attrs["source"] = source
    return out


def corpus_targets_file(corpus=None) -> str | None:
    """Return ``"targets.toml"`` or ``"targets.csv"`` if the corpus folder has one, else None.

    Examples
    --------
    >>> import tempfile
    >>> from briefkit.stance.targets import corpus_targets_file
    >>> corpus_targets_file(tempfile.mkdtemp()) is None
    True
    """
    root = corpus_dir(corpus)
    for name in ("targets.toml", "targets.csv"):
        if (root / name).exists() or (root / name).is_symlink():
            return name
    return None


@lru_cache(maxsize=64)
def _compile(items: tuple[tuple[str, str], ...], source: str, target: str) -> tuple:
    terms = sorted({term_regex(v) for k, v in items if k == "term"}, key=lambda s: (-len(s), s))
    regexes: list = [re.compile(_WRAP.format("|".join(terms)), re.IGNORECASE)] if terms else []
    regexes += [compile_corpus_pattern(v, source=source, where=f"target {target!r}", wrap=_WRAP)
                for k, v in items if k == "pattern"]
    return tuple(regexes)


def compile_targets(targets: pd.DataFrame) -> dict[str, tuple]:
    """Compile a targets table into ``{target: (regex, ...)}`` (terms merged into one regex).

    Terms become one :mod:`re` pattern per target; each pattern a
    :class:`~briefkit.inputs.patterns.CorpusPattern` (the static check applies, and
    :class:`~briefkit.errors.PatternError` names a refused one).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.targets import compile_targets
    >>> t = pd.DataFrame({"target": ["jp"], "label": ["Japan"], "kind": ["term"], "value": ["Japan"]})
    >>> bool(compile_targets(t)["jp"][0].search("Japan's role"))
    True
    """
    require_columns(targets, TARGET_COLUMNS, name="targets")
    source = str(targets.attrs.get("source", "targets"))
    out = {}
    for tid, grp in targets.groupby("target", sort=False):
        out[str(tid)] = _compile(tuple(zip(grp["kind"], grp["value"])), source, str(tid))
    return out


def _spans(text: str, regexes, unit: str = "") -> list[tuple[int, int]]:
    """Non-overlapping match spans: leftmost first, then longest; empty matches skipped."""
    found = sorted({(m.start(), m.end()) for rx in regexes
                    for m in (rx.finditer(text, unit=unit) if isinstance(rx, CorpusPattern) else rx.finditer(text))
                    if m.end() > m.start()}, key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int]] = []
    for s, e in found:
        if not out or s >= out[-1][1]:
            out.append((s, e))
    return out


def find_mentions(sents: pd.DataFrame, targets: pd.DataFrame, *, docs: pd.DataFrame | None = None,
                  drop_headings: bool = True) -> pd.DataFrame:
    """One row per (sentence, target) for every sentence that mentions a target.

    Parameters
    ----------
    sents : DataFrame
        ``doc_id, sent_id, start, end, text`` (and optionally ``is_heading``),
        as from :func:`briefkit.corpus.text.segment.sentences`.
    targets : DataFrame
        From :func:`load_targets`.
    docs : DataFrame, optional
        ``doc_id, raw_text``; when given, raw match offsets are filled in
        where they can be verified (see module docstring).
    drop_headings : bool, default True
        Skip sentences with ``is_heading`` true.

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, start, end, target, label, n_matches, matched``
        (distinct matched strings, "; "-joined, in order), ``spans``
        ("s-e;s-e" offsets into ``text``), ``text_start, text_end`` (first
        match in ``text``), ``match_start, match_end`` (raw, nullable Int64),
        ``text``. Sorted by doc_id, sent_id, then target file order.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.targets import find_mentions
    >>> t = pd.DataFrame({"target": ["jp"], "label": ["Japan"], "kind": ["term"], "value": ["Japan"]})
    >>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [0], "end": [15],
    ...                   "text": ["Japan is close."]})
    >>> find_mentions(s, t)[["target", "matched", "text_start", "text_end"]].values.tolist()
    [['jp', 'Japan', 0, 5]]
    """
    need = ["doc_id", "sent_id", "start", "end", "text"]
    require_columns(sents, need, name="sents")
    compiled = compile_targets(targets)
    labels = dict(zip(targets["target"], targets["label"]))
    raw = {}
    if docs is not None:
        if not {"doc_id", "raw_text"} <= set(docs.columns):
            raise KeyError("docs must have columns doc_id and raw_text")
        raw = dict(zip(docs["doc_id"].astype(str), docs["raw_text"]))
    use = sents
    if drop_headings and "is_heading" in sents.columns:
        use = sents.loc[~sents["is_heading"].astype(bool)]
    rows = []
    for rec in use[need].itertuples(index=False):
        text = rec.text if isinstance(rec.text, str) else ""
        unit = f"sentence {int(rec.sent_id)} of {rec.doc_id}"
        for tid, regexes in compiled.items():
            spans = _spans(text, regexes, unit)
            if not spans:
                continue
            matched = list(dict.fromkeys(" ".join(text[s:e].split()) for s, e in spans))
            ms = me = pd.NA
            raw_text = raw.get(str(rec.doc_id))
            if isinstance(raw_text, str):
                raw_sent = raw_text[int(rec.start):int(rec.end)]
                rs = _spans(raw_sent, regexes, unit)
                if len(rs) == len(spans) and all(
                        raw_sent[a:b].split() == text[s:e].split() for (a, b), (s, e) in zip(rs, spans)):
                    ms, me = int(rec.start) + rs[0][0], int(rec.start) + rs[0][1]
            rows.append((str(rec.doc_id), int(rec.sent_id), int(rec.start), int(rec.end), tid,
                         labels[tid], len(spans), "; ".join(matched),
                         ";".join(f"{s}-{e}" for s, e in spans), spans[0][0], spans[0][1], ms, me, text))
    cols = ["doc_id", "sent_id", "start", "end", "target", "label", "n_matches", "matched", "spans",
            "text_start", "text_end", "match_start", "match_end", "text"]
    out = pd.DataFrame(rows, columns=cols)
    for c in ("sent_id", "start", "end", "n_matches", "text_start", "text_end"):
        out[c] = out[c].astype("int64")
    for c in ("match_start", "match_end"):
        out[c] = out[c].astype("Int64")
    return out.sort_values(["doc_id", "sent_id"], kind="stable").reset_index(drop=True)
