"""The data dictionary: one source for exported columns, rendered into docs/, enforced on export."""

from pathlib import Path

import pandas as pd
import pytest

from briefkit.errors import BriefkitError, MissingColumnsError, require_columns
from briefkit.output.export import save_table
from briefkit.schema import data_dictionary, dictionary_markdown, table_columns

ROOT = Path(__file__).resolve().parents[1]


def test_rendered_dictionary_is_current():
    stored = (ROOT / "docs" / "data_dictionary.md").read_text(encoding="utf-8")
    assert stored == dictionary_markdown(), "run: python -m briefkit.schema > docs/data_dictionary.md"


def test_every_column_has_a_meaning():
    dd = data_dictionary()
    assert len(dd) > 0
    assert (dd["meaning"].str.len() > 3).all()
    assert not dd.duplicated(["table", "column"]).any()


def test_save_table_refuses_columns_that_differ(tmp_path):
    with pytest.raises(BriefkitError, match="data dictionary"):
        save_table(pd.DataFrame({"doc_id": ["a"]}), "removed", out_dir=tmp_path)
    cols = table_columns("removed")
    save_table(pd.DataFrame({c: [] for c in cols}), "removed", out_dir=tmp_path)
    assert (tmp_path / "removed.csv").read_text(encoding="utf-8").strip() == ",".join(cols)


def test_csv_cells_that_start_formulas_are_guarded(tmp_path):
    df = pd.DataFrame({"t": ['=HYPERLINK("http://x","click")', "+1", "@SUM(A1)", "-x", "ok", "\t=1"],
                       "v": [1, 2, 3, 4, 5, 6]})
    text = save_table(df, "guard", out_dir=tmp_path).read_text(encoding="utf-8")
    back = pd.read_csv(tmp_path / "guard.csv", keep_default_na=False)
    assert all(not v.startswith(("=", "+", "-", "@", "\t")) for v in back["t"]), text
    assert back["v"].tolist() == [1, 2, 3, 4, 5, 6]


def test_require_columns_names_table_and_columns():
    with pytest.raises(MissingColumnsError, match=r"sentences: missing column\(s\) 'end'; it has 'doc_id'"):
        require_columns(pd.DataFrame({"doc_id": []}), ["doc_id", "end"], name="sentences")
    with pytest.raises(KeyError):
        require_columns(pd.DataFrame(), ["x"], name="t")
