"""Score forecasts against the analyst's outcomes: hit rate, Brier score and Brier skill.

Outcome rules (one place, :func:`outcome_value`):

* ``happened`` -> 1, ``did not happen`` -> 0;
* ``partly`` -> 0.5 by default (``partly=`` can set 0, 1, or ``None`` to leave
  partly-true forecasts unscored): right in direction, wrong in size;
* ``pending``, ``ambiguous``, ``annulled`` -> not scored, but counted
  (:func:`resolution_counts`).

Probabilities: ``outcome`` records whether the forecast *as stated* came true;
:mod:`briefkit.forecasts.detection.predict` gives ``p_point`` for the *positive* event, so a
negated forecast is scored at ``1 - p_point`` (see :func:`score_forecasts`).

What each measure uses
----------------------
* **hit rate**: resolved forecasts with a direction.  A forecast stated at p = 0.5 (Kent's
  *may / could / possible*, and every implied forecast) says neither yes nor no: it is kept
  in the Brier score and **left out of the hit rate** (``n_no_direction`` in the counts).
* **Brier score**: mean ``(p_stated - y)^2`` over resolved forecasts with a probability.
  ``brier_band_min``/``brier_band_max`` are the smallest/largest Brier scores the probability
  bands allow (each forecast's p anywhere in ``[p_low, p_high]``): **not an interval**.
* **Brier skill** against a reference forecast: ``1 - Brier / Brier_ref``, where the reference
  forecasts every question at the base rate (the share of all resolved forecasts of the
  table that came true).  Above 0: better than always saying the base rate.

Intervals (tidy columns ``estimate, ci_low, ci_high, level, n, status``) come from
:func:`briefkit.uncertainty.bootstrap_ci`, resampling **clusters**: forecasts of the same
document, and forecasts whose outcome cites the same ledger event (two forecasts resolved by
the US strikes on Iran are one piece of evidence, not two), form one cluster
(:func:`resolution_clusters`).  With fewer than ``min_n`` forecasts a row has counts but no
estimate, and ``status`` says why; with fewer than :data:`MIN_CLUSTERS` independent clusters it
has the estimate but no interval (``too few independent clusters (n < 5)``: a bootstrap over
two to four clusters prints a confident-looking range). ``status == "ok"`` always means the
interval is filled; ``scope`` says whether one document or several stand behind the row (with
one, the interval describes that document only).
"""

from __future__ import annotations


import numpy as np
import pandas as pd

from briefkit.errors import require_columns
from briefkit.forecasts.ledger.citations import cited_event_ids
from briefkit.forecasts.ledger.outcomes import OUTCOMES
from briefkit.uncertainty import (INTERVAL_COLUMNS, OK, bootstrap_ci, check_level, scope_of, too_few, undefined,
                                  wilson_interval)

__all__ = ["outcome_value", "score_forecasts", "wilson_interval", "scorecard", "resolution_counts",
           "resolution_clusters", "SCORECARD_COLUMNS", "COUNT_COLUMNS", "MEASURES"]

MEASURES = ("hit_rate", "brier", "brier_skill")
#: Columns of :func:`scorecard` (one row per group and measure).
#: Fewest independent clusters (documents, or forecasts sharing an event) for a bootstrap interval.
MIN_CLUSTERS = 5

SCORECARD_COLUMNS = ["group", "measure", *INTERVAL_COLUMNS, "n_docs", "scope", "n_clusters",
                     "brier_band_min", "brier_band_max", "reference"]
#: Columns of :func:`resolution_counts`.
COUNT_COLUMNS = ["group", "n_forecasts", "n_conditional", "n_implied", "n_resolved", "n_no_direction",
                 "happened", "partly", "did not happen", "pending", "ambiguous", "annulled", "n_docs"]


def _check_partly(partly):
    if partly is not None and not (isinstance(partly, (int, float)) and 0 <= partly <= 1):
        raise ValueError(f"partly must be None or a number in [0, 1], got {partly!r}")


def outcome_value(outcome: str, *, partly: float | None = 0.5) -> float:
    """Score value of one outcome: 1, 0, ``partly``, or NaN when not scored.

    Examples
    --------
    >>> from briefkit.forecasts.scoring.scorecard import outcome_value
    >>> [outcome_value(o) for o in ("happened", "did not happen", "partly")]
    [1.0, 0.0, 0.5]
    >>> outcome_value("annulled")
    nan
    """
    _check_partly(partly)
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {OUTCOMES}, got {outcome!r}")
    if outcome == "happened":
        return 1.0
    if outcome == "did not happen":
        return 0.0
    if outcome == "partly" and partly is not None:
        return float(partly)
    return float("nan")


