"""Load cleaning rules: the packaged defaults plus an optional ``cleaning.toml`` in the corpus.

Rules are data, not code, so corpus-specific patterns live next to the corpus.
See ``briefkit/data/cleaning_rules.toml`` for the format.

Time on untrusted text. The packaged patterns are written to run in linear time on any line
(the pathological-input tests hold them to it). A corpus's own patterns are corpus patterns
(:mod:`briefkit.inputs.patterns`): accepted or refused when loaded by a static check of their
parsed form (no nested or ambiguous repeats, no backreferences, bounded lookarounds; the same
on every machine), then searched in bounded windows of a line with a time limit as the last
guard; a line that exceeds it stops loading with a :class:`~briefkit.errors.CorpusError`
naming the file, the rule, the pattern and the line's first words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from briefkit.errors import CorpusError
from briefkit.inputs.files import read_curated_text
from briefkit.inputs.patterns import CorpusPattern, compile_corpus_pattern
from briefkit.inputs.toml import TomlChecker, key_path, parse_toml

__all__ = ["Rule", "load_rules", "parse_rules", "read_rules_file", "CORPUS_RULES_FILE", "SCOPES"]

CORPUS_RULES_FILE = "cleaning.toml"
#: Where a rule's category extends from the line it matches.
SCOPES = ("line", "block", "section", "rest")
_KEYS = {"category", "pattern", "scope", "max_words", "requires"}


@dataclass(frozen=True)
class Rule:
    """One line pattern: matching lines are set aside as ``category``."""

    category: str
    pattern: re.Pattern | CorpusPattern
    scope: str = "line"
    max_words: int | None = None
    source: str = ""
    number: int = 0
    limited: bool = False  # a corpus pattern: searched in bounded windows with a time limit
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
        words = " ".join(plain.split()[:8])[:80]
        return self.pattern.search(plain, unit=f"a line of {len(plain):,} characters starting {words!r}") is not None


def _rule(item, i: int, check: TomlChecker, source: str, limited: bool) -> Rule | None:
    where = key_path("rule", i)
    if check.table(item, where) is None:
        return None
    before = len(check.problems)
    check.keys(item, _KEYS, where)
    category = check.string(item.get("category"), key_path("rule", i, "category"), pattern=r"[a-z][a-z0-9_]*",
                            what="a lower-case identifier (letters, digits, _)")
    pattern = check.string(item.get("pattern"), key_path("rule", i, "pattern"))
    scope = item.get("scope", "line")
    if scope not in SCOPES:
        check.add(key_path("rule", i, "scope"), f"must be one of {', '.join(SCOPES)}, got {scope!r}")
    max_words = item.get("max_words")
    if max_words is not None:
        check.positive_int(max_words, key_path("rule", i, "max_words"))
    requires = check.strings(item.get("requires", []), key_path("rule", i, "requires"))
    compiled = None
    if pattern is not None:
        path = key_path("rule", i, "pattern")
        try:
            compiled = (compile_corpus_pattern(pattern, source=source, where=path) if limited
                        else re.compile(pattern, re.IGNORECASE))
        except CorpusError as exc:
            check.problems += exc.problems
        except re.error as exc:
            check.add(path, f"invalid regular expression {pattern!r}: {exc}")
        if compiled is not None and compiled.search("") is not None:
            check.add(path, f"pattern {pattern!r} matches the empty string")
    if len(check.problems) > before:
        return None
    return Rule(category, compiled, scope, max_words, source, i, limited, tuple(s.lower() for s in requires))


def parse_rules(text: str, *, source: str, limited: bool = True) -> tuple[list[Rule], bool]:
    """Parse a rules TOML document; return ``(rules, replace_defaults)``.

    ``limited=True`` (rules from a corpus) checks and compiles each pattern as a corpus pattern
    (:func:`briefkit.inputs.patterns.compile_corpus_pattern`); the packaged rules are parsed with
    ``limited=False`` (Python's ``re``, trusted and tested for linear time).

    Raises
    ------
    CorpusError
        With every problem, each naming ``source``, the key path (``rule[2].pattern``) and what
        is wrong.

    Examples
    --------
    >>> from briefkit.corpus.cleaning.rules import parse_rules
    >>> rules, _ = parse_rules('[[rule]]\\ncategory = "nav"\\npattern = "^read more$"', source="x.toml")
    >>> rules[0].matches("Read more", 2)
    True
    """
    data = parse_toml(text, label=source)
    check = TomlChecker(source)
    check.keys(data, {"replace_defaults", "rule"}, "")
    replace = data.get("replace_defaults", False)
    check.boolean(replace, "replace_defaults")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        check.add("rule", "must be an array of tables ([[rule]])")
        raw_rules = []
    rules = [_rule(item, i, check, source, limited) for i, item in enumerate(raw_rules, start=1)]
    check.raise_if_any()
    return [r for r in rules if r is not None], bool(replace)


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

    The file is opened by :func:`briefkit.inputs.files.read_curated_text` (a regular UTF-8 file
    inside the corpus folder).

    Raises
    ------
    CorpusError
        When the file is a folder, a FIFO, a symbolic link out of the corpus, not UTF-8, not
        valid TOML, or a rule is bad.
    """
    text = read_curated_text(corpus, CORPUS_RULES_FILE)
    if text is None:
        return None
    return parse_rules(text, source=CORPUS_RULES_FILE)
