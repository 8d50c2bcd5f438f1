"""Tests for briefkit.groups: documents to analysis groups."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from briefkit.groups import document_groups


def test_multi_author_split_and_empty_author_own_group():
    docs = pd.DataFrame({"doc_id": ["b", "a", "c", "d"],
                         "authors": ["Lee; Kim", " Kim ;Park; ", "", "Kim; Kim"]})
    assert document_groups(docs).values.tolist() == [
        ["a", "Kim"], ["a", "Park"], ["b", "Kim"], ["b", "Lee"], ["c", "(no authors: c)"], ["d", "Kim"]]


def test_missing_values_each_get_their_own_group():
    docs = pd.DataFrame({"doc_id": ["x", "y", "z"], "authors": [None, np.nan, pd.NA]}, dtype=object)
    assert document_groups(docs)["group"].tolist() == ["(no authors: x)", "(no authors: y)", "(no authors: z)"]


def test_other_column_is_not_split_on_semicolons():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "affiliation": ["IPUS; GWIKS", "Asan", ""]})
    assert document_groups(docs, by="affiliation").values.tolist() == [
        ["a", "IPUS; GWIKS"], ["b", "Asan"], ["c", "(no affiliation: c)"]]


def test_numeric_column_and_columns():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "year": [2025, 2020]})
    out = document_groups(docs, by="year")
    assert list(out.columns) == ["doc_id", "group"]
    assert out.values.tolist() == [["a", "2025"], ["b", "2020"]]


def test_bad_by_names_the_column():
    docs = pd.DataFrame({"doc_id": ["a"], "authors": ["Kim"]})
    with pytest.raises(KeyError) as exc:
        document_groups(docs, by="author")
    assert "by='author'" in str(exc.value) and "authors" in str(exc.value)


def test_empty_table():
    out = document_groups(pd.DataFrame({"doc_id": [], "authors": []}))
    assert len(out) == 0 and list(out.columns) == ["doc_id", "group"]
