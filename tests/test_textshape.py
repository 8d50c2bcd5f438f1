"""Tests for briefkit.corpus.cleaning.textshape: word counts, headings, dates, scripts and match keys."""

from __future__ import annotations

import pytest

from briefkit.corpus.cleaning.textshape import (dominant_script, ends_clause, ends_sentence, is_date_line, is_heading_like,
                                                match_key, script_counts, word_count)


@pytest.mark.parametrize("text, n", [
    ("", 0), ("   ", 0), ("Korea’s 15% tariffs", 3), ("cost-sharing deal", 2), ("한미 동맹", 2),
    ("snake_case", 2), ("—", 0), ("Seoul, Tokyo; Beijing.", 3),
])
def test_word_count(text, n):
    assert word_count(text) == n


def test_word_count_docstring_example():
    assert word_count("U.S.-led cost-sharing, 2025") == 4  # U.S, led, cost-sharing, 2025


@pytest.mark.parametrize("text, expected", [
    ("2025. 2. 5.", True), ("March 2025", True), ("2025-Mar. ISSUE 7", True), ("Published on March 5, 2025", True),
    ("5 March 2025", True), ("2025년 2월 5일", True), ("3/5/2025", True), ("Monday, Feb. 3, 2025", True),
    ("Updated: 2025-02-05 10:30", True), ("2025", True),
    ("The 2025 budget", False), ("Issue 8", False), ("Tariffs rose in March 2025 again", False), ("", False),
    ("March 2025 March 2025 March 2025 March 2025 March 2025", False),  # too many words for a date line
])
def test_is_date_line(text, expected):
    assert is_date_line(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("Trade Breakthrough", True), ("A. The International Order Envisioned by President Trump", True),
    ("Summary", True), ("The full essay follows the jump:", True),
    ("Tariffs rose sharply in July.", False), ("It was “agreed.”", False), ("A question?", False),
    ("", False), ("   ", False), (" ".join(["word"] * 16), False),
])
def test_is_heading_like(text, expected):
    assert is_heading_like(text) is expected


def test_is_heading_like_max_words():
    assert is_heading_like("one two three", max_words=2) is False
    assert is_heading_like("one two", max_words=2) is True


@pytest.mark.parametrize("text, sentence, clause", [
    ("It was agreed.”", True, True), ("forced", False, False), ("Why?) ", True, True),
    ("two possibilities:", False, True), ("first; ", False, True), ("Wait…", True, True), ("", False, False),
])
def test_ends_sentence_and_clause(text, sentence, clause):
    assert ends_sentence(text) is sentence
    assert ends_clause(text) is clause


def test_script_counts_and_dominant_script():
    assert dict(script_counts("Korea 한국")) == {"LATIN": 5, "HANGUL": 2}
    assert dict(script_counts("Ωμέγα 123")) == {"GREEK": 5}
    assert dict(script_counts("東京 とうきょう")) == {"CJK": 7}
    assert dominant_script("서울대학교 Seoul") == "HANGUL"
    assert dominant_script("ab 한국어") == "HANGUL"
    assert dominant_script("Seoul 한국") == "LATIN"
    assert dominant_script("") is None and dominant_script("123 !?") is None


def test_dominant_script_tie_is_alphabetical():
    assert dominant_script("ab 한국") == "HANGUL"  # sorted(["HANGUL", "LATIN"]) -> first wins on a tie


@pytest.mark.parametrize("a, b", [
    ("**Trump’s  Second-Term!**", "trumps second term"), ("Café", "cafe"), ("ﬁne", "FINE"), ("한미 동맹", "한미동맹"),
    ("THE UNITED STATES AND SOUTH KOREA:", "The United States and South Korea"),
])
def test_match_key_equal(a, b):
    assert match_key(a) == match_key(b)


def test_match_key_values():
    assert match_key("**Trump’s  Second-Term!**") == "trumpssecondterm"
    assert match_key("") == "" and match_key("—!?") == ""
    assert match_key("Seoul") != match_key("Tokyo")


@pytest.mark.parametrize("text, n", [("a 7-day truce", 3), ("cost-sharing", 1), ("Korea's 1.52%", 2),
                                     ("ROK-U.S. talks", 2), ("snake_case", 2), ("", 0)])
def test_one_word_counter_rule(text, n):
    # the one word counter: inner hyphen, apostrophe or period joins letters/digits into one word
    assert word_count(text) == n


# Fast paths used by cleaning must count exactly as the one-line definitions do.
from hypothesis import given, settings, strategies as st  # noqa: E402

_TEXTISH = st.text(alphabet=st.sampled_from(list("ab Z9_-'’.\u00e9\u00df\ud55c\u0130\u0301 \t,&\u00a0\x01")), max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXTISH.map(lambda t: t.replace("\n", " ")), max_size=8))
def test_line_word_counts_equal_word_count_per_line(lines):
    from briefkit.corpus.cleaning.units import line_word_counts
    from briefkit.corpus.cleaning.textshape import _WORD

    assert line_word_counts(lines) == [word_count(line) for line in lines]
    assert [word_count(line) for line in lines] == [len(_WORD.findall(line)) for line in lines]


@settings(max_examples=300, deadline=None)
@given(_TEXTISH.map(lambda t: t * 3))
def test_script_counts_long_text_equal_letter_by_letter(text):
    import re
    from collections import Counter

    from briefkit.corpus.cleaning.textshape import script_of

    expected = Counter()
    n_ascii = len(re.findall(r"[A-Za-z]", text))
    if n_ascii:
        expected["LATIN"] = n_ascii
    for c in re.findall(r"[^\W\d_\x00-\x7f]", text):
        expected[script_of(c)] += 1
    assert script_counts(text) == expected


_END_PIECES = list(".!?…:;'\"’”»)] \t\n\u00a0\u2028\u200bax,-–—/&(İıſ") + ["and", "between", " or", "Kin", "ıs", "İN"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_END_PIECES), max_size=12).map("".join))
def test_line_end_predicates_equal_their_patterns(text):
    """The predicates read from the end agree with the patterns they replace, searched over the whole line."""
    import re

    from briefkit.corpus.cleaning.classify import _CONNECTOR_END, _VISIBLE_CHAR, SOLID, open_ended
    from briefkit.corpus.cleaning.textshape import ends_clause

    assert ends_clause(text) == (re.search(r"[.!?…:;]['\"’”»)\]]*\s*$", text) is not None)
    assert ends_sentence(text) == (re.search(r"[.!?…]['\"’”»)\]]*\s*$", text) is not None)
    assert open_ended(text) == (_CONNECTOR_END.search(text) is not None)
    assert (_VISIBLE_CHAR.search(text) is None) == (SOLID.search(text) is None)
