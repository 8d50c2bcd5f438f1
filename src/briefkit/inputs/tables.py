"""Read an analyst-curated CSV table from a corpus strictly, with spreadsheet row numbers.

``pandas.read_csv`` silently shifts every column when rows end with a trailing
comma and numbers rows without counting blank lines; curated corpus tables
(events, outcomes) are read here instead, so every problem names the row a
spreadsheet program shows (header = row 1).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from briefkit.errors import CorpusError, Problem

__all__ = ["read_csv_table", "commented_csv"]


def read_csv_table(path, *, label: str | None = None) -> tuple[pd.DataFrame, list[int]]:
    """Read a UTF-8 CSV (BOM allowed) into a table of stripped strings.

    Parameters
    ----------
    path : path
        The file.
    label : str, optional
        Name used in error messages (default: the path).

    Returns
    -------
    (DataFrame, list of int)
        All columns as ``str`` (``""`` when empty) and each data row's spreadsheet
        row number (header = 1; blank lines count, as in a spreadsheet).

    Raises
    ------
    CorpusError
        Naming the file and row: undecodable text, broken quotes, duplicate or empty
        column names, a row with more cells than the header (a trailing comma
        would otherwise shift every column silently).

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
    label = label or str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError([Problem(label, None, f"is not UTF-8 text ({exc.reason} at byte {exc.start}); "
                                                "save it as UTF-8 CSV")]) from None
    except IsADirectoryError:
        raise CorpusError([Problem(label, None, "is a folder, not a CSV file")]) from None
    except OSError as exc:
        raise CorpusError([Problem(label, None, f"cannot be read: {exc.strerror or exc}")]) from None
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
                if all(not c.strip() for c in cells[len(header):]):
                    problems.append(Problem(label, number, f"has {len(cells)} cells but the header has "
                                                           f"{len(header)} (a trailing comma?)"))
                else:
                    problems.append(Problem(label, number, f"has {len(cells)} cells but the header has "
                                                           f"{len(header)} (a cell that needs quotes?)"))
                continue
            rows.append([c.strip() for c in cells] + [""] * (len(header) - len(cells)))
            numbers.append(number)
    except csv.Error as exc:
        problems.append(Problem(label, number + 1, f"unreadable CSV: {exc} (check the quotes in this row)"))
    if header is None:
        header = []
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
        text = Path(path).read_text("utf-8-sig")
    lines = [ln for ln in text.splitlines() if not ln.startswith("#")]
    return source, csv.DictReader(io.StringIO("\n".join(lines)))
