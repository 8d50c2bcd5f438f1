"""The per-document stages as pure functions: one document in, its rows out.

``load_corpus`` and ``sentences`` map these over documents on every core
(:func:`briefkit.jobs.map_jobs`); :mod:`briefkit.corpus.distributed` maps the same functions
over the partitions of a Dask collection. Each depends only on its arguments, so any split of
the corpus into pieces gives the same rows in the same order as one serial pass. The paragraph
and sentence row builders are in :mod:`briefkit.corpus.text.rows` (re-exported here).
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Sequence

from briefkit.corpus.cleaning.clean import CleanResult, DocumentMeta, clean_and_count
from briefkit.corpus.cleaning.rules import Rule
from briefkit.corpus.text.rows import (PARAGRAPH_COLUMNS, SENTENCE_COLUMNS, sentence_chunk, paragraph_rows,
                                       paragraph_spans, sentence_rows)

__all__ = ["clean_one", "clean_many", "sentence_rows", "sentence_rows_many", "paragraph_rows", "paragraph_spans",
           "parallel_jobs", "PARALLEL_MIN_CHARS", "SENTENCE_COLUMNS", "PARAGRAPH_COLUMNS"]

#: Below this many characters in all (about 300 short briefs) one process is faster than
#: starting workers; above it ``n_jobs=None`` uses every core.
PARALLEL_MIN_CHARS = 2_000_000


def parallel_jobs(n_jobs: int | None, n_chars: int) -> int:
    """Worker processes for ``n_chars`` of text: 1 for small corpora unless ``n_jobs`` is given.

    Examples
    --------
    >>> from briefkit.corpus.pipeline import parallel_jobs
    >>> parallel_jobs(None, 1_000), parallel_jobs(3, 1_000)
    (1, 3)
    """
    from briefkit.jobs import resolve_n_jobs

    if n_jobs is None and n_chars < PARALLEL_MIN_CHARS and not os.environ.get("BRIEFKIT_N_JOBS"):
        return 1
    return resolve_n_jobs(n_jobs)


def clean_one(raw: str, meta: DocumentMeta, rules: Sequence[Rule]) -> tuple[CleanResult, int, int]:
    """Clean one document: ``(result, words in the raw text, words in the clean text)``.

    Examples
    --------
    >>> from briefkit.corpus.pipeline import clean_one
    >>> from briefkit.corpus.cleaning.clean import DocumentMeta
    >>> res, n_raw, n_clean = clean_one("**Hi** there.", DocumentMeta(), ())
    >>> res.clean, n_raw, n_clean
    ('Hi there.', 2, 2)
    """
    return clean_and_count(raw, meta, rules)


def _clean_chunk(args) -> list[tuple[CleanResult, int, int]]:
    texts, metas, rules = args
    out = []
    for raw, meta in zip(texts, metas):
        res, n_raw, n_clean = clean_one(raw, meta, rules)
        out.append((replace(res, raw=""), n_raw, n_clean))  # the raw text need not travel back
    return out


def _chunks(n: int, jobs: int) -> list[range]:
    size = max(1, -(-n // (jobs * 4)))
    return [range(i, min(n, i + size)) for i in range(0, n, size)]


def clean_many(texts: Sequence[str], metas: Sequence[DocumentMeta], rules: Sequence[Rule], *,
               n_jobs: int | None = None) -> list[tuple[CleanResult, int, int]]:
    """:func:`clean_one` for every document, on ``n_jobs`` processes, in input order.

    Examples
    --------
    >>> from briefkit.corpus.pipeline import clean_many
    >>> from briefkit.corpus.cleaning.clean import DocumentMeta
    >>> [r.clean for r, _, _ in clean_many(["a  b", "c"], [DocumentMeta()] * 2, (), n_jobs=1)]
    ['a b', 'c']
    """
    jobs = parallel_jobs(n_jobs, sum(map(len, texts)))
    if jobs <= 1 or len(texts) < 2:
        return [clean_one(raw, meta, rules) for raw, meta in zip(texts, metas)]
    from briefkit.jobs import map_jobs

    chunks = _chunks(len(texts), jobs)
    parts = map_jobs(_clean_chunk, [([texts[i] for i in c], [metas[i] for i in c], tuple(rules))
                                    for c in chunks], n_jobs=jobs, desc="cleaning")
    return [(replace(res, raw=texts[i]), a, b)
            for c, part in zip(chunks, parts) for i, (res, a, b) in zip(c, part)]


def sentence_rows_many(doc_ids, cleans, results, *, n_jobs: int | None = None) -> list[tuple]:
    """:func:`sentence_rows` for every document, on ``n_jobs`` processes, in input order."""
    doc_ids, cleans, results = list(doc_ids), list(cleans), list(results)
    jobs = parallel_jobs(n_jobs, sum(map(len, cleans)))
    if jobs <= 1 or len(doc_ids) < 2:
        return [row for d, c, r in zip(doc_ids, cleans, results) for row in sentence_rows(d, c, r)]
    from briefkit.jobs import map_jobs

    chunks = _chunks(len(doc_ids), jobs)
    # the raw text stays here: sentences need the clean text and the edit record only
    parts = map_jobs(sentence_chunk, [[(doc_ids[i], cleans[i],
                                         [(e.start, e.end, e.replacement) for e in results[i].edits],
                                         results[i].headings) for i in c] for c in chunks],
                     n_jobs=jobs, desc="sentences")
    return [row for part in parts for doc in part for row in doc]
