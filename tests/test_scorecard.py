"""Tests for briefkit.forecasts.scoring.scorecard: outcome rules, exact Brier values, band bounds, calibration table."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from briefkit.forecasts.scoring.calibration import comparability_warnings, propose_not_happened, calibration_table
from briefkit.forecasts.scoring.scorecard import (SCORECARD_COLUMNS, outcome_value, resolution_clusters,
                                                  resolution_counts, score_forecasts, scorecard, wilson_interval)


@pytest.mark.parametrize("outcome,expected", [("happened", 1.0), ("did not happen", 0.0), ("partly", 0.5)])
def test_scored_outcomes(outcome, expected):
    assert outcome_value(outcome) == expected


@pytest.mark.parametrize("outcome", ["pending", "ambiguous", "annulled"])
def test_unscored_outcomes(outcome):
    assert np.isnan(outcome_value(outcome))


def test_partly_options():
    assert outcome_value("partly", partly=1) == 1.0
    assert np.isnan(outcome_value("partly", partly=None))
    with pytest.raises(ValueError, match="partly"):
        outcome_value("partly", partly=2)
    with pytest.raises(ValueError, match="outcome"):
        outcome_value("maybe")


def table():
    return pd.DataFrame({
        "pred_id": list("abcdefg"), "doc_id": ["d1", "d1", "d1", "d2", "d2", "d2", "d3"],
        "conditional": [False, False, True, False, True, False, False],
        "negated": [False, False, False, True, False, False, False],
        "p_low": [0.8, 0.55, 0.8, 0.8, 0.55, 0.02, 0.8],
        "p_point": [0.875, 0.675, 0.875, 0.875, 0.675, 0.5, 0.875],
        "p_high": [0.95, 0.8, 0.95, 0.95, 0.8, 0.99, 0.95],
        "outcome": ["happened", "did not happen", "annulled", "happened", "partly", "pending", "ambiguous"]})


def test_exact_per_forecast_scores():
    s = score_forecasts(table())
    # a: (0.875-1)^2; band [0.8,0.95] -> min (0.95-1)^2, max (0.8-1)^2
    assert s.loc[0, "sq_error"] == pytest.approx(0.015625)
    assert (s.loc[0, "sq_error_low"], s.loc[0, "sq_error_high"]) == pytest.approx((0.0025, 0.04))
    # b: y=0 -> p^2, band min at 0.55, max at 0.8
    assert (s.loc[1, "sq_error"], s.loc[1, "sq_error_low"], s.loc[1, "sq_error_high"]) == \
        pytest.approx((0.455625, 0.3025, 0.64))
    # d: negated, stated p = 0.125 (band 0.05..0.2), outcome happened
    assert s.loc[3, "p_stated"] == pytest.approx(0.125)
    assert (s.loc[3, "sq_error"], s.loc[3, "sq_error_low"], s.loc[3, "sq_error_high"]) == \
        pytest.approx((0.765625, 0.64, 0.9025))
    # e: partly = 0.5 inside band [0.55, 0.8]? no -> min at 0.55
    assert (s.loc[4, "sq_error"], s.loc[4, "sq_error_low"], s.loc[4, "sq_error_high"]) == \
        pytest.approx((0.030625, 0.0025, 0.09))
    assert s["scored"].tolist() == [True, True, False, True, True, False, False]


def test_scorecard_exact_values_and_counts():
    docs = pd.DataFrame({"doc_id": ["d1", "d2", "d3"], "authors": ["Kim", "Kim; Lee", ""]})
    t = table()
    counts = resolution_counts(t, docs).set_index("group")
    kim = counts.loc["Kim"]  # a..f
    assert (kim["n_forecasts"], kim["n_conditional"], kim["n_resolved"]) == (6, 2, 4)
    assert (kim["annulled"], kim["pending"], kim["partly"]) == (1, 1, 1)
    assert counts.loc["(no authors: d3)", "ambiguous"] == 1 and counts.index[-1] == "(all forecasts)"
    card = scorecard(t, docs, min_n=2, n_boot=200).set_index(["group", "measure"])
    assert card.loc[("Kim", "hit_rate"), "estimate"] == pytest.approx((1 + 0 + 1 + 0.5) / 4)
    brier = card.loc[("Kim", "brier")]
    assert brier["estimate"] == pytest.approx((0.015625 + 0.455625 + 0.765625 + 0.030625) / 4)
    assert brier["brier_band_min"] == pytest.approx((0.0025 + 0.3025 + 0.64 + 0.0025) / 4)
    assert brier["brier_band_max"] == pytest.approx((0.04 + 0.64 + 0.9025 + 0.09) / 4)
    # two documents are two clusters: too few for a bootstrap interval, said in the status
    assert np.isnan(brier["ci_low"]) and np.isnan(brier["ci_high"]) and brier["level"] == 0.95
    assert brier["status"] == "too few independent clusters (2 < 5)" and brier["n_clusters"] == 2
    assert np.isnan(brier["ci_low"]) and not np.isnan(brier["estimate"])
    assert card.loc[("Lee", "brier"), "estimate"] == pytest.approx((0.765625 + 0.030625) / 2)
    nobody = card.loc[("(no authors: d3)", "hit_rate")]
    assert np.isnan(nobody["estimate"]) and nobody["status"].startswith("too few")
    # skill against the base rate of all resolved forecasts (2.5 / 4 = 0.625)
    y = np.array([1, 0, 1, 0.5])
    ref = ((0.625 - y) ** 2).mean()
    skill = card.loc[("Kim", "brier_skill")]
    assert skill["estimate"] == pytest.approx(1 - brier["estimate"] / ref)
    assert skill["reference"] == "base rate 0.625"
    assert list(card.reset_index()["group"])[-1] == "(all forecasts)"


def test_half_probability_stays_in_brier_but_not_in_hit_rate():
    t = pd.DataFrame({"pred_id": list("abcd"), "doc_id": list("wxyz"), "group": "g",
                      "p_point": [0.5, 0.5, 0.875, 0.875], "outcome": ["happened"] * 4})
    card = scorecard(t, min_n=1, overall=False, n_boot=100).set_index("measure")
    assert card.loc["hit_rate", "n"] == 2 and card.loc["brier", "n"] == 4
    assert resolution_counts(t).loc[0, "n_no_direction"] == 2


def test_forecasts_resolved_by_one_event_are_one_cluster():
    t = pd.DataFrame({"pred_id": list("abc"), "doc_id": ["x", "y", "z"], "group": "g",
                      "p_point": [0.875] * 3, "outcome": ["happened"] * 3,
                      "note": ["US strikes (E025)", "E025 and E024", "deal (E031)"]})
    assert resolution_clusters(t).tolist() == ["a", "a", "c"]
    card = scorecard(t, min_n=1, overall=False, n_boot=100).set_index("measure")
    assert card.loc["brier", "n_clusters"] == 2 and card.loc["brier", "n"] == 3


def test_partly_excluded_option():
    counts = resolution_counts(table().assign(group="g"), partly=None, overall=False)
    assert counts.loc[0, "n_resolved"] == 3 and counts.loc[0, "partly"] == 1


def test_too_few_gives_no_rate():
    card = scorecard(table().assign(group="g"), min_n=5, overall=False)
    assert card["estimate"].isna().all()
    assert card["status"].str.startswith("too few").all()


def test_scorecard_deterministic_bootstrap():
    t = table().assign(group="g")
    a = scorecard(t, min_n=1, seed=3, n_boot=300)
    b = scorecard(t, min_n=1, seed=3, n_boot=300)
    pd.testing.assert_frame_equal(a, b)


def test_scorecard_bad_parameters():
    with pytest.raises(ValueError, match="min_n"):
        scorecard(table().assign(group="g"), min_n=0)
    with pytest.raises(ValueError, match="level"):
        scorecard(table().assign(group="g"), level=95)
    with pytest.raises(KeyError, match="docs"):
        scorecard(table())
    with pytest.raises(KeyError, match="attach outcomes"):
        scorecard(table().drop(columns="outcome").assign(group="g"))


def test_wilson():
    assert all(np.isnan(v) for v in wilson_interval(0, 0))  # no forecasts: no interval
    lo, hi = wilson_interval(5, 10)
    assert lo == pytest.approx(0.2366, abs=1e-4) and hi == pytest.approx(0.7634, abs=1e-4)


def test_calibration_table_exact():
    rel = calibration_table(table(), min_n=2)
    assert rel["bin"].tolist() == ["[0, 0.2]", "(0.2, 0.4]", "(0.4, 0.6]", "(0.6, 0.8]", "(0.8, 1]"]
    assert rel["n"].tolist() == [1, 0, 0, 2, 1]  # d (stated 0.125); b, e (0.675); a (0.875)
    assert rel.loc[3, "estimate"] == pytest.approx(0.25)
    assert rel.loc[3, "mean_p"] == pytest.approx(0.675)
    assert rel.loc[0, "status"].startswith("too few") and rel.loc[3, "status"] == "ok"
    with pytest.raises(ValueError, match="bins"):
        calibration_table(table(), bins=(0, 0.5, 0.4))


def test_did_not_happen_is_proposed_when_the_horizon_passed_unlinked():
    t = table().assign(horizon_end=[pd.NaT, pd.NaT, pd.NaT, pd.NaT, pd.NaT, pd.Timestamp("2025-12-31"),
                                    pd.NaT])
    prop = propose_not_happened(t, pd.DataFrame({"pred_id": ["a"], "event_id": ["E1"]}),
                                today=pd.Timestamp("2026-06-01"))
    assert prop["pred_id"].tolist() == ["f"] and prop["proposed_outcome"].tolist() == ["did not happen"]


def test_warning_when_groups_answered_different_questions():
    t = pd.DataFrame({"pred_id": list("abcd"), "doc_id": list("wxyz"), "group": ["A", "A", "B", "B"],
                      "p_point": [0.875] * 4, "outcome": ["happened"] * 4,
                      "note": ["E001", "E002", "E003", "E004"]})
    card = scorecard(t, min_n=1, n_boot=50)
    assert len(comparability_warnings(t, card)) == 1
    assert comparability_warnings(t.assign(note=["E001", "E002", "E001", "E004"]), card) == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1),
                          st.sampled_from(["happened", "did not happen", "partly"]), st.booleans()),
                min_size=1, max_size=12))
def test_band_brackets_point(rows):
    df = pd.DataFrame([{"pred_id": str(i), "group": "g", "p_low": min(a, b, c),
                        "p_point": sorted((a, b, c))[1],
                        "p_high": max(a, b, c), "outcome": o, "negated": n}
                       for i, (a, b, c, o, n) in enumerate(rows)])
    s = score_forecasts(df)
    assert (s["sq_error_low"] <= s["sq_error"] + 1e-12).all()
    assert (s["sq_error"] <= s["sq_error_high"] + 1e-12).all()
    card = scorecard(df, min_n=1, n_boot=50, overall=False).set_index("measure")
    b = card.loc["brier"]
    assert b["brier_band_min"] <= b["estimate"] + 1e-12 <= b["brier_band_max"] + 2e-12


def test_no_forecasts_gives_empty_scorecard():
    card = scorecard(table().iloc[:0].assign(group=pd.Series(dtype="str")))
    assert card.empty and list(card.columns) == SCORECARD_COLUMNS
