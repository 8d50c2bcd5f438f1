"""Input schemas: what each curated file of a corpus folder must hold, declared beside ``exports.toml``.

Each subpackage that reads a curated file describes it in its ``inputs.toml`` (shipped as
package data); :func:`input_schemas` gathers them, :func:`briefkit.inputs.tables.read_table`
reads a CSV table by its schema, and :func:`inputs_markdown` renders ``docs/inputs.md``
(``python -m briefkit.inputs.schemas > docs/inputs.md``; a test keeps the two in step).

File format (one section per curated file)::

    [uptake]
    files = ["uptake.csv"]             # name(s) in the corpus folder
    format = "csv"                     # "csv" (read by read_table) or "toml"
    notebook = "04"
    reader = "briefkit.forecasts.ledger.uptake.load_uptake"
    unit = "one row per reviewed recommendation and event"
    description = "..."
    key = ["rec_id", "event_id"]       # a key given twice is a problem (csv)
    columns = [                        # name, type, need, meaning
      ["rec_id", "str", "value", "the recommendation reviewed (rec_id)"],
      ["event_id", "ids", "column", "event ids from events.csv, ';'-separated, or empty"],
    ]
    [uptake.values]                    # allowed values of a column (csv)
    verdict = ["taken", "partly", "not taken", "not checkable"]

Types (:data:`TYPES`): ``str``; ``int``; ``offset`` (an integer >= 0; with ``offsets =
[["start", "end"]]`` also start < end); ``date`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``,
:func:`briefkit.dates.parse_date`); ``ids`` (``;``-separated identifiers); ``pattern`` (a
regular expression under :mod:`briefkit.inputs.patterns`); ``bool``, ``list`` and ``table`` for
TOML keys. Need (:data:`NEEDS`): ``value`` (the column or key must be there, with a value in
every row), ``column`` (the column must be there; cells may be empty), ``optional``.
``fold = ["outcome"]`` compares a column lower-cased with single spaces.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from briefkit.schema import SUBPACKAGES

__all__ = ["TYPES", "NEEDS", "FORMATS", "Column", "InputSchema", "input_schemas", "input_schema",
           "inputs_markdown"]

TYPES = ("str", "int", "offset", "date", "ids", "pattern", "bool", "list", "table")
NEEDS = ("value", "column", "optional")
FORMATS = ("csv", "toml")


@dataclass(frozen=True)
class Column:
    """One column (CSV) or key (TOML) of a curated file."""

    name: str
    type: str
    need: str
    meaning: str


@dataclass(frozen=True)
class InputSchema:
    """What one curated file holds (one section of an ``inputs.toml``)."""

    name: str
    subpackage: str
    files: tuple[str, ...]
    format: str
    columns: tuple[Column, ...]
    notebook: str = ""
    reader: str = ""
    unit: str = ""
    description: str = ""
    key: tuple[str, ...] = ()
    offsets: tuple[tuple[str, str], ...] = ()
    values: dict = field(default_factory=dict, hash=False, compare=False)
    fold: tuple[str, ...] = ()

    def column(self, name: str) -> Column | None:
        """The column called ``name``, or None."""
        return next((c for c in self.columns if c.name == name), None)


def _schema(sub: str, name: str, spec: dict) -> InputSchema:
    where = f"{sub}/inputs.toml [{name}]"
    allowed = {"files", "format", "notebook", "reader", "unit", "description", "key", "offsets", "values",
               "fold", "columns"}
    if set(spec) - allowed:
        raise RuntimeError(f"{where}: unknown key(s) {sorted(set(spec) - allowed)}")
    cols = spec.get("columns", [])
    if not cols or any(len(c) != 4 for c in cols):
        raise RuntimeError(f"{where}: columns must be [name, type, need, meaning] rows")
    columns = tuple(Column(*map(str, c)) for c in cols)
    for c in columns:
        if c.type not in TYPES or c.need not in NEEDS:
            raise RuntimeError(f"{where}: column {c.name!r}: type must be one of {TYPES} and need one of {NEEDS}")
    fmt = spec.get("format", "csv")
    names = {c.name for c in columns}
    key, fold = tuple(spec.get("key", ())), tuple(spec.get("fold", ()))
    offsets = tuple(tuple(p) for p in spec.get("offsets", ()))
    values = dict(spec.get("values", {}))
    used = set(key) | set(fold) | set(values) | {c for p in offsets for c in p}
    if fmt not in FORMATS or not spec.get("files") or (fmt == "csv" and not used <= names):
        raise RuntimeError(f"{where}: needs files, a format in {FORMATS}, and key/offsets/values/fold "
                           "naming its columns")
    return InputSchema(name=name, subpackage=sub, files=tuple(spec["files"]), format=fmt, columns=columns,
                       notebook=str(spec.get("notebook", "")), reader=str(spec.get("reader", "")),
                       unit=str(spec.get("unit", "")), description=str(spec.get("description", "")).strip(),
                       key=key, offsets=offsets, values=values, fold=fold)


@lru_cache(maxsize=1)
def input_schemas() -> dict[str, InputSchema]:
    """Every curated file's schema by name, in subpackage order (read once from ``inputs.toml``).

    Examples
    --------
    >>> from briefkit.inputs.schemas import input_schemas
    >>> input_schemas()["stance_codes"].files
    ('stance_codes.csv',)
    """
    out: dict[str, InputSchema] = {}
    files: dict[str, str] = {}
    for sub in SUBPACKAGES:
        res = resources.files("briefkit").joinpath(f"{sub}/inputs.toml")
        if not res.is_file():
            continue
        for name, spec in tomllib.loads(res.read_text("utf-8")).items():
            if name in out:
                raise RuntimeError(f"curated file {name!r} is described twice ({out[name].subpackage} and {sub})")
            schema = _schema(sub, name, spec)
            for f in schema.files:
                if f in files:
                    raise RuntimeError(f"{f} is described by both {files[f]!r} and {name!r}")
                files[f] = name
            out[name] = schema
    return out


def input_schema(name: str) -> InputSchema:
    """The schema called ``name`` (``KeyError`` naming the known ones otherwise).

    Examples
    --------
    >>> from briefkit.inputs.schemas import input_schema
    >>> input_schema("uptake").key
    ('rec_id', 'event_id')
    """
    schemas = input_schemas()
    if name not in schemas:
        raise KeyError(f"no input schema {name!r}; known: {', '.join(schemas)}")
    return schemas[name]


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def inputs_markdown() -> str:
    """The input dictionary as Markdown: one section per curated file.

    Examples
    --------
    >>> from briefkit.inputs.schemas import inputs_markdown
    >>> inputs_markdown().startswith("# Curated inputs")
    True
    """
    lines = ["# Curated inputs", "",
             "Every file briefkit reads from a corpus folder besides the documents: what it must hold,",
             "which reader reads it and what refuses it. `briefkit validate` reads each one with the",
             "reader the notebooks use. Generated from the `inputs.toml` files inside the package by",
             "`python -m briefkit.inputs.schemas > docs/inputs.md`; a test keeps the two in step.", "",
             "Every file is opened only as a regular UTF-8 file inside the corpus folder (no folder,",
             "FIFO, device or socket, no symbolic link leading out of the folder, at most 20 MB;",
             "`briefkit.inputs.files`). *need*: `value` = the column (or key) must be there with a value",
             "in every row; `column` = the column must be there, cells may be empty; `optional`.", ""]
    for s in input_schemas().values():
        files = ", ".join(f"`{f}`" for f in s.files)
        lines += [f"## {files}", "", f"Notebook {s.notebook or '-'}; {s.unit}; read by `{s.reader}`.", ""]
        if s.description:
            lines += [s.description, ""]
        rules = []
        if s.key:
            rules.append("key " + ", ".join(f"`{k}`" for k in s.key) + " (given twice is a problem)")
        rules += [f"`{a}` < `{b}`" for a, b in s.offsets]
        rules += [f"`{c}` one of " + ", ".join(f"`{v}`" for v in vals) for c, vals in s.values.items()]
        if rules:
            lines += ["Rules: " + "; ".join(rules) + ".", ""]
        head = "column" if s.format == "csv" else "key"
        lines += [f"| {head} | type | need | meaning |", "| --- | --- | --- | --- |"]
        lines += [f"| `{_cell(c.name)}` | {c.type} | {c.need} | {_cell(c.meaning)} |" for c in s.columns]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(inputs_markdown(), end="")
