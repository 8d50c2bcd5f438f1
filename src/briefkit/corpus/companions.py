"""Check the analyst's files beside the documents, with the readers the notebooks use.

``briefkit validate`` runs these checks, so a corpus that validates does not fail later in
a notebook: the cleaning rules (``cleaning.toml``, read as :func:`briefkit.load_corpus` reads
it), the stance targets (``targets.toml`` / ``targets.csv``, via
:func:`briefkit.stance.targets.load_targets`), the events ledger and the reviewed outcomes
(``events.csv``, ``outcomes.csv``, via the readers in :mod:`briefkit.forecasts`), and the
other curated tables when present (``stance_codes.csv``, ``uptake.csv``, ``topic_labels.csv``:
readable UTF-8 CSV with a header, via :func:`briefkit.inputs.tables.read_csv_table`).
Each problem is reported as those readers word it.
"""

from __future__ import annotations

import os
from pathlib import Path

from briefkit.errors import BriefkitError, CorpusError, Problem

__all__ = ["companion_problems", "CURATED_TABLES"]

#: Curated tables a notebook may read; checked as UTF-8 CSV when present.
CURATED_TABLES = ("stance_codes.csv", "uptake.csv", "topic_labels.csv")


def _as_problems(exc: BriefkitError, name: str) -> list[Problem]:
    if isinstance(exc, CorpusError):
        return list(exc.problems)
    message = str(exc)
    return [Problem(name, None, message[len(name) + 2:] if message.startswith(name + ": ") else message)]


def _exists(root: Path, name: str) -> bool:
    p = root / name
    return p.exists() or p.is_symlink()


def companion_problems(root: str | os.PathLike) -> list[Problem]:
    """Every problem in the analyst's files of the corpus folder ``root`` (empty list when fine).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from briefkit.corpus.companions import companion_problems
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (root / "cleaning.toml").write_text("[[rule]\\n")
    >>> [p.problem[:14] for p in companion_problems(root)]
    ['not valid TOML']
    """
    from briefkit.corpus.cleaning.rules import read_rules_file

    root = Path(root)
    problems: list[Problem] = []
    try:
        read_rules_file(root)
    except BriefkitError as exc:
        problems += _as_problems(exc, "cleaning.toml")
    for name in ("targets.toml", "targets.csv"):
        if _exists(root, name):
            from briefkit.stance.targets import load_targets

            try:
                load_targets(name, corpus=root)
            except BriefkitError as exc:
                problems += _as_problems(exc, name)
    for name, module, reader in (("events.csv", "briefkit.forecasts.ledger.events", "load_ledger"),
                                 ("outcomes.csv", "briefkit.forecasts.ledger.outcomes", "load_outcomes")):
        if _exists(root, name):
            import importlib

            try:
                getattr(importlib.import_module(module), reader)(root)
            except BriefkitError as exc:
                problems += _as_problems(exc, name)
    for name in CURATED_TABLES:
        if _exists(root, name):
            from briefkit.corpus.sources.manifest import resolve_file
            from briefkit.inputs.tables import read_csv_table

            try:
                path = resolve_file(root, name)
                if not path.is_file():
                    raise CorpusError([Problem(name, None, "is not a regular file")])
                read_csv_table(path, label=name)
            except BriefkitError as exc:
                problems += _as_problems(exc, name)
    return problems
