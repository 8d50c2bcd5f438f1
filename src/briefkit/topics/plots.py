"""Figures for topic models; each takes tables and returns a matplotlib Figure.

All are drawn inside :func:`briefkit.export.style`; save them with
:func:`briefkit.export.save_figure`.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from briefkit.dates import period_end
from briefkit.export import PALETTE, style

__all__ = ["plot_k_diagnostics", "plot_topic_terms", "plot_group_topics", "plot_topic_dates"]


def _need(df: pd.DataFrame, cols, name: str) -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise KeyError(f"{name} is missing column(s) {missing}")


def _label_map(labels) -> dict:
    if labels is None:
        return {}
    if isinstance(labels, pd.DataFrame):
        _need(labels, ["topic_id", "label"], "labels")
        return dict(zip(labels["topic_id"].astype(int), labels["label"].astype(str)))
    return {i + 1: str(v) for i, v in enumerate(labels)}


def _topic_name(t: int, labels: dict, width: int = 28) -> str:
    lab = labels.get(int(t), "")
    return f"T{t}: " + textwrap.shorten(lab, width, placeholder="…") if lab else f"T{t}"


def plot_k_diagnostics(diagnostics: pd.DataFrame, *, chosen_k: int | None = None,
                       recommended_k: int | None = None, min_stability: float | None = 0.8):
    """Coherence, exclusivity and stability against K, with the chosen K marked.

    Parameters
    ----------
    diagnostics : DataFrame
        From :func:`briefkit.topics.select.k_diagnostics` (``k, coherence,
        exclusivity, stability``; ``stability_sd`` and ``stability_min`` drawn if present).
    chosen_k : int, optional
        K used downstream (solid vertical line).
    recommended_k : int, optional
        K the rule recommends (dashed line, if different from ``chosen_k``).
    min_stability : float, optional
        Eligibility threshold drawn on the stability panel.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.plots import plot_k_diagnostics
    >>> d = pd.DataFrame({"k": [2, 3], "coherence": [0.1, 0.2], "exclusivity": [0.9, 0.8],
    ...     "stability": [0.95, 0.9]})
    >>> len(plot_k_diagnostics(d, chosen_k=3).axes)
    3
    """
    _need(diagnostics, ["k", "coherence", "exclusivity", "stability"], "diagnostics")
    d = diagnostics.sort_values("k")
    panels = [("coherence", "NPMI coherence (higher = top terms co-occur)"),
              ("exclusivity", "exclusivity of top terms"),
              ("stability", "stability across refits (1 = same topics)")]
    with style():
        fig, axes = plt.subplots(1, 3, figsize=(9.5, 3.2), sharex=True)
        for ax, (col, title) in zip(axes, panels):
            ax.plot(d["k"], d[col], marker="o", color=PALETTE[0])
            if col == "stability" and "stability_sd" in d.columns:
                ax.fill_between(d["k"], d[col] - d["stability_sd"], d[col] + d["stability_sd"],
                                color=PALETTE[0], alpha=0.2, lw=0, label="± SD over refits")
            if col == "stability" and "stability_min" in d.columns:
                ax.plot(d["k"], d["stability_min"], marker=".", ls=":", color=PALETTE[1],
                        label="least stable topic")
            if col == "stability" and min_stability is not None:
                ax.axhline(min_stability, color="0.4", lw=0.8, ls="--",
                           label=f"threshold {min_stability:g}")
            if recommended_k is not None and recommended_k != chosen_k:
                ax.axvline(recommended_k, color=PALETTE[5], ls="--", lw=1,
                           label=f"recommended K={recommended_k}")
            if chosen_k is not None:
                ax.axvline(chosen_k, color=PALETTE[5], lw=1.5, label=f"chosen K={chosen_k}")
            ax.set_title(title)
            ax.set_xlabel("number of topics K")
            ax.set_xticks(d["k"].tolist())
        handles, names = axes[2].get_legend_handles_labels()
        fig.legend(handles, names, fontsize=7, loc="lower center", ncol=len(names),
                   bbox_to_anchor=(0.5, 0.0))
        fig.tight_layout(rect=(0, 0.09, 1, 1))
    return fig


def plot_topic_terms(terms: pd.DataFrame, *, labels=None, n: int = 10, ncols: int = 3):
    """Top terms of each topic as horizontal bars of weight; FREX leaders highlighted.

    Parameters
    ----------
    terms : DataFrame
        From :func:`briefkit.topics.tables.topic_terms` (``topic_id, term, weight,
        rank_weight, rank_frex``).
    labels : list of str or DataFrame with ``topic_id, label``, optional
    n : int, default 10
        Terms per topic (heaviest first). Bars of terms also among the topic's
        ``n`` highest FREX scores are dark; others light.
    ncols : int, default 3

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.plots import plot_topic_terms
    >>> t = pd.DataFrame({"topic_id": [1, 1, 2], "term": ["a", "b", "c"],
    ...     "weight": [0.5, 0.2, 0.9], "rank_weight": [1, 2, 1], "rank_frex": [1, 5, 1]})
    >>> len(plot_topic_terms(t).axes) >= 2
    True
    """
    _need(terms, ["topic_id", "term", "weight", "rank_weight", "rank_frex"], "terms")
    lab = _label_map(labels)
    topics = sorted(terms["topic_id"].unique().tolist())
    ncols = max(1, min(ncols, len(topics)))
    nrows = -(-len(topics) // ncols)
    with style():
        fig, axes = plt.subplots(nrows, ncols, figsize=(3.3 * ncols, 0.22 * n * nrows + 0.9 * nrows),
                                 squeeze=False)
        for ax in axes.ravel()[len(topics):]:
            ax.set_visible(False)
        for ax, t in zip(axes.ravel(), topics):
            sub = terms.loc[terms["topic_id"] == t].nsmallest(n, "rank_weight")[::-1]
            colors = [PALETTE[0] if r <= n else "#9ecae1" for r in sub["rank_frex"]]
            ax.barh(sub["term"], sub["weight"], color=colors)
            ax.set_title(textwrap.fill(_topic_name(t, lab, 60), 40), loc="left")
            ax.tick_params(axis="y", labelsize=7)
            ax.grid(axis="y", visible=False)
        fig.supxlabel("term weight in topic (dark: also a top-FREX term, i.e. frequent and exclusive)",
                      fontsize=8)
        fig.tight_layout()
    return fig


def plot_group_topics(shares: pd.DataFrame, *, labels=None, max_groups: int = 30,
                      group_label: str = "group"):
    """Heatmap of topic share per group, each cell annotated ``share [ci_low, ci_high]``.

    Parameters
    ----------
    shares : DataFrame
        From :func:`briefkit.topics.shares.group_topic_shares` (``group, topic_id,
        share, ci_low, ci_high, n_passages``; ``note`` shown when present).
    labels : list of str or DataFrame, optional
    max_groups : int, default 30
        Only the groups with most passages are drawn beyond this (title says how many).
    group_label : str, default "group"
        Axis label (e.g. the grouping column).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.plots import plot_group_topics
    >>> s = pd.DataFrame({"group": ["Kim", "Kim"], "topic_id": [1, 2], "share": [0.7, 0.3],
    ...     "ci_low": [0.5, 0.1], "ci_high": [0.9, 0.5], "n_passages": [12, 12]})
    >>> len(plot_group_topics(s).axes)
    2
    """
    _need(shares, ["group", "topic_id", "share", "ci_low", "ci_high", "n_passages"], "shares")
    lab = _label_map(labels)
    sizes = shares.groupby("group")["n_passages"].max().reset_index()
    sizes = sizes.sort_values(["n_passages", "group"], ascending=[False, True], kind="stable")
    n_all = len(sizes)
    groups = sorted(sizes["group"].head(max_groups).tolist())
    topics = sorted(shares["topic_id"].unique().tolist())
    piv = {c: shares.pivot(index="group", columns="topic_id", values=c).reindex(
        index=groups, columns=topics) for c in ("share", "ci_low", "ci_high")}
    npass = sizes.set_index("group")["n_passages"]
    with style():
        fig, ax = plt.subplots(figsize=(1.25 * len(topics) + 3.2, 0.42 * len(groups) + 1.8))
        im = ax.imshow(piv["share"].to_numpy(dtype=float), aspect="auto", cmap="cividis",
                       vmin=0, vmax=max(0.01, float(np.nanmax(piv["share"].to_numpy(dtype=float)))))
        for i, g in enumerate(groups):
            for j, t in enumerate(topics):
                s, lo, hi = (piv[c].loc[g, t] for c in ("share", "ci_low", "ci_high"))
                if pd.isna(s):
                    txt = "–"
                elif pd.isna(lo):
                    txt = f"{s:.2f}\n(too few)"
                else:
                    txt = f"{s:.2f}\n[{lo:.2f}, {hi:.2f}]"
                rgba = im.cmap(im.norm(s)) if not pd.isna(s) else (1, 1, 1, 1)
                dark = (0.299 * rgba[0] + 0.587 * rgba[1] + 0.114 * rgba[2]) < 0.5
                ax.text(j, i, txt, ha="center", va="center", fontsize=7,
                        color="white" if dark else "black")
        ax.set_xticks(range(len(topics)))
        ax.set_xticklabels([textwrap.fill(_topic_name(t, lab, 40), 16) for t in topics], fontsize=7)
        ax.set_yticks(range(len(groups)))
        ax.set_yticklabels([f"{textwrap.shorten(str(g), 32, placeholder='…')} (n={int(npass[g])})"
                            for g in groups], fontsize=7)
        ax.grid(False)
        ax.set_ylabel(f"{group_label} (n = passages)")
        title = "Topic share by group, 95% bootstrap interval over passages"
        if n_all > len(groups):
            title += f"\n(showing the {len(groups)} of {n_all} groups with most passages)"
        ax.set_title(title)
        fig.colorbar(im, ax=ax, fraction=0.03, pad=0.02, label="share of modelled words")
        fig.tight_layout()
    return fig


def plot_topic_dates(doc_shares: pd.DataFrame, docs: pd.DataFrame, *, labels=None,
                     ncols: int = 3):
    """Topic share of each document against its publication date, one panel per topic.

    A document dated only to a month or year is drawn as a horizontal bar over
    that period (its marker at the period's middle), a day-dated one as a dot;
    vertical bars are bootstrap intervals. Undated documents are listed under
    the figure, never dropped silently. With at most 8 dated documents each dot
    is labelled with its doc_id. Above 60 dated documents, dots are faint, intervals
    and period bars are left out, and a black line shows the mean share per
    calendar year.

    Parameters
    ----------
    doc_shares : DataFrame
        From :func:`briefkit.topics.shares.document_topic_shares` (``doc_id,
        topic_id, share, ci_low, ci_high``).
    docs : DataFrame
        ``doc_id, published`` (Timestamp or NaT) and ``date_precision``.
    labels : list of str or DataFrame, optional
    ncols : int, default 3

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.plots import plot_topic_dates
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "topic_id": [1, 2], "share": [0.6, 0.4],
    ...     "ci_low": [0.4, 0.2], "ci_high": [0.8, 0.6]})
    >>> docs = pd.DataFrame({"doc_id": ["a"], "published": [pd.Timestamp("2025-03-01")],
    ...     "date_precision": ["month"]})
    >>> len(plot_topic_dates(s, docs).axes) >= 2
    True
    """
    _need(doc_shares, ["doc_id", "topic_id", "share", "ci_low", "ci_high"], "doc_shares")
    _need(docs, ["doc_id", "published", "date_precision"], "docs")
    lab = _label_map(labels)
    meta = docs[["doc_id", "published", "date_precision"]].copy()
    meta["doc_id"] = meta["doc_id"].astype(str)
    df = doc_shares.merge(meta, on="doc_id", how="left")
    dated = df.loc[df["published"].notna()].copy()
    undated = sorted(set(df.loc[df["published"].isna(), "doc_id"]))
    dated["end"] = [period_end(s, str(p)) + pd.Timedelta(days=1)  # exclusive end for drawing
                    for s, p in zip(dated["published"], dated["date_precision"])]
    dated["mid"] = dated["published"] + (dated["end"] - dated["published"]) / 2
    topics = sorted(df["topic_id"].unique().tolist())
    ncols = max(1, min(ncols, len(topics)))
    nrows = -(-len(topics) // ncols)
    many = dated["doc_id"].nunique() > 60
    label_docs = dated["doc_id"].nunique() <= 8
    one_date = dated["published"].nunique() == 1
    with style():
        fig, axes = plt.subplots(nrows, ncols, figsize=(3.3 * ncols, 2.5 * nrows + 0.4),
                                 squeeze=False, sharey=True)
        for ax in axes.ravel()[len(topics):]:
            ax.set_visible(False)
        for ax, t in zip(axes.ravel(), topics):
            sub = dated.loc[dated["topic_id"] == t].sort_values(["published", "doc_id"])
            if many:
                ax.plot(sub["mid"], sub["share"], "o", ms=2, color=PALETTE[0], alpha=0.25, lw=0)
                yearly = sub.groupby(sub["published"].dt.year)["share"].mean()
                ax.plot([pd.Timestamp(year=int(y), month=7, day=1) for y in yearly.index],
                        yearly.to_numpy(), "-o", color="black", ms=3, lw=1.2)
            else:
                span = sub["end"] > sub["published"]
                ax.hlines(sub.loc[span, "share"], sub.loc[span, "published"], sub.loc[span, "end"],
                          color=PALETTE[1], lw=3, alpha=0.6)
                ok = sub["ci_low"].notna()
                ax.vlines(sub.loc[ok, "mid"], sub.loc[ok, "ci_low"], sub.loc[ok, "ci_high"],
                          color="0.35", lw=1)
                ax.plot(sub["mid"], sub["share"], "o", ms=4, color=PALETTE[0], lw=0)
            ax.set_title(textwrap.fill(_topic_name(t, lab, 60), 40), loc="left")
            ax.set_ylim(0, 1)
            ax.tick_params(axis="x", labelrotation=30, labelsize=7)
            if label_docs:
                for rec in sub.itertuples():
                    ax.annotate(textwrap.shorten(rec.doc_id, 18, placeholder="…"),
                                (rec.mid, rec.share), xytext=(4, 2), textcoords="offset points",
                                fontsize=7, color="0.3")
        fig.supylabel("topic share of document", fontsize=8)
        note = ("Dot: one document (vertical bar: 95% bootstrap interval over its passages; none "
                "if too few passages). Orange bar: the month or year a document is dated to."
                if not many else
                "Dot: one document, at the middle of the period it is dated to. Black line: mean "
                "share of the documents published in each calendar year (the year is known at "
                "every date precision).")
        if one_date:
            note += (" All dated documents carry the same date, so this figure cannot show change "
                     "over time; compare documents in the group heatmap instead.")
        if undated:
            shown = ", ".join(undated[:8]) + (f" and {len(undated) - 8} more" if len(undated) > 8 else "")
            note += f" Undated, not placed on the time axis: {shown}."
        note = textwrap.fill(note, int(60 * ncols))
        n_lines = note.count("\n") + 1
        fig.tight_layout(rect=(0, (0.13 * n_lines + 0.35) / fig.get_figheight(), 1, 1))
        fig.text(0.01, 0.01, note, fontsize=7, va="bottom")
    return fig
