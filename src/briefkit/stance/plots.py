"""Figures and display tables for target-directed stance and commitment.

- :func:`plot_stance_heatmap`: group x target mean score, annotated with the
  interval and the number of sentences; cells with too few mentions are
  hatched grey and labelled, never coloured.
- :func:`plot_stance_intervals`: the same estimates as dots with interval
  bars, one panel per target (easier to compare intervals than colours).
- :func:`plot_commitment`: hedged share, boosted share and modal verbs per
  1,000 words per group, with intervals.
- :func:`evidence_side_by_side`: for one target, the top sentences of each
  group side by side (a table for notebook display).
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import TwoSlopeNorm
from matplotlib.patches import Rectangle

from briefkit.export import PALETTE, style
from briefkit.stance.stance import OK

__all__ = ["plot_stance_heatmap", "plot_stance_intervals", "plot_commitment", "evidence_side_by_side"]

_CMAP = "PuOr"  # diverging, colour-blind safe; orange = negative, purple = positive
_GREY = "#E6E6E6"


def _top_groups(table: pd.DataFrame, max_groups: int) -> list[str]:
    totals = table.groupby("group", sort=True)["n_sentences"].sum()
    keep = totals.sort_values(ascending=False, kind="stable").index[:max_groups]
    return sorted(map(str, keep))


def _short(text: str, width: int) -> str:
    return textwrap.shorten(str(text), width=width, placeholder="…")


def plot_stance_heatmap(table: pd.DataFrame, *, max_groups: int = 30, vmax: float | None = None,
                        title: str | None = None):
    """Heatmap of stance scores (group x target) with intervals and counts in each cell.

    Parameters
    ----------
    table : DataFrame
        From :func:`briefkit.stance.stance.stance_table`.
    max_groups : int, default 30
        Show at most this many groups (those with the most sentences); the
        title says when groups were left out.
    vmax : float, optional
        Colour scale limit (symmetric). Default: the largest ``|score|`` in
        the table rounded up to 0.1, at least 0.2.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> from briefkit.stance.plots import plot_stance_heatmap
    >>> t = pd.DataFrame({"group": ["A", "A"], "target": ["x", "y"], "label": ["X", "Y"],
    ...     "n_sentences": [5, 1], "score": [0.3, float("nan")], "ci_low": [0.1, float("nan")],
    ...     "ci_high": [0.5, float("nan")], "status": ["ok", "too few mentions"]})
    >>> fig = plot_stance_heatmap(t); plt.close(fig)
    """
    need = ["group", "target", "n_sentences", "score", "ci_low", "ci_high", "status"]
    missing = [c for c in need if c not in table.columns]
    if missing:
        raise KeyError(f"table is missing column(s) {missing}; build it with stance_table()")
    if table.empty:
        raise ValueError("table is empty: no groups or targets to plot")
    groups = _top_groups(table, max_groups)
    targets = list(dict.fromkeys(table["target"].astype(str)))
    labels = (dict(zip(table["target"].astype(str), table["label"].astype(str)))
              if "label" in table.columns else {t: t for t in targets})
    cells = {(str(r.group), str(r.target)): r for r in table.itertuples(index=False)}
    ok = table.loc[table["status"] == OK, "score"].abs()
    if vmax is None:
        vmax = max(0.2, float(np.ceil((ok.max() if len(ok) else 0.2) * 10) / 10))
    norm = TwoSlopeNorm(vcenter=0.0, vmin=-vmax, vmax=vmax)
    cmap = plt.get_cmap(_CMAP)
    n_rows, n_cols = len(groups), len(targets)
    with style():
        fig, ax = plt.subplots(figsize=(max(6.0, 1.1 * n_cols + 2.6), max(3.0, 0.62 * n_rows + 1.9)),
                               layout="constrained")
        ax.grid(False)
        for i, g in enumerate(groups):
            for j, t in enumerate(targets):
                r = cells.get((g, t))
                n = 0 if r is None else int(r.n_sentences)
                if r is None or r.status != OK:
                    ax.add_patch(Rectangle((j, i), 1, 1, facecolor=_GREY, edgecolor="white",
                                           hatch="///", linewidth=1.0))
                    ax.text(j + 0.5, i + 0.5, f"too few\nn={n}", ha="center", va="center",
                            fontsize=6.5, color="#555555")
                    continue
                colour = cmap(norm(float(r.score)))
                ax.add_patch(Rectangle((j, i), 1, 1, facecolor=colour, edgecolor="white", linewidth=1.0))
                lum = 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]
                ax.text(j + 0.5, i + 0.5, f"{r.score:+.2f}\n[{r.ci_low:+.2f}, {r.ci_high:+.2f}]\nn={n}",
                        ha="center", va="center", fontsize=6.5, color="black" if lum > 0.5 else "white")
        ax.set_xlim(0, n_cols)
        ax.set_ylim(n_rows, 0)
        ax.set_xticks(np.arange(n_cols) + 0.5)
        ax.set_xticklabels([textwrap.fill(_short(labels.get(t, t), 40), 16) for t in targets],
                           rotation=30, ha="right", rotation_mode="anchor")
        ax.set_yticks(np.arange(n_rows) + 0.5)
        ax.set_yticklabels([_short(g, 32) for g in groups])
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        sm = plt.cm.ScalarMappable(norm=norm, cmap=cmap)
        cbar = fig.colorbar(sm, ax=ax, fraction=0.04, pad=0.02)
        cbar.set_label("mean VADER compound toward target\n(clause window; − negative, + positive)")
        left_out = table["group"].nunique() - len(groups)
        default = "Tone toward each target: mean, 95% bootstrap interval, sentences"
        ax.set_title((title or default) + (f"\n({left_out} groups with fewest mentions not shown)"
                                           if left_out > 0 else ""), loc="left")
    return fig


def plot_stance_intervals(table: pd.DataFrame, *, max_groups: int = 30, ncols: int = 3):
    """One panel per target: each group's mean score with its interval; too-few groups listed as such.

    Examples
    --------
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> from briefkit.stance.plots import plot_stance_intervals
    >>> t = pd.DataFrame({"group": ["A", "B"], "target": ["x", "x"], "label": ["X", "X"],
    ...     "n_sentences": [5, 1], "score": [0.3, float("nan")], "ci_low": [0.1, float("nan")],
    ...     "ci_high": [0.5, float("nan")], "status": ["ok", "too few mentions"]})
    >>> fig = plot_stance_intervals(t); plt.close(fig)
    """
    if table.empty:
        raise ValueError("table is empty: no groups or targets to plot")
    groups = _top_groups(table, max_groups)
    targets = list(dict.fromkeys(table["target"].astype(str)))
    labels = dict(zip(table["target"].astype(str), table.get("label", table["target"]).astype(str)))
    ncols = max(1, min(ncols, len(targets)))
    nrows = int(np.ceil(len(targets) / ncols))
    colours = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(groups)}
    with style():
        fig, axes = plt.subplots(nrows, ncols, sharex=True, squeeze=False,
                                 figsize=(max(5.5, 3.0 * ncols + 0.8), (0.26 * len(groups) + 0.9) * nrows + 0.8),
                                 layout="constrained")
        for k, ax in enumerate(axes.flat):
            if k >= len(targets):
                ax.set_visible(False)
                continue
            t = targets[k]
            sub = table[(table["target"].astype(str) == t) & table["group"].astype(str).isin(groups)]
            sub = sub.set_index(sub["group"].astype(str)).reindex(groups)
            for i, g in enumerate(groups):
                r = sub.loc[g]
                if r["status"] == OK:
                    ax.errorbar(r["score"], i, xerr=[[r["score"] - r["ci_low"]], [r["ci_high"] - r["score"]]],
                                fmt="o", color=colours[g], ms=4, capsize=2, lw=1.2)
                    ax.text(1.0, i, f" n={int(r['n_sentences'])}", va="center", fontsize=6.5,
                            transform=ax.get_yaxis_transform())
                else:
                    n = 0 if pd.isna(r["n_sentences"]) else int(r["n_sentences"])
                    ax.text(0.0, i, f"too few (n={n})", va="center", ha="center", fontsize=6.5,
                            color="#777777")
            ax.axvline(0, color="#999999", lw=0.8)
            ax.set_yticks(range(len(groups)))
            ax.set_yticklabels([_short(g, 36) for g in groups] if k % ncols == 0 else [])
            ax.set_ylim(len(groups) - 0.5, -0.5)
            ax.set_xlim(-1, 1)
            ax.tick_params(labelbottom=True)
            ax.set_title(_short(labels.get(t, t), 40), fontsize=8.5)
        fig.supxlabel("mean VADER compound toward target, 95% bootstrap interval", fontsize=8.5)
    return fig


def plot_commitment(profile: pd.DataFrame, *, max_groups: int = 30):
    """Three panels per group: hedged share, boosted share, modal verbs per 1,000 words.

    Parameters
    ----------
    profile : DataFrame
        From :func:`briefkit.stance.commitment.commitment_profile`.

    Examples
    --------
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> from briefkit.stance.commitment import commitment_scores, commitment_profile
    >>> from briefkit.stance.plots import plot_commitment
    >>> s = commitment_scores(pd.DataFrame({"doc_id": ["a"] * 3, "text": ["May be.", "Clearly.", "No."]}))
    >>> fig = plot_commitment(commitment_profile(s, pd.DataFrame({"doc_id": ["a"], "group": ["K"]})))
    >>> plt.close(fig)
    """
    need = ["group", "n_sentences", "hedged_share", "boosted_share", "modals_per_1000", "status"]
    missing = [c for c in need if c not in profile.columns]
    if missing:
        raise KeyError(f"profile is missing column(s) {missing}; build it with commitment_profile()")
    if profile.empty:
        raise ValueError("profile is empty: no groups to plot")
    top = profile.sort_values("n_sentences", ascending=False, kind="stable").head(max_groups)
    top = top.sort_values("group", kind="stable").reset_index(drop=True)
    panels = [("hedged", "hedged_share", "share of sentences hedged"),
              ("boosted", "boosted_share", "share of sentences boosted"),
              ("modals", "modals_per_1000", "modal verbs per 1,000 words")]
    with style():
        fig, axes = plt.subplots(1, 3, sharey=True, figsize=(9.0, 0.3 * len(top) + 1.6),
                                 layout="constrained")
        for k, (ax, (stem, col, xlabel)) in enumerate(zip(axes, panels)):
            for i, r in top.iterrows():
                if r["status"] != OK:
                    ax.text(0.5, i, f"too few (n={int(r['n_sentences'])})", va="center", ha="center",
                            fontsize=6.5, color="#777777", transform=ax.get_yaxis_transform())
                    continue
                lo, hi = r[f"{stem}_ci_low"], r[f"{stem}_ci_high"]
                ax.errorbar(r[col], i, xerr=[[r[col] - lo], [hi - r[col]]], fmt="o", ms=4, capsize=2,
                            color=PALETTE[k], lw=1.2)
            ax.set_xlabel(xlabel)
            if col != "modals_per_1000":
                ax.set_xlim(0, 1)
            else:
                ax.set_xlim(left=0)
        axes[0].set_yticks(range(len(top)))
        axes[0].set_yticklabels([f"{_short(g, 40)} (n={n})"
                                 for g, n in zip(top["group"], top["n_sentences"])])
        axes[0].set_ylim(len(top) - 0.5, -0.5)
        fig.suptitle("Commitment profile: hedges, boosters, modal verbs (95% bootstrap intervals)",
                     x=0.01, ha="left", fontsize=10)
    return fig


def evidence_side_by_side(evidence: pd.DataFrame, target: str, *, top_n: int = 3, width: int = 220,
                          groups=None) -> pd.DataFrame:
    """For one target, each group's strongest sentences side by side (rank x group).

    Each cell reads ``"[+0.52] …[matched]… (doc_id:start-end)"``; the sentence is
    shortened to ``width`` characters around the first mention.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.plots import evidence_side_by_side
    >>> ev = pd.DataFrame({"group": ["A"], "target": ["jp"], "rank": [1], "doc_id": ["d"],
    ...     "start": [0], "end": [12], "matched": ["Japan"], "text": ["Japan is ok."], "score": [0.3]})
    >>> evidence_side_by_side(ev, "jp").iloc[0, 0]
    '[+0.30] [Japan] is ok. (d:0-12)'
    """
    sub = evidence[(evidence["target"].astype(str) == str(target)) & (evidence["rank"] <= top_n)]
    cols = sorted(sub["group"].astype(str).unique()) if groups is None else list(groups)
    out = pd.DataFrame(index=pd.RangeIndex(1, top_n + 1, name="rank"), columns=cols, dtype="str")
    for r in sub.itertuples(index=False):
        if str(r.group) not in cols:
            continue
        text = str(r.text)
        first = str(r.matched).split("; ")[0]
        pos = text.find(first)
        if pos >= 0:
            lo = max(0, pos - width // 2)
            snippet = ("…" if lo else "") + text[lo:pos] + f"[{first}]" + text[pos + len(first):]
        else:
            snippet = text
        snippet = _short(snippet, width)
        out.loc[int(r.rank), str(r.group)] = f"[{r.score:+.2f}] {snippet} ({r.doc_id}:{r.start}-{r.end})"
    return out.fillna("")
