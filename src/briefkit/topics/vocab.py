"""Unit-term matrices for topic models: normalised terms, names as one term, and what was dropped.

Terms
-----
Tokens come from :func:`briefkit.corpus.text.tokens.token_spans`. Before counting, each unit's tokens
are normalised (:mod:`briefkit.topics.normalize`):

1. **Merges.** A run of tokens equal to a merge form becomes its canonical term ("U.S.", "USA",
   "United States of America" and, written in capitals, "US" all become ``united states``;
   "Kim Jong-un" and "Kim Jong Un" become ``kim jong un``). Longest form first.
2. **Names.** A run of 2-4 capitalised content tokens separated by single spaces ("Camp
   Humphreys", "Special Measures Agreement") that recurs in at least two units is one term; its
   words are not counted separately there, so a topic never lists both a name and a fragment
   of it for the same mentions.
3. **Unigrams and bigrams.** Every other content token (not a stop word or stop term, two or
   more characters, a letter) is a term, and so is every bigram of two content tokens separated
   only by white space ("cost sharing"; "burden of sharing" gives none). A word found only inside
   one kept bigram is dropped as a unigram.

Frequency rules
---------------
``min_df`` (units) defaults to ``max(2, ceil(n_units / 1000))``; ``max_df`` (a fraction of units)
to 0.5 with at least 20 units, else 1.0; ``min_docs`` (documents a term must appear in) to 2 when
the units are passages from three or more documents (a term one document alone uses cannot tie
documents together), else 1. If these leave fewer than 2 terms or fewer than 3 units with a term,
the rules fall back to 1 / 1.0 / 1 (``info["df_fallback"]``). Every merge, name, stop term and
dropped term is listed in ``Vocabulary.changes``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp

from briefkit.corpus.text.tokens import stop_words, token_spans
from briefkit.errors import TopicError, require_columns
from briefkit.topics.normalize import VocabularyRules, cased, load_vocabulary_rules

__all__ = ["TopicError", "Vocabulary", "analyze", "build_vocabulary", "default_df", "CHANGE_COLUMNS"]

_LETTER = re.compile(r"[^\W\d_]")
#: Columns of ``Vocabulary.changes``.
CHANGE_COLUMNS = ["term", "action", "into", "detail", "n_units", "count"]


def _is_term(token: str, stops: frozenset) -> bool:
    return len(token) >= 2 and token not in stops and _LETTER.search(token) is not None


def _tight(text: str, a_end: int, b_start: int, dots: bool) -> bool:
    gap = text[a_end:b_start]
    if dots:
        return len(gap) <= 3 and all(c in " .\u00a0" for c in gap)
    return gap == " "


def _items(text: str, rules: VocabularyRules, stops: frozenset):
    """Tokens of ``text`` with merges applied: ``(term, kind, form, content, cap, start, end)``.

    Only tokens that can start a merge form are looked at twice, so the pass stays linear and
    cheap; ``form`` of a plain token is its normalised text.
    """
    spans = token_spans(text)
    norm = [t for _, _, t in spans]
    first_n = rules.first_norm
    first_c = rules.first_exact_lower
    out, i, n, maxlen = [], 0, len(spans), rules.max_len
    while i < n:
        hit = None
        tok = norm[i]
        if tok in first_n or tok in first_c:
            for L in range(min(maxlen, n - i), 0, -1):
                if L > 1 and not all(_tight(text, spans[j][1], spans[j + 1][0], True)
                                     for j in range(i, i + L - 1)):
                    continue
                term = None
                if tok in first_c:
                    term = rules.merge_exact.get(tuple(cased(text[s:e]) for s, e, _ in spans[i:i + L]))
                term = term or rules.merge.get(tuple(norm[i:i + L]))
                if term:
                    hit = (term, L)
                    break
        if hit:
            term, L = hit
            form = text[spans[i][0]:spans[i + L - 1][1]]
            out.append((term, "merge", form, True, False, spans[i][0], spans[i + L - 1][1]))
            i += L
            continue
        content = _is_term(tok, stops) and tok not in rules.stop
        cap = content and text[spans[i][0]].isupper()
        out.append((tok, "token", tok, content, cap, spans[i][0], spans[i][1]))
        i += 1
    return out


def _name_runs(items, text: str):
    """Maximal runs (2-4 items) of capitalised content tokens separated by single spaces."""
    runs, cur = [], []
    for j, it in enumerate(items):
        if it[1] == "token" and it[4] and (not cur or _tight(text, items[cur[-1]][6], it[5], False)):
            cur.append(j)
            continue
        if 2 <= len(cur) <= 4:
            runs.append(tuple(cur))
        cur = [j] if it[1] == "token" and it[4] else []
    if 2 <= len(cur) <= 4:
        runs.append(tuple(cur))
    return runs


def _terms(items, text: str, names: set, rules: VocabularyRules, records: Counter) -> list[str]:
    out, prev, prev_end, j = [], None, -1, 0
    run_at = {}
    for run in _name_runs(items, text):
        key = " ".join(items[k][0] for k in run)
        if key in names:
            run_at[run[0]] = (run, key)
    while j < len(items):
        if j in run_at:
            run, key = run_at[j]
            out.append(key)
            records[(cased(text[items[run[0]][5]:items[run[-1]][6]]), key, "name")] += 1
            prev, j = None, run[-1] + 1
            continue
        term, kind, form, content, _, start, end = items[j]
        j += 1
        if kind == "merge":
            records[(cased(form), term, "merge")] += 1
            if term not in rules.stop:
                out.append(term)
            prev = None
            continue
        if not content:
            prev = None
            continue
        out.append(term)
        if prev is not None and not text[prev_end:start].strip():
            bigram = f"{prev} {term}"
            if bigram not in rules.stop:
                out.append(bigram)
        prev, prev_end = term, end
    return out


def analyze(text: str, *, rules: VocabularyRules | None = None, names=()) -> list[str]:
    """Terms of one text: merges applied, then unigrams and bigrams of adjacent content tokens.

    ``names`` lists the recurring names (from :func:`build_vocabulary`) to count as one term.

    Examples
    --------
    >>> from briefkit.topics.vocab import analyze
    >>> analyze("North Korea and the cost sharing of 2025")
    ['north korea', 'cost', 'sharing', 'cost sharing']
    >>> analyze("The US told us: U.S. troops and Kim Jong-un")
    ['united states', 'told', 'united states', 'troops', 'kim jong un']
    """
    rules = rules if rules is not None else load_vocabulary_rules()
    return _terms(_items(text, rules, stop_words()), text, set(names), rules, Counter())


@dataclass(frozen=True)
class Vocabulary:
    """A unit-term matrix and what was needed to build it.

    Attributes
    ----------
    terms : ndarray of str
        Column labels, sorted alphabetically.
    counts : scipy.sparse.csr_matrix
        Term counts, units x terms (int64).
    tfidf : scipy.sparse.csr_matrix
        L2-normalised TF-IDF of ``counts`` (smooth idf), for NMF.
    info : dict
        ``min_df, max_df, min_docs, df_fallback, n_passages, n_terms, n_bigram_parts_dropped,
        n_merged, n_names, rules``.
    changes : DataFrame
        :data:`CHANGE_COLUMNS`: every merged form, detected name, stop term and dropped term.
    filler : frozenset
        Terms never used in a label.
    """

    terms: np.ndarray
    counts: sp.csr_matrix
    tfidf: sp.csr_matrix
    info: dict = field(default_factory=dict)
    changes: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CHANGE_COLUMNS))
    filler: frozenset = frozenset()


def default_df(n_passages: int) -> tuple[int, float]:
    """The default ``(min_df, max_df)`` for a corpus of ``n_passages`` units.

    Examples
    --------
    >>> from briefkit.topics.vocab import default_df
    >>> default_df(10), default_df(500), default_df(10_000)
    ((2, 1.0), (2, 0.5), (10, 0.5))
    """
    return max(2, math.ceil(n_passages / 1000)), (0.5 if n_passages >= 20 else 1.0)


def _identity(x):
    return x


def _drop_bigram_parts(totals: np.ndarray, terms: np.ndarray, keep: np.ndarray) -> set:
    index = {t: i for i, t in enumerate(terms) if keep[i]}
    drop = set()
    for j, term in enumerate(terms):
        parts = term.split(" ")
        if not keep[j] or len(parts) != 2:
            continue
        for word in parts:
            i = index.get(word)
            if i is not None and totals[i] == totals[j]:
                drop.add(i)
    return drop if len(drop) < int(keep.sum()) else set()


def _check_options(min_df, max_df, min_docs):
    for name, v in (("min_df", min_df), ("min_docs", min_docs)):
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1):
            raise ValueError(f"{name} must be an integer count >= 1, got {v!r}")
    if max_df is not None and not (0 < float(max_df) <= 1):
        raise ValueError(f"max_df must be a fraction in (0, 1], got {max_df!r}")


def build_vocabulary(passages: pd.DataFrame, *, min_df: int | None = None,
                     max_df: float | None = None, min_docs: int | None = None,
                     rules: VocabularyRules | None = None, names: bool = True,
                     text_col: str = "text") -> Vocabulary:
    """Build the unit-term count and TF-IDF matrices (rules in the module docstring).

    Parameters
    ----------
    passages : DataFrame
        One row per unit (passage or document) with ``text_col`` and, for ``min_docs``, ``doc_id``.
    min_df, max_df, min_docs : optional
        Frequency rules (defaults in the module docstring).
    rules : VocabularyRules, optional
        Default :func:`briefkit.topics.normalize.load_vocabulary_rules` (packaged defaults only).
    names : bool, default True
        Count recurring capitalised runs as one term.
    text_col : str, default "text"

    Returns
    -------
    Vocabulary

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.vocab import build_vocabulary
    >>> p = pd.DataFrame({"text": ["North Korea tests", "South Korea talks",
    ...                            "DPRK missiles", "ROK tariffs"]})
    >>> list(build_vocabulary(p).terms)
    ['north korea', 'south korea']
    """
    require_columns(passages, [text_col], name="passages")
    n = len(passages)
    if n == 0:
        raise TopicError("passages is empty: there is no text to model")
    _check_options(min_df, max_df, min_docs)
    rules = rules if rules is not None else load_vocabulary_rules()
    texts = passages[text_col].astype(str).tolist()
    doc_ids = (passages["doc_id"].astype(str).to_numpy() if "doc_id" in passages.columns
               else np.arange(n).astype(str))
    n_docs = len(set(doc_ids))
    stops = stop_words()
    items = [_items(t, rules, stops) for t in texts]
    found = set()
    if names:
        unit_names = Counter()
        for its, t in zip(items, texts):
            unit_names.update({" ".join(its[k][0] for k in run) for run in _name_runs(its, t)})
        found = {k for k, c in unit_names.items() if c >= 2}
    records: Counter = Counter()
    lists = [_terms(its, t, found, rules, records) for its, t in zip(items, texts)]
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    vec = CountVectorizer(analyzer=_identity, dtype=np.int64)
    try:
        full = vec.fit_transform(lists).tocsr()
        all_terms = np.asarray(vec.get_feature_names_out(), dtype=object)
    except ValueError:  # empty vocabulary
        full, all_terms = sp.csr_matrix((n, 0), dtype=np.int64), np.array([], dtype=object)
    pres = (full > 0).astype(np.int64).tocsc()
    df = np.asarray(pres.sum(axis=0)).ravel()
    _, doc_index = np.unique(doc_ids, return_inverse=True)
    D = sp.csr_matrix((np.ones(n), (doc_index, np.arange(n))), shape=(n_docs, n))
    ndocs = np.asarray(((D @ pres) > 0).sum(axis=0)).ravel()
    totals = np.asarray(full.sum(axis=0)).ravel()
    auto_min, auto_max = default_df(n)
    auto_docs = 2 if (n_docs >= 3 and n > n_docs) else 1
    lo = auto_min if min_df is None else int(min_df)
    hi = auto_max if max_df is None else float(max_df)
    md = auto_docs if min_docs is None else int(min_docs)

    def mask(lo, hi, md):
        return (df >= lo) & (df <= hi * n + 1e-9) & (ndocs >= md)

    keep, fallback = mask(lo, hi, md), False
    rows_with = lambda k: int((np.asarray(full[:, np.flatnonzero(k)].sum(axis=1)).ravel() > 0).sum())  # noqa: E731
    if (keep.sum() < 2 or rows_with(keep) < 3) and min_df is None and max_df is None and min_docs is None:
        fallback, lo, hi, md = True, 1, 1.0, 1
        keep = mask(lo, hi, md)
    if keep.sum() == 0:
        raise TopicError(f"no terms left in {n} unit(s) with min_df={lo}, max_df={hi}, min_docs={md}: "
                         + ("the units hold no content words (only stop words or numbers?)"
                            if len(all_terms) == 0 or fallback or min_df is None
                            else "lower min_df or raise max_df"))
    parts = _drop_bigram_parts(totals, all_terms, keep)
    changes = []
    for form, term, kind in sorted(records):
        changes.append((form, "name" if kind == "name" else "merged", term,
                        "recurring capitalised name counted as one term" if kind == "name"
                        else "form merged into its canonical term", np.nan, records[(form, term, kind)]))
    for j in np.flatnonzero(~keep | np.isin(np.arange(len(all_terms)), list(parts))):
        why = ("only inside one bigram" if j in parts else
               f"in more than {hi:g} of units" if df[j] > hi * n + 1e-9 else
               f"in fewer than {lo} units" if df[j] < lo else f"in fewer than {md} documents")
        if why.startswith("in fewer than") and df[j] < 2 and len(all_terms) > 2000:
            continue  # singletons are the bulk of any vocabulary; counted in info, not listed
        changes.append((str(all_terms[j]), "dropped", "", why, int(df[j]), int(totals[j])))
    for t in sorted(rules.stop):
        changes.append((t, "stop term", "", "listed in the vocabulary rules", np.nan, np.nan))
    keep[list(parts)] = False
    cols = np.flatnonzero(keep)
    counts, terms = full[:, cols].tocsr(), all_terms[cols]
    tfidf = TfidfTransformer(norm="l2", smooth_idf=True).fit_transform(counts).tocsr()
    info = {"min_df": lo, "max_df": hi, "min_docs": md, "df_fallback": fallback, "n_passages": n,
            "n_terms": int(len(terms)), "n_bigram_parts_dropped": len(parts),
            "n_dropped_rare": int(((df < lo) | (ndocs < md)).sum()),
            "n_dropped_common": int((df > hi * n + 1e-9).sum()),
            "n_merged": int(sum(v for k, v in records.items() if k[2] == "merge")),
            "n_names": len(found), "rules": "; ".join(rules.sources)}
    table = pd.DataFrame(changes, columns=CHANGE_COLUMNS)
    table["n_units"] = table["n_units"].astype("Int64")
    table["count"] = table["count"].astype("Int64")
    return Vocabulary(terms=terms, counts=counts, tfidf=tfidf, info=info, changes=table,
                      filler=rules.filler)
