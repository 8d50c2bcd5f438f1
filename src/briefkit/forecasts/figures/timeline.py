"""Timeline figures for forecasts and events: pages by lane and an overview (report-page sized).

The scorecard, reliability and uptake figures are in :mod:`briefkit.forecasts.figures.scores`.

All functions take DataFrames, draw inside :func:`briefkit.output.export.style` and
return a matplotlib Figure (save with :func:`briefkit.output.export.save_figure`).
``today`` is always a parameter, never the clock, so figures reproduce.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from briefkit.dates import parse_date
from briefkit.errors import require_columns
from briefkit.output.export import style

__all__ = ["OUTCOME_COLOURS", "plot_timeline", "timeline_pages", "plot_timeline_overview", "lane_order",
           "empty_figure", "date_number", "shorten"]

#: Colour per outcome (Okabe-Ito; grey for pending).
OUTCOME_COLOURS = {"happened": "#009E73", "partly": "#E69F00", "did not happen": "#D55E00",
                   "ambiguous": "#CC79A7", "annulled": "#000000", "pending": "#AAAAAA"}
_ORDER = list(OUTCOME_COLOURS)


def _resolved_on(value) -> pd.Timestamp:
    """The first day of an outcome's ``resolved_on`` (NaT when empty or not a date)."""
    try:
        return parse_date(value)[0]
    except ValueError:
        return pd.NaT


def date_number(ts) -> float:
    """A date as matplotlib's number of days (for bars and limits on a date axis)."""
    return float(mdates.date2num(pd.Timestamp(ts).to_pydatetime()))


def shorten(text, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: max(width - 1, 1)].rstrip() + "…"


def empty_figure(message: str, *, title: str = ""):
    """A small figure that says ``message`` (what to draw when a table is empty)."""
    with style():
        fig, ax = plt.subplots(figsize=(7, 2))
        ax.axis("off")
        ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
        if title:
            ax.set_title(title)
    return fig


def _lanes(preds: pd.DataFrame, lane_col: str, max_lanes: int) -> pd.Series:
    lane = preds[lane_col].fillna("").astype(str).str.strip() if lane_col in preds.columns \
        else pd.Series("", index=preds.index)
    lane = lane.where(lane != "", "(no subject)")
    counts = lane.value_counts()
    unnamed = ("(no subject)", "(no matching category)")
    order = sorted(counts.index, key=lambda k: (k in unnamed, -counts[k], k))
    keep = set(order[:max_lanes]) if len(order) > max_lanes else set(order)
    return lane.where(lane.isin(keep), "(other subjects)")


def _select(preds: pd.DataFrame, links: pd.DataFrame, max_forecasts: int) -> pd.DataFrame:
    if len(preds) <= max_forecasts:
        return preds
    linked = preds["pred_id"].isin(set(links["pred_id"])) if len(links) else False
    priority = np.where((preds["outcome"] != "pending") | linked, 0, 1)
    chosen = preds.assign(_p=priority).sort_values(["_p", "_pub", "pred_id"], ascending=[True, False, True],
                                                    kind="stable")
    return chosen.head(max_forecasts).drop(columns="_p")


def _row_label(rec, label_chars: int) -> str:
    if "label" in rec and str(rec["label"]).strip():
        base = str(rec["label"])
    else:
        cue = str(rec.get("cue", "") or "").strip()
        base = f"{rec['doc_id']} · {cue + ': ' if cue else ''}{rec['text']}"
    prefix = "[if] " if bool(rec.get("conditional", False)) else ""
    return shorten(prefix + base, label_chars)


