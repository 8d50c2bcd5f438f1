"""Intervals shared by every analysis: one bootstrap, the Wilson interval, the interval columns and
the one vocabulary of ``status``.

The contract (see ``docs/contracts.md``): every estimate that carries an interval is a row with
the tidy columns :data:`INTERVAL_COLUMNS` — ``estimate, ci_low, ci_high, level, n, status`` —
where ``level`` is the interval's coverage (``level=`` everywhere, default 0.95), ``n`` the
number of units behind the estimate and ``status`` one of the forms of :data:`STATUSES`:

* ``ok`` (:data:`OK`): the estimate and its interval (``ci_low``, ``ci_high``) are filled, at
  ``level``; nothing else. How many documents stand behind it is a column of its own
  (``n_docs``, and ``scope``: :data:`SCOPES`), never a variant of ``ok``;
* ``too few <unit> (<n> < <minimum>)`` (:func:`too_few`): too few units, or too few
  independent clusters, for an interval; the estimate is given when there is any unit;
* ``no <unit>`` (:func:`no_units`): nothing to estimate (no unit in the cell, no other group
  to compare with); the estimate is empty;
* ``undefined: <reason>`` (:func:`undefined`): the measure is not defined for these data
  (Brier skill when every outcome equals the base rate, alpha with one stance value).

:func:`status_kind` names the form of a status and refuses any other text, so
``status == "ok"`` always means an estimate with its interval.

One bootstrap, :func:`bootstrap_ci`: percentile or BCa, resampling rows or, with ``clusters=``,
whole clusters (documents) so an interval over sentences from two documents describes the
documents, not the sentences; ``strata=`` resamples within groups, and ``statistic=`` (in
:func:`bootstrap_replicates`) bootstraps any function of the units (Wordfish refits).
Replicates are seeded by ``seed`` and a checksum of the cell's name, so adding a group never
changes another group's interval. Proportions from few forecasts use Wilson's interval (a
bootstrap of 1 out of 1 would print the certain-looking [1, 1]).
"""

from __future__ import annotations

import math
import re
import warnings
import zlib
from statistics import NormalDist

import numpy as np

__all__ = ["bootstrap_ci", "bootstrap_replicates", "percentile_interval", "wilson_interval", "too_few",
           "no_units", "undefined", "status_kind", "scope_of", "check_level", "INTERVAL_COLUMNS", "OK",
           "STATUSES", "SCOPES"]

#: The tidy interval columns every estimate table carries, in this order.
INTERVAL_COLUMNS = ("estimate", "ci_low", "ci_high", "level", "n", "status")
#: ``status`` of a row whose estimate and interval are filled.
OK = "ok"
#: The forms ``status`` takes, each with what it means (module docstring).
STATUSES = {
    "ok": "estimate, ci_low and ci_high filled at level",
    "too few": "too few <unit> (<n> < <minimum>): too few units or independent clusters for an interval; "
               "the estimate is given when there is any unit",
    "no": "no <unit>: nothing to estimate (no unit in the cell, no group to compare with); no estimate",
    "undefined": "undefined: <reason>: the measure is not defined for these data; no estimate",
}
#: ``scope`` of an estimate: how many documents stand behind it.
SCOPES = ("several documents", "one document", "no documents")


def too_few(n: int, minimum: int, unit: str) -> str:
    """The ``status`` text for an estimate with fewer than ``minimum`` units.

    Examples
    --------
    >>> from briefkit.uncertainty import too_few
    >>> too_few(2, 5, "sentences")
    'too few sentences (2 < 5)'
    """
    return f"too few {unit} ({int(n)} < {int(minimum)})"


def no_units(unit: str) -> str:
    """The ``status`` text for a cell with nothing to estimate.

    Examples
    --------
    >>> from briefkit.uncertainty import no_units
    >>> no_units("modelled passages")
    'no modelled passages'
    """
    return f"no {unit}"


def undefined(reason: str) -> str:
    """The ``status`` text for a measure not defined on these data.

    Examples
    --------
    >>> from briefkit.uncertainty import undefined
    >>> undefined("every outcome equals the base rate")
    'undefined: every outcome equals the base rate'
    """
    return f"undefined: {reason}"


def status_kind(status: str) -> str:
    """The form of a ``status`` (a key of :data:`STATUSES`); ``ValueError`` for any other text.

    Examples
    --------
    >>> from briefkit.uncertainty import status_kind
    >>> [status_kind(s) for s in ("ok", "too few mentions (2 < 3)", "no other group")]
    ['ok', 'too few', 'no']
    >>> status_kind("ok (one document)")
    Traceback (most recent call last):
    ...
    ValueError: status 'ok (one document)' is not in the vocabulary: ok, too few ..., no ..., undefined: ...
    """
    text = str(status)
    if text == OK:
        return "ok"
    if re.fullmatch(r"too few \S.* \(\d+ < \d+\)", text):
        return "too few"
    if text.startswith("undefined: ") and len(text) > 11:
        return "undefined"
    if text.startswith("no ") and len(text) > 3:
        return "no"
    raise ValueError(f"status {text!r} is not in the vocabulary: ok, too few ..., no ..., undefined: ...")


