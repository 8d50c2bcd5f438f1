"""Classify the lines (units) of a document: kept, heading, or set aside with a category.

See :mod:`briefkit.corpus.cleaning.clean` for the categories. Every step here is one pass over the
units (or a bounded look around one), so classification takes time linear in the document.
"""

from __future__ import annotations

import re
from functools import lru_cache
from difflib import SequenceMatcher
from typing import Iterable, Sequence

from briefkit.corpus.cleaning.pullquotes import mark_pull_quotes
from briefkit.corpus.cleaning.rules import Rule
from briefkit.corpus.cleaning.textshape import (ends_sentence, is_date_line, match_key,
                                                script_counts)
from briefkit.corpus.cleaning.units import LINE_BREAK, DocumentMeta, Unit

__all__ = ["classify_units", "open_ended", "VISIBLE", "SOLID"]

# Visible text: not whitespace, not control characters, not invisible format characters.
VISIBLE = (r"[^\s\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
           r"\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]+")
SOLID = re.compile(rf"{VISIBLE}(?: {VISIBLE})*")  # words joined by single plain spaces
_VISIBLE_CHAR = re.compile(VISIBLE[:-1])  # one visible character
_HRULE = re.compile(r"^\s*([-*_=])(\s*\1){2,}\s*$")
_BY = re.compile(r"(?i)^by\s+\S")
_SERIES = re.compile(r"(?i)\b(issue|no\.|vol\.|volume|series|working paper|policy brief|report)\s*(no\.?\s*)?\d")
_BIO_VERBS = r"(is|was|has|holds|received|serves|served|joined|teaches|earned|obtained|specializes)"
_NON_LATIN_LETTER = re.compile(r"[^\W\d_\x00-\x7f\u00c0-\u024f\u1e00-\u1eff]")
_URL = re.compile(r"(?:https?://|www\.)\S+")
#: Titles longer than this (in match-key characters) are matched exactly only (no fuzzy match).
_FUZZY_TITLE_MAX = 300


