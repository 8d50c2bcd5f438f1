"""Pull quotes: lines (or blocks of lines) that repeat text found elsewhere in the body.

A candidate of at least :data:`PULL_QUOTE_MIN_WORDS` words is a pull quote when at least
:data:`PULL_QUOTE_OVERLAP` of its word 3-grams occur in the rest of the kept text, read as if
the candidate were not there (so a quote dropped mid-sentence still matches the sentence it
interrupts). Exact copies score 1.0; lightly edited copies score high too.

Time is linear in the document: one 3-gram count for the whole body. Each candidate is scored
against it by subtracting its own 3-grams (those that touch it) and adding the 3-grams that
would bridge the gap it leaves; a candidate set aside is taken out of the count the same way,
in time proportional to its own length (kept lines form a linked list, so the two words on
either side are found in constant time).
"""

from __future__ import annotations

import re
from collections import Counter

from briefkit.corpus.cleaning.textshape import ends_clause, ends_sentence
from briefkit.corpus.cleaning.units import LINE_BREAK, Unit

__all__ = ["mark_pull_quotes", "PULL_QUOTE_MIN_WORDS", "PULL_QUOTE_OVERLAP"]

#: A pull quote must have at least this many words (short headings recur in body text).
PULL_QUOTE_MIN_WORDS = 8
#: Share of a candidate's word 3-grams that must recur in the rest of the body.
PULL_QUOTE_OVERLAP = 0.8
_WORDS = re.compile(r"[^\W_]+")
_WORDS_OR_BREAK = re.compile(r"\w+|\n")  # on text with "_" made a space: the words of _WORDS
_EMPHASIS_START = re.compile(r"^\s*(?:#{1,6}\s*)?(\*{1,3}|_{1,3}|<(?:b|strong|em|i)>)")
_EMPHASIS_END = re.compile(r"(\*{1,3}|_{1,3}|</(?:b|strong|em|i)>)\s*$")


def _blocks(units: list[Unit], raw: str) -> list[list[int]]:
    """Indices of kept units grouped into blocks: runs of lines with no blank line between."""
    blocks: list[list[int]] = []
    prev: Unit | None = None
    for i, u in enumerate(units):
        if u.category is not None:
            prev = None
            continue
        if prev is not None and len(LINE_BREAK.findall(raw, prev.end, u.start)) <= 1:
            blocks[-1].append(i)
        else:
            blocks.append([i])
        prev = u
    return blocks


def _grams(seq: list[int]) -> Counter:
    return Counter(zip(seq, seq[1:], seq[2:]))


def _words(text: str, vocab: dict[str, int]) -> list[int]:
    """Word ids of ``text`` (case-folded words, numbered in order of first appearance)."""
    words = _WORDS.findall(text.lower()) if text.isascii() else [w.casefold() for w in _WORDS.findall(text)]
    return [vocab.setdefault(w, len(vocab)) for w in words]


def _kept_words(units: list[Unit], kept: list[int]) -> tuple[dict[int, list[int]], list[int], int]:
    """Word ids of every kept unit, the same words as :func:`_words` gives unit by unit.

    The units' plain texts hold no line break, so they are joined with one, the words and the
    line breaks are found in one regex scan, and the list is cut at the line breaks. Case
    folding is per character, so folding the words joined by a NUL (which folds to itself and
    nothing folds to) equals folding them one by one. Returns the words per unit, all word ids
    in reading order, and a bound above every id.
    """
    joined = "\n".join(units[i].plain for i in kept).replace("_", " ")
    if joined.isascii():
        tokens = _WORDS_OR_BREAK.findall(joined.lower())
    else:
        tokens = "\x00".join(_WORDS_OR_BREAK.findall(joined)).casefold().split("\x00")
    distinct = dict.fromkeys(tokens)
    distinct.pop("\n", None)
    vocab = dict(zip(distinct, range(1, len(distinct) + 1)))
    vocab["\n"] = 0
    ids = list(map(vocab.__getitem__, tokens))
    out: dict[int, list[int]] = {}
    pos = 0
    for i in kept[:-1]:
        end = ids.index(0, pos)
        out[i] = ids[pos:end]
        pos = end + 1
    if kept:
        out[kept[-1]] = ids[pos:]
    return out, [w for w in ids if w], len(vocab)


