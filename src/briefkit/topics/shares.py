"""Topic shares per document and per group, with cluster-bootstrap intervals over documents.

A group's (or document's) share of topic k is the mean of its units' shares of k, each unit
weighted by its number of vocabulary tokens (``n_terms``), so the share reads as "fraction of the
group's modelled words that belong to topic k". Shares over the K topics sum to 1.

Intervals (``docs/contracts.md``): :func:`briefkit.uncertainty.bootstrap_ci` on the ratio
``sum(share x n_terms) / sum(n_terms)``. When two or more documents stand behind a cell the
bootstrap resamples **documents** (``clusters=doc_id``), so the interval describes variation
between the group's documents; when one document does (``n_docs == 1``) it resamples that
document's passages and describes that document only. A cell with fewer than ``min_units`` units
gets the estimate but no interval (``status = "too few passages (n < m)"``); a group with no
modelled unit gets no estimate (``status = "no modelled passages"``). The fitted model is held
fixed: refitting uncertainty is the stability column, not these intervals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from briefkit.groups import document_groups
from briefkit.topics.model import TopicFit
from briefkit.uncertainty import INTERVAL_COLUMNS, OK, bootstrap_ci, check_level, too_few

__all__ = ["shares_table", "group_topic_shares", "document_topic_shares", "top_passages",
           "SHARE_COLUMNS"]

#: Columns of a share table after its key column (``group`` or ``doc_id``).
SHARE_COLUMNS = ["topic_id", *INTERVAL_COLUMNS, "n_docs"]


def shares_table(theta, units: pd.DataFrame, mapping: pd.DataFrame, *, key: str = "group",
                 topic_ids=None, n_boot: int = 2000, level: float = 0.95, seed: int = 0,
                 min_units: int = 3, unit_name: str = "passages", stream: str = "topics") -> pd.DataFrame:
    """Share of each topic per group of documents, with intervals (rules in the module docstring).

    Parameters
    ----------
    theta : array, shape (n_units, k)
        Unit shares, rows aligned with ``units``.
    units : DataFrame
        ``doc_id`` and ``n_terms`` (the weights) per unit.
    mapping : DataFrame
        ``doc_id, group`` (from :func:`briefkit.groups.document_groups`).
    key : str, default "group"
        Name of the output's first column.
    topic_ids : list, optional
        Labels of the columns of ``theta`` (default 1..k).
    n_boot, level, seed : bootstrap settings; each cell's stream is keyed by ``stream``, group and topic.
    min_units : int, default 3
    unit_name : str, default "passages"

    Returns
    -------
    DataFrame
        ``key, topic_id, estimate, ci_low, ci_high, level, n, status, n_docs``; ``n`` counts units.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.shares import shares_table
    >>> u = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "n_terms": [10, 10, 5, 5]})
    >>> m = pd.DataFrame({"doc_id": ["a", "b"], "group": ["Kim", "Kim"]})
    >>> t = shares_table([[1, 0], [1, 0], [0, 1], [0, 1]], u, m, n_boot=200, min_units=2)
    >>> t["estimate"].round(3).tolist(), t["n_docs"].tolist()
    ([0.667, 0.333], [2, 2])
    """
    level = check_level(level)
    theta = np.asarray(theta, dtype=float)
    k = theta.shape[1] if theta.ndim == 2 else 0
    topic_ids = list(range(1, k + 1)) if topic_ids is None else list(topic_ids)
    docs = units["doc_id"].astype(str).to_numpy()
    w = units["n_terms"].to_numpy(dtype=float)
    by_doc = pd.Series(np.arange(len(docs))).groupby(docs).apply(list).to_dict() if len(docs) else {}
    rows = []
    for group, sub in mapping.groupby("group", sort=True):
        ids = sorted(set(sub["doc_id"].astype(str)))
        idx = np.array(sorted(i for d in ids for i in by_doc.get(d, [])), dtype=np.int64)
        n_docs = int(len({docs[i] for i in idx}))
        for j, t in enumerate(topic_ids):
            if len(idx) == 0 or w[idx].sum() <= 0:
                rows.append((group, t, np.nan, np.nan, np.nan, level, 0, "no modelled passages", 0))
                continue
            vals, den = theta[idx, j] * w[idx], w[idx]
            est = float(vals.sum() / den.sum())
            if len(idx) < min_units:
                rows.append((group, t, est, np.nan, np.nan, level, len(idx),
                             too_few(len(idx), min_units, unit_name), n_docs))
                continue
            _, lo, hi = bootstrap_ci(vals, denominators=den, clusters=docs[idx] if n_docs >= 2 else None,
                                     n_boot=n_boot, level=level, seed=seed, key=f"{stream}|{group}|{t}")
            rows.append((group, t, est, lo, hi, level, len(idx), OK, n_docs))
    out = pd.DataFrame(rows, columns=[key, *SHARE_COLUMNS])
    out[key] = out[key].astype("str")
    out["status"] = out["status"].astype("str")
    return out


def group_topic_shares(fit: TopicFit, docs: pd.DataFrame, *, by: str = "authors",
                       n_boot: int = 2000, level: float = 0.95, seed: int = 0,
                       min_units: int = 3) -> pd.DataFrame:
    """Topic share per group (``briefkit.groups.document_groups(docs, by=by)``) with intervals.

    Returns
    -------
    DataFrame
        ``group`` then :data:`SHARE_COLUMNS`, sorted by group then topic.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.model import fit_topics
    >>> from briefkit.topics.shares import group_topic_shares
    >>> p = pd.DataFrame({"doc_id": list("aabb"), "passage_id": ["a:0", "a:1", "b:0", "b:1"],
    ...     "start": 0, "end": 1, "text": ["tariffs trade deal", "trade tariffs talks",
    ...     "nuclear missile test", "missile nuclear launch"]})
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "authors": ["Kim", "Lee"]})
    >>> g = group_topic_shares(fit_topics(p, 2), docs, min_units=1, n_boot=100)
    >>> g.groupby("group")["estimate"].sum().round(6).tolist()
    [1.0, 1.0]
    """
    mapping = document_groups(docs, by=by)
    return shares_table(fit.theta, fit.fitted, mapping, n_boot=n_boot, level=level, seed=seed,
                        min_units=min_units, stream=f"topics|{by}")


def document_topic_shares(fit: TopicFit, *, n_boot: int = 2000, level: float = 0.95,
                          seed: int = 0, min_units: int = 3) -> pd.DataFrame:
    """Topic share per document with intervals over its passages; ``doc_id`` then :data:`SHARE_COLUMNS`.

    Documents without modelled passages are included (``status = "no modelled passages"``).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.model import fit_topics
    >>> from briefkit.topics.shares import document_topic_shares
    >>> p = pd.DataFrame({"doc_id": list("aabb"), "passage_id": ["a:0", "a:1", "b:0", "b:1"],
    ...     "start": 0, "end": 1, "text": ["tariffs trade deal", "trade tariffs talks",
    ...     "nuclear missile test", "missile nuclear launch"]})
    >>> document_topic_shares(fit_topics(p, 2), n_boot=50)["status"].unique().tolist()
    ['too few passages (2 < 3)']
    """
    ids = sorted(set(fit.passages["doc_id"].astype(str)))
    mapping = pd.DataFrame({"doc_id": ids, "group": ids})
    return shares_table(fit.theta, fit.fitted, mapping, key="doc_id", n_boot=n_boot, level=level,
                        seed=seed, min_units=min_units, stream="topics|doc")


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
