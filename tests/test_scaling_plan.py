"""Tests for briefkit.scaling.positions.scaling_plan and document_positions: the rule and anchors."""

import pandas as pd
import pytest

from briefkit.scaling.positions import MIN_DOCS_WORDFISH, document_positions, scaling_plan


def _docs(n, **cols):
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)], **cols})


def test_too_few_documents_skip_with_reason():
    plan = scaling_plan(_docs(5))
    assert not plan["wordfish"] and plan["dir"] is None and not plan["wordscores"]
    assert plan["reasons"][0] == f"Wordfish skipped: 5 documents with words, fewer than the {MIN_DOCS_WORDFISH} it needs."


def test_enough_documents_but_no_anchor_skip():
    plan = scaling_plan(_docs(10))
    assert not plan["wordfish"] and "no anchor documents named" in plan["reasons"][0]
    assert "never taken from sort order" in plan["reasons"][0]


def test_anchors_from_manifest_or_parameter():
    docs = _docs(8, scale_anchor=["", "right", "", "left", "", "", "", ""])
    plan = scaling_plan(docs)
    assert plan["wordfish"] and plan["dir"] == ("d3", "d1")
    assert scaling_plan(docs, anchors=("d0", "d7"))["dir"] == ("d0", "d7")
    with pytest.raises(ValueError, match="anchors"):
        scaling_plan(docs, anchors=("d0", "zz"))


def test_wordscores_needs_references_and_a_virgin_text():
    assert scaling_plan(_docs(3, ref_score=[1.0, -1.0, None]))["wordscores"]
    assert not scaling_plan(_docs(3, ref_score=[1.0, -1.0, 0.0]))["wordscores"]


def test_document_positions_direction_follows_anchors():
    long = pd.DataFrame({"doc_id": list("aabbcc"), "term": list("xyxyxy"), "count": [9, 1, 5, 5, 1, 9]})
    g = pd.DataFrame({"doc_id": list("abc"), "group": ["L", "M", "R"]})
    left = document_positions(long, g, dir=("a", "c")).set_index("doc_id")["theta"]
    right = document_positions(long, g, dir=("c", "a")).set_index("doc_id")["theta"]
    assert left["a"] < left["c"] and right["c"] < right["a"]
    with pytest.raises(ValueError, match="dir"):
        document_positions(long, g, dir=None)
