"""Numerical kernel of :func:`briefkit.scaling.wordfish.wordfish`: the alternating Newton sweeps.

Wordfish's expected counts are ``lambda_ij = exp(alpha_i + psi_j + beta_j * theta_i)``. A Newton step
for a term ``j`` needs the sums ``S_p(j) = sum_i lambda_ij * theta_i**p`` (p = 0, 1, 2) over all
documents, and a step for a document the same sums over all terms with ``beta_j``; every step of
every unit changes them. Recomputing them means one pass of ``exp`` over the whole documents x
terms table per Newton step (the previous implementation: about eight passes per sweep).

Here each block of a sweep (terms, then documents) makes **one** exact pass. For each unit ``u`` it
stores, at the unit's current slope ``c_u`` (``beta_j`` or ``theta_i``), the moments
``G_q(u) = sum_v w_v * exp(c_u * x_v) * x_v**q`` for ``q = 0 .. Q + 2`` (``x_v``, ``w_v`` are the
other side's positions and ``exp`` of its intercepts). Moments at a new slope ``c_u + d`` follow
without another pass from the Taylor series ``S_p = sum_{q <= Q} d**q / q! * G_{p+q}``, whose
truncation error is below ``2**-56`` of ``S_p`` while ``|d * x_v| <= r`` for every ``v``
(:func:`series_order`: ``Q = 19`` for ``r = 1`` down to ``Q = 9`` for ``r = 1/16``; ``r`` is sized
from the largest move of the previous sweep). A unit that moves further is re-expanded exactly at
its new slope (a pass over that unit alone), so the moments are exact to rounding whatever the
step. The Newton iterates are therefore quanteda's up to rounding.

The pass itself is one multiply and one ``exp`` per cell, in cache-sized row blocks, followed by a
BLAS product with the ``Q + 3`` powers of ``x`` (weighted by ``w``): the weights ``exp(alpha)``/``exp(psi)``
never enter the cell-wise work. Each unit's row is shifted by ``max_v c_u * x_v`` before ``exp``
and the shift is carried as a log-factor, so no cell overflows.
"""

from __future__ import annotations

import os

import numpy as np

__all__ = ["ExpMoments", "newton_block", "exp_moments"]

_BLOCK = 262_144         # cells of the dense exp block computed at once (about 2 MB, fits in cache)
_RADII = (1.0, 0.75, 0.5, 0.375, 0.25, 0.1875, 0.125, 0.0625)   # allowed |d * x_v| of the series
_DIRECT = 32             # other side this small: exact sums at every step beat the series
_DIRECT_CELLS = 50_000   # ... and so do tables this small (numpy's per-call overhead dominates)
_NO_SHIFT = 300.0        # if every |center * x| is below this, exp cannot overflow: no shift
_THREAD_CELLS = 1_000_000  # tables this large are split over threads (numpy releases the GIL)
_MAX_THREADS = 4


