"""Wordfish: Slapin & Proksch's (2008) Poisson scaling of document positions.

Model: ``y_ik ~ Poisson(exp(alpha_i + psi_k + beta_k * theta_i))`` for
document ``i`` and term ``k``. Fitted as quanteda.textmodels'
``textmodel_wordfish`` does (dense Poisson version): starting values from the
SVD of the chi-square residuals of the count matrix, then alternating
two-parameter Newton updates of each term's ``(psi_k, beta_k)`` and each
document's ``(alpha_i, theta_i)``, after every sweep re-centring ``alpha`` and
standardising ``theta`` (mean 0, sample sd 1), until the log-posterior
improves by no more than ``tol[0]`` (or ``max_iter`` sweeps). One safeguard
is added: a Newton step that would lower a term's or document's log-posterior
is halved until it does not (quanteda's fit can diverge on large corpora; on
the LBG example it acts once, in sweep 2, and the published values are still
reproduced; on the Irish budget speeches it never acts). Default priors are
quanteda's: normal priors with standard deviations ``(alpha, psi, beta, theta) = (inf, inf, 3, 1)``.
Standard errors of ``theta`` come from the inverse of each document's 2x2
Hessian of ``(alpha_i, theta_i)`` with the term parameters held fixed
(quanteda's ``se.theta``): they ignore uncertainty in the term parameters and
are too small for long documents; treat them as lower bounds.

The estimates are defined by that stopping rule, not by a maximum: standardising
``theta`` after each sweep works against the priors, so the sweeps drift slowly
after the log-posterior peaks. On the LBG example the sweeps stop at the peak
(sweep 22, quanteda's published values); forcing 2,000 sweeps would move theta
by up to 0.06, more than its SEs. Treat positions as identified up to that
algorithmic slack; on large corpora the default 100 sweeps may be reached
before the peak (a warning says so).

The arithmetic is vectorised over terms and documents and works block-wise
on a sparse matrix, so thousands of documents and terms are feasible.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.sparse.linalg import LinearOperator, svds
from scipy.stats import norm

from briefkit.corpus.text.dfm import as_count_matrix

__all__ = ["WordfishResult", "wordfish"]

_BLOCK = 262_144  # cells of the dense lambda block computed at once (fits in cache)
_DENSE_SVD_CELLS = 4_000_000  # larger matrices get starting values from a sparse SVD


@dataclass(frozen=True, eq=False)
class WordfishResult:
    """A fitted Wordfish model, as tables.

    Attributes
    ----------
    documents : DataFrame
        ``doc_id, theta, se, ci_low, ci_high, alpha, n_tokens``, sorted by ``doc_id``.
    features : DataFrame
        ``term, beta, psi``, sorted by ``term``.
    dir : tuple
        The two doc ids with ``theta[dir[0]] < theta[dir[1]]``.
    priors : tuple of float
        Prior standard deviations of ``(alpha, psi, beta, theta)``.
    n_iter : int
        Outer iterations run.
    converged : bool
        Whether the log-posterior change fell below ``tol[0]`` before ``max_iter``.
    log_posterior : float
        Final log-posterior (up to constants).
    """

    documents: pd.DataFrame
    features: pd.DataFrame
    dir: tuple
    priors: tuple
    n_iter: int
    converged: bool
    log_posterior: float
    level: float = field(default=0.95)


def _lambda_moments(a, b, x, y, w):
    """sum_j exp(a_i + b_j + x_i * y_j) * w_j^p for p = 0, 1, 2, per i.

    Computed in cache-sized blocks of rows with one reused buffer, so memory
    stays O(block) whatever the number of documents and terms.
    """
    n, m = len(a), len(b)
    out = np.zeros((n, 3))
    if n == 0:
        return out
    wpow = np.column_stack([np.ones(m), w, w * w])
    step = max(1, min(n, _BLOCK // max(m, 1)))
    buf = np.empty((step, m))
    with np.errstate(over="ignore", invalid="ignore"):
        for s in range(0, n, step):
            e = buf[:min(step, n - s)]
            np.multiply(x[s:s + step, None], y[None, :], out=e)
            e += a[s:s + step, None]
            e += b[None, :]
            np.exp(e, out=e)
            out[s:s + step] = e @ wpow
    return out


def _newton_block(y_sum, yx_sum, p0, p1, other_a, other_x, prec0, prec1, *,
                  first: bool, tol: float, max_inner: int = 10):
    """Newton updates of (p0_j, p1_j) pairs, each its own concave 2-parameter problem.

    For unit j the mean of cell (j, i) is exp(p0_j + other_a_i + p1_j * other_x_i);
    the roles are (psi, beta) for terms and (alpha, theta) for documents. As in
    quanteda, the first sweep takes half Newton steps, and a unit stops after 10
    steps or when no parameter moves more than ``tol``. Safeguard (not in
    quanteda): a step that would lower the unit's log-posterior is halved until
    it does not, so the fit cannot diverge; a full step is taken whenever it improves.
    """
    p0, p1 = p0.copy(), p1.copy()

    def objective(idx, q0, q1, mom0):
        return (y_sum[idx] * q0 + yx_sum[idx] * q1 - mom0
                - 0.5 * (prec0 * q0 * q0 + prec1 * q1 * q1))

    everyone = np.arange(len(p0))
    mom = _lambda_moments(p0, other_a, p1, other_x, other_x)
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
            mm = _lambda_moments(c0, other_a, c1, other_x, other_x)
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


def _log_posterior(Y, r, c, alpha, psi, beta, theta, prec) -> float:
    prior = 0.5 * (prec[0] * alpha @ alpha + prec[1] * psi @ psi
                   + prec[2] * beta @ beta + prec[3] * theta @ theta)
    linear = alpha @ r + psi @ c + theta @ (Y @ beta)
    total = _lambda_moments(alpha, psi, theta, beta, beta)[:, 0].sum()
    return float(linear - total - prior)


def _start_theta(Y, r, c, i_low, i_high) -> np.ndarray:
    """First left singular vector of the chi-square residuals, scaled by 1/sqrt(row share)."""
    n, k = Y.shape
    total = r.sum()
    rs, cs = np.sqrt(r / total), np.sqrt(c / total)
    if n * k <= _DENSE_SVD_CELLS:
        dense = Y.toarray()
        expected = np.outer(r, c) / total
        resid = (dense - expected) / np.sqrt(expected)
        u = np.linalg.svd(resid, full_matrices=False)[0][:, 0]
    else:  # implicit residual operator: D_r^-1/2 (Y - r c'/T) D_c^-1/2 = D_r^-1/2 Y D_c^-1/2 - rs cs'
        dr, dc = 1.0 / np.sqrt(r), 1.0 / np.sqrt(c)
        op = LinearOperator(
            (n, k), dtype=float,
            matvec=lambda v: dr * (Y @ (dc * np.ravel(v))) - rs * (cs @ np.ravel(v)),
            rmatvec=lambda v: dc * (Y.T @ (dr * np.ravel(v))) - cs * (rs @ np.ravel(v)))
        u = svds(op, k=1, v0=np.full(min(n, k), 1.0 / np.sqrt(min(n, k))), random_state=0)[0][:, 0]
    theta = u / np.sqrt(r / total)
    if theta[i_low] > theta[i_high]:  # fix the arbitrary SVD sign so results are deterministic
        theta = -theta
    return (theta - theta.mean()) / theta.std(ddof=1)


def _check_options(dir_, docs, priors, tol, max_iter, level):
    if len(docs) < 2:
        raise ValueError(f"wordfish needs at least 2 documents with tokens, got {len(docs)}")
    if dir_ is None:
        dir_ = (docs[0], docs[1])
    if not isinstance(dir_, (tuple, list)) or len(dir_) != 2:
        raise ValueError(f"dir must be a pair of doc ids (left, right), got {dir_!r}")
    pos = {d: i for i, d in enumerate(docs)}
    for d in dir_:
        if d not in pos:
            raise ValueError(f"dir: {d!r} is not a document with tokens in counts")
    if dir_[0] == dir_[1]:
        raise ValueError(f"dir must name two different documents, got {dir_!r}")
    priors = tuple(float(p) for p in priors)
    if len(priors) != 4 or any(not (p > 0) for p in priors):
        raise ValueError("priors must be 4 positive standard deviations (alpha, psi, beta, theta), "
                         f"got {priors!r}")
    tol = tuple(float(t) for t in tol)
    if len(tol) != 2 or any(not (t > 0) for t in tol):
        raise ValueError(f"tol must be 2 positive numbers (log-posterior, parameter), got {tol!r}")
    if not isinstance(max_iter, (int, np.integer)) or max_iter < 1:
        raise ValueError(f"max_iter must be a positive integer, got {max_iter!r}")
    if not 0 < level < 1:
        raise ValueError(f"level must be in (0, 1), got {level!r}")
    return tuple(dir_), (pos[dir_[0]], pos[dir_[1]]), priors, tol


def wordfish(counts, *, dir=None, priors=(np.inf, np.inf, 3.0, 1.0), tol=(1e-6, 1e-8),
             max_iter: int = 100, level: float = 0.95) -> WordfishResult:
    """Fit a Wordfish model and return document positions and term weights.

    Parameters
    ----------
    counts : DataFrame or (matrix, doc_ids, terms)
        Wide count table (index = doc ids, columns = terms), e.g. from
        :func:`briefkit.corpus.text.dfm.to_wide`, or the triple from :func:`briefkit.corpus.text.dfm.to_matrix`.
        Rows and columns are sorted by label first, so row order does not matter.
        Terms with zero total count are dropped; documents with no tokens get
        NaN positions (and a warning).
    dir : (doc_id, doc_id), optional
        Identifies the direction: ``theta[dir[0]] < theta[dir[1]]``. Default:
        the first two doc ids in sorted order (quanteda's ``dir = c(1, 2)``).
    priors : 4 floats, default (inf, inf, 3, 1)
        Prior standard deviations of alpha, psi, beta and theta (quanteda's order and defaults).
    tol : 2 floats, default (1e-6, 1e-8)
        Stop when the log-posterior gains no more than ``tol[0]`` in a sweep;
        Newton steps for one term/document stop when parameters move less than ``tol[1]``.
    max_iter : int, default 100
        Maximum outer sweeps (quanteda's fixed 100). A warning is raised if reached.
    level : float, default 0.95
        Confidence level of ``ci_low``/``ci_high`` (theta +/- z * se).

    Returns
    -------
    WordfishResult

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.scaling.wordfish import wordfish
    >>> counts = pd.DataFrame([[9, 1, 5], [5, 5, 5], [1, 9, 5]], index=["a", "b", "c"], columns=list("xyz"))
    >>> fit = wordfish(counts, dir=("a", "c"))
    >>> fit.documents["theta"].round(2).add(0.0).tolist()
    [-1.0, 0.0, 1.0]
    """
    Y, docs, terms = as_count_matrix(counts)
    r_all = np.asarray(Y.sum(axis=1)).ravel()
    c_all = np.asarray(Y.sum(axis=0)).ravel()
    keep_d, keep_t = np.flatnonzero(r_all > 0), np.flatnonzero(c_all > 0)
    if keep_t.size < 2:
        raise ValueError(f"wordfish needs at least 2 terms with positive counts, got {keep_t.size}")
    empty = [docs[i] for i in np.flatnonzero(r_all <= 0)]
    if empty:
        warnings.warn(f"wordfish: {len(empty)} document(s) without tokens get NaN positions: {empty[:5]}",
                      stacklevel=2)
    fdocs = [docs[i] for i in keep_d]
    dir_, (i_low, i_high), priors, tol = _check_options(dir, fdocs, priors, tol, max_iter, level)
    Y = Y[keep_d][:, keep_t].tocsr()
    Yt = Y.T.tocsr()
    r, c = r_all[keep_d], c_all[keep_t]
    n = len(fdocs)
    prec = tuple(0.0 if np.isinf(p) else 1.0 / p ** 2 for p in priors)

    theta = _start_theta(Y, r, c, i_low, i_high)
    alpha = np.log(r) - np.log(r.mean())
    psi = np.log(c / n)
    beta = np.zeros(len(c))
    lp, last = _log_posterior(Y, r, c, alpha, psi, beta, theta, prec), -2e12
    it, converged = 0, False
    while it < max_iter:
        it += 1
        psi, beta = _newton_block(c, Yt @ theta, psi, beta, alpha, theta,
                                  prec[1], prec[2], first=it == 1, tol=tol[1])
        alpha, theta = _newton_block(r, Y @ beta, alpha, theta, psi, beta,
                                     prec[0], prec[3], first=it == 1, tol=tol[1])
        alpha = alpha - alpha.mean()
        theta = (theta - theta.mean()) / theta.std(ddof=1)
        lp, last = _log_posterior(Y, r, c, alpha, psi, beta, theta, prec), lp
        if not np.isfinite(lp):
            raise FloatingPointError("wordfish diverged (non-finite log-posterior); "
                                     "check for near-empty documents or terms")
        if lp - last <= tol[0]:  # quanteda's rule: stop when the log-posterior stops rising
            # ... which includes a small fall: re-centring alpha and re-standardising theta
            # after each sweep can lower it slightly near the end (as on the LBG example)
            converged = last - lp <= tol[0] + 1e-4 * abs(lp)
            break
    if not converged:
        why = (f"the log-posterior fell from {last:.6g} to {lp:.6g} in sweep {it}" if it < max_iter
               else f"max_iter={max_iter} sweeps were reached")
        warnings.warn(f"wordfish did not converge: {why}; positions may not be at the optimum",
                      stacklevel=2)
    if theta[i_low] > theta[i_high]:
        theta, beta = -theta, -beta
    mom = _lambda_moments(alpha, psi, theta, beta, beta)
    h00, h01, h11 = -mom[:, 0] - prec[0], -mom[:, 1], -mom[:, 2] - prec[3]
    se = np.sqrt(-h00 / (h00 * h11 - h01 * h01))
    return _result(docs, terms, keep_d, keep_t, r_all, theta, se, alpha, beta, psi,
                   dir_, priors, it, converged, lp, level)


def _result(docs, terms, keep_d, keep_t, r_all, theta, se, alpha, beta, psi,
            dir_, priors, it, converged, lp, level) -> WordfishResult:
    def fill(values):
        out = np.full(len(docs), np.nan)
        out[keep_d] = values
        return out

    z = norm.ppf(1 - (1 - level) / 2)
    th, s = fill(theta), fill(se)
    documents = pd.DataFrame({"doc_id": docs, "theta": th, "se": s, "ci_low": th - z * s,
                              "ci_high": th + z * s, "alpha": fill(alpha),
                              "n_tokens": r_all.astype("int64") if np.all(r_all == np.round(r_all))
                              else r_all})
    features = pd.DataFrame({"term": [terms[j] for j in keep_t], "beta": beta, "psi": psi})
    return WordfishResult(documents=documents, features=features, dir=dir_, priors=priors,
                          n_iter=it, converged=converged, log_posterior=lp, level=level)
