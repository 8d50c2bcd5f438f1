"""Tests for briefkit.stance.appraisal: each rule on constructed sentences, offsets, linear time,
and the agreement on the labelled validation set written before the annotator existed."""

import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefkit.errors import BriefkitError
from briefkit.stance.appraisal import annotate, annotate_mentions
from briefkit.stance.lexicon import load_appraisal_lexicon
from briefkit.stance.reliability import agreement
from datasets import ROOT


def _ann(text, term):
    s = text.index(term)
    return annotate(text, [(s, s + len(term))])


@pytest.mark.parametrize("text, term, stance, holder", [
    ("We must strengthen the partnership with Canada.", "partnership", 1, "author"),
    ("The government should withdraw the subsidy.", "subsidy", -1, "author"),
    ("The levy was introduced in 2009.", "levy", 0, "none"),
    ("Critics argue that the levy is unfair.", "levy", 0, "other"),
    ("According to the union, the reform is a disaster.", "reform", 0, "other"),
    ("The scheme is not effective.", "scheme", -1, "author"),
    ("The scheme is effective.", "scheme", 1, "author"),
    ("The environment around the minister is far from favorable.", "minister", -1, "author"),
    ("Cutting the grant would hurt students.", "grant", 1, "author"),
    ("We oppose the closure of the hospital.", "hospital", 1, "author"),
    ("Although the agreement has flaws, it is a major achievement.", "agreement", 1, "author"),
    ("Sanctions on the regime should be tightened.", "Sanctions", 1, "author"),
    ("The regime's aggression destabilises the region.", "regime", -1, "author"),
    ("Seoul should reduce tariffs on steel.", "tariffs", -1, "author"),
    ("Forces could play a role not only in deterring Pyongyang but also elsewhere.", "Pyongyang", -1, "author"),
    ("Risks include levies, quotas and bans such as the embargo.", "embargo", 0, "none"),
    ("I believe the plan is sound.", "plan", 1, "author"),
    ("The regime retaliated against farmers.", "regime", -1, "author"),
    ("Washington agreed to reduce tariffs on cars.", "tariffs", 0, "none"),
    ("We will reduce tariffs on cars.", "tariffs", -1, "author"),
    ("Instead of cutting the grant, they raised fees.", "grant", 1, "author"),
    ("The ministry is working to deter smugglers.", "ministry", 0, "none"),
    ("The ministry is facing serious challenges.", "ministry", 0, "none"),
])
def test_rules(text, term, stance, holder):
    r = _ann(text, term)
    assert (r["stance"], r["holder"]) == (stance, holder), r


def test_cues_carry_offsets_into_the_text():
    text = "The new tariff is unnecessary and harmful."
    r = _ann(text, "tariff")
    assert r["cues"] == "unnecessary[eval -1]@18-29; harmful[eval -1]@34-41"
    assert (text[18:29], text[34:41]) == ("unnecessary", "harmful")
    assert r["rule"] == "evaluation linked to the target"


def test_target_words_never_cue_themselves():
    # "threat" is in the lexicon; as the target's own word it says nothing about the target
    assert _ann("The threat assessment was published.", "threat assessment")["stance"] == 0


def test_annotate_mentions_columns_and_empty_text():
    m = pd.DataFrame({"text": ["The alliance must be strengthened.", None], "spans": ["4-12", "0-1"]})
    out = annotate_mentions(m)
    assert out["stance_auto"].tolist() == [1, 0]
    assert out["holder_auto"].tolist() == ["author", "none"]
    assert out["rule"].iloc[1] == "target not found in text"


def test_lexicon_documented_and_bad_file(tmp_path):
    lex = load_appraisal_lexicon()
    assert set(lex["kind"]) == {"eval", "change", "negator", "report"}
    assert lex["source"].str.len().gt(0).all() and not lex["term"].duplicated().any()
    bad = tmp_path / "lex.csv"
    bad.write_text("term,kind,polarity,source,note\nx,eval,2,own,\n", encoding="utf-8")
    with pytest.raises(BriefkitError, match="row 2"):
        load_appraisal_lexicon(bad)


def test_linear_time_on_long_crafted_input():
    small, big = "not " * 4000 + "threat ", "not " * 80000 + "threat "
    t0 = time.process_time(); annotate(small + "X.", [(len(small), len(small) + 1)])
    t1 = time.process_time(); annotate(big + "X.", [(len(big), len(big) + 1)])
    t2 = time.process_time()
    assert (t2 - t1) < 100 * max(t1 - t0, 1e-3)  # 20x the input: linear ~20x, quadratic ~400x


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=200), st.integers(0, 50), st.integers(1, 20))
def test_any_text_gives_a_valid_decision(text, start, length):
    r = annotate(text, [(start, start + length)])
    assert r["stance"] in (-1, 0, 1) and r["holder"] in ("author", "other", "none")
    for cue in filter(None, r["cues"].split("; ")):
        s, e = (int(x) for x in cue.rsplit("@", 1)[1].split("-"))
        assert 0 <= s < e <= len(text)


def test_agreement_on_the_labelled_validation_set():
    """116 mentions (86 from the Irish budget debate 2010, 30 written), labelled before tuning.

    First run of the first annotator: alpha 0.486, 70.7 % identical; now 0.561, 75.0 %."""
    v = pd.read_csv(ROOT / "tests" / "data" / "stance_validation.csv")
    auto = [annotate(t, [(s, e)])["stance"] for t, s, e in zip(v["text"], v["term_start"], v["term_end"])]
    alpha, same = agreement(v["stance"], auto)
    assert len(v) == 116
    assert alpha >= 0.56 and same >= 0.75


def test_linear_time_with_many_reporting_verbs():
    small, big = "we said " * 2000, "we said " * 40000  # every verb checked: none attributes
    t0 = time.process_time(); annotate(small + "X.", [(len(small), len(small) + 1)])
    t1 = time.process_time(); annotate(big + "X.", [(len(big), len(big) + 1)])
    t2 = time.process_time()
    assert (t2 - t1) < 100 * max(t1 - t0, 1e-3)


def test_agreement_on_the_held_out_set_is_reported_honestly():
    """39 mentions from other Irish speeches, labelled after the annotator was frozen.

    Parliamentary rhetoric ("a Tory dream come to life", "broken beyond repair") judges with words
    outside the policy lexicon: the annotator mostly says 0 where the label is -1, and agreement
    is below chance (alpha -0.33, 26 % identical). A general tone lexicon as fallback raised it to
    about 0 here but lowered agreement on policy briefs (seed codes), so it is not used."""
    v = pd.read_csv(ROOT / "tests" / "data" / "stance_heldout.csv")
    auto = [annotate(t, [(s, e)])["stance"] for t, s, e in zip(v["text"], v["term_start"], v["term_end"])]
    alpha, same = agreement(v["stance"], auto)
    assert len(v) == 39 and (v["stance"] == -1).sum() == 22
    assert round(alpha, 2) >= -0.33 and round(same, 2) >= 0.26
    assert sum(a == 0 for a in auto) >= 30  # conservative: it abstains rather than guesses
