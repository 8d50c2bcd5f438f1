import numpy as np
import pandas as pd
import pytest

from briefkit.topics.vocab import TopicError, analyze, build_vocabulary, default_df


def test_analyze_keeps_bigrams_that_do_not_cross_stop_words():
    assert analyze("North Korea and the cost sharing of 2025") == [
        "north", "korea", "north korea", "cost", "sharing", "cost sharing"]
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
                               "North Korea. North Korea", "South Korea tariffs"]})
    v = build_vocabulary(p)
    # "north"/"south" occur only inside their bigram and are dropped; "korea" stays
    assert list(v.terms) == ["korea", "north korea", "south korea", "tariffs"]
    assert v.counts.toarray().tolist() == [[1, 1, 0, 0], [1, 0, 1, 0], [0, 0, 0, 1],
                                           [2, 2, 0, 0], [1, 0, 1, 1]]
    assert v.info == {"min_df": 2, "max_df": 1.0, "df_fallback": False, "n_passages": 5,
                      "n_terms": 4, "n_bigram_parts_dropped": 2}
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
    assert list(v.terms) == ["korea talks", "korea tests", "north korea", "tariffs"]


def test_degenerate_inputs_give_clear_errors():
    with pytest.raises(TopicError, match="empty"):
        build_vocabulary(pd.DataFrame({"text": []}))
    with pytest.raises(TopicError, match="no terms"):
        build_vocabulary(pd.DataFrame({"text": ["the and of", "2025 10%"]}))
    with pytest.raises(ValueError, match="min_df"):
        build_vocabulary(pd.DataFrame({"text": ["a b"]}), min_df=0)
    with pytest.raises(ValueError, match="max_df"):
        build_vocabulary(pd.DataFrame({"text": ["a b"]}), max_df=1.5)
    with pytest.raises(KeyError, match="text_col"):
        build_vocabulary(pd.DataFrame({"body": ["a b"]}))
    with pytest.raises(TopicError, match="lower min_df"):
        build_vocabulary(pd.DataFrame({"text": ["tariffs", "missiles"]}), min_df=2)
