"""Figures for forecasts and events: swimlane timeline, scorecard, reliability diagram.

All functions take DataFrames, draw inside :func:`briefkit.export.style` and
return a matplotlib Figure (save with :func:`briefkit.export.save_figure`).
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

from briefkit.export import style

__all__ = ["OUTCOME_COLOURS", "plot_timeline", "plot_scorecard", "plot_reliability"]

#: Colour per outcome (Okabe-Ito; grey for pending).
OUTCOME_COLOURS = {"happened": "#009E73", "partly": "#E69F00", "did not happen": "#D55E00",
                   "ambiguous": "#CC79A7", "annulled": "#000000", "pending": "#AAAAAA"}
_ORDER = list(OUTCOME_COLOURS)


def _num(ts) -> float:
    return float(mdates.date2num(pd.Timestamp(ts).to_pydatetime()))


def _short(text, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: max(width - 1, 1)].rstrip() + "…"


def _empty_figure(message: str, *, title: str = ""):
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
    return _short(prefix + base, label_chars)


def plot_timeline(predictions: pd.DataFrame, events: pd.DataFrame, links: pd.DataFrame, *, today,
                  lane_col: str = "subject", max_lanes: int = 12, max_forecasts: int = 80,
                  max_event_lanes: int = 10, label_chars: int = 70, horizon_cap_years: float = 3.0,
                  title: str = "Forecasts and reported events"):
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
        ``pred_id, event_id`` (:func:`briefkit.forecasts.links.propose_links`).
    today : date-like
        Position of the "today" line and end of open-ended bars.
    max_forecasts : int, default 80
        At most this many rows: linked or reviewed forecasts first, then the
        most recent; the title says how many are shown.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> from briefkit.forecasts.plots import plot_timeline
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
        missing = [c for c in cols if c not in frame.columns]
        if missing:
            raise KeyError(f"{name} lacks column(s) {missing}")
    if max_forecasts < 1 or max_lanes < 1:
        raise ValueError("max_forecasts and max_lanes must be >= 1")
    preds = predictions.copy()
    if "outcome" not in preds.columns:
        preds["outcome"] = "pending"
    pub = preds["published"] if "published" in preds.columns else preds["horizon_start"]
    preds["_pub"] = pd.to_datetime(pub).fillna(pd.to_datetime(preds["horizon_start"]))
    preds = preds[preds["_pub"].notna()]
    if preds.empty:
        return _empty_figure("No dated forecasts to draw.", title=title)
    n_all = len(preds)
    preds = _select(preds, links, max_forecasts)
    preds["_lane"] = _lanes(preds, lane_col, max_lanes)
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
    x0, x1 = _num(left - pad), _num(right + pad)

    rows, labels, headers = [], [], []
    y = 0
    for lane in lane_order:
        headers.append(y)
        labels.append(_short(f"{lane}  ({counts[lane]})", label_chars))
        y += 1
        in_lane = preds[preds["_lane"] == lane].sort_values(["_pub", "pred_id"], kind="stable")
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
    if ev_lanes:
        headers.append(y)
        labels.append("Reported events, by category")
        y += 1
        for lane in ev_lanes:
            ev_y[lane] = y
            labels.append(_short(lane, label_chars))
            y += 1

    with style():
        fig, ax = plt.subplots(figsize=(11, 1.6 + 0.24 * y))
        row_of = {}
        for yy, rec in rows:
            row_of[rec["pred_id"]] = (yy, rec)
            colour = OUTCOME_COLOURS.get(str(rec["outcome"]), "#AAAAAA")
            start = _num(rec["_pub"])
            end_ts = pd.Timestamp(rec["horizon_end"]) if pd.notna(rec["horizon_end"]) else pd.NaT
            resolved = pd.to_datetime(str(rec.get("resolved_on", "") or ""), errors="coerce")
            if str(rec["outcome"]) == "annulled" and pd.notna(resolved):
                end_ts = resolved  # the forecast stopped being live when its condition failed
            open_ended = pd.isna(end_ts) or end_ts > right + pad
            end = x1 if open_ended else _num(end_ts)
            ax.barh(yy, max(end - start, 2.0), left=start, height=0.55, color=colour,
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
                a, b = _num(rec.date_start), _num(rec.date_end)
                ax.errorbar([(a + b) / 2], [yy], xerr=[[(b - a) / 2], [(b - a) / 2]], fmt="D",
                            color=colour, markeredgecolor="black", markeredgewidth=0.5, markersize=5,
                            capsize=2, linewidth=1)
        for lane, yy in ev_y.items():
            sub = evs[cat == lane]
            a = np.array([_num(d) for d in sub["date_start"]])
            b = np.array([_num(d) for d in sub["date_end"]])
            ax.errorbar((a + b) / 2, np.full(len(a), yy), xerr=[(b - a) / 2, (b - a) / 2], fmt="o",
                        color="black", markersize=3, capsize=1.5, linewidth=0.8, alpha=0.8)
        ax.axvline(_num(today), color="#D55E00", linestyle="--", linewidth=1)
        ax.text(_num(today), -0.9, f" today {today.date()}", color="#D55E00", fontsize=8,
                va="bottom", ha="left")
        ax.set_yticks(range(y))
        ax.set_yticklabels(labels, fontsize=7)
        for tick in ax.get_yticklabels():
            if tick.get_text() in {labels[h] for h in headers}:
                tick.set_fontweight("bold")
        ax.set_ylim(y - 0.5, -1.2)
        ax.set_xlim(x0, x1)
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=12))
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
        ax.grid(axis="y", visible=False)
        shown = f" (showing {len(preds)} of {n_all} forecasts)" if len(preds) < n_all else ""
        ax.set_title(title + shown, loc="left")
        handles = [Patch(color=OUTCOME_COLOURS[o], alpha=0.6, label=o) for o in _ORDER]
        handles += [Patch(facecolor="white", edgecolor="#777777", hatch="///", label="open-ended"),
                    Line2D([], [], marker="D", color="#777777", linestyle="", label="linked event"),
                    Line2D([], [], marker="o", color="black", linestyle="", markersize=3,
                           label="reported event (whisker: date precision)"),
                    Line2D([], [], color="#D55E00", linestyle="--", label="today")]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.6 / max(y, 4)),
                  ncol=6, fontsize=7)
        fig.tight_layout()
    return fig


def plot_scorecard(card: pd.DataFrame, *, title: str = "Forecast scorecard"):
    """Three panels per group: outcome counts, hit rate (Wilson 95% CI), Brier score.

    The Brier panel shows the point score (dot), the range implied by the
    probability bands (thick bar, ``brier_low``..``brier_high``) and the
    bootstrap 95% interval (thin whisker). Groups with too few resolved
    forecasts say so instead of showing a rate.

    Examples
    --------
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> from briefkit.forecasts.scorecard import scorecard
    >>> from briefkit.forecasts.plots import plot_scorecard
    >>> preds = pd.DataFrame({"pred_id": list("ab"), "group": ["Kim", "Lee"], "conditional": [False] * 2,
    ...     "p_point": [0.7, 0.4], "outcome": ["happened", "pending"]})
    >>> plt.close(plot_scorecard(scorecard(preds)))
    """
    if card.empty:
        return _empty_figure("No forecasts to score.", title=title)
    card = card.reset_index(drop=True)
    n = len(card)
    ys = np.arange(n)
    with style():
        # tight_layout, not constrained layout: the constrained solver's float noise changes SVG
        # clip ids between runs, and figures must reproduce byte for byte.
        fig, axes = plt.subplots(1, 3, figsize=(11, 1.8 + 0.38 * n), sharey=True,
                                 gridspec_kw={"width_ratios": [1.3, 1, 1]})
        ax0, ax1, ax2 = axes
        left = np.zeros(n)
        cols = {"happened": "n_happened", "partly": "n_partly", "did not happen": "n_not_happened",
                "ambiguous": "n_ambiguous", "annulled": "n_annulled", "pending": "n_pending"}
        for outcome, col in cols.items():
            vals = card[col].to_numpy(dtype=float)
            ax0.barh(ys, vals, left=left, color=OUTCOME_COLOURS[outcome], alpha=0.8, label=outcome,
                     height=0.6)
            left += vals
        for yy, rec in zip(ys, card.itertuples(index=False)):
            ax0.text(left[yy], yy, f" {rec.n_forecasts} ({rec.n_conditional} cond.)", va="center",
                     fontsize=7)
        ax0.set_xlim(0, max(left.max(), 1) * 1.35)
        ax0.set_xlabel("forecasts (by outcome)")
        handles, labels = ax0.get_legend_handles_labels()
        for ax, col, lo, hi, label in ((ax1, "hit_rate", "hit_ci_low", "hit_ci_high",
                                        "hit rate (95% Wilson CI)"),
                                       (ax2, "brier", "brier_ci_low", "brier_ci_high",
                                        "Brier (bar: band; line: 95% bootstrap)")):
            for yy, rec in zip(ys, card.to_dict("records")):
                if pd.isna(rec[col]):
                    ax.text(0.02, yy, f"too few (n resolved = {rec['n_resolved']})", va="center",
                            fontsize=7, color="#555555")
                    continue
                if col == "brier" and pd.notna(rec["brier_low"]):
                    ax.barh(yy, rec["brier_high"] - rec["brier_low"], left=rec["brier_low"], height=0.35,
                            color="#56B4E9", alpha=0.6)
                if pd.notna(rec[lo]):
                    ax.plot([rec[lo], rec[hi]], [yy, yy], color="black", linewidth=1)
                ax.plot([rec[col]], [yy], "o", color="#0072B2", markersize=5)
            ax.set_xlim(-0.02, 1.02)
            ax.set_xlabel(label)
        ax2.axvline(0.25, color="#777777", linestyle=":", linewidth=0.8)
        ax2.text(0.25, -0.7, "always 0.5", fontsize=6, color="#777777", ha="center")
        ax0.set_yticks(ys)
        ax0.set_yticklabels([_short(g, 40) for g in card["group"]], fontsize=8)
        ax0.set_ylim(n - 0.5, -1)
        for ax in axes:
            ax.grid(axis="y", visible=False)
        if str(card["group"].iloc[-1]) == "(all forecasts)" and n > 1:
            for ax in axes:
                ax.axhline(n - 1.5, color="#555555", linewidth=0.6)
        fig.suptitle(title, x=0.01, ha="left")
        height = fig.get_size_inches()[1]
        fig.tight_layout(rect=(0, 0.35 / height, 1, 1))
        fig.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=6, fontsize=7)
    return fig


def plot_reliability(table: pd.DataFrame, *, title: str = "Reliability: stated probability vs outcome"):
    """Reliability diagram with Wilson 95% intervals and a count histogram below.

    Bins with fewer forecasts than the table's ``min_n`` (note "too few") are drawn hollow.

    Examples
    --------
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> from briefkit.forecasts.scorecard import reliability_table
    >>> from briefkit.forecasts.plots import plot_reliability
    >>> df = pd.DataFrame({"p_point": [0.9, 0.3], "outcome": ["happened", "did not happen"]})
    >>> plt.close(plot_reliability(reliability_table(df)))
    """
    if table.empty or int(table["n"].sum()) == 0:
        return _empty_figure("No resolved forecasts with a probability yet: nothing to calibrate.",
                             title=title)
    with style():
        fig, (ax, axh) = plt.subplots(2, 1, figsize=(5, 5.6), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 1]})
        ax.plot([0, 1], [0, 1], color="#777777", linestyle=":", linewidth=1, label="perfect calibration")
        sub = table[table["n"] > 0]
        for rec in sub.to_dict("records"):
            few = bool(str(rec.get("note", "")).strip())
            ax.plot([rec["mean_p"], rec["mean_p"]], [rec["ci_low"], rec["ci_high"]], color="#0072B2",
                    linewidth=1)
            ax.plot([rec["mean_p"]], [rec["observed"]], "o", markersize=4 + 2 * np.sqrt(rec["n"]),
                    markerfacecolor="white" if few else "#0072B2", markeredgecolor="#0072B2")
            ax.annotate(f"n={rec['n']}", (rec["mean_p"], rec["observed"]), textcoords="offset points",
                        xytext=(6, -3), fontsize=7)
        ax.plot([], [], "o", markerfacecolor="white", markeredgecolor="#0072B2", label="too few in bin")
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(-0.02, 1.02)
        ax.set_ylabel("observed frequency (95% Wilson CI)")
        ax.set_title(title, loc="left")
        ax.legend(fontsize=7, loc="upper left")
        centres = (table["bin_low"] + table["bin_high"]) / 2
        widths = table["bin_high"] - table["bin_low"]
        axh.bar(centres, table["n"], width=widths * 0.9, color="#56B4E9")
        axh.set_xlabel("stated probability (p_point; 1 − p_point for negated forecasts)")
        axh.yaxis.set_major_locator(MaxNLocator(integer=True))
        axh.set_ylabel("resolved")
        fig.tight_layout()
    return fig
