"""The data dictionary: every exported table's columns, types, meanings and units, in one source.

Each subpackage describes the tables it exports in its own ``exports.toml`` (beside its
modules, shipped as package data). :func:`~briefkit.output.export.save_table` checks a registered
table against it before writing, :func:`data_dictionary` gathers all of them into one tidy
table and :func:`dictionary_markdown` renders the ``docs/data_dictionary.md`` a reader gets.

File format (one section per table)::

    [documents]
    notebook = "01"
    unit = "one row per document"
    columns = [
      ["doc_id", "str", "document identifier from the manifest", ""],
      ["n_words_clean", "int", "words in the cleaned text", "words"],
    ]
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

import pandas as pd

__all__ = ["SUBPACKAGES", "table_schemas", "table_columns", "data_dictionary", "dictionary_markdown"]

#: Subpackages that may carry an ``exports.toml``.
SUBPACKAGES = ("corpus", "topics", "stance", "scaling", "forecasts")
_DICT_COLUMNS = ["table", "notebook", "unit", "column", "type", "meaning", "measure_unit"]


@lru_cache(maxsize=1)
def table_schemas() -> dict[str, dict]:
    """All exported tables' schemas by table name (read once from the packaged ``exports.toml``).

    Examples
    --------
    >>> from briefkit.schema import table_schemas
    >>> table_schemas()["documents"]["columns"][0][0]
    'doc_id'
    """
    out: dict[str, dict] = {}
    for sub in SUBPACKAGES:
        res = resources.files("briefkit").joinpath(f"{sub}/exports.toml")
        if not res.is_file():
            continue
        data = tomllib.loads(res.read_text("utf-8"))
        for name, spec in data.items():
            if name in out:
                raise RuntimeError(f"table {name!r} is described twice ({out[name]['subpackage']} and {sub})")
            cols = spec.get("columns", [])
            if not cols or any(len(c) != 4 for c in cols):
                raise RuntimeError(f"{sub}/exports.toml [{name}]: columns must be "
                                   "[name, type, meaning, unit] rows")
            out[name] = {**spec, "subpackage": sub}
    return out


def table_columns(name: str) -> list[str] | None:
    """Column names of exported table ``name`` in order, or ``None`` if it is not described.

    Examples
    --------
    >>> from briefkit.schema import table_columns
    >>> table_columns("removed")[:2]
    ['doc_id', 'start']
    """
    spec = table_schemas().get(name)
    return None if spec is None else [c[0] for c in spec["columns"]]


def data_dictionary() -> pd.DataFrame:
    """One row per (exported table, column): notebook, unit of a row, type, meaning, unit.

    Examples
    --------
    >>> from briefkit.schema import data_dictionary
    >>> list(data_dictionary().columns)
    ['table', 'notebook', 'unit', 'column', 'type', 'meaning', 'measure_unit']
    """
    rows = []
    for name, spec in sorted(table_schemas().items(), key=lambda kv: (kv[1].get("notebook", ""), kv[0])):
        for col, typ, meaning, unit in spec["columns"]:
            rows.append((name, spec.get("notebook", ""), spec.get("unit", ""), col, typ, meaning, unit))
    return pd.DataFrame(rows, columns=_DICT_COLUMNS)


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def dictionary_markdown() -> str:
    """The data dictionary as Markdown (one section per exported table).

    Examples
    --------
    >>> from briefkit.schema import dictionary_markdown
    >>> dictionary_markdown().startswith("# Data dictionary")
    True
    """
    lines = ["# Data dictionary", "",
             "Every table the notebooks export (`figures/<table>.csv`, or `$BRIEFKIT_FIGURES`).",
             "Generated from the `exports.toml` files inside the package by",
             "`python -m briefkit.schema > docs/data_dictionary.md`; a test keeps the two in step.", ""]
    for name, spec in sorted(table_schemas().items(), key=lambda kv: (kv[1].get("notebook", ""), kv[0])):
        lines += [f"## `{name}.csv`", "", f"Notebook {spec.get('notebook', '?')}; {spec.get('unit', '')}.", ""]
        if spec.get("description"):
            lines += [spec["description"].strip(), ""]
        lines += ["| column | type | meaning | unit |", "| --- | --- | --- | --- |"]
        lines += [f"| `{_cell(c)}` | {_cell(t)} | {_cell(m)} | {_cell(u)} |" for c, t, m, u in spec["columns"]]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(dictionary_markdown(), end="")
