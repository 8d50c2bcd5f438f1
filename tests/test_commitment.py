"""Tests for briefkit.stance.commitment: four categories kept apart, profile with document bootstrap."""

import numpy as np
import pandas as pd
import pytest

from briefkit.errors import BriefkitError
from briefkit.stance.commitment import (CATEGORIES, PROFILE_COLUMNS, commitment_profile, commitment_scores,
                                        load_commitment_lexicon, top_items)


def _score(*texts):
    return commitment_scores(pd.DataFrame({"text": list(texts)}))


@pytest.mark.parametrize("text, certainty, uncertainty, obligation, possibility", [
    ("It is not clear; tariffs may possibly rise.", "", "not clear; possibly", "", "may"),
    ("They will certainly win.", "will certainly", "", "", ""),
    ("There is no doubt.", "no doubt", "", "", ""),
    ("Seoul must act and need to pay; it could wait.", "", "", "must; need to", "could"),
    ("We should clearly consider options.", "clearly", "", "should", "options"),
    ("In May 2025 the political will was strong.", "", "", "", ""),
    ("Military might matters.", "", "", "", ""),
    ("", "", "", "", ""),
])
def test_categories_are_separate(text, certainty, uncertainty, obligation, possibility):
    r = _score(text).iloc[0]
    assert [r[c] for c in CATEGORIES] == [certainty, uncertainty, obligation, possibility]


def test_must_is_obligation_not_certainty_and_counts():
    r = _score("Seoul must act. It must.").iloc[0]
    assert (r["n_obligation"], r["n_certainty"], bool(r["has_obligation"])) == (2, 0, True)


def test_lexicon_categories_and_bad_file(tmp_path):
    lex = load_commitment_lexicon()
    assert set(lex["category"]) == set(CATEGORIES)
    cat = dict(zip(lex["term"], lex["category"]))
    assert (cat["must"], cat["should"], cat["could"], cat["may"], cat["clearly"], cat["perhaps"]) == (
        "obligation", "obligation", "possibility", "possibility", "certainty", "uncertainty")
    assert "will" not in cat and not lex["term"].duplicated().any()
    bad = tmp_path / "lex.csv"
    bad.write_text("term,category,weight,source,note\nmust,booster,1,x,\n", encoding="utf-8")
    with pytest.raises(BriefkitError, match="row 2"):
        load_commitment_lexicon(bad)


def test_profile_values_scope_and_bootstrap():
    s = commitment_scores(pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c"],
                                        "text": ["We must go.", "Clearly.", "We must.", "No.", "Maybe."]}))
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "authors": ["K", "K", "L"]})
    p = commitment_profile(s, docs, n_boot=300, seed=2)
    assert p.columns.tolist() == PROFILE_COLUMNS
    k = p[p["group"] == "K"].set_index("category")
    assert k.loc["obligation", "estimate"] == 0.5 and k.loc["certainty", "estimate"] == 0.25
    assert k["scope"].eq("several documents").all() and k["n_docs"].eq(2).all()
    assert p[p["group"] == "L"]["status"].eq("too few sentences (1 < 3)").all()
    assert np.isnan(p[p["group"] == "L"]["estimate"]).all()
    again = commitment_profile(s, docs, n_boot=300, seed=2)
    pd.testing.assert_frame_equal(p, again)


def test_top_items():
    s = commitment_scores(pd.DataFrame({"doc_id": ["a"] * 3, "text": ["We must.", "We must, may.", "Could."]}))
    t = top_items(s, pd.DataFrame({"doc_id": ["a"], "authors": ["K"]}))
    assert t.loc[0, "obligation"] == "must (2)" and t.loc[0, "possibility"] == "could (1), may (1)"
