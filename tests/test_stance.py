"""Tests for briefkit.stance.stance: final stance rows, shares with a document bootstrap, evidence."""

import numpy as np
import pandas as pd
import pytest

from briefkit.stance.stance import (MENTION_COLUMNS, TABLE_COLUMNS, fill_suggestions, stance_evidence,
                                    stance_mentions, stance_table)
from briefkit.uncertainty import bootstrap_ci


def _rows():
    return pd.DataFrame({
        "doc_id": ["a", "a", "a", "b", "b", "c"], "sent_id": [0, 1, 2, 0, 1, 0],
        "start": [0, 10, 20, 0, 10, 0], "end": [9, 19, 29, 9, 19, 9], "target": "x",
        "text": ["X good.", "X bad.", "X here.", "X bad!", "X fine.", "X ok."],
        "stance": [1, -1, 0, -1, 1, 1], "stance_auto": [1, 0, 0, -1, 0, 1],
        "holder": ["author", "author", "none", "author", "author", "author"],
        "source": ["coded", "coded", "suggested", "suggested", "coded", "coded"],
        "cues": ["good", "", "", "bad; !", "", ""]})


DOCS = pd.DataFrame({"doc_id": ["a", "b", "c"], "authors": ["Kim", "Kim", "Lee"]})


def test_stance_mentions_columns_and_tone():
    out = stance_mentions(_rows())
    assert out.columns.tolist() == MENTION_COLUMNS
    assert out.loc[0, "tone"] == pytest.approx(0.4404)  # VADER "X good." kept only as tone
    assert out["stance"].tolist() == [1, -1, 0, -1, 1, 1]


def test_shares_with_document_bootstrap_and_one_document_scope():
    t = stance_table(_rows(), DOCS, by="authors", n_boot=500, seed=1)
    assert t.columns.tolist() == TABLE_COLUMNS
    kim = t[t["group"] == "Kim"].set_index("side")
    assert kim.loc["favourable", "estimate"] == pytest.approx(2 / 5)
    assert kim.loc["unfavourable", "n_side"] == 2 and kim.loc["none", "n"] == 5
    assert kim["n_docs"].eq(2).all() and kim["scope"].eq("several documents").all()
    clusters = _rows()["doc_id"].iloc[:5].to_numpy()
    hit = (_rows()["stance"].iloc[:5].to_numpy() == 1).astype(float)
    est, lo, hi = bootstrap_ci(hit, clusters=clusters, n_boot=500, seed=1, key="Kim\x1fx\x1ffavourable")
    assert (kim.loc["favourable", "ci_low"], kim.loc["favourable", "ci_high"]) == (lo, hi)
    lee = t[t["group"] == "Lee"].set_index("side")
    assert lee["status"].eq("too few mentions (1 < 3)").all()
    assert lee.loc["favourable", "estimate"] == 1.0 and np.isnan(lee.loc["favourable", "ci_low"])
    assert lee["scope"].eq("one document").all()


def test_every_target_appears_with_its_label_and_bad_options():
    targets = pd.DataFrame({"target": ["x", "y"], "label": ["Ex", "Why"], "kind": "term", "value": ["x", "y"]})
    t = stance_table(_rows(), DOCS, targets=targets, n_boot=50)
    assert t[["group", "target"]].drop_duplicates().values.tolist() == [["Kim", "x"], ["Kim", "y"],
                                                                        ["Lee", "x"], ["Lee", "y"]]
    assert t.loc[t["target"] == "y", "n"].eq(0).all()
    with pytest.raises(ValueError, match="min_mentions"):
        stance_table(_rows(), DOCS, min_mentions=0)
    with pytest.raises(ValueError, match="level"):
        stance_table(_rows(), DOCS, level=95)


def test_evidence_per_side_coded_first():
    ev = stance_evidence(_rows(), DOCS, top_n=2)
    kim_unf = ev[(ev["group"] == "Kim") & (ev["side"] == "unfavourable")]
    assert kim_unf[["doc_id", "start", "source"]].values.tolist() == [["a", 10, "coded"], ["b", 0, "suggested"]]
    assert set(ev["side"]) == {"favourable", "unfavourable"}


def test_fill_suggestions_uses_classifier_only_for_uncoded():
    m = _rows()
    pred = pd.Series([1, 1], index=[2, 3])
    out = fill_suggestions(m, {"predicted": pred})
    assert out["stance"].tolist() == [1, -1, 1, 1, 1, 1]
    assert out["suggested_by"].tolist() == ["analyst code", "analyst code", "classifier", "classifier",
                                            "analyst code", "analyst code"]


def test_cell_without_mentions_says_so():
    targets = pd.DataFrame({"target": ["x", "y"], "label": ["Ex", "Why"], "kind": "term", "value": ["x", "y"]})
    t = stance_table(_rows(), DOCS, targets=targets, n_boot=50)
    assert t.loc[t["target"] == "y", "scope"].eq("no documents").all()
