import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefkit.topics.shares import (document_topic_shares, group_topic_shares, shares_table,
                                   top_passages)
from briefkit.topics.model import fit_topics
from topic_fixtures import planted_docs, planted_passages


@pytest.fixture(scope="module")
def fit():
    return fit_topics(planted_passages(), 3, seed=0)


def test_single_document_group_says_so_and_multi_document_group_resamples_documents():
    u = pd.DataFrame({"doc_id": ["a"] * 4 + ["b"] * 4, "n_terms": [10] * 8})
    theta = np.array([[1, 0]] * 4 + [[0, 1]] * 4, dtype=float)
    m = pd.DataFrame({"doc_id": ["a", "a", "b"], "group": ["one", "both", "both"]})
    t = shares_table(theta, u, m, n_boot=500).set_index(["group", "topic_id"])
    assert t.loc[("one", 1), "n_docs"] == 1 and t.loc[("one", 1), "ci_low"] == 1.0
    # two documents, one all topic 1 and one all topic 2: resampling documents spans 0..1
    assert t.loc[("both", 1), "estimate"] == 0.5
    assert (t.loc[("both", 1), "ci_low"], t.loc[("both", 1), "ci_high"]) == (0.0, 1.0)
    assert list(t.reset_index().columns) == ["group", "topic_id", "estimate", "ci_low", "ci_high",
                                             "level", "n", "status", "n_docs"]


@settings(max_examples=25, deadline=None)
@given(st.integers(3, 30), st.integers(0, 10_000))
def test_interval_contains_point_estimate(n, seed):
    rng = np.random.default_rng(seed)
    theta = rng.dirichlet(np.ones(3), size=n)
    u = pd.DataFrame({"doc_id": [f"d{i % 4}" for i in range(n)], "n_terms": rng.integers(1, 50, size=n)})
    m = pd.DataFrame({"doc_id": [f"d{i}" for i in range(4)], "group": ["g"] * 4})
    t = shares_table(theta, u, m, n_boot=300, seed=seed)
    assert np.allclose(t["estimate"].sum(), 1.0)
    assert ((t["ci_low"] <= t["estimate"] + 1e-12) & (t["estimate"] <= t["ci_high"] + 1e-12)).all()


def test_group_shares_by_authors(fit):
    g = group_topic_shares(fit, planted_docs(), n_boot=200)
    assert list(g.columns) == ["group", "topic_id", "estimate", "ci_low", "ci_high", "level", "n",
                               "status", "n_docs"]
    assert sorted(g["group"].unique()) == ["(no authors: doc4)", "Kim", "Lee", "Park"]
    # doc1 has two authors and counts for both
    sizes = g.groupby("group")["n"].first()
    assert sizes["Kim"] == 20 and sizes["Lee"] == 20 and sizes["Park"] == 20
    assert np.allclose(g.groupby("group")["estimate"].sum(), 1.0)
    assert ((g["ci_low"] <= g["estimate"] + 1e-12) & (g["estimate"] <= g["ci_high"] + 1e-12)).all()


def test_group_share_equals_weighted_mean_of_its_passages(fit):
    g = group_topic_shares(fit, planted_docs(), by="affiliation", n_boot=50)
    fitted = fit.fitted
    rows = fitted["doc_id"].isin(["doc0", "doc1"]).to_numpy()
    w = fitted["n_terms"].to_numpy()[rows]
    expected = (fit.theta[rows] * w[:, None]).sum(axis=0) / w.sum()
    got = g.loc[g["group"] == "A", "estimate"].to_numpy()
    assert got == pytest.approx(expected, abs=1e-12)


def test_small_groups_flagged_too_few(fit):
    docs = planted_docs()
    g = group_topic_shares(fit, docs, min_units=50, n_boot=50)
    assert g["ci_low"].isna().all()
    assert g["status"].str.startswith("too few passages").all()
    extra = pd.concat([docs, pd.DataFrame({"doc_id": ["ghost"], "authors": ["Nobody"],
                                           "affiliation": ["Z"]})])
    g = group_topic_shares(fit, extra, n_boot=50)
    assert (g.loc[g["group"] == "Nobody", "status"] == "no modelled passages").all()
    with pytest.raises(KeyError, match="by="):
        group_topic_shares(fit, docs, by="party")


def test_document_shares(fit):
    d = document_topic_shares(fit, n_boot=50)
    assert list(d.columns)[:2] == ["doc_id", "topic_id"]
    assert sorted(d["doc_id"].unique()) == [f"doc{i}" for i in range(6)]
    assert np.allclose(d.groupby("doc_id")["estimate"].sum(), 1.0)


def test_top_passages_are_dominated_by_their_topic_and_capped_per_doc(fit):
    tp = top_passages(fit, n=5)
    assert list(tp.columns)[:6] == ["topic_id", "rank", "doc_id", "start", "end", "text"]
    assert tp.groupby("topic_id")["rank"].apply(list).tolist() == [[1, 2, 3, 4, 5]] * 3
    planted = planted_passages().set_index("passage_id")["planted"]
    for _, grp in tp.groupby("topic_id"):
        assert planted.loc[grp["passage_id"]].nunique() == 1
    capped = top_passages(fit, n=5, per_doc=1)
    assert (capped.groupby(["topic_id", "doc_id"]).size() == 1).all()
    with pytest.raises(ValueError, match="per_doc"):
        top_passages(fit, per_doc=0)
