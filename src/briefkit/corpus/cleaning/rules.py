"""Load cleaning rules: the packaged defaults plus an optional ``cleaning.toml`` in the corpus.

Rules are data, not code, so corpus-specific patterns live next to the corpus.
See ``briefkit/data/cleaning_rules.toml`` for the format.

Time on untrusted text. The packaged patterns are written to run in linear time on any line
(the pathological-input tests hold them to it). A corpus's own patterns are compiled with the
``regex`` module and (1) checked when loaded: each is run on lines of 20,000 characters of
shapes that make backtracking patterns explode (one long word, runs of dots, digits, spaces,
brackets ...) and refused when one takes longer than :data:`PROBE_SECONDS`; (2) searched with
a time limit of :data:`LINE_SECONDS` plus :data:`SECONDS_PER_CHAR` per character of the line,
and a line that exceeds it stops loading with a :class:`~briefkit.errors.CorpusError` naming
the file, the rule and the line's first words.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from briefkit.errors import CorpusError, Problem
from briefkit.corpus.sources.manifest import resolve_file

__all__ = ["Rule", "load_rules", "parse_rules", "read_rules_file", "CORPUS_RULES_FILE",
           "PROBE_SECONDS", "LINE_SECONDS", "SECONDS_PER_CHAR"]

CORPUS_RULES_FILE = "cleaning.toml"
_SCOPES = ("line", "block", "section", "rest")
#: A corpus pattern taking longer than this on one 20,000-character probe line is refused.
PROBE_SECONDS = 0.25
#: Time limit for one corpus pattern on one line: this plus SECONDS_PER_CHAR per character.
LINE_SECONDS = 1.0
SECONDS_PER_CHAR = 2e-6
_PROBE_CHARS = 20_000
_PROBES = ("a", "a ", "1.", ".", "-", " ", "[", "a@", "http://.", "&#", "<a ", "*a", "May 1 - ")


def _fail(source: str, problem: str) -> CorpusError:
    return CorpusError([Problem(source, None, problem)])


@dataclass(frozen=True)
class Rule:
    """One line pattern: matching lines are set aside as ``category``."""

    category: str
    pattern: re.Pattern
    scope: str = "line"
    max_words: int | None = None
    source: str = ""
    number: int = 0
    limited: bool = False  # a corpus pattern (``regex`` module): searched with a time limit
    requires: tuple[str, ...] = ()  # the pattern is tried only on lines holding one of these

    def matches(self, plain: str, n_words: int) -> bool:
        if self.max_words is not None and n_words > self.max_words:
            return False
        if self.requires:
            folded = plain.lower()
            if not any(s in folded for s in self.requires):
                return False
        if not self.limited:
            return self.pattern.search(plain) is not None
        try:
            return self.pattern.search(plain, timeout=LINE_SECONDS + SECONDS_PER_CHAR * len(plain)) is not None
        except TimeoutError:
            words = " ".join(plain.split()[:8])[:80]
            raise _fail(self.source, f"rule {self.number}: pattern {self.pattern.pattern!r} took too long "
                                     f"on a line of {len(plain):,} characters starting {words!r}; anchor it "
                                     "(^), bound its repeats ({0,100}) or avoid nested repeats") from None


def _compile_limited(pattern: str, where: str, source: str):
    import regex  # the `regex` module: same syntax as re, with a time limit on searches

    try:
        compiled = regex.compile(pattern, regex.IGNORECASE | regex.V0)
    except regex.error as exc:
        raise _fail(source, f"{where}: invalid regular expression {pattern!r}: {exc}") from None
    for shape in _PROBES:
        line = (shape * (_PROBE_CHARS // len(shape) + 1))[:_PROBE_CHARS]
        try:
            compiled.search(line, timeout=PROBE_SECONDS)
        except TimeoutError:
            raise _fail(source, f"{where}: pattern {pattern!r} takes more than {PROBE_SECONDS} s on a line of "
                                f"{_PROBE_CHARS:,} characters repeating {shape!r} (its time grows faster than "
                                "the line); anchor it (^), bound its repeats ({0,100}) or avoid nested "
                                "repeats") from None
    return compiled


def parse_rules(text: str, *, source: str, limited: bool = True) -> tuple[list[Rule], bool]:
    """Parse a rules TOML document; return ``(rules, replace_defaults)``.

    ``limited=True`` (rules from a corpus) compiles patterns with the ``regex`` module, refuses
    patterns that fail the time probe and searches with a time limit; the packaged rules are
    parsed with ``limited=False`` (Python's ``re``, no limit).

    Raises
    ------
    CorpusError
        Naming ``source``, the rule number and the problem.

    Examples
    --------
    >>> from briefkit.corpus.cleaning.rules import parse_rules
    >>> rules, _ = parse_rules('[[rule]]\\ncategory = "nav"\\npattern = "^read more$"', source="x.toml")
    >>> rules[0].matches("Read more", 2)
    True
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(source, f"not valid TOML: {exc}") from None
    replace = data.get("replace_defaults", False)
    if not isinstance(replace, bool):
        raise _fail(source, "replace_defaults must be true or false")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise _fail(source, "'rule' must be an array of tables ([[rule]])")
    rules = []
    for i, item in enumerate(raw_rules, start=1):
        where = f"rule {i}"
        if not isinstance(item, dict):
            raise _fail(source, f"{where}: must be a table")
        unknown = set(item) - {"category", "pattern", "scope", "max_words", "requires"}
        if unknown:
            raise _fail(source, f"{where}: unknown key(s) {sorted(unknown)}")
        category, pattern = item.get("category"), item.get("pattern")
        if not isinstance(category, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", category):
            raise _fail(source, f"{where}: category must be a lower-case identifier, got {category!r}")
        if not isinstance(pattern, str) or not pattern:
            raise _fail(source, f"{where}: pattern must be a non-empty string")
        if limited:
            compiled = _compile_limited(pattern, where, source)
        else:
            try:
                compiled = re.compile(pattern, re.IGNORECASE)
            except re.error as exc:
                raise _fail(source, f"{where}: invalid regular expression {pattern!r}: {exc}") from None
        if compiled.search("") is not None:
            raise _fail(source, f"{where}: pattern {pattern!r} matches the empty string")
        scope = item.get("scope", "line")
        if scope not in _SCOPES:
            raise _fail(source, f"{where}: scope must be one of {_SCOPES}, got {scope!r}")
        max_words = item.get("max_words")
        if max_words is not None and (not isinstance(max_words, int) or max_words < 1):
            raise _fail(source, f"{where}: max_words must be a positive integer")
        requires = item.get("requires", [])
        if not isinstance(requires, list) or not all(isinstance(s, str) and s for s in requires):
            raise _fail(source, f"{where}: requires must be a list of non-empty strings")
        rules.append(Rule(category, compiled, scope, max_words, source, i, limited,
                          tuple(s.lower() for s in requires)))
    return rules, replace


def load_rules(corpus: str | Path | None = None) -> tuple[Rule, ...]:
    """Packaged default rules plus ``<corpus>/cleaning.toml`` when present.

    Examples
    --------
    >>> from briefkit.corpus.cleaning.rules import load_rules
    >>> any(r.category == "comments" for r in load_rules())
    True
    """
    rules = list(_default_rules())
    if corpus is not None:
        found = read_rules_file(corpus)
        if found is not None:
            extra, replace = found
            rules = extra if replace else rules + extra
    return tuple(rules)


@lru_cache(maxsize=1)
def _default_rules() -> tuple[Rule, ...]:
    text = resources.files("briefkit").joinpath("data/cleaning_rules.toml").read_text("utf-8")
    return tuple(parse_rules(text, source="briefkit/data/cleaning_rules.toml", limited=False)[0])


def read_rules_file(corpus: str | Path) -> tuple[list[Rule], bool] | None:
    """The rules of ``<corpus>/cleaning.toml`` and its ``replace_defaults`` (``None`` without the file).

    Raises
    ------
    CorpusError
        When the file is a folder, a symbolic link, not UTF-8, not valid TOML, or a rule is bad.
    """
    path = resolve_file(Path(corpus), CORPUS_RULES_FILE)  # refuses symbolic links
    if not path.exists():
        return None
    if not path.is_file():
        raise _fail(str(path), "is not a regular file (a folder?); cleaning rules must be a TOML file")
    try:
        extra_text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(str(path), f"cannot read cleaning rules: not UTF-8 (byte {exc.start}); "
                               "save it as UTF-8") from None
    except OSError as exc:
        raise _fail(str(path), f"cannot read cleaning rules: {exc.strerror or exc}") from None
    return parse_rules(extra_text, source=str(path))
