"""Read and check a corpus manifest (``manifest.csv``), parse dates, resolve document paths safely.

The manifest has one row per document. Required columns: ``doc_id``, ``file``
(path relative to the corpus folder, ``/``-separated) and ``title``. Optional
columns (added as empty when missing): ``authors`` (``;``-separated),
``affiliation``, ``kind``, ``published`` (``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``), ``language``, ``url``, ``notes``. Any other column is kept as
a document variable. An optional column ``file_encoding`` names a file's encoding
(``cp1252``, ``cp949`` ...): the file is then decoded strictly with it instead of
detected (needed for a file the detector calls doubtful).

Decisions
---------
* The manifest must be UTF-8 (a byte-order mark is allowed and dropped).
* Every cell is read as text; surrounding whitespace is stripped; an empty
  cell is ``""`` (never NaN; ``NA`` and ``null`` stay text). Header names
  are stripped too and are case-sensitive. A column with an empty header and
  no values (a trailing comma) is dropped. Column names that loading adds
  (:data:`RESERVED`, e.g. ``raw_text``) are refused. Blank lines are skipped.
  A row with fewer cells than the header is padded with ``""``; a row with
  more non-empty cells is a problem. A manifest with no document rows is a
  problem.
* Rows are numbered as a spreadsheet shows them: the header is row 1, the
  first document is row 2 (see :mod:`briefkit.errors`). Row ``i`` of the
  returned table (0-based position) is manifest row ``i + FIRST_DATA_ROW``
  only when the manifest has no blank lines; the exact numbers are in
  ``df.attrs["rows"]``.
* Symbolic links: **any** symlink inside the corpus folder on the way to a
  document (the file itself or a folder on its path) is rejected, even one
  that points back inside the folder. The corpus folder itself may be reached
  through a symlink; ``manifest.csv`` itself may not be one. ``..`` components,
  absolute paths, backslashes and control characters in ``file`` are
  rejected too.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path, PurePosixPath

import pandas as pd

from briefkit.dates import ACCEPTED, parse_date
from briefkit.errors import CorpusError, Problem
from briefkit.inputs.files import path_problem

__all__ = ["MANIFEST", "REQUIRED", "OPTIONAL", "COLUMNS", "RESERVED", "read_manifest", "parse_published",
           "resolve_file", "path_problem", "manifest_problems"]

MANIFEST = "manifest.csv"
REQUIRED = ("doc_id", "file", "title")
OPTIONAL = ("authors", "affiliation", "kind", "published", "language", "url", "notes")
COLUMNS = REQUIRED + OPTIONAL
#: Columns that briefkit adds when loading a corpus; a manifest may not use these names.
RESERVED = ("date_precision", "encoding", "raw_text", "clean_text", "n_words_raw", "n_words_clean",
            "edits", "cleaning")
#: Manifest row of the first document (the header is row 1).
FIRST_DATA_ROW = 2
_ACCEPTED = f"{ACCEPTED}, or leave it empty"


def parse_published(value: str) -> tuple[pd.Timestamp, str]:
    """Parse a ``published`` cell into (first day of the period, precision), by :func:`briefkit.dates.parse_date`.

    Accepts exactly ``YYYY``, ``YYYY-MM`` and ``YYYY-MM-DD`` (a real calendar
    date; years 1678-2261), surrounding whitespace ignored; ``""`` means unknown.

    Returns
    -------
    (Timestamp or NaT, str)
        Precision is ``"year"``, ``"month"``, ``"day"``, or ``""`` for an empty value.

    Raises
    ------
    BriefkitError
        (a ValueError) naming the value and the accepted forms.

    Examples
    --------
    >>> from briefkit.corpus.sources.manifest import parse_published
    >>> parse_published("2025-03")
    (Timestamp('2025-03-01 00:00:00'), 'month')
    >>> parse_published("")
    (NaT, '')
    """
    from briefkit.errors import BriefkitError

    try:
        start, _, precision = parse_date(value)
    except ValueError as exc:
        sep = " " if str(exc).startswith("is ") else ": "
        raise BriefkitError(f"published value {value!r}{sep}{exc}; {_ACCEPTED}") from None
    return start, precision


def resolve_file(corpus_dir: str | os.PathLike, rel: str, *, row: int | None = None) -> Path:
    """Return the absolute path of document ``rel``, refusing anything outside the corpus folder.

    Rejects absolute paths, ``..`` components, backslashes, control characters,
    and any symbolic link inside the corpus folder on the way to the file
    (the file itself or a folder on its path). The file need not exist: missing
    files are reported by the caller (see :func:`briefkit.corpus.validate.check_document`).

    Raises
    ------
    CorpusError
        With one :class:`~briefkit.errors.Problem` naming ``rel`` and ``row``.

    Examples
    --------
    >>> import tempfile
    >>> from briefkit.corpus.sources.manifest import resolve_file
    >>> root = tempfile.mkdtemp()
    >>> resolve_file(root, "texts/a.txt").parts[-2:]
    ('texts', 'a.txt')
    """
    root = Path(corpus_dir).resolve()
    problem = path_problem(rel)
    if problem:
        raise CorpusError([Problem(rel, row, problem)])
    parts = [p for p in PurePosixPath(rel).parts if p != "."]
    final = root.joinpath(*parts)
    current = root
    for part in parts:
        current = current / part
        try:
            st = os.lstat(current)
        except OSError:
            break  # missing (nothing below can be a link), not a folder, or no permission
        if stat.S_ISLNK(st.st_mode):
            where = ("the file" if current == final
                     else f"folder {current.relative_to(root).as_posix()!r}")
            raise CorpusError([Problem(rel, row, f"unsafe path: {where} is a symbolic link; "
                                                 "briefkit reads only real files inside the corpus folder")])
    if not final.resolve().is_relative_to(root):  # belt and braces
        raise CorpusError([Problem(rel, row, "unsafe path: it leads outside the corpus folder")])
    return final


def _parse_csv(text: str) -> tuple[list[str], list[tuple[int, list[str]]], list[Problem]]:
    """Header, [(row number, cells)], problems. Row numbers count records (header = 1)."""
    problems: list[Problem] = []
    records: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    number = 0
    header: list[str] | None = None
    try:
        for cells in reader:
            number += 1
            if header is None:
                if not cells or all(not c.strip() for c in cells):
                    problems.append(Problem(MANIFEST, number, "the first row must be the header "
                                                              f"(column names such as {', '.join(REQUIRED)})"))
                    return [], [], problems
                header = [c.strip() for c in cells]
                continue
            if not cells or all(not c.strip() for c in cells):
                continue  # blank line
            records.append((number, cells))
    except csv.Error as exc:
        problems.append(Problem(MANIFEST, number + 1, f"unreadable CSV: {exc} "
                                                      "(check the quotes in this row)"))
    if header is None:
        problems.append(Problem(MANIFEST, None, "the manifest is empty; it needs a header row "
                                                f"with at least {', '.join(REQUIRED)}"))
        return [], [], problems
    return header, records, problems


def _missing_message(missing: list[str], header: list[str]) -> str:
    msg = (f"missing required column{'s' if len(missing) > 1 else ''} "
           f"{', '.join(missing)} (found: {', '.join(header) or 'none'})")
    if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
        sep = next(sep for sep in ";\t|" if sep in header[0])
        return msg + f"; the manifest must be comma-separated, this one seems to use {sep!r}"
    by_lower = {h.lower().replace(" ", "_"): h for h in header}
    near = [f"{by_lower[c]!r} for {c!r}" for c in missing if c in by_lower]
    if near:
        return msg + f"; column names are lower-case: rename {', '.join(near)}"
    return msg


def manifest_problems(corpus_dir: str | os.PathLike) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read the manifest and collect every problem instead of raising.

    Returns ``(table or None, problems)``; the table is returned whenever the
    CSV could be parsed at all (even with problems), so document checks can go on.
    """
    root = Path(corpus_dir)
    path = root / MANIFEST
    if not root.is_dir():
        what = ("does not exist" if not root.exists()
                else "is not a folder; give the folder that holds manifest.csv")
        return None, [Problem(MANIFEST, None, f"corpus folder {str(root)!r} {what}")]
    try:
        if path.is_symlink() or not path.is_file():
            what = ("is a symbolic link" if path.is_symlink()
                    else "not found" if not path.exists() else "is not a regular file")
            return None, [Problem(MANIFEST, None, f"{what} in {str(root)!r}; every corpus needs a "
                                                  f"manifest.csv with columns {', '.join(REQUIRED)}")]
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(MANIFEST, None, f"cannot read the manifest: {exc.strerror or exc}")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        return None, [Problem(MANIFEST, None, f"not UTF-8 (byte 0x{data[exc.start]:02X} on line {line}); "
                                              "save it as 'CSV UTF-8'")]
    if "\x00" in text:
        return None, [Problem(MANIFEST, None, "contains NUL bytes; it is not a plain CSV file")]

    header, records, problems = _parse_csv(text)
    if not header:
        return None, problems

    # Header checks.
    keep: list[int] = []
    seen: dict[str, int] = {}
    for i, name in enumerate(header):
        if not name:
            if any(i < len(cells) and cells[i].strip() for _, cells in records):
                problems.append(Problem(MANIFEST, 1, f"column {i + 1} has values but no name"))
            continue
        if name in seen:
            problems.append(Problem(MANIFEST, 1, f"column {name!r} appears twice "
                                                 f"(columns {seen[name] + 1} and {i + 1})"))
            continue
        if name in RESERVED:
            problems.append(Problem(MANIFEST, 1, f"column {name!r} is reserved for what briefkit "
                                                 "computes when loading; rename it"))
            continue
        seen[name] = i
        keep.append(i)
    missing = [c for c in REQUIRED if c not in seen]
    if missing:
        problems.append(Problem(MANIFEST, None, _missing_message(missing, header)))

    names = [header[i] for i in keep]
    rows, numbers = [], []
    for number, cells in records:
        if len(cells) > len(header):
            extra = [c for c in cells[len(header):] if c.strip()]
            if extra:
                problems.append(Problem(MANIFEST, number, f"{len(cells)} cells but the header has "
                                                          f"{len(header)} columns (a comma too many, or "
                                                          "a cell that needs quotes?)"))
        cells = cells + [""] * (len(header) - len(cells))
        rows.append([cells[i].strip() for i in keep])
        numbers.append(number)
    df = pd.DataFrame(rows, columns=names, dtype=str) if rows else pd.DataFrame(
        {n: pd.Series([], dtype=str) for n in names})
    for col in COLUMNS:
        if col not in df.columns:
            df[col] = pd.Series([""] * len(df), dtype=str)
    df = df[list(COLUMNS) + [c for c in names if c not in COLUMNS]]
    df.attrs["rows"] = numbers
    if not records:
        problems.append(Problem(MANIFEST, None, "lists no documents; add one row per document "
                                                "under the header"))
    if missing:
        return df, problems

    # Row checks.
    first_row: dict[str, int] = {}
    # plain dicts: iterrows() would copy df.attrs (a list as long as the corpus) per row
    for number, rec in zip(numbers, df.to_dict("records")):
        for col in REQUIRED:
            if not rec[col]:
                problems.append(Problem(MANIFEST, number, f"empty {col}"))
        doc_id = rec["doc_id"]
        if doc_id:
            if doc_id in first_row:
                problems.append(Problem(MANIFEST, number, f"duplicate doc_id {doc_id!r} "
                                                          f"(also in row {first_row[doc_id]})"))
            else:
                first_row[doc_id] = number
        if rec["file"]:
            bad = path_problem(rec["file"])
            if bad:
                problems.append(Problem(rec["file"], number, bad))
        try:
            parse_published(rec["published"])
        except ValueError as exc:
            problems.append(Problem(MANIFEST, number, str(exc)))
    return df, problems


