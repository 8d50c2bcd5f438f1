"""Calibration and the analyst's next steps: calibration table, proposed "did not happen",
and a warning when groups answered different questions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from briefkit.errors import require_columns
from briefkit.forecasts.scoring.scorecard import score_forecasts
from briefkit.uncertainty import OK, too_few, wilson_interval

__all__ = ["RELIABILITY_BINS", "calibration_table", "propose_not_happened", "comparability_warnings"]

#: Default reliability bin edges for the stated probability (right-closed; the first includes 0).
RELIABILITY_BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


def calibration_table(predictions: pd.DataFrame, *, bins=RELIABILITY_BINS, partly: float | None = 0.5,
                      min_n: int = 3) -> pd.DataFrame:
    """Stated probability versus observed frequency, binned by the stated probability.

    The stated probability is ``p_point``, or ``1 - p_point`` for negated
    forecasts (see :func:`score_forecasts`), so both axes refer to the forecast
    as worded.

    Bins are right-closed (``(0.2, 0.4]``), the first includes 0. Every bin is
    listed, empty ones with ``n = 0``. ``observed`` is the mean outcome value of
    the bin's resolved forecasts, with a Wilson interval; bins with fewer than
    ``min_n`` forecasts are marked "too few" in ``note`` (the point is still
    given, the interval shows how little it says).

    Returns
    -------
    DataFrame
        ``bin, bin_low, bin_high, mean_p, estimate, ci_low, ci_high, level, n, status``
        (``estimate``: the observed frequency, Wilson interval).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.scoring.calibration import calibration_table
    >>> df = pd.DataFrame({"p_point": [0.9, 0.9, 0.3], "outcome": ["happened", "did not happen", "happened"]})
    >>> calibration_table(df, bins=(0, 0.5, 1))[["bin", "n", "estimate"]].values.tolist()
    [['[0, 0.5]', 1, 1.0], ['(0.5, 1]', 2, 0.5]]
    >>> calibration_table(df, bins=(0, 0.5, 1))["status"].tolist()
    ['too few resolved forecasts (1 < 3)', 'too few resolved forecasts (2 < 3)']
    """
    edges = [float(b) for b in bins]
    if len(edges) < 2 or any(b >= a for a, b in zip(edges[1:], edges[:-1])) or edges[0] < 0 or edges[-1] > 1:
        raise ValueError(f"bins must be increasing edges within [0, 1], got {bins!r}")
    scored = score_forecasts(predictions, partly=partly)
    scored = scored[scored["scored"] & scored["p_stated"].notna()]
    p = scored["p_stated"]
    codes = pd.cut(p, bins=edges, include_lowest=True, labels=False)
    rows = []
    for i, (lo, hi) in enumerate(zip(edges[:-1], edges[1:])):
        inbin = scored[codes == i]
        n = len(inbin)
        label = f"{'[' if i == 0 else '('}{lo:g}, {hi:g}]"
        row = {"bin": label, "bin_low": lo, "bin_high": hi, "mean_p": np.nan, "estimate": np.nan,
               "ci_low": np.nan, "ci_high": np.nan, "level": 0.95, "n": n,
               "status": OK if n >= min_n else too_few(n, min_n, "resolved forecasts")}
        if n:
            row["mean_p"] = float(inbin["p_stated"].mean())
            row["estimate"] = float(inbin["y"].mean())
            row["ci_low"], row["ci_high"] = wilson_interval(float(inbin["y"].sum()), n)
        rows.append(row)
    out = pd.DataFrame(rows)
    out["n"] = out["n"].astype("int64")
    return out



def propose_not_happened(predictions: pd.DataFrame, links: pd.DataFrame, *, today) -> pd.DataFrame:
    """Forecasts whose horizon has passed with no linked event and no resolved outcome.

    These are *proposals*: the analyst confirms ``did not happen`` (or another outcome) in
    ``outcomes.csv``.  Open-ended forecasts (no horizon) are never proposed.

    Returns
    -------
    DataFrame
        ``pred_id, doc_id, horizon_end, outcome, proposed_outcome, reason``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.scoring.calibration import propose_not_happened
    >>> p = pd.DataFrame({"pred_id": ["a", "b"], "doc_id": ["d", "d"], "outcome": ["pending"] * 2,
    ...     "horizon_end": [pd.Timestamp("2025-12-31"), pd.NaT]})
    >>> propose_not_happened(p, pd.DataFrame({"pred_id": [], "event_id": []}),
    ...                      today=pd.Timestamp("2026-06-01"))["pred_id"].tolist()
    ['a']
    """
    require_columns(predictions, ["pred_id", "doc_id", "horizon_end", "outcome"], name="predictions")
    require_columns(links, ["pred_id", "event_id"], name="links")
    today = pd.Timestamp(today)
    linked = set(links["pred_id"])
    end = pd.to_datetime(predictions["horizon_end"])
    mask = end.notna() & (end < today) & predictions["outcome"].astype(str).isin(["pending", ""]) & \
        ~predictions["pred_id"].isin(linked)
    out = predictions.loc[mask, ["pred_id", "doc_id", "horizon_end", "outcome"]].copy()
    out["proposed_outcome"] = "did not happen"
    out["reason"] = [f"horizon ended {pd.Timestamp(e).date()}; no event linked" for e in out["horizon_end"]]
    return out.reset_index(drop=True)


def comparability_warnings(predictions: pd.DataFrame, card: pd.DataFrame) -> list[str]:
    """Warnings when groups with scores answered different questions.

    Two groups are comparable only if some of their resolved forecasts were settled by the
    same ledger events (ids cited in the outcome notes).  Otherwise their scores measure
    different questions, not different skill, and must not be read as a ranking.
    """
    from briefkit.forecasts.ledger.citations import EVENT_ID

    require_columns(card, ["group", "measure", "estimate"], name="scorecard")
    scored_groups = sorted({g for g, m, e in zip(card["group"], card["measure"], card["estimate"])
                            if m == "brier" and pd.notna(e) and g != "(all forecasts)"})
    if len(scored_groups) < 2 or "group" not in predictions.columns:
        return []
    res = score_forecasts(predictions)
    res = res[res["scored"]]
    notes = res["note"].fillna("").astype(str) if "note" in res.columns else pd.Series("", index=res.index)
    events = {g: set(EVENT_ID.findall(" ".join(notes[res["group"] == g]))) for g in scored_groups}
    out = []
    for i, a in enumerate(scored_groups):
        for b in scored_groups[i + 1:]:
            if not events[a] & events[b]:
                out.append(f"{a} and {b} answered different questions: none of their resolved forecasts "
                           f"was settled by the same event, so their scores are not a ranking.")
    return out