def scope_of(n_docs: int) -> str:
    """The ``scope`` of an estimate from the documents behind it (:data:`SCOPES`).

    Examples
    --------
    >>> from briefkit.uncertainty import scope_of
    >>> [scope_of(n) for n in (3, 1, 0)]
    ['several documents', 'one document', 'no documents']
    """
    return SCOPES[0] if n_docs >= 2 else SCOPES[1] if n_docs == 1 else SCOPES[2]


def check_level(level: float) -> float:
    """Return ``level`` as a float, or raise ``ValueError`` unless 0 < level < 1.

    Examples
    --------
    >>> from briefkit.uncertainty import check_level
    >>> check_level(0.9)
    0.9
    """
    if isinstance(level, bool) or not isinstance(level, (int, float)) or not 0 < level < 1:
        raise ValueError(f"level must be a number between 0 and 1 (e.g. 0.95), got {level!r}")
    return float(level)


_METHODS = ("percentile", "bca")


def _stat(x, d, idx):
    if d is None:
        return x[idx].mean(axis=-1)
    den = d[idx].sum(axis=-1)
    return np.divide(x[idx].sum(axis=-1), den, out=np.full(den.shape, np.nan), where=den > 0)


def _collapse(x, d, clusters):
    """Sum values (and denominators) within clusters; the statistic becomes a ratio of sums."""
    labels = np.asarray(clusters)
    if labels.shape != x.shape:
        raise ValueError("clusters must have one label per value")
    _, inverse = np.unique(labels.astype(str), return_inverse=True)
    xs = np.bincount(inverse, weights=x)
    ds = np.bincount(inverse, weights=np.ones_like(x) if d is None else d)
    return xs, ds


def _draws(rng, n: int, strata, b: int) -> np.ndarray:
    """``b`` resamples of ``n`` unit indices: all units, or each stratum within itself."""
    if strata is None:
        return rng.integers(0, n, size=(b, n))
    out = np.empty((b, n), dtype=np.int64)
    for r in range(b):  # one stratum after another, in sorted order, as the stream has always run
        out[r] = np.concatenate([members[rng.integers(0, members.size, size=members.size)] for members in strata])
    return out


def _strata(strata, n: int):
    if strata is None:
        return None
    labels = np.asarray(strata).astype(str)
    if labels.shape != (n,):
        raise ValueError("strata must have one label per value")
    return [np.flatnonzero(labels == k) for k in np.unique(labels)]


