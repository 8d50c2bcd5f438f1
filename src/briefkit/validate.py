"""Validate a corpus folder: the manifest, the documents and every curated file, as the notebooks read them.

The application layer's composition of the checks (``briefkit validate``): the corpus layer's
own survey of manifest and documents (:func:`briefkit.corpus.validate.survey`), then every
curated file registered with :mod:`briefkit.inputs.registry` by the subpackages' ``curated``
modules (imported here, explicitly), each read by the reader and schema the notebooks use. So
a corpus that validates reads without a :class:`~briefkit.errors.CorpusError` in every notebook.

Problems have a severity (:data:`briefkit.errors.SEVERITIES`): errors make validation fail;
warnings (an event id cited in ``outcomes.csv`` or ``uptake.csv`` that ``events.csv`` does not
list) are listed, and nothing refuses the corpus for them.
"""

from __future__ import annotations

import os

import pandas as pd

import briefkit.corpus.curated  # noqa: F401  (each curated module registers its files)
import briefkit.forecasts.curated  # noqa: F401
import briefkit.stance.curated  # noqa: F401
import briefkit.topics.curated  # noqa: F401
from briefkit.corpus.validate import problems_table, survey
from briefkit.inputs.registry import curated_problems
from briefkit.paths import corpus_dir

__all__ = ["check_corpus", "validate_corpus"]


def check_corpus(path: str | os.PathLike | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every problem of a corpus folder (as :func:`validate_corpus`) and notes on guessed encodings.

    Returns
    -------
    (problems, notes)
        ``problems`` as :func:`validate_corpus`; ``notes`` has columns ``file``, ``row``,
        ``encoding``, ``note``: one row per document that is not in a Unicode encoding (its
        encoding was guessed: worth a look, but not a problem).

    Examples
    --------
    >>> import shutil, tempfile, pathlib
    >>> import briefkit
    >>> from briefkit.validate import check_corpus
    >>> root = pathlib.Path(tempfile.mkdtemp()) / "corpus"
    >>> _ = shutil.copytree(briefkit.corpus_dir(), root)
    >>> _ = (root / "uptake.csv").write_text("rec_id,event_id,verdict,note\\nR1,E001,maybe,\\n")
    >>> problems, notes = check_corpus(root)
    >>> problems.values.tolist(), len(notes)
    ([['uptake.csv', 2, "verdict 'maybe' is not one of 'taken', 'partly', 'not taken', 'not checkable'", 'error']], 0)
    """
    root = corpus_dir(path)
    problems, notes = survey(root)
    if root.is_dir():
        problems += curated_problems(root)
    errors = [p for p in problems if p.severity == "error"]
    return problems_table(errors + [p for p in problems if p.severity != "error"]), notes


def validate_corpus(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Check a corpus folder and return every problem found (empty table when clean).

    Parameters
    ----------
    path : path, optional
        Corpus folder; default :func:`briefkit.paths.corpus_dir` (``$BRIEFKIT_CORPUS``
        or ``<project>/corpus``). Relative paths are taken from the project root.

    Returns
    -------
    DataFrame
        Columns ``file`` (``"manifest.csv"``, a document's path as written in the manifest, or
        a curated file), ``row`` (its row as a spreadsheet shows it, header = row 1; ``<NA>``
        when the problem belongs to no row), ``problem`` and ``severity`` (``error`` or
        ``warning``). Errors first: manifest, documents in manifest order, curated files; then
        warnings.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from briefkit.validate import validate_corpus
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (root / "manifest.csv").write_text("doc_id,file,title\\na,a.txt,A\\n")
    >>> validate_corpus(root).values.tolist()
    [['a.txt', 2, 'file not found', 'error']]
    """
    return check_corpus(path)[0]
