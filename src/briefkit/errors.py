"""Exceptions shared by briefkit modules, and the :class:`Problem` record.

Every error that comes from bad input is a :class:`BriefkitError`, which is a
:class:`ValueError`, so ``except ValueError`` still catches it.

Problems with a corpus (its manifest or its files) are collected as
:class:`Problem` records and raised together in one :class:`CorpusError`, so
the analyst sees every problem at once instead of fixing them one by one.

The subpackages' own errors live here too (:class:`TopicError`, :class:`VocabularyError`,
:class:`LabelsError`, :class:`CodesError`, :class:`TargetsError`,
:class:`WordfishDivergedError`); the modules that raise them re-export them.

Row numbers
-----------
``Problem.row`` is the row number a spreadsheet program shows for the manifest
record: the header is row 1, the first document is row 2. (It equals the line
number of the record in ``manifest.csv`` unless an earlier quoted cell spans
several lines.) ``row`` is ``None`` for problems that belong to no single row,
such as a missing manifest or a missing column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

__all__ = ["BriefkitError", "CorpusError", "UnreadableTextError", "MissingColumnsError",
           "ExportLocationError", "FigureFitError", "TopicError", "VocabularyError", "LabelsError",
           "CodesError", "TargetsError", "PatternError", "WordfishDivergedError", "Problem",
           "format_problem", "require_columns", "SEVERITIES"]

#: ``Problem.severity`` values: an ``error`` stops the reader that finds it (and makes
#: ``briefkit validate`` fail); a ``warning`` is listed but nothing refuses the file.
SEVERITIES = ("error", "warning")


class BriefkitError(ValueError):
    """Base class for errors caused by bad input to briefkit."""


@dataclass(frozen=True)
class Problem:
    """One problem found in a corpus.

    Attributes
    ----------
    file : str
        The file the problem is in, relative to the corpus folder
        (``"manifest.csv"`` or a document's ``file`` value as written in the manifest).
    row : int or None
        Manifest row as a spreadsheet shows it (header = row 1, first document = row 2),
        or ``None`` when the problem belongs to no single row.
    problem : str
        What is wrong, in words an analyst can act on.
    severity : str
        ``"error"`` (default) or ``"warning"`` (:data:`SEVERITIES`): a warning is listed by
        ``briefkit validate`` but no reader refuses the file for it.

    Examples
    --------
    >>> from briefkit.errors import Problem
    >>> str(Problem("manifest.csv", 3, "empty title"))
    'manifest.csv: row 3: empty title'
    >>> str(Problem("uptake.csv", 4, "cites E9, not in events.csv", severity="warning"))
    'uptake.csv: row 4: warning: cites E9, not in events.csv'
    """

    file: str
    row: int | None
    problem: str
    severity: str = field(default="error", repr=False)

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, got {self.severity!r}")

    def __str__(self) -> str:
        text = self.problem if self.severity == "error" else f"{self.severity}: {self.problem}"
        return format_problem(self.file, self.row, text)


def format_problem(file: str, row: int | None, problem: str) -> str:
    """Format one problem as ``"<file>: row <n>: <problem>"`` (``"<file>: <problem>"`` without a row).

    An empty ``file`` gives the problem alone.

    Examples
    --------
    >>> from briefkit.errors import format_problem
    >>> format_problem("a.txt", None, "empty file (0 bytes)")
    'a.txt: empty file (0 bytes)'
    """
    if not file:
        return problem if row is None else f"row {row}: {problem}"
    if row is None:
        return f"{file}: {problem}"
    return f"{file}: row {row}: {problem}"


class CorpusError(BriefkitError):
    """A corpus (manifest, documents or the analyst's curated files) has one or more problems.

    ``problems`` lists all of them; ``str(err)`` shows one per line as
    ``"<file>: row <n>: <problem>"``. Every error about input read from a corpus folder is
    this class or a subclass (:class:`CodesError`, :class:`LabelsError`,
    :class:`VocabularyError`, :class:`TargetsError`, :class:`PatternError`), so one
    ``except CorpusError`` catches them all. A plain message (``CorpusError("...")``) is kept
    as one problem that names no file.

    Examples
    --------
    >>> from briefkit.errors import CorpusError, Problem
    >>> err = CorpusError([Problem("manifest.csv", 2, "empty doc_id"),
    ...                    Problem("manifest.csv", 4, "empty title")])
    >>> print(err)
    manifest.csv: row 2: empty doc_id
    manifest.csv: row 4: empty title
    """

    def __init__(self, problems: Iterable[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem("", None, problems)]
        self.problems: list[Problem] = list(problems)
        if not self.problems:
            raise ValueError("CorpusError needs at least one Problem")
        super().__init__(self._message())

    def _message(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    def __reduce__(self):  # pickled with its problems (a worker process raises it whole)
        return (self.__class__, (self.problems,))

    def __str__(self) -> str:
        return self._message()


class UnreadableTextError(CorpusError):
    """A file cannot be read as text (empty, binary, or in an unknown encoding)."""


class MissingColumnsError(BriefkitError, KeyError):
    """A table lacks columns a function needs.

    It is a :class:`BriefkitError` (so a :class:`ValueError`) and a :class:`KeyError`, so code
    that caught either before still catches it. The message names the table, the missing
    columns and the columns it has.
    """

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class FigureFitError(BriefkitError):
    """A figure that would not fit a report page (size or smallest font)."""


class ExportLocationError(BriefkitError):
    """An export folder that would write into the corpus folder (the analyst's data)."""


class TopicError(BriefkitError):
    """A topic-model input cannot be modelled (too small, no terms, bad K...)."""


class VocabularyError(CorpusError):
    """A vocabulary file is malformed (names the file, key and problem)."""


class LabelsError(CorpusError):
    """``topic_labels.csv`` is malformed (names the file, row and problem)."""


class CodesError(CorpusError):
    """A stance codes file has problems (each names the file, row and problem)."""


class TargetsError(CorpusError):
    """A targets file is malformed (names the file, target and problem)."""


class PatternError(CorpusError):
    """A corpus pattern is refused, or exceeded its time limit (names file, key, pattern, unit)."""


class WordfishDivergedError(BriefkitError, FloatingPointError):
    """The log-posterior became non-finite (near-empty documents or terms)."""


def require_columns(df, columns, *, name: str) -> None:
    """Raise :class:`MissingColumnsError` unless ``df`` has every column in ``columns``.

    The one column check used across briefkit, so every missing-column error reads alike.

    Parameters
    ----------
    df : DataFrame
    columns : iterable of str
    name : str
        What the table is, as the user knows it (``"sentences"``, ``"outcomes.csv"``).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.errors import require_columns
    >>> require_columns(pd.DataFrame({"doc_id": []}), ["doc_id", "start"], name="sentences")
    Traceback (most recent call last):
    ...
    briefkit.errors.MissingColumnsError: sentences: missing column(s) 'start'; it has 'doc_id'
    """
    if not hasattr(df, "columns"):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
    have = [str(c) for c in df.columns]
    missing = [c for c in columns if c not in set(have)]
    if missing:
        listed = ", ".join(repr(c) for c in missing)
        has = ", ".join(repr(c) for c in have) or "no columns"
        raise MissingColumnsError(f"{name}: missing column(s) {listed}; it has {has}")
