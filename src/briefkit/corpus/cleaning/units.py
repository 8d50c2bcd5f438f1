"""Units of a raw text: its non-blank lines, with the markup inside each.

:class:`Unit` is what cleaning classifies (kept, heading, or set aside with a category);
:class:`DocumentMeta` is what cleaning may know about the document from the manifest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from briefkit.corpus.cleaning.edits import Edit
from briefkit.corpus.cleaning.textshape import WORD_NO_UNDERSCORE

__all__ = ["DocumentMeta", "Unit", "CleanResult", "split_units", "attach_drops", "LINE_BREAK"]

LINE_BREAK = re.compile(r"\r\n|\r|\n")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s")
# briefkit's words (textshape.word_count, on text whose underscores are spaces) or a line break
_WORD_OR_BREAK = re.compile(WORD_NO_UNDERSCORE.pattern + r"|\n")


@dataclass(frozen=True)
class DocumentMeta:
    """What cleaning may know about a document (from the manifest)."""

    doc_id: str = ""
    title: str = ""
    authors: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()


@dataclass
class Unit:
    """A non-blank line of the raw text."""

    start: int
    end: int
    raw: str
    plain: str = ""
    words: int = 0
    category: str | None = None
    heading: bool = False
    md_heading: bool = False
    title: bool = False
    drops: list = field(default_factory=list)


@dataclass(frozen=True)
class CleanResult:
    """Cleaned text and the complete edit record."""

    doc_id: str
    raw: str
    clean: str
    edits: tuple[Edit, ...]
    headings: tuple[tuple[int, int], ...]  # clean-text spans of kept heading units


def split_units(raw: str) -> list[Unit]:
    units, pos = [], 0
    bounds = [(m.start(), m.end()) for m in LINE_BREAK.finditer(raw)] + [(len(raw), len(raw))]
    for ls, le in bounds:
        line = raw[pos:ls]
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            s = pos + lead
            units.append(Unit(s, s + len(stripped), stripped))
        pos = le
    return units


def _plain(unit: Unit, drops: Sequence[tuple[int, int, str]]) -> str:
    if not drops:
        return " ".join(unit.raw.split())
    out, pos = [], unit.start
    for s, e, _ in drops:
        out.append(unit.raw[pos - unit.start:s - unit.start])
        out.append(" ")
        pos = e
    out.append(unit.raw[pos - unit.start:])
    return " ".join("".join(out).split())


def attach_drops(units: list[Unit], drops: list[tuple[int, int, str]]) -> None:
    """Give each unit the markup drops inside it (a multi-line link is split per line)."""
    i = 0
    for s, e, c in drops:
        while i < len(units) and units[i].end <= s:
            i += 1
        j = i
        while j < len(units) and units[j].start < e:
            u = units[j]
            cs, ce = max(s, u.start), min(e, u.end)
            if ce > cs:
                u.drops.append((cs, ce, c))
            j += 1
    for u in units:
        u.plain = _plain(u, u.drops)
        u.md_heading = bool(_MD_HEADING.match(u.raw))
    for u, n in zip(units, line_word_counts([u.plain for u in units])):
        u.words = n


def line_word_counts(lines: list[str]) -> list[int]:
    """:func:`~briefkit.corpus.cleaning.textshape.word_count` of each line (no line holds a ``\n``), in one regex pass.

    Words never cross a line break, so the lines are joined by one and the words between
    consecutive breaks are counted.

    Examples
    --------
    >>> line_word_counts(["U.S.-led cost-sharing", "", "a 7-day truce"])
    [3, 0, 3]
    """
    tokens = _WORD_OR_BREAK.findall("\n".join(lines).replace("_", " "))
    tokens.append("\n")
    counts, pos = [], 0
    for _ in lines:
        end = tokens.index("\n", pos)
        counts.append(end - pos)
        pos = end + 1
    return counts


