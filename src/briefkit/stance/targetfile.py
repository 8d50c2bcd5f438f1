"""Parse a targets file (``targets.toml`` or ``targets.csv``) strictly, every problem at once.

Read through the input layer: the TOML with :class:`briefkit.inputs.toml.TomlChecker` (problems
at key paths such as ``targets.usfk.patterns[2]``), the CSV by its schema
(``stance/inputs.toml`` ``[targets_csv]``, spreadsheet row numbers), and every pattern by the
static check of :mod:`briefkit.inputs.patterns`. :func:`briefkit.stance.targets.load_targets`
is the public reader.
"""

from __future__ import annotations

import re

from briefkit.errors import Problem, TargetsError
from briefkit.inputs.patterns import pattern_problem
from briefkit.inputs.schemas import input_schema
from briefkit.inputs.tables import table_from_text
from briefkit.inputs.toml import TomlChecker, key_path, parse_toml

__all__ = ["TARGET_COLUMNS", "ID_PATTERN", "parse_targets", "term_regex"]

TARGET_COLUMNS = ["target", "label", "kind", "value"]
#: What a target id may hold.
ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_.-]*"
_KEYS = {"label", "terms", "patterns", "description"}


def term_regex(term: str) -> str:
    """The regular expression of a literal term: its words, any whitespace between them.

    Examples
    --------
    >>> from briefkit.stance.targetfile import term_regex
    >>> term_regex("U.S. Forces  Korea")
    'U\\\\.S\\\\.\\\\s+Forces\\\\s+Korea'
    """
    return r"\s+".join(re.escape(p) for p in term.split())


def _value_problem(kind: str, value: str) -> str | None:
    if not value.strip():
        return f"empty {kind}"
    if kind == "pattern":
        why = pattern_problem(value)
        if why is None and re.compile(value, re.IGNORECASE).fullmatch("") is not None:
            why = "matches the empty string"
        return None if why is None else f"pattern {value!r} refused: {why}"
    return None


def _from_toml(text: str, source: str) -> tuple[list[tuple[str, str, str, str]], list[Problem]]:
    data = parse_toml(text, label=source, error=TargetsError)
    check = TomlChecker(source, error=TargetsError)
    check.keys(data, {"targets", "meta"}, "")
    targets = data.get("targets")
    if not isinstance(targets, dict) or not targets:
        check.add("targets", "expected one or more [targets.<id>] tables")
        return [], check.problems
    rows = []
    for tid, spec in targets.items():
        where = key_path("targets", tid)
        if not re.fullmatch(ID_PATTERN, tid):
            check.add(where, "a target id must be letters, digits, '_', '.', '-'")
        if check.table(spec, where, what="a table with label, terms, patterns") is None:
            continue
        check.keys(spec, _KEYS, where)
        label = spec.get("label", tid)
        if check.string(label, key_path("targets", tid, "label")) is None:
            label = tid
        for key, kind in (("terms", "term"), ("patterns", "pattern")):
            values = spec.get(key, [])
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                check.add(key_path("targets", tid, key), "must be a list of strings")
                continue
            for i, value in enumerate(values, start=1):
                bad = _value_problem(kind, value)
                if bad:
                    check.add(key_path("targets", tid, key, i), bad)
                else:
                    rows.append((tid, label, kind, value))
    return rows, check.problems


def _from_csv(text: str, source: str) -> tuple[list[tuple[str, str, str, str]], list[Problem]]:
    # comment lines become blank lines, so row numbers stay those a spreadsheet shows
    text = "\n".join("" if ln.lstrip().startswith("#") else ln for ln in text.split("\n"))
    df, numbers = table_from_text(text, input_schema("targets_csv"), label=source, error=TargetsError)
    rows, problems = [], []
    for row, rec in zip(numbers, df[TARGET_COLUMNS].itertuples(index=False)):
        tid, label, kind, value = rec
        if not re.fullmatch(ID_PATTERN, tid):
            problems.append(Problem(source, row, f"target id {tid!r} must be letters, digits, '_', '.', '-'"))
            continue
        bad = _value_problem(kind, value)
        if bad:
            problems.append(Problem(source, row, f"target {tid!r}: {bad}"))
            continue
        rows.append((tid, label or tid, kind, value))
    return rows, problems


def parse_targets(text: str, *, source: str, suffix: str) -> list[tuple[str, str, str, str]]:
    """``(target, label, kind, value)`` rows of a targets file's text, in file order.

    Raises
    ------
    TargetsError
        With every problem: bad TOML or CSV, an unknown key, a bad id, an empty term, a pattern
        the static check refuses, a target with two labels, a file with no target.

    Examples
    --------
    >>> from briefkit.stance.targetfile import parse_targets
    >>> parse_targets('[targets.jp]\\nterms = ["Japan"]\\n', source="targets.toml", suffix=".toml")
    [('jp', 'jp', 'term', 'Japan')]
    >>> parse_targets('[targets.jp]\\npatterns = ["(a|a)+$"]\\n', source="targets.toml", suffix=".toml")
    Traceback (most recent call last):
    ...
    briefkit.errors.TargetsError: targets.toml: targets.jp.patterns[1]: pattern '(a|a)+$' refused: alternation under a repeat: ...
    """
    rows, problems = (_from_toml if suffix == ".toml" else _from_csv)(text, source)
    labels: dict[str, str] = {}
    for tid, label, _, _ in rows:
        if labels.setdefault(tid, label) != label:
            problems.append(Problem(source, None, f"target {tid!r} has two labels: {labels[tid]!r} and {label!r}"))
    if not rows and not problems:
        problems.append(Problem(source, None, "no targets defined"))
    if problems:
        raise TargetsError(problems)
    return rows
