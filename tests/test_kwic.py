"""kwic: every match of a term in its sentence, in one call."""

from __future__ import annotations

import pandas as pd
import pytest

import briefkit
from briefkit.errors import BriefkitError


def _sents(*texts):
    return pd.DataFrame({"doc_id": ["d"] * len(texts), "sent_id": range(len(texts)),
                         "start": [0] * len(texts), "end": [1] * len(texts), "text": list(texts)})


def test_literal_whole_word_matches_with_context():
    out = briefkit.kwic(_sents("Cost-sharing rose.", "The U.S. cost sharing deal", "costs"), "cost sharing",
                        window=4)
    assert out.values.tolist() == [["d", 1, 9, 21, ".S. ", "cost sharing", " dea"]]
    assert list(out.columns) == ["doc_id", "sent_id", "start", "end", "left", "match", "right"]
    # regex metacharacters in a literal term are literal
    assert briefkit.kwic(_sents("a (b) c", "a b c"), "(b)").values.tolist() == [["d", 0, 2, 5, "a ", "(b)", " c"]]


def test_on_the_seed_corpus_every_match_is_in_its_sentence():
    sents = briefkit.sentences(briefkit.load_corpus())
    out = briefkit.kwic(sents, "tariffs", window=30)
    assert len(out) == 5
    text = dict(zip(zip(sents["doc_id"], sents["sent_id"]), sents["text"]))
    for r in out.itertuples():
        assert text[(r.doc_id, r.sent_id)][r.start:r.end].lower() == "tariffs" == r.match.lower()


def test_empty_result_keeps_columns_and_bad_patterns_refused():
    out = briefkit.kwic(_sents("nothing here"), "tariff")
    assert out.empty and list(out.columns) == ["doc_id", "sent_id", "start", "end", "left", "match", "right"]
    for bad in ("", "(a+)+b", "(?<=x)y"):
        with pytest.raises(BriefkitError):
            briefkit.kwic(_sents("x"), bad, regex=True)
    with pytest.raises(KeyError, match="missing column"):
        briefkit.kwic(pd.DataFrame({"text": ["x"]}), "x")
    assert briefkit.kwic(_sents("Tariff TARIFF"), "tariff", regex=True, case_sensitive=True).empty
