"""Check a corpus's manifest and documents, and read the documents safely.

:func:`survey` never stops at the first problem: it collects manifest problems (see
:func:`briefkit.corpus.sources.manifest.read_manifest`) and, for every document row whose path
is safe, file problems: missing, not a regular file, unreadable (permissions), empty, binary,
undecodable, NUL bytes, whitespace only, and two rows naming the same file. The whole check of
a corpus folder, the analyst's curated files included, is :func:`briefkit.validate.validate_corpus`
(``briefkit validate``), one layer up: the corpus layer knows nothing of the analyses.

NUL policy: a text file with a few stray NUL bytes still decodes (the NULs are
kept, so offsets stay true to the file) and ``read_document`` returns it, but
validation lists it as a problem so the analyst can clean the file.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path

import pandas as pd

from briefkit.corpus.sources.encoding import DecodedText, decode_bytes
from briefkit.errors import CorpusError, Problem
from briefkit.inputs.files import megabytes_limit
from briefkit.corpus.sources.manifest import MANIFEST, manifest_problems, path_problem, resolve_file

__all__ = ["survey", "check_document", "read_document", "read_texts", "problems_table",
           "documents_to_read", "still_usable", "max_document_bytes", "MAX_DOCUMENT_MB", "PROBLEM_COLUMNS"]

#: Columns of a problems table (:func:`problems_table`).
PROBLEM_COLUMNS = ("file", "row", "problem", "severity")
#: Largest document read, in MB (``$BRIEFKIT_MAX_DOCUMENT_MB`` overrides): cleaning holds a few
#: copies of a document and its edit record in memory at once.
MAX_DOCUMENT_MB = 50.0


def max_document_bytes() -> int:
    """The per-document size limit in bytes (``$BRIEFKIT_MAX_DOCUMENT_MB`` or :data:`MAX_DOCUMENT_MB`).

    Examples
    --------
    >>> from briefkit.corpus.validate import max_document_bytes
    >>> max_document_bytes()
    50000000
    """
    return megabytes_limit("BRIEFKIT_MAX_DOCUMENT_MB", MAX_DOCUMENT_MB)
_BLANK_PROBLEM = "no text: the file holds only whitespace"


def still_usable(p: Problem) -> bool:
    """Whether a document with problem ``p`` is still read (stray NUL bytes, only whitespace).

    :func:`read_texts` and :func:`read_document` return such a document; validation lists the problem.
    """
    return p.file != MANIFEST and (p.problem == _BLANK_PROBLEM
                                   or re.match(r"contains \d+ NUL bytes? ", p.problem) is not None)


def _near_miss(path: Path) -> str:
    """A hint for a missing file: the folder is missing, or a name differs only in case/normalisation."""
    parent = path.parent
    if not parent.is_dir():
        return f" (there is no folder {parent.name!r})"
    want = unicodedata.normalize("NFC", path.name).casefold()
    try:
        names = sorted(n for n in os.listdir(parent)
                       if unicodedata.normalize("NFC", n).casefold() == want)
    except OSError:
        return ""
    if not names:
        return ""
    if unicodedata.normalize("NFC", names[0]) == unicodedata.normalize("NFC", path.name):
        return (f" (did you mean {names[0]!r}? the two names hold the same letters, composed differently "
                "(Unicode NFC and NFD); copy the file name from the folder into the manifest)")
    return f" (did you mean {names[0]!r}? names are case-sensitive)"


def _read_bytes(path: Path, rel: str, row: int | None) -> tuple[bytes | None, list[Problem]]:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None, [Problem(rel, row, "file not found" + _near_miss(path))]
    except NotADirectoryError:
        return None, [Problem(rel, row, "file not found (a folder on its path is a file)")]
    except PermissionError:
        return None, [Problem(rel, row, "cannot read the file: permission denied")]
    except OSError as exc:
        return None, [Problem(rel, row, f"cannot read the file: {exc.strerror or exc}")]
    if stat.S_ISDIR(st.st_mode):
        return None, [Problem(rel, row, "is a folder, not a file")]
    if not stat.S_ISREG(st.st_mode):
        return None, [Problem(rel, row, "is not a regular file (device, pipe or socket)")]
    limit = max_document_bytes()
    if st.st_size > limit:
        return None, [Problem(rel, row, f"is {st.st_size / 1e6:.3g} MB, larger than the limit of "
                                        f"{limit / 1e6:.3g} MB per document; split it, or raise the limit "
                                        "with $BRIEFKIT_MAX_DOCUMENT_MB")]
    try:
        # O_NOFOLLOW: refuse a symlink swapped in after resolve_file checked the path.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            return fh.read(), []
    except PermissionError:
        return None, [Problem(rel, row, "cannot read the file: permission denied")]
    except OSError as exc:
        return None, [Problem(rel, row, f"cannot read the file: {exc.strerror or exc}")]


def check_document(corpus_dir: str | os.PathLike, rel: str, *, row: int | None = None,
                   encoding: str | None = None) -> tuple[DecodedText | None, list[Problem]]:
    """Read and decode one document, returning ``(decoded or None, problems)`` without raising.

    ``decoded`` is ``None`` when the file cannot be used at all. A decoded text
    can still come with problems (NUL bytes, only whitespace).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from briefkit.corpus.validate import check_document
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> check_document(root, "missing.txt", row=2)
    (None, [Problem(file='missing.txt', row=2, problem='file not found')])
    """
    try:
        path = resolve_file(corpus_dir, rel, row=row)
    except CorpusError as exc:
        return None, list(exc.problems)
    data, problems = _read_bytes(path, rel, row)
    if data is None:
        return None, problems
    try:
        decoded = decode_bytes(data, source=rel, encoding=encoding or None)
    except CorpusError as exc:
        return None, [Problem(rel, row, p.problem) for p in exc.problems]
    n_nul = decoded.text.count("\x00")
    if n_nul:
        first = decoded.text.index("\x00")
        problems.append(Problem(rel, row, f"contains {n_nul} NUL byte{'s' if n_nul > 1 else ''} "
                                          f"(\\x00), first at character {first}; remove them"))
    if not decoded.text.replace("\x00", "").strip():
        problems.append(Problem(rel, row, _BLANK_PROBLEM))
    return decoded, problems


def read_document(corpus_dir: str | os.PathLike, rel: str, *, row: int | None = None,
                  encoding: str | None = None) -> DecodedText:
    """Read and decode one document safely, raising :class:`CorpusError` if it cannot be used.

    NUL bytes and whitespace-only files do not raise (they are returned as
    decoded); :func:`validate_corpus` reports them.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from briefkit.corpus.validate import read_document
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (root / "a.txt").write_bytes(b"Hello\\r\\nworld")
    >>> read_document(root, "a.txt").text
    'Hello\\r\\nworld'
    """
    decoded, problems = check_document(corpus_dir, rel, row=row, encoding=encoding)
    if decoded is None:
        raise CorpusError(problems)
    return decoded


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a DataFrame: ``file`` (str), ``row`` (Int64, <NA> for none), ``problem``, ``severity``.

    Examples
    --------
    >>> from briefkit.corpus.validate import problems_table
    >>> from briefkit.errors import Problem
    >>> problems_table([Problem("a.txt", 2, "empty file (0 bytes)")]).values.tolist()
    [['a.txt', 2, 'empty file (0 bytes)', 'error']]
    """
    return pd.DataFrame({
        "file": pd.Series([p.file for p in problems], dtype=str),
        "row": pd.Series([p.row for p in problems], dtype="Int64"),
        "problem": pd.Series([p.problem for p in problems], dtype=str),
        "severity": pd.Series([p.severity for p in problems], dtype=str),
    })


