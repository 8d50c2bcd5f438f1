"""Tests for briefkit.corpus.text.tokens: offline tokenization, the packaged stop-word list, the tokens table."""

from __future__ import annotations

from importlib import resources

import pandas as pd
import pytest

from briefkit.corpus.text.tokens import stop_words, token_spans, tokenize, tokens_table


def test_tokenize_exact():
    text = "Korea's cost-sharing deal with the U.S. costs 1.52 trillion won (28,500 jobs, 26%) — isn't it?"
    assert tokenize(text) == ["korea", "cost-sharing", "deal", "with", "the", "u.s", "costs", "1.52", "trillion",
                              "won", "28,500", "jobs", "26%", "isn't", "it"]


def test_tokenize_curly_apostrophes_and_abbreviations():
    assert tokenize("Japan’s allies and the U.N. met at 9 a.m.") == [
        "japan", "allies", "and", "the", "u.n", "met", "at", "9", "a.m"]
    assert tokenize("U.S.-led U.S.–China talks") == ["u.s", "led", "u.s", "china", "talks"]


def test_hyphenated_abbreviation_is_not_cut_into_fragments():
    toks = tokenize("the ROK-U.S. alliance and a Ph.D. thesis")
    assert "s" not in toks and "rok-u" not in toks and "d" not in toks


def test_tokenize_options():
    text = "The U.S. and Japan’s allies will just pay"
    assert tokenize(text, drop_stopwords=True) == ["u.s", "japan", "allies", "pay"]
    assert tokenize(text, min_length=4) == ["japan", "allies", "will", "just"]
    assert tokenize(text, drop_stopwords=True, min_length=4) == ["japan", "allies"]


def test_tokenize_non_latin_and_punctuation_only():
    assert tokenize("서울 Seoul naïve café 2025") == ["서울", "seoul", "naïve", "café", "2025"]
    assert tokenize("— … !? **") == []
    assert tokenize("") == []


def test_tokenize_rejects_non_str():
    with pytest.raises(TypeError, match="text must be str"):
        tokenize(None)


def test_token_spans_offsets_index_the_text():
    text = "Seoul’s 15% U.N. plan."
    spans = token_spans(text)
    assert spans == [(0, 7, "seoul"), (8, 11, "15%"), (12, 16, "u.n"), (17, 21, "plan")]
    assert [text[s:e] for s, e, _ in spans] == ["Seoul’s", "15%", "U.N.", "plan"]


def test_stop_words_file_has_source_header_and_words():
    text = resources.files("briefkit").joinpath("data/stopwords_en.txt").read_text("utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("Source:" in line and "Snowball" in line for line in header)
    assert any("BSD" in line for line in header)  # licence named
    words = stop_words()
    assert {"the", "and", "will", "can", "just", "s", "t"} <= words
    assert not {"korea", "alliance", "tariff", "china", "trump"} & words
    assert all(w == w.lower() and w.strip() == w and not w.startswith("#") for w in words)
    assert len(words) == len(set(words)) and len(words) > 150


def test_tokens_table_exact():
    units = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": [0, 1, 0],
                          "text": ["Tariffs rose.", "", "The U.S. paid."]})
    out = tokens_table(units, id_cols=("doc_id", "sent_id"))
    assert list(out.columns) == ["doc_id", "sent_id", "token_no", "token"]
    assert out.values.tolist() == [["a", 0, 0, "tariffs"], ["a", 0, 1, "rose"], ["b", 0, 0, "the"],
                                   ["b", 0, 1, "u.s"], ["b", 0, 2, "paid"]]
    assert tokens_table(units, drop_stopwords=True)["token"].tolist() == ["tariffs", "rose", "u.s", "paid"]


def test_tokens_table_missing_columns_named():
    with pytest.raises(KeyError, match=r"missing column\(s\) 'body'"):
        tokens_table(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), text_col="body")
    with pytest.raises(KeyError, match=r"missing column\(s\) 'sent_id'"):
        tokens_table(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), id_cols=("doc_id", "sent_id"))


def test_tokens_table_empty_input_has_columns():
    out = tokens_table(pd.DataFrame({"doc_id": [], "text": []}))
    assert list(out.columns) == ["doc_id", "token_no", "token"] and len(out) == 0
