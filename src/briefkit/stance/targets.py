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

Regexes come from untrusted corpus files: they are compiled with :mod:`re`,
limited to 500 characters, and rejected if they can match the empty string.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from briefkit.errors import CorpusError, TargetsError
from briefkit.corpus.sources.manifest import resolve_file
from briefkit.paths import corpus_dir

__all__ = ["TargetsError", "load_targets", "corpus_targets_file", "compile_targets", "find_mentions"]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_MAX_PATTERN = 500
_KEYS = {"label", "terms", "patterns", "description"}
TARGET_COLUMNS = ["target", "label", "kind", "value"]


def _resolve(path, corpus) -> tuple[Path, str]:
    """Resolve ``path`` inside the corpus folder; refuse paths that leave it."""
    root = corpus_dir(corpus)
    p = Path(path).expanduser()
    outside = TargetsError(f"targets file {str(path)!r} is outside the corpus folder {str(root)!r}; "
                           "targets files are read only from inside the corpus folder")
    if p.is_absolute():
        try:
            p = p.resolve().relative_to(root)
        except ValueError:
            raise outside from None
    try:  # the corpus-wide rule: no absolute paths, no '..', no symbolic links
        full = resolve_file(root, p.as_posix())
    except CorpusError:
        raise outside from None
    if not full.is_file():
        raise TargetsError(f"targets file {str(path)!r} not found in corpus folder {str(root)!r}")
    return full, str(path)


def _term_regex(term: str) -> str:
    parts = [re.escape(p) for p in term.split()]
    return r"\s+".join(parts)


def _check_regex(source: str, target: str, kind: str, value: str) -> None:
    where = f"{source}: target {target!r}: {kind} {value!r}"
    if not value.strip():
        raise TargetsError(f"{where}: empty {kind}")
    if kind == "pattern" and len(value) > _MAX_PATTERN:
        raise TargetsError(f"{where}: pattern longer than {_MAX_PATTERN} characters")
    body = value if kind == "pattern" else _term_regex(value)
    try:
        rx = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
    except re.error as err:
        raise TargetsError(f"{where}: invalid regular expression ({err})") from None
    if rx.fullmatch("") is not None or re.compile(body, re.IGNORECASE).fullmatch("") is not None:
        raise TargetsError(f"{where}: pattern matches the empty string")


