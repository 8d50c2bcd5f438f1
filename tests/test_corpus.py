"""Tests for briefkit.corpus.load on the project's seed corpus and the Irish budget validation corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from briefkit.corpus.load import document_table, load_corpus, removed_spans
from briefkit.corpus.cleaning.edits import restore_raw
from briefkit.corpus.text.segment import paragraphs, sentences
from briefkit.corpus.cleaning.textshape import word_count

SEEDS = Path(__file__).resolve().parents[1] / "corpus"
from datasets import IRISH
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")

# The body sentences that vekasi-2025's six pull quotes repeat.
VEKASI_QUOTED = [
    "Over the last decade, it has faced economic coercion from both China and Japan, highlighting its vulnerable "
    "position between economic powers.",
    "South Korea, long caught between economic dependence on China and security cooperation with the United "
    "States, faces increasing pressure to navigate shifting global alliances.",
    "Washington's push under the Biden administration for tighter controls on semiconductor technology exports to "
    "China forced South Korea into a difficult position, walking a tightrope between securing its U.S. alliance "
    "and protecting its commercial interests in China.",
    "The United States plays an important role at the design stage of the chips process, and if the Northeast Asian "
    "countries attempt to take their own path, retaliation from the Trump administration is possible.",
    "If Washington pushes too hard without offering meaningful economic incentives or security assurances in "
    "return, allies may be forced to seek alternative partnerships, undermining U.S. strategic ‘allyshoring’ goals.",
    "Ultimately, Seoul should pursue a more diversified economic and security strategy, strengthening partnerships "
    "with regional actors such as Japan and Taiwan to hedge against the risks associated with U.S. unpredictability.",
]


@pytest.fixture(scope="module")
def docs():
    return load_corpus(SEEDS)


@pytest.fixture(scope="module")
def sents(docs):
    return sentences(docs)


def clean_of(docs, doc_id):
    return docs.loc[docs["doc_id"] == doc_id, "clean_text"].item()


def test_documents_and_columns(docs):
    assert docs["doc_id"].tolist() == ["shin-2025", "yang-2025", "news-2025-summit", "blog-2020-nk", "vekasi-2025"]
    cols = list(docs.columns)
    documented = ["doc_id", "file", "title", "authors", "affiliation", "kind", "published", "date_precision",
                  "language", "url", "notes"]
    assert cols[:len(documented)] == documented
    for c in ("publisher", "series", "received_as", "raw_text", "clean_text", "n_words_raw", "n_words_clean",
              "cleaning"):
        assert c in cols
    assert docs.attrs["corpus"] == str(SEEDS)


def test_dates_and_precision(docs):
    assert docs["date_precision"].tolist() == ["year", "day", "year", "year", "month"]
    assert docs["published"].tolist() == [pd.Timestamp("2025-01-01"), pd.Timestamp("2025-02-05"),
                                          pd.Timestamp("2025-01-01"), pd.Timestamp("2020-01-01"),
                                          pd.Timestamp("2025-03-01")]
    assert document_table(docs)["published"].tolist() == ["2025", "2025-02-05", "2025", "2020", "2025-03"]


def test_word_counts(docs):
    # One word counter (textshape.word_count): "ROK-U.S." and "7-day" count as one word each. Checked by reading
    # every cleaned text: only bylines, covers, bios, blurbs, pull quotes, comments and Korean lines are gone; all
    # argument text is kept.
    assert dict(zip(docs["doc_id"], docs["n_words_raw"])) == {
        "shin-2025": 1865, "yang-2025": 1191, "news-2025-summit": 296, "blog-2020-nk": 1091, "vekasi-2025": 2142}
    assert dict(zip(docs["doc_id"], docs["n_words_clean"])) == {
        "shin-2025": 1858, "yang-2025": 964, "news-2025-summit": 296, "blog-2020-nk": 944, "vekasi-2025": 1516}
    assert [word_count(t) for t in docs["clean_text"]] == docs["n_words_clean"].tolist()


def test_removed_categories_per_document(docs):
    removed = removed_spans(docs, include_layout=False)
    cats = {d: set(g["category"]) for d, g in removed.groupby("doc_id")}
    assert cats == {
        "shin-2025": {"byline"},
        "yang-2025": {"front_matter", "byline", "series_blurb", "non_english", "author_bio"},
        "blog-2020-nk": {"caption", "series_blurb", "navigation", "comments"},
        "vekasi-2025": {"pull_quote", "front_matter", "contact", "author_bio", "editors", "byline", "disclaimer",
                        "series_blurb"},
    }
    everything = removed_spans(docs)
    layout = {"layout", "rejoin", "unicode", "markup", "link"}
    assert set(everything["category"]) - layout == set().union(*cats.values())


def test_lossless_on_seeds(docs):
    removed = removed_spans(docs)
    for doc_id, raw, clean, res in zip(docs["doc_id"], docs["raw_text"], docs["clean_text"], docs["cleaning"]):
        assert restore_raw(clean, res.edits) == raw
        for r in removed[removed["doc_id"] == doc_id].itertuples():
            assert raw[r.start:r.end] == r.text


def test_other_issue_cover_is_gone(docs):
    for text in docs["clean_text"]:
        assert "PRAGMATIC ALLIANCE" not in text.upper()
        assert "ANTHONY B. KIM" not in text.upper()
    vekasi = clean_of(docs, "vekasi-2025")
    assert vekasi.startswith("THE UNITED STATES AND SOUTH KOREA: IS FURTHER ECONOMIC SECURITY COOPERATION POSSIBLE?"
                             "\n\nSouth Korea has been actively pursuing")
    assert vekasi.endswith("while mitigating vulnerabilities stemming from great-power competition.")


def test_no_korean_no_markup_in_clean_text(docs):
    for text in docs["clean_text"]:
        assert not HANGUL.search(text)
        assert "**" not in text and "](" not in text and "<https" not in text and "\u00a0" not in text
        assert "\n\n\n" not in text and text == text.strip()


def test_pull_quote_sentences_appear_once(docs, sents):
    vekasi = clean_of(docs, "vekasi-2025")
    vs = sents[sents["doc_id"] == "vekasi-2025"]["text"].tolist()
    for sentence in VEKASI_QUOTED:
        assert vekasi.count(sentence) == 1, sentence
        assert vs.count(sentence) == 1, sentence
    assert "between economic powers**" not in vekasi


def test_page_breaks_rejoined(docs):
    assert "responsibility for deterring Russia and managing the Ukraine war" in clean_of(docs, "yang-2025")
    assert "their extensive history of joint training and operations, could play" in clean_of(docs, "yang-2025")
    vekasi = clean_of(docs, "vekasi-2025")
    assert "Both cases exposed Seoul's economic vulnerabilities" in vekasi
    assert "(THAAD) system in 2016, China launched" in vekasi
    assert "Both firms have substantial investments in China, and complying with U.S. regulations" in vekasi


def test_endings_and_beginnings(docs):
    assert clean_of(docs, "yang-2025").endswith("America's core interest of military reconstruction.")
    assert clean_of(docs, "blog-2020-nk").endswith("it seems safe to predict that in the future too.")
    assert clean_of(docs, "shin-2025").startswith(
        "An Assessment of the Trump Administration’s Foreign Policy in the Early Phase of Its Second Term and Its "
        "Policy Implications\n\nSummary\n\nA. The International Order")


def test_sentences_table_on_seeds(sents, docs):
    assert sents.groupby("doc_id").size().to_dict() == {
        "blog-2020-nk": 49, "news-2025-summit": 17, "shin-2025": 98, "vekasi-2025": 56, "yang-2025": 42}
    assert not sents["text"].str.match(r"[a-z]").any()
    raw = dict(zip(docs["doc_id"], docs["raw_text"]))
    for doc_id, g in sents.groupby("doc_id", sort=False):
        assert g["sent_id"].tolist() == list(range(len(g)))
        assert g["start"].is_monotonic_increasing and (g["start"].diff().dropna() > 0).all()
        assert (g["end"] <= len(raw[doc_id])).all()
    news = sents[sents["doc_id"] == "news-2025-summit"]
    row = news[news["text"] == "Trade Breakthrough"]
    assert len(row) == 1 and bool(row["is_heading"].item())
    assert news["is_heading"].sum() == 6
    assert not sents["text"].str.contains("Trade Breakthrough A significant").any()
    # a sentence without markup maps back to exactly its raw text
    first = news[news["sent_id"] == 2].iloc[0]
    assert raw["news-2025-summit"][first["start"]:first["end"]] == first["text"] == (
        "US President Donald Trump welcomed South Korean President Lee Jae-myung to the White House on Monday.")


def test_paragraphs_on_seeds(docs):
    paras = paragraphs(docs)
    assert paras.groupby("doc_id").size().to_dict() == {
        d: len([p for p in t.split("\n\n") if p.strip()]) for d, t in zip(docs["doc_id"], docs["clean_text"])}
    assert paras["para_id"].min() == 0


def test_removed_spans_requires_cleaning_column():
    with pytest.raises(KeyError, match="cleaning"):
        removed_spans(pd.DataFrame({"doc_id": ["a"]}))


def test_env_var_selects_corpus(monkeypatch):
    monkeypatch.setenv("BRIEFKIT_CORPUS", str(SEEDS))
    assert load_corpus()["doc_id"].tolist()[:2] == ["shin-2025", "yang-2025"]


@pytest.fixture(scope="module")
def irish():
    return load_corpus(IRISH)


def test_irish_budget_corpus_loads(irish):
    assert len(irish) == 14
    assert irish["doc_id"].tolist()[:3] == ["01-lenihan", "02-bruton", "03-burton"]
    assert (irish["date_precision"] == "day").all()
    assert (irish["n_words_clean"] > 900).all()
    for raw, clean, res in zip(irish["raw_text"], irish["clean_text"], irish["cleaning"]):
        assert restore_raw(clean, res.edits) == raw


def test_irish_speeches_lose_no_argument_text(irish):
    removed = removed_spans(irish, include_layout=False)
    assert removed.empty, removed[["doc_id", "category", "text"]].to_string()


def test_untouched_sentences_map_exactly_to_raw(docs, sents):
    checked = 0
    for doc_id, raw, res in zip(docs["doc_id"], docs["raw_text"], docs["cleaning"]):
        for row in sents[sents["doc_id"] == doc_id].itertuples():
            touched = any((e.start < row.end and e.end > row.start)
                          or (e.start == e.end and row.start < e.start < row.end) for e in res.edits)
            if not touched:
                assert raw[row.start:row.end] == row.text
                checked += 1
    assert checked > 200  # most sentences have no markup or rejoin inside


@pytest.mark.parametrize("folder", ["seed", "irish"])
def test_notebook_invariants_hold(folder, docs):
    # moved here from notebook 01: lossless cleaning and non-empty sentence spans on every corpus
    from briefkit.corpus.load import lossless_check

    d = docs if folder == "seed" else load_corpus(IRISH)
    assert lossless_check(d)["restored"].all()
    sents = sentences(d)
    assert (sents["end"] > sents["start"]).all()