def bootstrap_replicates(values, *, denominators=None, clusters=None, strata=None, statistic=None,
                         n_boot: int = 2000, seed: int = 0, key: str = "") -> np.ndarray:
    """Bootstrap replicates of the mean (or ratio of sums, or ``statistic``), resampling rows or clusters.

    See :func:`bootstrap_ci` for the parameters. With the mean (or ratio), NaN replicates (an
    all-zero denominator) are dropped. With ``statistic`` (a function of the resampled
    ``values`` returning a number or a 1-d array), every replicate is kept, NaN where the
    statistic could not be computed, as an array of ``n_boot`` rows.

    Examples
    --------
    >>> from briefkit.uncertainty import bootstrap_replicates
    >>> bootstrap_replicates([1.0, 1.0, 1.0], n_boot=5).tolist()
    [1.0, 1.0, 1.0, 1.0, 1.0]
    >>> bootstrap_replicates([1, 2, 10, 20], strata=["a", "a", "b", "b"], n_boot=3, seed=1,
    ...                      statistic=lambda v: [min(v[:2]), min(v[2:])]).shape
    (3, 2)
    """
    if isinstance(n_boot, bool) or int(n_boot) < 1:
        raise ValueError(f"n_boot must be a positive integer, got {n_boot!r}")
    rng = np.random.default_rng([int(seed), zlib.crc32(key.encode("utf-8"))])
    if statistic is not None:
        units = np.asarray(values)
        groups = _strata(strata, len(units))
        out = []
        for idx in _draws(rng, len(units), groups, int(n_boot)):
            try:
                out.append(np.asarray(statistic(units[idx]), dtype="float64"))
            except (ValueError, FloatingPointError, ArithmeticError):
                out.append(None)
        shape = next((o.shape for o in out if o is not None), ())
        return np.array([np.full(shape, np.nan) if o is None else o for o in out])
    x, d = _prepare(values, denominators, clusters)
    groups = _strata(strata, x.size) if clusters is None else None
    n, out, chunk, done = x.size, [], max(1, min(int(n_boot), 2_000_000 // max(x.size, 1))), 0
    while done < n_boot:
        b = min(chunk, n_boot - done)
        out.append(_stat(x, d, _draws(rng, n, groups, b)))
        done += b
    boot = np.concatenate(out)
    return boot[~np.isnan(boot)]


def percentile_interval(replicates, *, level: float = 0.95):
    """Percentile interval of bootstrap replicates, per column of a 2-d array, NaN replicates ignored.

    Examples
    --------
    >>> from briefkit.uncertainty import percentile_interval
    >>> percentile_interval([0.0, 1.0, 2.0, 3.0, 4.0], level=0.5)
    (1.0, 3.0)
    """
    level = check_level(level)
    alpha = (1 - level) / 2
    boot = np.asarray(replicates, dtype="float64")
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a column of NaN only: NaN
        lo, hi = np.nanquantile(boot, [alpha, 1 - alpha], axis=0)
    if boot.ndim == 1:
        return float(lo), float(hi)
    return lo, hi


def _prepare(values, denominators, clusters):
    x = np.asarray(values, dtype="float64")
    if x.ndim != 1 or x.size == 0:
        raise ValueError("values must be a non-empty 1-d sequence")
    d = None if denominators is None else np.asarray(denominators, dtype="float64")
    if d is not None and (d.shape != x.shape or d.sum() <= 0):
        raise ValueError("denominators must match values in length and have a positive sum")
    if clusters is not None:
        x, d = _collapse(x, d, clusters)
    return x, d


def bootstrap_ci(values, *, denominators=None, clusters=None, strata=None, n_boot: int = 2000,
                 level: float = 0.95, method: str = "percentile", seed: int = 0,
                 key: str = "") -> tuple[float, float, float]:
    """Estimate and bootstrap interval of a mean or a ratio of sums.

    The statistic is the mean of ``values``, or ``sum(values) / sum(denominators)`` (a ratio
    such as modal verbs per word) when ``denominators`` is given. With ``clusters`` (one label
    per value, e.g. the ``doc_id``), whole clusters are resampled and the statistic is the
    ratio of the resampled sums, so the interval reflects variation between documents.

    Parameters
    ----------
    values : array-like of float
    denominators : array-like of float, optional
    clusters : array-like, optional
        Cluster label per value; resample clusters instead of rows.
    strata : array-like, optional
        Stratum label per value (rows only, not with ``clusters``): resample within each
        stratum, so every replicate keeps each stratum's size.
    n_boot : int, default 2000
    level : float, default 0.95
    method : {"percentile", "bca"}, default "percentile"
        ``"bca"``: bias-corrected and accelerated (Efron 1987), acceleration by jackknife over
        the resampled units.
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
    >>> est, lo, hi = bootstrap_ci([1, 1, 0, 0], clusters=["a", "a", "b", "b"], n_boot=200)
    >>> est, lo, hi
    (0.5, 0.0, 1.0)
    """
    level = check_level(level)
    if method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}, got {method!r}")
    x, d = _prepare(values, denominators, clusters)
    est = float(x.mean()) if d is None else float(x.sum() / d.sum())
    if strata is not None and clusters is not None:
        raise ValueError("give strata or clusters, not both")
    boot = bootstrap_replicates(x, denominators=d, strata=strata, n_boot=n_boot, seed=seed, key=key)
    alpha = (1 - level) / 2
    if boot.size == 0:
        return est, math.nan, math.nan
    if method == "percentile" or x.size < 3:
        return (est, *percentile_interval(boot, level=level))
    return (est, *_bca(x, d, est, boot, alpha))


def _bca(x, d, est, boot, alpha):
    nd = NormalDist()
    prop = float(np.mean(boot < est)) + 0.5 * float(np.mean(boot == est))
    prop = min(max(prop, 1.0 / (boot.size + 1)), boot.size / (boot.size + 1))
    z0 = nd.inv_cdf(prop)
    keep = ~np.eye(x.size, dtype=bool)
    idx = np.nonzero(keep)[1].reshape(x.size, x.size - 1)
    jack = _stat(x, d, idx)
    jack = jack[~np.isnan(jack)]
    diff = jack.mean() - jack
    den = 6.0 * (np.sum(diff ** 2) ** 1.5)
    a = float(np.sum(diff ** 3) / den) if den > 0 else 0.0
    qs = []
    for z in (nd.inv_cdf(alpha), nd.inv_cdf(1 - alpha)):
        adj = z0 + (z0 + z) / (1 - a * (z0 + z))
        qs.append(min(max(nd.cdf(adj), 0.0), 1.0))
    lo, hi = np.quantile(boot, qs)
    return float(lo), float(hi)


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
    level = check_level(level)
    if n <= 0:
        return math.nan, math.nan
    z = NormalDist().inv_cdf(0.5 + level / 2)
    phat = k / n
    denom = 1 + z * z / n
    centre = (phat + z * z / (2 * n)) / denom
    half = z * math.sqrt(max(phat * (1 - phat), 0.0) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)
