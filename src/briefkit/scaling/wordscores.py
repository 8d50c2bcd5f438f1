"""Wordscores: Laver, Benoit & Garry's (2003) scaling from reference texts.

Follows quanteda.textmodels' ``textmodel_wordscores`` (linear scale) and its
``predict()``:

* word score ``S_w = sum_r P(r | w) A_r`` with ``P(r | w) = F_wr / sum_r F_wr``
  and ``F_wr`` the relative frequency of word ``w`` in reference text ``r``
  (reference counts optionally smoothed by adding ``smooth`` to every cell);
  words absent from all reference texts get no score;
* text score ``S_v = sum_w F_wv S_w`` with ``F_wv`` the relative frequency
  among the *scored* words of text ``v``;
* standard error ``sqrt(sum_w F_wv (S_v - S_w)^2) / sqrt(N_v)`` with ``N_v``
  the number of scored tokens (LBG 2003, eq. on p. 316);
* LBG rescaling ``(S_v - mean) * sd(A) / sd(S) + mean`` over all scored texts
  (quanteda rescales over every text passed to ``predict()``, references
  included; LBG 2003 used the virgin texts only: ``rescale_on="virgin"``);
* MV rescaling (Martin & Vanberg 2008) maps the raw scores of the reference
  texts with the lowest and highest reference score onto those scores.

One deliberate difference: quanteda's LBG standard error is computed as
``(se - mean) * mult + mean``, treating a spread as a location; here it is
``se * mult``, consistent with its confidence interval.
"""

from __future__ import annotations

from collections.abc import Mapping
from statistics import NormalDist

import numpy as np
import pandas as pd

from briefkit.corpus.text.dfm import as_count_matrix
from briefkit.errors import BriefkitError

__all__ = ["wordscores"]

_RESCALINGS = ("none", "lbg", "mv")


def _reference_vector(ref_scores, docs) -> np.ndarray:
    if isinstance(ref_scores, Mapping):
        ref_scores = pd.Series(dict(ref_scores), dtype=object)
    if not isinstance(ref_scores, pd.Series):
        raise BriefkitError(f"ref_scores must be a pandas Series or a mapping doc_id -> score, "
                            f"got {type(ref_scores).__name__}")
    unknown = sorted(str(d) for d in ref_scores.index[ref_scores.notna()] if d not in set(docs))
    if unknown:
        raise BriefkitError(f"ref_scores names doc ids that are not rows of counts: {unknown[:5]}")
    try:
        y = pd.to_numeric(ref_scores, errors="raise").reindex(docs).to_numpy(dtype=float)
    except (TypeError, ValueError) as exc:
        raise BriefkitError("ref_scores must be numeric (NaN for virgin texts)") from exc
    if np.isinf(y).any():
        raise BriefkitError("ref_scores must be finite (NaN marks virgin texts)")
    return y


def _rescalings(rescaling) -> tuple[str, ...]:
    items = (rescaling,) if isinstance(rescaling, str) else tuple(rescaling)
    bad = [r for r in items if r not in _RESCALINGS]
    if bad:
        raise BriefkitError(f"rescaling must be one of {list(_RESCALINGS)} (or a list of them), "
                         f"got {rescaling!r}")
    return tuple(r for r in _RESCALINGS if r in items and r != "none")


def _word_scores(X, y, smooth: float) -> tuple[np.ndarray, np.ndarray]:
    """Word scores from the reference rows of dense X; returns (scores, scorable mask)."""
    ref = X[~np.isnan(y)] + smooth
    totals = ref.sum(axis=1, keepdims=True)
    if np.any(totals <= 0):
        raise BriefkitError("every reference text needs at least one token (check ref_scores and counts)")
    F = ref / totals                       # relative frequency of each word in each reference text
    colsum = F.sum(axis=0)
    scorable = colsum > 0
    P = np.divide(F, colsum, out=np.zeros_like(F), where=scorable)   # P(r | w)
    return (P.T @ y[~np.isnan(y)])[scorable], scorable


