"""Load cleaning rules: the packaged defaults plus an optional ``cleaning.toml`` in the corpus.

Rules are data, not code, so corpus-specific patterns live next to the corpus.
See ``briefkit/data/cleaning_rules.toml`` for the format.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from briefkit.errors import BriefkitError
from briefkit.corpus.manifest import resolve_file

__all__ = ["Rule", "load_rules", "parse_rules", "CORPUS_RULES_FILE"]

CORPUS_RULES_FILE = "cleaning.toml"
_SCOPES = ("line", "block", "section", "rest")


@dataclass(frozen=True)
class Rule:
    """One line pattern: matching lines are set aside as ``category``."""

    category: str
    pattern: re.Pattern
    scope: str = "line"
    max_words: int | None = None
    source: str = ""

    def matches(self, plain: str, n_words: int) -> bool:
        if self.max_words is not None and n_words > self.max_words:
            return False
        return self.pattern.search(plain) is not None


def parse_rules(text: str, *, source: str) -> tuple[list[Rule], bool]:
    """Parse a rules TOML document; return ``(rules, replace_defaults)``.

    Raises
    ------
    BriefkitError
        Naming ``source``, the rule number and the problem.

    Examples
    --------
    >>> from briefkit.corpus.rules import parse_rules
    >>> rules, _ = parse_rules('[[rule]]\\ncategory = "nav"\\npattern = "^read more$"', source="x.toml")
    >>> rules[0].matches("Read more", 2)
    True
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BriefkitError(f"{source}: not valid TOML: {exc}") from None
    replace = data.get("replace_defaults", False)
    if not isinstance(replace, bool):
        raise BriefkitError(f"{source}: replace_defaults must be true or false")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise BriefkitError(f"{source}: 'rule' must be an array of tables ([[rule]])")
    rules = []
    for i, item in enumerate(raw_rules, start=1):
        where = f"{source}: rule {i}"
        if not isinstance(item, dict):
            raise BriefkitError(f"{where}: must be a table")
        unknown = set(item) - {"category", "pattern", "scope", "max_words"}
        if unknown:
            raise BriefkitError(f"{where}: unknown key(s) {sorted(unknown)}")
        category, pattern = item.get("category"), item.get("pattern")
        if not isinstance(category, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", category):
            raise BriefkitError(f"{where}: category must be a lower-case identifier, got {category!r}")
        if not isinstance(pattern, str) or not pattern:
            raise BriefkitError(f"{where}: pattern must be a non-empty string")
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            raise BriefkitError(f"{where}: invalid regular expression {pattern!r}: {exc}") from None
        if compiled.search("") is not None:
            raise BriefkitError(f"{where}: pattern {pattern!r} matches the empty string")
        scope = item.get("scope", "line")
        if scope not in _SCOPES:
            raise BriefkitError(f"{where}: scope must be one of {_SCOPES}, got {scope!r}")
        max_words = item.get("max_words")
        if max_words is not None and (not isinstance(max_words, int) or max_words < 1):
            raise BriefkitError(f"{where}: max_words must be a positive integer")
        rules.append(Rule(category, compiled, scope, max_words, source))
    return rules, replace


def load_rules(corpus: str | Path | None = None) -> tuple[Rule, ...]:
    """Packaged default rules plus ``<corpus>/cleaning.toml`` when present.

    Examples
    --------
    >>> from briefkit.corpus.rules import load_rules
    >>> any(r.category == "comments" for r in load_rules())
    True
    """
    text = resources.files("briefkit").joinpath("data/cleaning_rules.toml").read_text("utf-8")
    rules, _ = parse_rules(text, source="briefkit/data/cleaning_rules.toml")
    if corpus is not None:
        path = resolve_file(Path(corpus), CORPUS_RULES_FILE)  # refuses symbolic links
        if path.is_file():
            try:
                extra_text = path.read_text("utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise BriefkitError(f"{path}: cannot read cleaning rules: {exc}") from None
            extra, replace = parse_rules(extra_text, source=str(path))
            rules = extra if replace else rules + extra
    return tuple(rules)
