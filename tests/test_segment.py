"""Tests for briefkit.corpus.text.segment: Punkt sentences with built-in abbreviations, paragraphs, raw offsets."""

from __future__ import annotations

import pandas as pd
import pytest

from briefkit.corpus.cleaning.clean import DocumentMeta, clean_document
from briefkit.corpus.cleaning.rules import load_rules
from briefkit.corpus.text.segment import paragraphs, sentence_spans, sentences


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize("text", [
    "The U.S. and the U.N. met in the U.K. with E.U. envoys.",
    "Dr. Kim and Martin Luther King Jr. spoke at No. 10 Downing St. on Monday.",
    "Gen. Park, Sen. Lee and Rep. Choi climbed Mt. Halla at 9 a.m. and left at 5 p.m. on Friday.",
    "Anthony B. Kim wrote it with J. R. Smith in Washington, D.C. last year.",
    "Prof. Lee, e.g. in Vol. 3, cites Fig. 2 and Ph.D. work by Mr. and Mrs. Park.",
    "Trump asked ‘WHAT IS GOING ON IN SOUTH KOREA?’, the meeting proved constructive.",
    "The rate rose 2.5 percent to 1.52 trillion won.",
])
def test_abbreviations_and_quotes_do_not_split(text):
    assert split(text) == [text]


def test_exact_sentences():
    text = ("Gen. Kim met Dr. Lee at 9 a.m. in the U.S. capital. Talks failed. He asked, “Why now?” "
            "Nobody knew! Then Anthony B. Kim left.")
    assert split(text) == ["Gen. Kim met Dr. Lee at 9 a.m. in the U.S. capital.", "Talks failed.",
                           "He asked, “Why now?”", "Nobody knew!", "Then Anthony B. Kim left."]


def test_empty_and_unpunctuated():
    assert sentence_spans("") == []
    assert split("no final punctuation here") == ["no final punctuation here"]


RAW = ("# Tariffs and Alliances\n\nBy Kim Min\n\nTrade Breakthrough\nSeoul will pay **more**. The U.S. agreed.\n\n"
       "NATO will be expected to assume greater responsibility for deterring Russia, managing the war and\n\n"
       "rebuilding Ukraine. It held.\n\n3 thoughts on “Tariffs”\n\nNice.\n")


def docs_of(raw, **meta):
    res = clean_document(raw, DocumentMeta("d1", **meta), load_rules())
    return pd.DataFrame({"doc_id": ["d1"], "raw_text": [raw], "clean_text": [res.clean], "cleaning": [res]})


def test_paragraphs_table():
    docs = docs_of(RAW, title="Tariffs and Alliances", authors=("Kim Min",))
    paras = paragraphs(docs)
    assert list(paras.columns) == ["doc_id", "para_id", "start", "end", "text", "is_heading"]
    assert paras["text"].tolist() == [
        "Tariffs and Alliances", "Trade Breakthrough", "Seoul will pay more. The U.S. agreed.",
        "NATO will be expected to assume greater responsibility for deterring Russia, managing the war and "
        "rebuilding Ukraine. It held."]
    assert paras["para_id"].tolist() == [0, 1, 2, 3]
    assert paras["is_heading"].tolist() == [True, True, False, False]
    assert [RAW[s:e] for s, e in zip(paras["start"], paras["end"])][:3] == [
        "Tariffs and Alliances", "Trade Breakthrough", "Seoul will pay **more**. The U.S. agreed."]
    assert RAW[paras["start"][3]:paras["end"][3]].count("\n\n") == 1  # the page break lies inside the span
    assert paras["start"].dtype == "int64" and paras["para_id"].dtype == "int64"
    assert paras["is_heading"].dtype == bool


def test_sentences_table():
    docs = docs_of(RAW, title="Tariffs and Alliances", authors=("Kim Min",))
    sents = sentences(docs)
    assert list(sents.columns) == ["doc_id", "sent_id", "para_id", "start", "end", "text", "is_heading"]
    assert sents["text"].tolist() == [
        "Tariffs and Alliances", "Trade Breakthrough", "Seoul will pay more.", "The U.S. agreed.",
        "NATO will be expected to assume greater responsibility for deterring Russia, managing the war and "
        "rebuilding Ukraine.", "It held."]
    assert sents["sent_id"].tolist() == list(range(6))
    assert sents["para_id"].tolist() == [0, 1, 2, 2, 3, 3]
    assert sents["is_heading"].tolist() == [True, True, False, False, False, False]
    assert RAW[sents["start"][2]:sents["end"][2]] == "Seoul will pay **more**."
    assert RAW[sents["start"][3]:sents["end"][3]] == "The U.S. agreed."
    assert RAW[sents["start"][5]:sents["end"][5]] == "It held."
    assert sents["start"].is_monotonic_increasing
    assert sents["sent_id"].dtype == "int64" and sents["is_heading"].dtype == bool


def test_heading_paragraph_is_one_sentence():
    docs = docs_of("Tariffs. Trade. Talks\n\nSeoul paid. Tokyo paid.\n", title="Tariffs. Trade. Talks")
    assert sentences(docs)["text"].tolist() == ["Tariffs. Trade. Talks", "Seoul paid.", "Tokyo paid."]


def test_empty_document_gives_empty_tables_with_columns():
    docs = docs_of("")
    assert len(paragraphs(docs)) == 0 and len(sentences(docs)) == 0
    assert list(sentences(docs).columns) == ["doc_id", "sent_id", "para_id", "start", "end", "text", "is_heading"]


def test_missing_columns_named():
    with pytest.raises(KeyError, match=r"missing column\(s\) 'clean_text', 'cleaning'"):
        sentences(pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(KeyError, match="cleaning"):
        paragraphs(pd.DataFrame({"doc_id": ["a"], "clean_text": ["x"]}))
