"""Figures for topic models; each takes tables and returns a matplotlib Figure.

All are drawn inside :func:`briefkit.output.export.style`; save them with
:func:`briefkit.output.export.save_figure`.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from briefkit.dates import period_end
from briefkit.errors import require_columns
from briefkit.output.export import PALETTE, style
from briefkit.topics.labels import fold_terms

__all__ = ["plot_k_diagnostics", "plot_topic_terms", "plot_topic_dates"]


def _need(df: pd.DataFrame, cols, name: str) -> None:
    require_columns(df, cols, name=name)


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
    """Coherence, exclusivity, stability and held-out error against K; chosen K and collapsed K marked.

    Parameters
    ----------
    diagnostics : DataFrame
        From :func:`briefkit.topics.select.k_diagnostics` (``k, coherence, exclusivity,
        stability``; ``stability_sd``, ``stability_min``, ``heldout_error`` and ``degenerate``
        drawn if present: a degenerate K is an open red circle on every panel).
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
    4
    """
    _need(diagnostics, ["k", "coherence", "exclusivity", "stability"], "diagnostics")
    d = diagnostics.sort_values("k")
    degen = (d["degenerate"].fillna("").astype(str).str.len() > 0).to_numpy() \
        if "degenerate" in d.columns else np.zeros(len(d), dtype=bool)
    panels = [("coherence", "NPMI coherence (higher: top terms co-occur)"),
              ("exclusivity", "exclusivity of top terms"),
              ("stability", "stability across refits (1 = same topics)"),
              ("heldout_error", "held-out error (lower: fits unseen units)")]
    with style():
        fig, axes = plt.subplots(2, 2, figsize=(6.8, 5.0), sharex=True)
        for ax, (col, title) in zip(axes.ravel(), panels):
            ax.set_title(title, fontsize=8.5)
            if col not in d.columns or not np.isfinite(d[col].to_numpy(dtype=float)).any():
                ax.text(0.5, 0.5, "not measured", ha="center", va="center", transform=ax.transAxes)
                continue
            ax.plot(d["k"], d[col], marker="o", color=PALETTE[0])
            if degen.any():
                ax.plot(d["k"][degen], d[col][degen], "o", ms=9, mfc="none", color=PALETTE[5],
                        label="collapsed (degenerate) K")
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
            ax.set_xticks(d["k"].tolist())
            ax.tick_params(labelsize=7.5)
        for ax in axes[1]:
            ax.set_xlabel("number of topics K")
        handles, names = axes[1, 0].get_legend_handles_labels()
        seen = dict(zip(names, handles))
        fig.legend(list(seen.values()), list(seen), fontsize=7, loc="lower center",
                   ncol=min(3, len(seen)), bbox_to_anchor=(0.5, 0.0))
        fig.tight_layout(rect=(0, 0.12, 1, 1))
    return fig


def plot_topic_terms(terms: pd.DataFrame, *, labels=None, n: int = 8, ncols: int = 3):
    """Top terms of each topic as horizontal bars of weight; FREX leaders highlighted.

    Parameters
    ----------
    terms : DataFrame
        From :func:`briefkit.topics.tables.topic_terms` (``topic_id, term, weight,
        rank_weight, rank_frex``).
    labels : list of str or DataFrame with ``topic_id, label``, optional
    n : int, default 8
        Terms per topic (heaviest first, name fragments folded). Bars of terms also among the topic's
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
        fig, axes = plt.subplots(nrows, ncols, figsize=(6.8, min(9.0, (0.13 * n + 0.85) * nrows + 0.3)),
                                 squeeze=False)
        for ax in axes.ravel()[len(topics):]:
            ax.set_visible(False)
        for ax, t in zip(axes.ravel(), topics):
            sub = terms.loc[terms["topic_id"] == t].sort_values("rank_weight")
            kept = set(fold_terms(sub["term"])[0])
            sub = sub.loc[sub["term"].isin(kept)].head(n)[::-1]
            colors = [PALETTE[0] if r <= n else "#9ecae1" for r in sub["rank_frex"]]
            ax.barh([textwrap.shorten(x, 22, placeholder="…") for x in sub["term"]], sub["weight"],
                    color=colors)
            ax.set_title(textwrap.fill(_topic_name(t, lab, 44), 26), loc="left", fontsize=7.5)
            ax.tick_params(axis="y", labelsize=7)
            ax.tick_params(axis="x", labelsize=7)
            ax.grid(axis="y", visible=False)
        fig.supxlabel("term weight in topic (dark: also a top-FREX term: frequent and exclusive)",
                      fontsize=7.5)
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
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "topic_id": [1, 2], "estimate": [0.6, 0.4],
    ...     "ci_low": [0.4, 0.2], "ci_high": [0.8, 0.6]})
    >>> docs = pd.DataFrame({"doc_id": ["a"], "published": [pd.Timestamp("2025-03-01")],
    ...     "date_precision": ["month"]})
    >>> len(plot_topic_dates(s, docs).axes) >= 2
    True
    """
    _need(doc_shares, ["doc_id", "topic_id", "estimate", "ci_low", "ci_high"], "doc_shares")
    _need(docs, ["doc_id", "published", "date_precision"], "docs")
    lab = _label_map(labels)
    meta = docs[["doc_id", "published", "date_precision"]].copy()
    meta["doc_id"] = meta["doc_id"].astype(str)
    df = doc_shares.rename(columns={"estimate": "share"}).merge(meta, on="doc_id", how="left")
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
        fig, axes = plt.subplots(nrows, ncols, figsize=(6.8, min(7.6, 1.9 * nrows + 0.3)),
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
            ax.set_title(textwrap.fill(_topic_name(t, lab, 44), 26), loc="left", fontsize=7.5)
            ax.set_ylim(0, 1)
            ax.tick_params(axis="y", labelsize=7)
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
        note = textwrap.fill(note, 120)
        n_lines = note.count("\n") + 1
        fig.tight_layout(rect=(0, min(0.6, (0.13 * n_lines + 0.35) / fig.get_figheight()), 1, 1))
        fig.text(0.01, 0.01, note, fontsize=7, va="bottom")
    return fig
