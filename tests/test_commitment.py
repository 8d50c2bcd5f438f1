"""Tests for briefkit.stance.commitment: exact counts on constructed sentences, profile, lexicon."""

import math

import numpy as np
import pandas as pd
import pytest

from briefkit.stance.commitment import commitment_profile, commitment_scores, load_commitment_lexicon
from briefkit.errors import BriefkitError


def _score(*texts, **kw):
    return commitment_scores(pd.DataFrame({"text": list(texts)}), **kw)


COLS = ["n_words", "n_hedges", "n_boosters", "n_modals", "hedge_weight", "booster_weight",
        "hedged", "boosted", "hedges", "boosters", "modals"]


@pytest.mark.parametrize("text, expected", [
    ("It is not clear; tariffs may possibly rise.",
     [8, 3, 0, 1, 3.0, 0.0, True, False, "not clear; may; possibly", "", "may"]),
    ("They will certainly win.",
     [4, 0, 1, 1, 0.0, 1.0, False, True, "", "will certainly", "will"]),
    ("There is no doubt.",
     [4, 0, 1, 0, 0.0, 1.0, False, True, "", "no doubt", ""]),
    ("In May 2025 the political will was strong.",
     [8, 0, 0, 0, 0.0, 0.0, False, False, "", "", ""]),
    ("Military might matters.",
     [3, 0, 0, 0, 0.0, 0.0, False, False, "", "", ""]),
    ("The report claims so.",
     [4, 1, 0, 0, 0.5, 0.0, False, False, "claims", "", ""]),
    ("The claims suggest it.",
     [4, 2, 0, 0, 1.5, 0.0, True, False, "claims; suggest", "", ""]),
    ("Seoul must act and cannot wait.",
     [6, 0, 1, 2, 0.0, 1.0, False, True, "", "must", "must; cannot"]),
    ("", [0, 0, 0, 0, 0.0, 0.0, False, False, "", "", ""]),
])
def test_exact_counts(text, expected):
    row = _score(text).iloc[0]
    assert [row[c].item() if hasattr(row[c], "item") else row[c] for c in COLS] == expected


def test_columns_appended_and_index_kept():
    df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["May be.", "Clearly."]}, index=[10, 20])
    out = commitment_scores(df)
    assert list(out.index) == [10, 20]
    assert out.columns.tolist() == ["doc_id", "text", *COLS]
    assert out["boosted"].tolist() == [False, True]


def test_lexicon_documented_and_valid():
    lex = load_commitment_lexicon()
    assert set(lex["category"]) == {"hedge", "booster", "modal"}
    assert (lex["weight"] > 0).all()
    assert lex["source"].str.len().gt(0).all()
    modals = set(lex.loc[lex["category"] == "modal", "term"])
    assert {"can", "could", "may", "might", "must", "shall", "should", "will", "would"} <= modals


def test_bad_lexicon_names_row(tmp_path):
    p = tmp_path / "lex.csv"
    p.write_text("term,category,weight,source,note\nmaybe,hedges,1,x,\n", "utf-8")
    with pytest.raises(BriefkitError, match=r"lex.csv: row 2: category must be one of"):
        load_commitment_lexicon(p)


def test_profile_exact_values_and_too_few():
    s = commitment_scores(pd.DataFrame({
        "doc_id": ["a", "a", "a", "a", "b"],
        "text": ["It may rain.", "It will clearly rain.", "Rain.", "Perhaps.", "It could."]}))
    groups = pd.DataFrame({"doc_id": ["a", "b"], "group": ["Kim", "Lee"]})
    p = commitment_profile(s, groups, n_boot=300, seed=1)
    kim, lee = p.iloc[0], p.iloc[1]
    assert p["group"].tolist() == ["Kim", "Lee"]
    assert (kim["n_sentences"], kim["n_words"], kim["n_docs"]) == (4, 9, 1)
    assert kim["hedged_share"] == 0.5           # "may", "perhaps"
    assert kim["boosted_share"] == 0.25         # "clearly"
    assert math.isclose(kim["modals_per_1000"], 1000 * 2 / 9)
    assert kim["hedged_ci_low"] <= 0.5 <= kim["hedged_ci_high"]
    assert kim["status"] == "ok"
    assert lee["status"] == "too few mentions" and lee["n_sentences"] == 1
    assert np.isnan(lee["hedged_share"]) and np.isnan(lee["modals_ci_high"])


def test_profile_is_reproducible_and_drops_headings():
    s = commitment_scores(pd.DataFrame({
        "doc_id": ["a"] * 5, "is_heading": [True, False, False, False, False],
        "text": ["Clearly a heading", "It may.", "Surely.", "No.", "Yes."]}))
    g = pd.DataFrame({"doc_id": ["a"], "group": ["Kim"]})
    p1 = commitment_profile(s, g, n_boot=200, seed=3)
    p2 = commitment_profile(s, g, n_boot=200, seed=3)
    pd.testing.assert_frame_equal(p1, p2)
    assert p1.loc[0, "n_sentences"] == 4
    with pytest.raises(KeyError, match="commitment_scores"):
        commitment_profile(pd.DataFrame({"doc_id": ["a"]}), g)
