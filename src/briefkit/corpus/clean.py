"""Lossless, audited cleaning of one document.

The raw text is cut into *units* (non-blank lines). Each unit is either kept
(body text or a heading) or set aside with a category. Kept units are then
re-joined: a unit that ends mid-sentence is joined to the next kept one with a
space (page breaks, soft line wraps, a pull quote dropped into a sentence);
otherwise paragraphs are separated by one blank line. Markup inside kept units is
dropped and characters are normalized. Everything is recorded as
:class:`~briefkit.corpus.edits.Edit` records, so ``restore_raw(clean, edits) == raw``.

What is set aside (``category``):

- ``front_matter``: everything before the document's title line (covers, including
  another publication's, series numbers, logos), unless a finer category applies;
- ``byline``: author, affiliation, publisher and date lines right after the title;
- ``author_bio``, ``editors``, ``contact``, ``disclaimer``, ``series_blurb``,
  ``caption``, ``navigation``, ``comments``: line rules from
  ``briefkit/data/cleaning_rules.toml`` and ``<corpus>/cleaning.toml``, plus a
  biography that starts at a line holding just an author's name near the end;
- ``pull_quote``: a line of 8+ words whose text also occurs in the rest of the body;
- ``non_english``: lines whose letters are mostly in another script than the
  document's dominant one (e.g. Korean lines in an English brief);
- ``markup``, ``link``: markdown/HTML syntax and link targets (link text is kept);
- ``unicode``, ``control``: compatibility characters, zero-width and control characters;
- ``layout``: whitespace normalization (blank lines, double spaces, no-break spaces);
- ``rejoin``: line breaks replaced by a space where a sentence continues.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Iterable, Sequence

from briefkit.corpus.rules import Rule
from briefkit.corpus.edits import Edit, apply_edits
from briefkit.corpus.inline import char_substitutions, markup_drops
from briefkit.corpus.textshape import (ends_clause, ends_sentence, is_date_line, is_heading_like, match_key,
                        script_counts, word_count)

__all__ = ["DocumentMeta", "Unit", "CleanResult", "clean_document", "PULL_QUOTE_MIN_WORDS"]

#: A pull quote must have at least this many words (short headings recur in body text).
PULL_QUOTE_MIN_WORDS = 8
#: Share of a candidate's word 3-grams that must recur in the rest of the body.
PULL_QUOTE_OVERLAP = 0.8
_WORDS = re.compile(r"[^\W_]+")
_EMPHASIS_START = re.compile(r"^\s*(?:#{1,6}\s*)?(\*{1,3}|_{1,3}|<(?:b|strong|em|i)>)")
_EMPHASIS_END = re.compile(r"(\*{1,3}|_{1,3}|</(?:b|strong|em|i)>)\s*$")
# Visible text: not whitespace, not control characters, not invisible format characters.
_VISIBLE = (r"[^\s\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
            r"\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]+")
_SOLID = re.compile(rf"{_VISIBLE}(?: {_VISIBLE})*")  # words joined by single plain spaces
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HRULE = re.compile(r"^\s*([-*_=])(\s*\1){2,}\s*$")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s")
_BY = re.compile(r"(?i)^by\s+\S")
_SERIES = re.compile(r"(?i)\b(issue|no\.|vol\.|volume|series|working paper|policy brief|report)\s*(no\.?\s*)?\d")
_BIO_VERBS = r"(is|was|has|holds|received|serves|served|joined|teaches|earned|obtained|specializes)"


@dataclass(frozen=True)
class DocumentMeta:
    """What cleaning may know about a document (from the manifest)."""

    doc_id: str = ""
    title: str = ""
    authors: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()


@dataclass
class Unit:
    """A non-blank line of the raw text."""

    start: int
    end: int
    raw: str
    plain: str = ""
    words: int = 0
    category: str | None = None
    heading: bool = False
    md_heading: bool = False
    title: bool = False
    drops: list = field(default_factory=list)


@dataclass(frozen=True)
class CleanResult:
    """Cleaned text and the complete edit record."""

    doc_id: str
    raw: str
    clean: str
    edits: tuple[Edit, ...]
    headings: tuple[tuple[int, int], ...]  # clean-text spans of kept heading units


def _units(raw: str) -> list[Unit]:
    units, pos = [], 0
    bounds = [(m.start(), m.end()) for m in _LINE_BREAK.finditer(raw)] + [(len(raw), len(raw))]
    for ls, le in bounds:
        line = raw[pos:ls]
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            s = pos + lead
            units.append(Unit(s, s + len(stripped), stripped))
        pos = le
    return units


def _plain(unit: Unit, drops: Sequence[tuple[int, int, str]]) -> str:
    out, pos = [], unit.start
    for s, e, _ in drops:
        out.append(unit.raw[pos - unit.start:s - unit.start])
        out.append(" ")
        pos = e
    out.append(unit.raw[pos - unit.start:])
    return " ".join("".join(out).split())


def _attach_drops(units: list[Unit], drops: list[tuple[int, int, str]]) -> None:
    """Give each unit the markup drops inside it (a multi-line link is split per line)."""
    i = 0
    for s, e, c in drops:
        while i < len(units) and units[i].end <= s:
            i += 1
        j = i
        while j < len(units) and units[j].start < e:
            u = units[j]
            cs, ce = max(s, u.start), min(e, u.end)
            if ce > cs:
                u.drops.append((cs, ce, c))
            j += 1
    for u in units:
        u.plain = _plain(u, u.drops)
        u.words = word_count(u.plain)
        u.md_heading = bool(_MD_HEADING.match(u.raw))


def _find_title(units: list[Unit], title: str) -> tuple[int, int] | None:
    key = match_key(title)
    if not key:
        return None
    for i in range(len(units)):
        acc = ""
        for j in range(i, min(i + 4, len(units))):
            acc += match_key(units[j].plain)
            if acc == key:
                return i, j
            if not key.startswith(acc):
                break
    # tolerant match: one line very close to the title (typos, subtitle punctuation)
    for i, u in enumerate(units):
        k = match_key(u.plain)
        if k and abs(len(k) - len(key)) <= max(3, len(key) // 10) and \
                SequenceMatcher(None, k, key, autojunk=False).ratio() >= 0.9:
            return i, i
    return None


def _names_in(plain_key: str, names: Iterable[str]) -> bool:
    return any(n and match_key(n) in plain_key for n in names)


def _is_byline(u: Unit, meta: DocumentMeta) -> bool:
    """Author, affiliation, date, series or rule lines right after the title.

    A line that reads as a sentence (ends with sentence punctuation) is never a
    byline, even if it names the author or the institute: it is the lede.
    """
    if _HRULE.match(u.raw) is not None or is_date_line(u.plain) or bool(_BY.match(u.plain)):
        return True
    if u.words > 25 or ends_sentence(u.plain):
        return False
    key = match_key(u.plain)
    return (_names_in(key, meta.authors) or _names_in(key, meta.affiliations)
            or (u.words <= 8 and _SERIES.search(u.plain) is not None))


def _first_rule(rules: Sequence[Rule], u: Unit) -> Rule | None:
    return next((r for r in rules if r.matches(u.plain, u.words)), None)


def _apply_rules(units: list[Unit], rules: Sequence[Rule], raw: str) -> None:
    i, n = 0, len(units)
    while i < n:
        u = units[i]
        if u.category is not None:
            i += 1
            continue
        hit = _first_rule(rules, u)
        if hit is None:
            i += 1
            continue
        u.category = hit.category
        if hit.scope == "rest":
            for v in units[i + 1:]:
                v.category = v.category or hit.category
            return
        if hit.scope == "block":
            # the line and its wrapped continuation: following lines with no blank line
            # between, while the previous line stops mid-sentence
            j = i + 1
            while j < n and units[j].category is None and not ends_sentence(units[j - 1].plain) and \
                    units[j].words <= 20 and len(_LINE_BREAK.findall(raw, units[j - 1].end, units[j].start)) <= 1:
                units[j].category = hit.category
                j += 1
            i = j
            continue
        if hit.scope == "section":
            j = i + 1
            while j < n and not units[j].md_heading and units[j].category is None and \
                    _first_rule(rules, units[j]) is None:
                units[j].category = hit.category
                j += 1
            i = j
            continue
        i += 1


def _mark_bio_tail(units: list[Unit], meta: DocumentMeta, body_start: int) -> None:
    """A line that is just an author's name after the body starts a closing biography."""
    names = [match_key(a) for a in meta.authors if a]
    if not names:
        return
    surnames = [a.split()[-1] for a in meta.authors if a.split()]
    bio_para = re.compile(
        rf"(?i)^(dr\.?|prof\.?|professor|mr\.?|ms\.?|mrs\.?)?\s*({'|'.join(map(re.escape, meta.authors))}"
        rf"|(dr\.?|prof\.?|professor)\s+({'|'.join(map(re.escape, surnames))}))\s+{_BIO_VERBS}\b")
    for i in range(body_start, len(units)):
        u = units[i]
        if u.category is None and u.words <= 6 and match_key(u.plain) in names:
            for v in units[i:]:
                v.category = v.category or "author_bio"
            return
        if u.category is None and bio_para.match(u.plain):
            u.category = "author_bio"


