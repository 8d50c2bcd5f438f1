"""Tests for briefkit.stance.stance: clause windows, masking, aggregation with bootstrap, evidence."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefkit.stance.tone import polarity
from briefkit.uncertainty import bootstrap_ci
from briefkit.stance.stance import (OK, TOO_FEW, clause_spans, score_mentions, stance_evidence,
                             stance_table)
from briefkit.stance.targets import find_mentions


def _targets(rows):
    return pd.DataFrame(rows, columns=["target", "label", "kind", "value"])


def _mentions(*texts, targets):
    starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
    s = pd.DataFrame({"doc_id": "d", "sent_id": range(len(texts)), "start": starts,
                      "end": starts + np.array([len(t) for t in texts]), "text": list(texts)})
    return find_mentions(s, targets)


T = _targets([("jp", "Japan", "term", "Japan"), ("cn", "China", "term", "China"),
              ("bs", "Burden-sharing", "pattern", r"burden[-\s]+sharing")])


def test_clause_spans():
    t = "Tariffs fell, but China worries Seoul; Japan is calm — for now, however cold."
    assert [t[s:e] for s, e in clause_spans(t)] == [
        "Tariffs fell", "but China worries Seoul", "Japan is calm", "for now", "however cold."]
    assert clause_spans("") == [(0, 0)]


def test_clause_window_scores_each_target_separately():
    m = score_mentions(_mentions("Japan is good, but China is bad.", targets=T))
    jp, cn = m.set_index("target").loc["jp"], m.set_index("target").loc["cn"]
    assert jp["window_text"] == "it is good"
    assert jp["score"] == 0.4404
    assert cn["window_text"] == "but it is bad."
    assert cn["score"] == polarity("but it is bad.") < 0
    assert jp["sentence_score"] == cn["sentence_score"] == polarity("Japan is good, but China is bad.")
    assert m["method"].str.contains("nltk").all()


def test_target_words_are_masked():
    m = score_mentions(_mentions("Burden sharing talks continue.", targets=T))
    # "burden" (-1.9) and "sharing" (+1.8) are VADER words; masked, nothing is left to score
    assert m.loc[0, "window_text"] == "it talks continue."
    assert m.loc[0, "score"] == 0.0
    assert m.loc[0, "sentence_score"] != 0.0


def test_negation_inside_window():
    m = score_mentions(_mentions("Japan is not helpful.", "Japan is helpful.", targets=T))
    assert m["score"].iloc[0] < 0 < m["score"].iloc[1]


def test_sentence_window_option():
    m = score_mentions(_mentions("Japan is good, but China is bad.", targets=T), window="sentence")
    assert m.loc[m["target"] == "jp", "window_text"].item() == "it is good, but China is bad."
    with pytest.raises(ValueError, match="window must be"):
        score_mentions(m, window="paragraph")


def _scored(rows):
    return pd.DataFrame(rows, columns=["doc_id", "target", "score"])


def test_stance_table_too_few_and_exact_mean():
    scored = _scored([("a", "jp", 0.1), ("a", "jp", 0.2), ("b", "jp", 0.6),
                      ("a", "cn", 0.5), ("b", "cn", -0.5)])
    groups = pd.DataFrame({"doc_id": ["a", "b", "c"], "group": ["Kim", "Kim", "Lee"]})
    tab = stance_table(scored, groups, targets=T, n_boot=500)
    assert tab[["group", "target", "n_sentences", "n_docs", "status"]].values.tolist() == [
        ["Kim", "jp", 3, 2, OK], ["Kim", "cn", 2, 2, TOO_FEW], ["Kim", "bs", 0, 0, TOO_FEW],
        ["Lee", "jp", 0, 0, TOO_FEW], ["Lee", "cn", 0, 0, TOO_FEW], ["Lee", "bs", 0, 0, TOO_FEW]]
    ok = tab.iloc[0]
    assert math.isclose(ok["score"], 0.3)
    assert ok["ci_low"] <= ok["score"] <= ok["ci_high"]
    assert 0.1 <= ok["ci_low"] and ok["ci_high"] <= 0.6
    assert ok["share_positive"] == 1.0 and ok["share_negative"] == 0.0
    assert tab.iloc[1][["score", "ci_low", "ci_high"]].isna().all()
    assert tab["label"].tolist()[:3] == ["Japan", "China", "Burden-sharing"]


def test_two_author_document_counts_for_both():
    scored = _scored([("a", "jp", 0.4)] * 3)
    groups = pd.DataFrame({"doc_id": ["a", "a"], "group": ["Kim", "Lee"]})
    tab = stance_table(scored, groups)
    assert tab["n_sentences"].tolist() == [3, 3]
    assert tab["score"].tolist() == pytest.approx([0.4, 0.4], abs=1e-12)
    assert tab["ci_low"].tolist() == pytest.approx([0.4, 0.4], abs=1e-12)


def test_stance_table_reproducible_and_cell_independent():
    rng = np.random.default_rng(0)
    rows = [("a", "jp", float(x)) for x in rng.uniform(-1, 1, 12)]
    g1 = pd.DataFrame({"doc_id": ["a"], "group": ["Kim"]})
    g2 = pd.DataFrame({"doc_id": ["a", "b"], "group": ["Kim", "Lee"]})
    t1 = stance_table(_scored(rows), g1, seed=4, n_boot=300)
    t2 = stance_table(_scored(rows + [("b", "jp", 0.9)] * 4), g2, seed=4, n_boot=300)
    pd.testing.assert_frame_equal(t1, stance_table(_scored(rows), g1, seed=4, n_boot=300))
    assert t1.iloc[0][["ci_low", "ci_high"]].tolist() == t2.iloc[0][["ci_low", "ci_high"]].tolist()
    assert stance_table(_scored(rows), g1, seed=5, n_boot=300).iloc[0]["ci_low"] != t1.iloc[0]["ci_low"]


def test_stance_table_bad_parameters():
    with pytest.raises(ValueError, match="min_sentences"):
        stance_table(_scored([]), pd.DataFrame({"doc_id": [], "group": []}), min_sentences=0)
    with pytest.raises(KeyError, match="groups is missing"):
        stance_table(_scored([]), pd.DataFrame({"doc_id": []}))


def test_bootstrap_ci_constant_and_ratio():
    assert bootstrap_ci([0.2, 0.2, 0.2]) == pytest.approx((0.2, 0.2, 0.2), abs=1e-12)
    est, lo, hi = bootstrap_ci([1, 0, 3], denominators=[10, 10, 20], n_boot=400)
    assert est == pytest.approx(0.1) and lo <= est <= hi
    with pytest.raises(ValueError, match="non-empty"):
        bootstrap_ci([])
    with pytest.raises(ValueError, match="level must be"):
        bootstrap_ci([1.0], level=1.5)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-1, 1), min_size=1, max_size=30), st.integers(0, 10))
def test_bootstrap_interval_is_ordered_and_within_data(values, seed):
    est, lo, hi = bootstrap_ci(values, n_boot=200, seed=seed)
    assert min(values) - 1e-12 <= lo <= hi <= max(values) + 1e-12
    assert min(values) - 1e-12 <= est <= max(values) + 1e-12


def test_evidence_ranked_by_absolute_score():
    scored = pd.DataFrame({
        "doc_id": ["a", "a", "a", "b"], "sent_id": [0, 1, 2, 0], "start": [0, 10, 20, 0],
        "end": [9, 19, 29, 9], "target": ["jp"] * 4, "matched": ["Japan"] * 4,
        "text": ["s0", "s1", "s2", "t0"], "score": [0.1, -0.8, 0.5, 0.8],
        "window_text": ["w0", "w1", "w2", "x0"]})
    groups = pd.DataFrame({"doc_id": ["a", "b"], "group": ["Kim", "Lee"]})
    ev = stance_evidence(scored, groups, top_n=2)
    assert ev[["group", "rank", "doc_id", "sent_id", "score"]].values.tolist() == [
        ["Kim", 1, "a", 1, -0.8], ["Kim", 2, "a", 2, 0.5], ["Lee", 1, "b", 0, 0.8]]
    assert ev.columns.tolist() == ["group", "target", "rank", "doc_id", "sent_id", "start", "end",
                                   "matched", "text", "score", "window_text"]
    with pytest.raises(ValueError, match="top_n"):
        stance_evidence(scored, groups, top_n=0)


def test_compare_groups():
    from briefkit.stance.stance import compare_groups

    t = pd.DataFrame({"group": ["A", "B", "C", "A", "B"], "target": ["x", "x", "x", "y", "y"],
                      "label": ["X", "X", "X", "Y", "Y"], "score": [0.5, -0.2, 0.1, 0.2, np.nan],
                      "ci_low": [0.0, -0.4, -0.1, 0.1, np.nan], "ci_high": [0.7, 0.1, 0.3, 0.3, np.nan],
                      "status": [OK, OK, OK, OK, TOO_FEW]})
    out = compare_groups(t)
    assert out.loc[0, ["n_groups_ok", "high_group", "low_group", "separated"]].tolist() == [3, "A", "B", False]
    assert out.loc[0, "gap"] == pytest.approx(0.7)
    assert out.loc[1, ["n_groups_ok", "high_group", "separated"]].tolist() == [1, "", False]


def test_neutral_names_are_masked():
    m = score_mentions(_mentions("Japan and the United States signed a Free Trade Agreement.", targets=T))
    assert m.loc[0, "window_text"] == "it and the it signed a it."
    assert m.loc[0, "score"] == 0.0
    assert m.loc[0, "sentence_score"] > 0.5  # "United" +1.8, "Free" +2.3, "Agreement" +2.2
    kept = score_mentions(_mentions("Japan and the United States.", targets=T), neutral=())
    assert kept.loc[0, "window_text"] == "it and the United States."
