"""Tests for briefkit.corpus.cleaning.inline: markup drops and character substitutions (raw offsets, nothing deleted)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefkit.corpus.cleaning.inline import char_substitutions, markup_drops


def kept(text: str) -> str:
    """Text left after removing every markup drop."""
    out, pos = [], 0
    for s, e, _ in markup_drops(text):
        out.append(text[pos:s])
        pos = e
    return "".join(out) + text[pos:]


@pytest.mark.parametrize("text, expected", [
    ("## **Title** see [this](#)", [(0, 3, "markup"), (3, 5, "markup"), (10, 12, "markup"), (17, 18, "link"),
                                    (22, 26, "link")]),
    ("![alt](p.png) text", [(0, 13, "caption")]),
    ("x <https://a.org/b> y", [(2, 19, "link")]),
    ("see https://example.org/a/b. Then", [(4, 27, "link")]),
    ("> quoted", [(0, 2, "markup")]),
    ("- item one", [(0, 2, "markup")]),
    ("__strong__ and snake_case_name", [(0, 2, "markup"), (8, 10, "markup")]),
    ("a\\_b", [(1, 2, "markup")]),
    ("<b>bold</b><br/>", [(0, 3, "markup"), (7, 11, "markup"), (11, 16, "markup")]),
    ("Heading ##", [(7, 10, "markup")]),
    ("[multi\nline](u)", [(0, 1, "link"), (11, 15, "link")]),
    ("2 * 3 * 4", []),
    ("U.S.-led cost-sharing 2025-07(S)", []),
])
def test_markup_drops_exact(text, expected):
    assert markup_drops(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Seoul [formally](https://x.org/a \"t\") defined", "Seoul formally defined"),
    ("**Over the last decade,**", "Over the last decade,"),
    ("***The views***", "The views"),
    ("*Risk Management* (Routledge 2019)", "Risk Management (Routledge 2019)"),
    ("Email: [tongil@snu.ac.kr](mailto:tongil@snu.ac.kr)", "Email: tongil@snu.ac.kr"),
    ("[ipus.snu\\_official](https://instagram.com/x)", "ipus.snu_official"),
    ("# ROK-US POLICY BRIEF", "ROK-US POLICY BRIEF"),
    ("a\rb ##\r", "a\rb\r"),  # lone-CR line ends are line ends for ^ and $
])
def test_markup_drops_keep_link_and_emphasis_text(text, expected):
    assert kept(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["**", "*", "_", "__", "[", "]", "(", ")", "](", "#", "# ", "\n", "\r", " ",
                                 "<b>", "http://x.org", "a", "word", "!", ">", "-", "\\"]), max_size=30).map("".join))
def test_markup_drops_are_sorted_nonoverlapping_and_in_bounds(text):
    pos = 0
    for s, e, c in markup_drops(text):
        assert pos <= s < e <= len(text)
        assert c in ("markup", "link", "caption")
        pos = e


@pytest.mark.parametrize("text, expected", [
    ("ﬁne&amp;\x00ok", [(0, 1, "fi", "unicode"), (3, 8, "&", "markup"), (8, 9, "", "control")]),
    # &lt; and &gt; stay encoded: cleaning never turns escaped text into markup
    ("&lt;b&gt; &nosuch; &#8217; &#60;i&#x3E;", [(19, 26, "’", "markup")]),
    ("Ｆｕ", [(0, 1, "F", "unicode"), (1, 2, "u", "unicode")]),
    ("\u00ad soft\u200b", [(0, 1, "", "unicode"), (6, 7, "", "unicode")]),
    ("…", [(0, 1, "...", "unicode")]),
    ("café 한국 “quoted” — \u00a0 \t\n", []),  # accents, Hangul, smart quotes, dashes, whitespace untouched
])
def test_char_substitutions_exact(text, expected):
    assert char_substitutions(text) == expected


def test_char_substitutions_window():
    assert char_substitutions("ab\x00cd\x00", 3) == [(5, 6, "", "control")]
    assert char_substitutions("ab\x00cd\x00", 0, 3) == [(2, 3, "", "control")]


def test_substitutions_never_insert_whitespace():
    for ch in "\u00b8\u00b4\u00a8":
        assert all(not any(c.isspace() for c in r) for _, _, r, _ in char_substitutions(f"a{ch}b"))


def test_superscript_footnote_marker_does_not_become_a_digit():
    text = "restrictions in 2019\u00b3 were lifted"
    subs = char_substitutions(text)
    out, pos = [], 0
    for s, e, r, _ in subs:
        out.append(text[pos:s] + r)
        pos = e
    cleaned = "".join(out) + text[pos:]
    assert "20193" not in cleaned


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("#>-*+•▪● \t\n\rax")), max_size=40))
def test_line_start_patterns_match_as_multiline_caret(text):
    """The patterns found from line breaks give exactly the matches of their ``(?m)^`` forms."""
    import re

    from briefkit.corpus.cleaning.inline import _PATTERNS

    text = text.replace("\r", "\n")
    bodies = [r"[ \t]*#{1,6}[ \t]+", r"[ \t]*>[ \t]?", r"[ \t]*[-*+•▪●][ \t]+(?=\S)"]
    pairs = [p for p, *_ in _PATTERNS if isinstance(p, tuple)]
    assert [first.pattern for first, _ in pairs] == bodies
    for body, (first, rest) in zip(bodies, pairs):
        caret = [m.span() for m in re.finditer(f"(?m)^{body}", text)]
        m = first.match(text)
        assert ([m.span()] if m else []) + [m.span(1) for m in rest.finditer(text)] == caret
    old_closing = re.compile(r"(?m)#{1,6}[ \t]*$")
    from briefkit.corpus.cleaning.inline import _CLOSING_HASHES
    assert [m.span() for m in _CLOSING_HASHES.finditer(text)] == [m.span() for m in old_closing.finditer(text)]
