"""Wordfish: Slapin & Proksch's (2008) Poisson scaling of document positions.

Model: ``y_ik ~ Poisson(exp(alpha_i + psi_k + beta_k * theta_i))`` for document ``i`` and term
``k``. Fitted as quanteda.textmodels' ``textmodel_wordfish`` does (dense Poisson version):
starting values from the SVD of the chi-square residuals of the count matrix, then alternating
two-parameter Newton updates of each term's ``(psi_k, beta_k)`` and each document's
``(alpha_i, theta_i)``; after every sweep ``alpha`` is re-centred and ``theta`` standardised
(mean 0, sample sd 1). Default priors are quanteda's: normal priors with standard deviations
``(alpha, psi, beta, theta) = (inf, inf, 3, 1)``. ``dir=(a, b)`` fixes the sign so that
``theta[a] < theta[b]``. Standard errors of ``theta`` come from the inverse of each document's 2x2
Hessian of ``(alpha_i, theta_i)`` with the term parameters held fixed (quanteda's ``se.theta``):
they ignore uncertainty in the term parameters and are too small for long documents; treat them
as lower bounds. One safeguard is added: a Newton step that would lower a term's or document's
log-posterior is halved until it does not (on the LBG example it acts once, in sweep 2, and the
published values are still reproduced; on the Irish budget speeches it never acts).

Stopping rule
-------------
quanteda's rule, on the log-posterior: each sweep ends by computing the log-posterior ``lp`` (up
to constants), and the sweeps stop after the first one whose gain ``lp - lp_previous`` is at most
``tol[0]`` (default ``1e-6``), or after ``max_iter`` sweeps (default 100, quanteda's cap; then a
warning says so and ``converged`` is False). ``WordfishResult.trace`` holds the log-posterior after
every sweep, so the path can be inspected.

What the stop means: it is where the log-posterior of the standardised iterates stops rising, not
a point where ``theta`` stops moving. Standardising ``theta`` after each sweep works against the
priors, so the gain turns slightly negative at the peak (LBG: sweep 22, Irish budget: sweep 31)
while ``theta`` still moves by about 0.005 per sweep; 2,000 sweeps would move theta on the LBG
example by up to 0.06, more than its SEs. The published values are defined by this rule, and so
are these; treat positions as identified up to that algorithmic slack.

On large tables of short documents the log-posterior may have no peak within the cap. On 5,000
documents resampled from the 14 Irish budget speeches (5,000 x 2,292 counts) its gain shrinks
until sweep 24 and then grows again up to sweep 100 and beyond, and the positions get worse:
the correlation of ``theta`` with the published position of each document's source speech is 0.74
at sweep 24, 0.64 at sweep 100 (what this function returns, with a warning, as quanteda and the
previous version did) and 0.47 at sweep 200 (max ``|beta|`` 24 -> 46). A criterion that stopped at
the flattest sweep there was tried and rejected: on small tables the gain often grows for dozens
of sweeps before the log-posterior peaks (bootstrap refits of the Irish speeches pooled by party or
in pairs: for up to 44 sweeps running, up to 38-fold), so it would have changed quanteda's answers. Use ``trace`` and ``max_iter``
to examine such a fit; do not read positions from a fit that did not converge without doing so.

Speed
-----
Each block of a sweep makes one exact pass of ``exp`` over the documents x terms table and takes
every Newton step from a Taylor expansion of the moments (:mod:`briefkit.scaling._wordfish_fit`),
so a sweep costs about two passes instead of about eight; the iterates are quanteda's up to
rounding (max |theta difference| from the previous implementation 2e-15 on LBG and the Irish
budget). The count matrix stays sparse (only its products with ``theta`` and ``beta`` are
needed); the dense ``exp`` work runs in cache-sized row blocks, split over up to 4 threads for
large tables, with BLAS held to one thread (threaded small products stall on busy cores). On
5,000 x 2,292 counts 100 sweeps take about 6 s of CPU (``benchmarks/bench_scaling.py``).
Deterministic: the same counts give bit-identical results on every run, whatever the number of
threads.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from statistics import NormalDist

import numpy as np
import pandas as pd

from briefkit.corpus.text.dfm import as_count_matrix
from briefkit.errors import BriefkitError, WordfishDivergedError
from briefkit.jobs import one_blas_thread
from briefkit.scaling._wordfish_fit import ExpMoments, exp_moments, newton_block

__all__ = ["WordfishResult", "WordfishDivergedError", "wordfish"]

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
        The sweep whose parameters are returned (``len(trace) - 1`` sweeps were run).
    converged : bool
        Whether the log-posterior reached its peak (``stop == "peak"``).
    log_posterior : float
        Log-posterior (up to constants) of the returned parameters.
    level : float
        Confidence level of ``ci_low``/``ci_high``.
    trace : tuple of float
        Log-posterior at the start values and after every sweep run.
    stop : str
        Why the sweeps stopped: ``"peak"`` (the gain fell to ``tol[0]`` or below), ``"fell"`` (the
        last sweep lowered the log-posterior by more than a relative 1e-4) or ``"max_iter"``.
    """

    documents: pd.DataFrame
    features: pd.DataFrame
    dir: tuple
    priors: tuple
    n_iter: int
    converged: bool
    log_posterior: float
    level: float = field(default=0.95)
    trace: tuple = field(default=())
    stop: str = field(default="peak")


