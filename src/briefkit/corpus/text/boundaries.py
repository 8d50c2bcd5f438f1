"""Sentence boundaries against hand labels: precision, recall and F1 of the sentence starts a splitter decides.

A labelled set (``tests/data/sentence_boundaries``: ``RULES.md``, ``regions.csv``,
``boundaries.csv``) records where every sentence starts, as raw character offsets, in labelled
stretches (*regions*) of documents. A splitter is scored on what it decides inside briefkit's
paragraphs of clean text: a paragraph's first sentence starts where the paragraph does, for every
splitter, so only the starts after it count. A labelled start counts when a character of clean text
inside a paragraph comes from it (text cleaning set aside, such as a pull quote, is not scored).
Starts are compared after skipping whitespace and markup (``#``, ``*``, ``>``, ``_``, bullets, ``[``,
``-``, ``\\``) on both sides, so "the sentence starts at the bullet" and "at the word after it" agree.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Callable

import pandas as pd

from briefkit.corpus.cleaning.edits import OffsetMap
from briefkit.corpus.text.punkt import sentence_spans
from briefkit.corpus.text.rows import paragraph_spans

__all__ = ["read_boundary_labels", "first_text", "labelled_starts", "predicted_starts", "boundary_scores"]

_SKIP = frozenset(" \t\r\n\u00a0\u2009#*>_•▪●[-\\")


def first_text(raw: str, p: int, end: int | None = None) -> int:
    """The first offset at or after ``p`` that is not whitespace or markup.

    Examples
    --------
    >>> from briefkit.corpus.text.boundaries import first_text
    >>> first_text("x.  - **Next**", 2)
    8
    """
    end = len(raw) if end is None else end
    while p < end and raw[p] in _SKIP:
        p += 1
    return p


def read_boundary_labels(folder: str | os.PathLike) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(regions, boundaries)`` of a labelled set: ``corpus, doc_id, start, end`` and ``corpus, doc_id, offset, text``."""
    folder = Path(folder)
    with open(folder / "regions.csv", encoding="utf-8", newline="") as fh:
        regions = pd.DataFrame(list(csv.DictReader(fh)))
    with open(folder / "boundaries.csv", encoding="utf-8", newline="") as fh:
        labels = pd.DataFrame(list(csv.DictReader(fh)))
    return (regions.astype({"start": "int64", "end": "int64"}), labels.astype({"offset": "int64"}))


def _paragraphs(doc, regions: dict[str, list[tuple[int, int]]]):
    """Paragraphs of one document that overlap its regions: ``(clean, ps, pe, raw start, omap, is_heading)``."""
    clean, res = doc.clean_text, doc.cleaning
    omap, headings = OffsetMap(res.edits), set(res.headings)
    for ps, pe in paragraph_spans(clean):
        rs, re_ = omap.span(ps, pe)
        if any(rs < hi and lo < re_ for lo, hi in regions.get(doc.doc_id, ())):
            yield ps, pe, first_text(doc.raw_text, rs), omap, (ps, pe) in headings


def _in_regions(p: int, spans) -> bool:
    return any(lo <= p < hi for lo, hi in spans)


def labelled_starts(docs: pd.DataFrame, regions: pd.DataFrame, labels: pd.DataFrame) -> dict[str, set[int]]:
    """The labelled starts that are scored: inside a paragraph of clean text, after its first character."""
    spans = {d: list(zip(g["start"], g["end"])) for d, g in regions.groupby("doc_id")}
    gold = {d: set(g["offset"]) for d, g in labels.groupby("doc_id")}
    out: dict[str, set[int]] = {}
    for doc in docs.itertuples(index=False):
        raw, clean = doc.raw_text, doc.clean_text
        inside: set[int] = set()
        for ps, pe, start, omap, _ in _paragraphs(doc, spans):
            inside.update(first_text(raw, omap.start(p)) for p in range(ps + 1, pe) if not clean[p].isspace())
            inside.discard(start)
        out[doc.doc_id] = {g for g in gold.get(doc.doc_id, ()) if g in inside}
    return out


def predicted_starts(docs: pd.DataFrame, regions: pd.DataFrame, *,
                     split: Callable[[str], list[tuple[int, int]]] = sentence_spans) -> dict[str, set[int]]:
    """Raw offsets where ``split`` starts a sentence inside a paragraph, after its first (headings are one sentence)."""
    spans = {d: list(zip(g["start"], g["end"])) for d, g in regions.groupby("doc_id")}
    out: dict[str, set[int]] = {}
    for doc in docs.itertuples(index=False):
        found: set[int] = set()
        for ps, pe, start, omap, heading in _paragraphs(doc, spans):
            if heading:
                continue
            para = doc.clean_text[ps:pe]
            for s, _ in split(para):
                if s < len(para) and not para[s:].isspace():
                    p = first_text(doc.raw_text, omap.start(ps + s))
                    if p != start and _in_regions(p, spans[doc.doc_id]):
                        found.add(p)
        out[doc.doc_id] = found
    return out


def boundary_scores(docs: pd.DataFrame, regions: pd.DataFrame, labels: pd.DataFrame, *,
                    split: Callable[[str], list[tuple[int, int]]] = sentence_spans) -> pd.DataFrame:
    """Precision, recall and F1 of ``split``'s sentence starts against the labels of ``docs``.

    Returns
    -------
    DataFrame
        One row: ``labelled`` (scored labelled starts), ``predicted``, ``correct``,
        ``precision``, ``recall``, ``f1``.

    Examples
    --------
    >>> import briefkit, pandas as pd
    >>> from briefkit.corpus.text.boundaries import boundary_scores
    >>> docs = briefkit.load_corpus()
    >>> raw = docs["raw_text"][2]
    >>> regions = pd.DataFrame({"doc_id": [docs["doc_id"][2]], "start": [0], "end": [len(raw)]})
    >>> at = raw.index("This trade deal")
    >>> labels = pd.DataFrame({"doc_id": [docs["doc_id"][2]], "offset": [at]})
    >>> boundary_scores(docs.iloc[[2]], regions, labels)[["labelled", "correct"]].values.tolist()
    [[1, 1]]
    """
    gold = labelled_starts(docs, regions, labels)
    pred = predicted_starts(docs, regions, split=split)
    n_gold = sum(len(v) for v in gold.values())
    n_pred = sum(len(v) for v in pred.values())
    correct = sum(len(pred.get(d, set()) & g) for d, g in gold.items())
    precision = correct / n_pred if n_pred else float("nan")
    recall = correct / n_gold if n_gold else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if correct else 0.0
    return pd.DataFrame([{"labelled": n_gold, "predicted": n_pred, "correct": correct,
                          "precision": precision, "recall": recall, "f1": f1}])
