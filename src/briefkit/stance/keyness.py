"""Distinctive words: weighted log-odds with an informative Dirichlet prior ("Fightin' Words").

Monroe, Colaresi & Quinn (2008), "Fightin' Words", Political Analysis 16(4),
section 3.5: for term ``w``, group ``i`` and "everything else" ``j``,

    delta_w = log((y_wi + a_w) / (n_i + a_0 - y_wi - a_w))
            - log((y_wj + a_w) / (n_j + a_0 - y_wj - a_w))          (eq. 22)
    var(delta_w) ~= 1 / (y_wi + a_w) + 1 / (y_wj + a_w)               (eq. 20)
    z_w = delta_w / sqrt(var(delta_w))

where ``y_wi`` is the count of ``w`` in group ``i``, ``n_i`` the group's token
total, ``y_wj``, ``n_j`` the same for all other groups pooled, ``a_w`` the
prior pseudo-count of ``w`` and ``a_0 = sum_w a_w``. With ``prior="corpus"``
``a_w = prior_scale * (corpus share of w)``, so the prior shrinks rare words
toward the corpus rate; with ``prior="uniform"`` every term gets
``prior_scale / V``.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from briefkit.output.export import PALETTE, style

__all__ = ["log_odds", "plot_keyness"]


def _validate(counts_long, group_col, term_col, count_col) -> pd.DataFrame:
    if not isinstance(counts_long, pd.DataFrame):
        raise TypeError(f"counts_long must be a pandas DataFrame, got {type(counts_long).__name__}")
    missing = [c for c in (group_col, term_col, count_col) if c not in counts_long.columns]
    if missing:
        raise KeyError(f"counts_long is missing column(s) {missing}; "
                       f"has {list(map(str, counts_long.columns))}")
    df = counts_long[[group_col, term_col, count_col]]
    if df[group_col].isna().any() or df[term_col].isna().any():
        row = int(np.flatnonzero((df[group_col].isna() | df[term_col].isna()).to_numpy())[0])
        raise ValueError(f"counts_long row {row}: missing {group_col!r} or {term_col!r}")
    values = pd.to_numeric(df[count_col], errors="coerce")
    bad = values.isna() | (values < 0)
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValueError(f"counts_long row {row}: {count_col!r} must be a non-negative number")
    return df.assign(**{count_col: values.astype(float)})


def log_odds(counts_long: pd.DataFrame, *, group_col: str = "group", term_col: str = "term",
             count_col: str = "count", prior: str = "corpus", prior_scale: float | None = None,
             min_count: int = 1) -> pd.DataFrame:
    """Weighted log-odds of each term in each group against all other groups.

    Parameters
    ----------
    counts_long : DataFrame
        Long counts with ``group_col``, ``term_col``, ``count_col`` (duplicates are
        summed), e.g. :func:`briefkit.corpus.text.dfm.group_counts` or ``count_table(..., unit="group")``.
    group_col, term_col, count_col : str
        Column names.
    prior : {"corpus", "uniform"}, default "corpus"
        Shape of the Dirichlet prior (see module docstring).
    prior_scale : float, optional
        Total prior pseudo-count ``a_0``. Default: the corpus token total for
        ``"corpus"`` (``a_w`` = corpus count of ``w``, the common choice) and the
        vocabulary size for ``"uniform"`` (``a_w = 1``).
    min_count : int, default 1
        Keep terms with at least this many tokens in the whole corpus.

    Returns
    -------
    DataFrame
        One row per group x term (terms absent from a group included, with
        negative log-odds): ``group_col, term_col, count, log_odds, z``, sorted
        by group, then ``z`` descending, then term.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.keyness import log_odds
    >>> long = pd.DataFrame({"group": ["a", "a", "b", "b"], "term": ["x", "y", "x", "y"],
    ...                      "count": [8, 2, 2, 8]})
    >>> log_odds(long, prior="uniform", prior_scale=2)[["group", "term", "z"]].round(3).values.tolist()
    [['a', 'x', 3.296], ['a', 'y', -3.296], ['b', 'y', 3.296], ['b', 'x', -3.296]]
    """
    df = _validate(counts_long, group_col, term_col, count_col)
    table = df.pivot_table(index=group_col, columns=term_col, values=count_col, aggfunc="sum",
                           fill_value=0.0, sort=True)
    if table.shape[0] < 2:
        raise ValueError(f"log_odds needs at least 2 groups in {group_col!r}, got {table.shape[0]}")
    if not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ValueError(f"min_count must be a positive integer, got {min_count!r}")
    table = table.loc[:, table.sum(axis=0) >= min_count]
    if table.shape[1] == 0:
        raise ValueError(f"no term has at least min_count={min_count} tokens")
    Y = table.to_numpy(dtype=float)            # groups x terms
    totals_w = Y.sum(axis=0)
    N = totals_w.sum()
    alpha = _prior(prior, prior_scale, totals_w, N)
    a0 = alpha.sum()
    n_i = Y.sum(axis=1, keepdims=True)
    Yj = totals_w[None, :] - Y
    n_j = N - n_i
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log(Y + alpha) - np.log(n_i + a0 - Y - alpha)
                 - np.log(Yj + alpha) + np.log(n_j + a0 - Yj - alpha))
        z = delta / np.sqrt(1.0 / (Y + alpha) + 1.0 / (Yj + alpha))
    groups = table.index.to_numpy()
    terms = table.columns.to_numpy()
    out = pd.DataFrame({group_col: np.repeat(groups, len(terms)), term_col: np.tile(terms, len(groups)),
                        "count": Y.ravel(), "log_odds": delta.ravel(), "z": z.ravel()})
    if np.all(out["count"] == np.round(out["count"])):
        out["count"] = out["count"].astype("int64")
    out["_negz"] = -out["z"]
    out = out.sort_values([group_col, "_negz", term_col], kind="stable").drop(columns="_negz")
    return out.reset_index(drop=True)


def _prior(prior, prior_scale, totals_w, N) -> np.ndarray:
    if prior not in ("corpus", "uniform"):
        raise ValueError(f"prior must be 'corpus' or 'uniform', got {prior!r}")
    if prior_scale is None:
        prior_scale = N if prior == "corpus" else float(len(totals_w))
    if not (np.isfinite(prior_scale) and prior_scale > 0):
        raise ValueError(f"prior_scale must be a positive number, got {prior_scale!r}")
    if prior == "corpus":
        return prior_scale * totals_w / N
    return np.full(len(totals_w), prior_scale / len(totals_w))


def plot_keyness(keyness: pd.DataFrame, *, top_n: int = 10, group_col: str = "group",
                 term_col: str = "term", value_col: str = "z", ncols: int = 3, title: str | None = None,
                 max_groups: int = 12):
    """Bar chart of each group's most distinctive terms, one panel per group.

    Parameters
    ----------
    keyness : DataFrame
        Output of :func:`log_odds`.
    top_n : int, default 10
        Terms with the highest ``value_col`` shown per group (positive values only).
        For ``z`` a dashed line marks 1.96 and bars below it are pale; with many terms, many
        pass it by chance.
    ncols : int, default 3
        Panels per row.
    max_groups : int, default 12
        At most this many panels (the first groups in name order); the title says how many
        were left out. The figure is at most 7 in wide and 9.5 in tall (a report page).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> from briefkit.stance.keyness import log_odds, plot_keyness
    >>> long = pd.DataFrame({"group": ["a", "a", "b", "b"], "term": ["x", "y", "x", "y"],
    ...                      "count": [8, 2, 2, 8]})
    >>> fig = plot_keyness(log_odds(long), top_n=1); plt.close(fig)
    """
    missing = [c for c in (group_col, term_col, value_col) if c not in keyness.columns]
    if missing:
        raise KeyError(f"keyness is missing column(s) {missing}")
    if not isinstance(top_n, (int, np.integer)) or top_n < 1:
        raise ValueError(f"top_n must be a positive integer, got {top_n!r}")
    groups = sorted(keyness[group_col].unique().tolist())
    if not groups:
        raise ValueError("keyness has no rows")
    left_out = max(0, len(groups) - max_groups)
    groups = groups[:max_groups]
    ncols = max(1, min(ncols, len(groups)))
    nrows = -(-len(groups) // ncols)
    with style():
        fig, axes = plt.subplots(nrows, ncols, squeeze=False,
                                 figsize=(7.0, min(9.3, (0.16 * top_n + 0.9) * nrows + 0.4)))
        for k, grp in enumerate(groups):
            ax = axes[k // ncols][k % ncols]
            sub = keyness[(keyness[group_col] == grp) & (keyness[value_col] > 0)]
            sub = sub.sort_values([value_col, term_col], ascending=[False, True], kind="stable").head(top_n)
            ypos = np.arange(len(sub))[::-1]
            colour = PALETTE[k % len(PALETTE)]
            if value_col == "z":  # bars below the 5 % reference are drawn pale: not distinctive
                colours = [colour if z >= 1.96 else "0.8" for z in sub[value_col]]
            else:
                colours = colour
            ax.barh(ypos, sub[value_col], color=colours)
            ax.set_yticks(ypos, [str(t)[:18] for t in sub[term_col]])
            ax.tick_params(labelsize=7)
            ax.set_title(str(grp)[:34], fontsize=8)
            ax.set_xlabel("z (dashed: 1.96)" if value_col == "z" else value_col, fontsize=7)
            if value_col == "z":
                ax.axvline(1.96, color="0.4", ls="--", lw=0.8)  # two-sided 5% reference
                if len(sub) and sub[value_col].max() < 1.96:
                    ax.text(0.98, 0.02, "no term reaches z = 1.96", ha="right", va="bottom",
                            fontsize=7, color="0.3", transform=ax.transAxes)
            if sub.empty:
                ax.text(0.5, 0.5, "no distinctive terms", ha="center", va="center", fontsize=7,
                        transform=ax.transAxes)
        for k in range(len(groups), nrows * ncols):
            axes[k // ncols][k % ncols].set_visible(False)
        note = f" ({left_out} groups not shown)" if left_out else ""
        if title or note:
            fig.suptitle((title or "Distinctive words") + note, fontsize=8)
        fig.tight_layout()
    return fig