def _start_theta(Y, r, c, i_low, i_high) -> np.ndarray:
    """First left singular vector of the chi-square residuals, scaled by 1/sqrt(row share)."""
    from scipy.sparse.linalg import LinearOperator, svds

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
        raise BriefkitError(f"wordfish needs at least 2 documents with tokens, got {len(docs)}")
    if dir_ is None:
        dir_ = (docs[0], docs[1])
    if not isinstance(dir_, (tuple, list)) or len(dir_) != 2:
        raise BriefkitError(f"dir must be a pair of doc ids (left, right), got {dir_!r}")
    pos = {d: i for i, d in enumerate(docs)}
    for d in dir_:
        if d not in pos:
            raise BriefkitError(f"dir: {d!r} is not a document with tokens in counts")
    if dir_[0] == dir_[1]:
        raise BriefkitError(f"dir must name two different documents, got {dir_!r}")
    try:
        priors = tuple(float(p) for p in priors)
        tol = tuple(float(t) for t in tol)
    except (TypeError, ValueError) as exc:
        raise BriefkitError(f"priors and tol must be sequences of numbers, got {priors!r}, {tol!r}") from exc
    if len(priors) != 4 or any(not (p > 0) for p in priors):
        raise BriefkitError("priors must be 4 positive standard deviations (alpha, psi, beta, theta), "
                            f"got {priors!r}")
    if len(tol) != 2 or any(not (t > 0) for t in tol):
        raise BriefkitError(f"tol must be 2 positive numbers (log-posterior gain, parameter "
                            f"move), got {tol!r}")
    if isinstance(max_iter, bool) or not isinstance(max_iter, (int, np.integer)) or max_iter < 1:
        raise BriefkitError(f"max_iter must be a positive integer, got {max_iter!r}")
    if not 0 < level < 1:
        raise BriefkitError(f"level must be in (0, 1), got {level!r}")
    return tuple(dir_), (pos[dir_[0]], pos[dir_[1]]), priors, tol


