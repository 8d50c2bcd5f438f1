"""Vocabulary normalisation for topic models: merged forms, names as one term, stop and filler terms.

Rules come from the packaged default (``briefkit/data/topic_vocabulary.toml``: country and
organisation abbreviations, leaders' names) and, when the corpus folder holds one, the corpus's own
``vocabulary.toml`` with the same keys, which adds to the defaults (or replaces them with
``replace_defaults = true``)::

    replace_defaults = false          # optional
    [merge]                           # canonical term = [forms], matched case-insensitively
    "north korea" = ["North Korea", "DPRK", "D.P.R.K."]
    [merge_exact]                     # forms matched with their case as written
    "united states" = ["US"]          # "US" the country, never "us" the pronoun
    [stop]
    terms = ["us"]                    # never counted
    [filler]
    terms = ["various"]               # counted, never used in a label

Forms are **literal** text, never regular expressions: each form is split with briefkit's
tokenizer and matched token by token (longest form first, at most :data:`MAX_FORM_TOKENS`
tokens), so matching is linear in the text whatever the analyst writes. A file is read strictly:
an unknown key, a form that is not a non-empty string, or a form claimed by two canonical terms
raises :class:`VocabularyError` naming the file, the key and the problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from briefkit.corpus.text.tokens import POSSESSIVE, token_spans
from briefkit.errors import Problem, VocabularyError
from briefkit.inputs.files import read_text_file
from briefkit.inputs.toml import TomlChecker, key_path, parse_toml

__all__ = ["VocabularyError", "VocabularyRules", "load_vocabulary_rules", "corpus_vocabulary_file",
           "MAX_FORM_TOKENS", "VOCABULARY_FILE"]

#: The corpus folder's vocabulary file.
VOCABULARY_FILE = "vocabulary.toml"

#: Longest merge form, in tokens.
MAX_FORM_TOKENS = 8
_KEYS = {"replace_defaults", "merge", "merge_exact", "stop", "filler"}


def cased(token_text: str) -> str:
    """A token as written, without a possessive or a final period ("Trump's" -> "Trump").

    Examples
    --------
    >>> from briefkit.topics.normalize import cased
    >>> cased("Trump’s"), cased("U.S.")
    ('Trump', 'U.S')
    """
    return POSSESSIVE.sub("", token_text.replace("’", "'")).rstrip(".")


@dataclass(frozen=True)
class VocabularyRules:
    """Normalisation rules, ready to apply.

    Attributes
    ----------
    merge : dict
        ``tuple of lower-case tokens -> canonical term``.
    merge_exact : dict
        ``tuple of tokens as written -> canonical term``.
    stop, filler : frozenset of str
    sources : tuple of str
        Where the rules came from, for the notebook's report.
    """

    merge: dict = field(default_factory=dict)
    merge_exact: dict = field(default_factory=dict)
    stop: frozenset = frozenset()
    filler: frozenset = frozenset()
    sources: tuple = ()

    @cached_property
    def max_len(self) -> int:
        keys = list(self.merge) + list(self.merge_exact)
        return max((len(k) for k in keys), default=0)

    @cached_property
    def first_norm(self) -> frozenset:
        """First tokens of the case-insensitive forms."""
        return frozenset(k[0] for k in self.merge)

    @cached_property
    def first_exact_lower(self) -> frozenset:
        """First tokens of the exact-case forms, lower-cased (a cheap pre-check)."""
        return frozenset(k[0].lower() for k in self.merge_exact)


def _tokens(text: str) -> list[str]:
    return [t for _, _, t in token_spans(text)]


def _term(text, check: TomlChecker, where: str) -> str | None:
    if check.string(text, where) is None:
        return None
    toks = _tokens(text)
    if not toks:
        check.add(where, f"{text!r} holds no word")
        return None
    return " ".join(toks)


def _forms(key: str, canon: str, forms, term: str, out: dict, check: TomlChecker) -> None:
    where = key_path(key, canon)
    if not isinstance(forms, list) or not forms:
        check.add(where, "must list at least one form")
        return
    for i, form in enumerate(forms, start=1):
        if check.string(form, key_path(key, canon, i)) is None:
            continue
        spans = token_spans(form)
        if not spans:
            check.add(key_path(key, canon, i), f"form {form!r} holds no word")
            continue
        if len(spans) > MAX_FORM_TOKENS:
            check.add(key_path(key, canon, i), f"form {form!r} is longer than {MAX_FORM_TOKENS} tokens")
            continue
        k = (tuple(t for _, _, t in spans) if key == "merge"
             else tuple(cased(form[s:e]) for s, e, _ in spans))
        prev = out.get(k)
        if prev is not None and prev != term:
            check.add(key_path(key, canon, i), f"form {form!r} is claimed by both {prev!r} and {term!r}")
        out[k] = term


def _parse(text: str, source: str) -> dict:
    data = parse_toml(text, label=source, error=VocabularyError)
    check = TomlChecker(source, error=VocabularyError)
    check.keys(data, _KEYS, "")
    out = {"replace_defaults": data.get("replace_defaults", False), "merge": {}, "merge_exact": {},
           "stop": set(), "filler": set()}
    check.boolean(out["replace_defaults"], "replace_defaults")
    for key in ("merge", "merge_exact"):
        table = check.table(data.get(key, {}), key, what="a table of term = [forms]") or {}
        for canon, forms in table.items():
            term = _term(canon, check, key_path(key, canon))
            if term is not None:
                _forms(key, canon, forms, term, out[key], check)
    for key in ("stop", "filler"):
        table = check.table(data.get(key, {}), key) or {}
        check.keys(table, {"terms"}, key)
        terms = check.strings(table.get("terms", []), key_path(key, "terms")) or []
        out[key] = {t for i, v in enumerate(terms, start=1)
                    if (t := _term(v, check, key_path(key, "terms", i))) is not None}
    check.raise_if_any()
    return out


def corpus_vocabulary_file(corpus=None) -> Path | None:
    """The corpus folder's ``vocabulary.toml`` (whatever kind of file it is), or None.

    Examples
    --------
    >>> import tempfile
    >>> from briefkit.topics.normalize import corpus_vocabulary_file
    >>> corpus_vocabulary_file(tempfile.mkdtemp()) is None
    True
    """
    from briefkit.paths import corpus_dir

    path = corpus_dir(corpus) / VOCABULARY_FILE
    return path if path.exists() or path.is_symlink() else None


def load_vocabulary_rules(path=None, *, corpus=None, defaults: bool = True) -> VocabularyRules:
    """Load the default rules, plus a corpus's ``vocabulary.toml`` when there is one.

    Parameters
    ----------
    path : str or path, optional
        A vocabulary file. Default: ``vocabulary.toml`` in the corpus folder if present.
    corpus : str or path, optional
        Corpus folder (default :func:`briefkit.paths.corpus_dir`); only used to find the file.
    defaults : bool, default True
        Start from the packaged defaults (a file can still say ``replace_defaults = true``).

    Raises
    ------
    VocabularyError

    Examples
    --------
    >>> from briefkit.topics.normalize import load_vocabulary_rules
    >>> r = load_vocabulary_rules()
    >>> r.merge_exact[("US",)], r.merge[("kim", "jong-un")]
    ('united states', 'kim jong un')
    """
    layers = []
    if defaults:
        text = resources.files("briefkit").joinpath("data/topic_vocabulary.toml").read_text("utf-8")
        layers.append(("briefkit/data/topic_vocabulary.toml (packaged default)", text))
    label = None
    if path is None and corpus is not None:
        path, label = corpus_vocabulary_file(corpus), VOCABULARY_FILE
    if path is not None:
        p = Path(path)
        text = read_text_file(p, corpus=corpus, label=label or str(p))
        if text is None:
            raise VocabularyError([Problem(str(p), None, "vocabulary file does not exist")])
        layers.append((label or str(p), text))
    merge, exact, stop, filler, sources = {}, {}, set(), set(), []
    for source, text in layers:
        parsed = _parse(text, source)
        if parsed["replace_defaults"]:
            merge, exact, stop, filler, sources = {}, {}, set(), set(), []
        merge.update(parsed["merge"])
        exact.update(parsed["merge_exact"])
        stop |= parsed["stop"]
        filler |= parsed["filler"]
        sources.append(source)
    clash = sorted(set(merge.values()) & stop | set(exact.values()) & stop)
    if clash:
        raise VocabularyError([Problem(sources[-1], None, f"term(s) {clash} are both merge targets and stop terms")])
    return VocabularyRules(merge=merge, merge_exact=exact, stop=frozenset(stop),
                           filler=frozenset(filler), sources=tuple(sources))
