"""Intervals shared by every analysis: the percentile bootstrap and the Wilson score interval.

One implementation each, so every table in briefkit computes its uncertainty the
same way: bootstrap replicates are seeded by ``seed`` and a checksum of the cell's
name (adding a group never changes another group's interval), and proportions
from few forecasts use Wilson's interval (a bootstrap of 1 out of 1 would print
the certain-looking [1, 1]).
"""

from __future__ import annotations

import math
import zlib

import numpy as np
from scipy.stats import norm

__all__ = ["bootstrap_ci", "wilson_interval"]


def bootstrap_ci(values, *, denominators=None, n_boot: int = 2000, ci: float = 0.95, seed: int = 0,
                 key: str = "") -> tuple[float, float, float]:
    """Estimate and percentile bootstrap interval, resampling units (rows) with replacement.

    The statistic is the mean of ``values``, or ``sum(values) / sum(denominators)``
    (a ratio such as modal verbs per word) when ``denominators`` is given.

    Parameters
    ----------
    values : array-like of float
    denominators : array-like of float, optional
    n_boot : int, default 2000
    ci : float, default 0.95
    seed : int, default 0
    key : str, default ""
        Mixed into the seed (CRC32), so each cell has its own reproducible stream.

    Returns
    -------
    (estimate, ci_low, ci_high)

    Examples
    --------
    >>> from briefkit.uncertainty import bootstrap_ci
    >>> est, lo, hi = bootstrap_ci([0.1, 0.2, 0.3, 0.4], n_boot=500)
    >>> round(est, 2), lo <= est <= hi
    (0.25, True)
    """
    x = np.asarray(values, dtype="float64")
    if x.ndim != 1 or x.size == 0:
        raise ValueError("values must be a non-empty 1-d sequence")
    if not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1, got {ci!r}")
    if int(n_boot) < 1:
        raise ValueError(f"n_boot must be a positive integer, got {n_boot!r}")
    d = None if denominators is None else np.asarray(denominators, dtype="float64")
    if d is not None and (d.shape != x.shape or d.sum() <= 0):
        raise ValueError("denominators must match values in length and have a positive sum")
    est = float(x.mean()) if d is None else float(x.sum() / d.sum())
    rng = np.random.default_rng([int(seed), zlib.crc32(key.encode("utf-8"))])
    n, stats, chunk = x.size, [], max(1, min(int(n_boot), 2_000_000 // max(x.size, 1)))
    done = 0
    while done < n_boot:
        b = min(chunk, n_boot - done)
        idx = rng.integers(0, n, size=(b, n))
        if d is None:
            stats.append(x[idx].mean(axis=1))
        else:
            den = d[idx].sum(axis=1)
            stats.append(np.divide(x[idx].sum(axis=1), den, out=np.full(b, np.nan), where=den > 0))
        done += b
    boot = np.concatenate(stats)
    boot = boot[~np.isnan(boot)]
    alpha = (1 - ci) / 2
    lo, hi = np.quantile(boot, [alpha, 1 - alpha])
    return est, float(lo), float(hi)


def wilson_interval(k: float, n: int, *, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for the proportion ``k / n`` (``k`` may be fractional).

    Returns ``(nan, nan)`` when ``n`` is 0.

    Examples
    --------
    >>> from briefkit.uncertainty import wilson_interval
    >>> [round(v, 3) for v in wilson_interval(8, 10)]
    [0.49, 0.943]
    >>> [round(v, 3) for v in wilson_interval(1, 1)]
    [0.207, 1.0]
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level!r}")
    if n <= 0:
        return math.nan, math.nan
    z = float(norm.ppf(0.5 + level / 2))
    phat = k / n
    denom = 1 + z * z / n
    centre = (phat + z * z / (2 * n)) / denom
    half = z * math.sqrt(max(phat * (1 - phat), 0.0) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)
