import numpy as np
import pandas as pd
import pytest

from briefkit.topics.vocab import TopicError, analyze, build_vocabulary, default_df


def test_analyze_keeps_bigrams_that_do_not_cross_stop_words():
    assert analyze("North Korea and the cost sharing of 2025") == [
        "north korea", "cost", "sharing", "cost sharing"]
    assert analyze("burden of sharing") == ["burden", "sharing"]
    assert analyze("tariffs. Seoul, Tokyo rose") == ["tariffs", "seoul", "tokyo", "rose", "tokyo rose"]
    assert analyze("Cost-sharing talks") == ["cost-sharing", "talks", "cost-sharing talks"]


def test_analyze_drops_numbers_and_single_letters():
    assert analyze("In 2025 a 15% tariff, x") == ["tariff"]


def test_default_df_rule():
    assert default_df(3) == (2, 1.0)
    assert default_df(19) == (2, 1.0)
    assert default_df(20) == (2, 0.5)
    assert default_df(2001) == (3, 0.5)


def test_vocabulary_counts_are_exact_and_sorted():
    p = pd.DataFrame({"text": ["North Korea tests", "South Korea talks", "tariffs",
                               "DPRK. North Korea", "Republic of Korea tariffs"]})
    v = build_vocabulary(p)
    # the names are one term each, whatever form they were written in
    assert list(v.terms) == ["north korea", "south korea", "tariffs"]
    assert v.counts.toarray().tolist() == [[1, 0, 0], [0, 1, 0], [0, 0, 1], [2, 0, 0], [0, 1, 1]]
    info = {k: v.info[k] for k in ("min_df", "max_df", "min_docs", "df_fallback", "n_passages",
                                   "n_terms", "n_merged")}
    assert info == {"min_df": 2, "max_df": 1.0, "min_docs": 1, "df_fallback": False,
                    "n_passages": 5, "n_terms": 3, "n_merged": 5}
    merged = v.changes.query("action == 'merged'")
    assert set(zip(merged["term"], merged["into"])) == {
        ("North Korea", "north korea"), ("DPRK", "north korea"), ("South Korea", "south korea"),
        ("Republic of Korea", "south korea")}
    assert "tests" in set(v.changes.query("action == 'dropped'")["term"])
    assert np.allclose(np.sqrt(v.tfidf.multiply(v.tfidf).sum(axis=1)), 1.0)


def test_tiny_corpus_falls_back_instead_of_emptying():
    p = pd.DataFrame({"text": ["tariffs rose", "missiles flew", "chips shipped"]})
    v = build_vocabulary(p)
    assert v.info["df_fallback"] is True and v.info["min_df"] == 1
    assert list(v.terms) == ["chips shipped", "missiles flew", "tariffs rose"]


def test_fallback_when_too_few_passages_keep_a_term():
    p = pd.DataFrame({"text": ["North Korea tests", "North Korea talks", "tariffs"]})
    v = build_vocabulary(p)
    assert v.info["df_fallback"] is True
    assert list(v.terms) == ["north korea", "talks", "tariffs", "tests"]


def test_degenerate_inputs_give_clear_errors():
    with pytest.raises(TopicError, match="empty"):
        build_vocabulary(pd.DataFrame({"text": []}))
    with pytest.raises(TopicError, match="no terms"):
        build_vocabulary(pd.DataFrame({"text": ["the and of", "2025 10%"]}))
    with pytest.raises(ValueError, match="min_df"):
        build_vocabulary(pd.DataFrame({"text": ["a b"]}), min_df=0)
    with pytest.raises(ValueError, match="max_df"):
        build_vocabulary(pd.DataFrame({"text": ["a b"]}), max_df=1.5)
    with pytest.raises(KeyError, match="text"):
        build_vocabulary(pd.DataFrame({"body": ["a b"]}))
    with pytest.raises(TopicError, match="lower min_df"):
        build_vocabulary(pd.DataFrame({"text": ["tariffs", "missiles"]}), min_df=2)


def test_max_df_and_min_docs_drop_terms_and_say_why():
    names = ["alpha", "beta", "gamma", "delta"]
    texts = [f"economy, budget, {names[i % 4]} pairs" for i in range(24)]
    p = pd.DataFrame({"doc_id": [f"d{i % 6}" for i in range(24)], "text": texts})
    v = build_vocabulary(p)
    assert v.info["max_df"] == 0.5 and v.info["min_docs"] == 2
    dropped = v.changes.query("action == 'dropped'").set_index("term")
    assert dropped.loc["economy", "detail"] == "in more than 0.5 of units"
    assert dropped.loc["economy", "n_units"] == 24
    assert "economy" not in set(v.terms) and "alpha pairs" in set(v.terms)


def test_names_are_one_term_and_us_pronoun_is_not_the_country():
    p = pd.DataFrame({"text": ["Camp Humphreys hosts US troops", "troops left Camp Humphreys",
                               "let us talk about troops", "the U.S. and the United States"]})
    v = build_vocabulary(p, min_df=1)
    terms = set(v.terms)
    assert "camp humphreys" in terms and "camp" not in terms and "humphreys" not in terms
    assert "us" not in terms
    assert v.counts[:, list(v.terms).index("united states")].toarray().ravel().tolist() == [1, 0, 0, 2]
    assert ("Camp Humphreys", "name") in set(zip(v.changes["term"], v.changes["action"]))