def _band_errors(lo, hi, y):
    """Min and max of (p - y)^2 over p in [lo, hi] (arrays)."""
    e_lo, e_hi = (lo - y) ** 2, (hi - y) ** 2
    inside = (lo <= y) & (y <= hi)
    return np.where(inside, 0.0, np.minimum(e_lo, e_hi)), np.maximum(e_lo, e_hi)


def score_forecasts(predictions: pd.DataFrame, *, partly: float | None = 0.5) -> pd.DataFrame:
    """Add ``y``, ``scored``, ``p_stated[_low|_high]``, ``sq_error[_low|_high]`` to each forecast.

    ``y`` is :func:`outcome_value` of ``outcome``; ``scored`` is true when ``y`` is
    known. ``outcome`` says whether the forecast *as stated* came true, while
    ``p_low/p_point/p_high`` (from :mod:`briefkit.forecasts.detection.detect`) are probabilities of
    the *positive* event; so for a ``negated`` forecast ("he won't get a Nobel",
    p = 0.125 that he does) the stated probability is ``1 - p`` (band
    ``[1 - p_high, 1 - p_low]``). Squared errors use the stated probability;
    ``p_low``/``p_high`` default to ``p_point``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.scoring.scorecard import score_forecasts
    >>> df = pd.DataFrame({"outcome": ["happened", "did not happen"], "p_low": [0.6, 0.6],
    ...                    "p_point": [0.7, 0.7], "p_high": [0.8, 0.8]})
    >>> score_forecasts(df)[["sq_error", "sq_error_low", "sq_error_high"]].round(2).values.tolist()
    [[0.09, 0.04, 0.16], [0.49, 0.36, 0.64]]
    """
    require_columns(predictions, ["outcome", "p_point"], name="predictions (attach outcomes first: "
                    "briefkit.forecasts.ledger.outcomes.attach_outcomes)")
    out = predictions.copy()
    out["y"] = [outcome_value(str(o), partly=partly) for o in out["outcome"]]
    out["scored"] = out["y"].notna()
    p = pd.to_numeric(out["p_point"], errors="coerce").to_numpy(dtype=float)
    lo = pd.to_numeric(out["p_low"] if "p_low" in out.columns else out["p_point"],
                       errors="coerce").to_numpy(dtype=float)
    hi = pd.to_numeric(out["p_high"] if "p_high" in out.columns else out["p_point"],
                       errors="coerce").to_numpy(dtype=float)
    lo = np.where(np.isnan(lo), p, lo)
    hi = np.where(np.isnan(hi), p, hi)
    lo, hi = np.minimum(lo, hi), np.maximum(lo, hi)
    if "negated" in out.columns:  # p is for the positive event; the outcome is for the forecast as stated
        neg = out["negated"].fillna(False).astype(bool).to_numpy()
        p = np.where(neg, 1 - p, p)
        lo, hi = np.where(neg, 1 - hi, lo), np.where(neg, 1 - lo, hi)
    out["p_stated"] = p
    out["p_stated_low"] = lo
    out["p_stated_high"] = hi
    y = out["y"].to_numpy(dtype=float)
    out["sq_error"] = (p - y) ** 2
    e_min, e_max = _band_errors(lo, hi, y)
    out["sq_error_low"] = e_min
    out["sq_error_high"] = e_max
    return out


def resolution_clusters(scored: pd.DataFrame, *, by_document: bool = True) -> pd.Series:
    """Cluster label per row: rows sharing a document (``by_document``) or a ledger event
    cited in ``note`` (ids like ``E025``) share a label (union-find; labels are the smallest
    ``pred_id`` of the cluster, so they are stable).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.scoring.scorecard import resolution_clusters
    >>> df = pd.DataFrame({"pred_id": ["a", "b", "c"], "doc_id": ["x", "y", "z"],
    ...                    "note": ["Iran strikes (E025)", "E024, E025", "no event"]})
    >>> resolution_clusters(df).tolist()
    ['a', 'a', 'c']
    """
    ids = scored["pred_id"].astype(str).tolist() if "pred_id" in scored.columns else \
        [str(i) for i in range(len(scored))]
    parent = {i: i for i in ids}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first: dict[str, str] = {}
    notes = scored["note"].fillna("").astype(str) if "note" in scored.columns else [""] * len(ids)
    docs = scored["doc_id"].astype(str) if by_document and "doc_id" in scored.columns else [None] * len(ids)
    for pid, note, doc in zip(ids, notes, docs):
        keys = set(cited_event_ids(note)) | ({f"doc:{doc}"} if doc is not None else set())
        for k in keys:
            if k in first:
                union(pid, first[k])
            else:
                first[k] = pid
    return pd.Series([find(i) for i in ids], index=scored.index, name="cluster")


