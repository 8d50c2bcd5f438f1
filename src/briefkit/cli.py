"""The ``briefkit`` command line.

``briefkit validate [CORPUS]`` checks a corpus folder (:func:`briefkit.validate.check_corpus`:
the manifest, the documents and every curated file, with the readers the notebooks use) and
prints every problem as ``<file>: row <n>: <problem>``, warnings as ``<file>: row <n>:
warning: ...``, then ``<file>: row <n>: note: ...`` for each document whose legacy encoding
was guessed (not a problem, but worth a look), then a summary; the exit status is 1 when
there are problems (errors), 0 when there are none (warnings alone do not fail), 2 for a
usage error. A CORPUS path given on the command line
is taken from the working directory. More subcommands can be
added with :func:`add_command`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable, Sequence

from briefkit.errors import BriefkitError, format_problem

__all__ = ["main", "build_parser", "add_command"]

#: (name, help, configure(subparser), run(args) -> exit code), in the order shown by --help.
_COMMANDS: list[tuple[str, str, Callable[[argparse.ArgumentParser], None],
                      Callable[[argparse.Namespace], int]]] = []


def add_command(name: str, help: str, configure: Callable[[argparse.ArgumentParser], None],
                run: Callable[[argparse.Namespace], int]) -> None:
    """Register a subcommand: ``configure`` adds its arguments, ``run`` returns the exit code."""
    if any(c[0] == name for c in _COMMANDS):
        raise ValueError(f"name={name!r}: a subcommand with this name already exists")
    _COMMANDS.append((name, help, configure, run))


def _corpus_arg(value: str | None) -> Path | None:
    # A path typed on the command line is relative to the working directory (unlike
    # briefkit.paths.corpus_dir, which takes relative paths from the project root).
    return None if value is None else Path(value).expanduser().absolute()


def _configure_validate(p: argparse.ArgumentParser) -> None:
    p.add_argument("corpus", nargs="?", default=None,
                   help="corpus folder holding manifest.csv (default: $BRIEFKIT_CORPUS, "
                        "else the project's corpus/)")


def _run_validate(args: argparse.Namespace) -> int:
    import pandas as pd

    from briefkit.corpus.sources.manifest import manifest_problems
    from briefkit.paths import corpus_dir
    from briefkit.validate import check_corpus

    root = corpus_dir(_corpus_arg(args.corpus))
    problems, notes = check_corpus(root)
    for file, row, problem, severity in problems.itertuples(index=False):
        text = problem if severity == "error" else f"{severity}: {problem}"
        print(format_problem(file, None if pd.isna(row) else int(row), text))
    for file, row, _, note in notes.itertuples(index=False):
        print(format_problem(file, None if pd.isna(row) else int(row), f"note: {note}"))
    errors = problems[problems["severity"] == "error"]
    n_warn = len(problems) - len(errors)
    warned = f"; {n_warn} warning{'s' if n_warn != 1 else ''} (see above)" if n_warn else ""
    if len(errors):
        n_files = errors["file"].nunique()
        print(f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in "
              f"{n_files} file{'s' if n_files != 1 else ''}{warned} (corpus: {root})")
        return 1
    df, _ = manifest_problems(root)
    n = 0 if df is None else len(df)
    guessed = f"; {len(notes)} not in UTF-8 (see notes above)" if len(notes) else ""
    print(f"OK: {n} document{'s' if n != 1 else ''} in {root}{guessed}{warned}")
    return 0


add_command("validate", "check a corpus folder and list every problem",
            _configure_validate, _run_validate)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(prog="briefkit", description="briefkit command line tools")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, help_text, configure, run in _COMMANDS:
        p = sub.add_parser(name, help=help_text, description=help_text)
        configure(p)
        p.set_defaults(_run=run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code (0 ok, 1 problems found, 2 usage error).

    Examples
    --------
    >>> from briefkit.cli import main
    >>> main(["validate", "/nonexistent/corpus"])
    manifest.csv: corpus folder '/nonexistent/corpus' does not exist
    1 problem in 1 file (corpus: /nonexistent/corpus)
    1
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return int(exc.code or 0) if isinstance(exc.code, int) else 2
    try:
        return args._run(args)
    except BriefkitError as exc:
        print(f"briefkit {args.command}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