def exp_moments(center, log_w, x, k):
    """Exact moments: ``G[u, q] * exp(shift[u]) = sum_v exp(log_w[v] + center[u] * x[v]) * x[v]**q``.

    Returns ``(G, shift)`` with ``G`` of shape ``(len(center), k + 1)`` and a per-unit log-scale
    ``shift``: ``max_v center[u] * x[v]`` (plus ``max(log_w)``) when a cell could overflow,
    so none does. Large tables are split into row ranges computed by parallel threads; every
    row is computed in the same block whichever thread does it, so results do not depend on threads.

    Examples
    --------
    >>> import numpy as np
    >>> from briefkit.scaling._wordfish_fit import exp_moments
    >>> G, shift = exp_moments(np.array([0.0, 1.0]), np.zeros(2), np.array([-1.0, 1.0]), 2)
    >>> (G * np.exp(shift)[:, None]).round(3).tolist()   # sum_v exp(c x_v) x_v**q, q = 0, 1, 2
    [[2.0, 0.0, 2.0], [3.086, 2.35, 3.086]]
    """
    n_u, n_v = len(center), len(x)
    out = np.zeros((n_u, k + 1))
    if n_u == 0 or n_v == 0:
        return out, np.zeros(n_u)
    reach = float(np.abs(center).max() * np.abs(x).max())
    top = (np.where(center >= 0, center * x.max(), center * x.min()) if not reach <= _NO_SHIFT
           else None)    # max_v center * x_v, subtracted before exp when exp could overflow
    powers = np.empty((k + 1, n_v))   # weighted powers w_v * x_v**q, built row by row (contiguous)
    powers[0] = np.exp(log_w - log_w.max())
    for q in range(1, k + 1):
        np.multiply(powers[q - 1], x, out=powers[q])
    powers = powers.T
    shift = (np.zeros(n_u) if top is None else top) + log_w.max()
    step = max(1, min(n_u, _BLOCK // n_v))
    threads = _threads() if n_u * n_v >= _THREAD_CELLS and n_u >= 2 * step else 1
    if threads == 1:
        _rows(center, top, x, powers, out, 0, n_u, step)
    else:
        # whole blocks per thread, so every row sits in the same block (and the same BLAS call
        # shape) as in a one-thread run: the results are bit-identical whatever the thread count
        blocks = -(-n_u // step)
        cuts = np.minimum(np.linspace(0, blocks, threads + 1).astype(int) * step, n_u)
        pool = _pool(threads)
        jobs = [pool.submit(_rows, center, top, x, powers, out, lo, hi, step)
                for lo, hi in zip(cuts[:-1], cuts[1:])]
        for job in jobs:
            job.result()
    return out, shift


def _rows(center, top, x, powers, out, lo, hi, step):
    """Rows lo..hi of exp_moments, in cache-sized blocks with one reused buffer."""
    buf = np.empty((min(step, hi - lo), len(x)))
    with np.errstate(under="ignore"):
        for s in range(lo, hi, step):
            e = buf[:min(step, hi - s)]
            np.multiply(center[s:s + e.shape[0], None], x[None, :], out=e)
            if top is not None:
                e -= top[s:s + e.shape[0], None]
            np.exp(e, out=e)
            np.matmul(e, powers, out=out[s:s + e.shape[0]])


def _threads() -> int:
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:   # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, _MAX_THREADS))


_POOLS: dict = {}


def _pool(threads: int):
    if threads not in _POOLS:
        from concurrent.futures import ThreadPoolExecutor
        _POOLS[threads] = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="wordfish")
    return _POOLS[threads]


def series_order(radius: float) -> int:
    """Fewest Taylor terms Q with truncation error ``radius**(Q+1) / (Q+1)! * e**radius <= 2**-56``.

    Examples
    --------
    >>> from briefkit.scaling._wordfish_fit import series_order
    >>> [series_order(r) for r in (1.0, 0.5, 0.25, 0.125, 0.0625)]
    [19, 15, 12, 10, 9]
    """
    q, term = 0, radius * np.exp(radius)
    while term > 2.0 ** -56:
        q += 1
        term *= radius / (q + 1)
    return q


class ExpMoments:
    """Moments ``S_p = sum_v exp(p0_u + log_w[v] + p1_u * x[v]) * x[v]**p`` for one side's units.

    ``log_w`` and ``x`` belong to the other side and stay fixed while this object is used;
    :meth:`expand` makes the exact pass at the given slopes, :meth:`at` evaluates the moments at
    any ``(p0, p1)`` from the Taylor expansion, re-expanding units that moved too far.

    Examples
    --------
    >>> import numpy as np
    >>> from briefkit.scaling._wordfish_fit import ExpMoments
    >>> m = ExpMoments(np.log([1.0, 2.0]), np.array([-1.0, 1.0]))
    >>> m.expand(np.array([0.0]))
    >>> direct = np.exp(0.3 + np.log([1, 2]) + 0.2 * np.array([-1, 1]))
    >>> bool(np.isclose(m.at(None, np.array([0.3]), np.array([0.2]))[0, 0], direct.sum()))
    True
    """

    def __init__(self, log_w, x, *, reach: float = 1.0, direct: bool | None = None):
        self.log_w, self.x = np.asarray(log_w, float), np.asarray(x, float)
        self.xmax = float(np.abs(self.x).max()) if self.x.size else 0.0
        self.reach = min([r for r in _RADII if r >= reach], default=_RADII[0])
        self.order = series_order(self.reach)
        self.radius = self.reach / self.xmax if self.xmax > 0 else np.inf
        self.passes = 0.0   # exact passes made, in units of the full table
        self.moved = 0.0    # largest |d * x_v| asked for, to size the next sweep's series
        self.direct = direct   # None: exact sums when the table is small, the series otherwise
        self.x3 = np.column_stack([np.ones_like(self.x), self.x, self.x * self.x])

    def expand(self, centers) -> None:
        """Exact moments of every unit at slopes ``centers`` (one pass over the table)."""
        self.center = np.array(centers, dtype=float)
        if self.direct is None:
            self.direct = self.x.size <= _DIRECT or self.center.size * self.x.size <= _DIRECT_CELLS
        if self.direct:
            return
        G, self.shift = exp_moments(self.center, self.log_w, self.x, self.order + 2)
        self.G = np.ascontiguousarray(G.T)    # (powers, units): the Taylor sums read rows
        self.passes += 1.0

    def at(self, idx, p0, p1):
        """``(len(idx), 3)`` array of ``S_0, S_1, S_2`` for units ``idx`` at ``(p0, p1)``.

        ``idx`` is an integer array, or ``None`` for all units in order.
        """
        if self.direct:   # a few cells per unit: sum them exactly
            cells = p1[:, None] * self.x[None, :]
            cells += self.log_w
            with np.errstate(over="ignore", under="ignore", invalid="ignore"):
                if cells.size and not np.abs(cells).max() <= _NO_SHIFT:   # could overflow: shift rows
                    shift = np.where(p1 >= 0, p1 * self.x.max(), p1 * self.x.min()) + self.log_w.max()
                    cells -= shift[:, None]
                    p0 = p0 + shift
                np.exp(cells, out=cells)
                S = cells @ self.x3
                S *= np.exp(p0)[:, None]
            return S
        center = self.center if idx is None else self.center[idx]
        delta = p1 - center
        if delta.size:
            self.moved = max(self.moved, float(np.abs(delta).max()) * self.xmax)
        far = ~(np.abs(delta) <= self.radius)
        if far.any():   # too far for the series: exact moments at the new slope
            units = np.flatnonzero(far) if idx is None else idx[far]
            self.center[units] = p1[far]
            G, self.shift[units] = exp_moments(p1[far], self.log_w, self.x, self.order + 2)
            self.G[:, units] = G.T
            self.passes += units.size / max(len(self.center), 1)
            delta = np.where(far, 0.0, delta)
        G = self.G if idx is None else self.G[:, idx]
        order = self.order
        acc = G[order:order + 3].copy()   # Horner: S_p = G_p + d (G_p+1 + d/2 (G_p+2 + ...))
        for q in range(order - 1, -1, -1):
            acc *= delta / (q + 1)
            acc += G[q:q + 3]
        shift = self.shift if idx is None else self.shift[idx]
        with np.errstate(over="ignore"):
            acc *= np.exp(p0 + shift)
        return acc.T


def newton_block(moments: ExpMoments, y_sum, yx_sum, p0, p1, prec0, prec1, *,
                 first: bool, tol: float, max_inner: int = 10):
    """Newton updates of (p0_u, p1_u) pairs, each its own concave 2-parameter problem.

    For unit u the mean of cell (u, v) is ``exp(p0_u + log_w_v + p1_u * x_v)``; the roles are
    (psi, beta) for terms and (alpha, theta) for documents. As in quanteda, the first sweep takes
    half Newton steps, and a unit stops after ``max_inner`` steps or when no parameter moves more
    than ``tol``. Safeguard (not in quanteda): a step that would lower the unit's log-posterior is
    halved until it does not, so the fit cannot diverge; a full step is taken whenever it improves.
    """
    p0, p1 = p0.copy(), p1.copy()

    def objective(idx, q0, q1, mom0):
        return (y_sum[idx] * q0 + yx_sum[idx] * q1 - mom0
                - 0.5 * (prec0 * q0 * q0 + prec1 * q1 * q1))

    everyone = np.arange(len(p0))
    moments.expand(p1)
    mom = moments.at(None, p0, p1)
    f = objective(everyone, p0, p1, mom[:, 0])
    active = everyone
    step = 0.5 if first else 1.0
    for _ in range(max_inner):
        if active.size == 0:
            break
        m = mom[active]
        g0 = y_sum[active] - m[:, 0] - p0[active] * prec0
        g1 = yx_sum[active] - m[:, 1] - p1[active] * prec1
        h00, h01, h11 = -m[:, 0] - prec0, -m[:, 1], -m[:, 2] - prec1
        det = h00 * h11 - h01 * h01
        d0 = step * (h11 * g0 - h01 * g1) / det
        d1 = step * (h00 * g1 - h01 * g0) / det
        old0, old1 = p0[active], p1[active]
        scale = np.ones(active.size)
        todo = np.arange(active.size)
        for _halving in range(40):
            idx = active[todo]
            c0, c1 = old0[todo] - scale[todo] * d0[todo], old1[todo] - scale[todo] * d1[todo]
            mm = moments.at(idx, c0, c1)
            fc = objective(idx, c0, c1, mm[:, 0])
            ok = np.isfinite(fc) & (fc >= f[idx] - 1e-12 * (1.0 + np.abs(f[idx])))
            acc = idx[ok]
            p0[acc], p1[acc], mom[acc], f[acc] = c0[ok], c1[ok], mm[ok], fc[ok]
            todo = todo[~ok]
            if todo.size == 0:
                break
            scale[todo] *= 0.5
        moved = np.maximum(np.abs(p0[active] - old0), np.abs(p1[active] - old1))
        step = 1.0
        active = active[moved > tol]
    return p0, p1