def _find_title(units: list[Unit], title: str) -> tuple[int, int] | None:
    key = match_key(title)
    if not key:
        return None
    for i in range(len(units)):
        acc = ""
        for j in range(i, min(i + 4, len(units))):
            acc += match_key(units[j].plain)
            if acc == key:
                return i, j
            if not key.startswith(acc):
                break
    if len(key) > _FUZZY_TITLE_MAX:
        return None  # SequenceMatcher is quadratic in the title's length
    # tolerant match: one line very close to the title (typos, subtitle punctuation)
    for i, u in enumerate(units):
        k = match_key(u.plain)
        if k and abs(len(k) - len(key)) <= max(3, len(key) // 10) and \
                _close(k, key):
            return i, i
    return None


def _close(a: str, b: str) -> bool:
    sm = SequenceMatcher(None, a, b, autojunk=False)
    return sm.real_quick_ratio() >= 0.9 and sm.quick_ratio() >= 0.9 and sm.ratio() >= 0.9


def _names_in(plain_key: str, names: Iterable[str]) -> bool:
    return any(n and match_key(n) in plain_key for n in names)


def _is_byline(u: Unit, meta: DocumentMeta) -> bool:
    """Author, affiliation, date, series or rule lines right after the title.

    A line that reads as a sentence (ends with sentence punctuation) is never a
    byline, even if it names the author or the institute: it is the lede.
    """
    if _HRULE.match(u.raw) is not None or is_date_line(u.plain) or bool(_BY.match(u.plain)):
        return True
    if u.words > 25 or ends_sentence(u.plain):
        return False
    key = match_key(u.plain)
    return (_names_in(key, meta.authors) or _names_in(key, meta.affiliations)
            or (u.words <= 8 and _SERIES.search(u.plain) is not None))


def _first_rule(rules: Sequence[Rule], u: Unit, screen=None) -> Rule | None:
    anchored, others = screen if screen is not None else _screen(tuple(rules))
    if anchored is not None and anchored.match(u.plain) is None:
        plain, words = u.plain, u.words
        for r in others:  # (the word limit first: most body lines are too long for most rules)
            if (r.max_words is None or words <= r.max_words) and r.matches(plain, words):
                break
        else:
            return None  # no rule matches: one search for all rules anchored at the line start
    return next((r for r in rules if r.matches(u.plain, u.words)), None)


def _anchored(pattern: str) -> bool:
    """Does ``pattern`` start with ``^`` and have no ``|`` outside groups and classes?"""
    if not pattern.startswith("^"):
        return False
    depth, i, n = 0, 1, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i += 1
            i += pattern[i:i + 1] == "^"
            i += pattern[i:i + 1] == "]"  # a literal ] right after [ or [^
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return False
        i += 1
    return True


@lru_cache(maxsize=8)
def _screen(rules: tuple[Rule, ...]) -> tuple[re.Pattern | None, tuple[Rule, ...]]:
    """The packaged rules anchored at the line start as one pattern, and the other rules.

    Returns ``(None, rules)`` when a rule comes from a corpus (those run one by one, with
    their time limit).
    """
    if not rules or any(r.limited for r in rules):
        return None, rules
    anchored = [r for r in rules if _anchored(r.pattern.pattern)]
    others = [r for r in rules if not _anchored(r.pattern.pattern)]
    if not anchored:
        return None, rules
    try:
        screen = re.compile("|".join(f"(?:{r.pattern.pattern})" for r in anchored), re.IGNORECASE)
    except re.error:
        return None, rules
    return screen, tuple(others)


def _apply_rules(units: list[Unit], rules: Sequence[Rule], raw: str) -> None:
    i, n = 0, len(units)
    screen = _screen(tuple(rules))  # hashing the rules once per document, not per line
    while i < n:
        u = units[i]
        if u.category is not None:
            i += 1
            continue
        hit = _first_rule(rules, u, screen)
        if hit is None:
            i += 1
            continue
        u.category = hit.category
        if hit.scope == "rest":
            for v in units[i + 1:]:
                v.category = v.category or hit.category
            return
        if hit.scope == "block":
            # the line and its wrapped continuation: following lines with no blank line
            # between, while the previous line stops mid-sentence
            j = i + 1
            while j < n and units[j].category is None and not ends_sentence(units[j - 1].plain) and \
                    units[j].words <= 20 and len(LINE_BREAK.findall(raw, units[j - 1].end, units[j].start)) <= 1:
                units[j].category = hit.category
                j += 1
            i = j
            continue
        if hit.scope == "section":
            j = i + 1
            while j < n and not units[j].md_heading and units[j].category is None and \
                    _first_rule(rules, units[j], screen) is None:
                units[j].category = hit.category
                j += 1
            i = j
            continue
        i += 1


def _mark_bio_tail(units: list[Unit], meta: DocumentMeta, body_start: int) -> None:
    """A line that is just an author's name after the body starts a closing biography."""
    names = [match_key(a) for a in meta.authors if a]
    if not names:
        return
    surnames = [a.split()[-1] for a in meta.authors if a.split()]
    bio_para = re.compile(
        rf"(?i)^(dr\.?|prof\.?|professor|mr\.?|ms\.?|mrs\.?)?\s*({'|'.join(map(re.escape, meta.authors))}"
        rf"|(dr\.?|prof\.?|professor)\s+({'|'.join(map(re.escape, surnames))}))\s+{_BIO_VERBS}\b")
    for i in range(body_start, len(units)):
        u = units[i]
        if u.category is None and u.words <= 6 and match_key(u.plain) in names:
            for v in units[i:]:
                v.category = v.category or "author_bio"
            return
        if u.category is None and bio_para.match(u.plain):
            u.category = "author_bio"


def _mark_non_english(units: list[Unit]) -> None:
    counts_all = script_counts(" ".join(u.plain for u in units))
    if len(counts_all) < 2:
        return  # one script only (or no letters): nothing to set aside
    main = max(sorted(counts_all), key=lambda k: counts_all[k])
    for u in units:
        if u.category is not None or (main == "LATIN" and _NON_LATIN_LETTER.search(u.plain) is None):
            continue  # only Latin letters: nothing to count
        text = _URL.sub(" ", u.plain)
        counts = script_counts(text)
        letters = sum(counts.values())
        if letters and counts.get(main, 0) * 2 < letters:
            u.category = "non_english"


def classify_units(units: list[Unit], meta: DocumentMeta, rules: Sequence[Rule], raw: str) -> None:
    """Set ``category`` (None = kept) and ``heading`` on every unit, in place."""
    for u in units:
        if _HRULE.match(u.raw):
            u.category = "markup"
        elif _VISIBLE_CHAR.search(u.plain) is None:
            u.category = "control"  # only control or invisible format characters
    _apply_rules(units, rules, raw)
    title = _find_title(units, meta.title) if meta.title else None
    body_start = 0
    if title is not None:
        t0, t1 = title
        for u in units[:t0]:
            u.category = u.category or "front_matter"
        for u in units[t0:t1 + 1]:
            if u.category in (None, "caption", "navigation"):
                u.category = None
                u.title = True
        body_start = t1 + 1
        for u in units[body_start:]:
            if u.category is None and not _is_byline(u, meta):
                break
            if u.category is None:
                u.category = "byline"
            body_start += 1
    _mark_non_english(units)
    _mark_bio_tail(units, meta, body_start)
    mark_pull_quotes(units, raw)
    for u in units:
        u.heading = u.category is None and (u.title or u.md_heading or (
            _heading_like(u) and not open_ended(u.plain)))


_CONNECTOR_END = re.compile(
    r"(?i)([,\-–—/&(]|\b(and|or|but|nor|of|the|a|an|to|in|into|for|with|on|by|at|from|that|as|"
    r"which|who|whose|its|their|his|her|our|is|are|was|were|be|than|between|about|under|over))\s*$")


def _heading_like(u: Unit) -> bool:
    """:func:`is_heading_like` on a unit, with the word count it already has (``plain`` is stripped)."""
    return bool(u.plain) and u.words <= 15 and not ends_sentence(u.plain)


def open_ended(text: str) -> bool:
    """A line that stops mid-phrase (comma, dash or a function word): never a heading."""
    # a match ends the line and is at most 7 characters before its trailing whitespace ("between")
    return _CONNECTOR_END.search(text, max(0, len(text.rstrip()) - 7)) is not None