def read_manifest(corpus_dir: str | os.PathLike) -> pd.DataFrame:
    """Read ``<corpus_dir>/manifest.csv`` into a table of strings, or raise listing every problem.

    Parameters
    ----------
    corpus_dir : path
        The corpus folder.

    Returns
    -------
    DataFrame
        One row per document, in manifest order: columns ``doc_id, file, title,
        authors, affiliation, kind, published, language, url, notes`` (all
        ``str``, ``""`` when empty) then any extra manifest columns.
        ``df.attrs["rows"]`` holds each document's manifest row number
        (header = row 1).

    Raises
    ------
    CorpusError
        Listing every problem: missing manifest, unreadable CSV, missing
        required columns, empty ``doc_id``/``file``/``title``, duplicate
        ``doc_id`` (both rows named), bad ``published`` value, unsafe path.
        Whether document files exist is checked by :func:`briefkit.corpus.validate.survey`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from briefkit.corpus.sources.manifest import read_manifest
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (root / "manifest.csv").write_text("doc_id,file,title,published\\na,a.txt,A,2025-03\\n")
    >>> read_manifest(root)[["doc_id", "published", "authors"]].values.tolist()
    [['a', '2025-03', '']]
    """
    df, problems = manifest_problems(corpus_dir)
    if problems:
        raise CorpusError(problems)
    return df