def wordscores(counts, ref_scores, *, rescaling="none", smooth: float = 0.0, level: float = 0.95,
               rescale_on: str = "all") -> pd.DataFrame:
    """Score texts with Wordscores, as quanteda.textmodels' predict() does.

    Parameters
    ----------
    counts : DataFrame or (matrix, doc_ids, terms)
        Wide count table, index = doc ids, columns = terms (:func:`briefkit.corpus.text.dfm.to_wide`).
    ref_scores : Series or Mapping
        doc_id -> reference score. Documents missing or NaN are virgin texts.
        At least two reference texts with different scores are needed.
    rescaling : {"none", "lbg", "mv"} or list of them, default "none"
        Add ``score_<r>, se_<r>, ci_low_<r>, ci_high_<r>`` columns for each rescaling.
        ``"mv"`` uses the reference texts with the lowest and highest score.
    smooth : float, default 0.0
        Added to every reference-text count before computing word scores.
    level : float, default 0.95
        Confidence level for ``ci_low``/``ci_high`` (score +/- z * se).
    rescale_on : {"all", "virgin"}, default "all"
        Texts whose mean and sd define the LBG rescaling: all texts (quanteda) or
        only virgin texts (LBG 2003).

    Returns
    -------
    DataFrame
        One row per document, sorted by doc_id: ``doc_id, score, se, ci_low, ci_high``
        (raw scores), ``is_reference``, ``ref_score``, ``n_scored`` (tokens with a
        word score), then the rescaled columns. Texts without scorable tokens get NaN.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.scaling.wordscores import wordscores
    >>> counts = pd.DataFrame([[4, 0], [0, 4], [1, 1]], index=["l", "r", "v"], columns=["x", "y"])
    >>> wordscores(counts, {"l": -1, "r": 1})["score"].tolist()
    [-1.0, 1.0, 0.0]
    """
    resc = _rescalings(rescaling)
    if not (np.isfinite(smooth) and smooth >= 0):
        raise BriefkitError(f"smooth must be a non-negative number, got {smooth!r}")
    if not 0 < level < 1:
        raise BriefkitError(f"level must be in (0, 1), got {level!r}")
    if rescale_on not in ("all", "virgin"):
        raise BriefkitError(f"rescale_on must be 'all' or 'virgin', got {rescale_on!r}")
    mat, docs, _ = as_count_matrix(counts)
    X = mat.toarray()
    y = _reference_vector(ref_scores, docs)
    is_ref = ~np.isnan(y)
    if is_ref.sum() < 2 or np.nanmax(y) == np.nanmin(y):
        raise BriefkitError("ref_scores must give at least two reference texts with different scores")
    sw, scorable = _word_scores(X, y, smooth)
    Xs = X[:, scorable]
    n_scored = Xs.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        Fv = Xs / n_scored[:, None]
        raw = Fv @ sw
        se = np.sqrt((Fv * (raw[:, None] - sw[None, :]) ** 2).sum(axis=1)) / np.sqrt(n_scored)
    z = NormalDist().inv_cdf(1 - (1 - level) / 2)
    out = pd.DataFrame({"doc_id": docs, "score": raw, "se": se, "ci_low": raw - z * se,
                        "ci_high": raw + z * se, "is_reference": is_ref, "ref_score": y,
                        "n_scored": n_scored})
    for r in resc:
        shift, mult = _lbg_params(raw, y, rescale_on) if r == "lbg" else _mv_params(raw, y)
        out[f"score_{r}"] = (raw - shift) * mult + shift if r == "lbg" else raw * mult + shift
        out[f"se_{r}"] = se * abs(mult)
        out[f"ci_low_{r}"] = out[f"score_{r}"] - z * out[f"se_{r}"]
        out[f"ci_high_{r}"] = out[f"score_{r}"] + z * out[f"se_{r}"]
    return out


def _lbg_params(raw, y, rescale_on) -> tuple[float, float]:
    """LBG: returns (mean of raw scores, sd(ref scores) / sd(raw scores))."""
    use = raw[np.isnan(y)] if rescale_on == "virgin" else raw
    use = use[~np.isnan(use)]
    if use.size < 2:
        raise BriefkitError(f"LBG rescaling needs at least 2 scored texts (rescale_on={rescale_on!r})")
    sd_raw = use.std(ddof=1)
    sd_ref = np.nanstd(y, ddof=1)
    if sd_raw == 0:
        raise BriefkitError("LBG rescaling is undefined: all raw scores are equal")
    return float(use.mean()), float(sd_ref / sd_raw)


def _mv_params(raw, y) -> tuple[float, float]:
    """MV: linear map a * raw + b taking raw[low ref] -> min(y), raw[high ref] -> max(y)."""
    lo, hi = np.nanmin(y), np.nanmax(y)
    i_lo = np.flatnonzero(y == lo)[0]
    i_hi = np.flatnonzero(y == hi)[0]
    if not np.isfinite(raw[i_lo]) or raw[i_hi] == raw[i_lo]:
        raise BriefkitError("MV rescaling is undefined: the extreme reference texts have equal raw scores")
    mult = (hi - lo) / (raw[i_hi] - raw[i_lo])
    return float(lo - raw[i_lo] * mult), float(mult)
