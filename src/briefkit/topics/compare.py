"""Which topics each group emphasises relative to the rest: difference in share with an interval.

For group g and topic k the estimate is ``share(g) - share(rest)``, each share the
``n_terms``-weighted mean of unit shares (as in :mod:`briefkit.topics.shares`), "rest" being every
modelled unit of documents outside g. The interval is the percentile interval of the difference of
two independent bootstraps (:func:`briefkit.uncertainty.bootstrap_replicates`): documents are
resampled within g and within the rest (``clusters=doc_id``) when two or more stand behind a side;
a side with one document resamples its passages (``n_docs`` says so). Status ``too few …`` when g
has fewer than ``min_units`` units, ``no other group`` when every document is in g.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from briefkit.groups import document_groups
from briefkit.uncertainty import INTERVAL_COLUMNS, OK, bootstrap_replicates, check_level, too_few

__all__ = ["group_contrast", "CONTRAST_COLUMNS"]

CONTRAST_COLUMNS = ["group", "topic_id", *INTERVAL_COLUMNS, "n_docs", "share_group", "share_rest"]


def _reps(vals, den, docs, n_boot, seed, key):
    clusters = docs if len(set(docs)) >= 2 else None
    return bootstrap_replicates(vals, denominators=den, clusters=clusters, n_boot=n_boot, seed=seed,
                                key=key)


def group_contrast(theta, units: pd.DataFrame, docs: pd.DataFrame, *, by: str = "authors",
                   topic_ids=None, n_boot: int = 2000, level: float = 0.95, seed: int = 0,
                   min_units: int = 3, unit_name: str = "passages") -> pd.DataFrame:
    """Difference in topic share between each group and all other documents.

    Parameters
    ----------
    theta : array, shape (n_units, k)
    units : DataFrame
        ``doc_id, n_terms``, rows aligned with ``theta``.
    docs : DataFrame
        Documents with ``doc_id`` and the ``by`` column.
    by : str, default "authors"
    topic_ids : list, optional
    n_boot, level, seed, min_units, unit_name : as in :func:`briefkit.topics.shares.shares_table`.

    Returns
    -------
    DataFrame
        :data:`CONTRAST_COLUMNS`; ``estimate`` is ``share_group - share_rest``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.compare import group_contrast
    >>> u = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c", "c"], "n_terms": 10})
    >>> d = pd.DataFrame({"doc_id": ["a", "b", "c"], "authors": ["Kim", "Lee", "Lee"]})
    >>> t = group_contrast([[1, 0], [1, 0], [0, 1], [0, 1], [0, 1], [0, 1]], u, d, n_boot=100,
    ...                    min_units=2)
    >>> t.loc[t["group"] == "Kim", "estimate"].tolist()
    [1.0, -1.0]
    """
    level = check_level(level)
    theta = np.asarray(theta, dtype=float)
    k = theta.shape[1]
    topic_ids = list(range(1, k + 1)) if topic_ids is None else list(topic_ids)
    udocs = units["doc_id"].astype(str).to_numpy()
    w = units["n_terms"].to_numpy(dtype=float)
    mapping = document_groups(docs, by=by)
    alpha = (1 - level) / 2
    rows = []
    for group, sub in mapping.groupby("group", sort=True):
        inside = np.isin(udocs, sorted(set(sub["doc_id"].astype(str))))
        gi, ri = np.flatnonzero(inside & (w > 0)), np.flatnonzero(~inside & (w > 0))
        n_docs = len(set(udocs[gi]))
        for j, t in enumerate(topic_ids):
            sg = float((theta[gi, j] * w[gi]).sum() / w[gi].sum()) if len(gi) else np.nan
            sr = float((theta[ri, j] * w[ri]).sum() / w[ri].sum()) if len(ri) else np.nan
            est = sg - sr
            if len(gi) == 0:
                status = "no modelled passages"
            elif len(ri) == 0:
                status = "no other group"
            elif len(gi) < min_units:
                status = too_few(len(gi), min_units, unit_name)
            else:
                status = OK
            lo = hi = np.nan
            if status == OK:
                a = _reps(theta[gi, j] * w[gi], w[gi], udocs[gi], n_boot, seed, f"contrast|{by}|{group}|{t}|g")
                b = _reps(theta[ri, j] * w[ri], w[ri], udocs[ri], n_boot, seed, f"contrast|{by}|{group}|{t}|r")
                m = min(len(a), len(b))
                lo, hi = (float(q) for q in np.quantile(a[:m] - b[:m], [alpha, 1 - alpha]))
            rows.append((group, t, est, lo, hi, level, len(gi), status, n_docs, sg, sr))
    out = pd.DataFrame(rows, columns=CONTRAST_COLUMNS)
    out["group"] = out["group"].astype("str")
    out["status"] = out["status"].astype("str")
    return out
