"""The labelled sentence-boundary set and briefkit's scores on it (rules: tests/data/sentence_boundaries/RULES.md)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from briefkit.corpus.cleaning.clean import DocumentMeta, clean_document
from briefkit.corpus.cleaning.rules import load_rules
from briefkit.corpus.load import load_corpus
from briefkit.corpus.text.boundaries import boundary_scores, first_text, read_boundary_labels

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "sentence_boundaries"


@pytest.fixture(scope="module")
def labelled():
    regions, labels = read_boundary_labels(LABELS)
    out = []
    for corpus, reg in regions.groupby("corpus", sort=False):
        docs = load_corpus(ROOT / corpus, n_jobs=1)
        out.append((corpus, docs[docs["doc_id"].isin(reg["doc_id"])], reg, labels[labels["corpus"] == corpus]))
    return out


def test_labels_point_into_their_regions(labelled):
    n = 0
    for corpus, docs, reg, lab in labelled:
        raw = dict(zip(docs["doc_id"], docs["raw_text"]))
        assert set(reg["doc_id"]) == set(lab["doc_id"]) <= set(raw)
        spans = {d: (s, e) for d, s, e in zip(reg["doc_id"], reg["start"], reg["end"])}
        for d, offset, text in zip(lab["doc_id"], lab["offset"], lab["text"]):
            s, e = spans[d]
            assert s <= offset < e <= len(raw[d]), (corpus, d, offset)
            assert raw[d][offset:offset + len(text)] == text
            assert first_text(raw[d], offset) == offset  # starts at text, not at whitespace or markup
        assert not lab.duplicated(["doc_id", "offset"]).any()
        n += len(lab)
    assert n == 943


def test_briefkit_sentences_on_the_labelled_set(labelled):
    parts = [boundary_scores(docs, reg, lab) for _, docs, reg, lab in labelled]
    total = pd.concat(parts)[["labelled", "predicted", "correct"]].sum()
    assert (total["labelled"], total["predicted"], total["correct"]) == (549, 544, 534)
    assert total["correct"] / total["predicted"] > 0.98 and total["correct"] / total["labelled"] > 0.97


def test_scores_count_only_starts_inside_paragraphs():
    raw = "Title\nBy Kim\n\nOne. Two.\n\nThree."
    res = clean_document(raw, DocumentMeta("d", title="Title", authors=("Kim",)), load_rules())
    docs = pd.DataFrame({"doc_id": ["d"], "raw_text": [raw], "clean_text": [res.clean], "cleaning": [res]})
    regions = pd.DataFrame({"doc_id": ["d"], "start": [0], "end": [len(raw)]})
    labels = pd.DataFrame({"doc_id": ["d"] * 4, "offset": [raw.index("Kim"), raw.index("One"), raw.index("Two."),
                                                           raw.index("Three")]})
    scores = boundary_scores(docs, regions, labels).iloc[0]
    # the byline is set aside and "One" and "Three" open paragraphs: only "Two." is a splitter's decision
    assert (scores["labelled"], scores["predicted"], scores["correct"]) == (1, 1, 1)
    split_nowhere = boundary_scores(docs, regions, labels, split=lambda t: [(0, len(t))]).iloc[0]
    assert (split_nowhere["predicted"], split_nowhere["correct"], split_nowhere["recall"]) == (0, 0, 0.0)
