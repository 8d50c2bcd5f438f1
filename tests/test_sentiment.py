"""Tests for briefkit.stance.tone: the NLTK analyzer with vaderSentiment's lexicon."""

import pandas as pd
import pytest

from briefkit.stance.tone import analyzer, method, polarity, polarity_table


def test_known_compound_scores():
    # lexicon: good 1.9, terrible -2.1, burden -1.9; compound = s / sqrt(s^2 + 15), rounded to 4
    assert polarity("The alliance is good.") == 0.4404           # 1.9 / sqrt(3.61 + 15)
    assert polarity("The tariffs are a terrible burden.") == -0.7184  # -4.0 / sqrt(16 + 15)


def test_negation_flips_sign():
    assert polarity("The deal is good.") > 0
    assert polarity("The deal is not good.") == -0.3412


def test_but_shifts_weight_to_second_clause():
    assert polarity("The summit was good, but the outcome was bad.") < 0


def test_empty_and_type_errors():
    assert polarity("") == 0.0
    assert polarity("   ") == 0.0
    with pytest.raises(TypeError, match="text must be str"):
        polarity(None)


def test_lexicon_is_vadersentiment_file():
    from importlib import metadata

    assert "nltk" in type(analyzer()).__module__
    m = method()
    assert f"nltk {metadata.version('nltk')}" in m
    assert f"vaderSentiment {metadata.version('vaderSentiment')}" in m
    assert "sha256:" in m


def test_polarity_table_appends_columns():
    df = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["Good.", "", "Bad."]}, index=[5, 6, 7])
    out = polarity_table(df)
    assert out.columns.tolist() == ["doc_id", "text", "neg", "neu", "pos", "compound"]
    assert out["compound"].tolist() == [0.4404, 0.0, -0.5423]
    assert list(out.index) == [5, 6, 7]
    with pytest.raises(KeyError, match="text_col='body'"):
        polarity_table(df, text_col="body")