def _mark_non_english(units: list[Unit]) -> None:
    counts_all = script_counts(" ".join(u.plain for u in units))
    if len(counts_all) < 2:
        return  # one script only (or no letters): nothing to set aside
    main = max(sorted(counts_all), key=lambda k: counts_all[k])
    for u in units:
        if u.category is not None:
            continue
        text = re.sub(r"(?:https?://|www\.)\S+", " ", u.plain)
        counts = script_counts(text)
        letters = sum(counts.values())
        if letters and counts.get(main, 0) * 2 < letters:
            u.category = "non_english"


def _blocks(units: list[Unit], raw: str) -> list[list[int]]:
    """Indices of kept units grouped into blocks: runs of lines with no blank line between."""
    blocks: list[list[int]] = []
    prev: Unit | None = None
    for i, u in enumerate(units):
        if u.category is not None:
            prev = None
            continue
        if prev is not None and len(_LINE_BREAK.findall(raw, prev.end, u.start)) <= 1:
            blocks[-1].append(i)
        else:
            blocks.append([i])
        prev = u
    return blocks


def _mark_pull_quotes(units: list[Unit], raw: str) -> None:
    """Set aside lines (or blocks of lines) that repeat text found elsewhere in the body.

    A candidate of at least ``PULL_QUOTE_MIN_WORDS`` words is a pull quote when at least
    ``PULL_QUOTE_OVERLAP`` of its word 3-grams occur in the rest of the kept text, read as
    if the candidate were not there (so a quote dropped mid-sentence still matches the
    sentence it interrupts). Exact copies score 1.0; lightly edited copies score high too.
    Runs in time linear in the document: one 3-gram count for the whole body, from which
    each candidate's own 3-grams are subtracted and the 3-grams bridging the gap it would
    leave are added.
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
    words = {i: [w.casefold() for w in _WORDS.findall(u.plain)] for i, u in enumerate(units)
             if u.category is None}

    def index():
        seq: list[str] = []
        span: dict[int, tuple[int, int]] = {}
        for i in sorted(words):
            if units[i].category is None:
                span[i] = (len(seq), len(seq) + len(words[i]))
                seq.extend(words[i])
        grams = Counter(zip(seq, seq[1:], seq[2:]))
        return seq, span, grams

    seq, span, grams = index()
    for cand in candidates:
        if any(units[i].category is not None for i in cand):
            continue
        a, b = span[cand[0]][0], span[cand[-1]][1]
        mine = list(zip(seq[a:b], seq[a + 1:b], seq[a + 2:b]))
        if not mine:
            continue
        lo = max(0, a - 2)
        own = Counter(zip(seq[lo:b], seq[lo + 1:b + 2], seq[lo + 2:b + 2]))
        joined = seq[lo:a] + seq[b:b + 2]
        bridge = Counter(zip(joined, joined[1:], joined[2:]))
        hits = sum(1 for g in mine if grams[g] - own[g] + bridge[g] > 0)
        if hits >= PULL_QUOTE_OVERLAP * len(mine):
            for i in cand:
                units[i].category = "pull_quote"
            seq, span, grams = index()


def classify_units(units: list[Unit], meta: DocumentMeta, rules: Sequence[Rule], raw: str) -> None:
    """Set ``category`` (None = kept) and ``heading`` on every unit, in place."""
    for u in units:
        if _HRULE.match(u.raw):
            u.category = "markup"
        elif _SOLID.search(u.plain) is None:
            u.category = "control"  # only control or invisible format characters
    _apply_rules(units, rules, raw)
    title = _find_title(units, meta.title) if meta.title else None
    body_start = 0
    if title is not None:
        t0, t1 = title
        for u in units[:t0]:
            u.category = u.category or "front_matter"
        for u in units[t0:t1 + 1]:
            if u.category in (None, "caption", "navigation"):
                u.category = None
                u.title = True
        body_start = t1 + 1
        for u in units[body_start:]:
            if u.category is None and not _is_byline(u, meta):
                break
            if u.category is None:
                u.category = "byline"
            body_start += 1
    _mark_non_english(units)
    _mark_bio_tail(units, meta, body_start)
    _mark_pull_quotes(units, raw)
    for u in units:
        u.heading = u.category is None and (u.title or u.md_heading or (
            is_heading_like(u.plain) and not _open_ended(u.plain)))


_CONNECTOR_END = re.compile(
    r"(?i)([,\-–—/&(]|\b(and|or|but|nor|of|the|a|an|to|in|into|for|with|on|by|at|from|that|as|"
    r"which|who|whose|its|their|his|her|our|is|are|was|were|be|than|between|about|under|over))\s*$")


def _open_ended(text: str) -> bool:
    """A line that stops mid-phrase (comma, dash or a function word): never a heading."""
    return _CONNECTOR_END.search(text) is not None


def _joins(prev: Unit, nxt: Unit) -> bool:
    """Does the kept unit ``nxt`` continue the sentence that ``prev`` leaves open?"""
    if prev.title or nxt.title:
        return prev.title and nxt.title  # a title broken over several lines
    if prev.md_heading or nxt.md_heading or ends_clause(prev.plain):
        return False
    first = nxt.plain[:1]
    if first.islower() or (first.isdigit() and not re.match(r"\d+[.)]\s", nxt.plain)):
        return True
    return not prev.heading


def _heading_spans(clean: str, edits: list[Edit], kept: list[Unit],
                   pieces: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Clean-text spans of paragraphs made only of heading units."""
    starts = [e.start for e in edits]
    shift_after, total = [], 0
    for e in edits:
        total += (e.end - e.start) - len(e.replacement)
        shift_after.append(total)
    first_piece: dict[int, int] = {}
    for ps, _, k in pieces:
        first_piece.setdefault(k, ps)
    para_bounds, pos = [], 0
    for para in clean.split("\n\n"):
        para_bounds.append((pos, pos + len(para)))
        pos += len(para) + 2
    para_starts = [b[0] for b in para_bounds]
    all_heading: dict[int, bool] = {}
    for k, raw_pos in first_piece.items():
        i = bisect_right(starts, raw_pos) - 1
        clean_pos = raw_pos - (shift_after[i] if i >= 0 else 0)
        p = bisect_right(para_starts, clean_pos) - 1
        all_heading[p] = all_heading.get(p, True) and kept[k].heading
    return [para_bounds[p] for p in sorted(all_heading)
            if all_heading[p] and para_bounds[p][1] > para_bounds[p][0]]


