import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefkit.topics.shares import (bootstrap_shares, document_topic_shares, group_topic_shares,
                                   top_passages)
from briefkit.topics.model import fit_topics
from topic_fixtures import planted_docs, planted_passages


@pytest.fixture(scope="module")
def fit():
    return fit_topics(planted_passages(), 3, seed=0)


def test_weighted_share_exact_and_interval_contains_it():
    share, lo, hi = bootstrap_shares([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]], [2, 1, 2], n_boot=500)
    assert share.tolist() == pytest.approx([0.6, 0.4])
    assert (lo <= share).all() and (share <= hi).all()
    assert lo[0] >= 0 and hi[0] <= 1


def test_bootstrap_deterministic_and_degenerate_group():
    a = bootstrap_shares([[0.2, 0.8], [0.6, 0.4]], [1, 1], seed=7)
    b = bootstrap_shares([[0.2, 0.8], [0.6, 0.4]], [1, 1], seed=7)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    share, lo, hi = bootstrap_shares([[0.3, 0.7]], [5])
    assert lo.tolist() == share.tolist() == hi.tolist() == [0.3, 0.7]


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 30), st.integers(0, 10_000))
def test_interval_contains_point_estimate(n, seed):
    rng = np.random.default_rng(seed)
    theta = rng.dirichlet(np.ones(3), size=n)
    w = rng.integers(1, 50, size=n)
    share, lo, hi = bootstrap_shares(theta, w, n_boot=300, seed=seed)
    assert np.all(lo <= share + 1e-12) and np.all(share <= hi + 1e-12)
    assert share.sum() == pytest.approx(1.0)


def test_bootstrap_errors():
    with pytest.raises(ValueError, match="weights"):
        bootstrap_shares([[1.0]], [0])
    with pytest.raises(ValueError, match="n_boot"):
        bootstrap_shares([[1.0]], [1], n_boot=0)
    with pytest.raises(ValueError, match="level"):
        bootstrap_shares([[1.0]], [1], level=1.0)
    with pytest.raises(ValueError, match="theta"):
        bootstrap_shares(np.zeros((0, 2)), [])


def test_group_shares_by_authors(fit):
    g = group_topic_shares(fit, planted_docs(), n_boot=200)
    assert list(g.columns) == ["group", "topic_id", "share", "ci_low", "ci_high", "n_docs",
                               "n_passages", "note"]
    assert sorted(g["group"].unique()) == ["(no authors: doc4)", "Kim", "Lee", "Park"]
    # doc1 has two authors and counts for both
    sizes = g.groupby("group")["n_passages"].first()
    assert sizes["Kim"] == 20 and sizes["Lee"] == 20 and sizes["Park"] == 20
    assert np.allclose(g.groupby("group")["share"].sum(), 1.0)
    assert ((g["ci_low"] <= g["share"] + 1e-12) & (g["share"] <= g["ci_high"] + 1e-12)).all()


def test_group_share_equals_weighted_mean_of_its_passages(fit):
    g = group_topic_shares(fit, planted_docs(), by="affiliation", n_boot=50)
    fitted = fit.fitted
    rows = fitted["doc_id"].isin(["doc0", "doc1"]).to_numpy()
    w = fitted["n_terms"].to_numpy()[rows]
    expected = (fit.theta[rows] * w[:, None]).sum(axis=0) / w.sum()
    got = g.loc[g["group"] == "A", "share"].to_numpy()
    assert got == pytest.approx(expected, abs=1e-12)


def test_small_groups_flagged_too_few(fit):
    docs = planted_docs()
    g = group_topic_shares(fit, docs, min_passages=50, n_boot=50)
    assert g["ci_low"].isna().all()
    assert g["note"].str.startswith("too few passages").all()
    extra = pd.concat([docs, pd.DataFrame({"doc_id": ["ghost"], "authors": ["Nobody"],
                                           "affiliation": ["Z"]})])
    g = group_topic_shares(fit, extra, n_boot=50)
    assert (g.loc[g["group"] == "Nobody", "note"] == "no modelled passages").all()
    with pytest.raises(KeyError, match="by="):
        group_topic_shares(fit, docs, by="party")


def test_document_shares(fit):
    d = document_topic_shares(fit, n_boot=50)
    assert list(d.columns)[:2] == ["doc_id", "topic_id"]
    assert sorted(d["doc_id"].unique()) == [f"doc{i}" for i in range(6)]
    assert np.allclose(d.groupby("doc_id")["share"].sum(), 1.0)


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
