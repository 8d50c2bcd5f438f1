"""Choose the number of topics K from coherence, exclusivity and stability.

:func:`k_diagnostics` fits every candidate K once (the reference fit, as
:func:`briefkit.topics.model.fit_topics` would) plus ``n_seeds`` stability refits,
and reports per K: mean NPMI coherence, mean exclusivity, mean matched
stability (and its spread over refits).

Recommendation rule (:func:`recommend_k`)
-----------------------------------------
1. Eligible K: stability >= ``min_stability`` (default 0.8: topics a reader
   would recognise across refits). If no K qualifies, all K are eligible and
   the reason says the recommendation is weak.
2. Each measure is rank-normalised over the eligible K (best = 1, worst = 0;
   ties share the average rank), and the score is their mean. Ranks, not raw
   values, because the three measures live on different scales.
3. Highest score wins; an exact tie goes to the smaller K (fewer topics are
   easier to check), and the reason names the tied K.

Exclusivity tends to fall and coherence to vary as K grows, so the rule is a
documented compromise, not a truth; the notebook shows all three curves and
lets the analyst override K.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from briefkit.topics.diagnostics import exclusivity, matched_similarity, npmi_coherence, stability_fits
from briefkit.topics.vocab import TopicError, Vocabulary, build_vocabulary
from briefkit.topics.model import fit_topics

__all__ = ["candidate_ks", "k_diagnostics", "recommend_k"]

DIAGNOSTIC_COLUMNS = ["k", "coherence", "exclusivity", "stability", "stability_sd",
                      "stability_min", "converged"]


def candidate_ks(n_passages: int, n_terms: int, *, k_max: int = 12) -> list[int]:
    """Candidate numbers of topics: ``2 .. min(k_max, n_passages - 1, n_terms)``.

    Examples
    --------
    >>> from briefkit.topics.select import candidate_ks
    >>> candidate_ks(100, 500), candidate_ks(4, 500)
    ([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 3])
    """
    hi = min(int(k_max), int(n_passages) - 1, int(n_terms))
    if hi < 2:
        raise TopicError(f"too little text for a topic model: {n_passages} passage(s) with terms "
                         f"and {n_terms} term(s); need at least 3 passages and 2 terms for K=2")
    return list(range(2, hi + 1))


def k_diagnostics(passages: pd.DataFrame, *, k_values=None, model: str = "nmf", seed: int = 0,
                  n_seeds: int = 10, top_n: int = 10, sample_frac: float = 0.8,
                  vocab: Vocabulary | None = None, k_max: int = 12) -> pd.DataFrame:
    """Coherence, exclusivity and stability for each candidate K.

    Parameters
    ----------
    passages : DataFrame
        From :func:`briefkit.corpus.passages.passages`.
    k_values : iterable of int, optional
        Default :func:`candidate_ks` (``2 .. min(k_max, n_passages - 1, n_terms)``).
    model : {"nmf", "lda"}, default "nmf"
    seed : int, default 0
        Reference fits use ``seed``; refits use seeds ``seed+1 .. seed+n_seeds``.
    n_seeds : int, default 10
        Stability refits per K (at least 2).
    top_n : int, default 10
        Top terms per topic for coherence and exclusivity.
    sample_frac : float, default 0.8
        Passage fraction per refit (see :func:`~briefkit.topics.diagnostics.stability_fits`).
    vocab : Vocabulary, optional
    k_max : int, default 12
        Largest candidate K when ``k_values`` is not given.

    Returns
    -------
    DataFrame
        ``k, coherence, exclusivity, stability, stability_sd, stability_min,
        converged`` - one row per K. ``stability`` is the mean over refits and
        topics of the matched similarity; ``stability_sd`` the SD of the per-refit
        means; ``stability_min`` the least stable topic's mean similarity.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.select import k_diagnostics
    >>> words = ["tariff trade deal", "nuclear missile test", "chips fabs supply"]
    >>> p = pd.DataFrame({"doc_id": "d", "passage_id": [f"d:{i}" for i in range(9)],
    ...     "start": 0, "end": 1, "text": [words[i % 3] for i in range(9)]})
    >>> k_diagnostics(p, k_values=[3], n_seeds=2)["stability"].round(3).tolist()
    [1.0]
    """
    if isinstance(n_seeds, bool) or not isinstance(n_seeds, (int, np.integer)) or n_seeds < 2:
        raise ValueError(f"n_seeds must be an integer >= 2, got {n_seeds!r}")
    vocab = vocab if vocab is not None else build_vocabulary(passages)
    n_rows = int((np.asarray(vocab.counts.sum(axis=1)).ravel() > 0).sum())
    ks = candidate_ks(n_rows, len(vocab.terms), k_max=k_max) if k_values is None else sorted(set(k_values))
    if not ks:
        raise ValueError("k_values is empty")
    rows = []
    for k in ks:
        fit = fit_topics(passages, int(k), model=model, seed=seed, vocab=vocab)
        X = fit.matrix
        coh = npmi_coherence(fit.phi, X, top_n)
        exc = exclusivity(fit.phi, top_n)
        runs = stability_fits(X, int(k), model=model, seeds=range(seed + 1, seed + 1 + n_seeds),
                              sample_frac=sample_frac)
        sim = matched_similarity(fit.phi, runs)
        rows.append({"k": int(k), "coherence": float(np.nanmean(coh)) if np.isfinite(coh).any()
                     else np.nan, "exclusivity": float(exc.mean()),
                     "stability": float(sim.mean()), "stability_sd": float(sim.mean(axis=1).std()),
                     "stability_min": float(sim.mean(axis=0).min()),
                     "converged": bool(fit.info["converged"])})
    return pd.DataFrame(rows, columns=DIAGNOSTIC_COLUMNS)


def _rank01(values: np.ndarray) -> np.ndarray:
    from scipy.stats import rankdata

    if len(values) == 1:
        return np.ones(1)
    v = np.where(np.isfinite(values), values, -np.inf)
    return (rankdata(v, method="average") - 1) / (len(v) - 1)


def recommend_k(diagnostics: pd.DataFrame, *, min_stability: float = 0.8) -> tuple[int, pd.DataFrame, str]:
    """Recommend K from :func:`k_diagnostics` output (rule in the module docstring).

    Returns
    -------
    (k, table, reason)
        The chosen K; the diagnostics plus ``eligible``, ``score``, ``recommended``;
        and one sentence explaining the choice.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.select import recommend_k
    >>> d = pd.DataFrame({"k": [2, 3, 4], "coherence": [0.1, 0.3, 0.2],
    ...     "exclusivity": [0.8, 0.9, 0.7], "stability": [0.95, 0.9, 0.6]})
    >>> recommend_k(d)[0]
    3
    """
    need = ["k", "coherence", "exclusivity", "stability"]
    missing = [c for c in need if c not in diagnostics.columns]
    if missing or diagnostics.empty:
        raise ValueError(f"diagnostics must be k_diagnostics output with rows; missing {missing}")
    table = diagnostics.sort_values("k").reset_index(drop=True).copy()
    eligible = np.array(table["stability"] >= min_stability, dtype=bool)
    weak = not eligible.any()
    if weak:
        eligible[:] = True
    score = np.full(len(table), np.nan)
    sub = table.loc[eligible]
    parts = [_rank01(sub[c].to_numpy(dtype=float)) for c in ("coherence", "exclusivity", "stability")]
    score[eligible] = np.mean(parts, axis=0)
    table["eligible"] = eligible
    table["score"] = score
    best = np.nanmax(score)
    tied = table.loc[np.isclose(score, best, rtol=0, atol=1e-12), "k"].tolist()
    k = int(min(tied))
    table["recommended"] = table["k"] == k
    row = table.loc[table["k"] == k].iloc[0]
    vals = (f"coherence {row.coherence:.3f}, exclusivity {row.exclusivity:.3f}, "
            f"stability {row.stability:.3f}")
    n_elig = int(eligible.sum())
    if weak:
        reason = (f"K={k}: no K reached stability {min_stability:g}, so every K was compared; "
                  f"K={k} has the best mean rank ({vals}); read the topics as tentative")
    elif n_elig == 1:
        reason = f"K={k}: the only K with stability >= {min_stability:g} ({vals})"
    else:
        reason = (f"K={k}: best mean rank of coherence, exclusivity and stability among the "
                  f"{n_elig} K with stability >= {min_stability:g} ({vals})")
    if len(tied) > 1:
        reason += f"; tied with K={', '.join(str(t) for t in tied if t != k)} (smaller K chosen)"
    return k, table, reason + "."
