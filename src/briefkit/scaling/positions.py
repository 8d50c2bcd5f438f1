"""Text scaling: document and group positions on one dimension, and their figure.

The models live in :mod:`briefkit.scaling.wordscores` and :mod:`briefkit.scaling.wordfish`;
this module re-exports them and adds group-level scaling and the plot.

Group positions
---------------
:func:`group_positions` sums each group's document counts
(:func:`briefkit.corpus.text.dfm.group_counts`; a document of two authors counts for
both) and fits Wordfish on the group x term table, so each group is one
pooled "document". Its model SE treats the pooled text as one long text and
so ignores how much the group's documents differ from each other; with
``n_boot > 0`` the documents of each group are also resampled with
replacement (:func:`briefkit.uncertainty.bootstrap_replicates`, the one bootstrap, stratified by
group), the model refitted, and the spread of ``theta`` reported
(``se_boot``, percentile ``ci_low_boot``/``ci_high_boot``). Prefer the
bootstrap interval; a group with one document gets NaN there (too few to
say), and with two or three documents the interval is itself rough.
"""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import scipy.sparse as sp

from briefkit.corpus.text.dfm import group_counts, to_matrix
from briefkit.output.export import PALETTE, style
from briefkit.scaling.wordfish import WordfishResult, wordfish
from briefkit.scaling.wordscores import wordscores
from briefkit.uncertainty import bootstrap_replicates, percentile_interval

__all__ = ["wordscores", "wordfish", "WordfishResult", "group_positions", "plot_positions",
           "scaling_plan", "document_positions", "MIN_DOCS_WORDFISH", "ANCHOR_COLUMN", "REF_COLUMN"]

#: Documents with words needed before Wordfish runs (its document parameters need many texts).
MIN_DOCS_WORDFISH = 6
#: Manifest column naming the two anchor documents: "left" on one, "right" on another.
ANCHOR_COLUMN = "scale_anchor"
#: Manifest column with Wordscores reference positions (numbers; empty for virgin texts).
REF_COLUMN = "ref_score"


def scaling_plan(docs: pd.DataFrame, *, doc_ids=None, anchors=None,
                 min_docs: int = MIN_DOCS_WORDFISH) -> dict:
    """Decide whether Wordfish and Wordscores can run on this corpus, and say why not.

    The rule. **Wordfish** runs when at least ``min_docs`` documents have words *and* two anchor
    documents are named, either by ``anchors=(left_doc_id, right_doc_id)`` or in the manifest
    column ``scale_anchor`` ("left" on exactly one document, "right" on exactly one). The anchors
    set the direction (``theta[left] < theta[right]``); briefkit never takes it from sort order.
    **Wordscores** runs when the manifest column ``ref_score`` gives numbers for at least two
    documents and at least one document has none (a text to score).

    Parameters
    ----------
    docs : DataFrame
        Documents (manifest columns).
    doc_ids : sequence, optional
        Documents that have words (default all of ``docs``).
    anchors : (str, str), optional
        Left and right anchor documents; overrides the manifest.
    min_docs : int

    Returns
    -------
    dict
        ``wordfish`` (bool), ``dir`` (tuple or None), ``wordscores`` (bool), ``ref`` (Series of
        reference scores or None), ``reasons`` (sentences saying what was skipped and why).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.scaling.positions import scaling_plan
    >>> docs = pd.DataFrame({"doc_id": list("abc")})
    >>> scaling_plan(docs)["reasons"][0]
    'Wordfish skipped: 3 documents with words, fewer than the 6 it needs.'
    """
    ids = [str(d) for d in (docs["doc_id"] if doc_ids is None else doc_ids)]
    reasons, direction = [], None
    if anchors is not None:
        direction = tuple(str(a) for a in anchors)
        if len(direction) != 2 or direction[0] == direction[1] or not set(direction) <= set(ids):
            raise ValueError(f"anchors must name two different documents with words, got {anchors!r}")
        source = "the anchors parameter"
    elif ANCHOR_COLUMN in docs.columns:
        col = docs[ANCHOR_COLUMN].fillna("").astype(str).str.strip().str.lower()
        left, right = docs.loc[col == "left", "doc_id"].astype(str), docs.loc[col == "right", "doc_id"].astype(str)
        if len(left) == 1 and len(right) == 1:
            direction, source = (left.iloc[0], right.iloc[0]), f"the manifest column {ANCHOR_COLUMN!r}"
    run_wf = len(ids) >= min_docs and direction is not None
    if len(ids) < min_docs:
        reasons.append(f"Wordfish skipped: {len(ids)} documents with words, fewer than the {min_docs} it needs.")
    elif direction is None:
        reasons.append(f"Wordfish skipped: no anchor documents named (set the parameter to (left, right) "
                       f"doc_ids, or mark one document 'left' and one 'right' in a manifest column "
                       f"{ANCHOR_COLUMN!r}); the direction of the axis is never taken from sort order.")
    else:
        reasons.append(f"Wordfish: {len(ids)} documents; direction from {source}: "
                       f"{direction[0]} (left) < {direction[1]} (right).")
    ref = None
    if REF_COLUMN in docs.columns:
        ref = pd.to_numeric(docs.set_index(docs["doc_id"].astype(str))[REF_COLUMN], errors="coerce")
    run_ws = ref is not None and ref.notna().sum() >= 2 and ref.isna().any()
    if not run_ws:
        reasons.append(f"Wordscores skipped: it needs numeric reference positions in a manifest column "
                       f"{REF_COLUMN!r} for two or more documents and at least one document without one.")
    return {"wordfish": run_wf, "dir": direction if run_wf else None, "wordscores": bool(run_ws),
            "ref": ref if run_ws else None, "reasons": reasons}


