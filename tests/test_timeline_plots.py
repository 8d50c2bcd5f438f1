"""Tests for briefkit.forecasts.plots: figures build on normal and degenerate input, reproducibly."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from briefkit.export import save_figure  # noqa: E402
from briefkit.forecasts.scorecard import reliability_table, scorecard  # noqa: E402
from briefkit.forecasts.plots import plot_reliability, plot_scorecard, plot_timeline  # noqa: E402

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
    assert "showing 5 of 30" in fig.axes[0].get_title(loc="left")
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
    card = scorecard(PREDS, min_n=1)
    fig = plot_scorecard(card)
    assert len(fig.axes) == 3
    plt.close(fig)
    fig = plot_reliability(reliability_table(PREDS))
    assert len(fig.axes) == 2
    plt.close(fig)
    empty = plot_reliability(reliability_table(PREDS.assign(outcome="pending")))
    assert "nothing to calibrate" in empty.axes[0].texts[0].get_text()
    plt.close(empty)
    plt.close(plot_scorecard(card.iloc[:0]))


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
    card = scorecard(PREDS, min_n=1)
    rel = reliability_table(PREDS)
    for name, make in (("sc", lambda: plot_scorecard(card)), ("rel", lambda: plot_reliability(rel))):
        a = save_figure(make(), name, out_dir=tmp_path / "a", formats=("png", "svg"))
        b = save_figure(make(), name, out_dir=tmp_path / "b", formats=("png", "svg"))
        assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
