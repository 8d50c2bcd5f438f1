"""The registry of curated files: what each subpackage reads from a corpus folder, and how.

Each subpackage declares its curated files in its ``inputs.toml``
(:mod:`briefkit.inputs.schemas`) and registers, in its ``curated`` module, the reader the
notebooks use for each (and, where one file refers to another, a check across files). The
input layer knows no subpackage: :func:`curated_problems` runs whatever is registered, so
``briefkit validate`` (:mod:`briefkit.validate`, which imports the subpackages' ``curated``
modules) checks every curated file with the very reader and schema the notebooks use, and a
corpus it calls OK reads without error in every notebook.

Examples
--------
>>> import tempfile
>>> import briefkit.validate  # imports every subpackage's curated module, which registers its files
>>> from briefkit.inputs.registry import curated_problems, registered
>>> [c.name for c in registered()][:3]
['cleaning', 'topic_labels', 'vocabulary']
>>> curated_problems(tempfile.mkdtemp())
[]
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from briefkit.errors import CorpusError, Problem
from briefkit.inputs.schemas import InputSchema, input_schema, input_schemas

__all__ = ["Curated", "register", "registered", "curated_problems"]


@dataclass(frozen=True)
class Curated:
    """One registered curated file: its schema's name, its reader and an optional check.

    ``read(corpus_folder)`` reads the file as the notebooks do (``None`` or an empty table
    when it is absent) and raises :class:`~briefkit.errors.CorpusError` for a bad file.
    ``check(corpus_folder, loaded)`` gets every file read so far (``{name: value}``, ``None``
    for a file that failed) and returns more problems, typically warnings about references
    between files.
    """

    name: str
    read: Callable[[Path], object]
    check: Callable[[Path, dict], list[Problem]] | None = None

    @property
    def schema(self) -> InputSchema:
        return input_schema(self.name)


_REGISTRY: dict[str, Curated] = {}


def register(name: str, *, read: Callable[[Path], object],
             check: Callable[[Path, dict], list[Problem]] | None = None) -> None:
    """Register the reader (and check) of the curated file declared as ``name`` in an ``inputs.toml``.

    Registering a name again replaces its entry (a module imported twice registers the same).
    """
    input_schema(name)  # must be declared: KeyError naming the declared ones otherwise
    _REGISTRY[name] = Curated(name, read, check)


def registered() -> list[Curated]:
    """The registered curated files, in the order their schemas are declared."""
    return [_REGISTRY[n] for n in input_schemas() if n in _REGISTRY]


def curated_problems(corpus: str | os.PathLike, *, names=None) -> list[Problem]:
    """Every problem of every registered curated file in ``corpus`` (errors, then warnings of checks).

    ``names`` limits the files checked. A reader that raises anything but a
    :class:`~briefkit.errors.CorpusError` is a bug and propagates.
    """
    root = Path(corpus)
    use = [c for c in registered() if names is None or c.name in names]
    loaded: dict[str, object] = {}
    problems: list[Problem] = []
    for c in use:
        try:
            loaded[c.name] = c.read(root)
        except CorpusError as exc:
            loaded[c.name] = None
            problems += exc.problems
    for c in use:
        if c.check is not None:
            problems += c.check(root, loaded)
    return problems
