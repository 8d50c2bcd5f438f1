"""Explore topic shares interactively: documents by topics, with the passages behind them.

:func:`explore_topics` draws one circle per (document, topic), its area the topic's share of the
document, coloured by group. Hovering or clicking shows the document, group, topic label, share
(with its interval when given) and the passage of that document the topic dominates most;
menus filter by group (author) and topic. Offline in JupyterLab and the exported HTML.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from briefkit.output.display import InteractiveFigure, hover_text
from briefkit.errors import require_columns
from briefkit.output.export import PALETTE

__all__ = ["explore_topics", "TOPIC_FIELDS"]

#: The fields each circle carries (hover, click and filters), in order.
TOPIC_FIELDS = ["doc_id", "group", "topic", "share", "interval", "passage offsets", "passage"]


def explore_topics(shares: pd.DataFrame, *, passages: pd.DataFrame | None = None,
                   labels: pd.DataFrame | None = None, groups: pd.DataFrame | None = None,
                   min_share: float = 0.01, max_documents: int = 300) -> InteractiveFigure:
    """An interactive matrix of document × topic shares with their top passages.

    Parameters
    ----------
    shares : DataFrame
        One row per (document, topic): ``doc_id, topic_id, share`` (or ``estimate``, as in the tidy
        interval tables); ``ci_low, ci_high`` used
        when present (e.g. :func:`briefkit.topics.document_topic_shares`).
    passages : DataFrame, optional
        ``topic_id, doc_id, text`` (and ``rank, start, end``), e.g.
        :func:`briefkit.topics.top_passages`: the best-ranked passage per cell is shown.
    labels : DataFrame, optional
        ``topic_id, label`` (e.g. :func:`briefkit.topics.topic_summary`).
    groups : DataFrame, optional
        ``doc_id, group`` when ``shares`` has no ``group`` column.
    min_share : float, default 0.01
        Cells below this share are not drawn (they would be invisible).
    max_documents : int, default 300
        Documents drawn (the first in ``doc_id`` order; the title says how many were left out),
        so the page stays small on a large corpus.

    Returns
    -------
    InteractiveFigure

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.interactive import explore_topics
    >>> s = pd.DataFrame({"doc_id": ["d1", "d1"], "topic_id": [1, 2], "share": [0.7, 0.3]})
    >>> [row[3] for row in explore_topics(s).figure.data[0].customdata]
    ['0.70', '0.30']
    """
    if "share" not in shares.columns and "estimate" in shares.columns:  # the tidy interval table
        shares = shares.rename(columns={"estimate": "share"})
    require_columns(shares, ["doc_id", "topic_id", "share"], name="topic shares")
    import plotly.graph_objects as go

    df = shares.loc[pd.to_numeric(shares["share"], errors="coerce") >= min_share].copy()
    if "group" not in df.columns:
        if groups is not None:
            require_columns(groups, ["doc_id", "group"], name="groups")
            df = df.merge(groups[["doc_id", "group"]], on="doc_id", how="left")
        else:
            df["group"] = ""
    names = {}
    if labels is not None and {"topic_id", "label"} <= set(labels.columns):
        names = {t: f"T{t} {lab}" for t, lab in zip(labels["topic_id"], labels["label"].astype(str))}
    df["topic"] = df["topic_id"].map(lambda t: names.get(t, f"T{t}"))
    best = {}
    if passages is not None and len(passages):
        require_columns(passages, ["topic_id", "doc_id", "text"], name="topic passages")
        ranked = passages.sort_values([c for c in ("rank",) if c in passages.columns] or ["topic_id"], kind="stable")
        for r in ranked.drop_duplicates(["topic_id", "doc_id"]).itertuples(index=False):
            span = f"{r.start}–{r.end}" if hasattr(r, "start") and hasattr(r, "end") else ""
            best[(r.topic_id, r.doc_id)] = (span, r.text)
    docs = sorted(df["doc_id"].astype(str).unique())
    total_docs = len(docs)
    docs = docs[:max_documents]
    df = df[df["doc_id"].astype(str).isin(set(docs))]
    topics = sorted(df["topic_id"].unique())
    tick = {t: names.get(t, f"T{t}") for t in topics}
    fig = go.Figure()
    for k, name in enumerate(sorted(df["group"].fillna("").astype(str).unique())):
        part = df[df["group"].fillna("").astype(str) == name]
        rows = []
        for r in part.itertuples(index=False):
            lo, hi = getattr(r, "ci_low", np.nan), getattr(r, "ci_high", np.nan)
            span, text = best.get((r.topic_id, r.doc_id), ("", ""))
            rows.append([hover_text(r.doc_id), hover_text(name), hover_text(r.topic), f"{float(r.share):.2f}",
                         f"{lo:.2f}–{hi:.2f}" if pd.notna(lo) and pd.notna(hi) else "", span,
                         hover_text(text) or "no passage of this document ranks for this topic"])
        fig.add_trace(go.Scatter(
            x=[hover_text(tick[t]) for t in part["topic_id"]], y=part["doc_id"].astype(str).map(hover_text).tolist(),
            mode="markers", name=name or "(no group)", customdata=rows,
            marker={"size": (np.sqrt(part["share"].astype(float)) * 40).round(2).tolist(), "sizemode": "diameter",
                    "color": PALETTE[k % len(PALETTE)], "opacity": 0.7, "line": {"width": 0}},
            hovertemplate=("<b>%{customdata[0]}</b> (%{customdata[1]})<br>%{customdata[2]}: share "
                           "%{customdata[3]} [%{customdata[4]}]<br>%{customdata[6]}<extra></extra>")))
    title = "Topic shares by document (circle area = share)" + (
        f" ({len(docs)} of {total_docs} documents)" if total_docs > len(docs) else "")
    fig.update_layout(title=title, template="simple_white",
                      height=max(420, 28 * len(docs) + 220), legend={"title": "group"},
                      xaxis={"categoryorder": "array", "categoryarray": [hover_text(tick[t]) for t in topics],
                             "tickangle": -30},
                      yaxis={"categoryorder": "array", "categoryarray": [hover_text(d) for d in docs]},
                      margin={"l": 10, "r": 10, "t": 50, "b": 40})
    return InteractiveFigure(fig, fields=TOPIC_FIELDS, filters={"group": 1, "topic": 2},
                             alt=f"Interactive matrix of topic shares in {len(docs)} documents",
                             name="topics")