def wordfish(counts, *, dir=None, priors=(np.inf, np.inf, 3.0, 1.0), tol=(1e-6, 1e-8),
             max_iter: int = 100, level: float = 0.95) -> WordfishResult:
    """Fit a Wordfish model and return document positions and term weights.

    Parameters
    ----------
    counts : DataFrame or (matrix, doc_ids, terms)
        Wide count table (index = doc ids, columns = terms), e.g. from
        :func:`briefkit.corpus.text.dfm.to_wide`, or the triple from :func:`briefkit.corpus.text.dfm.to_matrix`
        (a scipy sparse matrix stays sparse). Rows and columns are sorted by label first, so row
        order does not matter. Terms with zero total count are dropped; documents with no tokens
        get NaN positions (and a warning).
    dir : (doc_id, doc_id), optional
        Identifies the direction: ``theta[dir[0]] < theta[dir[1]]``. Default: the first two doc
        ids in sorted order (quanteda's ``dir = c(1, 2)``).
    priors : 4 floats, default (inf, inf, 3, 1)
        Prior standard deviations of alpha, psi, beta and theta (quanteda's order and defaults).
    tol : 2 floats, default (1e-6, 1e-8)
        Stop after the first sweep whose log-posterior gain is at most ``tol[0]`` (quanteda's
        rule; the module docstring gives the full stopping rule); Newton steps for one term or
        document stop when its parameters move less than ``tol[1]`` (quanteda's inner rule).
    max_iter : int, default 100
        Most sweeps run (quanteda's fixed 100); a warning is raised if it is reached.
    level : float, default 0.95
        Confidence level of ``ci_low``/``ci_high`` (theta +/- z * se).

    Returns
    -------
    WordfishResult

    Raises
    ------
    BriefkitError
        Fewer than 2 documents or terms with tokens, or a bad option.
    WordfishDivergedError
        The log-posterior became non-finite.

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
        raise BriefkitError(f"wordfish needs at least 2 terms with positive counts, got {keep_t.size}")
    empty = [docs[i] for i in np.flatnonzero(r_all <= 0)]
    if empty:
        warnings.warn(f"wordfish: {len(empty)} document(s) without tokens get NaN positions: {empty[:5]}",
                      stacklevel=2)
    fdocs = [docs[i] for i in keep_d]
    dir_, (i_low, i_high), priors, tol = _check_options(dir, fdocs, priors, tol, max_iter, level)
    Y = Y[keep_d][:, keep_t].tocsr()
    with one_blas_thread():   # threaded small BLAS products stall on busy cores
        fit = _fit(Y, r_all[keep_d], c_all[keep_t], i_low, i_high, priors, tol, max_iter)
    if fit["stop"] != "peak":
        trace, it = fit["trace"], fit["n_iter"]
        why = (f"the log-posterior fell from {trace[-2]:.6g} to {trace[-1]:.6g} in sweep {it}"
               if fit["stop"] == "fell" else f"max_iter={max_iter} sweeps were reached while the "
               f"log-posterior still rose by {trace[-1] - trace[-2]:.3g}")
        warnings.warn(f"wordfish did not converge: {why}; positions may not be at the optimum "
                      "(see WordfishResult.trace)", stacklevel=2)
    return _result(docs, terms, keep_d, keep_t, r_all, fit, dir_, priors, level)


def _fit(Y, r, c, i_low, i_high, priors, tol, max_iter) -> dict:
    """The sweeps on the filtered matrix; returns the parameters, SEs and the log-posterior trace."""
    n = Y.shape[0]
    Yt = Y.T.tocsr()
    prec = tuple(0.0 if np.isinf(p) else 1.0 / p ** 2 for p in priors)
    theta = _start_theta(Y, r, c, i_low, i_high)
    alpha = np.log(r) - np.log(r.mean())
    psi = np.log(c / n)
    beta = np.zeros(len(c))

    def log_posterior(doc_moments, alpha, theta):
        prior = 0.5 * (prec[0] * alpha @ alpha + prec[1] * psi @ psi
                       + prec[2] * beta @ beta + prec[3] * theta @ theta)
        linear = alpha @ r + psi @ c + theta @ (Y @ beta)
        return float(linear - doc_moments[:, 0].sum() - prior)

    G, shift = exp_moments(theta, psi, beta, 0)
    lp = log_posterior(G * np.exp(alpha + shift)[:, None], alpha, theta)
    trace, it, stop = [lp], 0, "max_iter"
    reach = [1.0, 1.0]   # Taylor reach of the terms' and documents' expansions (from the last sweep)
    while it < max_iter:
        it += 1
        terms_side = ExpMoments(alpha, theta, reach=reach[0])
        psi, beta = newton_block(terms_side, c, Yt @ theta, psi, beta,
                                 prec[1], prec[2], first=it == 1, tol=tol[1])
        docs_side = ExpMoments(psi, beta, reach=reach[1])
        alpha, theta = newton_block(docs_side, r, Y @ beta, alpha, theta,
                                    prec[0], prec[3], first=it == 1, tol=tol[1])
        alpha = alpha - alpha.mean()
        theta = (theta - theta.mean()) / theta.std(ddof=1)
        mom = docs_side.at(None, alpha, theta)   # also the SEs' Hessian if this is the last sweep
        reach = [1.25 * terms_side.moved, 1.25 * docs_side.moved]
        lp, last = log_posterior(mom, alpha, theta), lp
        trace.append(lp)
        if not np.isfinite(lp):
            raise WordfishDivergedError("wordfish diverged (non-finite log-posterior); "
                                        "check for near-empty documents or terms")
        if lp - last <= tol[0]:   # quanteda's rule: the log-posterior stopped rising
            # ... the gain may be a small fall: re-centring alpha and re-standardising theta after
            # each sweep can lower the log-posterior slightly at its peak (as on the LBG example)
            stop = "peak" if last - lp <= tol[0] + 1e-4 * abs(lp) else "fell"
            break
    if theta[i_low] > theta[i_high]:
        theta, beta = -theta, -beta
    h00, h01, h11 = -mom[:, 0] - prec[0], -mom[:, 1], -mom[:, 2] - prec[3]
    se = np.sqrt(-h00 / (h00 * h11 - h01 * h01))
    return {"theta": theta, "se": se, "alpha": alpha, "beta": beta, "psi": psi, "n_iter": it,
            "stop": stop, "lp": lp, "trace": tuple(trace)}


def _result(docs, terms, keep_d, keep_t, r_all, fit, dir_, priors, level) -> WordfishResult:
    def fill(values):
        out = np.full(len(docs), np.nan)
        out[keep_d] = values
        return out

    z = NormalDist().inv_cdf(1 - (1 - level) / 2)
    th, s = fill(fit["theta"]), fill(fit["se"])
    documents = pd.DataFrame({"doc_id": docs, "theta": th, "se": s, "ci_low": th - z * s,
                              "ci_high": th + z * s, "alpha": fill(fit["alpha"]),
                              "n_tokens": r_all.astype("int64") if np.all(r_all == np.round(r_all))
                              else r_all})
    features = pd.DataFrame({"term": [terms[j] for j in keep_t], "beta": fit["beta"], "psi": fit["psi"]})
    return WordfishResult(documents=documents, features=features, dir=dir_, priors=priors,
                          n_iter=fit["n_iter"], converged=fit["stop"] == "peak",
                          log_posterior=fit["lp"], level=level, trace=fit["trace"], stop=fit["stop"])
