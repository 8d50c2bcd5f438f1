"""Lossless text edits: apply them, undo them, and map offsets back to the raw text.

Cleaning never rewrites a document in place. It produces a sorted list of
non-overlapping :class:`Edit` records, each saying "raw[start:end] became
``replacement`` because of ``category``". The cleaned text is the raw text with
the edits applied, so the raw text is exactly recoverable from the cleaned text
and the record (:func:`restore_raw`), and every offset in the cleaned text maps
back to the raw file (:class:`OffsetMap`).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable, Sequence

import pandas as pd

__all__ = ["Edit", "apply_edits", "restore_raw", "OffsetMap", "edits_table", "edits_from_table"]


@dataclass(frozen=True, order=True)
class Edit:
    """``raw[start:end]`` (= ``text``) is replaced by ``replacement`` in the cleaned text."""

    start: int
    end: int
    text: str
    replacement: str
    category: str

    def __post_init__(self):
        if not 0 <= self.start <= self.end:
            raise ValueError(f"edit offsets must satisfy 0 <= start <= end, got {self.start}, {self.end}")
        if self.end - self.start != len(self.text):
            raise ValueError("edit text length must equal end - start")


def _check(raw: str, edits: Sequence[Edit]) -> None:
    pos = 0
    for e in edits:
        if e.start < pos:
            raise ValueError(f"edits overlap or are unsorted at raw offset {e.start}")
        if raw[e.start:e.end] != e.text:
            raise ValueError(f"edit at {e.start}:{e.end} does not match the raw text")
        pos = e.end


def apply_edits(raw: str, edits: Sequence[Edit]) -> str:
    """Return the cleaned text: ``raw`` with every edit applied.

    Examples
    --------
    >>> from briefkit.corpus.cleaning.edits import Edit, apply_edits
    >>> apply_edits("a\\u00a0b**", [Edit(1, 2, "\\u00a0", " ", "unicode"), Edit(3, 5, "**", "", "markup")])
    'a b'
    """
    _check(raw, edits)
    out, pos = [], 0
    for e in edits:
        out.append(raw[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(raw[pos:])
    return "".join(out)


def restore_raw(clean: str, edits: Iterable[Edit]) -> str:
    """Rebuild the raw text from the cleaned text and the edit record.

    Examples
    --------
    >>> from briefkit.corpus.cleaning.edits import Edit, restore_raw
    >>> restore_raw("a b", [Edit(1, 2, "\\u00a0", " ", "unicode"), Edit(3, 5, "**", "", "markup")])
    'a\\xa0b**'
    """
    out, raw_pos, clean_pos = [], 0, 0
    for e in sorted(edits):
        keep = e.start - raw_pos
        out.append(clean[clean_pos:clean_pos + keep])
        clean_pos += keep
        if clean[clean_pos:clean_pos + len(e.replacement)] != e.replacement:
            raise ValueError(f"cleaned text does not hold the replacement of the edit at raw {e.start}")
        out.append(e.text)
        clean_pos += len(e.replacement)
        raw_pos = e.end
    out.append(clean[clean_pos:])
    return "".join(out)


class OffsetMap:
    """Map character offsets in the cleaned text to offsets in the raw text.

    Examples
    --------
    >>> from briefkit.corpus.cleaning.edits import Edit, OffsetMap
    >>> m = OffsetMap([Edit(0, 2, "**", "", "markup")])
    >>> m.span(0, 3)   # clean "abc" came from raw "**abc"
    (2, 5)
    """

    def __init__(self, edits: Sequence[Edit]):
        # Piecewise map: for each edit, where its replacement starts in clean text.
        self._clean_starts: list[int] = []
        self._edits = list(edits)
        shift = 0  # clean = raw - shift, in identity stretches after the edit
        for e in self._edits:
            self._clean_starts.append(e.start - shift)
            shift += (e.end - e.start) - len(e.replacement)
        self._shifts_after = []
        shift = 0
        for e in self._edits:
            shift += (e.end - e.start) - len(e.replacement)
            self._shifts_after.append(shift)

    def _locate(self, p: int):
        i = bisect_right(self._clean_starts, p) - 1
        if i < 0:
            return None, p  # before any edit: identity
        e, cs = self._edits[i], self._clean_starts[i]
        if p < cs + len(e.replacement):
            return e, p - cs  # inside the replacement of edit i
        return None, p + self._shifts_after[i]

    def start(self, p: int) -> int:
        """Raw offset of the clean character at ``p``."""
        e, q = self._locate(p)
        if e is None:
            return q
        if len(e.replacement) == e.end - e.start:
            return e.start + q
        return e.start

    def end(self, p: int) -> int:
        """Raw offset just after the clean character at ``p - 1`` (for span ends)."""
        if p <= 0:
            return self.start(0) if p == 0 else 0
        e, q = self._locate(p - 1)
        if e is None:
            return q + 1
        if len(e.replacement) == e.end - e.start:
            return e.start + q + 1
        return e.end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` of the clean span ``[start, end)``."""
        if end <= start:
            s = self.start(start)
            return s, s
        return self.start(start), self.end(end)


def edits_table(doc_id: str, edits: Iterable[Edit]) -> pd.DataFrame:
    """Tidy record of edits: ``doc_id, start, end, category, text, replacement``.

    Examples
    --------
    >>> from briefkit.corpus.cleaning.edits import Edit, edits_table
    >>> edits_table("d1", [Edit(3, 5, "**", "", "markup")]).values.tolist()
    [['d1', 3, 5, 'markup', '**', '']]
    """
    rows = [(doc_id, e.start, e.end, e.category, e.text, e.replacement) for e in edits]
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "category", "text", "replacement"]).astype(
        {"start": "int64", "end": "int64"})


def edits_from_table(table: pd.DataFrame) -> list[Edit]:
    """Inverse of :func:`edits_table` for one document's rows."""
    return sorted(Edit(int(r.start), int(r.end), str(r.text), str(r.replacement), str(r.category))
                  for r in table.itertuples(index=False))
