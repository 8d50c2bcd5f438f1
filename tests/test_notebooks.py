"""Notebooks: stored without outputs, in step with their jupytext pairs, and executed end to end."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

from briefkit.notebooks import has_outputs

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
from datasets import IRISH


def _ids(paths):
    return [p.stem for p in paths]


def test_there_are_notebooks():
    assert [p.stem for p in NOTEBOOKS][:1] == ["01_corpus"]


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_stored_without_outputs(nb_path):
    assert not has_outputs(nb_path), f"{nb_path.name} has outputs: run `make sync`"


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_paired_with_percent_script(nb_path):
    script = nb_path.with_suffix(".py")
    assert script.exists(), f"{script.name} (jupytext py:percent pair) is missing"
    from_ipynb = jupytext.read(nb_path)
    from_py = jupytext.read(script)
    src = lambda nb: [(c.cell_type, c.source.strip()) for c in nb.cells]  # noqa: E731
    assert src(from_ipynb) == src(from_py), f"{nb_path.name} and {script.name} differ: run `make sync`"
    assert from_ipynb.metadata.get("kernelspec", {}).get("name") == "python3"


def execute(nb_path: Path, env: dict[str, str]) -> nbformat.NotebookNode:
    nb = nbformat.read(nb_path, as_version=4)
    env = {"BRIEFKIT_TODAY": "2026-11-21", **env}  # pinned: outputs reproduce whatever the run date
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        client = NotebookClient(nb, timeout=900, kernel_name="python3", record_timing=False,
                                resources={"metadata": {"path": str(nb_path.parent)}})
        client.execute()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return nb


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.suffix in (".svg", ".pdf", ".csv", ".png")}


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_executes_on_seed_corpus(nb_path, tmp_path):
    out = tmp_path / "figures"
    execute(nb_path, {"BRIEFKIT_CORPUS": str(ROOT / "corpus"), "BRIEFKIT_FIGURES": str(out)})
    exported = sorted(p.name for p in out.iterdir())
    assert any(name.endswith(".csv") for name in exported)
    for stem in {p.stem for p in out.glob("*.svg")}:
        assert {f"{stem}.png", f"{stem}.pdf"} <= set(exported), f"{stem} not saved in all formats"


def test_corpus_notebook_is_byte_identical_on_rerun(tmp_path):
    nb_path = ROOT / "notebooks" / "01_corpus.ipynb"
    a, b = tmp_path / "a", tmp_path / "b"
    execute(nb_path, {"BRIEFKIT_CORPUS": str(ROOT / "corpus"), "BRIEFKIT_FIGURES": str(a)})
    execute(nb_path, {"BRIEFKIT_CORPUS": str(ROOT / "corpus"), "BRIEFKIT_FIGURES": str(b)})
    da, db = _digest(a), _digest(b)
    assert {"documents.csv", "removed.csv", "sentences.csv"} <= set(da)
    assert da == db


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_executes_on_irish_budget_corpus(nb_path, tmp_path):
    execute(nb_path, {"BRIEFKIT_CORPUS": str(IRISH), "BRIEFKIT_FIGURES": str(tmp_path),
                      "BRIEFKIT_GROUP_BY": "affiliation"})
    assert any(p.suffix == ".csv" for p in tmp_path.iterdir())


@pytest.fixture
def three_doc_corpus(tmp_path):
    """The first three seed documents as a corpus of their own (a corpus can be tiny)."""
    import csv
    import shutil
    src = ROOT / "corpus"
    dst = tmp_path / "corpus3"
    dst.mkdir()
    with open(src / "manifest.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))[:3]
    with open(dst / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    for r in rows:
        shutil.copyfile(src / r["file"], dst / r["file"])
    return dst


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_executes_on_three_document_corpus(nb_path, three_doc_corpus, tmp_path):
    execute(nb_path, {"BRIEFKIT_CORPUS": str(three_doc_corpus), "BRIEFKIT_FIGURES": str(tmp_path / "f")})
