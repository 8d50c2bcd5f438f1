"""Keep stored notebooks free of outputs (``python -m briefkit.notebooks strip|check FILES``).

Executed notebooks are build products; the ``.ipynb`` files in git hold only
sources, so diffs stay readable (their jupytext ``.py`` pairs are the files to review).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

__all__ = ["has_outputs", "strip_outputs", "main"]


def _load(path: Path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not a readable notebook: {exc}") from None


def has_outputs(path) -> bool:
    """True if any code cell of the notebook at ``path`` stores outputs or an execution count.

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> from briefkit.notebooks import has_outputs
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "n.ipynb"
    >>> _ = p.write_text(json.dumps({"cells": [{"cell_type": "code", "outputs": [], "execution_count": None}]}))
    >>> has_outputs(p)
    False
    """
    nb = _load(path)
    return any(c.get("outputs") or c.get("execution_count")
               for c in nb.get("cells", []) if c.get("cell_type") == "code")


def strip_outputs(path) -> bool:
    """Remove outputs, execution counts and per-cell execution metadata; True if changed."""
    nb = _load(path)
    changed = False
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs") or cell.get("execution_count") is not None:
            changed = True
        cell["outputs"], cell["execution_count"] = [], None
        if "execution" in cell.get("metadata", {}):
            del cell["metadata"]["execution"]
            changed = True
    if changed:
        Path(path).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return changed


def main(argv=None) -> int:
    """``strip FILES`` rewrites notebooks without outputs; ``check FILES`` exits 1 if any has outputs."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 2 or args[0] not in ("strip", "check"):
        print("usage: python -m briefkit.notebooks strip|check NOTEBOOK...", file=sys.stderr)
        return 2
    bad = []
    for name in args[1:]:
        if args[0] == "strip":
            if strip_outputs(name):
                print(f"stripped {name}")
        elif has_outputs(name):
            bad.append(name)
    for name in bad:
        print(f"{name}: stored with outputs; run `make sync`", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
