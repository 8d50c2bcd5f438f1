"""Score forecasts against the analyst's outcomes: hit rate, Brier score, reliability.

Outcome rules (one place, :func:`outcome_value`):

* ``happened`` -> 1, ``did not happen`` -> 0;
* ``partly`` -> 0.5 by default (``partly=`` can set 0, 1, or ``None`` to leave
  partly-true forecasts unscored). Rationale: policy forecasts are often right
  in direction but wrong in size ("tariffs will rise to 25%" when they rose to
  15%); dropping them would flatter forecasters who hedge, counting them as
  hits or misses would hide the distinction. Half credit keeps them in the
  denominator, and ``n_partly`` is always reported so the choice is visible.
* ``pending``, ``ambiguous``, ``annulled`` -> not scored, but counted.

Probabilities: ``outcome`` records whether the forecast *as stated* came
true; :mod:`briefkit.forecasts.detect` gives ``p_point`` for the *positive* event, so a
negated forecast ("Trump won't get a Nobel", p = 0.125 that he does) is scored
at its stated probability ``1 - p_point`` (see :func:`score_forecasts`).

Brier score: mean of ``(p_stated - y)^2`` over resolved forecasts that have a
``p_point``. ``brier_low``/``brier_high`` propagate the probability band: for
each forecast the smallest/largest squared error over ``p`` in
``[p_low, p_high]``, averaged; so ``brier_low <= brier <= brier_high``. Sampling
uncertainty is separate: ``brier_ci_low``/``brier_ci_high`` are a percentile
bootstrap over forecasts, and hit rates and reliability frequencies carry
Wilson score intervals (which, unlike a bootstrap, stay honest at n = 1 or 2).
Groups with fewer than ``min_n`` resolved forecasts get no rate, only counts
and a note "too few".
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from briefkit.forecasts.outcomes import OUTCOMES
from briefkit.uncertainty import wilson_interval

__all__ = ["outcome_value", "score_forecasts", "wilson_interval", "scorecard", "reliability_table",
           "SCORECARD_COLUMNS", "RELIABILITY_BINS"]

#: Columns of :func:`scorecard`.
SCORECARD_COLUMNS = ["group", "n_forecasts", "n_conditional", "n_resolved", "hit_rate", "brier",
                     "brier_low", "brier_high", "conditional_share", "n_happened", "n_not_happened",
                     "n_partly", "n_pending", "n_ambiguous", "n_annulled", "hit_ci_low", "hit_ci_high",
                     "n_brier", "brier_ci_low", "brier_ci_high", "note"]
#: Default reliability bin edges for the stated probability (right-closed; the first includes 0).
#: Five equal bins: the yardstick's point values (0.5, 0.675, 0.875, 0.97 ...) fall inside
#: bins, not on edges, and with few resolved forecasts finer bins would be mostly empty.
RELIABILITY_BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


def _check_partly(partly):
    if partly is not None and not (isinstance(partly, (int, float)) and 0 <= partly <= 1):
        raise ValueError(f"partly must be None or a number in [0, 1], got {partly!r}")


def outcome_value(outcome: str, *, partly: float | None = 0.5) -> float:
    """Score value of one outcome: 1, 0, ``partly``, or NaN when not scored.

    Examples
    --------
    >>> from briefkit.forecasts.scorecard import outcome_value
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
    ``p_low/p_point/p_high`` (from :mod:`briefkit.forecasts.detect`) are probabilities of
    the *positive* event; so for a ``negated`` forecast ("he won't get a Nobel",
    p = 0.125 that he does) the stated probability is ``1 - p`` (band
    ``[1 - p_high, 1 - p_low]``). Squared errors use the stated probability;
    ``p_low``/``p_high`` default to ``p_point``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.scorecard import score_forecasts
    >>> df = pd.DataFrame({"outcome": ["happened", "did not happen"], "p_low": [0.6, 0.6],
    ...                    "p_point": [0.7, 0.7], "p_high": [0.8, 0.8]})
    >>> score_forecasts(df)[["sq_error", "sq_error_low", "sq_error_high"]].round(2).values.tolist()
    [[0.09, 0.04, 0.16], [0.49, 0.36, 0.64]]
    """
    missing = [c for c in ("outcome", "p_point") if c not in predictions.columns]
    if missing:
        raise KeyError(f"predictions lacks column(s) {missing}; attach outcomes first "
                       "(briefkit.forecasts.outcomes.attach_outcomes)")
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


def _bootstrap_mean(values: np.ndarray, *, n_boot: int, rng) -> tuple[float, float]:
    idx = rng.integers(0, len(values), size=(n_boot, len(values)))
    means = values[idx].mean(axis=1)
    return float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975))


def _group_row(group: str, df: pd.DataFrame, *, min_n: int, n_boot: int, seed: int) -> dict:
    outcome = df["outcome"].astype(str)
    resolved = df[df["scored"]]
    brier = resolved[resolved["sq_error"].notna()]
    n_forecasts, n_res, n_b = len(df), len(resolved), len(brier)
    cond = df["conditional"].astype(bool) if "conditional" in df.columns else pd.Series(False, index=df.index)
    row = {"group": group, "n_forecasts": n_forecasts, "n_conditional": int(cond.sum()),
           "n_resolved": n_res, "hit_rate": np.nan, "brier": np.nan, "brier_low": np.nan,
           "brier_high": np.nan,
           "conditional_share": cond.mean() if n_forecasts else np.nan,
           "n_happened": int((outcome == "happened").sum()),
           "n_not_happened": int((outcome == "did not happen").sum()),
           "n_partly": int((outcome == "partly").sum()), "n_pending": int((outcome == "pending").sum()),
           "n_ambiguous": int((outcome == "ambiguous").sum()),
           "n_annulled": int((outcome == "annulled").sum()),
           "hit_ci_low": np.nan, "hit_ci_high": np.nan, "n_brier": n_b,
           "brier_ci_low": np.nan, "brier_ci_high": np.nan, "note": ""}
    notes = []
    if n_res >= min_n:
        row["hit_rate"] = float(resolved["y"].mean())
        row["hit_ci_low"], row["hit_ci_high"] = wilson_interval(float(resolved["y"].sum()), n_res)
    else:
        notes.append(f"too few resolved forecasts for a hit rate (n={n_res} < min_n={min_n})")
    if n_b >= min_n:
        row["brier"] = float(brier["sq_error"].mean())
        row["brier_low"] = float(brier["sq_error_low"].mean())
        row["brier_high"] = float(brier["sq_error_high"].mean())
        rng = np.random.default_rng([seed, zlib.crc32(group.encode("utf-8"))])
        row["brier_ci_low"], row["brier_ci_high"] = _bootstrap_mean(
            brier["sq_error"].to_numpy(dtype=float), n_boot=n_boot, rng=rng)
    elif n_res >= min_n:
        notes.append(f"too few forecasts with a probability for a Brier score (n={n_b} < min_n={min_n})")
    row["note"] = "; ".join(notes)
    return row


def scorecard(predictions: pd.DataFrame, docs: pd.DataFrame | None = None, *, by: str = "authors",
              partly: float | None = 0.5, min_n: int = 3, n_boot: int = 2000, seed: int = 0,
              overall: bool = True) -> pd.DataFrame:
    """Per-group forecast record: counts, hit rate, Brier score (point, band and bootstrap CI).

    Parameters
    ----------
    predictions : DataFrame
        ``pred_id, doc_id, conditional, p_low, p_point, p_high, outcome`` (see
        :func:`briefkit.forecasts.outcomes.attach_outcomes`).
    docs : DataFrame, optional
        Documents table for :func:`briefkit.groups.document_groups`; if omitted,
        ``predictions`` must already have a ``group`` column.
    by : str, default "authors"
        Document column to group by (a multi-author document counts for each author).
    partly : float or None, default 0.5
        Score value of a ``partly`` outcome; None leaves it unscored.
    min_n : int, default 3
        Fewest resolved forecasts for which a rate is printed.
    n_boot, seed : int
        Bootstrap replicates and seed (each group's generator is seeded from
        ``seed`` and the group name, so adding a group leaves others unchanged).
    overall : bool, default True
        Append a row ``"(all forecasts)"`` counting each forecast once (not when
        there are no forecasts: then the table is empty).

    Returns
    -------
    DataFrame
        :data:`SCORECARD_COLUMNS`, groups sorted by name, the overall row last.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.scorecard import scorecard
    >>> preds = pd.DataFrame({"pred_id": list("abc"), "group": ["Kim"] * 3, "conditional": [False] * 3,
    ...     "p_low": [0.6] * 3, "p_point": [0.7] * 3, "p_high": [0.8] * 3,
    ...     "outcome": ["happened", "did not happen", "pending"]})
    >>> scorecard(preds, min_n=2, overall=False)[["group", "n_resolved", "hit_rate", "brier"]].values.tolist()
    [['Kim', 2, 0.5, 0.29]]
    """
    if not isinstance(min_n, int) or min_n < 1:
        raise ValueError(f"min_n must be an integer >= 1, got {min_n!r}")
    if not isinstance(n_boot, int) or n_boot < 1:
        raise ValueError(f"n_boot must be an integer >= 1, got {n_boot!r}")
    scored = score_forecasts(predictions, partly=partly)
    if docs is not None:
        from briefkit.groups import document_groups
        groups = document_groups(docs, by=by)
        scored = scored.drop(columns=["group"], errors="ignore").merge(groups, on="doc_id", how="left")
        scored["group"] = scored["group"].fillna("(document not in docs)")
    elif "group" not in scored.columns:
        raise KeyError("pass docs=... or give predictions a 'group' column")
    rows = [_group_row(str(g), df, min_n=min_n, n_boot=n_boot, seed=seed)
            for g, df in sorted(scored.groupby(scored["group"].astype(str), sort=False),
                                key=lambda kv: kv[0])]
    if overall and len(scored):
        once = scored.drop_duplicates("pred_id") if "pred_id" in scored.columns else scored
        rows.append(_group_row("(all forecasts)", once, min_n=min_n, n_boot=n_boot, seed=seed))
    out = pd.DataFrame(rows, columns=SCORECARD_COLUMNS)
    for c in ("n_forecasts", "n_conditional", "n_resolved", "n_brier"):
        out[c] = out[c].astype("int64")
    return out


def reliability_table(predictions: pd.DataFrame, *, bins=RELIABILITY_BINS, partly: float | None = 0.5,
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
        ``bin, bin_low, bin_high, n, mean_p, observed, ci_low, ci_high, note``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.scorecard import reliability_table
    >>> df = pd.DataFrame({"p_point": [0.9, 0.9, 0.3], "outcome": ["happened", "did not happen", "happened"]})
    >>> reliability_table(df, bins=(0, 0.5, 1))[["bin", "n", "observed"]].values.tolist()
    [['[0, 0.5]', 1, 1.0], ['(0.5, 1]', 2, 0.5]]
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
        row = {"bin": label, "bin_low": lo, "bin_high": hi, "n": n, "mean_p": np.nan,
               "observed": np.nan, "ci_low": np.nan, "ci_high": np.nan, "note": ""}
        if n:
            row["mean_p"] = float(inbin["p_stated"].mean())
            row["observed"] = float(inbin["y"].mean())
            row["ci_low"], row["ci_high"] = wilson_interval(float(inbin["y"].sum()), n)
            if n < min_n:
                row["note"] = f"too few (n={n} < {min_n})"
        rows.append(row)
    out = pd.DataFrame(rows)
    out["n"] = out["n"].astype("int64")
    return out