def clean_document(raw: str, meta: DocumentMeta, rules: Sequence[Rule]) -> CleanResult:
    """Clean one document; return the cleaned text and the complete edit record.

    Parameters
    ----------
    raw : str
        The decoded raw text, exactly as read from the file.
    meta : DocumentMeta
        Title, authors and affiliations from the manifest (used to find the
        title line, the byline and a closing biography).
    rules : sequence of Rule
        Line rules, see :func:`briefkit.corpus.rules.load_rules`.

    Examples
    --------
    >>> from briefkit.corpus.clean import DocumentMeta, clean_document
    >>> from briefkit.corpus.rules import load_rules
    >>> raw = "Cover of Issue 8\\n# Tariffs\\nBy Kim\\nSeoul will pay\\n\\nmore.\\n"
    >>> res = clean_document(raw, DocumentMeta(title="Tariffs", authors=("Kim",)), load_rules())
    >>> res.clean
    'Tariffs\\n\\nSeoul will pay more.'
    """
    if not isinstance(raw, str):
        raise TypeError(f"raw must be str, got {type(raw).__name__}")
    units = _units(raw)
    _attach_drops(units, markup_drops(raw))
    classify_units(units, meta, rules, raw)

    edits: list[Edit] = []

    def drop(s: int, e: int, cat: str, repl: str = "") -> None:
        if e > s or repl:
            edits.append(Edit(s, e, raw[s:e], repl, cat))

    kept = [u for u in units if u.category is None]
    # Solid pieces of kept units: the unit minus its markup drops, split at whitespace.
    pieces: list[tuple[int, int, int]] = []  # (start, end, unit index in kept)
    for k, u in enumerate(kept):
        pos = u.start
        for s, e, _ in sorted(u.drops) + [(u.end, u.end, "")]:
            for m in _SOLID.finditer(raw[pos:s]):
                pieces.append((pos + m.start(), pos + m.end(), k))
            pos = e
    removed = sorted([(u.start, u.end, u.category) for u in units if u.category is not None] +
                     [d for u in kept for d in u.drops])
    headings: list[tuple[int, int]] = []

    ri = 0
    prev_end, prev_unit = 0, None
    for idx in range(len(pieces) + 1):
        gs = prev_end
        ge = pieces[idx][0] if idx < len(pieces) else len(raw)
        unit_k = pieces[idx][2] if idx < len(pieces) else None
        while ri < len(removed) and removed[ri][1] <= gs:
            ri += 1
        if unit_k is not None and unit_k == prev_unit and raw[gs:ge] == " " and \
                (ri >= len(removed) or removed[ri][0] >= ge):
            # fast path: one plain space between two words of a kept line stays as it is
            ps, pe, _ = pieces[idx]
            piece = raw[ps:pe]
            if not (piece.isascii() and "&" not in piece):
                for s, e, r, c in char_substitutions(raw, ps, pe):
                    edits.append(Edit(s, e, raw[s:e], r, c))
            prev_end, prev_unit = pe, unit_k
            continue
        # decide what the gap becomes
        if prev_unit is None or unit_k is None:
            repl, wcat = "", "layout"
        elif unit_k == prev_unit:
            gap_has_space = any(c.isspace() for c in raw[gs:ge])
            repl, wcat = (" " if gap_has_space else ""), "layout"
        else:
            joined = _joins(kept[prev_unit], kept[unit_k])
            repl, wcat = (" ", "rejoin") if joined else ("\n\n", "layout")
        # split the gap into removed intervals and whitespace runs
        pos = gs
        placed = False
        while ri < len(removed) and removed[ri][1] <= gs:
            ri += 1
        j = ri
        segments: list[tuple[int, int, str | None]] = []
        while j < len(removed) and removed[j][0] < ge:
            s, e, c = removed[j]
            s, e = max(s, gs), min(e, ge)
            if s > pos:
                segments.append((pos, s, None))
            if e > s:
                segments.append((s, e, c))
            pos = max(pos, e)
            j += 1
        if ge > pos:
            segments.append((pos, ge, None))
        for s, e, c in segments:
            if c is not None:
                drop(s, e, c)
                continue
            text = raw[s:e]  # whitespace and invisible characters between visible text
            odd = any(ch not in " \t\r\n" for ch in text)
            cat = wcat
            if wcat == "layout" and odd:
                cat = "control" if any(unicodedata.category(ch) == "Cc" and ch not in "\t\r\n"
                                       for ch in text) else "unicode"
            if not placed and repl:
                if text != repl:
                    drop(s, e, cat, repl)
                placed = True
            elif text:
                drop(s, e, cat)
        if repl and not placed:
            edits.append(Edit(ge, ge, "", repl, wcat))
        if idx < len(pieces):
            ps, pe, _ = pieces[idx]
            piece = raw[ps:pe]
            if piece.isascii() and "&" not in piece:
                prev_end, prev_unit = pe, unit_k
                continue
            for s, e, r, c in char_substitutions(raw, ps, pe):
                edits.append(Edit(s, e, raw[s:e], r, c))
            prev_end, prev_unit = pe, unit_k
    edits.sort()
    clean = apply_edits(raw, edits)
    headings = _heading_spans(clean, edits, kept, pieces)
    return CleanResult(meta.doc_id, raw, clean, tuple(edits), tuple(headings))
