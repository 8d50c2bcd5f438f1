"""Tests for briefkit.stance.plots: report-page size, too-few cells grey, byte-stable saves."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from briefkit.output.export import report_fit_problems, save_figure  # noqa: E402
from briefkit.stance.commitment import commitment_profile, commitment_scores  # noqa: E402
from briefkit.stance.plots import plot_commitment, plot_stance_heatmap  # noqa: E402
from briefkit.stance.stance import stance_table  # noqa: E402


def _table(n_groups=2, n_targets=2):
    rows, docs = [], []
    for g in range(n_groups):
        docs.append((f"d{g}", f"Author {g}"))
        for t in range(n_targets):
            k = 0 if (g, t) == (n_groups - 1, n_targets - 1) else 4
            rows += [(f"d{g}", f"t{t}", s) for s in [1, 1, -1, 0][:k]]
    return stance_table(pd.DataFrame(rows, columns=["doc_id", "target", "stance"]),
                        pd.DataFrame(docs, columns=["doc_id", "authors"]), n_boot=100)


def test_heatmap_cells_and_too_few_grey():
    fig = plot_stance_heatmap(_table())
    ax = fig.axes[0]
    cells = [p for p in ax.patches if isinstance(p, Rectangle)]
    hatched = [p for p in cells if p.get_hatch()]
    assert len(cells) == 4 and len(hatched) == 1
    assert matplotlib.colors.to_hex(hatched[0].get_facecolor()) == "#e6e6e6"
    texts = [t.get_text() for t in ax.texts]
    assert "+50%\n−25%\nn=4" in texts and "too few\nn=0" in texts
    plt.close(fig)


@pytest.mark.parametrize("n_groups, n_targets", [(2, 2), (5, 10), (24, 12)])
def test_heatmap_fits_a_report_page(n_groups, n_targets):
    fig = plot_stance_heatmap(_table(n_groups, n_targets))
    w, h = fig.get_size_inches()
    assert w <= 7.0 and h <= 9.5
    assert report_fit_problems(fig) == []
    plt.close(fig)


def test_heatmap_errors():
    with pytest.raises(KeyError):
        plot_stance_heatmap(pd.DataFrame({"group": []}))
    with pytest.raises(ValueError, match="empty"):
        plot_stance_heatmap(_table().iloc[:0])


def test_commitment_figure_fits_and_saves_byte_stable(tmp_path):
    s = commitment_scores(pd.DataFrame({"doc_id": ["a"] * 3 + ["b"], "text": ["May.", "Surely.", "Must.", "x"]}))
    prof = commitment_profile(s, pd.DataFrame({"doc_id": ["a", "b"], "authors": ["K", "L"]}), n_boot=100)
    fig = plot_commitment(prof)
    assert report_fit_problems(fig) == []
    plt.close(fig)
    a = save_figure(plot_commitment(prof), "03_c", out_dir=tmp_path / "1", formats=("png", "svg"))
    b = save_figure(plot_commitment(prof), "03_c", out_dir=tmp_path / "2", formats=("png", "svg"))
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
