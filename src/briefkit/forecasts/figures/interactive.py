"""Explore forecasts interactively: a timeline to hover, click and filter (offline, plotly).

:func:`explore_forecasts` draws each forecast as a bar over its horizon (open-ended ones run to
``today``), coloured by outcome, with the reported events as diamonds on a row of their own.
Hovering or clicking a bar shows the sentence, its document and group, the cue, the stated
probability, the outcome and the linked events; menus filter by group (author), lane (target)
and outcome. It works in JupyterLab and in the exported HTML without a network.
"""

from __future__ import annotations

import pandas as pd

from briefkit.output.display import InteractiveFigure, hover_text
from briefkit.errors import require_columns

__all__ = ["explore_forecasts", "FORECAST_FIELDS"]

#: The fields each bar carries (hover, click and filters), in order.
FORECAST_FIELDS = ["doc_id", "pred_id", "group", "lane", "outcome", "cue", "probability", "horizon",
                   "linked events", "sentence"]
_OUTCOME_COLOURS = {"happened": "#009E73", "did not happen": "#D55E00", "partly": "#E69F00",
                    "pending": "#999999", "ambiguous": "#CC79A7", "annulled": "#000000", "": "#0072B2"}


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _linked(links: pd.DataFrame | None, events: pd.DataFrame | None) -> dict[str, str]:
    if links is None or len(links) == 0 or not {"pred_id", "event_id"} <= set(links.columns):
        return {}
    about = {}
    if events is not None and "event_id" in events.columns:
        desc = next((c for c in ("description", "title", "text") if c in events.columns), None)
        if desc:
            about = dict(zip(events["event_id"].astype(str), events[desc].map(_text)))
    out: dict[str, list[str]] = {}
    for pred, event in links[["pred_id", "event_id"]].astype(str).itertuples(index=False):
        out.setdefault(pred, []).append(f"{event} {about.get(event, '')[:90]}".strip())
    return {k: "; ".join(v) for k, v in out.items()}