class _KeptWords:
    """Words of the kept units in reading order, as a linked list of units.

    A word 3-gram ``(a, b, c)`` of word ids is counted under the one integer
    ``(a * V + b) * V + c`` (``V`` above every id): the same counts as counting the tuples.
    """

    def __init__(self, units: list[Unit], kept: list[int]):
        self.words, flat, self.size = _kept_words(units, kept)
        self.prev = {i: (kept[k - 1] if k else None) for k, i in enumerate(kept)}
        self.next = {i: (kept[k + 1] if k + 1 < len(kept) else None) for k, i in enumerate(kept)}
        if self.size ** 3 < 2 ** 62 and len(flat) > 2:
            import numpy as np

            a = np.asarray(flat, dtype=np.int64)
            keys = (a[:-2] * self.size + a[1:-1]) * self.size + a[2:]
            self.keys = keys.tolist()
        else:
            self.keys = self._keys(flat)
        self.grams = Counter(self.keys)
        # where each unit's words start in ``flat``: a candidate's units are consecutive kept
        # units, so its own inner 3-grams are one slice of ``self.keys``
        self.offset, pos = {}, 0
        for i in kept:
            self.offset[i] = pos
            pos += len(self.words[i])

    def _keys(self, seq: list[int]) -> list[int]:
        v = self.size
        return [(a * v + b) * v + c for a, b, c in zip(seq, seq[1:], seq[2:])]

    def _grams(self, seq: list[int]) -> Counter:
        return Counter(self._keys(seq))

    def before(self, i: int) -> list[int]:
        """The (up to) two words before unit ``i``."""
        out: list[str] = []
        j = self.prev[i]
        while j is not None and len(out) < 2:
            out = self.words[j][-(2 - len(out)):] + out if self.words[j] else out
            j = self.prev[j]
        return out

    def after(self, i: int) -> list[int]:
        """The (up to) two words after unit ``i``."""
        out: list[str] = []
        j = self.next[i]
        while j is not None and len(out) < 2:
            out = out + self.words[j][:2 - len(out)]
            j = self.next[j]
        return out

    def score(self, cand: list[int]) -> tuple[bool, Counter | None, Counter]:
        """Is ``cand`` a pull quote? Also the 3-grams touching it and those bridging its gap.

        A 3-gram of the candidate seen once in the whole body is seen only in the candidate,
        so most body lines are decided without counting the candidate's own 3-grams.
        """
        left, right = self.before(cand[0]), self.after(cand[-1])
        mid = self.words[cand[0]] if len(cand) == 1 else [w for i in cand for w in self.words[i]]
        n_mine = len(mid) - 2
        bridge = self._grams(left + right)
        if n_mine <= 0:
            return False, None, bridge
        start = self.offset[cand[0]]
        mine = self.keys[start:start + n_mine]
        allowed = n_mine - PULL_QUOTE_OVERLAP * n_mine  # misses allowed
        misses, own, grams = 0, None, self.grams
        for g in mine:
            seen = grams.get(g, 0)
            if seen <= 1 and g not in bridge:
                hit = False  # its one occurrence is this candidate's own
            else:
                if own is None:
                    own = self._own(left, mid, right, mine)
                hit = seen - own[g] + bridge.get(g, 0) > 0
            if not hit:
                misses += 1
                if misses > allowed:
                    return False, own, bridge
        return True, (own if own is not None else self._own(left, mid, right, mine)), bridge

    def _own(self, left: list[int], mid: list[int], right: list[int], mine: list[int]) -> Counter:
        """3-grams of ``left + mid + right`` (``mid`` of 3+ words, ``mine`` its inner 3-grams)."""
        own = Counter(mine)
        if left:
            own.update(self._keys(left + mid[:2]))  # the grams starting in ``left``
        if right:
            own.update(self._keys(mid[-2:] + right))  # the grams ending in ``right``
        return own

    def remove(self, cand: list[int], own: Counter, bridge: Counter) -> None:
        self.grams.subtract(own)
        self.grams.update(bridge)
        p, n = self.prev[cand[0]], self.next[cand[-1]]
        if p is not None:
            self.next[p] = n
        if n is not None:
            self.prev[n] = p


def mark_pull_quotes(units: list[Unit], raw: str) -> None:
    """Set ``category = "pull_quote"`` on lines (or blocks) that repeat text of the rest of the body.

    Examples
    --------
    >>> from briefkit.corpus.cleaning.units import split_units, attach_drops
    >>> raw = ("The alliance will hold only if Seoul pays more for the troops.\\n\\n"
    ...        "Seoul pays more for the troops, or the alliance will not hold.\\n\\n"
    ...        "The alliance will hold only if Seoul pays more for the troops\\n")
    >>> units = split_units(raw); attach_drops(units, [])
    >>> mark_pull_quotes(units, raw)
    >>> [u.category for u in units]
    [None, None, 'pull_quote']
    """
    candidates: list[list[int]] = []
    for block in _blocks(units, raw):
        if len(block) > 1:
            candidates.append(block)
        candidates.extend([i] for i in block)
    candidates = [c for c in candidates if sum(units[i].words for i in c) >= PULL_QUOTE_MIN_WORDS]
    if not candidates:
        return
    # When a quote and the body text it copies are both candidates, look at the likelier
    # pull quote first: set off by emphasis, interrupting a sentence, no final full stop.
    kept = [i for i, u in enumerate(units) if u.category is None]
    position = {i: k for k, i in enumerate(kept)}

    def quote_likeness(cand: list[int]) -> int:
        first, last = units[cand[0]], units[cand[-1]]
        score = 0
        if _EMPHASIS_START.match(first.raw) and _EMPHASIS_END.search(last.raw):
            score += 2
        k0, k1 = position[cand[0]], position[cand[-1]]
        if 0 < k0 and k1 + 1 < len(kept):
            before, after = units[kept[k0 - 1]], units[kept[k1 + 1]]
            if not ends_clause(before.plain) and after.plain[:1].islower():
                score += 2
        if not ends_sentence(last.plain):
            score += 1
        return score

    candidates.sort(key=lambda c: (-quote_likeness(c), c[0], -len(c)))
    body = _KeptWords(units, kept)
    for cand in candidates:
        if any(units[i].category is not None for i in cand):
            continue
        quote, own, bridge = body.score(cand)
        if quote:
            for i in cand:
                units[i].category = "pull_quote"
            body.remove(cand, own, bridge)
