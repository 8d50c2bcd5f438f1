"""Choose the number of topics K: fit, held-out error, coherence, exclusivity, stability, and guards.

:func:`k_diagnostics` fits every candidate K once (the reference fit, as
:func:`briefkit.topics.model.fit_topics` would) plus ``n_seeds`` refits from random starts on
random subsamples, on every core (:func:`briefkit.jobs.map_jobs`: one job per K, results in K
order, byte-identical to a serial run; a short search stays in this process). Per K it reports mean NPMI coherence, mean exclusivity,
mean matched stability (its spread over refits and its least stable topic), the mean **held-out
error** of the refits on the units they did not see (NMF: relative squared reconstruction error;
LDA: perplexity), and two **degeneracy guards** on the reference fit:

- ``max_prevalence``: the largest topic's mean share over the **documents** (each document's
  share is the ``n_terms``-weighted mean over its units, and each document counts once, so a few
  long documents cannot make a topic look dominant nor hide a collapse). A K where one topic holds
  more than ``max(0.6, 1.5 / K)`` of the corpus has collapsed into one generic topic;
- ``single_doc_topics``: the fraction of topics that draw at least 90 % of their weight from one
  document. When more than half of the topics are like that (and there are 3+ documents) the
  model is sorting documents, not finding themes that cut across them.

Recommendation rule (:func:`recommend_k`)
-----------------------------------------
1. Eligible K: not degenerate (``degenerate`` empty) and stability >= ``min_stability`` (0.8).
   If no K qualifies, the non-degenerate K compete (the reason says the choice is weak); if every
   K is degenerate, all compete.
2. Each measure is scaled to 0..1 over **all** candidate K (min-max: the best K on the curve = 1,
   the worst = 0; a flat measure gives 1 to all), so a measure that barely moves between two K
   weighs little and one that drops sharply (held-out error from a too-small K) weighs much:
   coherence, exclusivity and stability higher-is-better, held-out error lower-is-better. The
   score of an eligible K is the mean of its scaled measures.
3. **Near ties go to stability**: among the K whose score is within ``near`` (0.1) of the best,
   the most stable K wins (then the smaller K). The reason names the near-tied K.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from briefkit.errors import TopicError
from briefkit.jobs import map_jobs
from briefkit.topics.diagnostics import exclusivity, matched_similarity, npmi_coherence, stability_fits
from briefkit.topics.model import fit_matrix
from briefkit.topics.vocab import Vocabulary, build_vocabulary

__all__ = ["candidate_ks", "k_diagnostics", "recommend_k", "degeneracy", "DIAGNOSTIC_COLUMNS"]

#: With ``n_jobs=None`` the K search uses worker processes only when the serial estimate of the
#: remaining work exceeds this many seconds (process start-up costs a few seconds).
PARALLEL_ABOVE_S = 8.0

DIAGNOSTIC_COLUMNS = ["k", "coherence", "exclusivity", "stability", "stability_sd",
                      "stability_min", "heldout_error", "max_prevalence", "single_doc_topics",
                      "degenerate", "converged"]


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


def degeneracy(theta, weights, doc_ids) -> tuple[float, float, str]:
    """``(max_prevalence, single_doc_topics, reason)`` of one fit (rules in the module docstring).

    Examples
    --------
    >>> from briefkit.topics.select import degeneracy
    >>> degeneracy([[0.9, 0.1], [0.95, 0.05], [0.9, 0.1]], [1, 1, 1], ["a", "b", "c"])[2]
    'one topic holds 0.92 of the corpus'
    >>> degeneracy([[1, 0], [0, 1], [0.5, 0.5]], [1, 1, 0.01], ["a", "b", "c"])[2]
    '100% of topics are one document each'
    """
    theta = np.asarray(theta, dtype=float)
    w = np.asarray(weights, dtype=float)
    k = theta.shape[1]
    mass = theta * w[:, None]
    docs = pd.Series(np.asarray(doc_ids).astype(str))
    n_docs = docs.nunique()
    by_doc = pd.DataFrame(mass).groupby(docs.to_numpy()).sum().to_numpy()
    rows = by_doc.sum(axis=1, keepdims=True)
    max_prev = float(np.divide(by_doc, rows, out=np.zeros_like(by_doc), where=rows > 0).mean(axis=0).max())
    tot = by_doc.sum(axis=0)
    single = float(np.mean(by_doc.max(axis=0) >= 0.9 * np.where(tot > 0, tot, 1))) if n_docs > 1 else 0.0
    reasons = []
    if max_prev > max(0.6, 1.5 / k):
        reasons.append(f"one topic holds {max_prev:.2f} of the corpus")
    if n_docs >= 3 and single > 0.5:
        reasons.append(f"{single:.0%} of topics are one document each")
    return max_prev, single, "; ".join(reasons)


def _k_job(task) -> dict:
    X, k, model, seed, n_seeds, top_n, sample_frac, weights, doc_ids = task
    theta, phi, info = fit_matrix(X, k, model=model, seed=seed)
    coh = npmi_coherence(phi, X, top_n)
    exc = exclusivity(phi, top_n)
    runs, errors = stability_fits(X, k, model=model, seeds=range(seed + 1, seed + 1 + n_seeds),
                                  sample_frac=sample_frac, heldout=True)
    sim = matched_similarity(phi, runs)
    ok = theta.sum(axis=1) > 0
    max_prev, single, why = degeneracy(theta[ok], weights[ok], doc_ids[ok])
    err = np.asarray(errors, dtype=float)
    return {"k": int(k), "coherence": float(np.nanmean(coh)) if np.isfinite(coh).any() else np.nan,
            "exclusivity": float(exc.mean()), "stability": float(sim.mean()),
            "stability_sd": float(sim.mean(axis=1).std()),
            "stability_min": float(sim.mean(axis=0).min()),
            "heldout_error": float(np.nanmean(err)) if np.isfinite(err).any() else np.nan,
            "max_prevalence": max_prev, "single_doc_topics": single, "degenerate": why,
            "converged": bool(info["converged"])}


def k_diagnostics(passages: pd.DataFrame, *, k_values=None, model: str = "nmf", seed: int = 0,
                  n_seeds: int = 10, top_n: int = 10, sample_frac: float = 0.8,
                  vocab: Vocabulary | None = None, k_max: int = 12,
                  n_jobs: int | None = None, client=None) -> pd.DataFrame:
    """Diagnostics for each candidate K (see the module docstring).

    Parameters
    ----------
    passages : DataFrame
        The modelled units (passages or whole documents) with ``doc_id`` and ``text``.
    k_values : iterable of int, optional
        Default :func:`candidate_ks`.
    model : {"nmf", "lda"}, default "nmf"
    seed : int, default 0
        Reference fits use ``seed``; refits use ``seed+1 .. seed+n_seeds``.
    n_seeds : int, default 10
    top_n : int, default 10
    sample_frac : float, default 0.8
    vocab : Vocabulary, optional
    k_max : int, default 12
    n_jobs : int, optional
        Worker processes. Default: every core (:func:`briefkit.jobs.resolve_n_jobs`) when the
        search is long enough to repay starting them (:data:`PARALLEL_ABOVE_S`), else this process.
    client : dask.distributed.Client, optional
        Run the candidate K (each a reference fit and its ``n_seeds`` refits) as tasks on this
        Dask cluster instead; the matrix is sent to the workers once. The table is identical.

    Returns
    -------
    DataFrame
        :data:`DIAGNOSTIC_COLUMNS`, one row per K.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.select import k_diagnostics
    >>> words = ["tariff trade deal", "nuclear missile test", "chips fabs supply"]
    >>> p = pd.DataFrame({"doc_id": [f"d{i % 4}" for i in range(12)],
    ...     "passage_id": [f"p{i}" for i in range(12)], "start": 0, "end": 1,
    ...     "text": [words[i % 3] for i in range(12)]})
    >>> k_diagnostics(p, k_values=[3], n_seeds=2, n_jobs=1)["stability"].round(3).tolist()
    [1.0]
    """
    if isinstance(n_seeds, bool) or not isinstance(n_seeds, (int, np.integer)) or n_seeds < 2:
        raise ValueError(f"n_seeds must be an integer >= 2, got {n_seeds!r}")
    if model not in ("nmf", "lda"):
        raise ValueError(f"model must be one of ('nmf', 'lda'), got {model!r}")
    vocab = vocab if vocab is not None else build_vocabulary(passages)
    n_terms = np.asarray(vocab.counts.sum(axis=1)).ravel()
    rows = np.flatnonzero(n_terms > 0)
    ks = (candidate_ks(len(rows), len(vocab.terms), k_max=k_max) if k_values is None
          else sorted({int(k) for k in k_values}))
    if not ks:
        raise ValueError("k_values is empty")
    X = vocab.tfidf if model == "nmf" else vocab.counts
    X = X[rows] if len(rows) < X.shape[0] else X
    doc_ids = (passages["doc_id"].astype(str).to_numpy()[rows] if "doc_id" in passages.columns
               else rows.astype(str))
    tasks = [(X, k, model, int(seed), int(n_seeds), int(top_n), float(sample_frac),
              n_terms[rows].astype(float), doc_ids) for k in ks]
    if client is not None:
        shared = client.scatter(X, broadcast=True)  # one copy per worker, not one per task
        out = map_jobs(_k_job, [(shared, *t[1:]) for t in tasks], client=client)
    elif n_jobs is None and len(tasks) > 1:
        # Starting worker processes costs seconds; pay it only when the search is long. The first K
        # runs here and is timed; results are identical whichever way the rest run.
        t0 = time.perf_counter()
        first = _k_job(tasks[0])
        rest = tasks[1:]
        jobs = None if (time.perf_counter() - t0) * len(rest) > PARALLEL_ABOVE_S else 1
        out = [first] + map_jobs(_k_job, rest, n_jobs=jobs, desc="choosing K")
    else:
        out = map_jobs(_k_job, tasks, n_jobs=n_jobs, desc="choosing K")
    table = pd.DataFrame(out, columns=DIAGNOSTIC_COLUMNS)
    table["degenerate"] = table["degenerate"].astype("str")
    return table


def _scale01(values: np.ndarray) -> np.ndarray:
    v = np.asarray(values, dtype=float)
    ok = np.isfinite(v)
    if not ok.any():
        return np.zeros(len(v))
    lo, hi = v[ok].min(), v[ok].max()
    out = np.ones(len(v)) if hi - lo < 1e-12 else (v - lo) / (hi - lo)
    return np.where(ok, out, 0.0)


def recommend_k(diagnostics: pd.DataFrame, *, min_stability: float = 0.8,
                near: float = 0.1) -> tuple[int, pd.DataFrame, str]:
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
    degen = (table["degenerate"].fillna("").astype(str).str.len() > 0).to_numpy() \
        if "degenerate" in table.columns else np.zeros(len(table), dtype=bool)
    stable = (table["stability"] >= min_stability).to_numpy()
    eligible = stable & ~degen
    weak = ""
    if not eligible.any():
        eligible = ~degen if (~degen).any() else np.ones(len(table), dtype=bool)
        weak = (f"no K reached stability {min_stability:g} without collapsing"
                if (~degen).any() else "every K is degenerate")
    measures = [("coherence", 1), ("exclusivity", 1), ("stability", 1)]
    if "heldout_error" in table.columns and np.isfinite(table["heldout_error"]).any():
        measures.append(("heldout_error", -1))
    score = np.full(len(table), np.nan)
    parts = [_scale01(sign * table[c].to_numpy(dtype=float)) for c, sign in measures]
    score[eligible] = np.mean(parts, axis=0)[eligible]
    table["eligible"] = eligible
    table["score"] = score
    best = np.nanmax(score)
    close = table.loc[eligible & (score >= best - near - 1e-12)]
    pick = close.sort_values(["stability", "k"], ascending=[False, True], kind="stable").iloc[0]
    k = int(pick["k"])
    table["recommended"] = table["k"] == k
    vals = (f"coherence {pick.coherence:.3f}, exclusivity {pick.exclusivity:.3f}, "
            f"stability {pick.stability:.3f}")
    if "heldout_error" in table.columns and np.isfinite(pick.get("heldout_error", np.nan)):
        vals += f", held-out error {pick.heldout_error:.3f}"
    n_elig = int(eligible.sum())
    names = ", ".join(c.replace("_", " ") for c, _ in measures)
    if weak:
        reason = (f"K={k}: {weak}, so {n_elig} K were compared; K={k} has the best mean scaled score of "
                  f"{names} ({vals}); read the topics as tentative")
    elif n_elig == 1:
        reason = f"K={k}: the only K with stability >= {min_stability:g} that did not collapse ({vals})"
    else:
        reason = (f"K={k}: best mean scaled score of {names} among the {n_elig} K with stability >= "
                  f"{min_stability:g} that did not collapse ({vals})")
    others = [int(t) for t in close["k"] if int(t) != k]
    if others:
        reason += (f"; near-tied with K={', '.join(map(str, others))} (within {near:g} of the best "
                   "score), the most stable K is chosen")
    n_degen = int(degen.sum())
    if n_degen:
        reason += f"; {n_degen} K set aside as degenerate (see the degenerate column)"
    return k, table, reason + "."
