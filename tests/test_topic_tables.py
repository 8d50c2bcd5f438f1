import numpy as np
import pytest

from briefkit.topics.tables import topic_labels, topic_summary, topic_terms
from briefkit.topics.model import fit_topics
from topic_fixtures import PLANTED, planted_passages


@pytest.fixture(scope="module")
def fit():
    return fit_topics(planted_passages(), 3, seed=0)


def test_topic_terms_table(fit):
    t = topic_terms(fit, n=5)
    assert list(t.columns) == ["topic_id", "term", "weight", "frex", "rank_weight", "rank_frex"]
    assert set(t["topic_id"]) == {1, 2, 3}
    first = t.loc[t["rank_weight"] == 1]
    assert len(first) == 3
    for _, grp in t.groupby("topic_id"):
        assert (grp["rank_weight"] <= 5).sum() == 5 and (grp["rank_frex"] <= 5).sum() == 5
        assert grp["weight"].is_monotonic_decreasing
    with pytest.raises(ValueError, match="n must be"):
        topic_terms(fit, n=0)


def test_labels_use_planted_words_without_repeats(fit):
    labels = topic_labels(fit)
    for lab in labels:
        words = [w for term in lab.split(" / ") for w in term.split()]
        assert len(words) == len(set(words))
        owners = {name for name, vocab in PLANTED.items() if set(words) <= set(vocab)}
        assert len(owners) == 1


def test_summary_columns_and_stability(fit):
    s = topic_summary(fit, n_seeds=10)
    assert list(s.columns) == ["topic_id", "label", "topic_key", "top_terms", "coherence", "exclusivity",
                               "stability", "prevalence"]
    assert (s["stability"] > 0.9).all()
    assert s["prevalence"].sum() == pytest.approx(1.0)
    assert np.all(np.diff(s["prevalence"]) <= 1e-12)
    assert s.equals(topic_summary(fit, n_seeds=10))
