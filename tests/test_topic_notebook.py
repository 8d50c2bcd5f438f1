"""Notebook 02 on odd corpora: headings only, and one sentence. It must say what it cannot do,
export every table (empty, with its columns) and go on."""

from pathlib import Path

import pandas as pd
import pytest

from briefkit.topics.analysis import TABLE_COLUMNS
from test_notebooks import ROOT, execute


def _corpus(folder: Path, files: dict) -> Path:
    folder.mkdir()
    rows = ["doc_id,file,title,authors"] + [f"{k},{k}.txt,{k},A{i}" for i, k in enumerate(files)]
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for k, text in files.items():
        (folder / f"{k}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("files, note", [
    ({"h1": "# Introduction\n\n# Background\n\n## Tariffs and Trade\n", "h2": "# Conclusion\n"},
     "no body passages"),
    ({"t1": "Tariffs rose sharply this year.\n"}, "too little text"),
])
def test_notebook_02_runs_on_odd_corpora(tmp_path, files, note):
    corpus = _corpus(tmp_path / "c", files)
    out = tmp_path / "out"
    nb = execute(ROOT / "notebooks" / "02_topics.ipynb",
                 {"BRIEFKIT_CORPUS": str(corpus), "BRIEFKIT_FIGURES": str(out)})
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                   for o in c.get("outputs", []))
    assert note in text
    for name, cols in TABLE_COLUMNS.items():
        assert list(pd.read_csv(out / f"{name}.csv").columns) == cols