def _from_toml(text: str, source: str) -> list[tuple[str, str, str, str]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise TargetsError(f"{source}: not valid TOML ({err})") from None
    extra = sorted(set(data) - {"targets", "meta"})
    if extra or not isinstance(data.get("targets"), dict) or not data["targets"]:
        raise TargetsError(f"{source}: expected one or more [targets.<id>] tables"
                           + (f" (unknown top-level keys {extra})" if extra else ""))
    rows = []
    for tid, spec in data["targets"].items():
        if not isinstance(spec, dict):
            raise TargetsError(f"{source}: target {tid!r}: expected a table with label, terms, patterns")
        unknown = sorted(set(spec) - _KEYS)
        if unknown:
            raise TargetsError(f"{source}: target {tid!r}: unknown key(s) {unknown}; "
                               f"allowed: {sorted(_KEYS)}")
        label = spec.get("label", tid)
        if not isinstance(label, str):
            raise TargetsError(f"{source}: target {tid!r}: label must be a string")
        for key, kind in (("terms", "term"), ("patterns", "pattern")):
            values = spec.get(key, [])
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise TargetsError(f"{source}: target {tid!r}: {key} must be a list of strings")
            rows.extend((tid, label, kind, v) for v in values)
    return rows


def _from_csv(text: str, source: str) -> list[tuple[str, str, str, str]]:
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
    reader = csv.reader(io.StringIO("\n".join(lines)))
    header = next(reader, None)
    if header is None or [h.strip() for h in header] != TARGET_COLUMNS:
        raise TargetsError(f"{source}: header must be {','.join(TARGET_COLUMNS)}, got {header}")
    rows = []
    for rowno, rec in enumerate(reader, start=2):
        if not rec or all(not c.strip() for c in rec):
            continue
        if len(rec) != 4:
            raise TargetsError(f"{source}: row {rowno}: expected 4 fields, got {len(rec)}")
        tid, label, kind, value = (c.strip() for c in rec)
        if kind not in ("term", "pattern"):
            raise TargetsError(f"{source}: row {rowno}: kind must be 'term' or 'pattern', got {kind!r}")
        rows.append((tid, label or tid, kind, value))
    return rows


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
        or pattern, in file order.

    Raises
    ------
    TargetsError
        Naming the file, target and problem (bad regex, empty term, unknown
        key, a target with nothing to match, a path outside the corpus).

    Examples
    --------
    >>> from briefkit.stance.targets import load_targets
    >>> t = load_targets()
    >>> "usfk" in set(t["target"])
    True
    """
    if path is None:
        source = "briefkit/data/targets.toml (packaged default)"
        text = resources.files("briefkit").joinpath("data/targets.toml").read_text("utf-8")
        suffix = ".toml"
    else:
        full, source = _resolve(path, corpus)
        suffix = full.suffix.lower()
        if suffix not in (".toml", ".csv"):
            raise TargetsError(f"targets file {source!r} must end in .toml or .csv")
        try:
            text = full.read_text("utf-8-sig")
        except UnicodeDecodeError:
            raise TargetsError(f"targets file {source!r} is not UTF-8 text") from None
    rows = _from_toml(text, source) if suffix == ".toml" else _from_csv(text, source)
    if not rows:
        raise TargetsError(f"{source}: no targets defined")
    labels: dict[str, str] = {}
    for tid, label, kind, value in rows:
        if not _ID.match(tid):
            raise TargetsError(f"{source}: target id {tid!r} must be letters, digits, '_', '.', '-'")
        if labels.setdefault(tid, label) != label:
            raise TargetsError(f"{source}: target {tid!r} has two labels: {labels[tid]!r} and {label!r}")
        _check_regex(source, tid, kind, value)
    out = pd.DataFrame(rows, columns=TARGET_COLUMNS)
    return out.drop_duplicates(ignore_index=True)


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
        if (root / name).is_file():
            return name
    return None


@lru_cache(maxsize=64)
def _compile(items: tuple[tuple[str, str], ...]) -> tuple[re.Pattern, ...]:
    terms = sorted({_term_regex(v) for k, v in items if k == "term"}, key=lambda s: (-len(s), s))
    regexes = [rf"(?<!\w)(?:{'|'.join(terms)})(?!\w)"] if terms else []
    regexes += [rf"(?<!\w)(?:{v})(?!\w)" for k, v in items if k == "pattern"]
    return tuple(re.compile(r, re.IGNORECASE) for r in regexes)


def compile_targets(targets: pd.DataFrame) -> dict[str, tuple[re.Pattern, ...]]:
    """Compile a targets table into ``{target: (regex, ...)}`` (terms merged into one regex).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.targets import compile_targets
    >>> t = pd.DataFrame({"target": ["jp"], "label": ["Japan"], "kind": ["term"], "value": ["Japan"]})
    >>> bool(compile_targets(t)["jp"][0].search("Japan's role"))
    True
    """
    missing = [c for c in TARGET_COLUMNS if c not in targets.columns]
    if missing:
        raise KeyError(f"targets is missing column(s) {missing}; load it with load_targets()")
    out = {}
    for tid, grp in targets.groupby("target", sort=False):
        out[str(tid)] = _compile(tuple(zip(grp["kind"], grp["value"])))
    return out


def _spans(text: str, regexes) -> list[tuple[int, int]]:
    """Non-overlapping match spans: leftmost first, then longest; empty matches skipped."""
    found = sorted({(m.start(), m.end()) for rx in regexes for m in rx.finditer(text)
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
    missing = [c for c in need if c not in sents.columns]
    if missing:
        raise KeyError(f"sents is missing column(s) {missing}")
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
        for tid, regexes in compiled.items():
            spans = _spans(text, regexes)
            if not spans:
                continue
            matched = list(dict.fromkeys(" ".join(text[s:e].split()) for s, e in spans))
            ms = me = pd.NA
            raw_text = raw.get(str(rec.doc_id))
            if isinstance(raw_text, str):
                raw_sent = raw_text[int(rec.start):int(rec.end)]
                rs = _spans(raw_sent, regexes)
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