_UNICODE_CODECS = ("utf-8", "utf-8-sig", "utf-16", "utf-32")


def documents_to_read(root: Path) -> tuple[pd.DataFrame | None, list[Problem],
                                            list[tuple[str, int, str, Problem | None]]]:
    """Manifest table, its problems, and ``(file, row, stated encoding, problem)`` per document row.

    Each file is read once: a row naming a file an earlier row names carries that problem
    (and is not read); otherwise the problem is ``None``. The encoding is ``""`` unless the
    manifest's ``file_encoding`` column names one.
    """
    df, problems = manifest_problems(root)
    todo: list[tuple[str, int, str, Problem | None]] = []
    if df is None or "file" not in df.columns:
        return df, problems, todo
    first_row: dict[Path, int] = {}
    stated = dict(zip(df.attrs.get("rows", []), df["file_encoding"])) if "file_encoding" in df.columns else {}
    for number, rel in zip(df.attrs.get("rows", []), df["file"]):
        if not rel or path_problem(rel):
            continue  # already reported by manifest_problems
        key = root.joinpath(*[p for p in rel.split("/") if p not in ("", ".")])
        if key in first_row:
            todo.append((rel, number, "", Problem(rel, number, f"the same file as row {first_row[key]}; "
                                                               "each document needs its own file")))
            continue
        first_row[key] = number
        todo.append((rel, number, stated.get(number, ""), None))
    return df, problems, todo