def _groups(scored: pd.DataFrame, docs, by: str) -> pd.DataFrame:
    if docs is not None:
        from briefkit.groups import document_groups

        groups = document_groups(docs, by=by)
        scored = scored.drop(columns=["group"], errors="ignore").merge(groups, on="doc_id", how="left")
        scored["group"] = scored["group"].fillna("(document not in docs)")
    elif "group" not in scored.columns:
        raise KeyError("pass docs=... or give predictions a 'group' column")
    return scored


def _interval_row(group, measure, values, clusters, *, min_n, n_boot, level, seed, denominators=None,
                  unit="resolved forecasts", n_docs=0):
    n = len(values)
    row = {"group": group, "measure": measure, "estimate": np.nan, "ci_low": np.nan, "ci_high": np.nan,
           "level": level, "n": n, "status": OK, "n_docs": n_docs, "scope": scope_of(n_docs),
           "n_clusters": int(pd.Series(clusters).nunique()) if n else 0,
           "brier_band_min": np.nan, "brier_band_max": np.nan, "reference": ""}
    if n < min_n:
        row["status"] = too_few(n, min_n, unit)
        return row
    est, lo, hi = bootstrap_ci(np.asarray(values, dtype=float), clusters=list(clusters),
                               denominators=denominators, n_boot=n_boot, level=level, seed=seed,
                               key=f"{group}\x1f{measure}")
    row.update(estimate=est)
    if row["n_clusters"] < MIN_CLUSTERS:  # a bootstrap over 2-4 clusters prints a confident-looking range
        row["status"] = too_few(row["n_clusters"], MIN_CLUSTERS, "independent clusters")
        return row
    row.update(ci_low=lo, ci_high=hi)  # with one document (scope), the interval describes that document
    return row


def _group_rows(group: str, df: pd.DataFrame, base_rate: float, *, min_n, n_boot, level, seed) -> list[dict]:
    res = df[df["scored"] & df["sq_error"].notna()].copy()
    n_docs = int(res["doc_id"].nunique()) if "doc_id" in res.columns else 0
    # clusters among the scored forecasts only; within one document, by shared events alone
    res["cluster"] = resolution_clusters(res, by_document=n_docs >= 2) if len(res) else []
    directed = res[(res["p_stated"] - 0.5).abs() > 1e-9]
    kw = dict(min_n=min_n, n_boot=n_boot, level=level, seed=seed, n_docs=n_docs)
    hit = _interval_row(group, "hit_rate", directed["y"], directed["cluster"],
                        unit="resolved forecasts with a direction (p != 0.5)", **kw)
    hit["n_docs"] = int(directed["doc_id"].nunique()) if "doc_id" in directed.columns else 0
    hit["scope"] = scope_of(hit["n_docs"])
    brier = _interval_row(group, "brier", res["sq_error"], res["cluster"], **kw)
    if len(res) >= min_n:
        brier["brier_band_min"] = float(res["sq_error_low"].mean())
        brier["brier_band_max"] = float(res["sq_error_high"].mean())
    ref = (base_rate - res["y"]) ** 2
    if len(res) and float(ref.sum()) == 0.0:
        skill = _interval_row(group, "brier_skill", [], [], **kw)
        skill.update(n=len(res), status=undefined("every outcome equals the base rate (no reference error)"))
    else:
        skill = _interval_row(group, "brier_skill", res["sq_error"], res["cluster"], denominators=ref, **kw)
        if not np.isnan(skill["estimate"]):
            skill.update(estimate=1 - skill["estimate"], ci_low=1 - skill["ci_high"],
                         ci_high=1 - skill["ci_low"])
    skill["reference"] = f"base rate {base_rate:.3f}" if not np.isnan(base_rate) else ""
    return [hit, brier, skill]


def _prepared(predictions, docs, by, partly, score_implied):
    scored = score_forecasts(predictions, partly=partly)
    if "modality" in scored.columns and not score_implied:
        # implied forecasts are scored only when the analyst resolved them in outcomes.csv
        implied = scored["modality"].astype(str) == "implied"
        scored.loc[implied & ~scored["scored"], "scored"] = False
    return _groups(scored, docs, by)


