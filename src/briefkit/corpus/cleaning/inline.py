"""Inline markup and character-level clean-up inside lines that are kept.

Every function returns drop intervals ``(start, end, category)`` or substitutions
``(start, end, replacement, category)`` in raw-text offsets; nothing is deleted here.
"""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["markup_drops", "char_substitutions"]

def _line_start(body: str) -> tuple[re.Pattern, re.Pattern]:
    """``(?m)^body`` as two patterns: at the text's start, and after each line break.

    The second starts with a literal line break, so the engine jumps from line break to line break
    instead of trying ``^`` at every character (ten times faster on body text); its group 1 is
    the match ``^body`` would give there.
    """
    return re.compile(body), re.compile(rf"\n({body})")


# Each pattern starts with a literal or a character set, so the engine jumps to candidate
# positions instead of trying every character, and is skipped when its required character is
# absent from the document. Every pattern runs in linear time (tests/test_pathological.py):
# bracketed parts stop at the next bracket or line end, repeats are bounded.
_PATTERNS: list[tuple[re.Pattern | tuple[re.Pattern, re.Pattern] | None, str, str, str]] = [
    # (pattern, category, how, required characters): how = "all" drops the match; "brackets"
    # keeps link text; the pattern can only match where one of the required characters occurs.
    (re.compile(r"!\[[^\[\]\n]*\]\([^()\s]*\)"), "caption", "all", "!"),                # images
    (re.compile(r"\[([^\[\]\n]*(?:\n[^\[\]\n]*)?)\]\(([^()\s]*(?:[ \t]+\"[^\"\n]{0,300}\")?)\)"), "link",
     "brackets", "["),                                                                   # [text](url)
    (re.compile(r"<(?:https?://|mailto:|www\.)[^<>\s]+>"), "link", "all", "<"),          # autolinks
    (re.compile(r"http(?<![\w/]http)s?://[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"’”]"), "link", "all", "h"),
    (_line_start(r"[ \t]*#{1,6}[ \t]+"), "markup", "all", "#"),                           # # heading
    (None, "markup", "all", "#"),                                                        # closing #s
    (_line_start(r"[ \t]*>[ \t]?"), "markup", "all", ">"),                                # > quote
    (_line_start(r"[ \t]*[-*+•▪●][ \t]+(?=\S)"), "markup", "all", "-*+•▪●"),              # bullets
    (re.compile(r"\*(?:(?<=\S\*)\*{0,2}(?!\*)|\*{0,2}(?=[^\s*]))"), "markup", "all", "*"),  # *emphasis*
    (re.compile(r"_(?:(?<![\w\\]_)_{1,2}(?=\S)|(?<=\S_)_{1,2}(?!\w))"), "markup", "all", "_"),  # __strong__
    (re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|])"), "markup", "all", "\\"),                # \_ escapes
    (re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]{0,200})?/?>"), "markup", "all", "<"),  # <b>, <br/>
]
# Closing hashes of a heading ("## Title ##"): a run of spaces or tabs, 1-6 "#", optional
# spaces, line end. Found from the hashes backwards, so runs of spaces are never rescanned.
_CLOSING_HASHES = re.compile(r"(?m)##{0,5}[ \t]*$")  # (#{1,6} with a literal first "#": found fast)


def _closing_hashes(text: str):
    for m in _CLOSING_HASHES.finditer(text):
        s = m.start()
        if s and text[s - 1] == "#":
            continue  # more than six hashes, or not the start of the run
        b = s
        while b and text[b - 1] in " \t":
            b -= 1
        if b < s:
            yield b, m.end()


_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_NON_ASCII = re.compile(r"[^\x00-\x7f]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def markup_drops(raw: str) -> list[tuple[int, int, str]]:
    """Markdown, HTML and link markup to drop, as raw ``(start, end, category)`` intervals.

    Link text is kept: ``[text](url)`` drops ``[`` and ``](url)``. Intervals do not overlap.

    Examples
    --------
    >>> from briefkit.corpus.cleaning.inline import markup_drops
    >>> markup_drops("## **Title** see [this](#)")
    [(0, 3, 'markup'), (3, 5, 'markup'), (10, 12, 'markup'), (17, 18, 'link'), (22, 26, 'link')]
    """
    found: list[tuple[int, int, str]] = []
    text = raw.replace("\r", "\n")  # same length; lets ^/$ see lone-CR line ends
    for pattern, category, how, needs in _PATTERNS:
        if not any(c in text for c in needs):
            continue
        if pattern is None:
            found.extend((s, e, category) for s, e in _closing_hashes(text))
            continue
        if isinstance(pattern, tuple):  # at line starts: (at the text's start, after a line break)
            first = pattern[0].match(text)
            found.extend((s, e, category) for s, e in ([first.span()] if first else []) +
                         [m.span(1) for m in pattern[1].finditer(text)] if e > s)
            continue
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            if how == "brackets":
                found.append((m.start(), m.start() + 1, category))
                found.append((m.end(1), m.end(), category))
            else:
                found.append((m.start(), m.end(), category))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out: list[tuple[int, int, str]] = []
    covered_until = -1
    for s, e, c in found:
        if s < covered_until:  # inside an earlier, longer match (a link inside an image)
            continue
        out.append((s, e, c))
        covered_until = e
    return out


def char_substitutions(raw: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str, str]]:
    """Character fixes in ``raw[start:end]``: HTML entities, compatibility forms, control chars.

    Returns ``(start, end, replacement, category)``; whitespace is left to the layout step.
    Entities are decoded except those for ``<`` and ``>`` (``&lt;script&gt;`` stays encoded in the
    clean text, so no cleaning step turns escaped text into markup).

    Examples
    --------
    >>> from briefkit.corpus.cleaning.inline import char_substitutions
    >>> char_substitutions("ﬁne&amp;\\x00ok")
    [(0, 1, 'fi', 'unicode'), (3, 8, '&', 'markup'), (8, 9, '', 'control')]
    """
    end = len(raw) if end is None else end
    out: list[tuple[int, int, str, str]] = []
    for m in _ENTITY.finditer(raw, start, end):
        value = html.unescape(m.group())
        if value != m.group() and "<" not in value and ">" not in value:  # never decode into markup
            out.append((m.start(), m.end(), value, "markup"))
    taken = [(s, e) for s, e, _, _ in out]
    for m in _NON_ASCII.finditer(raw, start, end):
        i, c = m.start(), m.group()
        if any(s <= i < e for s, e in taken):
            continue
        if c.isspace():
            continue
        cat = unicodedata.category(c)
        if cat == "Cc":
            out.append((i, i + 1, "", "control"))
        elif cat == "Cf":  # zero-width space, soft hyphen, BOM inside text, direction marks
            out.append((i, i + 1, "", "unicode"))
        elif cat != "No":  # superscripts and fractions stay: "2019³" must not become "20193"
            norm = unicodedata.normalize("NFKC", c)
            if norm != c and not any(ch.isspace() or unicodedata.combining(ch) for ch in norm):
                out.append((i, i + 1, norm, "unicode"))
    out.sort()
    return out
