"""Tests for briefkit.forecasts.figures.timeline: figures build on normal and degenerate input, reproducibly."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from briefkit.output.export import save_figure  # noqa: E402
from briefkit.output.export import report_fit_problems  # noqa: E402
from briefkit.forecasts.scoring.calibration import calibration_table  # noqa: E402
from briefkit.forecasts.figures.timeline import plot_timeline, plot_timeline_overview, timeline_pages  # noqa: E402
from briefkit.forecasts.figures.scores import (plot_reliability, plot_scorecard, plot_uptake,  # noqa: E402
                                               plot_uptake_timeline)
from briefkit.forecasts.scoring.scorecard import resolution_counts, scorecard  # noqa: E402

T = pd.Timestamp
TODAY = T("2026-11-21")
PREDS = pd.DataFrame({
    "pred_id": ["p1", "p2", "p3"], "doc_id": ["a", "a", "b"], "subject": ["tariffs", "troops", ""],
    "cue": ["will", "would", "may"], "conditional": [False, True, False],
    "text": ["Tariffs on Korean cars will rise sharply over the coming months, hurting exporters.",
             "If re-elected, he would cut troops.", "Talks may resume."],
    "published": [T("2025-02-05"), T("2020-01-01"), T("2025-03-01")],
    "horizon_start": [T("2025-02-05"), T("2020-01-01"), T("2025-03-01")],
    "horizon_end": [pd.NaT, T("2021-12-31"), T("2035-12-31")],
    "p_point": [0.875, 0.675, 0.5], "outcome": ["happened", "annulled", "pending"],
    "group": ["Kim", "Kim", "Lee"]})
EVENTS = pd.DataFrame({"event_id": ["E1", "X1"], "date_start": [T("2025-03-26"), T("2025-07-01")],
                       "date_end": [T("2025-03-26"), T("2025-07-31")], "category": ["trade", ""],
                       "source": ["https://x", "text:b"]})
LINKS = pd.DataFrame({"pred_id": ["p1"], "event_id": ["E1"]})


def labels(fig):
    return [t.get_text() for t in fig.axes[0].get_yticklabels()]


def test_timeline_lanes_labels_and_events():
    fig = plot_timeline(PREDS, EVENTS, LINKS, today=TODAY, label_chars=40)
    got = labels(fig)
    assert "tariffs (1)" in got and "(no subject) (1)" in got and "Reported events, by category" in got
    assert "(reported in the texts)" in got and "trade" in got
    assert any(lbl.startswith("[if] ") for lbl in got)
    assert all(len(lbl) <= 40 for lbl in got)
    plt.close(fig)


def test_timeline_caps_rows_and_says_so():
    many = pd.concat([PREDS.assign(pred_id=PREDS["pred_id"] + f"_{i}") for i in range(10)], ignore_index=True)
    fig = plot_timeline(many, EVENTS, LINKS, today=TODAY, max_forecasts=5, max_lanes=1)
    assert "showing 5 of 30" in fig._suptitle.get_text()
    assert any(lbl.startswith("(other subjects)") for lbl in labels(fig)) or len(labels(fig)) <= 12
    plt.close(fig)


def test_timeline_degenerate_inputs():
    for fig in (plot_timeline(PREDS.iloc[:0], EVENTS, LINKS, today=TODAY),
                plot_timeline(PREDS, EVENTS.iloc[:0], LINKS.iloc[:0], today=TODAY),
                plot_timeline(PREDS.drop(columns=["outcome", "published"]), EVENTS, LINKS, today=TODAY)):
        assert isinstance(fig, matplotlib.figure.Figure)
        plt.close(fig)
    with pytest.raises(ValueError, match="today"):
        plot_timeline(PREDS, EVENTS, LINKS, today=pd.NaT)
    with pytest.raises(KeyError, match="horizon_end"):
        plot_timeline(PREDS.drop(columns="horizon_end"), EVENTS, LINKS, today=TODAY)


def test_scorecard_and_reliability_figures():
    card = scorecard(PREDS, min_n=1, n_boot=50)
    fig = plot_scorecard(card, resolution_counts(PREDS))
    assert len(fig.axes) == 4 and report_fit_problems(fig) == []
    plt.close(fig)
    fig = plot_reliability(calibration_table(PREDS))
    assert len(fig.axes) == 2
    plt.close(fig)
    empty = plot_reliability(calibration_table(PREDS.assign(outcome="pending")))
    assert "nothing to calibrate" in empty.axes[0].texts[0].get_text()
    plt.close(empty)
    plt.close(plot_scorecard(card.iloc[:0], resolution_counts(PREDS).iloc[:0]))


def test_timeline_saves_byte_identical(tmp_path):
    a = save_figure(plot_timeline(PREDS, EVENTS, LINKS, today=TODAY), "t", out_dir=tmp_path / "a",
                    formats=("png", "svg"))
    b = save_figure(plot_timeline(PREDS, EVENTS, LINKS, today=TODAY), "t", out_dir=tmp_path / "b",
                    formats=("png", "svg"))
    for x, y in zip(a, b):
        assert x.read_bytes() == y.read_bytes()


def test_unnamed_lanes_last():
    got = [lbl for lbl in labels(plot_timeline(PREDS, EVENTS, LINKS, today=TODAY)) if lbl.endswith("(1)")]
    assert got[-1] == "(no subject) (1)"
    plt.close("all")


def test_scorecard_and_reliability_save_byte_identical(tmp_path):
    card = scorecard(PREDS, min_n=1, n_boot=50)
    counts = resolution_counts(PREDS)
    rel = calibration_table(PREDS)
    for name, make in (("sc", lambda: plot_scorecard(card, counts)), ("rel", lambda: plot_reliability(rel))):
        a = save_figure(make(), name, out_dir=tmp_path / "a", formats=("png", "svg"))
        b = save_figure(make(), name, out_dir=tmp_path / "b", formats=("png", "svg"))
        assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def _many(n_lanes=9, per_lane=12):
    rows = []
    for i in range(n_lanes):
        for j in range(per_lane):
            rows.append({"pred_id": f"p{i}_{j}", "doc_id": f"doc{j % 3}", "lane": f"lane {i}",
                         "cue": "will", "conditional": j % 4 == 0, "outcome": ["happened", "pending"][j % 2],
                         "text": "A long forecast sentence about alliance cost sharing and tariffs " * 2,
                         "published": T("2025-02-05"), "horizon_start": T("2025-02-05"),
                         "horizon_end": T("2026-12-31") if j % 3 else pd.NaT})
    return pd.DataFrame(rows)


def test_every_timeline_page_and_the_overview_fit_a_report_page():
    preds = _many()
    figs = timeline_pages(preds, EVENTS, LINKS, today=TODAY, lane_col="lane", rows_per_page=34)
    assert len(figs) == 5  # 9 lanes of 13 rows (12 forecasts + header), two lanes a page, the last alone
    for fig in figs:
        assert report_fit_problems(fig) == [], report_fit_problems(fig)
        assert fig.axes[0].get_xlabel() == "" and fig.legends  # axis and legend on every page
        plt.close(fig)
    over = plot_timeline_overview(preds, EVENTS, LINKS, today=TODAY, lane_col="lane")
    assert report_fit_problems(over) == []
    assert "lane 0 (12)" in labels(over)
    plt.close(over)


def test_scorecard_with_many_groups_and_uptake_figures_fit():
    preds = _many(3, 10).assign(group=lambda d: "author " + d["pred_id"].str.slice(1, 4),
                                p_point=0.875)
    fig = plot_scorecard(scorecard(preds, n_boot=50), resolution_counts(preds))
    assert report_fit_problems(fig) == []
    plt.close(fig)
    up = pd.DataFrame({"group": [f"g{i}" for i in range(25)], "n_recommendations": 3, "taken": 1,
                       "partly": 1, "not taken": 0, "not checkable": 1, "unreviewed": 0, "n_docs": 1})
    for fig in (plot_uptake(up), plot_uptake_timeline(pd.DataFrame({
            "rec_id": [f"R{i}" for i in range(40)], "label": ["Kim: a recommendation to invest"] * 40,
            "published": T("2025-02-01"), "event_date": T("2025-07-30"), "verdict": "taken"}), today=TODAY)):
        assert report_fit_problems(fig) == []
        plt.close(fig)


def test_a_lane_longer_than_a_page_continues_and_nothing_is_dropped():
    preds = _many(1, 50)
    figs = timeline_pages(preds, EVENTS, LINKS, today=TODAY, lane_col="lane", rows_per_page=34)
    rows = sum(len([t for t in labels(f) if "·" in t]) for f in figs)
    assert len(figs) == 2 and rows == 50
    for f in figs:
        assert "showing" not in f._suptitle.get_text()
        plt.close(f)
