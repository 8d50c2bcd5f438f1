"""Read the analyst's curated CSV tables strictly, by their schema, with spreadsheet row numbers.

``pandas.read_csv`` silently shifts every column when rows end with a trailing comma and
numbers rows without counting blank lines; every curated table of a corpus (``events.csv``,
``outcomes.csv``, ``uptake.csv``, ``stance_codes.csv``, ``topic_labels.csv``, ``targets.csv``)
is read here instead, by :func:`read_table` with the table's :class:`~briefkit.inputs.schemas.
InputSchema` (its subpackage's ``inputs.toml``), so every problem names the file and the row a
spreadsheet program shows (header = row 1) and reads alike:

* the file: opened by :mod:`briefkit.inputs.files` (a regular UTF-8 file inside the corpus);
* the CSV: broken quotes, duplicate or empty column names, a row with more cells than the
  header (a trailing comma would otherwise shift every column);
* the columns: required ones missing (extra columns are kept);
* each row: an empty required value, a value of the wrong type (``int``, ``offset`` >= 0,
  ``date``), a value outside the allowed ones, offsets with start >= end;
* the key: a key given twice, as an identical copy or with conflicting values.

All problems of a file are raised together in one :class:`~briefkit.errors.CorpusError` (or the
subclass the reader names).
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pandas as pd

from briefkit.dates import ACCEPTED, parse_date
from briefkit.errors import CorpusError, Problem
from briefkit.inputs.files import read_text_file
from briefkit.inputs.schemas import InputSchema

__all__ = ["parse_csv_text", "read_csv_table", "read_table", "read_table_file", "table_from_text",
           "commented_csv"]


def parse_csv_text(text: str, *, label: str) -> tuple[pd.DataFrame, list[int]]:
    """Parse CSV text into a table of stripped strings and each data row's spreadsheet row number.

    Raises
    ------
    CorpusError
        Naming the file and row: broken quotes, duplicate or empty column names, a row with
        more cells than the header.

    Examples
    --------
    >>> from briefkit.inputs.tables import parse_csv_text
    >>> df, rows = parse_csv_text("a,b\\n\\n1, x \\n", label="t.csv")
    >>> df.values.tolist(), rows
    ([['1', 'x']], [3])
    """
    problems: list[Problem] = []
    header: list[str] | None = None
    rows: list[list[str]] = []
    numbers: list[int] = []
    number = 0
    try:
        for cells in csv.reader(io.StringIO(text, newline=""), strict=True):
            number += 1
            if not cells or all(not c.strip() for c in cells):
                continue
            if header is None:
                header = [c.strip() for c in cells]
                continue
            if len(cells) > len(header):
                why = ("a trailing comma?" if all(not c.strip() for c in cells[len(header):])
                       else "a cell that needs quotes?")
                problems.append(Problem(label, number, f"has {len(cells)} cells but the header has "
                                                       f"{len(header)} ({why})"))
                continue
            rows.append([c.strip() for c in cells] + [""] * (len(header) - len(cells)))
            numbers.append(number)
    except csv.Error as exc:
        problems.append(Problem(label, number + 1, f"unreadable CSV: {exc} (check the quotes in this row)"))
    header = header or []
    if any(not h for h in header):
        problems.append(Problem(label, 1, "a column has no name"))
    dupes = sorted({h for h in header if h and header.count(h) > 1})
    if dupes:
        problems.append(Problem(label, 1, f"duplicate column(s) {dupes}"))
    if problems:
        raise CorpusError(problems)
    df = pd.DataFrame(rows, columns=header, dtype=str) if rows else pd.DataFrame(
        {h: pd.Series([], dtype=str) for h in header})
    return df, numbers


def read_csv_table(path, *, label: str | None = None,
                   corpus: str | os.PathLike | None = None) -> tuple[pd.DataFrame, list[int]]:
    """Read a curated CSV file (no schema) into a table of stripped strings and its row numbers.

    The file is opened by :func:`briefkit.inputs.files.read_text_file` (inside ``corpus``, default
    the file's folder); a missing file raises.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from briefkit.inputs.tables import read_csv_table
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("a,b\\n\\n1, x \\n")
    >>> df, rows = read_csv_table(p)
    >>> df.values.tolist(), rows
    ([['1', 'x']], [3])
    """
    label = label or Path(path).name
    text = read_text_file(path, corpus=corpus, label=label)
    if text is None:
        raise CorpusError([Problem(label, None, "file not found")])
    return parse_csv_text(text, label=label)


def _convert(value: str, typ: str, col: str) -> tuple[object, str | None]:
    """The typed value of one cell, or a problem."""
    if typ in ("int", "offset"):
        try:
            number = int(value)
        except ValueError:
            return None, f"{col} must be an integer, got {value!r}"
        if typ == "offset" and number < 0:
            return None, f"{col} must be a character offset (an integer >= 0), got {number}"
        return number, None
    if typ == "date":
        try:
            parse_date(value)
        except ValueError as exc:
            return None, f"{col} {value!r} {exc if str(exc).startswith('is ') else 'is not a date: ' + str(exc)}; " \
                         f"{ACCEPTED}, or leave it empty"
        return value, None
    if typ == "ids":
        return "; ".join(p.strip() for p in value.split(";") if p.strip()), None
    return value, None


def _duplicates(df: pd.DataFrame, numbers: list[int], schema: InputSchema, label: str) -> list[Problem]:
    out, seen = [], {}
    others = [c for c in df.columns if c not in schema.key]
    for i, rec in enumerate(df[list(schema.key)].itertuples(index=False, name=None)):
        if rec not in seen:
            seen[rec] = i
            continue
        j = seen[rec]
        named = ", ".join(f"{k} {v!r}" for k, v in zip(schema.key, rec))
        diff = [c for c in others if df.iat[i, df.columns.get_loc(c)] != df.iat[j, df.columns.get_loc(c)]]
        if not diff:
            out.append(Problem(label, numbers[i], f"repeats row {numbers[j]} ({named})"))
        else:
            there = "; ".join(f"{c} {df.iat[j, df.columns.get_loc(c)]!r} there, "
                              f"{df.iat[i, df.columns.get_loc(c)]!r} here" for c in diff)
            out.append(Problem(label, numbers[i], f"conflicts with row {numbers[j]} ({named}): {there}"))
    return out


def table_from_text(text: str, schema: InputSchema, *, label: str, error: type[CorpusError] = CorpusError,
                    check=None) -> tuple[pd.DataFrame, list[int]]:
    """Parse and check CSV text by ``schema``; see :func:`read_table`.

    ``check(row) -> list of str``, when given, adds the reader's own checks of one row (a dict
    of the row's values, typed) to the schema's, so every problem is reported at once.

    Examples
    --------
    >>> from briefkit.inputs.schemas import input_schema
    >>> from briefkit.inputs.tables import table_from_text
    >>> text = "rec_id,event_id,verdict,note\\nR1,E1,maybe,\\nR1,E1,taken,\\n"
    >>> table_from_text(text, input_schema("uptake"), label="uptake.csv")
    Traceback (most recent call last):
    ...
    briefkit.errors.CorpusError: uptake.csv: row 2: verdict 'maybe' is not one of 'taken', 'partly', 'not taken', 'not checkable'
    uptake.csv: row 3: conflicts with row 2 (rec_id 'R1', event_id 'E1'): verdict 'maybe' there, 'taken' here
    """
    try:
        df, numbers = parse_csv_text(text, label=label)
    except CorpusError as exc:
        raise error(exc.problems) from None
    if df.columns.empty:  # an empty file: no rows, nothing wrong
        df = pd.DataFrame({c.name: pd.Series([], dtype=str) for c in schema.columns})
    missing = [c.name for c in schema.columns if c.need != "optional" and c.name not in df.columns]
    if missing:
        need = ", ".join(c.name for c in schema.columns if c.need != "optional")
        raise error([Problem(label, 1, f"missing column(s) {', '.join(map(repr, missing))}; the header needs "
                                       f"{need} (found: {', '.join(df.columns) or 'none'})")])
    for c in schema.columns:
        if c.name not in df.columns:
            df[c.name] = pd.Series([""] * len(df), dtype=str, index=df.index)
    for c in schema.fold:
        df[c] = df[c].str.lower().str.split().str.join(" ").fillna("")
    problems: list[Problem] = []
    typed: dict[str, list] = {c.name: [] for c in schema.columns}
    for i, row in enumerate(df.to_dict("records")):
        for c in schema.columns:
            value = row[c.name]
            if not value:
                if c.need == "value":
                    problems.append(Problem(label, numbers[i], f"empty {c.name}"))
                typed[c.name].append(None if c.type in ("int", "offset") else "")
                continue
            got, bad = _convert(value, c.type, c.name)
            allowed = schema.values.get(c.name)
            if bad is None and allowed is not None and got not in allowed:
                bad = f"{c.name} {value!r} is not one of {', '.join(map(repr, allowed))}"
            if bad:
                problems.append(Problem(label, numbers[i], bad))
            typed[c.name].append(got)
        for a, b in schema.offsets:
            s, e = typed[a][-1], typed[b][-1]
            if isinstance(s, int) and isinstance(e, int) and not s < e:
                problems.append(Problem(label, numbers[i], f"{a} {s} must be below {b} {e}"))
        if check is not None:
            problems += [Problem(label, numbers[i], p) for p in check({k: v[-1] for k, v in typed.items()})]
    for c in schema.columns:
        df[c.name] = pd.Series(typed[c.name], dtype=object, index=df.index)
    if schema.key:
        problems += _duplicates(df, numbers, schema, label)
    if problems:
        raise error(sorted(problems, key=lambda p: p.row or 0))
    for c in schema.columns:
        if c.type in ("int", "offset"):
            df[c.name] = pd.array(typed[c.name], dtype="Int64")
            if c.need == "value":
                df[c.name] = df[c.name].astype("int64")
        else:
            df[c.name] = df[c.name].astype(str)
    order = [c.name for c in schema.columns] + [c for c in df.columns if schema.column(c) is None]
    return df[order].reset_index(drop=True), numbers


def read_table(corpus: str | os.PathLike, schema: InputSchema, *, name: str | None = None,
               error: type[CorpusError] = CorpusError, check=None) -> tuple[pd.DataFrame, list[int]] | None:
    """Read the curated table ``name`` (default the schema's file) of ``corpus``; None when absent.

    Returns
    -------
    (DataFrame, list of int) or None
        The schema's columns first (optional ones added empty), typed: ``str`` (``""`` when
        empty), ``int``/``offset`` as ``int64`` (``Int64`` when a column may be empty); then any
        extra columns as ``str``. And each row's spreadsheet row number.

    Raises
    ------
    CorpusError
        (or ``error``) with every problem of the file (module docstring) and of ``check``
    (see :func:`table_from_text`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from briefkit.inputs.schemas import input_schema
    >>> from briefkit.inputs.tables import read_table
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (root / "uptake.csv").write_text("rec_id,event_id,verdict,note\\nR1,E1; E2,taken,\\n")
    >>> df, rows = read_table(root, input_schema("uptake"))
    >>> df.values.tolist(), rows
    ([['R1', 'E1; E2', 'taken', '']], [2])
    """
    name = name or schema.files[0]
    return read_table_file(Path(corpus) / name, schema, corpus=corpus, label=name, error=error, check=check)


def read_table_file(path, schema: InputSchema, *, corpus: str | os.PathLike | None = None,
                    label: str | None = None, error: type[CorpusError] = CorpusError,
                    check=None) -> tuple[pd.DataFrame, list[int]] | None:
    """:func:`read_table` for a table given by its path (inside ``corpus``, default its folder).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from briefkit.inputs.schemas import input_schema
    >>> from briefkit.inputs.tables import read_table_file
    >>> read_table_file(pathlib.Path(tempfile.mkdtemp()) / "topic_labels.csv", input_schema("topic_labels"))
    """
    label = label or Path(path).name
    try:
        text = read_text_file(path, corpus=corpus, label=label)
    except CorpusError as exc:
        raise error(exc.problems) from None
    if text is None:
        return None
    return table_from_text(text, schema, label=label, error=error, check=check)


def commented_csv(path=None, *, packaged: str) -> tuple[str, csv.DictReader]:
    """Open a word list: a CSV whose header comment lines start with ``#`` (source, licence).

    ``path=None`` reads the file shipped as ``briefkit/data/<packaged>``; otherwise the CSV at
    ``path`` (UTF-8, BOM allowed). Returns the name to use in messages and a
    :class:`csv.DictReader` over the rows (comment lines dropped).

    Examples
    --------
    >>> from briefkit.inputs.tables import commented_csv
    >>> source, reader = commented_csv(packaged="commitment_lexicon.csv")
    >>> source, reader.fieldnames[:2]
    ('briefkit/data/commitment_lexicon.csv', ['term', 'category'])
    """
    if path is None:
        from importlib import resources

        source = f"briefkit/data/{packaged}"
        text = resources.files("briefkit").joinpath(f"data/{packaged}").read_text("utf-8")
    else:
        source = str(path)
        text = read_text_file(path, label=source)
        if text is None:
            raise CorpusError([Problem(source, None, "file not found")])
    lines = [ln for ln in text.splitlines() if not ln.startswith("#")]
    return source, csv.DictReader(io.StringIO("\n".join(lines)))
