"""The package's architecture, checked on its source with ast (issue 17, item 5).

* Layers point one way: base -> inputs -> corpus -> analyses (topics, stance, scaling, forecasts)
  -> app (cli, validate, output's htmlreport, the ``briefkit`` facade). A module imports only
  from its own layer or a lower one, at the top or inside a function; no module loads another
  by a string (``importlib.import_module``) except the lazy-export helper.
* No module imports another module's private (``_underscored``) name.
* Every module stays at most 400 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "briefkit"
LAYERS = ["base", "inputs", "corpus", "analyses", "app"]
ANALYSES = ("topics", "stance", "scaling", "forecasts")
APP = ("briefkit", "briefkit.cli", "briefkit.validate", "briefkit.output.htmlreport")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def layer(module: str) -> str:
    """The layer of a briefkit module."""
    if module in APP:
        return "app"
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else ""
    if top in ANALYSES:
        return "analyses"
    if top in ("corpus", "inputs"):
        return top
    return "base"  # errors, paths, dates, uncertainty, groups, jobs, schema, run, _lazy, output


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module imported, names imported from it) for every import in a file, nested ones too."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module, [a.name for a in node.names]))
    return out


def _target(module: str, names: list[str]) -> list[str]:
    """The briefkit modules an import statement reaches (``from pkg import mod`` reaches pkg.mod)."""
    if module != "briefkit" and not module.startswith("briefkit."):
        return []
    return [f"{module}.{n}" for n in names if f"{module}.{n}" in MODULES] or [module]


def test_the_layer_map_covers_every_module():
    assert {layer(m) for m in MODULES} == set(LAYERS)
    assert layer("briefkit.corpus.validate") == "corpus" and layer("briefkit.validate") == "app"
    assert layer("briefkit.inputs.patterns") == "inputs" and layer("briefkit.output.export") == "base"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down_the_layers(module):
    mine = LAYERS.index(layer(module))
    upward = []
    for line, imported, names in _imports(MODULES[module]):
        for target in _target(imported, names):
            if target in MODULES and LAYERS.index(layer(target)) > mine:
                upward.append(f"line {line}: {target} ({layer(target)})")
    assert not upward, f"{module} ({layer(module)}) imports upward: {upward}"


def test_corpus_and_inputs_load_nothing_by_string():
    for module, path in MODULES.items():
        if layer(module) in ("base", "inputs", "corpus") and module != "briefkit._lazy":
            text = path.read_text(encoding="utf-8")
            assert "import_module" not in text and "__import__" not in text, module


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_another_modules_private_names(module):
    private = [f"line {line}: {imported}.{n}" for line, imported, names in _imports(MODULES[module])
               for n in names if n.startswith("_") and imported.startswith("briefkit")
               and not (n.startswith("__") and n.endswith("__"))]
    assert not private, f"{module} imports private names: {private}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_short(module):
    n = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert n <= 400, f"{module} has {n} lines"
