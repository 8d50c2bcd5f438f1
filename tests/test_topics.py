import numpy as np
import pandas as pd
import pytest

from briefkit.topics.vocab import TopicError
from briefkit.topics.model import fit_matrix, fit_topics, passage_topics
from topic_fixtures import PLANTED, planted_passages


@pytest.fixture(scope="module")
def planted():
    return planted_passages()


@pytest.mark.parametrize("model", ["nmf", "lda"])
def test_planted_topics_are_recovered(planted, model):
    fit = fit_topics(planted, 3, model=model, seed=0)
    found = set()
    for j in range(3):
        top = [fit.terms[i] for i in np.argsort(-fit.phi[j])[:6]]
        owners = {name for name, words in PLANTED.items() for t in top if t in words}
        assert len(owners) == 1, top
        found |= owners
    assert found == set(PLANTED)
    # every passage's dominant topic is its planted one (up to topic labelling)
    dom = fit.theta.argmax(axis=1)
    table = pd.crosstab(planted["planted"], dom)
    assert (table.gt(0).sum(axis=1) == 1).all() and (table.gt(0).sum(axis=0) == 1).all()


@pytest.mark.parametrize("model", ["nmf", "lda"])
def test_fit_is_deterministic(planted, model):
    a = fit_topics(planted, 3, model=model, seed=3)
    b = fit_topics(planted, 3, model=model, seed=3)
    assert np.array_equal(a.phi, b.phi) and np.array_equal(a.theta, b.theta)
    assert passage_topics(a).equals(passage_topics(b))


def test_shares_sum_to_one_and_topics_ordered_by_prevalence(planted):
    fit = fit_topics(planted, 4, seed=0)
    assert np.allclose(fit.theta.sum(axis=1), 1.0)
    assert np.allclose(fit.phi.sum(axis=1), 1.0)
    w = fit.fitted["n_terms"].to_numpy()
    prevalence = (fit.theta * w[:, None]).sum(axis=0)
    assert (np.diff(prevalence) <= 1e-9).all()
    long = passage_topics(fit)
    assert list(long.columns) == ["doc_id", "passage_id", "topic_id", "share"]
    assert long["topic_id"].tolist()[:4] == [1, 2, 3, 4]
    assert len(long) == 4 * len(planted)


def test_passages_without_terms_are_kept_and_flagged(planted):
    p = pd.concat([planted, pd.DataFrame([{"doc_id": "x", "passage_id": "x:p0.0", "start": 0,
                                           "end": 10, "text": "the of and 2025"}])],
                  ignore_index=True)
    fit = fit_topics(p, 3)
    assert fit.passages.set_index("passage_id").loc["x:p0.0", "status"] == "no_terms"
    assert fit.info["n_no_terms"] == 1
    assert "x:p0.0" not in set(passage_topics(fit)["passage_id"])
    assert len(fit.theta) == len(planted)


def test_fit_matrix_on_block_matrix():
    import scipy.sparse as sp
    X = sp.csr_matrix(np.kron(np.eye(2), np.ones((3, 2))))
    theta, phi, info = fit_matrix(X, 2, model="nmf", seed=0)
    assert np.allclose(np.sort(theta, axis=1), [[0, 1]] * 6)
    assert np.allclose(np.sort(phi.max(axis=1)), [0.5, 0.5])
    assert info["converged"]


def test_clear_errors(planted):
    with pytest.raises(TopicError, match="k >= 2"):
        fit_topics(planted, 1)
    with pytest.raises(TopicError, match="too large"):
        fit_topics(planted.head(4), 4)
    with pytest.raises(TypeError, match="k must be an integer"):
        fit_topics(planted, 2.5)
    with pytest.raises(ValueError, match="model must be one of"):
        fit_topics(planted, 3, model="bertopic")
    with pytest.raises(KeyError, match="passage_id"):
        fit_topics(planted.drop(columns="passage_id"), 3)
    dup = pd.concat([planted.head(3), planted.head(1)], ignore_index=True)
    with pytest.raises(ValueError, match="duplicate passage_id"):
        fit_topics(dup, 2)


def test_input_table_is_not_modified(planted):
    before = planted.copy()
    fit_topics(planted, 3)
    pd.testing.assert_frame_equal(planted, before)
