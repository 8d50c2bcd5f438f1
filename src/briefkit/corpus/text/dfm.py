"""Document-feature counts: a long table of (unit, term, count), and matrices at the model boundary.

The long table ``[unit, term, count]`` (one row per unit x term with count > 0,
sorted) is what analyses pass around; :func:`to_matrix` and :func:`to_wide`
turn it into a ``scipy.sparse.csr_matrix`` or a wide DataFrame only where a
model needs one. Row and column labels are always sorted, so the same input
gives the same matrix whatever order the rows arrive in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import numpy as np
import pandas as pd

from briefkit.errors import require_columns
import scipy.sparse as sp

from briefkit.corpus.text.tokens import stop_words, tokenize

__all__ = ["as_count_matrix", "count_table", "group_counts", "to_matrix", "to_wide", "quanteda_tokenize"]

# Approximation of quanteda's ``tokens(x, remove_punct = TRUE)`` followed by
# ``dfm()`` lower-casing: ICU-like word boundaries keep hyphenated words,
# internal apostrophes ("government's" stays one token), decimal numbers and
# numbers with separators; currency and other symbols are kept as tokens of
# their own, as quanteda keeps symbols unless ``remove_symbols = TRUE``.
_QUANTEDA_PATTERN = re.compile(r"""
    [^\W_]+                                     # letters and digits (18th, co2)
    (?:
        (?: -                                    # hyphen between any word characters
          | (?<=[^\W\d_])['’.:](?=[^\W\d_])       # letter ' . : letter  (government's, e.g)
          | (?<=\d)[.,;'’](?=\d)                 # digit . , ; digit  (28,500  1.52)
        )
        [^\W_]+
    )*
    | [$€£¥+<=>^`|~]                             # symbols (quanteda keeps them; % is punctuation)
    """, re.VERBOSE)


def quanteda_tokenize(text: str, *, drop_stopwords: bool = False, min_length: int = 1) -> list[str]:
    """Tokenize roughly as quanteda's ``tokens(remove_punct = TRUE)`` + ``dfm()`` lower-casing.

    Differs from :func:`briefkit.corpus.text.tokens.tokenize` in keeping possessives
    (``"government's"``), letter-digit mixes (``"co2"``) and currency and math
    symbols such as ``"€"`` as tokens; like quanteda it drops punctuation,
    including ``"%"``.
    Used to validate the scaling models against quanteda's published output.

    Examples
    --------
    >>> from briefkit.corpus.text.dfm import quanteda_tokenize
    >>> quanteda_tokenize("The Government's €4 billion cut, 5% off.")
    ['the', "government's", '€', '4', 'billion', 'cut', '5', 'off']
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    stops = stop_words() if drop_stopwords else frozenset()
    out = []
    for m in _QUANTEDA_PATTERN.finditer(text):
        tok = m.group(0).lower().replace("’", "'")
        if len(tok) >= min_length and tok not in stops:
            out.append(tok)
    return out


_TOKENIZERS: dict[str, Callable] = {"briefkit": tokenize, "quanteda": quanteda_tokenize}


def _resolve_tokenizer(tokenizer) -> Callable:
    if callable(tokenizer):
        return tokenizer
    if tokenizer in _TOKENIZERS:
        return _TOKENIZERS[tokenizer]
    raise ValueError(f"tokenizer must be one of {sorted(_TOKENIZERS)} or a callable, got {tokenizer!r}")


def count_table(units: pd.DataFrame, *, unit: str = "doc_id", text_col: str = "text",
                drop_stopwords: bool = False, tokenizer="briefkit") -> pd.DataFrame:
    """Count terms per unit: one row per (unit, term) with a positive count.

    Rows of ``units`` sharing a ``unit`` value are pooled, so
    ``count_table(sentences, unit="doc_id")`` gives document counts from
    sentences (filter ``is_heading`` first if headings should not count).

    Parameters
    ----------
    units : DataFrame
        Must have columns ``unit`` and ``text_col``.
    unit : str, default "doc_id"
        Column identifying the counting unit (document, group, paragraph id).
    text_col : str, default "text"
        Column holding the text.
    drop_stopwords : bool, default False
        Drop words in :func:`briefkit.corpus.text.tokens.stop_words`.
    tokenizer : {"briefkit", "quanteda"} or callable, default "briefkit"
        ``"briefkit"`` uses :func:`briefkit.corpus.text.tokens.tokenize`; ``"quanteda"``
        uses :func:`quanteda_tokenize` (to reproduce quanteda results); a
        callable is called as ``f(text, drop_stopwords=...)`` and must return
        a list of str.

    Returns
    -------
    DataFrame
        Columns ``unit``, ``term`` (str), ``count`` (int64), sorted by ``unit``
        then ``term``. Units without any token do not appear.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.corpus.text.dfm import count_table
    >>> units = pd.DataFrame({"doc_id": ["a", "a", "b"], "text": ["Tariffs rose.", "Tariffs!", "Trade"]})
    >>> count_table(units).values.tolist()
    [['a', 'rose', 1], ['a', 'tariffs', 2], ['b', 'trade', 1]]
    """
    if not isinstance(units, pd.DataFrame):
        raise TypeError(f"units must be a pandas DataFrame, got {type(units).__name__}")
    require_columns(units, [unit, text_col], name=f"units (unit={unit!r}, text_col={text_col!r})")
    tok = _resolve_tokenizer(tokenizer)
    counters: dict = {}
    for row_no, (key, text) in enumerate(zip(units[unit], units[text_col])):
        if pd.isna(key):
            raise ValueError(f"units row {row_no}: column {unit!r} is missing")
        if text is None or (isinstance(text, float) and np.isnan(text)):
            text = ""
        if not isinstance(text, str):
            raise TypeError(f"units row {row_no}: column {text_col!r} must be str, got {type(text).__name__}")
        counters.setdefault(key, Counter()).update(tok(text, drop_stopwords=drop_stopwords))
    rows = [(u, term, n) for u, c in counters.items() for term, n in c.items()]
    out = pd.DataFrame(rows, columns=[unit, "term", "count"])
    out["term"] = out["term"].astype(str)
    out["count"] = out["count"].astype("int64")
    return out.sort_values([unit, "term"], kind="stable").reset_index(drop=True)


def _check_long(counts_long: pd.DataFrame, cols: tuple[str, ...], name: str = "counts_long") -> None:
    if not isinstance(counts_long, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(counts_long).__name__}")
    require_columns(counts_long, list(cols), name=name)


def to_matrix(counts_long: pd.DataFrame, *, row: str = "doc_id", col: str = "term",
              count_col: str = "count", min_count: int = 1):
    """Turn a long count table into a sparse matrix with sorted labels.

    Parameters
    ----------
    counts_long : DataFrame
        Columns ``row``, ``col`` and ``count_col``; duplicate (row, col) pairs are summed.
    row, col : str, default "doc_id", "term"
    count_col : str, default "count"
    min_count : int, default 1
        Keep only columns whose total count is at least this.

    Returns
    -------
    (scipy.sparse.csr_matrix, list, list)
        The float64 matrix, its row labels and its column labels (both sorted).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.corpus.text.dfm import to_matrix
    >>> long = pd.DataFrame({"doc_id": ["b", "a"], "term": ["x", "y"], "count": [2, 1]})
    >>> m, rows, terms = to_matrix(long)
    >>> m.toarray().tolist(), rows, terms
    ([[0.0, 1.0], [2.0, 0.0]], ['a', 'b'], ['x', 'y'])
    """
    _check_long(counts_long, (row, col, count_col))
    if not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ValueError(f"min_count must be a positive integer, got {min_count!r}")
    values = pd.to_numeric(counts_long[count_col], errors="coerce").to_numpy(dtype=float)
    if np.isnan(values).any() or (values < 0).any():
        bad = int(np.flatnonzero(np.isnan(values) | (values < 0))[0])
        raise ValueError(f"counts_long row {bad}: {count_col!r} must be a non-negative number")
    row_labels = sorted(pd.unique(counts_long[row]).tolist())
    totals = pd.Series(values).groupby(counts_long[col].to_numpy()).sum()
    keep = totals[totals >= min_count]
    col_labels = sorted(keep.index.tolist())
    r_index = pd.Index(row_labels)
    c_index = pd.Index(col_labels)
    r = r_index.get_indexer(counts_long[row])
    c = c_index.get_indexer(counts_long[col])
    ok = c >= 0
    mat = sp.coo_matrix((values[ok], (r[ok], c[ok])), shape=(len(row_labels), len(col_labels)))
    mat = mat.tocsr()
    mat.sum_duplicates()
    mat.sort_indices()
    return mat, row_labels, col_labels


def to_wide(counts_long: pd.DataFrame, *, row: str = "doc_id", col: str = "term",
            count_col: str = "count", min_count: int = 1) -> pd.DataFrame:
    """Wide document-feature table: index = sorted rows, columns = sorted terms.

    Dense, so meant for small corpora and for the scaling functions'
    input; use :func:`to_matrix` for large ones.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.corpus.text.dfm import to_wide
    >>> long = pd.DataFrame({"doc_id": ["b", "a"], "term": ["x", "y"], "count": [2, 1]})
    >>> to_wide(long).values.tolist()
    [[0, 1], [2, 0]]
    """
    mat, rows, cols = to_matrix(counts_long, row=row, col=col, count_col=count_col, min_count=min_count)
    dense = mat.toarray()
    if np.all(dense == np.round(dense)):
        dense = dense.astype("int64")
    out = pd.DataFrame(dense, index=pd.Index(rows, name=row), columns=pd.Index(cols, name=col))
    return out


def group_counts(counts_long: pd.DataFrame, groups: pd.DataFrame, *, unit: str = "doc_id",
                 group_col: str = "group") -> pd.DataFrame:
    """Sum unit counts into group counts.

    A document that belongs to several groups (e.g. two authors in
    :func:`briefkit.groups.document_groups`) adds its counts to each of them.

    Parameters
    ----------
    unit : str, default "doc_id"
        The column the counts were pooled by (:func:`count_table`'s ``unit``), on which
        ``groups`` is joined.
    counts_long : DataFrame
        ``[unit, term, count]`` as from :func:`count_table`.
    groups : DataFrame
        ``[unit, group_col]`` as from :func:`briefkit.groups.document_groups`.
        Units of ``counts_long`` with no group are left out.

    Returns
    -------
    DataFrame
        ``group_col, term, count, n_docs`` sorted by group then term, where
        ``n_docs`` is the number of units pooled into the group.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.corpus.text.dfm import group_counts
    >>> long = pd.DataFrame({"doc_id": ["a", "b"], "term": ["x", "x"], "count": [2, 1]})
    >>> g = pd.DataFrame({"doc_id": ["a", "b"], "group": ["Kim", "Kim"]})
    >>> group_counts(long, g).values.tolist()
    [['Kim', 'x', 3, 2]]
    """
    _check_long(counts_long, (unit, "term", "count"))
    _check_long(groups, (unit, group_col), name="groups")
    g = groups[[unit, group_col]].drop_duplicates()
    merged = counts_long[[unit, "term", "count"]].merge(g, on=unit, how="inner")
    if merged.empty:
        raise ValueError(f"no unit of counts_long has a group in groups (joined on {unit!r})")
    out = merged.groupby([group_col, "term"], sort=True)["count"].sum().reset_index()
    n_docs = merged.groupby(group_col)[unit].nunique()
    out["n_docs"] = out[group_col].map(n_docs).astype("int64")
    return out.sort_values([group_col, "term"], kind="stable").reset_index(drop=True)


def _sorted_labels(labels, what: str) -> np.ndarray:
    labels = list(labels)
    if len(set(labels)) != len(labels):
        dup = sorted({str(x) for x in labels if labels.count(x) > 1})[:5]
        raise ValueError(f"counts has duplicate {what} labels: {dup}")
    try:
        return np.argsort(np.array(labels, dtype=object), kind="stable")
    except TypeError as exc:
        raise TypeError(f"counts {what} labels must be mutually comparable (e.g. all str)") from exc


def as_count_matrix(counts):
    """Validate ``counts`` and return ``(csr_matrix, doc_ids, terms)`` sorted by label.

    ``counts`` is a wide DataFrame (index = doc ids, columns = terms) or the
    ``(matrix, row_labels, col_labels)`` triple of :func:`briefkit.corpus.text.dfm.to_matrix`.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.corpus.text.dfm import as_count_matrix
    >>> m, docs, terms = as_count_matrix(pd.DataFrame({"y": [1, 0], "x": [0, 2]}, index=["b", "a"]))
    >>> m.toarray().tolist(), docs, terms
    ([[2.0, 0.0], [0.0, 1.0]], ['a', 'b'], ['x', 'y'])
    """
    if isinstance(counts, pd.DataFrame):
        try:
            values = counts.to_numpy(dtype=float)
        except (TypeError, ValueError) as exc:
            raise TypeError("counts must hold numbers only (a wide doc x term table)") from exc
        mat, docs, terms = sp.csr_matrix(values), list(counts.index), list(counts.columns)
    elif isinstance(counts, tuple) and len(counts) == 3:
        mat, docs, terms = sp.csr_matrix(counts[0], dtype=float), list(counts[1]), list(counts[2])
        if mat.shape != (len(docs), len(terms)):
            raise ValueError(f"counts matrix shape {mat.shape} does not match "
                             f"{len(docs)} row labels and {len(terms)} column labels")
    else:
        raise TypeError("counts must be a wide DataFrame (index doc ids, columns terms) or a "
                        f"(matrix, row_labels, col_labels) tuple, got {type(counts).__name__}")
    if mat.nnz and (not np.all(np.isfinite(mat.data)) or mat.data.min() < 0):
        raise ValueError("counts must be finite and non-negative")
    ro, co = _sorted_labels(docs, "row"), _sorted_labels(terms, "column")
    mat = mat[ro][:, co].tocsr()
    mat.sort_indices()
    return mat, [docs[i] for i in ro], [terms[i] for i in co]