def plot_timeline(predictions: pd.DataFrame, events: pd.DataFrame, links: pd.DataFrame, *, today,
                  lane_col: str = "subject", max_lanes: int = 12, max_forecasts: int = 80,
                  max_event_lanes: int = 10, label_chars: int = 48, horizon_cap_years: float = 3.0,
                  title: str = "Forecasts and reported events", lanes: list[str] | None = None,
                  show_events: bool = True, collapse: bool = False):
    """Swimlane timeline: forecast bars by subject, reported events, links coloured by outcome.

    Each forecast is a bar from its publication date (``published``, else
    ``horizon_start``) to ``horizon_end`` (an annulled forecast with a ``resolved_on``
    date ends there); open-ended forecasts (no
    ``horizon_end``) are hatched bars running to the right edge with an arrow, as
    are horizons beyond ``today + horizon_cap_years``. Bars are grouped in lanes
    by ``lane_col`` (the ``max_lanes`` largest lanes; the rest pooled as "(other
    subjects)"); bar colour is the forecast's outcome. A linked event is a
    diamond on its forecast's row at the event date, coloured by the outcome,
    with a whisker spanning the event's date precision (a month-precision event
    spans its month). All events appear again as black points in lanes by
    ``category`` at the bottom. A dashed vertical line marks ``today``. The time
    axis starts at the earliest publication or linked event: older unlinked
    events (a text recalling 1978) are left out of view rather than squeezing
    the forecasts.

    Parameters
    ----------
    predictions : DataFrame
        ``pred_id, doc_id, text, horizon_start, horizon_end``; optional
        ``published, outcome, cue, conditional, label`` and ``lane_col``.
    events : DataFrame
        ``event_id, date_start, date_end``; optional ``category``, ``source``.
    links : DataFrame
        ``pred_id, event_id`` (:func:`briefkit.forecasts.ledger.links.propose_links`).
    today : date-like
        Position of the "today" line and end of open-ended bars.
    max_forecasts : int, default 80
        At most this many rows: linked or reviewed forecasts first, then the
        most recent; the title says how many are shown.
    lanes : list of str, optional
        Draw only these lanes (a page of :func:`timeline_pages`).
    show_events : bool, default True
        Add the rows of all events by category at the bottom.
    collapse : bool, default False
        One row per lane (its forecasts drawn over each other): the overview.

    The figure is 7 in wide and at most 9.5 in tall, text at 7 pt or more (a report page);
    :func:`timeline_pages` splits a long timeline into pages that fit.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> from briefkit.forecasts.figures.timeline import plot_timeline
    >>> T = pd.Timestamp
    >>> preds = pd.DataFrame({"pred_id": ["p"], "doc_id": ["d"], "text": ["Tariffs will rise."],
    ...     "subject": ["trade"], "horizon_start": [T("2025-02-01")], "horizon_end": [pd.NaT]})
    >>> evs = pd.DataFrame({"event_id": ["E1"], "date_start": [T("2025-04-02")],
    ...     "date_end": [T("2025-04-02")], "category": ["trade"]})
    >>> fig = plot_timeline(preds, evs, pd.DataFrame({"pred_id": ["p"], "event_id": ["E1"]}),
    ...                     today=T("2026-01-01"))
    >>> plt.close(fig)
    """
    today = pd.Timestamp(today)
    if pd.isna(today):
        raise ValueError("today must be a date, got NaT")
    for name, frame, cols in (("predictions", predictions,
                               ["pred_id", "doc_id", "text", "horizon_start", "horizon_end"]),
                              ("events", events, ["event_id", "date_start", "date_end"]),
                              ("links", links, ["pred_id", "event_id"])):
        require_columns(frame, cols, name=name)
    if max_forecasts < 1 or max_lanes < 1:
        raise ValueError("max_forecasts and max_lanes must be >= 1")
    preds = predictions.copy()
    if "outcome" not in preds.columns:
        preds["outcome"] = "pending"
    pub = preds["published"] if "published" in preds.columns else preds["horizon_start"]
    preds["_pub"] = pd.to_datetime(pub).fillna(pd.to_datetime(preds["horizon_start"]))
    preds = preds[preds["_pub"].notna()]
    if preds.empty:
        return empty_figure("No dated forecasts to draw.", title=title)
    n_all = len(preds)
    preds["_lane"] = _lanes(preds, lane_col, max_lanes if lanes is None else 10 ** 6)
    if lanes is not None:
        preds = preds[preds["_lane"].isin(set(lanes))]
        n_all = len(preds)
        if preds.empty:
            return empty_figure("No forecasts in these lanes.", title=title)
    preds = _select(preds, links, max_forecasts)
    counts = preds["_lane"].value_counts()
    unnamed = ("(other subjects)", "(no subject)", "(no matching category)")
    lane_order = sorted(counts.index, key=lambda k: (k in unnamed, -counts[k], k))

    evs = events.copy()
    evs["date_start"] = pd.to_datetime(evs["date_start"])
    evs["date_end"] = pd.to_datetime(evs["date_end"]).fillna(evs["date_start"])
    evs = evs[evs["date_start"].notna()]
    h_end = pd.to_datetime(preds["horizon_end"])
    cap = today + pd.DateOffset(days=int(365.25 * horizon_cap_years))
    linked_starts = evs.loc[evs["event_id"].isin(set(links["event_id"])), "date_start"] if len(links) else []
    left = min([preds["_pub"].min()] + ([min(linked_starts)] if len(linked_starts) else []))
    right = max([today] + ([evs["date_end"].max()] if len(evs) else [])
                + ([min(h_end.max(), cap)] if h_end.notna().any() else []))
    pad = max(pd.Timedelta(days=30), (right - left) * 0.03)
    x0, x1 = date_number(left - pad), date_number(right + pad)

    rows, labels, headers = [], [], []
    y = 0
    for lane in lane_order:
        headers.append(y)
        labels.append(shorten(f"{lane}  ({counts[lane]})", label_chars))
        y += 1
        in_lane = preds[preds["_lane"] == lane].sort_values(["_pub", "pred_id"], kind="stable")
        if collapse:
            for _, rec in in_lane.iterrows():
                rows.append((y - 1, rec))
            continue
        for _, rec in in_lane.iterrows():
            rows.append((y, rec))
            labels.append(_row_label(rec, label_chars))
            y += 1
    cat = evs["category"].fillna("").astype(str).str.strip() if "category" in evs.columns \
        else pd.Series("", index=evs.index)
    if "source" in evs.columns:
        cat = cat.where(cat != "", np.where(evs["source"].astype(str).str.startswith("text:"),
                                            "(reported in the texts)", "(no category)"))
    cat = cat.where(cat != "", "(no category)")
    ev_lanes = sorted(cat.unique(), key=lambda k: (-int((cat == k).sum()), k)) if len(evs) else []
    if len(ev_lanes) > max_event_lanes:
        keep = set(ev_lanes[:max_event_lanes - 1])
        cat = cat.where(cat.isin(keep), "(other categories)")
        ev_lanes = ev_lanes[:max_event_lanes - 1] + ["(other categories)"]
    ev_y = {}
    if ev_lanes and show_events:
        headers.append(y)
        labels.append("Reported events, by category")
        y += 1
        for lane in ev_lanes:
            ev_y[lane] = y
            labels.append(shorten(lane, label_chars))
            y += 1

    with style():
        height = min(9.2, 1.5 + 0.19 * y)
        fig, ax = plt.subplots(figsize=(6.5, height))
        row_of = {}
        for yy, rec in rows:
            row_of[rec["pred_id"]] = (yy, rec)
            colour = OUTCOME_COLOURS.get(str(rec["outcome"]), "#AAAAAA")
            start = date_number(rec["_pub"])
            end_ts = pd.Timestamp(rec["horizon_end"]) if pd.notna(rec["horizon_end"]) else pd.NaT
            resolved = _resolved_on(rec.get("resolved_on", ""))
            if str(rec["outcome"]) == "annulled" and pd.notna(resolved):
                end_ts = resolved  # the forecast stopped being live when its condition failed
            open_ended = pd.isna(end_ts) or end_ts > right + pad
            end = x1 if open_ended else date_number(end_ts)
            ax.barh(yy, max(end - start, 2.0), left=start, height=0.25 if collapse else 0.55, color=colour,
                    alpha=0.35 if open_ended else 0.6, hatch="///" if open_ended else None,
                    edgecolor=colour, linewidth=0.6)
            ax.plot([start], [yy], marker="|", color="black", markersize=7)
            if open_ended:
                ax.plot([x1], [yy], marker=">", color=colour, markersize=5, clip_on=False)
        for yy in headers:
            ax.axhline(yy - 0.5, color="#555555", linewidth=0.5)
        if len(links) and len(evs):
            lk = links.merge(evs[["event_id", "date_start", "date_end"]], on="event_id", how="inner")
            lk = lk[lk["pred_id"].isin(row_of)].sort_values(["pred_id", "event_id"], kind="stable")
            for rec in lk.itertuples(index=False):
                yy, prow = row_of[rec.pred_id]
                colour = OUTCOME_COLOURS.get(str(prow["outcome"]), "#AAAAAA")
                a, b = date_number(rec.date_start), date_number(rec.date_end)
                ax.errorbar([(a + b) / 2], [yy], xerr=[[(b - a) / 2], [(b - a) / 2]], fmt="D",
                            color=colour, markeredgecolor="black", markeredgewidth=0.5, markersize=5,
                            capsize=2, linewidth=1)
        for lane, yy in ev_y.items():
            sub = evs[cat == lane]
            a = np.array([date_number(d) for d in sub["date_start"]])
            b = np.array([date_number(d) for d in sub["date_end"]])
            ax.errorbar((a + b) / 2, np.full(len(a), yy), xerr=[(b - a) / 2, (b - a) / 2], fmt="o",
                        color="black", markersize=3, capsize=1.5, linewidth=0.8, alpha=0.8)
        ax.axvline(date_number(today), color="#D55E00", linestyle="--", linewidth=1)
        ax.text(date_number(today), -0.9, f" today {today.date()}", color="#D55E00", fontsize=7,
                va="bottom", ha="left")
        ax.set_yticks(range(y))
        ax.set_yticklabels(labels, fontsize=7)
        for tick in ax.get_yticklabels():
            if tick.get_text() in {labels[h] for h in headers}:
                tick.set_fontweight("bold")
        ax.set_ylim(y - 0.5, -1.2)
        ax.set_xlim(x0, x1)
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=7))
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
        ax.grid(axis="y", visible=False)
        shown = f" (showing {len(preds)} of {n_all} forecasts)" if len(preds) < n_all else ""
        fig.suptitle(shorten(title + shown, 110), x=0.01, ha="left", fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
        handles = [Patch(color=OUTCOME_COLOURS[o], alpha=0.6, label=o) for o in _ORDER]
        handles += [Patch(facecolor="white", edgecolor="#777777", hatch="///", label="open-ended"),
                    Line2D([], [], marker="D", color="#777777", linestyle="", label="linked event"),
                    Line2D([], [], marker="o", color="black", linestyle="", markersize=3,
                           label="reported event (whisker: date precision)"),
                    Line2D([], [], color="#D55E00", linestyle="--", label="today")]
        fig.tight_layout(rect=(0, 0.55 / height, 1, 1))
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=5, fontsize=7,
                   frameon=False)
    return fig


