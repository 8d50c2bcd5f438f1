"""Fit topic models on passages: NMF on TF-IDF or LDA on counts (scikit-learn).

:func:`fit_topics` returns a :class:`TopicFit`; the functions below it turn the
fit into tidy tables (one row per passage x topic, per topic x term...).

Topic shares
------------
NMF: the topic-term matrix ``H`` is rescaled so each topic's term weights sum to
1 (``phi``), the passage loadings ``W`` are rescaled by the same factors, and each
passage's loadings are divided by their sum. LDA: ``phi`` is the normalised
``components_`` and the shares are ``transform(X)``. Either way each fitted
passage's shares sum to 1. A passage with no vocabulary term (``status
"no_terms"``), or to which NMF gives zero loadings (``"zero_fit"``), gets no
shares; it is kept in ``fit.passages`` so nothing disappears silently.

Topic order and ids
-------------------
Topics are numbered 1..K by decreasing prevalence (term-weighted mean share
over fitted passages); ties broken by the topic's term weights. The same input
and seed give the same numbering.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.exceptions import ConvergenceWarning

from briefkit.errors import TopicError
from briefkit.topics.vocab import Vocabulary, build_vocabulary

__all__ = ["TopicFit", "fit_topics", "fit_matrix", "passage_topics", "MODELS"]

MODELS = ("nmf", "lda")


@dataclass(frozen=True)
class TopicFit:
    """A fitted topic model with everything needed to trace it back to text.

    Attributes
    ----------
    model : str
        "nmf" or "lda".
    k : int
    seed : int
    terms : ndarray of str
        Vocabulary (columns of ``phi``).
    phi : ndarray, shape (k, n_terms)
        Topic-term weights; each row sums to 1. Row ``i`` is topic ``i + 1``.
    theta : ndarray, shape (n_fitted, k)
        Topic shares of the fitted passages (``passages.status == "ok"``), rows sum to 1.
    passages : DataFrame
        The input passages plus ``n_terms`` (vocabulary tokens) and ``status``
        ("ok", "no_terms", "zero_fit").
    vocab : Vocabulary
    info : dict
        ``converged``, ``n_iter``, vocabulary info.
    """

    model: str
    k: int
    seed: int
    terms: np.ndarray
    phi: np.ndarray
    theta: np.ndarray
    passages: pd.DataFrame
    vocab: Vocabulary
    info: dict

    @property
    def fitted(self) -> pd.DataFrame:
        """The passages that have topic shares, aligned with ``theta``."""
        return self.passages.loc[self.passages["status"] == "ok"].reset_index(drop=True)

    @property
    def matrix(self) -> sp.csr_matrix:
        """The matrix the model saw (TF-IDF for NMF, counts for LDA), fitted rows only."""
        X = self.vocab.tfidf if self.model == "nmf" else self.vocab.counts
        rows = np.flatnonzero(self.passages["n_terms"].to_numpy() > 0)
        return X if len(rows) == X.shape[0] else X[rows]


def _check_k(k, n_rows: int, n_terms: int) -> int:
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError(f"k must be an integer number of topics, got {k!r}")
    if k < 2:
        raise TopicError(f"k={k}: a topic model needs k >= 2 topics (k=1 is the whole corpus)")
    if k > min(n_rows - 1, n_terms):
        raise TopicError(f"k={k} is too large for {n_rows} passage(s) with terms and "
                         f"{n_terms} term(s); use k <= {max(min(n_rows - 1, n_terms), 1)}")
    return int(k)


def fit_matrix(X, k: int, *, model: str = "nmf", seed: int = 0, init: str | None = None,
               max_iter: int | None = None,
               keep_estimator: bool = False) -> tuple[np.ndarray, np.ndarray, dict]:
    """Fit one model on a passage-term matrix; return ``(theta, phi, info)`` unsorted.

    The bare model boundary used by :func:`fit_topics` and the stability runs.
    ``theta`` rows with zero loadings (NMF) are returned as zeros.

    Parameters
    ----------
    X : sparse matrix
        TF-IDF (NMF) or counts (LDA), no all-zero rows needed.
    k : int
    model : {"nmf", "lda"}
    seed : int
    init : str, optional
        NMF initialisation; default "nndsvda" (deterministic SVD start).
    max_iter : int, optional
        Default 400 for NMF, 100 for LDA.
    keep_estimator : bool, default False
        Put the fitted scikit-learn estimator in ``info["estimator"]`` (for held-out scoring).

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> from briefkit.topics.model import fit_matrix
    >>> X = sp.csr_matrix(np.array([[2., 1, 0, 0], [1, 2, 0, 0], [0, 0, 2, 1], [0, 0, 1, 2]]))
    >>> theta, phi, info = fit_matrix(X, 2, seed=0)
    >>> theta.shape, np.allclose(phi.sum(axis=1), 1)
    ((4, 2), True)
    """
    if model not in MODELS:
        raise ValueError(f"model must be one of {MODELS}, got {model!r}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        if model == "nmf":
            est = NMF(n_components=k, init=init or "nndsvda", random_state=seed,
                      max_iter=max_iter or 400, tol=1e-4)
            W = est.fit_transform(X)
            H = est.components_
            scale = H.sum(axis=1)
            scale[scale == 0] = 1.0
            phi = H / scale[:, None]
            W = W * scale[None, :]
            tot = W.sum(axis=1, keepdims=True)
            theta = np.divide(W, tot, out=np.zeros_like(W), where=tot > 0)
        else:
            est = LatentDirichletAllocation(n_components=k, learning_method="batch",
                                            max_iter=max_iter or 100, random_state=seed)
            theta = est.fit_transform(X)
            phi = est.components_ / est.components_.sum(axis=1, keepdims=True)
    converged = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
    info = {"converged": converged, "n_iter": int(est.n_iter_)}
    if keep_estimator:
        info["estimator"] = est
    return theta, phi, info


def fit_topics(passages: pd.DataFrame, k: int, *, model: str = "nmf", seed: int = 0,
               vocab: Vocabulary | None = None, max_iter: int | None = None) -> TopicFit:
    """Fit a K-topic model on passages.

    Parameters
    ----------
    passages : DataFrame
        From :func:`briefkit.corpus.text.passages.passages` (``doc_id, passage_id, start, end, text``).
    k : int
        Number of topics, 2 <= k <= number of passages with terms - 1.
    model : {"nmf", "lda"}, default "nmf"
        NMF on TF-IDF (init "nndsvda") or LDA on counts (batch variational Bayes).
    seed : int, default 0
    vocab : Vocabulary, optional
        Reuse a vocabulary built by :func:`briefkit.topics.vocab.build_vocabulary`
        on the same passages (saves time when fitting several K).
    max_iter : int, optional

    Returns
    -------
    TopicFit

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.model import fit_topics
    >>> p = pd.DataFrame({"doc_id": list("aabb"), "passage_id": ["a:0", "a:1", "b:0", "b:1"],
    ...     "start": [0, 9, 0, 9], "end": [8, 17, 8, 17], "text": ["tariffs trade deal",
    ...     "trade tariffs talks", "nuclear missile test", "missile nuclear launch"]})
    >>> fit = fit_topics(p, 2)
    >>> fit.theta.shape
    (4, 2)
    """
    for col in ("doc_id", "passage_id", "start", "end", "text"):
        if col not in passages.columns:
            raise KeyError(f"passages is missing column {col!r}; build it with "
                           "briefkit.corpus.text.passages.passages")
    if passages["passage_id"].duplicated().any():
        dup = passages.loc[passages["passage_id"].duplicated(), "passage_id"].iloc[0]
        raise ValueError(f"passages has duplicate passage_id {dup!r}")
    if model not in MODELS:
        raise ValueError(f"model must be one of {MODELS}, got {model!r}")
    vocab = vocab if vocab is not None else build_vocabulary(passages)
    if vocab.counts.shape[0] != len(passages):
        raise ValueError("vocab was built on a different passages table (row counts differ)")
    n_terms = np.asarray(vocab.counts.sum(axis=1)).ravel().astype(np.int64)
    rows = np.flatnonzero(n_terms > 0)
    k = _check_k(k, len(rows), len(vocab.terms))
    X = vocab.tfidf if model == "nmf" else vocab.counts
    if len(rows) < X.shape[0]:  # copy only when some passage has no term
        X = X[rows]
    theta, phi, info = fit_matrix(X, k, model=model, seed=seed, max_iter=max_iter)
    # Order topics by term-weighted prevalence, ties by their term weights.
    prevalence = (theta * n_terms[rows, None]).sum(axis=0)
    keys = [(-round(float(prevalence[j]), 12), tuple(-np.round(phi[j], 12))) for j in range(k)]
    order = sorted(range(k), key=lambda j: keys[j])
    theta, phi = theta[:, order], phi[order]
    status = np.where(n_terms > 0, "ok", "no_terms").astype(object)
    zero = theta.sum(axis=1) == 0
    status[rows[zero]] = "zero_fit"
    theta = theta[~zero]
    table = passages.reset_index(drop=True)  # copy-on-write: the caller's table is untouched
    table["n_terms"] = n_terms
    table["status"] = pd.array(status, dtype="str")
    info = {**info, **vocab.info, "n_fitted": int(len(theta)),
            "n_no_terms": int((status == "no_terms").sum()),
            "n_zero_fit": int((status == "zero_fit").sum())}
    return TopicFit(model=model, k=k, seed=int(seed), terms=vocab.terms, phi=phi, theta=theta,
                    passages=table, vocab=vocab, info=info)


def passage_topics(fit: TopicFit) -> pd.DataFrame:
    """Long table of passage topic shares.

    Returns
    -------
    DataFrame
        ``doc_id, passage_id, topic_id, share`` (topic_id 1..K), one row per
        fitted passage and topic, in passage order then topic order.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.model import fit_topics, passage_topics
    >>> p = pd.DataFrame({"doc_id": list("aabb"), "passage_id": ["a:0", "a:1", "b:0", "b:1"],
    ...     "start": [0, 9, 0, 9], "end": [8, 17, 8, 17], "text": ["tariffs trade deal",
    ...     "trade tariffs talks", "nuclear missile test", "missile nuclear launch"]})
    >>> passage_topics(fit_topics(p, 2)).groupby("passage_id")["share"].sum().round(6).tolist()
    [1.0, 1.0, 1.0, 1.0]
    """
    fitted = fit.fitted
    n, k = fit.theta.shape
    return pd.DataFrame({
        "doc_id": np.repeat(fitted["doc_id"].astype(str).to_numpy(), k),
        "passage_id": np.repeat(fitted["passage_id"].astype(str).to_numpy(), k),
        "topic_id": np.tile(np.arange(1, k + 1, dtype=np.int64), n),
        "share": fit.theta.ravel(),
    })
