"""Lossless, audited cleaning of one document.

The raw text is cut into *units* (non-blank lines). Each unit is either kept
(body text or a heading) or set aside with a category. Kept units are then
re-joined: a unit that ends mid-sentence is joined to the next kept one with a
space (page breaks, soft line wraps, a pull quote dropped into a sentence);
otherwise paragraphs are separated by one blank line. Markup inside kept units is
dropped and characters are normalized. Everything is recorded as
:class:`~briefkit.corpus.cleaning.edits.Edit` records, so ``restore_raw(clean, edits) == raw``.

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
from bisect import bisect_left, bisect_right
from typing import Sequence

from briefkit.corpus.cleaning.classify import SOLID, classify_units
from briefkit.corpus.cleaning.edits import Edit, apply_edits
from briefkit.corpus.cleaning.inline import char_substitutions, markup_drops
from briefkit.corpus.cleaning.pullquotes import PULL_QUOTE_MIN_WORDS
from briefkit.corpus.cleaning.rules import Rule
from briefkit.corpus.cleaning.textshape import ends_clause, word_count
from briefkit.corpus.cleaning.units import CleanResult, DocumentMeta, Unit, attach_drops, split_units

__all__ = ["DocumentMeta", "Unit", "CleanResult", "clean_document", "clean_and_count", "PULL_QUOTE_MIN_WORDS"]

_NUMBERED = re.compile(r"\d+[.)]\s")


def _joins(prev: Unit, nxt: Unit) -> bool:
    """Does the kept unit ``nxt`` continue the sentence that ``prev`` leaves open?"""
    if prev.title or nxt.title:
        return prev.title and nxt.title  # a title broken over several lines
    if prev.md_heading or nxt.md_heading or ends_clause(prev.plain):
        return False
    first = nxt.plain[:1]
    if first.islower() or (first.isdigit() and not _NUMBERED.match(nxt.plain)):
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
        Line rules, see :func:`briefkit.corpus.cleaning.rules.load_rules`.

    Examples
    --------
    >>> from briefkit.corpus.cleaning.clean import DocumentMeta, clean_document
    >>> from briefkit.corpus.cleaning.rules import load_rules
    >>> raw = "Cover of Issue 8\\n# Tariffs\\nBy Kim\\nSeoul will pay\\n\\nmore.\\n"
    >>> res = clean_document(raw, DocumentMeta(title="Tariffs", authors=("Kim",)), load_rules())
    >>> res.clean
    'Tariffs\\n\\nSeoul will pay more.'
    """
    return clean_counted(raw, meta, rules)[0]


def clean_counted(raw: str, meta: DocumentMeta, rules: Sequence[Rule]) -> tuple[CleanResult, int]:
    """:func:`clean_document`, and ``word_count(raw)`` counted from the lines it already split.

    Words never cross a line break and a line's words do not depend on its surrounding
    whitespace, so the raw text's words are the sum over its non-blank lines.
    """
    return clean_and_count(raw, meta, rules)[:2]


def _clean_words(raw: str, clean: str, edits: list[Edit], kept: list[Unit]) -> int:
    """``word_count(clean)``, from the kept units' own counts where cleaning left a unit as it was.

    The clean text is the kept units' text joined by spaces or blank lines, which no word
    crosses; a unit without an edit inside it is its own plain text (no markup, no odd
    whitespace), whose words it has counted. Only the units cleaning changed are counted again.
    """
    starts = [e.start for e in edits]
    total, changed = 0, []
    for u in kept:
        i = bisect_left(starts, u.start)
        if i and edits[i - 1].end > u.start:
            return word_count(clean)  # an edit runs into the unit (an invisible character at its start)
        j = bisect_left(starts, u.end, i)
        if j == i:
            total += u.words
            continue
        if edits[j - 1].end > u.end:
            return word_count(clean)
        out, pos = [], u.start
        for e in edits[i:j]:
            out += (raw[pos:e.start], e.replacement)
            pos = e.end
        out.append(raw[pos:u.end])
        changed.append("".join(out))
    return total + (word_count(" ".join(changed)) if changed else 0)


def clean_and_count(raw: str, meta: DocumentMeta, rules: Sequence[Rule]) -> tuple[CleanResult, int, int]:
    """:func:`clean_document`, ``word_count(raw)`` and ``word_count(result.clean)``, counted from its lines.

    Examples
    --------
    >>> from briefkit.corpus.cleaning.clean import DocumentMeta, clean_and_count
    >>> res, n_raw, n_clean = clean_and_count("**Hi**  there, U.S.-led.\\n\\nBy Kim", DocumentMeta(), ())
    >>> res.clean, n_raw, n_clean
    ('Hi there, U.S.-led.\\n\\nBy Kim', 6, 6)
    """
    if not isinstance(raw, str):
        raise TypeError(f"raw must be str, got {type(raw).__name__}")
    units = split_units(raw)
    attach_drops(units, markup_drops(raw))
    n_raw_words = sum(word_count(u.raw) if u.drops else u.words for u in units)
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
            for m in SOLID.finditer(raw[pos:s]):
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
            odd = text.strip(" \t\r\n") != ""  # a character other than these four
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
    return (CleanResult(meta.doc_id, raw, clean, tuple(edits), tuple(headings)), n_raw_words,
            _clean_words(raw, clean, edits, kept))
