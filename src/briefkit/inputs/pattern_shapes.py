"""The shape of a regular expression: its groups in the source, and first characters in its parse tree.

The analysis :func:`briefkit.inputs.patterns.pattern_problem` decides with: :func:`scan_groups`
finds every group of a pattern in its source text, with its branches and quantifier (Python's
parser merges the common prefix of branches, ``a|ab`` becoming ``a(?:|b)``, so branches are
read from the source); :class:`FirstSets` computes, over a finite alphabet that holds the
pattern's own characters, which characters a parsed sub-pattern can start with and whether it
can match nothing, and whether an unbounded repeat inside a repeat can match what follows it.
"""

from __future__ import annotations

import re
import re._constants as C  # noqa: N812  (the parser's opcodes)
from dataclasses import dataclass, field

__all__ = ["Group", "scan_groups", "FirstSets", "pattern_alphabet", "walk_nodes", "REPEATS", "ASSERTS"]

REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT)
ASSERTS = (C.ASSERT, C.ASSERT_NOT)
_CATEGORY_RX = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
                C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W",
                C.CATEGORY_LINEBREAK: r"\n", C.CATEGORY_NOT_LINEBREAK: r"[^\n]"}
# characters that stand for the classes a pattern can name; the pattern's own literals and range
# ends are added, so two classes that overlap anywhere share one of these
_ALPHABET = frozenset(map(chr, range(128))) | frozenset("\x85\xa0\u2000\u2028\u3000éßЖ한中٣’‘“”—–€")


@dataclass
class Group:
    """One group of a pattern's source: where it starts and ends, its branches and quantifier."""

    start: int
    kind: str = "group"
    alternatives: list = field(default_factory=list)  # (start, end) of each branch
    branch_start: int = 0
    end: int = 0
    quant: tuple[int, float] | None = None
    quant_end: int = 0


def _quantifier(p: str, i: int) -> tuple[tuple[int, float] | None, int]:
    """The quantifier at ``p[i:]`` as (min, max) and the index after it."""
    if i >= len(p):
        return None, i
    c = p[i]
    if c in "*+?":
        q = {"*": (0, float("inf")), "+": (1, float("inf")), "?": (0, 1)}[c]
        j = i + 1
    else:
        m = re.match(r"\{(\d*)(,?)(\d*)\}", p[i:])
        if not m or (not m[1] and not m[3]):
            return None, i
        lo = int(m[1] or 0)
        hi = float("inf") if m[2] and not m[3] else int(m[3] or m[1])
        q, j = (lo, hi), i + m.end()
    if j < len(p) and p[j] in "?+":
        j += 1
    return q, j


def scan_groups(p: str) -> list[Group]:
    """Every group of ``p`` with its branches and quantifier (``p`` already parses).

    Examples
    --------
    >>> from briefkit.inputs.pattern_shapes import scan_groups
    >>> [("|".join("(a|ab)*"[s:e] for s, e in g.alternatives), g.quant) for g in scan_groups("(a|ab)*")]
    [('a|ab', (0, inf))]
    """
    groups, stack, i = [], [Group(0, "top", branch_start=0)], 0
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            if p[i - 1:i] == "N" and p[i:i + 1] == "{":
                i = p.index("}", i) + 1
            continue
        if c == "[":
            j = i + 1
            j += 1 if p[j:j + 1] == "^" else 0
            j += 1 if p[j:j + 1] == "]" else 0
            while p[j] != "]":
                j += 2 if p[j] == "\\" else 1
            i = j + 1
            continue
        if c == "(":
            if p.startswith("(?#", i):
                i = p.index(")", i) + 1
                continue
            kind = ("lookaround" if p.startswith(("(?=", "(?!", "(?<=", "(?<!"), i) else "group")
            head = re.match(r"\((?:\?(?:[:>=!]|<[=!]|P<\w+>|<\w+>|[aiLmsux-]+:))?", p[i:]).end()
            stack.append(Group(i, kind, branch_start=i + head))
            i += head
            continue
        if c == "|":
            g = stack[-1]
            g.alternatives.append((g.branch_start, i))
            g.branch_start = i + 1
        elif c == ")":
            g = stack.pop()
            g.alternatives.append((g.branch_start, i))
            g.end = i + 1
            g.quant, g.quant_end = _quantifier(p, i + 1)
            groups.append(g)
        i += 1
    return groups


