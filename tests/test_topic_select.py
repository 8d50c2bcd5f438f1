import pandas as pd
import pytest

from briefkit.topics.select import candidate_ks, k_diagnostics, recommend_k
from briefkit.topics.vocab import TopicError
from topic_fixtures import planted_passages


def test_candidate_ks_adapt_to_corpus_size():
    assert candidate_ks(100, 500) == list(range(2, 13))
    assert candidate_ks(4, 500) == [2, 3]
    assert candidate_ks(50, 3) == [2, 3]
    assert candidate_ks(100, 500, k_max=4) == [2, 3, 4]
    with pytest.raises(TopicError, match="too little text"):
        candidate_ks(2, 100)


def test_planted_corpus_recommends_planted_k():
    diag = k_diagnostics(planted_passages(), k_values=[2, 3, 4, 5], n_seeds=10)
    assert list(diag.columns)[:4] == ["k", "coherence", "exclusivity", "stability"]
    k, table, reason = recommend_k(diag)
    assert k == 3
    assert table.loc[table["k"] == 3, "stability"].item() > 0.95
    assert reason.startswith("K=3")


def test_k_diagnostics_deterministic():
    p = planted_passages(n_per_topic=8)
    a = k_diagnostics(p, k_values=[2, 3], n_seeds=3)
    b = k_diagnostics(p, k_values=[2, 3], n_seeds=3)
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(ValueError, match="n_seeds"):
        k_diagnostics(p, n_seeds=1)


def _diag(coh, exc, stab):
    return pd.DataFrame({"k": list(range(2, 2 + len(coh))), "coherence": coh,
                         "exclusivity": exc, "stability": stab})


def test_rule_ranks_eligible_k_and_reports_ties():
    k, table, reason = recommend_k(_diag([0.1, 0.3, 0.2], [0.8, 0.9, 0.7], [0.95, 0.9, 0.6]))
    assert k == 3
    assert table["eligible"].tolist() == [True, True, False]
    # each measure scaled over all K: K=2 (0 + 0.5 + 1) / 3, K=3 (1 + 1 + 0.857) / 3
    assert table["score"].round(6).tolist()[:2] == [pytest.approx(0.5), pytest.approx(20 / 21)]
    # exact tie -> smaller K, and the reason says so
    k, _, reason = recommend_k(_diag([0.1, 0.3], [0.9, 0.8], [0.9, 0.9]))
    assert k == 2 and "tied with K=3" in reason


def test_rule_when_no_k_is_stable_or_only_one_is():
    k, table, reason = recommend_k(_diag([0.1, 0.3], [0.9, 0.8], [0.5, 0.6]))
    assert table["eligible"].all() and "tentative" in reason
    k, _, reason = recommend_k(_diag([0.1, 0.3], [0.9, 0.8], [0.5, 0.85]))
    assert k == 3 and "only K" in reason
    with pytest.raises(ValueError, match="missing"):
        recommend_k(pd.DataFrame({"k": [2]}))


def test_degenerate_k_is_set_aside_and_near_ties_go_to_the_stable_k():
    d = _diag([0.5, 0.3, 0.45, 0.1], [0.95, 0.9, 0.94, 0.5], [0.99, 0.97, 0.9, 0.84])
    d["heldout_error"] = [0.9, 0.8, 0.79, 0.95]
    d["degenerate"] = ["one topic holds 0.91 of the corpus", "", "", ""]
    assert recommend_k(d, near=0.0)[0] == 4
    k, table, reason = recommend_k(d)
    assert table["eligible"].tolist() == [False, True, True, True]
    # K=4 scores best on coherence, exclusivity and held-out error, K=3 is near-tied and more stable
    assert k == 3 and "near-tied with K=4" in reason and "degenerate" in reason


def test_k_search_in_parallel_is_identical_to_serial():
    p = planted_passages(n_per_topic=8)
    a = k_diagnostics(p, k_values=[2, 3, 4], n_seeds=3, n_jobs=1)
    b = k_diagnostics(p, k_values=[2, 3, 4], n_seeds=3, n_jobs=2)
    pd.testing.assert_frame_equal(a, b)
    assert (a["heldout_error"] > 0).all() and a["degenerate"].eq("").all()
