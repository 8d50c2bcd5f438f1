"""Topic shares per document and per group, with bootstrap intervals over passages.

A group's (or document's) share of topic k is the mean of its passages' shares
of k, each passage weighted by its number of vocabulary tokens (``n_terms``),
so the share reads as "fraction of the group's modelled words that belong to
topic k". Shares over the K topics sum to 1.

Interval: percentile bootstrap. Each replicate draws the group's passages with
replacement (same number as it has), recomputes the weighted share; the
interval is the ``(1-level)/2`` and ``(1+level)/2`` quantiles of ``n_boot``
replicates (seeded). The interval reflects which passages happened to be
written, treating passages as independent and the fitted model as fixed; it
does not include refitting uncertainty (see stability) and is optimistic when
passages of one document echo each other. Groups with fewer than
``min_passages`` passages get the point share but no interval, and
``note = "too few passages (n)"``.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from briefkit.groups import document_groups
from briefkit.topics.model import TopicFit

__all__ = ["bootstrap_shares", "group_topic_shares", "document_topic_shares", "top_passages"]

SHARE_COLUMNS = ["group", "topic_id", "share", "ci_low", "ci_high", "n_docs", "n_passages", "note"]


def bootstrap_shares(theta, weights, *, n_boot: int = 1000, level: float = 0.95,
                     seed=0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weighted mean of passage shares and its percentile bootstrap interval.

    Parameters
    ----------
    theta : array, shape (n_passages, k)
    weights : array, shape (n_passages,)
        Non-negative passage weights (e.g. token counts).
    n_boot : int, default 1000
    level : float, default 0.95
    seed : int, default 0

    Returns
    -------
    (share, low, high) : ndarrays of shape (k,)

    Examples
    --------
    >>> from briefkit.topics.shares import bootstrap_shares
    >>> share, lo, hi = bootstrap_shares([[1.0, 0.0], [0.0, 1.0]], [3, 1], n_boot=200)
    >>> share.tolist(), bool(lo[0] <= share[0] <= hi[0])
    ([0.75, 0.25], True)
    """
    theta = np.asarray(theta, dtype=float)
    w = np.asarray(weights, dtype=float)
    if theta.ndim != 2 or len(w) != theta.shape[0] or theta.shape[0] == 0:
        raise ValueError(f"theta must be (n, k) with n >= 1 and weights of length n; got "
                         f"{theta.shape} and {w.shape}")
    if (w < 0).any() or w.sum() <= 0:
        raise ValueError("weights must be non-negative with a positive sum")
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 1:
        raise ValueError(f"n_boot must be an integer >= 1, got {n_boot!r}")
    if not 0 < level < 1:
        raise ValueError(f"level must be in (0, 1), got {level!r}")
    wt = theta * w[:, None]
    share = wt.sum(axis=0) / w.sum()
    n = len(w)
    rng = np.random.default_rng(seed)
    reps = np.empty((n_boot, theta.shape[1]))
    chunk = max(1, min(n_boot, 2_000_000 // max(n, 1)))
    for lo in range(0, n_boot, chunk):
        m = min(chunk, n_boot - lo)
        idx = rng.integers(0, n, size=(m, n))
        wsum = w[idx].sum(axis=1)
        num = np.stack([wt[:, j][idx].sum(axis=1) for j in range(theta.shape[1])], axis=1)
        # A replicate that drew only zero-weight passages falls back to the point share.
        reps[lo:lo + m] = np.divide(num, wsum[:, None], out=np.tile(share, (m, 1)),
                                    where=wsum[:, None] > 0)
    q = np.quantile(reps, [(1 - level) / 2, (1 + level) / 2], axis=0)
    return share, q[0], q[1]


def _shares_by(fit: TopicFit, mapping: pd.DataFrame, *, n_boot, level, seed,
               min_passages) -> pd.DataFrame:
    fitted = fit.fitted
    k = fit.k
    by_doc = fitted.groupby(fitted["doc_id"].astype(str), sort=True).indices
    weights = fitted["n_terms"].to_numpy(dtype=float)
    rows = []
    for group, sub in mapping.groupby("group", sort=True):
        doc_ids = sorted(set(sub["doc_id"].astype(str)))
        found = [by_doc[d] for d in doc_ids if d in by_doc]
        idx = np.sort(np.concatenate(found)) if found else np.array([], dtype=np.int64)
        n = len(idx)
        if n == 0:
            share = lo = hi = np.full(k, np.nan)
            note = "no modelled passages"
        else:
            share, lo, hi = bootstrap_shares(fit.theta[idx], weights[idx], n_boot=n_boot,
                                             level=level,
                                             seed=[seed, zlib.crc32(str(group).encode("utf-8"))])
            note = ""
            if n < min_passages:
                lo = hi = np.full(k, np.nan)
                note = f"too few passages ({n})"
        for j in range(k):
            rows.append((group, j + 1, share[j], lo[j], hi[j], len(doc_ids), n, note))
    out = pd.DataFrame(rows, columns=SHARE_COLUMNS)
    out["group"] = out["group"].astype("str")
    out["note"] = out["note"].astype("str")
    return out


def group_topic_shares(fit: TopicFit, docs: pd.DataFrame, *, by: str = "authors",
                       n_boot: int = 1000, level: float = 0.95, seed: int = 0,
                       min_passages: int = 5) -> pd.DataFrame:
    """Topic share per group (``briefkit.groups.document_groups(docs, by=by)``) with intervals.

    Parameters
    ----------
    fit : TopicFit
    docs : DataFrame
        Documents table with ``doc_id`` and the ``by`` column.
    by : str, default "authors"
        Any manifest column; authors are split on ";" (a document counts for each author).
    n_boot, level, seed : bootstrap settings; each group's replicates are seeded by ``seed`` and
        a checksum of the group's name, so adding a group never changes another group's interval.
    min_passages : int, default 5
        Below this many passages a group gets no interval (see module docstring).

    Returns
    -------
    DataFrame
        ``group, topic_id, share, ci_low, ci_high, n_docs, n_passages, note``,
        sorted by group then topic.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.model import fit_topics
    >>> from briefkit.topics.shares import group_topic_shares
    >>> p = pd.DataFrame({"doc_id": list("aabb"), "passage_id": ["a:0", "a:1", "b:0", "b:1"],
    ...     "start": 0, "end": 1, "text": ["tariffs trade deal", "trade tariffs talks",
    ...     "nuclear missile test", "missile nuclear launch"]})
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "authors": ["Kim", "Lee"]})
    >>> g = group_topic_shares(fit_topics(p, 2), docs, min_passages=1, n_boot=100)
    >>> g.groupby("group")["share"].sum().round(6).tolist()
    [1.0, 1.0]
    """
    mapping = document_groups(docs, by=by)
    return _shares_by(fit, mapping, n_boot=n_boot, level=level, seed=seed,
                      min_passages=min_passages)


def document_topic_shares(fit: TopicFit, *, n_boot: int = 1000, level: float = 0.95,
                          seed: int = 0, min_passages: int = 5) -> pd.DataFrame:
    """Topic share per document with bootstrap intervals; columns as :func:`group_topic_shares`
    but with ``doc_id`` in place of ``group`` (documents without modelled passages included).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.model import fit_topics
    >>> from briefkit.topics.shares import document_topic_shares
    >>> p = pd.DataFrame({"doc_id": list("aabb"), "passage_id": ["a:0", "a:1", "b:0", "b:1"],
    ...     "start": 0, "end": 1, "text": ["tariffs trade deal", "trade tariffs talks",
    ...     "nuclear missile test", "missile nuclear launch"]})
    >>> document_topic_shares(fit_topics(p, 2), n_boot=50)["note"].unique().tolist()
    ['too few passages (2)']
    """
    ids = sorted(set(fit.passages["doc_id"].astype(str)))
    mapping = pd.DataFrame({"doc_id": ids, "group": ids})
    out = _shares_by(fit, mapping, n_boot=n_boot, level=level, seed=seed,
                     min_passages=min_passages)
    return out.rename(columns={"group": "doc_id"})


def top_passages(fit: TopicFit, *, n: int = 5, per_doc: int | None = None) -> pd.DataFrame:
    """The ``n`` most representative passages of each topic.

    Eligible passages are those whose largest share is this topic (so one
    passage does not stand for two topics). They are ranked by their share of
    the topic (rounded to 6 decimals), then by their number of vocabulary
    tokens (a long passage wholly on the topic is better evidence than a
    one-liner), then by ``doc_id`` and ``start``. ``per_doc`` caps how many
    passages one document may contribute, so the evidence shows whether a
    topic spans documents. A topic that dominates fewer passages lists fewer.

    Returns
    -------
    DataFrame
        ``topic_id, rank (1..n), doc_id, start, end, text, passage_id, share, n_terms``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.model import fit_topics
    >>> from briefkit.topics.shares import top_passages
    >>> p = pd.DataFrame({"doc_id": list("aabb"), "passage_id": ["a:0", "a:1", "b:0", "b:1"],
    ...     "start": 0, "end": 1, "text": ["tariffs trade deal", "trade tariffs talks",
    ...     "nuclear missile test", "missile nuclear launch"]})
    >>> top_passages(fit_topics(p, 2), n=1)["rank"].tolist()
    [1, 1]
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be an integer >= 1, got {n!r}")
    if per_doc is not None and (isinstance(per_doc, bool) or not isinstance(per_doc, (int, np.integer))
                                or per_doc < 1):
        raise ValueError(f"per_doc must be None or an integer >= 1, got {per_doc!r}")
    fitted = fit.fitted
    dominant = np.argmax(fit.theta, axis=1)
    docs = fitted["doc_id"].astype(str).to_numpy()
    starts = fitted["start"].to_numpy()
    n_terms = fitted["n_terms"].to_numpy()
    rows = []
    for j in range(fit.k):
        cand = np.flatnonzero(dominant == j)
        order = cand[np.lexsort((starts[cand], docs[cand], -n_terms[cand],
                                 -np.round(fit.theta[cand, j], 6)))]
        used: dict[str, int] = {}
        rank = 0
        for i in order:
            if per_doc is not None and used.get(docs[i], 0) >= per_doc:
                continue
            used[docs[i]] = used.get(docs[i], 0) + 1
            rank += 1
            rec = fitted.iloc[i]
            rows.append((j + 1, rank, rec["doc_id"], int(rec["start"]), int(rec["end"]), rec["text"],
                         rec["passage_id"], float(fit.theta[i, j]), int(n_terms[i])))
            if rank == n:
                break
    return pd.DataFrame(rows, columns=["topic_id", "rank", "doc_id", "start", "end", "text",
                                       "passage_id", "share", "n_terms"])
