"""Passage-term matrices for topic models, built from briefkit's own tokenizer.

Terms
-----
Tokens come from :func:`briefkit.corpus.tokens.token_spans` (the tokens of
``tokenize``, with offsets). A *term* is a token that is not a stop word
(:func:`briefkit.corpus.tokens.stop_words`), has at least two characters and contains
a letter (bare numbers such as "2025" or "15%" name no theme), plus every
*bigram* of two such tokens separated only by white space, so "north korea"
and "cost sharing" are terms while "burden of sharing" gives no bigram (a stop
word sits between), nor does "tariffs. Seoul" (punctuation). Hyphenated
compounds ("cost-sharing") are single tokens already.

A word that occurs *only* inside one kept bigram ("united" when every
"united" is in "united states") is dropped as a unigram: it would repeat the
bigram's evidence and crowd the topic's top terms. Words that also occur
elsewhere ("korea" in "north korea" and "south korea") stay.

Document-frequency rule
-----------------------
``min_df`` (a passage count) defaults to ``max(2, ceil(n_passages / 1000))``:
a term seen in one passage cannot co-occur with anything, and in very large
corpora the floor rises slowly so the vocabulary stays manageable. ``max_df``
(a fraction) defaults to 0.5 when there are at least 20 passages (a term in
most passages separates no topics) and to 1.0 below that, where "half of the
passages" is too few to judge. If these rules leave too little for even two
topics (fewer than 2 terms, or fewer than 3 passages with a term: a corpus of a
few short passages), ``min_df`` falls back to 1 and ``max_df`` to 1.0, and the
fallback is recorded in ``info["df_fallback"]``; if the vocabulary is then
empty a :class:`TopicError` says so.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from briefkit.errors import BriefkitError
from briefkit.corpus.tokens import stop_words, token_spans

__all__ = ["TopicError", "Vocabulary", "analyze", "build_vocabulary"]

_LETTER = re.compile(r"[^\W\d_]")


class TopicError(BriefkitError):
    """A topic-model input cannot be modelled (too small, no terms, bad K...)."""


def _is_term(token: str, stops: frozenset) -> bool:
    return len(token) >= 2 and token not in stops and _LETTER.search(token) is not None


def analyze(text: str) -> list[str]:
    """Terms of ``text``: content unigrams plus bigrams of adjacent content tokens.

    Two tokens are adjacent when only white space separates them, so no bigram
    crosses a stop word, a comma or a sentence end.

    Examples
    --------
    >>> from briefkit.topics.vocab import analyze
    >>> analyze("North Korea and the cost sharing of 2025")
    ['north', 'korea', 'north korea', 'cost', 'sharing', 'cost sharing']
    >>> analyze("Tariffs. Seoul, Tokyo")
    ['tariffs', 'seoul', 'tokyo']
    """
    stops = stop_words()
    out = []
    prev, prev_end = None, -1
    for start, end, tok in token_spans(text):
        if not _is_term(tok, stops):
            prev = None
            continue
        out.append(tok)
        if prev is not None and not text[prev_end:start].strip():
            out.append(f"{prev} {tok}")
        prev, prev_end = tok, end
    return out


@dataclass(frozen=True)
class Vocabulary:
    """A passage-term matrix and what was needed to build it.

    Attributes
    ----------
    terms : ndarray of str
        Column labels, sorted alphabetically.
    counts : scipy.sparse.csr_matrix
        Term counts, passages x terms (int64).
    tfidf : scipy.sparse.csr_matrix
        L2-normalised TF-IDF of ``counts`` (smooth idf), for NMF.
    info : dict
        ``min_df``, ``max_df``, ``df_fallback``, ``n_passages``, ``n_terms``,
        ``n_bigram_parts_dropped``.
    """

    terms: np.ndarray
    counts: sp.csr_matrix
    tfidf: sp.csr_matrix
    info: dict = field(default_factory=dict)


def default_df(n_passages: int) -> tuple[int, float]:
    """The default ``(min_df, max_df)`` for a corpus of ``n_passages`` passages.

    Examples
    --------
    >>> from briefkit.topics.vocab import default_df
    >>> default_df(10), default_df(500), default_df(10_000)
    ((2, 1.0), (2, 0.5), (10, 0.5))
    """
    return max(2, math.ceil(n_passages / 1000)), (0.5 if n_passages >= 20 else 1.0)


def _vectorize(texts, min_df, max_df):
    vec = CountVectorizer(analyzer=analyze, min_df=min_df, max_df=max_df, dtype=np.int64)
    counts = vec.fit_transform(texts).tocsr()
    return counts, np.asarray(vec.get_feature_names_out(), dtype=object)


def _too_small(counts, terms) -> bool:
    """Too few terms or passages-with-terms for even a 2-topic model."""
    if counts is None or len(terms) < 2:
        return True
    return int((np.asarray(counts.sum(axis=1)).ravel() > 0).sum()) < 3


def _drop_bigram_parts(counts: sp.csr_matrix, terms: np.ndarray):
    """Drop unigrams whose every occurrence lies inside one kept bigram."""
    totals = np.asarray(counts.sum(axis=0)).ravel()
    index = {t: i for i, t in enumerate(terms)}
    drop = set()
    for j, term in enumerate(terms):
        parts = term.split(" ")
        if len(parts) != 2:
            continue
        for word in parts:
            i = index.get(word)
            if i is not None and totals[i] == totals[j]:
                drop.add(i)
    if not drop or len(drop) == len(terms):
        return counts, terms, 0
    keep = np.array(sorted(set(range(len(terms))) - drop))
    return counts[:, keep].tocsr(), terms[keep], len(drop)


def build_vocabulary(passages: pd.DataFrame, *, min_df: int | None = None,
                     max_df: float | None = None, text_col: str = "text") -> Vocabulary:
    """Build the passage-term count and TF-IDF matrices for ``passages``.

    Parameters
    ----------
    passages : DataFrame
        One row per passage (see :func:`briefkit.corpus.passages.passages`).
    min_df : int, optional
        Keep terms found in at least this many passages (default: module rule).
    max_df : float, optional
        Drop terms found in more than this fraction of passages (default: module rule).
    text_col : str, default "text"

    Returns
    -------
    Vocabulary

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.vocab import build_vocabulary
    >>> p = pd.DataFrame({"text": ["North Korea tests", "South Korea talks",
    ...                            "North Korea missiles", "South Korea tariffs"]})
    >>> list(build_vocabulary(p).terms)
    ['korea', 'north korea', 'south korea']
    """
    if text_col not in passages.columns:
        raise KeyError(f"passages has no column {text_col!r} (text_col)")
    n = len(passages)
    if n == 0:
        raise TopicError("passages is empty: there is no text to model")
    auto_min, auto_max = default_df(n)
    if min_df is not None and (isinstance(min_df, bool) or not isinstance(min_df, (int, np.integer))
                               or min_df < 1):
        raise ValueError(f"min_df must be an integer passage count >= 1, got {min_df!r}")
    if max_df is not None and not (0 < float(max_df) <= 1):
        raise ValueError(f"max_df must be a fraction in (0, 1], got {max_df!r}")
    lo = auto_min if min_df is None else int(min_df)
    hi = auto_max if max_df is None else float(max_df)
    texts = passages[text_col].astype(str).tolist()
    fallback = False
    try:
        counts, terms = _vectorize(texts, lo, hi)
    except ValueError:  # sklearn: "After pruning, no terms remain" / empty vocabulary
        counts, terms = None, np.array([], dtype=object)
    if _too_small(counts, terms) and (min_df is None and max_df is None):
        fallback, lo, hi = True, 1, 1.0
        try:
            counts, terms = _vectorize(texts, lo, hi)
        except ValueError:
            counts, terms = None, np.array([], dtype=object)
    if len(terms) == 0:
        raise TopicError(f"no terms left in {n} passage(s) with min_df={lo}, max_df={hi}: "
                         "the passages hold no content words (only stop words or numbers?)"
                         if fallback or (min_df is None and max_df is None) else
                         f"no terms left with min_df={lo}, max_df={hi}; lower min_df or raise max_df")
    counts, terms, n_dropped = _drop_bigram_parts(counts, terms)
    tfidf = TfidfTransformer(norm="l2", smooth_idf=True).fit_transform(counts).tocsr()
    info = {"min_df": lo, "max_df": hi, "df_fallback": fallback, "n_passages": n,
            "n_terms": int(len(terms)), "n_bigram_parts_dropped": n_dropped}
    return Vocabulary(terms=terms, counts=counts, tfidf=tfidf, info=info)