def explore_forecasts(predictions: pd.DataFrame, *, links: pd.DataFrame | None = None,
                      events: pd.DataFrame | None = None, groups: pd.DataFrame | None = None,
                      today=None, max_forecasts: int = 500) -> InteractiveFigure:
    """An interactive timeline of forecasts (one bar per forecast over its horizon).

    Parameters
    ----------
    predictions : DataFrame
        One row per forecast. Needs ``doc_id, pred_id, text``; uses when present ``horizon_start,
        horizon_end`` (else ``published``), ``p_point`` (or ``probability``), ``cue``,
        ``outcome``, ``lane`` (or ``target``), ``group``, ``published``.
    links : DataFrame, optional
        ``pred_id, event_id`` pairs (e.g. from :func:`briefkit.forecasts.propose_links`).
    events : DataFrame, optional
        ``event_id`` with ``date_start`` (or ``date``) and ``description``: drawn as diamonds.
    groups : DataFrame, optional
        ``doc_id, group`` (:func:`briefkit.groups.document_groups`) when ``predictions`` has no
        ``group`` column; a document in several groups gets one bar per group.
    today : date, optional
        Where open-ended horizons end (default: the latest date in the table).
    max_forecasts : int, default 500
        Bars drawn (earliest horizons first); the figure's title says how many were left out.

    Returns
    -------
    InteractiveFigure

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.figures.interactive import explore_forecasts
    >>> preds = pd.DataFrame({"doc_id": ["d1"], "pred_id": ["P1"], "text": ["Seoul will pay <more>."],
    ...                       "horizon_start": [pd.Timestamp("2025-01-01")], "horizon_end": [pd.NaT],
    ...                       "p_point": [0.8], "outcome": ["pending"]})
    >>> fig = explore_forecasts(preds, today="2025-06-01")
    >>> fig.figure.data[0].customdata[0][-1]
    'Seoul will pay &lt;more&gt;.'
    """
    require_columns(predictions, ["doc_id", "pred_id", "text"], name="predictions")
    import plotly.graph_objects as go

    df = predictions.copy()
    if "group" not in df.columns:
        if groups is not None:
            require_columns(groups, ["doc_id", "group"], name="groups")
            df = df.merge(groups[["doc_id", "group"]], on="doc_id", how="left")
        else:
            df["group"] = ""
    date = lambda col: pd.to_datetime(df[col], errors="coerce") if col in df.columns else pd.Series(pd.NaT, index=df.index)  # noqa: E731
    start, end, pub = date("horizon_start"), date("horizon_end"), date("published")
    start = start.fillna(pub)
    stamps = pd.concat([start, end, pub]).dropna()
    now = pd.Timestamp(today) if today is not None else (stamps.max() if len(stamps) else pd.Timestamp("2000-01-01"))
    start = start.fillna(end).fillna(now)
    end = end.fillna(now).where(lambda s: s >= start, start)
    df = df.assign(_start=start, _end=end).sort_values(["_start", "pred_id"], kind="stable")
    left_out = max(0, len(df) - max_forecasts)
    df = df.head(max_forecasts)
    linked = _linked(links, events)
    prob_col = next((c for c in ("p_point", "probability") if c in df.columns), None)
    lane_col = next((c for c in ("lane", "target") if c in df.columns), None)
    y = (df["doc_id"].astype(str) + " · " + df["pred_id"].astype(str)).tolist()
    fig = go.Figure()
    outcome = df["outcome"].map(_text) if "outcome" in df.columns else pd.Series("", index=df.index)
    for name in sorted(outcome.unique()):
        part = df[outcome == name]
        rows = []
        for _, r in part.iterrows():
            p = r[prob_col] if prob_col else None
            rows.append([hover_text(r["doc_id"]), hover_text(r["pred_id"]), hover_text(r["group"]),
                         hover_text(r[lane_col]) if lane_col else "", hover_text(name),
                         hover_text(r.get("cue")), "" if p is None or pd.isna(p) else f"{float(p):.2f}",
                         f"{r['_start'].date()} – {r['_end'].date()}",
                         hover_text(linked.get(str(r["pred_id"]), "none"), width=60),
                         hover_text(r["text"])])
        fig.add_trace(go.Bar(
            orientation="h", name=name or "no outcome", base=[s.isoformat() for s in part["_start"]],
            x=[max((e - s).total_seconds() * 1000, 86_400_000) for s, e in zip(part["_start"], part["_end"])],
            y=[y[df.index.get_loc(i)] for i in part.index], customdata=rows,
            marker_color=_OUTCOME_COLOURS.get(name, "#56B4E9"),
            hovertemplate=("<b>%{customdata[0]}</b> (%{customdata[2]})<br>cue: %{customdata[5]} · p = "
                           "%{customdata[6]} · %{customdata[4]}<br>%{customdata[7]}<br>%{customdata[9]}"
                           "<br>events: %{customdata[8]}<extra></extra>")))
    if events is not None and len(events) and "event_id" in events.columns:
        when = next((c for c in ("date_start", "date") if c in events.columns), None)
        if when:
            ev = events.assign(_d=pd.to_datetime(events[when], errors="coerce")).dropna(subset=["_d"])
            desc = ev["description"] if "description" in ev.columns else ev["event_id"]
            fig.add_trace(go.Scatter(
                x=[d.isoformat() for d in ev["_d"]], y=["reported events"] * len(ev), mode="markers",
                name="reported event", meta="bk-fixed", marker={"symbol": "diamond", "size": 9, "color": "#0072B2"},
                customdata=[[hover_text(e), "", "", hover_text(c), "event", "", "", str(d.date()), "",
                             hover_text(t)] for e, c, d, t in zip(ev["event_id"], ev.get("category", desc), ev["_d"], desc)],
                hovertemplate="<b>%{customdata[0]}</b> %{customdata[7]}<br>%{customdata[9]}<extra></extra>"))
    title = "Forecasts over their horizons" + (f" ({left_out} more not drawn)" if left_out else "")
    fig.update_layout(title=title, barmode="overlay", height=max(420, 22 * (len(df) + 2) + 160),
                      xaxis={"type": "date", "title": "horizon"}, yaxis={"autorange": "reversed", "title": ""},
                      legend={"title": "outcome"}, margin={"l": 10, "r": 10, "t": 50, "b": 40},
                      template="simple_white")
    fig.add_vline(x=now.isoformat(), line_dash="dash", line_color="#555")
    return InteractiveFigure(fig, fields=FORECAST_FIELDS,
                             filters={"group": 2, "lane": 3, "outcome": 4},
                             alt=f"Interactive timeline of {len(df)} forecasts coloured by outcome",
                             name="forecasts")
