"""Paragraphs and sentences of the cleaned text, each with its span in the raw text.

Sentence splitting uses NLTK's Punkt algorithm with a built-in list of
abbreviations (no downloaded model; :mod:`briefkit.corpus.text.punkt`): titles (Dr., Gen.,
Sen., Rep.), U.S.-style acronyms, a.m./p.m., No., St., Mt., Jr., months, and single initials.
Paragraph breaks in the cleaned text are hard boundaries, so a heading without final
punctuation never runs into the sentence after it. A "sentence" that starts
with a lower-case letter or closing punctuation is merged into the previous one
(Punkt splits after "?’," in quotations).
"""

from __future__ import annotations

import pandas as pd

from briefkit.errors import require_columns
from briefkit.corpus.pipeline import sentence_rows_many
from briefkit.corpus.text.punkt import ABBREVIATIONS, sentence_spans
from briefkit.corpus.text.rows import PARAGRAPH_COLUMNS, SENTENCE_COLUMNS, paragraph_rows

__all__ = ["ABBREVIATIONS", "sentence_spans", "paragraphs", "sentences"]


def _check_docs(docs: pd.DataFrame) -> None:
    require_columns(docs, ["doc_id", "clean_text", "cleaning"], name="docs (pass the table from briefkit.load_corpus())")


def paragraphs(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per paragraph of cleaned text.

    Parameters
    ----------
    docs : DataFrame
        From :func:`briefkit.load_corpus`.

    Returns
    -------
    DataFrame
        ``doc_id, para_id`` (0-based within the document), ``start, end``
        (offsets into the raw text), ``text`` (cleaned), ``is_heading``.

    Examples
    --------
    >>> import briefkit
    >>> paras = briefkit.paragraphs(briefkit.load_corpus())
    >>> list(paras.columns)
    ['doc_id', 'para_id', 'start', 'end', 'text', 'is_heading']
    """
    _check_docs(docs)
    rows = [row for doc_id, clean, res in zip(docs["doc_id"], docs["clean_text"], docs["cleaning"])
            for row in paragraph_rows(doc_id, clean, res)]
    return pd.DataFrame(rows, columns=PARAGRAPH_COLUMNS).astype(
        {"para_id": "int64", "start": "int64", "end": "int64", "is_heading": "bool"})


def sentences(docs: pd.DataFrame, *, n_jobs: int | None = None) -> pd.DataFrame:
    """One row per sentence of cleaned text, in reading order.

    Parameters
    ----------
    docs : DataFrame
        From :func:`briefkit.load_corpus`.
    n_jobs : int, optional
        Worker processes, as in :func:`briefkit.load_corpus` (same result for any value).

    Returns
    -------
    DataFrame
        ``doc_id, sent_id`` (0-based within the document), ``para_id``,
        ``start, end`` (offsets into the raw text: ``raw_text[start:end]`` is the
        stretch of the file the sentence comes from, markup and any set-aside
        material inside it included), ``text`` (cleaned), ``is_heading``.

    Examples
    --------
    >>> import briefkit
    >>> sents = briefkit.sentences(briefkit.load_corpus())
    >>> list(sents.columns)
    ['doc_id', 'sent_id', 'para_id', 'start', 'end', 'text', 'is_heading']
    """
    _check_docs(docs)
    rows = sentence_rows_many(docs["doc_id"], docs["clean_text"], docs["cleaning"], n_jobs=n_jobs)
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS).astype(
        {"sent_id": "int64", "para_id": "int64", "start": "int64", "end": "int64", "is_heading": "bool"})
