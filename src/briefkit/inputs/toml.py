"""Read a curated TOML file (``cleaning.toml``, ``targets.toml``, ``vocabulary.toml``) strictly.

One reader for every TOML file of a corpus: :func:`parse_toml` turns a syntax error into a
problem naming the file and the line, and :class:`TomlChecker` collects every problem of a file
(an unknown key, a value of the wrong type ...) with the **key path** it sits at
(``rule[2].pattern``, ``targets.usfk.patterns[1]``, ``merge."north korea"``), then raises them
together as one :class:`~briefkit.errors.CorpusError` (or the subclass the caller names).

Examples
--------
>>> from briefkit.inputs.toml import TomlChecker, parse_toml
>>> data = parse_toml('[[rule]]\\npattern = 3\\ncolour = "red"\\n', label="cleaning.toml")
>>> check = TomlChecker("cleaning.toml")
>>> rule = data["rule"][0]
>>> check.keys(rule, {"pattern", "category"}, "rule[1]")
>>> check.string(rule.get("pattern"), "rule[1].pattern") is None
True
>>> print(check.error())
cleaning.toml: rule[1]: unknown key(s) 'colour'; allowed: 'category', 'pattern'
cleaning.toml: rule[1].pattern: must be a non-empty string, got 3
"""

from __future__ import annotations

import re
import tomllib

from briefkit.errors import CorpusError, Problem

__all__ = ["parse_toml", "key_path", "TomlChecker"]

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def key_path(*parts) -> str:
    """Join TOML keys and 1-based array positions into a path (``rule[2].pattern``).

    Examples
    --------
    >>> from briefkit.inputs.toml import key_path
    >>> key_path("targets", "north korea", "patterns", 3)
    'targets."north korea".patterns[3]'
    """
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            key = p if _BARE.fullmatch(p) else '"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"'
            out += f".{key}" if out else key
    return out


def parse_toml(text: str, *, label: str, error: type[CorpusError] = CorpusError) -> dict:
    """Parse TOML text; a syntax error raises ``error`` naming the file and the line.

    Examples
    --------
    >>> from briefkit.inputs.toml import parse_toml
    >>> parse_toml("[[rule]\\n", label="cleaning.toml")
    Traceback (most recent call last):
    ...
    briefkit.errors.CorpusError: cleaning.toml: row 1: not valid TOML: ...
    """
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line = re.search(r"\(at line (\d+), column \d+\)", message)
        row = int(line[1]) if line else None
        raise error([Problem(label, row, f"not valid TOML: {message}")]) from None


class TomlChecker:
    """Collects the problems of one TOML file, each at its key path.

    Every check returns the value when it is good and ``None`` (after recording the problem)
    when it is not, so a reader goes on and reports every problem at once.
    """

    def __init__(self, label: str, *, error: type[CorpusError] = CorpusError):
        self.label = label
        self.error_class = error
        self.problems: list[Problem] = []

    def add(self, path: str, problem: str) -> None:
        """Record ``problem`` at key path ``path`` (``""`` for the whole file)."""
        self.problems.append(Problem(self.label, None, f"{path}: {problem}" if path else problem))

    def keys(self, table, allowed, path: str) -> None:
        """Record keys of ``table`` outside ``allowed``."""
        unknown = sorted(set(table) - set(allowed)) if isinstance(table, dict) else []
        if unknown:
            self.add(path, f"unknown key(s) {', '.join(map(repr, unknown))}; allowed: "
                           f"{', '.join(map(repr, sorted(allowed)))}")

    def table(self, value, path: str, *, what: str = "a table"):
        """``value`` when it is a table (dict), else record the problem."""
        if isinstance(value, dict):
            return value
        self.add(path, f"must be {what}, got {value!r}")
        return None

    def string(self, value, path: str, *, pattern: str | None = None, what: str = "a non-empty string"):
        """``value`` when it is a non-empty string (matching ``pattern`` if given)."""
        if isinstance(value, str) and value.strip() and (pattern is None or re.fullmatch(pattern, value)):
            return value
        self.add(path, f"must be {what}, got {value!r}")
        return None

    def strings(self, value, path: str) -> list[str] | None:
        """``value`` when it is a list of non-empty strings."""
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return value
        self.add(path, f"must be a list of non-empty strings, got {value!r}")
        return None

    def boolean(self, value, path: str):
        """``value`` when it is true or false."""
        if isinstance(value, bool):
            return value
        self.add(path, f"must be true or false, got {value!r}")
        return None

    def positive_int(self, value, path: str):
        """``value`` when it is an integer >= 1."""
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value
        self.add(path, f"must be a positive integer, got {value!r}")
        return None

    def error(self) -> CorpusError | None:
        """The error holding every problem recorded, or None."""
        return self.error_class(self.problems) if self.problems else None

    def raise_if_any(self) -> None:
        """Raise :meth:`error` when a problem was recorded."""
        if self.problems:
            raise self.error_class(self.problems)
