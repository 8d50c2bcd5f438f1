"""Untrusted text stays inert: notebook 01 on a corpus with markup and formulas in every field (issue 12)."""

from __future__ import annotations

import pandas as pd
import pytest

import briefkit
from hostile import FORMULA, IMG, SCRIPT, build, live_markup, unguarded_cells
from test_notebooks import ROOT, execute


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return build(tmp_path_factory.mktemp("hostile") / "corpus")


def test_cleaning_never_decodes_entities_into_markup(hostile):
    docs = briefkit.load_corpus(hostile)
    hostile_doc = docs.set_index("doc_id").loc["doc-0"]
    assert "&lt;script&gt;alert(4)" in hostile_doc["clean_text"]
    assert "<script>alert(4)" not in hostile_doc["clean_text"]
    assert briefkit.corpus.lossless_check(docs)["restored"].all()


def test_tables_show_escaped(hostile):
    docs = briefkit.load_corpus(hostile)
    html = briefkit.show(briefkit.document_table(docs))._repr_html_()
    assert SCRIPT not in html and IMG not in html and "&lt;script&gt;" in html


def test_exported_tables_guard_formulas(hostile, tmp_path):
    docs = briefkit.load_corpus(hostile)
    briefkit.save_table(briefkit.document_table(docs), "documents", out_dir=tmp_path)
    briefkit.save_table(briefkit.removed_spans(docs), "removed", out_dir=tmp_path)
    assert unguarded_cells(tmp_path) == []
    back = pd.read_csv(tmp_path / "documents.csv", dtype=str, keep_default_na=False)
    assert back["authors"].str.startswith("'" + FORMULA).all()


def test_notebook_01_outputs_and_exports_are_inert(hostile, tmp_path):
    out = tmp_path / "figures"
    nb = execute(ROOT / "notebooks" / "01_corpus.ipynb", {"BRIEFKIT_CORPUS": str(hostile),
                                                          "BRIEFKIT_FIGURES": str(out)})
    assert live_markup(nb) == []
    assert unguarded_cells(out) == []
    exported = sorted(p.name for p in out.glob("*.csv"))
    assert exported == ["documents.csv", "removed.csv", "sentences.csv"]
    # the headings-only document and the one-line document are in the tables, not dropped
    documents = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    assert len(documents) == 4


def test_live_markup_detector_can_fail():
    import nbformat

    from hostile import live_markup

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": f"<td>{IMG}</td>"}),
                    nbformat.v4.new_output("display_data", data={"text/html": "<a href='javascript:x()'>y</a>"}),
                    nbformat.v4.new_output("display_data", data={"text/html": "<td>&lt;script&gt;</td>"})]
    nb.cells.append(cell)
    assert live_markup(nb) == ["img src=x", "img onerror=", "<a>", "a href=javascript:x()"]
