"""Corpus patterns: regular expressions from a corpus folder, accepted by a static check and run
in bounded windows.

Every regular expression that comes from a corpus folder (``cleaning.toml`` rules, ``targets.toml``
/ ``targets.csv`` patterns; vocabulary forms stay literal text) is untrusted. Whether one is
accepted does not depend on how fast this machine is: :func:`pattern_problem` decides from the
pattern's parsed form alone (Python's own :mod:`re` parser), the same on every machine, and
refuses the shapes that make a backtracking engine take exponential or runaway time:

* backreferences (``\\1``, ``(?P=name)``) and conditionals (``(?(1)a|b)``);
* a **nested quantifier**: an unbounded repeat inside another repeat, when the inner repeat can
  match what follows it inside the loop (``(a+)+``, ``(\\w+\\s?)*``; not ``(?:\\w+\\s+){0,3}``,
  where a word run must end before the spaces);
* an **alternation under a repeat** whose branches can start with the same character
  (``(a|a)+``, ``(a|ab)*``), or can both match nothing;
* a **lookaround holding an unbounded repeat** (``(?!\\s+of)``: write ``(?!\\s{1,9}of)``), or
  one that looks further than :data:`MAX_LOOKAROUND` characters;
* patterns longer than :data:`MAX_PATTERN_CHARS` characters.

Everything in the packaged ``targets.toml`` and ``cleaning_rules.toml`` passes (tested).

Then a bound per call: an accepted pattern (:class:`CorpusPattern`, compiled with the ``regex``
module) sees at most :data:`WINDOW_CHARS` characters per search. A longer unit (a line of a
5 MB one-line document, a run-on sentence) is scanned in windows that overlap by
:data:`MAX_MATCH_CHARS` characters, so a pattern whose cost grows with the square of its input
(``[\\w.]+[^\\w.]`` on one long word) still costs time linear in the unit. The one limit this
sets: in a unit longer than the window, a match longer than :data:`MAX_MATCH_CHARS` characters
can be missed. Last, each search has a time limit (:data:`TIMEOUT_SECONDS`); hitting it raises
a :class:`~briefkit.errors.PatternError` naming the file, the key, the pattern and the unit, and
never drops a unit silently. The static check, not the clock, is what accepts a pattern: an
accepted pattern runs far below the limit on any window.
"""

from __future__ import annotations

import re
import warnings
import re._constants as C  # noqa: N812  (the parser's opcodes)
import re._parser as P  # noqa: N812  (Python's own regular-expression parser)
from dataclasses import dataclass
from functools import lru_cache

from briefkit.errors import PatternError, Problem
from briefkit.inputs.pattern_shapes import ASSERTS, REPEATS, FirstSets, pattern_alphabet, scan_groups, walk_nodes

__all__ = ["MAX_PATTERN_CHARS", "MAX_LOOKAROUND", "WINDOW_CHARS", "MAX_MATCH_CHARS", "TIMEOUT_SECONDS",
           "pattern_problem", "CorpusPattern", "compile_corpus_pattern"]

#: Longest corpus pattern accepted, in characters.
MAX_PATTERN_CHARS = 500
#: Widest lookaround accepted, in characters.
MAX_LOOKAROUND = 100
#: Characters a corpus pattern sees per search call.
WINDOW_CHARS = 2_000
#: Overlap of consecutive windows: the longest match guaranteed to be found in a longer unit.
MAX_MATCH_CHARS = 500
#: Time limit for one search of one window (a last guard; see the module docstring).
TIMEOUT_SECONDS = 2.0


@lru_cache(maxsize=4096)
def pattern_problem(pattern: str, *, ignorecase: bool = True) -> str | None:
    """Why the corpus pattern ``pattern`` is refused, or None when it is accepted (module docstring).

    The decision uses the parsed pattern only, never the clock, so it is the same on every machine.

    Examples
    --------
    >>> from briefkit.inputs.patterns import pattern_problem
    >>> pattern_problem(r"(?:\\w+\\s+){0,3}costs?") is None
    True
    >>> print(pattern_problem("(a+)+"))
    nested quantifier: `(a+)+` holds an unbounded repeat that can match what follows it inside the loop, so the same text can be matched in exponentially many ways (as `(a+)+` can; write `a+`)
    >>> print(pattern_problem("(a|a)+$"))
    alternation under a repeat: in `(a|a)+` the branches `a` and `a` can start with the same character, so every repetition may try both (make the branches start differently, e.g. `ab?` for `a|ab`)
    """
    if not isinstance(pattern, str) or not pattern:
        return "must be a non-empty string"
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"is {len(pattern)} characters long, longer than the limit of {MAX_PATTERN_CHARS}"
    flags = re.IGNORECASE if ignorecase else 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # "possible nested set": still a valid pattern
            parsed = P.parse(pattern, flags)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"invalid regular expression ({exc})"
    for op, av in walk_nodes(parsed):
        if op == C.GROUPREF:
            return "backreference (`\\1`, `(?P=name)`): it can take exponential time; match the text itself"
        if op == C.GROUPREF_EXISTS:
            return "conditional group (`(?(1)...)`): not accepted in a corpus pattern; write two patterns"
        if op in ASSERTS:
            width = P.SubPattern(parsed.state, av[1]).getwidth()[1]
            if any(o in REPEATS and a[1] == C.MAXREPEAT for o, a in walk_nodes(av[1])):
                return ("lookaround holding an unbounded repeat (like `(?!\\s+of)`): it is tried at every "
                        "position and can rescan the rest of the line; bound it (`(?!\\s{1,9}of)`)")
            if width > MAX_LOOKAROUND:
                return f"lookaround wider than {MAX_LOOKAROUND} characters; keep lookarounds short"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return _shape_problem(pattern, parsed, flags)