def _survey(root: Path) -> tuple[pd.DataFrame | None, list[Problem],
                                 list[tuple[str, int, DecodedText]]]:
    """Manifest table, every problem, and (file, row, decoded) for each readable document."""
    df, problems, todo = documents_to_read(root)
    decoded_docs: list[tuple[str, int, DecodedText]] = []
    for rel, number, encoding, duplicate in todo:
        if duplicate is not None:
            problems.append(duplicate)
            continue
        decoded, doc_problems = check_document(root, rel, row=number, encoding=encoding)
        problems.extend(doc_problems)
        if decoded is not None:
            decoded_docs.append((rel, number, decoded))
    return df, problems, decoded_docs


def survey(path: str | os.PathLike | None = None) -> tuple[list[Problem], pd.DataFrame]:
    """Every manifest and document problem of a corpus folder, and notes on guessed encodings.

    Returns
    -------
    (problems, notes)
        ``problems``: :class:`~briefkit.errors.Problem` records, manifest problems first, then
        document problems in manifest order. ``notes`` has columns ``file``, ``row``,
        ``encoding``, ``note``: one row per document that is not in a Unicode encoding (its
        encoding was guessed: worth a look, but not a problem).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from briefkit.corpus.validate import survey
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (root / "manifest.csv").write_text("doc_id,file,title\\na,a.txt,A\\n")
    >>> _ = (root / "a.txt").write_bytes("caf\\xe9".encode("cp1252"))
    >>> problems, notes = survey(root)
    >>> len(problems), notes["encoding"].tolist()
    (0, ['cp1252'])
    """
    from briefkit.paths import corpus_dir

    root = corpus_dir(path)
    _, problems, decoded_docs = _survey(root)
    notes = [(rel, number, d.encoding, note)
             for rel, number, d in decoded_docs if d.encoding not in _UNICODE_CODECS
             for note in d.notes if note.startswith("not UTF-8")]
    notes_df = pd.DataFrame({
        "file": pd.Series([n[0] for n in notes], dtype=str),
        "row": pd.Series([n[1] for n in notes], dtype="Int64"),
        "encoding": pd.Series([n[2] for n in notes], dtype=str),
        "note": pd.Series([n[3] for n in notes], dtype=str),
    })
    return problems, notes_df


def read_texts(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read the manifest and every document's raw text, or raise listing every problem.

    For ``load_corpus``: one call, all problems at once. Documents with stray
    NUL bytes or only whitespace are returned as they are (``validate_corpus``
    reports them); everything else that :func:`validate_corpus` reports raises.

    Returns
    -------
    DataFrame
        The manifest columns (see :func:`briefkit.corpus.sources.manifest.read_manifest`) plus
        ``raw_text`` (exact decoded text), ``encoding`` (codec name) and
        ``encoding_notes`` (``"; "``-joined notes, ``""`` if none);
        ``attrs["rows"]`` holds the manifest row numbers.

    Raises
    ------
    CorpusError
        With every manifest and file problem.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from briefkit.corpus.validate import read_texts
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (root / "manifest.csv").write_text("doc_id,file,title\\na,a.txt,A\\n")
    >>> _ = (root / "a.txt").write_bytes(b"One.\\r\\nTwo.")
    >>> read_texts(root)[["doc_id", "raw_text", "encoding"]].values.tolist()
    [['a', 'One.\\r\\nTwo.', 'utf-8']]
    """
    from briefkit.paths import corpus_dir

    root = corpus_dir(path)
    df, problems, decoded_docs = _survey(root)
    fatal = [p for p in problems if not still_usable(p)]
    if fatal or df is None:
        raise CorpusError(fatal or problems)
    by_row = {number: d for _, number, d in decoded_docs}
    rows = df.attrs["rows"]
    out = df.copy()
    out["raw_text"] = pd.Series([by_row[r].text for r in rows], dtype=str, index=out.index)
    out["encoding"] = pd.Series([by_row[r].encoding for r in rows], dtype=str, index=out.index)
    out["encoding_notes"] = pd.Series(["; ".join(by_row[r].notes) for r in rows], dtype=str,
                                      index=out.index)
    out.attrs["rows"] = list(rows)
    return out
