"""Scorecard, reliability and uptake figures (7 in wide, at most 9.5 in tall, text >= 7 pt).

Functions take the tidy tables of :mod:`briefkit.forecasts.scoring.scorecard`,
:mod:`briefkit.forecasts.scoring.calibration` and :mod:`briefkit.forecasts.ledger.uptake` and return a Figure.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from briefkit.output.export import style
from briefkit.forecasts.figures.timeline import OUTCOME_COLOURS, empty_figure, date_number, shorten
from briefkit.groups import short_group

__all__ = ["plot_scorecard", "plot_reliability", "plot_uptake", "plot_uptake_timeline", "VERDICT_COLOURS"]

VERDICT_COLOURS = {"taken": "#009E73", "partly": "#E69F00", "not taken": "#D55E00",
                   "not checkable": "#AAAAAA", "unreviewed": "#FFFFFF"}


def plot_scorecard(card: pd.DataFrame, counts: pd.DataFrame, *, title: str = "Forecast scorecard"):
    """Per group: forecasts by outcome, hit rate, Brier score and Brier skill with intervals.

    ``card`` is :func:`briefkit.forecasts.scoring.scorecard.scorecard` (tidy: one row per group and
    measure), ``counts`` :func:`briefkit.forecasts.scoring.scorecard.resolution_counts`.  Dots are
    estimates, black lines their cluster-bootstrap intervals; the light bar behind a Brier
    score spans ``brier_band_min``..``brier_band_max`` (what the probability bands allow, not
    an interval).  Groups with too few forecasts say so.  At most 30 groups.

    Examples
    --------
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> from briefkit.forecasts.scoring.scorecard import resolution_counts, scorecard
    >>> from briefkit.forecasts.figures.scores import plot_scorecard
    >>> preds = pd.DataFrame({"pred_id": list("ab"), "doc_id": list("xy"), "group": ["Kim", "Lee"],
    ...     "p_point": [0.7, 0.4], "outcome": ["happened", "pending"]})
    >>> plt.close(plot_scorecard(scorecard(preds, n_boot=50), resolution_counts(preds)))
    """
    if counts.empty:
        return empty_figure("No forecasts to score.", title=title)
    counts = counts.head(30).reset_index(drop=True)
    groups = counts["group"].astype(str).tolist()
    n = len(groups)
    ys = np.arange(n)
    est = card.set_index(["group", "measure"]) if len(card) else None
    with style():
        height = min(9.3, 1.9 + 0.3 * n)
        fig, axes = plt.subplots(1, 4, figsize=(6.8, height), sharey=True,
                                 gridspec_kw={"width_ratios": [1.4, 1, 1, 1]})
        ax0 = axes[0]
        left = np.zeros(n)
        for outcome in ("happened", "partly", "did not happen", "ambiguous", "annulled", "pending"):
            vals = counts[outcome].to_numpy(dtype=float)
            ax0.barh(ys, vals, left=left, color=OUTCOME_COLOURS[outcome], alpha=0.8, label=outcome, height=0.6)
            left += vals
        ax0.set_xlim(0, max(left.max(), 1) * 1.1)
        ax0.set_xlabel("forecasts", fontsize=7)
        handles, labels = ax0.get_legend_handles_labels()
        for ax, measure, label, lim in ((axes[1], "hit_rate", "hit rate", (-0.02, 1.02)),
                                        (axes[2], "brier", "Brier (0 best)", (-0.02, 1.02)),
                                        (axes[3], "brier_skill", "skill vs base rate", None)):
            lo_all = []
            for yy, g in enumerate(groups):
                rec = est.loc[(g, measure)] if est is not None and (g, measure) in est.index else None
                if rec is None or pd.isna(rec["estimate"]):
                    ax.text(0.02, yy, "too few", va="center", fontsize=7, color="#555555",
                            transform=ax.get_yaxis_transform())
                    continue
                if measure == "brier" and pd.notna(rec["brier_band_min"]):
                    ax.barh(yy, rec["brier_band_max"] - rec["brier_band_min"], left=rec["brier_band_min"],
                            height=0.35, color="#56B4E9", alpha=0.5)
                if pd.notna(rec["ci_low"]):
                    ax.plot([rec["ci_low"], rec["ci_high"]], [yy, yy], color="black", linewidth=1)
                    lo_all += [rec["ci_low"], rec["ci_high"]]
                ax.plot([rec["estimate"]], [yy], "o", color="#0072B2", markersize=4)
                lo_all.append(rec["estimate"])
            if lim:
                ax.set_xlim(*lim)
            else:
                a = min(lo_all + [-0.1]) if lo_all else -1
                b = max(lo_all + [0.1]) if lo_all else 1
                ax.set_xlim(max(a, -3) - 0.05, min(b, 1) + 0.05)
                ax.axvline(0, color="#777777", linestyle=":", linewidth=0.8)
            ax.set_xlabel(label, fontsize=7)
            ax.tick_params(axis="x", labelsize=7)
        axes[2].axvline(0.25, color="#777777", linestyle=":", linewidth=0.8)
        ax0.set_yticks(ys)
        ax0.set_yticklabels([short_group(g, 28) for g in groups], fontsize=7)
        ax0.tick_params(axis="x", labelsize=7)
        ax0.set_ylim(n - 0.5, -0.7)
        for ax in axes:
            ax.grid(axis="y", visible=False)
        fig.suptitle(shorten(title, 80) + "\ndots: estimates; lines: 95% cluster bootstrap (none with fewer than 5 clusters)"
                     "\nlight bar: Brier range the bands allow; dotted: 0.25 (always 50%), 0 skill",
                     x=0.01, ha="left", fontsize=7)
        fig.tight_layout(rect=(0, 0.45 / height, 1, 1))
        fig.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=6, fontsize=7,
                   frameon=False)
    return fig


def plot_reliability(table: pd.DataFrame, *, title: str = "Reliability: stated probability vs outcome"):
    """Reliability diagram with Wilson 95% intervals and a count histogram below.

    Bins whose ``status`` is not ``ok`` (too few forecasts) are drawn hollow.

    Examples
    --------
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> from briefkit.forecasts.scoring.calibration import calibration_table
    >>> from briefkit.forecasts.figures.scores import plot_reliability
    >>> df = pd.DataFrame({"p_point": [0.9, 0.3], "outcome": ["happened", "did not happen"]})
    >>> plt.close(plot_reliability(calibration_table(df)))
    """
    if table.empty or int(table["n"].sum()) == 0:
        return empty_figure("No resolved forecasts with a probability yet: nothing to calibrate.",
                             title=title)
    with style():
        fig, (ax, axh) = plt.subplots(2, 1, figsize=(5, 5.6), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 1]})
        ax.plot([0, 1], [0, 1], color="#777777", linestyle=":", linewidth=1, label="perfect calibration")
        for rec in table[table["n"] > 0].to_dict("records"):
            few = str(rec.get("status", "ok")) != "ok"
            ax.plot([rec["mean_p"], rec["mean_p"]], [rec["ci_low"], rec["ci_high"]], color="#0072B2",
                    linewidth=1)
            ax.plot([rec["mean_p"]], [rec["estimate"]], "o", markersize=4 + 2 * np.sqrt(rec["n"]),
                    markerfacecolor="white" if few else "#0072B2", markeredgecolor="#0072B2")
            ax.annotate(f"n={rec['n']}", (rec["mean_p"], rec["estimate"]), textcoords="offset points",
                        xytext=(6, -3), fontsize=7)
        ax.plot([], [], "o", markerfacecolor="white", markeredgecolor="#0072B2", label="too few in bin")
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(-0.02, 1.02)
        ax.set_ylabel("observed frequency (95% Wilson CI)", fontsize=8)
        ax.set_title(title, loc="left", fontsize=9)
        ax.legend(fontsize=7, loc="upper left")
        centres = (table["bin_low"] + table["bin_high"]) / 2
        widths = table["bin_high"] - table["bin_low"]
        axh.bar(centres, table["n"], width=widths * 0.9, color="#56B4E9")
        axh.set_xlabel("stated probability (1 − p for negated forecasts)", fontsize=8)
        axh.yaxis.set_major_locator(MaxNLocator(integer=True))
        axh.set_ylabel("resolved", fontsize=8)
        fig.tight_layout()
    return fig


def plot_uptake(by_group: pd.DataFrame, *, title: str = "Recommendations and their uptake"):
    """Stacked bars per group: recommendations by the analyst's verdict (or unreviewed).

    Examples
    --------
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> from briefkit.forecasts.figures.scores import plot_uptake
    >>> t = pd.DataFrame({"group": ["Kim"], "n_recommendations": [3], "taken": [1], "partly": [1],
    ...     "not taken": [0], "not checkable": [1], "unreviewed": [0], "n_docs": [1]})
    >>> plt.close(plot_uptake(t))
    """
    if by_group.empty:
        return empty_figure("No recommendations found.", title=title)
    t = by_group.head(30).reset_index(drop=True)
    n = len(t)
    ys = np.arange(n)
    with style():
        height = min(9.3, 1.4 + 0.3 * n)
        fig, ax = plt.subplots(figsize=(6.8, height))
        left = np.zeros(n)
        for verdict, colour in VERDICT_COLOURS.items():
            vals = t[verdict].to_numpy(dtype=float)
            ax.barh(ys, vals, left=left, color=colour, edgecolor="#555555", linewidth=0.5, height=0.6,
                    label=verdict)
            left += vals
        ax.set_yticks(ys)
        ax.set_yticklabels([short_group(g, 30) for g in t["group"]], fontsize=7)
        ax.set_ylim(n - 0.5, -0.7)
        ax.set_xlabel("recommendations", fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
        fig.suptitle(shorten(title, 100), x=0.01, ha="left", fontsize=9)
        ax.grid(axis="y", visible=False)
        fig.tight_layout(rect=(0, 0.4 / height, 1, 1))
        fig.legend(loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=5, fontsize=7, frameon=False)
    return fig


def plot_uptake_timeline(links: pd.DataFrame, *, today, max_rows: int = 32,
                         title: str = "From recommendation to event"):
    """One row per (recommendation, event) link: a line from the document's publication date to
    the event's date, coloured by verdict (reviewed links first, then proposals).

    ``links`` needs ``rec_id, label, published, event_date, verdict``.

    Examples
    --------
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> from briefkit.forecasts.figures.scores import plot_uptake_timeline
    >>> t = pd.DataFrame({"rec_id": ["R1"], "label": ["Kim: invest"], "published": [pd.Timestamp("2025-02-01")],
    ...     "event_date": [pd.Timestamp("2025-07-30")], "verdict": ["taken"]})
    >>> plt.close(plot_uptake_timeline(t, today=pd.Timestamp("2026-01-01")))
    """
    dated = links.dropna(subset=["published", "event_date"])
    cut = (f"\nfirst {max_rows} of {len(dated)} links shown; all are in uptake.csv"
           if len(dated) > max_rows else "")  # say what is left out, never drop it silently
    t = dated.head(max_rows).reset_index(drop=True)
    if t.empty:
        return empty_figure("No recommendation is linked to a dated event.", title=title)
    n = len(t)
    today = pd.Timestamp(today)
    with style():
        height = min(9.3, 1.5 + 0.22 * n)
        fig, ax = plt.subplots(figsize=(6.8, height))
        for yy, rec in t.iterrows():
            colour = VERDICT_COLOURS.get(str(rec["verdict"]), "#AAAAAA")
            a, b = date_number(rec["published"]), date_number(rec["event_date"])
            ax.plot([a, b], [yy, yy], color=colour if colour != "#FFFFFF" else "#777777", linewidth=2)
            ax.plot([a], [yy], "|", color="black", markersize=7)
            ax.plot([b], [yy], "D", color=colour, markeredgecolor="black", markeredgewidth=0.5, markersize=5)
        ax.axvline(date_number(today), color="#D55E00", linestyle="--", linewidth=1)
        ax.set_yticks(range(n))
        ax.set_yticklabels([shorten(x, 46) for x in t["label"]], fontsize=7)
        ax.set_ylim(n - 0.5, -0.7)
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=7))
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
        ax.tick_params(axis="x", labelsize=7)
        fig.suptitle(shorten(title, 80) + "  (|: publication; diamond: event, coloured by verdict)" + cut,
                     x=0.01, ha="left", fontsize=8)
        ax.grid(axis="y", visible=False)
        handles = [plt.Line2D([], [], color=c if c != "#FFFFFF" else "#777777", linewidth=2, label=v)
                   for v, c in VERDICT_COLOURS.items() if v != "unreviewed"]
        fig.tight_layout(rect=(0, 0.4 / height, 1, 1))
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=4, fontsize=7,
                   frameon=False)
    return fig