def _shape_problem(pattern: str, parsed, flags: int) -> str | None:
    """The nested-quantifier and alternation checks of :func:`pattern_problem`."""
    sets = FirstSets(parsed, pattern_alphabet(parsed))
    for g in scan_groups(pattern):
        if g.quant is None or g.quant[1] <= 1:
            continue
        fragment = pattern[g.start:g.quant_end]
        sub = P.parse(pattern[g.start:g.end], flags)
        chars, _ = sets.first(sub)
        if sets.nested(list(sub), chars, flags | sub.state.flags, True):
            return (f"nested quantifier: `{fragment}` holds an unbounded repeat that can match what follows "
                    "it inside the loop, so the same text can be matched in exponentially many ways "
                    "(as `(a+)+` can; write `a+`)")
        for h in scan_groups(pattern):
            if h.start < g.start or h.end > g.end or len(h.alternatives) < 2 or h.kind == "lookaround":
                continue
            firsts = [(pattern[s:e], sets.first(P.parse(pattern[s:e], flags))) for s, e in h.alternatives]
            for i, (text_i, (fi, ni)) in enumerate(firsts):
                for text_j, (fj, nj) in firsts[i + 1:]:
                    if fi & fj or (ni and nj):
                        return (f"alternation under a repeat: in `{fragment}` the branches `{text_i}` and "
                                f"`{text_j}` can start with the same character, so every repetition may "
                                "try both (make the branches start differently, e.g. `ab?` for `a|ab`)")
    return None


def _margin(pattern: str, flags: int) -> int:
    """Characters past a match that its assertions may read (window ends closer are not trusted)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        parsed = P.parse(pattern, flags)
    widths = [P.SubPattern(parsed.state, av[1]).getwidth()[1] for op, av in walk_nodes(parsed) if op in ASSERTS]
    return 1 + max(widths, default=0)


@dataclass(frozen=True, eq=False)
class CorpusPattern:
    """An accepted corpus pattern, searched in bounded windows with a time limit.

    ``pattern`` is the pattern as written; ``wrapped`` the expression compiled (the pattern, or a
    caller's wrapper around it, e.g. word bounds); ``source`` and ``where`` name the file and
    the key or row it came from, for errors.
    """

    pattern: str
    source: str
    where: str
    compiled: object
    margin: int

    def _timeout(self, unit: str, n: int) -> PatternError:
        return PatternError([Problem(self.source, None, f"{self.where}: pattern {self.pattern!r} took more than "
                                                        f"{TIMEOUT_SECONDS:g} s on {unit or 'a unit'} ({n:,} "
                                                        "characters); simplify it (anchor it with ^, bound its "
                                                        "repeats) or remove it")])

    def _windows(self, n: int):
        step = WINDOW_CHARS - MAX_MATCH_CHARS
        start = 0
        while True:
            end = min(start + WINDOW_CHARS, n)
            yield start, end, (n if end == n else start + step)
            if end == n:
                return
            start += step

    def finditer(self, text: str, *, unit: str = ""):
        """Non-overlapping matches, leftmost first (as ``re.finditer``), window by window."""
        n = len(text)
        last = 0
        try:
            for start, end, territory in self._windows(n):
                for m in self.compiled.finditer(text, max(start, last), end, timeout=TIMEOUT_SECONDS):
                    if end < n and m.start() >= territory:
                        break
                    if end < n and m.end() > end - self.margin:
                        continue  # might run past the window: the next window sees it whole
                    last = m.end() if m.end() > m.start() else m.end() + 1
                    yield m
        except TimeoutError:
            raise self._timeout(unit, n) from None

    def search(self, text: str, *, unit: str = ""):
        """The first match, or None."""
        return next(iter(self.finditer(text, unit=unit)), None)

    def fullmatch(self, text: str, *, unit: str = ""):
        """The match of the whole of a short ``text`` (None beyond :data:`WINDOW_CHARS`)."""
        if len(text) > WINDOW_CHARS:
            return None
        try:
            return self.compiled.fullmatch(text, timeout=TIMEOUT_SECONDS)
        except TimeoutError:
            raise self._timeout(unit, len(text)) from None


def compile_corpus_pattern(pattern: str, *, source: str, where: str, wrap: str = "{}",
                           ignorecase: bool = True) -> CorpusPattern:
    """Check ``pattern`` (:func:`pattern_problem`) and compile it, inside ``wrap``, with ``regex``.

    Raises
    ------
    PatternError
        Naming ``source``, ``where``, the pattern and why it is refused.

    Examples
    --------
    >>> from briefkit.inputs.patterns import compile_corpus_pattern
    >>> rx = compile_corpus_pattern("costs?", source="targets.toml", where="targets.x.patterns[1]",
    ...                             wrap=r"(?<!\\w)(?:{})(?!\\w)")
    >>> [m.group() for m in rx.finditer("Costs and cost-sharing")]
    ['Costs', 'cost']
    >>> compile_corpus_pattern("(a|a)+$", source="targets.toml", where="targets.x.patterns[1]")
    Traceback (most recent call last):
    ...
    briefkit.errors.PatternError: targets.toml: targets.x.patterns[1]: pattern '(a|a)+$' refused: alternation under a repeat: ...
    """
    import regex  # the `regex` module: re's syntax, plus a time limit on searches

    why = pattern_problem(pattern, ignorecase=ignorecase)
    if why is not None:
        raise PatternError([Problem(source, None, f"{where}: pattern {pattern!r} refused: {why}")])
    flags = regex.V0 | (regex.IGNORECASE if ignorecase else 0)
    full = wrap.format(pattern)
    compiled = regex.compile(full, flags)
    return CorpusPattern(pattern, source, where, compiled, _margin(full, re.IGNORECASE if ignorecase else 0))
