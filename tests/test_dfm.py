import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefkit.corpus.text.dfm import count_table, group_counts, quanteda_tokenize, to_matrix, to_wide


def _units():
    return pd.DataFrame({"doc_id": ["b", "a", "a"],
                         "text": ["Tariffs, tariffs!", "Korea's trade.", "Trade deal"]})


def test_count_table_exact_sorted_and_pooled():
    out = count_table(_units())
    assert list(out.columns) == ["doc_id", "term", "count"]
    assert out.values.tolist() == [["a", "deal", 1], ["a", "korea", 1], ["a", "trade", 2],
                                   ["b", "tariffs", 2]]
    assert out["count"].dtype == np.int64


def test_count_table_drop_stopwords_and_by():
    units = pd.DataFrame({"sent": [0, 1], "text": ["The deal and the tariffs", "the end"]})
    out = count_table(units, unit="sent", drop_stopwords=True)
    assert out.values.tolist() == [[0, "deal", 1], [0, "tariffs", 1], [1, "end", 1]]


def test_count_table_quanteda_and_callable_tokenizer():
    units = pd.DataFrame({"doc_id": ["a"], "text": ["Korea's 5% cut"]})
    assert count_table(units, tokenizer="quanteda")["term"].tolist() == ["5", "cut", "korea's"]
    out = count_table(units, tokenizer=lambda t, drop_stopwords=False: t.split())
    assert out["term"].tolist() == ["5%", "Korea's", "cut"]


def test_quanteda_tokenize_rules():
    text = "The Government's €8.30 rise, 28,500 jobs; CO2 day-to-day and/or 5% -- e.g. x"
    assert quanteda_tokenize(text) == ["the", "government's", "€", "8.30", "rise", "28,500", "jobs",
                                       "co2", "day-to-day", "and", "or", "5", "e.g", "x"]


def test_count_table_errors():
    with pytest.raises(KeyError, match="text_col"):
        count_table(pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(ValueError, match="tokenizer"):
        count_table(_units(), tokenizer="spacy")
    with pytest.raises(ValueError, match="row 0"):
        count_table(pd.DataFrame({"doc_id": [None], "text": ["x"]}))
    with pytest.raises(TypeError, match="row 0"):
        count_table(pd.DataFrame({"doc_id": ["a"], "text": [3]}))


def test_count_table_empty_text_gives_no_rows():
    out = count_table(pd.DataFrame({"doc_id": ["a", "b"], "text": ["", "x"]}))
    assert out.values.tolist() == [["b", "x", 1]]


def test_to_matrix_exact_and_min_count():
    long = pd.DataFrame({"doc_id": ["b", "a", "a", "b"], "term": ["x", "y", "x", "x"], "count": [2, 1, 1, 3]})
    m, rows, terms = to_matrix(long)
    assert rows == ["a", "b"] and terms == ["x", "y"]
    assert m.toarray().tolist() == [[1.0, 1.0], [5.0, 0.0]]
    m2, _, terms2 = to_matrix(long, min_count=2)
    assert terms2 == ["x"] and m2.toarray().tolist() == [[1.0], [5.0]]


def test_to_matrix_errors():
    long = pd.DataFrame({"doc_id": ["a"], "term": ["x"], "count": [-1]})
    with pytest.raises(ValueError, match="non-negative"):
        to_matrix(long)
    with pytest.raises(ValueError, match="min_count"):
        to_matrix(long.assign(count=1), min_count=0)
    with pytest.raises(KeyError, match="count"):
        to_matrix(long.drop(columns="count"))


def test_to_wide():
    wide = to_wide(count_table(_units()))
    assert list(wide.index) == ["a", "b"]
    assert list(wide.columns) == ["deal", "korea", "tariffs", "trade"]
    assert wide.to_numpy().tolist() == [[1, 1, 0, 2], [0, 0, 2, 0]]


def test_group_counts_multi_author_counts_twice():
    long = pd.DataFrame({"doc_id": ["a", "b", "b"], "term": ["x", "x", "y"], "count": [2, 1, 4]})
    groups = pd.DataFrame({"doc_id": ["a", "a", "b"], "group": ["Kim", "Lee", "Kim"]})
    out = group_counts(long, groups)
    assert out.values.tolist() == [["Kim", "x", 3, 2], ["Kim", "y", 4, 2], ["Lee", "x", 2, 1]]
    with pytest.raises(ValueError, match="no unit"):
        group_counts(long, groups.assign(doc_id="zzz"))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcd"), st.sampled_from("wxyz"), st.integers(1, 5)),
                min_size=1, max_size=20), st.randoms(use_true_random=False))
def test_to_matrix_invariant_to_row_order(rows, rnd):
    long = pd.DataFrame(rows, columns=["doc_id", "term", "count"])
    shuffled = long.sample(frac=1.0, random_state=rnd.randint(0, 10_000))
    m1, r1, t1 = to_matrix(long)
    m2, r2, t2 = to_matrix(shuffled)
    assert r1 == r2 and t1 == t2
    assert (m1 != m2).nnz == 0
    assert m1.sum() == long["count"].sum()
