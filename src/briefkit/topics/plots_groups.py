"""Figures comparing groups: topic shares per group, contrasts with the rest, guided-topic shares.

Every figure is drawn for a report page (at most 6.8 in wide, text at 7 pt or more) inside
:func:`briefkit.output.export.style`; save with :func:`briefkit.output.export.save_figure`.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from briefkit.errors import require_columns
from briefkit.groups import short_group
from briefkit.output.export import PALETTE, style

__all__ = ["plot_group_topics", "plot_group_contrast", "plot_guided_shares"]


def _label_map(labels) -> dict:
    if labels is None:
        return {}
    if isinstance(labels, pd.DataFrame):
        require_columns(labels, ["topic_id", "label"], name="labels")
        return dict(zip(labels["topic_id"], labels["label"].astype(str)))
    return {i + 1: str(v) for i, v in enumerate(labels)}


def _name(t, labels: dict, width: int = 26) -> str:
    lab = labels.get(t, "")
    head = f"T{t}" if isinstance(t, (int, np.integer)) else str(t)
    return f"{head}: " + textwrap.shorten(lab, width, placeholder="…") if lab else head


def _top_groups(df: pd.DataFrame, max_groups: int) -> tuple[list, int]:
    sizes = df.groupby("group")["n"].max().reset_index()
    sizes = sizes.sort_values(["n", "group"], ascending=[False, True], kind="stable")
    return sorted(sizes["group"].head(max_groups).tolist()), len(sizes)


def plot_group_topics(shares: pd.DataFrame, *, labels=None, max_groups: int = 20,
                      max_topics: int = 8, group_label: str = "group", level: float = 0.95):
    """Heatmap of topic share per group; each cell ``share`` over ``[ci_low, ci_high]``.

    Parameters
    ----------
    shares : DataFrame
        From :func:`briefkit.topics.shares.group_topic_shares` (``group, topic_id, estimate,
        ci_low, ci_high, n``).
    labels : list of str or DataFrame with ``topic_id, label``, optional
    max_groups : int, default 20
        Groups with most units beyond this are left out (the title says how many).
    max_topics : int, default 8
        Cells are annotated up to this many topics; beyond it only colours are drawn.
    group_label : str, default "group"

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.plots_groups import plot_group_topics
    >>> s = pd.DataFrame({"group": ["Kim", "Kim"], "topic_id": [1, 2], "estimate": [0.7, 0.3],
    ...     "ci_low": [0.5, 0.1], "ci_high": [0.9, 0.5], "n": [12, 12]})
    >>> len(plot_group_topics(s).axes)
    2
    """
    require_columns(shares, ["group", "topic_id", "estimate", "ci_low", "ci_high", "n"], name="shares")
    lab = _label_map(labels)
    groups, n_all = _top_groups(shares, max_groups)
    topics = sorted(shares["topic_id"].unique().tolist())
    piv = {c: shares.pivot(index="group", columns="topic_id", values=c).reindex(
        index=groups, columns=topics) for c in ("estimate", "ci_low", "ci_high")}
    npass = shares.groupby("group")["n"].max()
    annotate = len(topics) <= max_topics
    with style():
        fig, ax = plt.subplots(figsize=(6.8, min(8.5, 0.36 * len(groups) + 2.2)))
        vals = piv["estimate"].to_numpy(dtype=float)
        im = ax.imshow(vals, aspect="auto", cmap="cividis", vmin=0,
                       vmax=max(0.01, float(np.nanmax(vals)) if np.isfinite(vals).any() else 1))
        for i, g in enumerate(groups):
            for j, t in enumerate(topics):
                s, lo, hi = (piv[c].loc[g, t] for c in ("estimate", "ci_low", "ci_high"))
                if not annotate:
                    continue
                txt = "–" if pd.isna(s) else (f"{s:.2f}\n(too few)" if pd.isna(lo)
                                               else f"{s:.2f}\n[{lo:.2f}, {hi:.2f}]")
                rgba = im.cmap(im.norm(s)) if not pd.isna(s) else (1, 1, 1, 1)
                dark = (0.299 * rgba[0] + 0.587 * rgba[1] + 0.114 * rgba[2]) < 0.5
                ax.text(j, i, txt, ha="center", va="center", fontsize=7,
                        color="white" if dark else "black")
        ax.set_xticks(range(len(topics)))
        ax.set_xticklabels([textwrap.fill(_name(t, lab, 30), 12) for t in topics], fontsize=7)
        ax.set_yticks(range(len(groups)))
        ax.set_yticklabels([f"{short_group(g, 28)} (n={int(npass[g])})"
                            for g in groups], fontsize=7)
        ax.grid(False)
        ax.set_ylabel(f"{group_label} (n = units)", fontsize=8)
        title = f"Topic share by {group_label}, {level:.0%} bootstrap interval over documents"
        if n_all > len(groups):
            title += f"\n(showing the {len(groups)} of {n_all} groups with most units)"
        ax.set_title(title, fontsize=8.5)
        cb = fig.colorbar(im, ax=ax, fraction=0.03, pad=0.02)
        cb.set_label("share of modelled words", fontsize=7)
        cb.ax.tick_params(labelsize=7)
        fig.tight_layout()
    return fig


def _dot_panels(df: pd.DataFrame, panels: list, rows: list, titles: dict, *, xlabel: str,
                zero: bool, note: str):
    ncols = min(3, max(1, len(panels)))
    nrows = -(-len(panels) // ncols)
    height = min(8.8, nrows * (0.2 * len(rows) + 0.8) + 0.7)
    with style():
        fig, axes = plt.subplots(nrows, ncols, figsize=(6.8, height), squeeze=False, sharey=True,
                                 sharex=True)
        for ax in axes.ravel()[len(panels):]:
            ax.set_visible(False)
        ypos = {g: i for i, g in enumerate(rows[::-1])}
        for ax, p in zip(axes.ravel(), panels):
            sub = df.loc[df["panel"] == p]
            y = sub["row"].map(ypos).to_numpy(dtype=float)
            ok = sub["ci_low"].notna().to_numpy()
            ax.hlines(y[ok], sub["ci_low"][ok], sub["ci_high"][ok], color="0.35", lw=1.2)
            one = (sub["n_docs"] == 1).to_numpy()
            ax.plot(sub["estimate"][~one], y[~one], "o", ms=4, color=PALETTE[0], lw=0)
            ax.plot(sub["estimate"][one], y[one], "o", ms=4, mfc="white", color=PALETTE[0], lw=0)
            if zero:
                ax.axvline(0, color="0.5", lw=0.8)
            ax.set_title(textwrap.fill(titles.get(p, str(p)), 28), loc="left", fontsize=7.5)
            ax.tick_params(labelsize=7)
        axes[0, 0].set_yticks(list(ypos.values()))
        axes[0, 0].set_yticklabels([short_group(g, 32) for g in ypos],
                                   fontsize=7)
        for j, ax in enumerate(axes.ravel()[:len(panels)]):
            if j + ncols >= len(panels):  # lowest visible panel of its column
                ax.set_xlabel(textwrap.fill(xlabel, 34), fontsize=7.5)
                ax.tick_params(labelbottom=True)
        note = textwrap.fill(note, 125)
        bottom = (0.13 * (note.count("\n") + 1) + 0.12) / fig.get_figheight()
        fig.tight_layout(rect=(0, bottom, 1, 1))
        fig.text(0.01, 0.005, note, fontsize=7, va="bottom")
    return fig


def plot_group_contrast(contrast: pd.DataFrame, *, labels=None, max_groups: int = 15,
                        max_topics: int = 12, level: float = 0.95):
    """Difference in topic share, each group minus the rest, with its interval; one panel per topic.

    Parameters
    ----------
    contrast : DataFrame
        From :func:`briefkit.topics.compare.group_contrast`.
    labels : list or DataFrame, optional
    max_groups, max_topics : int
        The groups with most units and the first topics are drawn (the note says when some are not).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.plots_groups import plot_group_contrast
    >>> c = pd.DataFrame({"group": ["Kim", "Lee"] * 2, "topic_id": [1, 1, 2, 2],
    ...     "estimate": [0.2, -0.2, -0.2, 0.2], "ci_low": [0.1, -0.3, -0.3, 0.1],
    ...     "ci_high": [0.3, -0.1, -0.1, 0.3], "n": 5, "n_docs": [2, 1, 2, 1]})
    >>> sum(ax.get_visible() for ax in plot_group_contrast(c).axes)
    2
    """
    require_columns(contrast, ["group", "topic_id", "estimate", "ci_low", "ci_high", "n", "n_docs"],
                    name="contrast")
    lab = _label_map(labels)
    groups, n_all = _top_groups(contrast, max_groups)
    topics = sorted(contrast["topic_id"].unique().tolist())[:max_topics]
    df = contrast.loc[contrast["group"].isin(groups) & contrast["topic_id"].isin(topics)]
    df = df.assign(panel=df["topic_id"], row=df["group"])
    note = (f"Dot: the group's share of the topic minus the share in all other documents; bar: "
            f"{level:.0%} interval resampling documents on each side. Open dot: the group is one "
            "document (its interval resamples that document's passages). No bar: too few passages.")
    if n_all > len(groups):
        note += f" Showing {len(groups)} of {n_all} groups (those with most passages)."
    return _dot_panels(df, topics, groups, {t: _name(t, lab, 40) for t in topics},
                       xlabel="difference in topic share (group minus rest)", zero=True, note=note)


def plot_guided_shares(shares: pd.DataFrame, *, labels: dict | None = None, key: str = "group",
                       max_rows: int = 15, level: float = 0.95):
    """Share of each analyst target (guided topic) per group or document, with intervals.

    Parameters
    ----------
    shares : DataFrame
        ``key, target, estimate, ci_low, ci_high, n, n_docs`` (the guided share tables).
    labels : dict, optional
        ``target -> label``.
    key : {"group", "doc_id"}, default "group"

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.plots_groups import plot_guided_shares
    >>> s = pd.DataFrame({"group": ["Kim", "Lee"], "target": ["trade", "trade"],
    ...     "estimate": [0.2, 0.1], "ci_low": [0.1, None], "ci_high": [0.3, None], "n": 5,
    ...     "n_docs": [2, 1]})
    >>> sum(ax.get_visible() for ax in plot_guided_shares(s).axes)
    1
    """
    require_columns(shares, [key, "target", "estimate", "ci_low", "ci_high", "n", "n_docs"],
                    name="shares")
    df = shares.rename(columns={key: "group"})
    rows, n_all = _top_groups(df, max_rows)
    targets = list(dict.fromkeys(df["target"]))
    df = df.loc[df["group"].isin(rows)].assign(panel=lambda d: d["target"], row=lambda d: d["group"])
    labels = labels or {}
    note = (f"Dot: share of the modelled words given to the target's anchored topic; bar: {level:.0%} "
            "bootstrap interval (documents resampled when several stand behind a row). Open dot: one "
            "document. 'other' = themes outside the targets.")
    if n_all > len(rows):
        note += f" Showing {len(rows)} of {n_all} rows (those with most passages)."
    return _dot_panels(df, targets, rows, {t: labels.get(t, str(t)) for t in targets},
                       xlabel="share of modelled words", zero=False, note=note)
