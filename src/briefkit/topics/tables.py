"""Tidy tables describing fitted topics: terms, labels and per-topic quality.

Labels
------
A topic's label is its three highest-FREX terms among its 20 heaviest terms
(so a rare term that happens to be exclusive cannot name a topic), skipping a
term that repeats a word of one already chosen ("president" after "president
trump"), joined by " / ". Labels are descriptions to check against the
representative passages, not names the model vouches for.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from briefkit.topics.diagnostics import (exclusivity, frex, matched_similarity, npmi_coherence,
                                stability_fits, top_term_indices)
from briefkit.topics.labels import auto_labels, fold_terms, topic_key
from briefkit.topics.model import TopicFit

__all__ = ["topic_terms", "topic_labels", "topic_summary"]


def topic_terms(fit: TopicFit, *, n: int = 15) -> pd.DataFrame:
    """Top terms of each topic with their weight and FREX score.

    Parameters
    ----------
    fit : TopicFit
    n : int, default 15
        Terms per topic: the union of the ``n`` heaviest and the ``n`` highest-FREX
        terms, so both rankings can be read from the table.

    Returns
    -------
    DataFrame
        ``topic_id, term, weight, frex, rank_weight, rank_frex`` sorted by topic then
        ``rank_weight`` (ranks are 1-based over the whole vocabulary).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.model import fit_topics
    >>> from briefkit.topics.tables import topic_terms
    >>> p = pd.DataFrame({"doc_id": list("aabb"), "passage_id": ["a:0", "a:1", "b:0", "b:1"],
    ...     "start": 0, "end": 1, "text": ["tariffs trade deal", "trade tariffs talks",
    ...     "nuclear missile test", "missile nuclear launch"]})
    >>> topic_terms(fit_topics(p, 2), n=2).columns.tolist()
    ['topic_id', 'term', 'weight', 'frex', 'rank_weight', 'rank_frex']
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be an integer >= 1, got {n!r}")
    fx = frex(fit.phi)
    by_w = np.argsort(-fit.phi, axis=1, kind="stable")
    by_f = np.argsort(-fx, axis=1, kind="stable")
    rows = []
    for j in range(fit.k):
        rank_w = np.empty(len(fit.terms), dtype=np.int64)
        rank_w[by_w[j]] = np.arange(1, len(fit.terms) + 1)
        rank_f = np.empty(len(fit.terms), dtype=np.int64)
        rank_f[by_f[j]] = np.arange(1, len(fit.terms) + 1)
        idx = sorted(set(by_w[j, :n].tolist()) | set(by_f[j, :n].tolist()), key=lambda i: rank_w[i])
        for i in idx:
            rows.append((j + 1, str(fit.terms[i]), float(fit.phi[j, i]), float(fx[j, i]),
                         int(rank_w[i]), int(rank_f[i])))
    out = pd.DataFrame(rows, columns=["topic_id", "term", "weight", "frex", "rank_weight",
                                      "rank_frex"])
    out["term"] = out["term"].astype("str")
    return out


def topic_labels(fit: TopicFit, *, n_words: int = 3, pool: int = 20) -> list[str]:
    """One short label per topic (rule in :mod:`briefkit.topics.labels`).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.model import fit_topics
    >>> from briefkit.topics.tables import topic_labels
    >>> p = pd.DataFrame({"doc_id": list("aabb"), "passage_id": ["a:0", "a:1", "b:0", "b:1"],
    ...     "start": 0, "end": 1, "text": ["tariffs trade deal", "trade tariffs talks",
    ...     "nuclear missile test", "missile nuclear launch"]})
    >>> sorted(topic_labels(fit_topics(p, 2), n_words=1))
    ['missile', 'tariffs']
    """
    return auto_labels(fit.phi, fit.terms, filler=fit.vocab.filler, n_words=n_words, pool=pool)


def topic_summary(fit: TopicFit, *, top_n: int = 10, n_seeds: int = 10,
                  sample_frac: float = 0.8) -> pd.DataFrame:
    """One row per topic: label, top terms, coherence, exclusivity, stability, prevalence.

    Stability of a topic is the mean cosine similarity of its best match
    (Hungarian) in ``n_seeds`` refits on ``sample_frac`` of the passages
    (seeds ``fit.seed + 1 ..``), as in :func:`briefkit.topics.select.k_diagnostics`.

    Returns
    -------
    DataFrame
        ``topic_id, label, topic_key, top_terms ("; "-joined, name fragments folded),
        coherence, exclusivity, stability, prevalence`` (prevalence: term-weighted corpus share).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.model import fit_topics
    >>> from briefkit.topics.tables import topic_summary
    >>> words = ["tariff trade deal", "nuclear missile test", "chips fabs supply"]
    >>> p = pd.DataFrame({"doc_id": "d", "passage_id": [f"d:{i}" for i in range(9)],
    ...     "start": 0, "end": 1, "text": [words[i % 3] for i in range(9)]})
    >>> topic_summary(fit_topics(p, 3), n_seeds=2)["stability"].round(3).tolist()
    [1.0, 1.0, 1.0]
    """
    X = fit.matrix
    coh = npmi_coherence(fit.phi, X, top_n)
    exc = exclusivity(fit.phi, top_n)
    runs = stability_fits(X, fit.k, model=fit.model, seeds=range(fit.seed + 1, fit.seed + 1 + n_seeds),
                          sample_frac=sample_frac)
    stab = matched_similarity(fit.phi, runs).mean(axis=0)
    top = top_term_indices(fit.phi, 4 * top_n)
    w = fit.fitted["n_terms"].to_numpy(dtype=float)
    prevalence = (fit.theta * w[:, None]).sum(axis=0) / w.sum()
    out = pd.DataFrame({
        "topic_id": np.arange(1, fit.k + 1, dtype=np.int64),
        "label": topic_labels(fit),
        "topic_key": [topic_key(fit.phi[j], fit.terms) for j in range(fit.k)],
        "top_terms": ["; ".join(fold_terms(str(fit.terms[i]) for i in row)[0][:top_n]) for row in top],
        "coherence": coh, "exclusivity": exc, "stability": stab, "prevalence": prevalence,
    })
    out["label"] = out["label"].astype("str")
    out["top_terms"] = out["top_terms"].astype("str")
    out["topic_key"] = out["topic_key"].astype("str")
    return out