def document_positions(counts_long: pd.DataFrame, groups: pd.DataFrame, *, dir, level: float = 0.95,
                       **wordfish_options) -> pd.DataFrame:
    """Wordfish positions of the documents with their group, oriented by two named anchors.

    Returns
    -------
    DataFrame
        ``doc_id, group, theta, se, ci_low, ci_high, n_tokens`` (a document in two groups has two
        rows).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.scaling.positions import document_positions
    >>> long = pd.DataFrame({"doc_id": list("aabbcc"), "term": list("xyxyxy"), "count": [9, 1, 5, 5, 1, 9]})
    >>> g = pd.DataFrame({"doc_id": list("abc"), "group": ["L", "M", "R"]})
    >>> document_positions(long, g, dir=("c", "a"))["theta"].round(2).add(0.0).tolist()
    [1.0, 0.0, -1.0]
    """
    from briefkit.corpus.text.dfm import to_wide
    if dir is None:
        raise ValueError("dir must name the (left, right) anchor documents; see scaling_plan()")
    fit = wordfish(to_wide(counts_long), dir=tuple(dir), level=level, **wordfish_options)
    out = fit.documents.merge(groups[["doc_id", "group"]], on="doc_id")
    return out[["doc_id", "group", "theta", "se", "ci_low", "ci_high", "n_tokens"]].reset_index(drop=True)


def group_positions(counts_long: pd.DataFrame, groups: pd.DataFrame, *, dir=None, on: str = "doc_id",
                    group_col: str = "group", n_boot: int = 0, seed: int = 0, level: float = 0.95,
                    **wordfish_options) -> pd.DataFrame:
    """Wordfish positions of groups (authors, outlets, parties) from pooled counts.

    Parameters
    ----------
    counts_long : DataFrame
        ``[on, term, count]`` from :func:`briefkit.corpus.text.dfm.count_table`.
    groups : DataFrame
        ``[on, group_col]`` from :func:`briefkit.groups.document_groups`.
    dir : (group, group), optional
        ``theta[dir[0]] < theta[dir[1]]``; default the first two groups in sorted order.
    n_boot : int, default 0
        Bootstrap replicates resampling documents within groups (0 = none).
    seed : int, default 0
        Seed of the bootstrap.
    level : float, default 0.95
    **wordfish_options
        Passed to :func:`briefkit.scaling.wordfish.wordfish` (priors, tol, max_iter).

    Returns
    -------
    DataFrame
        ``group, theta, se, ci_low, ci_high, n_docs, n_tokens`` (+ ``se_boot,
        ci_low_boot, ci_high_boot, n_boot_ok`` when ``n_boot > 0``; ``n_boot_ok``
        counts replicates whose refit succeeded), sorted by group.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.scaling.positions import group_positions
    >>> long = pd.DataFrame({"doc_id": list("aabbcc"), "term": list("xyxyxy"), "count": [9, 1, 5, 5, 1, 9]})
    >>> g = pd.DataFrame({"doc_id": list("abc"), "group": ["L", "M", "R"]})
    >>> group_positions(long, g, dir=("L", "R"))["theta"].round(2).add(0.0).tolist()
    [-1.0, 0.0, 1.0]
    """
    pooled = group_counts(counts_long, groups, unit=on, group_col=group_col)
    if pooled[group_col].nunique() < 2:
        raise ValueError(f"group_positions needs at least 2 groups in {group_col!r}, "
                         f"got {pooled[group_col].nunique()}")
    fit = wordfish(to_matrix(pooled, row=group_col), dir=dir, level=level, **wordfish_options)
    out = fit.documents.rename(columns={"doc_id": group_col})
    n_docs = pooled.drop_duplicates(group_col).set_index(group_col)["n_docs"]
    out["n_docs"] = out[group_col].map(n_docs).astype("int64")
    out = out[[group_col, "theta", "se", "ci_low", "ci_high", "n_docs", "n_tokens"]]
    if n_boot:
        out = out.merge(_bootstrap(counts_long, groups, fit.dir, on, group_col, n_boot, seed, level,
                                   wordfish_options), on=group_col, how="left")
    return out