def lane_order(predictions: pd.DataFrame, *, lane_col: str = "lane", max_lanes: int = 10 ** 6) -> list[str]:
    """Lanes in drawing order (largest first, unnamed lanes last)."""
    lane = _lanes(predictions, lane_col, max_lanes)
    counts = lane.value_counts()
    unnamed = ("(other subjects)", "(no subject)", "(no matching category)")
    return sorted(counts.index, key=lambda k: (k in unnamed, -counts[k], k))


def timeline_pages(predictions: pd.DataFrame, events: pd.DataFrame, links: pd.DataFrame, *, today,
                   lane_col: str = "lane", rows_per_page: int = 34, **kwargs) -> list:
    """The timeline split by lane into pages that each fit a report page.

    Lanes are packed in order into pages of at most ``rows_per_page`` rows; a lane longer than a
    page continues on the next page, so every forecast is drawn.  Every page has its own axis,
    legend and title naming its lanes.  Returns a list of Figures
    (empty without dated forecasts).

    Examples
    --------
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> from briefkit.forecasts.figures.timeline import timeline_pages
    >>> T = pd.Timestamp
    >>> preds = pd.DataFrame({"pred_id": ["p", "q"], "doc_id": ["d", "d"], "text": ["A will.", "B will."],
    ...     "lane": ["trade", "usfk"], "horizon_start": [T("2025-02-01")] * 2, "horizon_end": [pd.NaT] * 2})
    >>> figs = timeline_pages(preds, pd.DataFrame({"event_id": [], "date_start": [], "date_end": []}),
    ...                       pd.DataFrame({"pred_id": [], "event_id": []}), today=T("2026-01-01"),
    ...                       rows_per_page=2)
    >>> len(figs); [plt.close(f) for f in figs] and None
    2
    """
    if predictions.empty:
        return []
    lanes = _lanes(predictions, lane_col, 10 ** 6)
    per = max(rows_per_page - 1, 1)
    chunks = []  # (lane, pred_ids): a lane longer than a page continues on the next pages
    for lane in lane_order(predictions, lane_col=lane_col):
        ids = predictions.loc[lanes == lane].sort_values(["horizon_start", "pred_id"], kind="stable")["pred_id"]
        ids = ids.astype(str).tolist()
        for i in range(0, len(ids), per):
            chunks.append((lane, ids[i:i + per]))
    pages, page, used = [], [], 0
    for lane, ids in chunks:
        need = len(ids) + 1
        if page and used + need > rows_per_page:
            pages.append(page)
            page, used = [], 0
        page.append((lane, ids))
        used += need
    if page:
        pages.append(page)
    figs = []
    for i, page in enumerate(pages, start=1):
        names = list(dict.fromkeys(lane for lane, _ in page))
        ids = {x for _, chunk in page for x in chunk}
        title = f"Forecasts by lane, page {i} of {len(pages)}: " + ", ".join(names)
        figs.append(plot_timeline(predictions[predictions["pred_id"].astype(str).isin(ids)], events, links,
                                  today=today, lane_col=lane_col, lanes=names, show_events=False,
                                  max_forecasts=rows_per_page, title=title, **kwargs))
    return figs


def plot_timeline_overview(predictions: pd.DataFrame, events: pd.DataFrame, links: pd.DataFrame, *,
                           today, lane_col: str = "lane", title: str = "Overview: forecasts by lane, "
                           "events by category", **kwargs):
    """One row per lane (its forecasts drawn over each other) and the events by category.

    Examples
    --------
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> from briefkit.forecasts.figures.timeline import plot_timeline_overview
    >>> T = pd.Timestamp
    >>> preds = pd.DataFrame({"pred_id": ["p"], "doc_id": ["d"], "text": ["A will."], "lane": ["trade"],
    ...     "horizon_start": [T("2025-02-01")], "horizon_end": [pd.NaT]})
    >>> plt.close(plot_timeline_overview(preds, pd.DataFrame({"event_id": [], "date_start": [],
    ...     "date_end": []}), pd.DataFrame({"pred_id": [], "event_id": []}), today=T("2026-01-01")))
    """
    return plot_timeline(predictions, events, links, today=today, lane_col=lane_col, collapse=True,
                         max_forecasts=10 ** 6, max_lanes=30, title=title, **kwargs)
