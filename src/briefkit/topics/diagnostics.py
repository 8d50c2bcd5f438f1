"""Topic quality measures: NPMI coherence, exclusivity, FREX, and seed stability.

Definitions (``phi`` = topic-term weights, rows sum to 1; top terms = the
``top_n`` terms with the largest weight in a topic, ties by column order)

- **NPMI coherence** of a topic: mean over pairs of its top terms of
  ``log(P(a, b) / (P(a) P(b))) / -log P(a, b)``, with probabilities = fraction of
  *passages* containing the term(s) in the corpus the model was fitted on.
  Pairs that never co-occur score -1; pairs present in every passage score 1.
  Range [-1, 1]; higher = top terms really appear together.
- **Exclusivity** of a term in topic k: ``phi[k, v] / sum_j phi[j, v]``; of a
  topic: mean over its top terms. Range [1/K, 1].
- **FREX** (frequency-exclusivity, Bischof & Airoldi 2012, as in R's stm):
  weighted harmonic mean of the term's empirical-CDF rank within the topic by
  exclusivity and by weight, ``1 / (w / ecdf_excl + (1 - w) / ecdf_freq)``, w=0.5.
- **Stability**: refit with other random starts on random subsamples of the
  passages, match each refit's topics to the reference fit's one-to-one
  (Hungarian assignment maximising the similarity of term weights) and
  average the matched similarities. 1.0 = every refit found the same topics.
  The similarity of two topics is the cosine of their term-weight vectors
  truncated to each topic's 20 heaviest terms (the rest set to 0): the terms a
  reader looks at. On the full vectors, the long tail of small weights that
  all topics share makes even topics fitted to noise look alike.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment
from scipy.stats import rankdata

from briefkit.errors import TopicError

__all__ = ["top_term_indices", "npmi_coherence", "exclusivity", "frex", "match_topics",
           "matched_similarity", "stability_fits", "heldout_error"]


def _as_phi(phi) -> np.ndarray:
    phi = np.asarray(phi, dtype=float)
    if phi.ndim != 2 or phi.shape[0] < 1 or phi.shape[1] < 1:
        raise ValueError(f"phi must be a 2-d topics x terms array, got shape {phi.shape}")
    return phi


def top_term_indices(phi, top_n: int = 10) -> np.ndarray:
    """Column indices of each topic's ``top_n`` heaviest terms (ties: lower index first).

    Examples
    --------
    >>> from briefkit.topics.diagnostics import top_term_indices
    >>> top_term_indices([[0.1, 0.6, 0.3], [0.5, 0.0, 0.5]], 2).tolist()
    [[1, 2], [0, 2]]
    """
    phi = _as_phi(phi)
    n = min(int(top_n), phi.shape[1])
    if n < 1:
        raise ValueError(f"top_n must be >= 1, got {top_n!r}")
    return np.argsort(-phi, axis=1, kind="stable")[:, :n]


def npmi_coherence(phi, presence, top_n: int = 10) -> np.ndarray:
    """NPMI coherence of each topic's top terms over passage co-occurrence.

    Parameters
    ----------
    phi : array, shape (k, n_terms)
    presence : sparse or dense matrix, shape (n_passages, n_terms)
        Any non-zero entry means "term occurs in passage".
    top_n : int, default 10

    Returns
    -------
    ndarray, shape (k,)
        NaN for a topic with fewer than two top terms.

    Examples
    --------
    >>> import numpy as np
    >>> from briefkit.topics.diagnostics import npmi_coherence
    >>> B = np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1], [0, 0, 1]])
    >>> npmi_coherence([[0.5, 0.5, 0.0], [0.4, 0.0, 0.6]], B, 2).round(6).tolist()
    [1.0, -1.0]
    """
    phi = _as_phi(phi)
    B = sp.csc_matrix(presence, dtype=float)
    B.data = np.ones_like(B.data)
    if B.shape[1] != phi.shape[1]:
        raise ValueError(f"presence has {B.shape[1]} terms, phi has {phi.shape[1]}")
    n = B.shape[0]
    if n == 0:
        raise TopicError("presence has no passages; cannot compute coherence")
    top = top_term_indices(phi, top_n)
    out = np.full(phi.shape[0], np.nan)
    if top.shape[1] < 2:
        return out
    for k, idx in enumerate(top):
        sub = B[:, idx]
        co = np.asarray((sub.T @ sub).todense()) / n
        p = np.diag(co)
        iu = np.triu_indices(len(idx), 1)
        pij, pa, pb = co[iu], p[iu[0]], p[iu[1]]
        vals = np.full(pij.shape, -1.0)
        full = pij >= 1.0
        vals[full] = 1.0
        ok = (pij > 0) & ~full
        vals[ok] = np.log(pij[ok] / (pa[ok] * pb[ok])) / -np.log(pij[ok])
        out[k] = float(vals.mean())
    return out


def _term_exclusivity(phi: np.ndarray) -> np.ndarray:
    tot = phi.sum(axis=0, keepdims=True)
    return np.divide(phi, tot, out=np.zeros_like(phi), where=tot > 0)


def exclusivity(phi, top_n: int = 10) -> np.ndarray:
    """Mean exclusivity ``phi[k, v] / sum_j phi[j, v]`` of each topic's top terms.

    Examples
    --------
    >>> from briefkit.topics.diagnostics import exclusivity
    >>> exclusivity([[0.5, 0.5, 0.0], [0.0, 0.5, 0.5]], 2).tolist()
    [0.75, 0.75]
    """
    phi = _as_phi(phi)
    ex = _term_exclusivity(phi)
    top = top_term_indices(phi, top_n)
    return np.take_along_axis(ex, top, axis=1).mean(axis=1)


def frex(phi, *, weight: float = 0.5) -> np.ndarray:
    """FREX score of every term in every topic (shape of ``phi``).

    Parameters
    ----------
    phi : array, shape (k, n_terms)
    weight : float, default 0.5
        Weight on exclusivity (1 - weight on frequency), in [0, 1].

    Examples
    --------
    >>> from briefkit.topics.diagnostics import frex
    >>> frex([[0.6, 0.3, 0.1], [0.2, 0.3, 0.5]]).round(4).tolist()
    [[1.0, 0.6667, 0.3333], [0.3333, 0.6667, 1.0]]
    """
    phi = _as_phi(phi)
    if not 0 <= weight <= 1:
        raise ValueError(f"weight must be in [0, 1], got {weight!r}")
    v = phi.shape[1]
    ecdf_ex = rankdata(_term_exclusivity(phi), method="max", axis=1) / v
    ecdf_fr = rankdata(phi, method="max", axis=1) / v
    return 1.0 / (weight / ecdf_ex + (1 - weight) / ecdf_fr)


def _unit_rows(a: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(a, axis=1, keepdims=True)
    return np.divide(a, norm, out=np.zeros_like(a), where=norm > 0)


def _truncate(phi: np.ndarray, top_n: int | None) -> np.ndarray:
    if top_n is None or top_n >= phi.shape[1]:
        return phi
    idx = top_term_indices(phi, top_n)
    out = np.zeros_like(phi)
    np.put_along_axis(out, idx, np.take_along_axis(phi, idx, axis=1), axis=1)
    return out


def match_topics(ref, other, *, top_n: int | None = 20) -> tuple[np.ndarray, np.ndarray]:
    """Match ``other``'s topics to ``ref``'s one-to-one (Hungarian, cosine similarity).

    Parameters
    ----------
    ref, other : arrays, shape (k, n_terms)
    top_n : int or None, default 20
        Compare each topic's ``top_n`` heaviest term weights (others zeroed);
        None compares whole vectors.

    Returns
    -------
    (assignment, similarity) : ndarrays of shape (k,)
        ``other`` topic matched to each ``ref`` topic, and their cosine similarity.

    Examples
    --------
    >>> from briefkit.topics.diagnostics import match_topics
    >>> a, s = match_topics([[1, 0], [0, 1]], [[0, 2], [3, 0]])
    >>> a.tolist(), s.tolist()
    ([1, 0], [1.0, 1.0])
    """
    ref, other = _as_phi(ref), _as_phi(other)
    if ref.shape != other.shape:
        raise ValueError(f"ref and other must have the same shape, got {ref.shape} and {other.shape}")
    # Rounded to 12 decimals so identical topics score exactly 1.0.
    a, b = _unit_rows(_truncate(ref, top_n)), _unit_rows(_truncate(other, top_n))
    sim = np.clip(np.round(a @ b.T, 12), 0.0, 1.0)
    rows, cols = linear_sum_assignment(sim, maximize=True)
    assign = np.empty(ref.shape[0], dtype=np.int64)
    assign[rows] = cols
    return assign, sim[rows, cols][np.argsort(rows)]


def matched_similarity(ref, runs, *, top_n: int | None = 20) -> np.ndarray:
    """Per-run, per-topic matched similarity of ``runs`` to ``ref``, shape (n_runs, k).

    ``top_n`` as in :func:`match_topics`.

    Examples
    --------
    >>> import numpy as np
    >>> from briefkit.topics.diagnostics import matched_similarity
    >>> phi = np.array([[0.7, 0.3, 0.0], [0.0, 0.2, 0.8]])
    >>> matched_similarity(phi, [phi, phi[::-1]]).tolist()
    [[1.0, 1.0], [1.0, 1.0]]
    """
    runs = list(runs)
    if not runs:
        raise ValueError("runs is empty: need at least one refit to measure stability")
    return np.vstack([match_topics(ref, r, top_n=top_n)[1] for r in runs])


def heldout_error(est, X_out, model: str) -> float:
    """Held-out fit of a fitted model on rows it did not see (lower is better).

    NMF: relative squared reconstruction error ``||X - W H||^2 / ||X||^2`` with ``W`` solved for
    the held-out rows and ``H`` fixed. LDA: perplexity of the held-out rows.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> from briefkit.topics.model import fit_matrix
    >>> from briefkit.topics.diagnostics import heldout_error
    >>> X = sp.csr_matrix(np.kron(np.eye(2), np.ones((4, 3))))
    >>> _, _, info = fit_matrix(X, 2, keep_estimator=True)
    >>> round(heldout_error(info["estimator"], X[:2], "nmf"), 6)
    0.0
    """
    if X_out.shape[0] == 0:
        return float("nan")
    if model == "lda":
        return float(est.perplexity(X_out))
    W = est.transform(X_out)
    R = np.asarray(X_out.todense() if sp.issparse(X_out) else X_out) - W @ est.components_
    tot = float(X_out.multiply(X_out).sum()) if sp.issparse(X_out) else float((X_out ** 2).sum())
    return float((R ** 2).sum() / tot) if tot > 0 else float("nan")


def stability_fits(X, k: int, *, model: str = "nmf", seeds=range(10), sample_frac: float = 0.8,
                   max_sample: int = 5000, max_iter: int | None = None,
                   heldout: bool = False):
    """Refit ``k`` topics once per seed (random start, random passage subsample); return each ``phi``.

    Parameters
    ----------
    X : sparse matrix, passages x terms
        The matrix the reference model was fitted on.
    k : int
    model : {"nmf", "lda"}
    seeds : iterable of int, default range(10)
        One refit per seed; NMF starts from seeded random factors, LDA from its seeded start.
    sample_frac : float, default 0.8
        Fraction of passages (drawn without replacement) each refit sees.
    max_sample : int, default 5000
        Cap on the subsample size, so stability stays cheap on large corpora.
    max_iter : int, optional
        Iteration cap per refit (default: 200 NMF, 50 LDA).
    heldout : bool, default False
        Also return each refit's :func:`heldout_error` on (at most ``max_sample``) rows it did
        not see: ``(phis, errors)``.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> from briefkit.topics.diagnostics import stability_fits
    >>> X = sp.csr_matrix(np.kron(np.eye(2), np.ones((4, 3))))
    >>> len(stability_fits(X, 2, seeds=range(3)))
    3
    """
    from briefkit.topics.model import fit_matrix  # local import: topics imports nothing from here

    if not 0 < sample_frac <= 1:
        raise ValueError(f"sample_frac must be in (0, 1], got {sample_frac!r}")
    X = sp.csr_matrix(X)
    n = X.shape[0]
    size = max(min(int(round(sample_frac * n)), int(max_sample)), min(n, k + 1))
    out, errors = [], []
    for seed in seeds:
        rng = np.random.default_rng(int(seed))
        rows = np.sort(rng.choice(n, size=size, replace=False)) if size < n else np.arange(n)
        Xs = X[rows]
        init = "random" if model == "nmf" else None
        iters = max_iter or (200 if model == "nmf" else 50)
        _, phi, info = fit_matrix(Xs, k, model=model, seed=int(seed), init=init, max_iter=iters,
                                  keep_estimator=heldout)
        out.append(phi)
        if heldout:
            rest = np.setdiff1d(np.arange(n), rows)[:int(max_sample)]
            errors.append(heldout_error(info["estimator"], X[rest], model))
    return (out, errors) if heldout else out