def _bootstrap(counts_long, groups, dir_, on, group_col, n_boot, seed, level, options) -> pd.DataFrame:
    """Resample documents within each group, re-pool, refit: :func:`briefkit.uncertainty.bootstrap_replicates`.

    The units are (group, document) memberships, resampled within their group (``strata``); each
    replicate re-pools the counts and refits Wordfish (a failed refit is a NaN replicate).
    """
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 2:
        raise ValueError(f"n_boot must be 0 or an integer >= 2, got {n_boot!r}")
    Y, docs, terms = to_matrix(counts_long, row=on)
    pos = {d: i for i, d in enumerate(docs)}
    g = groups[[on, group_col]].drop_duplicates()
    g = g[g[on].isin(pos)].sort_values([group_col, on], kind="stable")
    labels = sorted(g[group_col].unique())
    row_of = {k: j for j, k in enumerate(labels)}
    members = np.array([(row_of[k], pos[d]) for k, d in zip(g[group_col], g[on])], dtype=np.int64)

    def refit(sample: np.ndarray) -> np.ndarray:
        W = np.zeros((len(labels), len(docs)))
        np.add.at(W, (sample[:, 0], sample[:, 1]), 1.0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return wordfish((sp.csr_matrix(W) @ Y, labels, terms), dir=dir_, **options).documents["theta"].to_numpy()

    draws = bootstrap_replicates(members, strata=members[:, 0], statistic=refit, n_boot=int(n_boot), seed=seed)
    lo, hi = percentile_interval(draws, level=level)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        out = pd.DataFrame({group_col: labels, "se_boot": np.nanstd(draws, axis=0, ddof=1),
                            "ci_low_boot": lo, "ci_high_boot": hi,
                            "n_boot_ok": np.isfinite(draws).sum(axis=0).astype("int64")})
    single = np.bincount(members[:, 0], minlength=len(labels)) < 2  # one document: nothing to resample
    out.loc[single, ["se_boot", "ci_low_boot", "ci_high_boot"]] = np.nan
    return out


def plot_positions(positions: pd.DataFrame, *, label_col: str = "doc_id", est_col: str = "theta",
                   se_col: str = "se", group_col: str | None = None, z: float = 1.96,
                   xlabel: str = "Estimated position (theta)", title: str | None = None):
    """Dot-and-whisker plot of positions (estimate +/- z * se), sorted by estimate.

    Parameters
    ----------
    positions : DataFrame
        One row per document or group, e.g. ``wordfish(...).documents`` or
        :func:`group_positions` output.
    label_col, est_col, se_col : str
        Columns with the row label, estimate and standard error.
    group_col : str, optional
        Colour points by this column (Okabe-Ito palette) and add a legend.
    z : float, default 1.96
        Half-width of the error bars in standard errors. Rows whose SE is NaN
        (e.g. a one-document group's bootstrap SE) are drawn as open circles.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> from briefkit.scaling.positions import plot_positions
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "theta": [-1.0, 1.0], "se": [0.1, 0.2]})
    >>> fig = plot_positions(df); plt.close(fig)
    """
    need = [c for c in (label_col, est_col, se_col, group_col) if c is not None]
    missing = [c for c in need if c not in positions.columns]
    if missing:
        raise KeyError(f"positions is missing column(s) {missing}")
    df = positions[positions[est_col].notna()].copy()
    if df.empty:
        raise ValueError(f"positions has no rows with a value in {est_col!r}")
    df = df.sort_values([est_col, label_col], kind="stable").reset_index(drop=True)
    with style():
        fig, ax = plt.subplots(figsize=(6.5, max(2.0, 0.32 * len(df) + 1.0)))
        ypos = np.arange(len(df))
        no_se = df[se_col].isna().to_numpy()
        err = (z * df[se_col].fillna(0.0)).to_numpy()
        keys = (["all"] * len(df) if group_col is None else df[group_col].astype(str).tolist())
        for i, grp in enumerate(sorted(set(keys))):
            m = np.array([k == grp for k in keys])
            colour = PALETTE[i % len(PALETTE)]
            ax.errorbar(df.loc[m, est_col], ypos[m], xerr=err[m], fmt="o", ms=4, capsize=2,
                        color=colour, label=None if group_col is None else grp)
            hollow = m & no_se  # no standard error: open circle, no bar
            ax.plot(df.loc[hollow, est_col], ypos[hollow], "o", ms=4, mfc="white", mec=colour)
        if group_col is not None:
            ax.legend(title=group_col, loc="best", fontsize="small")
        ax.set_yticks(ypos, df[label_col].astype(str))
        ax.axvline(0, color="0.7", lw=0.8, zorder=0)
        note = "; open circles: no SE (too few documents)" if no_se.any() else ""
        ax.set_xlabel(xlabel + f"  (bars: \u00b1{z:g} SE{note})")
        if title:
            ax.set_title(title)
        fig.tight_layout()
    return fig
