"""Tests for briefkit.paths and briefkit.output.export: folders from the environment, byte-identical outputs."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from briefkit import paths  # noqa: E402
from briefkit.output.export import PALETTE, save_figure, save_table, style  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def make_figure():
    with style():
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.bar(["shin", "yang", "vekasi"], [1861, 971, 1516], label="words")
        ax.plot([0, 1, 2], [900, 1200, 1000], marker="o", label="sentences")
        ax.set_title("Words per document")
        ax.legend()
    return fig


def test_project_root_and_defaults(monkeypatch):
    monkeypatch.delenv("BRIEFKIT_ROOT", raising=False)
    monkeypatch.delenv("BRIEFKIT_CORPUS", raising=False)
    monkeypatch.delenv("BRIEFKIT_FIGURES", raising=False)
    assert paths.project_root() == ROOT
    assert paths.corpus_dir() == ROOT / "corpus"
    assert paths.figures_dir(create=False) == ROOT / "figures"
    assert paths.corpus_dir("corpus") == ROOT / "corpus"  # relative to the project root, not the cwd


def test_env_vars_honoured(monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFKIT_CORPUS", str(tmp_path / "c"))
    monkeypatch.setenv("BRIEFKIT_FIGURES", str(tmp_path / "f"))
    assert paths.corpus_dir() == (tmp_path / "c").resolve()
    out = paths.figures_dir()
    assert out == (tmp_path / "f").resolve() and out.is_dir()
    assert paths.corpus_dir(tmp_path / "explicit") == (tmp_path / "explicit").resolve()  # argument wins
    monkeypatch.setenv("BRIEFKIT_ROOT", str(tmp_path))
    monkeypatch.delenv("BRIEFKIT_CORPUS")
    assert paths.corpus_dir() == tmp_path.resolve() / "corpus"


def test_working_directory_does_not_matter(monkeypatch, tmp_path):
    monkeypatch.delenv("BRIEFKIT_ROOT", raising=False)
    monkeypatch.delenv("BRIEFKIT_CORPUS", raising=False)
    monkeypatch.chdir(tmp_path)
    assert paths.corpus_dir() == ROOT / "corpus"


def test_figures_dir_create_false_does_not_create(tmp_path):
    target = tmp_path / "nope"
    assert paths.figures_dir(target, create=False) == target.resolve()
    assert not target.exists()


def test_save_figure_is_byte_identical_and_closes(tmp_path):
    written = []
    for run in ("a", "b"):
        fig = make_figure()
        files = save_figure(fig, "words_per_doc", out_dir=tmp_path / run)
        assert not plt.fignum_exists(fig.number)
        written.append(files)
    assert [p.name for p in written[0]] == ["words_per_doc.png", "words_per_doc.svg", "words_per_doc.pdf"]
    for a, b in zip(*written):
        assert a.read_bytes() == b.read_bytes(), a.name
    svg = written[0][1].read_text("utf-8")
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"CreationDate" not in written[0][2].read_bytes()
    assert written[0][0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_save_same_figure_twice_is_identical(tmp_path):
    fig = make_figure()
    first = save_figure(fig, "once", out_dir=tmp_path / "1")
    second = save_figure(fig, "once", out_dir=tmp_path / "2")
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_save_figure_uses_env_folder_and_formats(monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFKIT_FIGURES", str(tmp_path))
    files = save_figure(make_figure(), "only_svg", formats=("svg",))
    assert files == [tmp_path.resolve() / "only_svg.svg"] and files[0].is_file()


@pytest.mark.parametrize("name", ["", "../escape", "a/b", "with space", ".hidden", None, "words\n"])
def test_bad_name_raises_value_error(name, tmp_path):
    fig = make_figure()
    with pytest.raises(ValueError, match="name"):
        save_figure(fig, name, out_dir=tmp_path)
    plt.close(fig)
    with pytest.raises(ValueError, match="name"):
        save_table(pd.DataFrame({"a": [1]}), name, out_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_bad_format_raises_and_still_closes(tmp_path):
    fig = make_figure()
    with pytest.raises(ValueError, match="formats"):
        save_figure(fig, "x", out_dir=tmp_path, formats=("jpg",))
    assert not plt.fignum_exists(fig.number)


def test_save_table_byte_identical(tmp_path):
    df = pd.DataFrame({"doc_id": ["a", "b"], "share": [1 / 3, 2.5e-8], "n": [1, 2], "note": ["x,y", "é"]})
    a = save_table(df, "shares", out_dir=tmp_path / "a")
    b = save_table(df.copy(), "shares", out_dir=tmp_path / "b")
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() == 'doc_id,share,n,note\na,0.333333,1,"x,y"\nb,2.5e-08,2,é\n'.encode("utf-8")


def test_save_table_rejects_non_dataframe(tmp_path):
    with pytest.raises(TypeError, match="df must be a pandas DataFrame"):
        save_table([1, 2], "x", out_dir=tmp_path)


def test_style_uses_palette():
    with style():
        cycle = [c["color"].upper() for c in plt.rcParams["axes.prop_cycle"]]
    assert cycle[:len(PALETTE)] == [c.upper() for c in PALETTE]
