"""The stance subpackage's curated files, registered with :mod:`briefkit.inputs.registry`.

Each is read by the reader notebook 03 uses: ``targets.toml`` / ``targets.csv`` by
:func:`~briefkit.stance.targets.load_targets` (both are checked when both are present; the
notebooks use ``targets.toml``), ``stance_codes.csv`` by :func:`~briefkit.stance.coding.read_codes`.
"""

from __future__ import annotations

from pathlib import Path

from briefkit.inputs.registry import register
from briefkit.stance.coding import read_codes
from briefkit.stance.targets import load_targets

__all__: list[str] = []


def _targets(name: str):
    def read(root: Path):
        p = root / name
        return load_targets(name, corpus=root) if p.exists() or p.is_symlink() else None
    return read


register("targets_toml", read=_targets("targets.toml"))
register("targets_csv", read=_targets("targets.csv"))
register("stance_codes", read=lambda root: read_codes(corpus=root))
