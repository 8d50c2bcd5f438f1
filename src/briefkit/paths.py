"""The one place that resolves project, corpus and export folders.

Notebooks run with their own folder as working directory under nbconvert and
with the caller's under papermill, so nothing here depends on the working
directory: paths come from environment variables, else from the project root
(the folder holding ``pyproject.toml`` above this package, or the working
directory's nearest such ancestor for an installed package).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["project_root", "corpus_dir", "figures_dir"]


def _find_root(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "notebooks").is_dir():
            return folder
    return None


def project_root() -> Path:
    """Return the briefkit project folder.

    ``$BRIEFKIT_ROOT`` wins; else the source checkout this package was imported
    from; else the nearest ancestor of the working directory with a
    ``pyproject.toml`` and a ``notebooks/`` folder; else the working directory.

    Examples
    --------
    >>> from briefkit.paths import project_root
    >>> (project_root() / "pyproject.toml").exists()
    True
    """
    env = os.environ.get("BRIEFKIT_ROOT")
    if env:
        return Path(env).expanduser().resolve()
    return (_find_root(Path(__file__).resolve().parent)
            or _find_root(Path.cwd().resolve())
            or Path.cwd().resolve())


def corpus_dir(path: str | os.PathLike | None = None) -> Path:
    """Return the corpus folder: ``path``, else ``$BRIEFKIT_CORPUS``, else ``<root>/corpus``.

    Relative paths are taken from the project root, not the working directory.

    Examples
    --------
    >>> from briefkit.paths import corpus_dir
    >>> corpus_dir("corpus").name
    'corpus'
    """
    chosen = path if path is not None else os.environ.get("BRIEFKIT_CORPUS") or "corpus"
    p = Path(chosen).expanduser()
    if not p.is_absolute():
        p = project_root() / p
    return p.resolve()


def figures_dir(path: str | os.PathLike | None = None, *, create: bool = True,
                corpus: str | os.PathLike | None = None) -> Path:
    """Return the export folder: ``path``, else ``$BRIEFKIT_FIGURES``, else ``<root>/figures``.

    briefkit never writes into the analyst's data: an export folder that is, or is inside,
    the corpus folder (``corpus``, else :func:`corpus_dir`) raises
    :class:`~briefkit.errors.ExportLocationError`.

    Examples
    --------
    >>> from briefkit.paths import figures_dir
    >>> figures_dir("figures", create=False).name
    'figures'
    >>> figures_dir("corpus", create=False)
    Traceback (most recent call last):
    ...
    briefkit.errors.ExportLocationError: export folder ... is inside the corpus folder ...
    """
    chosen = path if path is not None else os.environ.get("BRIEFKIT_FIGURES") or "figures"
    p = Path(chosen).expanduser()
    if not p.is_absolute():
        p = project_root() / p
    p = p.resolve()
    data = corpus_dir(corpus)
    if p == data or data in p.parents:
        from briefkit.errors import ExportLocationError

        raise ExportLocationError(
            f"export folder {p} is inside the corpus folder {data}; briefkit never writes into "
            "the analyst's data: choose another folder (BRIEFKIT_FIGURES or figures=)")
    if create:
        p.mkdir(parents=True, exist_ok=True)
    return p
