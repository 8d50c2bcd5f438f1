"""Paragraphs and sentences of the cleaned text, each with its span in the raw text.

Sentence splitting uses NLTK's Punkt algorithm with a built-in list of
abbreviations (no downloaded model): titles (Dr., Gen., Sen., Rep.), U.S.-style
acronyms, a.m./p.m., No., St., Mt., Jr., months, and single initials. Paragraph
breaks in the cleaned text are hard boundaries, so a heading without final
punctuation never runs into the sentence after it. A "sentence" that starts
with a lower-case letter or closing punctuation is merged into the previous one
(Punkt splits after "?’," in quotations).
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

import pandas as pd

from briefkit.errors import require_columns
from briefkit.corpus.pipeline import (PARAGRAPH_COLUMNS, SENTENCE_COLUMNS, paragraph_rows,
                                      sentence_rows_many)

__all__ = ["ABBREVIATIONS", "sentence_spans", "paragraphs", "sentences"]

#: Abbreviations Punkt must not treat as sentence ends (lower case, no final period).
ABBREVIATIONS = frozenset({
    "u.s", "u.n", "u.k", "e.u", "r.o.k", "d.p.r.k", "p.r.c", "u.s.a", "u.s.s.r", "d.c",
    "dr", "mr", "mrs", "ms", "prof", "jr", "sr", "st", "mt", "no", "nos", "vol", "vols",
    "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt", "gov", "sen", "rep",
    "pres", "amb", "sec", "dept", "corp", "inc", "ltd", "co", "bros", "est", "approx",
    "a.m", "p.m", "e.g", "i.e", "etc", "vs", "cf", "al", "fig", "figs", "ch", "sec", "pp", "p",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "ph.d", "m.a", "b.a", "op", "ed", "eds", "rev", "hon",
}) | frozenset(string.ascii_lowercase)

_CONTINUATION = re.compile(r"^[\s]*([a-z]|[,;:)\]}%’”'\"]\s*[a-z,;:])")


@lru_cache(maxsize=1)
def _punkt():
    # imported here: importing nltk loads scikit-learn and scipy.stats (nltk.classify, metrics)
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence ``(start, end)`` offsets in one paragraph of cleaned text.

    Examples
    --------
    >>> from briefkit.corpus.text.segment import sentence_spans
    >>> t = "Gen. Kim met Dr. Lee at 9 a.m. in the U.S. capital. Talks failed."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Gen. Kim met Dr. Lee at 9 a.m. in the U.S. capital.', 'Talks failed.']
    """
    spans: list[tuple[int, int]] = []
    for s, e in _punkt().span_tokenize(text):
        if spans and _CONTINUATION.match(text[s:e]):
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans


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
