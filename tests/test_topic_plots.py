import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")

from briefkit.output.export import save_figure
from briefkit.topics.plots import plot_k_diagnostics, plot_topic_dates, plot_topic_terms
from briefkit.topics.plots_groups import plot_group_contrast, plot_group_topics, plot_guided_shares


def _shares():
    return pd.DataFrame({"group": ["Kim", "Kim", "Lee", "Lee"], "topic_id": [1, 2, 1, 2],
                         "estimate": [0.7, 0.3, 0.4, 0.6], "ci_low": [0.5, 0.1, np.nan, np.nan],
                         "ci_high": [0.9, 0.5, np.nan, np.nan], "n": [12, 12, 2, 2]})


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
    many = pd.concat([_shares().iloc[:2].assign(group=f"g{i:02d}", n=i + 5)
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
                      "estimate": [0.6, 0.4, 0.2, 0.8], "ci_low": [0.4, 0.2, np.nan, np.nan],
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
                      "estimate": [0.6, 0.4, 0.2, 0.8], "ci_low": np.nan, "ci_high": np.nan})
    day = pd.Timestamp("2009-12-09")
    docs = pd.DataFrame({"doc_id": ["a", "b"], "published": [day, day],
                         "date_precision": ["day", "day"]})
    fig = plot_topic_dates(s, docs)
    assert any("same date" in t.get_text() for t in fig.texts)


def test_dates_plot_many_documents_draws_yearly_means():
    n = 80
    ids = [f"d{i:02d}" for i in range(n)]
    s = pd.DataFrame({"doc_id": np.repeat(ids, 2), "topic_id": np.tile([1, 2], n),
                      "estimate": np.tile([0.25, 0.75], n), "ci_low": np.nan, "ci_high": np.nan})
    docs = pd.DataFrame({"doc_id": ids,
                         "published": [pd.Timestamp(2020 + i % 3, 1, 1) for i in range(n)],
                         "date_precision": "year"})
    fig = plot_topic_dates(s, docs)
    line = fig.axes[0].get_lines()[-1]
    assert list(line.get_ydata()) == [0.25, 0.25, 0.25]
    assert any("calendar year" in t.get_text() for t in fig.texts)


def test_every_topic_figure_fits_a_report_page_at_many_topics_and_groups(tmp_path):
    from briefkit.output.export import report_fit_problems

    k, groups = 12, [f"author number {i}" for i in range(25)]
    shares = pd.DataFrame([(g, t, 1 / k, 0.5 / k, 1.5 / k, 0.95, 30, "ok", 2) for g in groups
                           for t in range(1, k + 1)],
                          columns=["group", "topic_id", "estimate", "ci_low", "ci_high", "level", "n",
                                   "status", "n_docs"])
    labels = [f"a rather long label number {t} / with phrases" for t in range(1, k + 1)]
    terms = pd.DataFrame([(t, f"term {t} {i}", 1 / (i + 1), i + 1, i + 1) for t in range(1, k + 1)
                          for i in range(15)],
                         columns=["topic_id", "term", "weight", "rank_weight", "rank_frex"])
    diag = pd.DataFrame({"k": range(2, 13), "coherence": 0.1, "exclusivity": 0.8, "stability": 0.9,
                         "heldout_error": 0.8, "degenerate": [""] * 10 + ["one topic holds 0.9"]})
    docs = pd.DataFrame({"doc_id": groups, "published": pd.Timestamp("2025-01-01"),
                         "date_precision": "day"})
    figs = {
        "k": plot_k_diagnostics(diag, chosen_k=3),
        "terms": plot_topic_terms(terms, labels=labels),
        "heat": plot_group_topics(shares, labels=labels),
        "contrast": plot_group_contrast(shares, labels=labels),
        "guided": plot_guided_shares(shares.assign(target=shares["topic_id"].astype(str))),
        "dates": plot_topic_dates(shares.rename(columns={"group": "doc_id"}), docs, labels=labels),
    }
    for name, fig in figs.items():
        assert report_fit_problems(fig) == [], name
        assert save_figure(fig, f"02_{name}", out_dir=tmp_path, alt=name)


def test_contrast_marks_one_document_groups_with_open_dots():
    c = pd.DataFrame({"group": ["Kim", "Lee"], "topic_id": [1, 1], "estimate": [0.2, -0.2],
                      "ci_low": [0.1, np.nan], "ci_high": [0.3, np.nan], "n": 5, "n_docs": [2, 1]})
    fig = plot_group_contrast(c)
    open_dots = [ln for ln in fig.axes[0].get_lines() if ln.get_markerfacecolor() == "white"]
    assert len(open_dots) == 1 and list(open_dots[0].get_xdata()) == [-0.2]
