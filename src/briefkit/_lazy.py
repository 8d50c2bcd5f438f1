"""Lazy exports for briefkit's subpackages (the pattern of SPEC 1 / ``lazy_loader``).

A subpackage names its public functions once, by module; nothing is imported until a name is
used, so ``import briefkit`` stays light (no matplotlib or scikit-learn until a plot or a model
is asked for).

Examples
--------
>>> import briefkit.corpus as bc
>>> callable(bc.load_corpus)
True
"""

from __future__ import annotations

import importlib


def attach(package: str, modules: dict[str, list[str]]):
    """Return ``__getattr__``, ``__dir__`` and ``__all__`` for a package exporting ``modules``.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    modules : dict of str to list of str
        Submodule name (relative to ``package``) to the public names it provides. A name listed
        twice is taken from its first module.
    """
    where: dict[str, str] = {}
    for module, names in modules.items():
        for name in names:
            where.setdefault(name, module)
    subpackages = [m for m in modules if not m.startswith("_")]

    def __getattr__(name: str):
        if name in where:
            value = getattr(importlib.import_module(f"{package}.{where[name]}"), name)
            return value
        if name in subpackages:
            return importlib.import_module(f"{package}.{name}")
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__():
        return sorted(set(where) | set(subpackages))

    return __getattr__, __dir__, sorted(where)
