"""The corpus on a Dask cluster: the per-document stages over partitions, the same tables back.

For corpora beyond one machine (or one machine's patience). The client reads the manifest and
checks it; the documents are read, decoded, cleaned, counted and split into sentences on the
workers, by the same pure functions :func:`briefkit.load_corpus` uses
(:mod:`briefkit.corpus.pipeline`), over the partitions of a Dask Bag of manifest rows. The
results come back in manifest order and are assembled into exactly the tables the notebooks
read: the documents table (as :func:`briefkit.load_corpus`), ``sentences`` (as
:func:`briefkit.sentences`) and ``removed`` (as :func:`briefkit.removed_spans`).

What stays on the client: the manifest and its checks, the cleaning rules (sent to the workers
once per partition), the assembled tables and everything the notebooks do with them.
The workers need the corpus folder at the same path (a shared file system or a mount of the
object store). Needs ``pip install "briefkit[dask]"``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from briefkit.corpus.load import assemble_documents, document_metas, removed_spans
from briefkit.corpus.pipeline import SENTENCE_COLUMNS, clean_one, sentence_rows
from briefkit.corpus.cleaning.rules import load_rules
from briefkit.corpus.validate import still_usable, check_document, documents_to_read
from briefkit.errors import CorpusError
from briefkit.paths import corpus_dir

__all__ = ["process_partition", "load_corpus_dask"]


def process_partition(items, root: str, rules) -> list[tuple]:
    """Read, decode, clean, count and split the documents of one partition (a pure function).

    ``items`` are ``(file, row, stated encoding, duplicate problem, meta)`` tuples; returns one
    ``(row, problems, decoded or None, (result, n_words_raw, n_words_clean) or None, sentence rows)``
    per item, in order.
    """
    out = []
    for rel, number, encoding, duplicate, meta in items:
        if duplicate is not None:
            out.append((number, [duplicate], None, None, []))
            continue
        decoded, problems = check_document(root, rel, row=number, encoding=encoding)
        if decoded is None or any(not still_usable(p) for p in problems):
            out.append((number, problems, None, None, []))
            continue
        cleaned = clean_one(decoded.text, meta, rules)
        res = cleaned[0]
        out.append((number, problems, decoded, cleaned, sentence_rows(meta.doc_id, res.clean, res)))
    return out


def load_corpus_dask(path: str | os.PathLike | None = None, *, client=None,
                     npartitions: int | None = None) -> dict[str, pd.DataFrame]:
    """:func:`briefkit.load_corpus`, ``sentences`` and ``removed_spans``, computed on Dask.

    Parameters
    ----------
    path : path, optional
        Corpus folder, as for :func:`briefkit.load_corpus` (workers must see the same path).
    client : dask.distributed.Client, optional
        The cluster to use; default: the current client, else Dask's default scheduler.
    npartitions : int, optional
        Partitions of the manifest rows (default: about 100 documents each).

    Returns
    -------
    dict
        ``documents``, ``sentences`` and ``removed``: equal to ``load_corpus(path)``,
        ``sentences(docs)`` and ``removed_spans(docs)``.

    Raises
    ------
    CorpusError
        With the same problems, in the same order, as :func:`briefkit.load_corpus`.
    """
    import dask.bag as db

    root = corpus_dir(path)
    manifest, problems, todo = documents_to_read(root)
    rules = load_rules(root)
    if manifest is None or any(not still_usable(p) for p in problems):
        raise CorpusError([p for p in problems if not still_usable(p)] or problems)
    metas = dict(zip(manifest.attrs["rows"], document_metas(manifest)))
    items = [(*entry, metas[entry[1]]) for entry in todo]
    parts = npartitions or max(1, len(items) // 100)
    bag = db.from_sequence(items, npartitions=max(1, min(parts, len(items) or 1)))
    futures = bag.map_partitions(process_partition, str(root), tuple(rules))
    results = (client.compute(futures).result() if client is not None else futures.compute()) if items else []
    problems = problems + [p for r in results for p in r[1]]
    fatal = [p for p in problems if not still_usable(p)]
    if fatal:
        raise CorpusError(fatal)
    by_row = {r[0]: r for r in results if r[3] is not None}
    rows = manifest.attrs["rows"]
    decoded = [by_row[n][2] for n in rows]
    docs = assemble_documents(manifest, [d.text for d in decoded], [d.encoding for d in decoded],
                              ["; ".join(d.notes) for d in decoded], [by_row[n][3] for n in rows], Path(root))
    sents = pd.DataFrame([row for n in rows for row in by_row[n][4]], columns=SENTENCE_COLUMNS).astype(
        {"sent_id": "int64", "para_id": "int64", "start": "int64", "end": "int64", "is_heading": "bool"})
    return {"documents": docs, "sentences": sents, "removed": removed_spans(docs)}
