"""Guided topics: one topic per analyst target, anchored on the target's terms, beside free topics.

The analyst's targets (``targets.toml``, read with :func:`briefkit.stance.targets.load_targets`)
say which themes matter (tariffs, USFK, shipbuilding …). Each target becomes one topic of an
**anchored NMF** on the same TF-IDF matrix as the unsupervised model:

1. *Seed terms*: the vocabulary terms a target's own terms or patterns match in full
   (``regex.fullmatch(term)``; "tariffs", "trade deal", "shipbuilding"). A term matching two
   targets goes to the first in file order. A target with no seed term in this corpus's
   vocabulary is listed with that status and not modelled.
2. *Masks*: a target's topic may load on its own seeds and on the non-seed terms that travel
   with them (found in at least two units holding a seed, and at least twice as often there as
   in the corpus at large), never on another target's seeds; the ``n_free`` free topics may load
   on any non-seed term. So a seed term can only be explained by its target's topic, which
   anchors it, and the topic cannot drift to words that have nothing to do with its seeds.
3. *Fit*: multiplicative updates (Lee & Seung 2001) for the Frobenius loss from a deterministic
   start (seeds weight 1, other allowed terms a small seeded jitter); masked entries stay 0.
4. *Shares*: as in :mod:`briefkit.topics.model` — topic-term rows rescaled to sum to 1, each unit's
   loadings normalised to sum to 1. The free topics are summed into one share, ``other``
   (themes outside the targets).

A guided share answers "what fraction of this brief's modelled words is about shipbuilding",
with the caveat that the anchor is the analyst's vocabulary: read the top terms (``guided_terms``)
to see what the topic gathered.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from briefkit.errors import require_columns
from briefkit.topics.labels import fold_terms
from briefkit.topics.vocab import Vocabulary

__all__ = ["GuidedFit", "seed_terms", "fit_guided", "guided_terms", "OTHER"]

#: The share of the free topics (themes outside the targets).
OTHER = "other"


@dataclass(frozen=True)
class GuidedFit:
    """Anchored NMF: ``targets`` (ids, modelled ones first in file order), ``labels``, ``seeds``
    (target -> term indices), ``phi`` ((n_targets + n_free) x n_terms, rows sum to 1), ``theta``
    (units x (n_targets + 1): target shares then ``other``), ``rows`` (indices of the modelled units
    in the vocabulary's rows), ``terms``, ``missing`` (targets without a seed term)."""

    targets: list
    labels: dict
    seeds: dict
    phi: np.ndarray
    theta: np.ndarray
    rows: np.ndarray
    terms: np.ndarray
    missing: list
    n_free: int


def seed_terms(terms, targets: pd.DataFrame) -> tuple[dict, dict]:
    """``({target: [term indices]}, {target: label})`` (rule 1 in the module docstring).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.guided import seed_terms
    >>> t = pd.DataFrame({"target": ["trade"], "label": ["Trade"], "kind": ["pattern"],
    ...                   "value": ["tariffs?|trade deal"]})
    >>> seed_terms(["tariffs", "trade deal", "trade", "missile"], t)[0]
    {'trade': [0, 1]}
    """
    from briefkit.stance.targets import compile_targets

    require_columns(targets, ["target", "label", "kind", "value"], name="targets")
    compiled = compile_targets(targets)
    labels = dict(zip(targets["target"].astype(str), targets["label"].astype(str)))
    taken: set = set()
    out = {}
    for tid, regexes in compiled.items():
        idx = [i for i, term in enumerate(terms) if i not in taken
               and any(rx.fullmatch(str(term)) for rx in regexes)]
        taken.update(idx)
        out[tid] = idx
    return out, labels


def _mu(X, W, H, mask, n_iter):
    eps = 1e-12
    for _ in range(n_iter):
        W *= (X @ H.T) / (W @ (H @ H.T) + eps)
        H *= np.asarray(W.T @ X) / ((W.T @ W) @ H + eps)
        H *= mask
    return W, H


def fit_guided(vocab: Vocabulary, targets: pd.DataFrame, *, n_free: int = 3, seed: int = 0,
               n_iter: int = 300) -> GuidedFit:
    """Fit the anchored NMF (module docstring) on ``vocab.tfidf``.

    Parameters
    ----------
    vocab : Vocabulary
    targets : DataFrame
        From :func:`briefkit.stance.targets.load_targets`.
    n_free : int, default 3
        Free topics (themes outside the targets), at least 1.
    seed : int, default 0
    n_iter : int, default 300

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.vocab import build_vocabulary
    >>> from briefkit.topics.guided import fit_guided
    >>> p = pd.DataFrame({"text": ["tariffs hurt exporters", "tariffs and exporters",
    ...     "missile test launch", "missile launch site", "weather rain today", "rain and weather"]})
    >>> t = pd.DataFrame({"target": ["trade"], "label": ["Trade"], "kind": ["term"], "value": ["tariffs"]})
    >>> g = fit_guided(build_vocabulary(p), t, n_free=2)
    >>> g.theta[:2, 0].round(2).tolist()
    [1.0, 1.0]
    """
    if isinstance(n_free, bool) or not isinstance(n_free, (int, np.integer)) or n_free < 1:
        raise ValueError(f"n_free must be an integer >= 1, got {n_free!r}")
    seeds, labels = seed_terms(vocab.terms, targets)
    modelled = [t for t, idx in seeds.items() if idx]
    missing = [t for t, idx in seeds.items() if not idx]
    n_terms = np.asarray(vocab.counts.sum(axis=1)).ravel()
    rows = np.flatnonzero(n_terms > 0)
    X = sp.csr_matrix(vocab.tfidf[rows])
    V, G = X.shape[1], len(modelled)
    k = G + int(n_free)
    rng = np.random.default_rng(seed)
    all_seeds = np.zeros(V, dtype=bool)
    for t in modelled:
        all_seeds[seeds[t]] = True
    mask = np.tile(~all_seeds, (k, 1)).astype(float)
    B = (X > 0).astype(np.float64).tocsc()
    df = np.asarray(B.sum(axis=0)).ravel()
    n = max(X.shape[0], 1)
    for g, t in enumerate(modelled):
        in_seed = np.asarray(B[:, seeds[t]].sum(axis=1)).ravel() > 0
        a = np.asarray(B[np.flatnonzero(in_seed)].sum(axis=0)).ravel()
        lift = (a / max(in_seed.sum(), 1)) / np.maximum(df / n, 1e-12)
        mask[g] = ((a >= 2) & (lift >= 2) & ~all_seeds).astype(float)
        mask[g, seeds[t]] = 1.0
    scale = float(X.mean()) if X.nnz else 1.0
    H = mask * rng.uniform(0.01, 0.1, size=(k, V)) * scale
    for g, t in enumerate(modelled):
        H[g, seeds[t]] = 1.0
    W = np.asarray(X @ H.T) + 1e-6
    W, H = _mu(X, W, H, mask, int(n_iter))
    tot = H.sum(axis=1)
    tot[tot == 0] = 1.0
    phi = H / tot[:, None]
    W = W * tot[None, :]
    full = np.hstack([W[:, :G], W[:, G:].sum(axis=1, keepdims=True)])
    s = full.sum(axis=1, keepdims=True)
    theta = np.divide(full, s, out=np.zeros_like(full), where=s > 0)
    return GuidedFit(targets=modelled, labels=labels, seeds=seeds, phi=phi, theta=theta, rows=rows,
                     terms=vocab.terms, missing=missing, n_free=int(n_free))


def guided_terms(g: GuidedFit, *, n: int = 10) -> pd.DataFrame:
    """One row per target: ``target, label, status, n_seed_terms, seed_terms, top_terms``.

    ``top_terms`` are the topic's ``n`` heaviest terms ("; "-joined, name fragments folded): what
    the anchored topic gathered besides its seeds.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.vocab import build_vocabulary
    >>> from briefkit.topics.guided import fit_guided, guided_terms
    >>> p = pd.DataFrame({"text": ["tariffs hurt exporters", "tariffs and exporters",
    ...     "missile test launch", "missile launch site"]})
    >>> t = pd.DataFrame({"target": ["trade", "ships"], "label": ["Trade", "Ships"],
    ...                   "kind": ["term", "term"], "value": ["tariffs", "shipbuilding"]})
    >>> guided_terms(fit_guided(build_vocabulary(p), t, n_free=1))["status"].tolist()
    ['ok', 'no seed term in this corpus']
    """
    rows = []
    for gi, t in enumerate(g.targets):
        top = [i for i in np.argsort(-g.phi[gi], kind="stable")[:4 * n] if g.phi[gi, i] > 0]
        rows.append((t, g.labels[t], "ok", len(g.seeds[t]),
                     "; ".join(str(g.terms[i]) for i in g.seeds[t]),
                     "; ".join(fold_terms(str(g.terms[i]) for i in top)[0][:n])))
    for t in g.missing:
        rows.append((t, g.labels[t], "no seed term in this corpus", 0, "", ""))
    out = pd.DataFrame(rows, columns=["target", "label", "status", "n_seed_terms", "seed_terms",
                                      "top_terms"])
    for c in ("target", "label", "status", "seed_terms", "top_terms"):
        out[c] = out[c].astype("str")
    return out
