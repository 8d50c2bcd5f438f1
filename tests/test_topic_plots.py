import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")

from briefkit.export import save_figure
from briefkit.topics.plots import (plot_group_topics, plot_k_diagnostics, plot_topic_dates,
                                  plot_topic_terms)


def _shares():
    return pd.DataFrame({"group": ["Kim", "Kim", "Lee", "Lee"], "topic_id": [1, 2, 1, 2],
                         "share": [0.7, 0.3, 0.4, 0.6], "ci_low": [0.5, 0.1, np.nan, np.nan],
                         "ci_high": [0.9, 0.5, np.nan, np.nan], "n_passages": [12, 12, 2, 2]})


def test_k_diagnostics_marks_chosen_and_recommended():
    d = pd.DataFrame({"k": [2, 3, 4], "coherence": [0.1, 0.2, 0.15], "exclusivity": [0.9, 0.8, 0.7],
                      "stability": [0.95, 0.9, 0.7], "stability_sd": [0.01, 0.02, 0.1],
                      "stability_min": [0.9, 0.85, 0.4]})
    fig = plot_k_diagnostics(d, chosen_k=4, recommended_k=3)
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "chosen K=4" in labels and "recommended K=3" in labels
    with pytest.raises(KeyError, match="stability"):
        plot_k_diagnostics(d.drop(columns="stability"))


def test_heatmap_annotates_intervals_and_too_few():
    fig = plot_group_topics(_shares(), labels=["trade", "nuclear"])
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "0.70\n[0.50, 0.90]" in texts
    assert "0.40\n(too few)" in texts
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks == ["Kim (n=12)", "Lee (n=2)"]


def test_heatmap_caps_groups():
    many = pd.concat([_shares().iloc[:2].assign(group=f"g{i:02d}", n_passages=i + 5)
                      for i in range(40)])
    fig = plot_group_topics(many, max_groups=10)
    assert len(fig.axes[0].get_yticklabels()) == 10
    assert "10 of 40" in fig.axes[0].get_title()


def test_terms_plot_one_panel_per_topic():
    t = pd.DataFrame({"topic_id": [1, 1, 2, 3], "term": ["a", "b", "c", "d"],
                      "weight": [0.5, 0.2, 0.9, 0.3], "rank_weight": [1, 2, 1, 1],
                      "rank_frex": [1, 12, 1, 1]})
    fig = plot_topic_terms(t, labels=["x", "y", "z"])
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == 3 and visible[0].get_title(loc="left") == "T1: x"


def test_dates_plot_names_undated_documents(tmp_path):
    s = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "topic_id": [1, 2, 1, 2],
                      "share": [0.6, 0.4, 0.2, 0.8], "ci_low": [0.4, 0.2, np.nan, np.nan],
                      "ci_high": [0.8, 0.6, np.nan, np.nan]})
    docs = pd.DataFrame({"doc_id": ["a", "b"], "published": [pd.Timestamp("2025-03-01"), pd.NaT],
                         "date_precision": ["month", ""]})
    fig = plot_topic_dates(s, docs)
    assert any("Undated" in t.get_text() and "b" in t.get_text() for t in fig.texts)
    paths = save_figure(fig, "dates", out_dir=tmp_path)
    assert [p.suffix for p in paths] == [".png", ".svg", ".pdf"]


def test_figures_are_byte_identical(tmp_path):
    a = save_figure(plot_group_topics(_shares()), "g", out_dir=tmp_path / "a")
    b = save_figure(plot_group_topics(_shares()), "g", out_dir=tmp_path / "b")
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b))


def test_dates_plot_says_when_all_documents_share_one_date():
    s = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "topic_id": [1, 2, 1, 2],
                      "share": [0.6, 0.4, 0.2, 0.8], "ci_low": np.nan, "ci_high": np.nan})
    day = pd.Timestamp("2009-12-09")
    docs = pd.DataFrame({"doc_id": ["a", "b"], "published": [day, day],
                         "date_precision": ["day", "day"]})
    fig = plot_topic_dates(s, docs)
    assert any("same date" in t.get_text() for t in fig.texts)


def test_dates_plot_many_documents_draws_yearly_means():
    n = 80
    ids = [f"d{i:02d}" for i in range(n)]
    s = pd.DataFrame({"doc_id": np.repeat(ids, 2), "topic_id": np.tile([1, 2], n),
                      "share": np.tile([0.25, 0.75], n), "ci_low": np.nan, "ci_high": np.nan})
    docs = pd.DataFrame({"doc_id": ids,
                         "published": [pd.Timestamp(2020 + i % 3, 1, 1) for i in range(n)],
                         "date_precision": "year"})
    fig = plot_topic_dates(s, docs)
    line = fig.axes[0].get_lines()[-1]
    assert list(line.get_ydata()) == [0.25, 0.25, 0.25]
    assert any("calendar year" in t.get_text() for t in fig.texts)