class FirstSets:
    """First characters and nullability of parsed sub-patterns, over a finite alphabet."""

    def __init__(self, parsed, alphabet: frozenset):
        self.alphabet = alphabet
        self.flags = parsed.state.flags

    def _member(self, c: str, node, flags: int) -> bool:
        op, av = node
        cands = {x for x in (c, c.lower(), c.upper()) if len(x) == 1} if flags & re.IGNORECASE else {c}
        if op == C.LITERAL:
            return chr(av) in cands
        if op == C.NOT_LITERAL:
            return chr(av) not in cands
        if op == C.ANY:
            return bool(flags & re.DOTALL) or c != "\n"
        if op == C.IN:
            negate = bool(av) and av[0][0] == C.NEGATE
            hit = any(self._item(x, item, flags) for x in cands for item in av if item[0] != C.NEGATE)
            return hit != negate
        return False

    @staticmethod
    def _item(c: str, item, flags: int) -> bool:
        op, av = item
        if op == C.LITERAL:
            return ord(c) == av
        if op == C.RANGE:
            return av[0] <= ord(c) <= av[1]
        if op == C.CATEGORY:
            return re.match(_CATEGORY_RX[av], c, re.ASCII if flags & re.ASCII else 0) is not None
        return False

    def first(self, items, flags: int | None = None) -> tuple[frozenset, bool]:
        """(characters a match can start with, whether it can match the empty string)."""
        flags = self.flags if flags is None else flags
        out: set = set()
        for node in items:
            chars, nullable = self.node(node, flags)
            out |= chars
            if not nullable:
                return frozenset(out), False
        return frozenset(out), True

    def node(self, node, flags: int) -> tuple[frozenset, bool]:
        op, av = node
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            return frozenset(c for c in self.alphabet if self._member(c, node, flags)), False
        if op == C.SUBPATTERN:
            _, add, remove, sub = av
            return self.first(sub, (flags | add) & ~remove)
        if op == C.ATOMIC_GROUP:
            return self.first(av, flags)
        if op == C.BRANCH:
            parts = [self.first(b, flags) for b in av[1]]
            return frozenset().union(*(p[0] for p in parts)), any(p[1] for p in parts)
        if op in REPEATS or op == C.POSSESSIVE_REPEAT:
            lo, hi, sub = av
            if hi == 0:
                return frozenset(), True
            chars, nullable = self.first(sub, flags)
            return chars, nullable or lo == 0
        return frozenset(), True  # AT, ASSERT, ASSERT_NOT: zero width

    def nested(self, items, follow: frozenset, flags: int, inside: bool) -> bool:
        """Whether an unbounded repeat inside a repeat can match what follows it (walks ``items``)."""
        for k, node in enumerate(items):
            rest, rest_nullable = self.first(items[k + 1:], flags)
            after = rest | follow if rest_nullable else rest
            op, av = node
            if op == C.SUBPATTERN:
                _, add, remove, sub = av
                if self.nested(sub, after, (flags | add) & ~remove, inside):
                    return True
            elif op == C.ATOMIC_GROUP:
                continue  # no backtracking into an atomic group
            elif op == C.BRANCH:
                if any(self.nested(b, after, flags, inside) for b in av[1]):
                    return True
            elif op in REPEATS:
                lo, hi, sub = av
                chars, _ = self.first(sub, flags)
                if inside and hi == C.MAXREPEAT and chars & after:
                    return True  # the inner repeat can go on with what follows it: two ways to match
                if hi > 1:  # inside this repeat its item is followed by itself or by what follows it
                    if self.nested(sub, chars | after, flags, True):
                        return True
                elif self.nested(sub, after, flags, inside):
                    return True
        return False


def pattern_alphabet(parsed) -> frozenset:
    """The alphabet to compare classes over: ASCII, a few stand-ins, and the pattern's own characters."""
    extra: set = set()

    def walk(items):
        for op, av in items:
            if op in (C.LITERAL, C.NOT_LITERAL):
                extra.add(chr(av))
            elif op == C.IN:
                for iop, iav in av:
                    if iop == C.LITERAL:
                        extra.add(chr(iav))
                    elif iop == C.RANGE:
                        extra.update((chr(iav[0]), chr(iav[1])))
            elif op == C.SUBPATTERN:
                walk(av[3])
            elif op in (C.ATOMIC_GROUP,):
                walk(av)
            elif op == C.BRANCH:
                for b in av[1]:
                    walk(b)
            elif op in REPEATS or op == C.POSSESSIVE_REPEAT:
                walk(av[2])
            elif op in ASSERTS:
                walk(av[1])
    walk(parsed)
    return _ALPHABET | frozenset(extra)


def walk_nodes(items):
    """Every (opcode, argument) node of a parsed pattern, depth first."""
    for op, av in items:
        yield op, av
        if op == C.SUBPATTERN:
            yield from walk_nodes(av[3])
        elif op == C.ATOMIC_GROUP:
            yield from walk_nodes(av)
        elif op == C.BRANCH:
            for b in av[1]:
                yield from walk_nodes(b)
        elif op in REPEATS or op == C.POSSESSIVE_REPEAT:
            yield from walk_nodes(av[2])
        elif op in ASSERTS:
            yield from walk_nodes(av[1])
        elif op == C.GROUPREF_EXISTS:
            for b in av[1:]:
                if b is not None:
                    yield from walk_nodes(b)
