"""Tests for briefkit.corpus.cleaning.edits: lossless edit records and the clean -> raw offset map."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefkit.corpus.cleaning.edits import Edit, OffsetMap, apply_edits, edits_from_table, edits_table, restore_raw

RAW = "## **Tariffs**\u00a0rose"


def test_edit_validates_offsets_and_text_length():
    with pytest.raises(ValueError, match="0 <= start <= end"):
        Edit(3, 2, "", "", "markup")
    with pytest.raises(ValueError, match="0 <= start <= end"):
        Edit(-1, 0, "x", "", "markup")
    with pytest.raises(ValueError, match="length"):
        Edit(0, 2, "abc", "", "markup")


def test_apply_and_restore_exact():
    edits = [Edit(0, 3, "## ", "", "markup"), Edit(3, 5, "**", "", "markup"),
             Edit(12, 14, "**", "", "markup"), Edit(14, 15, "\u00a0", " ", "unicode")]
    clean = apply_edits(RAW, edits)
    assert clean == "Tariffs rose"
    assert restore_raw(clean, edits) == RAW
    assert restore_raw(clean, list(reversed(edits))) == RAW  # restore sorts the record itself


def test_insertion_edit_round_trip():
    edits = [Edit(5, 5, "", " ", "rejoin")]
    assert apply_edits("SeoulPays", edits) == "Seoul Pays"
    assert restore_raw("Seoul Pays", edits) == "SeoulPays"


def test_apply_rejects_mismatch_overlap_and_unsorted():
    with pytest.raises(ValueError, match="does not match"):
        apply_edits("abcdef", [Edit(0, 2, "xx", "", "markup")])
    with pytest.raises(ValueError, match="overlap or are unsorted"):
        apply_edits("abcdef", [Edit(0, 3, "abc", "", "m"), Edit(2, 4, "cd", "", "m")])
    with pytest.raises(ValueError, match="overlap or are unsorted"):
        apply_edits("abcdef", [Edit(3, 4, "d", "", "m"), Edit(0, 1, "a", "", "m")])


def test_restore_rejects_clean_text_without_the_replacement():
    with pytest.raises(ValueError, match="does not hold the replacement"):
        restore_raw("abc", [Edit(1, 2, "\u00a0", " ", "unicode")])


def test_offset_map_exact_spans():
    edits = [Edit(0, 3, "## ", "", "markup"), Edit(3, 5, "**", "", "markup"),
             Edit(12, 14, "**", "", "markup"), Edit(14, 15, "\u00a0", " ", "unicode")]
    clean = apply_edits(RAW, edits)
    m = OffsetMap(edits)
    assert m.span(0, 7) == (5, 12)            # "Tariffs" -> raw "Tariffs" inside the bold marks
    assert RAW[5:12] == clean[0:7] == "Tariffs"
    assert m.span(8, 12) == (15, 19)          # "rose"
    assert m.span(0, 12) == (5, 19)           # whole clean text: bold marks inside, heading marks not
    assert m.start(7) == 14                   # the substituted NBSP keeps its own position
    assert m.span(3, 3) == (8, 8)             # empty span
    assert OffsetMap([]).span(2, 5) == (2, 5)


def test_offset_map_multichar_replacement_maps_to_whole_edit():
    edits = [Edit(1, 2, "ﬁ", "fi", "unicode")]  # "aﬁb" -> "afib"
    m = OffsetMap(edits)
    assert m.span(1, 3) == (1, 2)
    assert m.span(0, 4) == (0, 3)
    assert m.span(3, 4) == (2, 3)


def test_edits_table_round_trip_and_dtypes():
    edits = [Edit(0, 3, "## ", "", "markup"), Edit(14, 15, "\u00a0", " ", "unicode")]
    table = edits_table("d1", edits)
    assert list(table.columns) == ["doc_id", "start", "end", "category", "text", "replacement"]
    assert table.values.tolist() == [["d1", 0, 3, "markup", "## ", ""], ["d1", 14, 15, "unicode", "\u00a0", " "]]
    assert str(table["start"].dtype) == "int64"
    assert edits_from_table(table.iloc[::-1]) == edits
    empty = edits_table("d1", [])
    assert len(empty) == 0 and list(empty.columns) == list(table.columns)


@st.composite
def raw_and_edits(draw):
    raw = draw(st.text(alphabet=st.sampled_from(list("ab \n\r*#\u00a0한")), max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(raw)), max_size=12)))
    edits, pos = [], 0
    for a, b in zip(cuts[::2], cuts[1::2]):
        if a < pos:
            continue
        repl = draw(st.sampled_from(["", " ", "\n\n", "fi"]))
        if a == b and not repl:
            continue
        edits.append(Edit(a, b, raw[a:b], repl, "x"))
        pos = b if b > a else a + 1  # at most one insertion at an offset
    return raw, edits


@settings(max_examples=200, deadline=None)
@given(raw_and_edits())
def test_apply_restore_round_trip(case):
    raw, edits = case
    clean = apply_edits(raw, edits)
    assert restore_raw(clean, edits) == raw
    m = OffsetMap(edits)
    for s in range(len(clean) + 1):
        rs, re_ = m.span(s, len(clean))
        assert 0 <= rs <= re_ <= len(raw)
