"""Figures for stance and commitment, sized for a report page (at most 7 in wide).

- :func:`plot_stance_heatmap`: group x target; the colour is the net stance (share favourable
  minus share unfavourable), each cell reads "+fav% / -unfav%" and the number of mentions;
  cells with too few mentions are hatched grey and say so, never coloured.
- :func:`plot_commitment`: four small panels (certainty, uncertainty, obligation, possibility):
  each group's share of sentences with the marker and its interval.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import TwoSlopeNorm
from matplotlib.patches import Rectangle

from briefkit.groups import short_group
from briefkit.errors import require_columns
from briefkit.output.export import PALETTE, style
from briefkit.uncertainty import OK

__all__ = ["plot_stance_heatmap", "plot_commitment"]

_CMAP = "PuOr"  # diverging, colour-blind safe; orange = unfavourable, purple = favourable
_GREY = "#E6E6E6"
_MAX_WIDTH = 7.0


def _short(text: str, width: int) -> str:
    return textwrap.shorten(str(text), width=width, placeholder="…")


def _wide(table: pd.DataFrame) -> pd.DataFrame:
    ok = table.pivot_table(index=["group", "target"], columns="side", values="estimate", aggfunc="first")
    meta = table.drop_duplicates(["group", "target"]).set_index(["group", "target"])[["n", "status", "n_docs"]]
    return meta.join(ok)


def plot_stance_heatmap(table: pd.DataFrame, *, max_groups: int = 24, title: str | None = None):
    """Net stance per group x target: colour = favourable − unfavourable share; text = both shares.

    Parameters
    ----------
    table : DataFrame
        From :func:`briefkit.stance.stance.stance_table`.
    max_groups : int, default 24
        Groups with the most mentions shown; the title says how many were left out.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
        At most 7 in wide and 9.5 in tall.

    Examples
    --------
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> from briefkit.stance.stance import stance_table
    >>> from briefkit.stance.plots import plot_stance_heatmap
    >>> rows = pd.DataFrame({"doc_id": "a", "target": "x", "stance": [1, 1, -1, 0]})
    >>> t = stance_table(rows, pd.DataFrame({"doc_id": ["a"], "authors": ["Kim"]}), n_boot=100)
    >>> fig = plot_stance_heatmap(t); plt.close(fig)
    """
    require_columns(table, ["group", "target", "side", "estimate", "n", "status"], name="table")
    if table.empty:
        raise ValueError("table is empty: no groups or targets to plot")
    wide = _wide(table)
    totals = table.drop_duplicates(["group", "target"]).groupby("group")["n"].sum()
    keep = totals.sort_values(ascending=False, kind="stable").index[:max_groups]
    groups = sorted(map(str, keep))
    targets = list(dict.fromkeys(table["target"].astype(str)))
    labels = dict(zip(table["target"].astype(str), table.get("label", table["target"]).astype(str)))
    norm, cmap = TwoSlopeNorm(vcenter=0.0, vmin=-1.0, vmax=1.0), plt.get_cmap(_CMAP)
    n_rows, n_cols = len(groups), len(targets)
    width = min(_MAX_WIDTH, 1.6 + 0.56 * n_cols)
    height = min(9.3, 1.7 + 0.42 * n_rows)
    with style():
        fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
        ax.grid(False)
        for i, g in enumerate(groups):
            for j, t in enumerate(targets):
                key = (g, t)
                r = wide.loc[key] if key in wide.index else None
                n = 0 if r is None else int(r["n"])
                if r is None or r["status"] != OK:
                    ax.add_patch(Rectangle((j, i), 1, 1, facecolor=_GREY, edgecolor="white", hatch="///",
                                           linewidth=0.8))
                    ax.text(j + 0.5, i + 0.5, f"too few\nn={n}", ha="center", va="center", fontsize=7,
                            color="#444444")
                    continue
                fav, unf = float(r.get("favourable", 0.0)), float(r.get("unfavourable", 0.0))
                colour = cmap(norm(fav - unf))
                ax.add_patch(Rectangle((j, i), 1, 1, facecolor=colour, edgecolor="white", linewidth=0.8))
                lum = 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]
                ax.text(j + 0.5, i + 0.5, f"+{fav:.0%}\n−{unf:.0%}\nn={n}", ha="center", va="center",
                        fontsize=7, color="black" if lum > 0.5 else "white")
        ax.set_xlim(0, n_cols)
        ax.set_ylim(n_rows, 0)
        ax.set_xticks(np.arange(n_cols) + 0.5)
        ax.set_xticklabels([_short(labels.get(t, t), 24) for t in targets],
                           rotation=40, ha="right", rotation_mode="anchor", fontsize=7)
        ax.set_yticks(np.arange(n_rows) + 0.5)
        ax.set_yticklabels([short_group(g, 32) for g in groups], fontsize=7)
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        cbar = fig.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, fraction=0.035, pad=0.02)
        cbar.set_label("share favourable − share unfavourable", fontsize=7)
        cbar.ax.tick_params(labelsize=7)
        left_out = table["group"].nunique() - len(groups)
        default = "Author's stance toward each target (+ favourable, − unfavourable)"
        ax.set_title((title or default) + (f"\n({left_out} groups with fewest mentions not shown)"
                                           if left_out > 0 else ""), loc="left", fontsize=8)
    return fig


def plot_commitment(profile: pd.DataFrame, *, max_groups: int = 24):
    """Four panels: share of sentences with certainty, uncertainty, obligation, possibility markers.

    Examples
    --------
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> from briefkit.stance.commitment import commitment_scores, commitment_profile
    >>> from briefkit.stance.plots import plot_commitment
    >>> s = commitment_scores(pd.DataFrame({"doc_id": ["a"] * 3, "text": ["May be.", "Clearly.", "No."]}))
    >>> p = commitment_profile(s, pd.DataFrame({"doc_id": ["a"], "authors": ["K"]}), n_boot=50)
    >>> fig = plot_commitment(p); plt.close(fig)
    """
    require_columns(profile, ["group", "category", "estimate", "ci_low", "ci_high", "n", "status"],
                    name="profile")
    if profile.empty:
        raise ValueError("profile is empty: no groups to plot")
    sizes = profile.drop_duplicates("group").set_index("group")["n"]
    groups = sorted(sizes.sort_values(ascending=False, kind="stable").index[:max_groups].astype(str))
    cats = list(dict.fromkeys(profile["category"].astype(str)))
    with style():
        fig, axes = plt.subplots(1, len(cats), sharey=True, squeeze=False,
                                 figsize=(_MAX_WIDTH, min(9.3, 0.28 * len(groups) + 1.5)), layout="constrained")
        for k, (ax, c) in enumerate(zip(axes[0], cats)):
            sub = profile[profile["category"] == c].set_index("group")
            for i, g in enumerate(groups):
                r = sub.loc[g]
                if r["status"] != OK:
                    ax.text(0.5, i, f"too few (n={int(r['n'])})", va="center", ha="center", fontsize=7,
                            color="#555555", transform=ax.get_yaxis_transform())
                    continue
                ax.errorbar(r["estimate"], i, xerr=[[r["estimate"] - r["ci_low"]], [r["ci_high"] - r["estimate"]]],
                            fmt="o", ms=3.5, capsize=2, color=PALETTE[k % len(PALETTE)], lw=1.1)
            ax.set_xlim(0, 1)
            ax.set_title(c, fontsize=8)
            ax.tick_params(labelsize=7)
        axes[0][0].set_yticks(range(len(groups)))
        axes[0][0].set_yticklabels([short_group(g, 28) for g in groups], fontsize=7)
        axes[0][0].set_ylim(len(groups) - 0.5, -0.5)
        fig.supxlabel("share of sentences with the marker (95% bootstrap interval)", fontsize=7)
    return fig