def scorecard(predictions: pd.DataFrame, docs: pd.DataFrame | None = None, *, by: str = "authors",
              partly: float | None = 0.5, min_n: int = 3, n_boot: int = 2000, level: float = 0.95,
              seed: int = 0, overall: bool = True, score_implied: bool = False) -> pd.DataFrame:
    """Hit rate, Brier score and Brier skill per group, with cluster-bootstrap intervals.

    Parameters
    ----------
    predictions : DataFrame
        ``pred_id, doc_id, p_low, p_point, p_high, outcome`` (``negated``, ``note``,
        ``modality``, ``conditional`` optional; see
        :func:`briefkit.forecasts.ledger.outcomes.attach_outcomes`).
    docs : DataFrame, optional
        Documents for :func:`briefkit.groups.document_groups`; without it ``predictions``
        needs a ``group`` column.
    by : str, default "authors"
    partly : float or None, default 0.5
    min_n : int, default 3
        Fewest forecasts behind an estimate.
    n_boot, level, seed
        Bootstrap replicates, coverage and seed (each cell has its own stream).
    overall : bool, default True
        Append ``"(all forecasts)"`` rows counting each forecast once.
    score_implied : bool, default False
        Score implied forecasts even when nothing marks them for scoring (they are scored
        anyway once the analyst resolves them in ``outcomes.csv``).

    Returns
    -------
    DataFrame
        :data:`SCORECARD_COLUMNS`, three rows (:data:`MEASURES`) per group.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.scoring.scorecard import scorecard
    >>> preds = pd.DataFrame({"pred_id": list("abcd"), "doc_id": list("wxyz"), "group": ["Kim"] * 4,
    ...     "p_low": [0.6] * 3 + [0.02], "p_point": [0.7] * 3 + [0.5], "p_high": [0.8] * 3 + [0.99],
    ...     "outcome": ["happened", "did not happen", "happened", "happened"]})
    >>> card = scorecard(preds, min_n=2, overall=False, n_boot=200)
    >>> card[["measure", "estimate", "n"]].round(3).values.tolist()
    [['hit_rate', 0.667, 3], ['brier', 0.23, 4], ['brier_skill', -0.227, 4]]
    """
    if not isinstance(min_n, int) or min_n < 1:
        raise ValueError(f"min_n must be an integer >= 1, got {min_n!r}")
    if not isinstance(n_boot, int) or n_boot < 1:
        raise ValueError(f"n_boot must be an integer >= 1, got {n_boot!r}")
    level = check_level(level)
    scored = _prepared(predictions, docs, by, partly, score_implied)
    resolved = scored.drop_duplicates("pred_id") if "pred_id" in scored.columns else scored
    resolved = resolved[resolved["scored"]]
    base = float(resolved["y"].mean()) if len(resolved) else float("nan")
    kw = dict(min_n=min_n, n_boot=n_boot, level=level, seed=seed)
    rows = []
    for g, df in sorted(scored.groupby(scored["group"].astype(str), sort=False), key=lambda kv: kv[0]):
        rows += _group_rows(g, df, base, **kw)
    if overall and len(scored):
        once = scored.drop_duplicates("pred_id") if "pred_id" in scored.columns else scored
        rows += _group_rows("(all forecasts)", once, base, **kw)
    out = pd.DataFrame(rows, columns=SCORECARD_COLUMNS)
    for c in ("n", "n_docs", "n_clusters"):
        out[c] = out[c].astype("int64")
    return out


def resolution_counts(predictions: pd.DataFrame, docs: pd.DataFrame | None = None, *, by: str = "authors",
                      partly: float | None = 0.5, overall: bool = True) -> pd.DataFrame:
    """Forecasts per group by resolution status (columns :data:`COUNT_COLUMNS`).

    ``n_no_direction`` counts resolved forecasts stated at p = 0.5 (in the Brier score, not in
    the hit rate); ``n_implied`` the implied forecasts (modality ``implied``).
    """
    scored = _groups(score_forecasts(predictions, partly=partly), docs, by)

    def row(g, df):
        out = {"group": g, "n_forecasts": len(df),
               "n_conditional": int(df["conditional"].astype(bool).sum()) if "conditional" in df else 0,
               "n_implied": int((df["modality"].astype(str) == "implied").sum()) if "modality" in df else 0,
               "n_resolved": int(df["scored"].sum()),
               "n_no_direction": int((df["scored"] & ((df["p_stated"] - 0.5).abs() <= 1e-9)).sum()),
               "n_docs": int(df["doc_id"].nunique()) if "doc_id" in df else 0}
        out.update({o: int((df["outcome"].astype(str) == o).sum()) for o in OUTCOMES})
        return out
    rows = [row(g, df) for g, df in sorted(scored.groupby(scored["group"].astype(str), sort=False),
                                           key=lambda kv: kv[0])]
    if overall and len(scored):
        rows.append(row("(all forecasts)", scored.drop_duplicates("pred_id") if "pred_id" in scored else scored))
    out = pd.DataFrame(rows, columns=COUNT_COLUMNS)
    return out.astype({c: "int64" for c in COUNT_COLUMNS if c != "group"})
