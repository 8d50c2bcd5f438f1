"""Tests for briefkit.stance.plots: figures build, too-few cells are not coloured, saves are stable."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from briefkit.stance.commitment import commitment_profile, commitment_scores  # noqa: E402
from briefkit.export import save_figure  # noqa: E402
from briefkit.stance.plots import (evidence_side_by_side, plot_commitment,  # noqa: E402
                                   plot_stance_heatmap, plot_stance_intervals)

NAN = float("nan")


def _table():
    return pd.DataFrame({
        "group": ["A", "A", "B", "B"], "target": ["x", "y", "x", "y"], "label": ["X", "Y", "X", "Y"],
        "n_sentences": [5, 2, 4, 0], "score": [0.3, NAN, -0.2, NAN],
        "ci_low": [0.1, NAN, -0.4, NAN], "ci_high": [0.5, NAN, 0.0, NAN],
        "status": ["ok", "too few mentions", "ok", "too few mentions"]})


def test_heatmap_marks_too_few_cells_grey_and_hatched():
    fig = plot_stance_heatmap(_table())
    ax = fig.axes[0]
    cells = [p for p in ax.patches if isinstance(p, Rectangle)]
    hatched = [p for p in cells if p.get_hatch()]
    assert len(cells) == 4 and len(hatched) == 2
    assert all(matplotlib.colors.to_hex(p.get_facecolor()) == "#e6e6e6" for p in hatched)
    texts = [t.get_text() for t in ax.texts]
    assert "+0.30\n[+0.10, +0.50]\nn=5" in texts
    assert "too few\nn=2" in texts and "too few\nn=0" in texts
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B"]
    plt.close(fig)


def test_heatmap_limits_groups_and_says_so():
    t = pd.concat([_table().assign(group=g, n_sentences=_table()["n_sentences"] + i)
                   for i, g in enumerate("ABC")], ignore_index=True)
    fig = plot_stance_heatmap(t, max_groups=2)
    assert [x.get_text() for x in fig.axes[0].get_yticklabels()] == ["B", "C"]
    assert "1 groups with fewest mentions not shown" in fig.axes[0].get_title(loc="left")
    plt.close(fig)


def test_heatmap_errors():
    with pytest.raises(KeyError, match="stance_table"):
        plot_stance_heatmap(pd.DataFrame({"group": []}))
    with pytest.raises(ValueError, match="empty"):
        plot_stance_heatmap(_table().iloc[:0])


def test_intervals_and_commitment_figures_and_byte_stable_save(tmp_path):
    fig = plot_stance_intervals(_table())
    assert sum(ax.get_visible() for ax in fig.axes) == 2
    plt.close(fig)
    s = commitment_scores(pd.DataFrame({"doc_id": ["a"] * 3 + ["b"], "text": ["May.", "Surely.", "No.", "x"]}))
    prof = commitment_profile(s, pd.DataFrame({"doc_id": ["a", "b"], "group": ["K", "L"]}), n_boot=100)
    a = save_figure(plot_commitment(prof), "c", out_dir=tmp_path / "1", formats=("png", "svg"))
    b = save_figure(plot_commitment(prof), "c", out_dir=tmp_path / "2", formats=("png", "svg"))
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_evidence_side_by_side_layout():
    ev = pd.DataFrame({"group": ["A", "A", "B"], "target": ["jp"] * 3, "rank": [1, 2, 1],
                       "doc_id": ["d", "d", "e"], "start": [0, 20, 5], "end": [12, 40, 30],
                       "matched": ["Japan", "Tokyo", "Japan"],
                       "text": ["Japan is ok.", "Then Tokyo said no.", "We doubt Japan."],
                       "score": [0.3, -0.2, -0.4]})
    out = evidence_side_by_side(ev, "jp", top_n=3)
    assert out.columns.tolist() == ["A", "B"] and out.index.tolist() == [1, 2, 3]
    assert out.loc[2, "A"] == "[-0.20] Then [Tokyo] said no. (d:20-40)"
    assert out.loc[1, "B"] == "[-0.40] We doubt [Japan]. (e:5-30)"
    assert out.loc[2, "B"] == "" and out.loc[3, "A"] == ""
