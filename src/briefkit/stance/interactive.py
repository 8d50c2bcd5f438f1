"""Explore stance mentions interactively: every scored sentence to hover, click and filter.

:func:`explore_stance` draws one point per (sentence, target) mention: the target on the vertical
axis, the stance score on the horizontal one, coloured by group. Hovering or clicking shows the
sentence, document, group, the matched words (cues) and the score; menus filter by group
(author), target and the sign of the stance. Offline in JupyterLab and the exported HTML.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from briefkit.output.display import InteractiveFigure, hover_text
from briefkit.errors import require_columns
from briefkit.output.export import PALETTE

__all__ = ["explore_stance", "STANCE_FIELDS"]

#: The fields each point carries (hover, click and filters), in order.
STANCE_FIELDS = ["doc_id", "sent_id", "group", "target", "stance", "score", "cues", "holder", "offsets",
                 "sentence"]


def _col(df: pd.DataFrame, *names: str):
    return next((df[n] for n in names if n in df.columns), pd.Series("", index=df.index))


def explore_stance(mentions: pd.DataFrame, *, groups: pd.DataFrame | None = None,
                   max_points: int = 2000, seed: int = 0) -> InteractiveFigure:
    """An interactive strip plot of stance mentions by target and group.

    Parameters
    ----------
    mentions : DataFrame
        One row per (sentence, target) mention. Needs ``doc_id, target, text`` and a numeric
        ``stance`` or ``score`` column; uses when present ``sent_id, start, end, label`` (the
        target's name), ``cues`` or ``matched``, ``holder``, ``group``.
    groups : DataFrame, optional
        ``doc_id, group`` when ``mentions`` has no ``group`` column.
    max_points : int, default 2000
        Points drawn (a seeded sample beyond that; the title says so).
    seed : int, default 0
        Seed of the vertical jitter and of the sample.

    Returns
    -------
    InteractiveFigure

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.interactive import explore_stance
    >>> m = pd.DataFrame({"doc_id": ["d1"], "target": ["tariffs"], "text": ["Tariffs hurt."],
    ...                   "score": [-0.4], "group": ["Kim"]})
    >>> explore_stance(m).figure.data[0].customdata[0][4]
    'negative'
    """
    require_columns(mentions, ["doc_id", "target", "text"], name="stance mentions")
    score_col = next((c for c in ("stance", "score") if c in mentions.columns
                      and pd.api.types.is_numeric_dtype(mentions[c])), None)
    if score_col is None:  # an empty table may come with object columns
        score_col = next((c for c in ("score", "stance") if c in mentions.columns and len(mentions) == 0), None)
    if score_col is None:
        require_columns(mentions, ["score"], name="stance mentions (a numeric stance or score)")
    import plotly.graph_objects as go

    df = mentions.reset_index(drop=True)
    if "group" not in df.columns:
        if groups is not None:
            require_columns(groups, ["doc_id", "group"], name="groups")
            df = df.merge(groups[["doc_id", "group"]], on="doc_id", how="left")
        else:
            df = df.assign(group="")
    total = len(df)
    if total > max_points:
        df = df.sample(n=max_points, random_state=seed).sort_index()
    score = pd.to_numeric(df[score_col], errors="coerce")
    sign = np.where(score > 0.05, "positive", np.where(score < -0.05, "negative", "neutral"))
    target = _col(df, "label", "target").astype(str)
    offsets = (df["start"].astype(str) + "–" + df["end"].astype(str)) if {"start", "end"} <= set(df.columns) \
        else pd.Series("", index=df.index)
    rows = pd.DataFrame({
        "doc_id": df["doc_id"].map(hover_text), "sent_id": _col(df, "sent_id").astype(str),
        "group": df["group"].map(hover_text), "target": target.map(hover_text), "stance": sign,
        "score": [f"{v:+.2f}" if pd.notna(v) else "" for v in score],
        "cues": _col(df, "cues", "matched").map(hover_text), "holder": _col(df, "holder").map(hover_text),
        "offsets": offsets, "sentence": df["text"].map(lambda t: hover_text(t, limit=400))})
    order = sorted(target.unique())
    jitter = np.random.default_rng(seed).uniform(-0.3, 0.3, len(df))
    ypos = target.map({t: i for i, t in enumerate(order)}).to_numpy() + jitter
    fig = go.Figure()
    for k, name in enumerate(sorted(rows["group"].unique())):
        part = (rows["group"] == name).to_numpy()
        fig.add_trace(go.Scatter(
            x=score[part].round(4).tolist(), y=np.round(ypos[part], 4).tolist(), mode="markers",
            name=name or "(no group)", customdata=rows[part].to_numpy().tolist(),
            marker={"size": 7, "opacity": 0.75, "color": PALETTE[k % len(PALETTE)]},
            hovertemplate=("<b>%{customdata[3]}</b>: %{customdata[4]} (%{customdata[5]})<br>"
                           "%{customdata[0]} · sentence %{customdata[1]} · %{customdata[2]}<br>"
                           "cues: %{customdata[6]}<br>%{customdata[9]}<extra></extra>")))
    title = "Stance of each mention by target" + (f" ({max_points} of {total} drawn)" if total > max_points else "")
    fig.update_layout(title=title, template="simple_white", height=max(420, 60 * len(order) + 160),
                      xaxis={"title": f"{score_col} (negative … positive)", "zeroline": True},
                      yaxis={"tickvals": list(range(len(order))), "ticktext": [hover_text(t) for t in order],
                             "title": ""}, legend={"title": "group"},
                      margin={"l": 10, "r": 10, "t": 50, "b": 40})
    return InteractiveFigure(fig, fields=STANCE_FIELDS, filters={"group": 2, "target": 3, "stance": 4},
                             alt=f"Interactive plot of {len(df)} stance mentions by target, coloured by group",
                             name="stance")
