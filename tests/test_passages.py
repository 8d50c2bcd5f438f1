import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefkit.corpus.text.passages import PASSAGE_COLUMNS, passages


def _sents(sizes, doc="d", heading_paras=()):
    rows, sid, pos = [], 0, 0
    for para, n in enumerate(sizes):
        for _ in range(n):
            text = f"S{sid}."
            rows.append({"doc_id": doc, "sent_id": sid, "para_id": para, "start": pos,
                         "end": pos + len(text), "text": text, "is_heading": para in heading_paras})
            sid += 1
            pos += len(text) + 1
    return pd.DataFrame(rows)


def test_windows_are_near_equal_and_consecutive():
    out = passages(_sents([12, 5, 7]), max_sentences=5)
    assert out["n_sentences"].tolist() == [4, 4, 4, 5, 4, 3]
    assert out["passage_id"].tolist() == ["d:p0.0", "d:p0.1", "d:p0.2", "d:p1.0", "d:p2.0", "d:p2.1"]
    assert out.loc[0, "text"] == "S0. S1. S2. S3."
    assert out.loc[1, "text"] == "S4. S5. S6. S7."
    assert list(out.columns) == PASSAGE_COLUMNS


def test_offsets_are_min_start_max_end_of_sentences():
    s = _sents([3])
    out = passages(s, max_sentences=2)
    assert out[["start", "end"]].values.tolist() == [[0, 7], [8, 11]]


def test_headings_dropped_and_kept_on_request():
    s = _sents([1, 2], heading_paras=(0,))
    assert passages(s)["para_id"].tolist() == [1]
    assert passages(s, drop_headings=False)["para_id"].tolist() == [0, 1]


def test_paragraph_table_accepted_and_docs_sorted():
    paras = pd.DataFrame({"doc_id": ["b", "a"], "para_id": [0, 0], "start": [0, 0], "end": [5, 4],
                          "text": ["Bravo", "Alfa"], "is_heading": [False, False]})
    out = passages(paras)
    assert out["passage_id"].tolist() == ["a:p0.0", "b:p0.0"]
    assert out["n_sentences"].tolist() == [1, 1]


def test_empty_input_gives_empty_table_with_columns():
    out = passages(_sents([2]).iloc[:0])
    assert out.empty and list(out.columns) == PASSAGE_COLUMNS


def test_clear_errors():
    with pytest.raises(KeyError, match="para_id"):
        passages(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}))
    with pytest.raises(ValueError, match="max_sentences"):
        passages(_sents([2]), max_sentences=0)
    with pytest.raises(TypeError, match="units"):
        passages([1, 2])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 20), min_size=1, max_size=6), st.integers(1, 8))
def test_every_sentence_in_exactly_one_window_of_bounded_size(sizes, m):
    s = _sents(sizes)
    out = passages(s, max_sentences=m)
    assert out["n_sentences"].sum() == len(s)
    assert out["n_sentences"].max() <= m
    for _, grp in out.groupby("para_id"):
        assert grp["n_sentences"].max() - grp["n_sentences"].min() <= 1
    assert " ".join(out["text"]) == " ".join(s["text"])
