"""Rows of one document's paragraphs and sentences, with their spans in the raw text.

The per-document row builders that :mod:`briefkit.corpus.pipeline` maps over a corpus (on every
core or on Dask) and :mod:`briefkit.corpus.text.segment` turns into tables. They depend only on
the sentence splitter (:mod:`briefkit.corpus.text.punkt`) and the edit record, so both modules
import them one way.
"""

from __future__ import annotations

from typing import NamedTuple

from briefkit.corpus.cleaning.clean import CleanResult
from briefkit.corpus.cleaning.edits import OffsetMap
from briefkit.corpus.text.punkt import sentence_spans

__all__ = ["SENTENCE_COLUMNS", "PARAGRAPH_COLUMNS", "paragraph_spans", "paragraph_rows", "sentence_rows",
           "sentence_chunk"]

SENTENCE_COLUMNS = ["doc_id", "sent_id", "para_id", "start", "end", "text", "is_heading"]
PARAGRAPH_COLUMNS = ["doc_id", "para_id", "start", "end", "text", "is_heading"]


def paragraph_spans(clean: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank paragraph (blocks between blank lines) of clean text."""
    out, pos = [], 0
    for para in clean.split("\n\n"):
        if para.strip():
            out.append((pos, pos + len(para)))
        pos += len(para) + 2
    return out


def paragraph_rows(doc_id: str, clean: str, res: CleanResult) -> list[tuple]:
    """Rows of :data:`PARAGRAPH_COLUMNS` for one document."""
    omap = OffsetMap(res.edits)
    headings = set(res.headings)
    rows = []
    for k, (s, e) in enumerate(paragraph_spans(clean)):
        rs, re_ = omap.span(s, e)
        rows.append((doc_id, k, rs, re_, clean[s:e], (s, e) in headings))
    return rows


class _Span(NamedTuple):
    """What :class:`OffsetMap` needs of an edit (cheap to send to a worker process)."""

    start: int
    end: int
    replacement: str


def sentence_rows(doc_id: str, clean: str, res: CleanResult) -> list[tuple]:
    """Rows of :data:`SENTENCE_COLUMNS` for one document (a heading paragraph is one sentence)."""
    return _sentence_rows(doc_id, clean, res.edits, res.headings)


def _sentence_rows(doc_id: str, clean: str, edits, headings) -> list[tuple]:
    omap = OffsetMap(edits)
    headings = set(headings)
    rows, sid = [], 0
    for k, (ps, pe) in enumerate(paragraph_spans(clean)):
        para = clean[ps:pe]
        is_heading = (ps, pe) in headings
        for s, e in ([(0, len(para))] if is_heading else sentence_spans(para)):
            rs, re_ = omap.span(ps + s, ps + e)
            rows.append((doc_id, sid, k, rs, re_, para[s:e], is_heading))
            sid += 1
    return rows


def sentence_chunk(items) -> list[list[tuple]]:
    """Sentence rows of a chunk of documents ``(doc_id, clean, edits, headings)`` (one job of the pipeline)."""
    return [_sentence_rows(d, c, [_Span(*e) for e in edits], headings) for d, c, edits, headings in items]
