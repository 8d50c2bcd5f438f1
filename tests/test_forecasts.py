from pathlib import Path

import numpy as np
import pandas as pd

from briefkit.forecasts.scoring.evaluation import labels_path
import pytest
from hypothesis import given, settings, strategies as st

from briefkit.forecasts.detection.detect import analyse_sentence, classify_sentences, load_cues
from briefkit.forecasts.detection.predict import PREDICTION_COLUMNS, pred_id, predictions


def _sents(texts, doc="d1", headings=None):
    n = len(texts)
    return pd.DataFrame({"doc_id": doc, "sent_id": range(n), "para_id": 0,
                         "start": [100 * i for i in range(n)],
                         "end": [100 * i + len(t) for i, t in enumerate(texts)],
                         "text": texts, "is_heading": headings or [False] * n})


def _one(text):
    return classify_sentences(_sents([text])).iloc[0]


@pytest.mark.parametrize("text, cue, term, p", [
    ("Tariffs will rise.", "will", "very likely", (0.8, 0.875, 0.95)),
    ("Seoul is going to raise its defense budget.", "is going to", "very likely", (0.8, 0.875, 0.95)),
    ("The administration is expected to apply pressure.", "is expected to", "likely",
     (0.55, 0.675, 0.8)),
    ("Allies are likely to delay talks.", "likely", "likely", (0.55, 0.675, 0.8)),
    ("South Korea will likely need to pay more.", "will likely", "likely", (0.55, 0.675, 0.8)),
    ("It is highly likely that agencies wait.", "highly likely", "very likely", (0.8, 0.875, 0.95)),
    ("Kim will almost certainly test a missile.", "will almost certainly", "almost certain",
     (0.95, 0.97, 0.99)),
    ("A deal is unlikely before the election.", "unlikely", "unlikely", (0.2, 0.325, 0.45)),
    ("A deal is very unlikely.", "very unlikely", "very unlikely", (0.05, 0.125, 0.2)),
    ("There is almost no chance of a summit.", "almost no chance", "almost no chance",
     (0.01, 0.03, 0.05)),
    ("A summit is a toss-up.", "toss-up", "roughly even chance", (0.45, 0.5, 0.55)),
    ("It is not clear that this funding will survive.", "It is not clear that",
     "roughly even chance", (0.45, 0.5, 0.55)),
    ("He would sign a bad deal.", "would", "likely", (0.55, 0.675, 0.8)),
    ("Retaliation could take the form of tariffs.", "could", "possible (Kent)", (0.02, 0.5, 0.99)),
    ("Growth may stall.", "may", "possible (Kent)", (0.02, 0.5, 0.99)),
    ("They might reach a compromise.", "might", "possible (Kent)", (0.02, 0.5, 0.99)),
    ("More drastic measures are also possible.", "possible", "possible (Kent)", (0.02, 0.5, 0.99)),
    ("We can expect a fairly establishmentarian approach.", "We can expect", "likely",
     (0.55, 0.675, 0.8)),
])
def test_each_cue_class_maps_to_its_yardstick_band(text, cue, term, p):
    row = _one(text)
    assert row["sentence_type"] == "forecast"
    assert row["cue"] == cue
    assert row["yardstick_term"] == term
    assert (row["p_low"], row["p_point"], row["p_high"]) == p
    assert text[row["cue_start"]:row["cue_end"]] == cue
    assert not row["negated"]


@pytest.mark.parametrize("text, cue, p", [
    ("He won't get a Nobel.", "won't", (0.05, 0.125, 0.2)),
    ("Agencies will not act preemptively.", "will", (0.05, 0.125, 0.2)),
    ("The US will no longer bear the costs.", "will", (0.05, 0.125, 0.2)),
    ("Seoul is not expected to join.", "is not expected to", (0.2, 0.325, 0.45)),
    ("Success cannot be expected.", "be expected", (0.2, 0.325, 0.45)),
    ("Trump probably does not want to fight.", "probably", (0.2, 0.325, 0.45)),
    ("It is highly likely that agencies will not act.", "highly likely", (0.05, 0.125, 0.2)),
])
def test_negated_cues_complement_the_band(text, cue, p):
    row = _one(text)
    assert row["sentence_type"] == "forecast" and row["cue"] == cue
    assert row["negated"]
    assert (row["p_low"], row["p_point"], row["p_high"]) == p


def test_lexical_negatives_are_not_complemented_again():
    row = _one("Talks are unlikely to resume.")
    assert not row["negated"] and row["p_high"] == 0.45


def test_conditionals_keep_the_condition_text():
    row = _one("If Donald Trump is re-elected, he will strike a deal with Kim.")
    assert row["conditional"] and row["condition"] == "If Donald Trump is re-elected"
    assert row["cue"] == "will" and row["topic"] == "strike a deal with Kim"
    row = _one("Were Joe Biden elected, we can expect a fairly establishmentarian approach.")
    assert row["conditional"] and row["condition"] == "Were Joe Biden elected"
    row = _one("Retaliation is possible if the three countries take their own path.")
    assert row["condition"] == "if the three countries take their own path."
    row = _one("In that case, fewer issues will be resolved.")
    assert row["conditional"] and row["condition"] == "In that case"


def test_cues_inside_the_condition_do_not_count():
    row = _one("If South Korea could build ships, South Korea could become indispensable.")
    assert row["cue_start"] == 46 and row["conditional"]


def test_recommendations_are_not_forecasts():
    for text in ("South Korea should focus on one or two core priorities.",
                 "The future of U.S. Forces Korea must be addressed.",
                 "It is necessary to reduce U.S. pressure.",
                 "The alliance could consider expanding its operational scope."):
        row = _one(text)
        assert row["sentence_type"] == "recommendation", text
        assert np.isnan(row["p_point"])
    row = _one("South Korea will have to pay more.")  # a prediction that a constraint binds
    assert row["sentence_type"] == "forecast" and row["cue"] == "will"


@pytest.mark.parametrize("text, cue", [
    ("Washington agreed to reduce tariffs on South Korean imports to 15 percent.", "agreed"),
    ("The two governments concluded the agreement in October.", "concluded"),
    ("Trump announced new tariffs.", "announced"),
    ("The tariffs have been postponed for 90 days.", "have been postponed"),
    ("North Korea has rejected diplomatic overtures.", "has rejected"),
    ("Only 3,000 soldiers were withdrawn.", "were"),
    ("China is already facing multiple problems.", "is already facing"),
])
def test_reports_of_past_and_present_events(text, cue):
    row = _one(text)
    assert row["sentence_type"] == "report" and row["cue"] == cue
    assert np.isnan(row["p_low"])


def test_participles_and_adjectives_are_not_reports():
    for text in ("Advanced technologies matter.", "The challenges posed by tariffs remain.",
                 "Seoul should pursue a more diversified strategy."):
        assert _one(text)["sentence_type"] != "report", text


def test_reported_speech_is_a_report_not_the_authors_forecast():
    row = _one("Trump claimed that he could end the war in a day, but complications have emerged.")
    assert row["sentence_type"] == "report"
    row = _one("Trump has made it clear that the United States will no longer pay.")
    assert row["sentence_type"] == "report"


def test_precedence_forecast_over_report_over_recommendation():
    row = _one("The tariffs have been postponed for 90 days, but efforts must be made to resolve it.")
    assert row["sentence_type"] == "report"
    row = _one("Tariffs were cut in July, and investment will follow.")
    assert row["sentence_type"] == "forecast" and row["cue"] == "will"
    assert row["topic"] == "follow"


def test_headings_questions_and_counterfactuals_are_other():
    s = _sents(["Future Outlook", "Will Trump meet Kim?",
                "Resistance would have fought a concession.", "The core of the policy is peace."],
               headings=[True, False, False, False])
    assert classify_sentences(s)["sentence_type"].tolist() == ["other"] * 4


def test_subject_actor_and_pronoun_resolution():
    s = _sents(["President Trump met Kim in 2019.", "He will simply drop the issue."])
    out = classify_sentences(s)
    assert out.loc[1, "actor"] == "President Trump"
    assert out.loc[1, "subject"] == "President Trump: simply drop the issue"
    row = _one("As a result, the transfer of costs and burdens to allies is expected to continue.")
    assert row["actor"] == "transfer of costs and burdens to allies"
    assert row["topic"] == "continue"


def test_will_as_a_noun_and_may_as_a_month_are_not_cues():
    assert _one("The political will of Seoul is strong.")["sentence_type"] == "other"
    assert _one("The talks in May are important.")["sentence_type"] == "other"


def test_classify_keeps_rows_index_and_order():
    s = _sents(["Seoul should act.", "Tariffs were cut.", "Tariffs will rise."]).iloc[::-1]
    out = classify_sentences(s)
    assert out.index.tolist() == [2, 1, 0]
    assert out["sentence_type"].tolist() == ["forecast", "report", "recommendation"]
    assert out["cue_start"].dtype == np.int64 and out["negated"].dtype == bool


def test_bad_input_names_the_parameter():
    with pytest.raises(ValueError, match="sents.*missing"):
        classify_sentences(pd.DataFrame({"doc_id": ["d"]}))
    with pytest.raises(TypeError, match="sents must be a pandas DataFrame"):
        classify_sentences(["text"])


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Z"]), max_size=120))
def test_any_text_gives_a_valid_row(text):
    row = analyse_sentence(text)
    assert row["sentence_type"] in {"forecast", "report", "recommendation", "other"}
    if row["cue"]:
        assert text[row["cue_start"]:row["cue_end"]] == row["cue"]


def test_cue_lexicon_is_valid():
    cues = load_cues()
    assert {"cue", "pattern", "sentence_type", "cue_class", "yardstick_term", "note"} <= set(cues)
    assert (cues.loc[cues.sentence_type == "forecast", "yardstick_term"] != "").all()


# ------------------------------------------------------------------ predictions
DOCS = pd.DataFrame({"doc_id": ["d1"], "published": [pd.Timestamp("2025-03-01")],
                     "date_precision": ["month"]})


def test_predictions_columns_ids_and_horizon():
    s = _sents(["Costs will rise by 2030.", "Tariffs were cut.", "Seoul should act.",
                "Costs will rise by 2030."])
    p = predictions(s, DOCS)
    assert list(p.columns[:len(PREDICTION_COLUMNS)]) == PREDICTION_COLUMNS
    assert len(p) == 1 and p.loc[0, "n_occurrences"] == 2  # a repeated sentence is one forecast
    assert p.loc[0, "pred_id"] == pred_id("d1", "costs  will rise by 2030")
    assert p.loc[0, "horizon_start"] == pd.Timestamp("2025-03-01")
    assert p.loc[0, "horizon_end"] == pd.Timestamp("2030-12-31")
    assert p.loc[0, "horizon_precision"] == "year"


def test_pred_id_is_stable_across_row_order_and_reruns():
    s = _sents(["Costs will rise.", "Growth may stall in 2026."])
    a = predictions(s, DOCS)
    b = predictions(s.iloc[::-1], DOCS)
    assert a["pred_id"].tolist() == b["pred_id"].tolist()
    assert a["pred_id"].str.match(r"^P[0-9a-f]{10}$").all()
    assert a.loc[1, "horizon_start"] == pd.Timestamp("2026-01-01")


def test_predictions_unknown_date_and_no_forecasts():
    docs = pd.DataFrame({"doc_id": ["d1"], "published": [pd.NaT], "date_precision": [""]})
    p = predictions(_sents(["He will act next year."]), docs)
    assert pd.isna(p.loc[0, "horizon_start"]) and pd.isna(p.loc[0, "horizon_end"])
    empty = predictions(_sents(["Tariffs were cut."]), DOCS)
    assert empty.empty and list(empty.columns[:len(PREDICTION_COLUMNS)]) == PREDICTION_COLUMNS
    assert empty["horizon_end"].dtype == "datetime64[ns]"


def test_predictions_errors_name_the_problem():
    with pytest.raises(ValueError, match="not in docs"):
        predictions(_sents(["x will y."], doc="zz"), DOCS)
    with pytest.raises(ValueError, match="date_precision"):
        predictions(_sents(["x will y."]), DOCS.drop(columns="date_precision"))


# ------------------------------------------------------------------ seed evaluation
LABELS = labels_path()
# Floors a little below what the detector achieved when these tests were written (seed set:
# forecast P 0.878 R 1.000, report P 0.952 R 0.938, recommendation P 0.982 R 0.900, other P 0.961 R 0.907).
FLOORS = {"forecast": (0.85, 0.97), "report": (0.92, 0.90), "recommendation": (0.95, 0.87),
          "other": (0.92, 0.87)}


def _evaluate(docs, which):
    from briefkit.forecasts.scoring.evaluation import evaluate_detector, load_labels, match_labels
    from briefkit.corpus.text.segment import sentences

    sents = sentences(docs)
    labels = load_labels(LABELS)
    labels = match_labels(labels[labels["set"] == which], sents, docs)
    assert labels["matched"].mean() >= 0.95, labels.loc[~labels["matched"], "sentence_text"].tolist()
    keys = labels.loc[labels["matched"], ["doc_id", "sent_id"]].astype({"sent_id": "int64"})
    sub = sents.merge(keys, on=["doc_id", "sent_id"])  # classify only the labelled sentences
    return evaluate_detector(labels, classify_sentences(sub)).set_index("class")


def test_detector_meets_floors_on_hand_labelled_seed_sentences():
    from briefkit.corpus.load import load_corpus

    table = _evaluate(load_corpus(), "seed")
    for cls, (p_min, r_min) in FLOORS.items():
        assert table.at[cls, "precision"] >= p_min, (cls, table.loc[cls].to_dict())
        assert table.at[cls, "recall"] >= r_min, (cls, table.loc[cls].to_dict())


def test_detector_on_held_out_speeches():
    """60 sentences of the Irish budget debate, labelled before the detector was run on them.

    First run (before any rule change): accuracy 0.767 (Wilson 95 % 0.646-0.856); after the
    general grammar fixes it prompted: 0.900.  The floor guards against regressions.
    """
    import os

    from briefkit.corpus.load import load_corpus
    from briefkit.paths import project_root

    from datasets import IRISH as folder

    table = _evaluate(load_corpus(folder), "heldout:irish-budget-2010")
    assert table.at["all", "precision"] >= 0.85
    assert table.at["forecast", "precision"] >= 0.85 and table.at["forecast", "recall"] >= 0.9


def test_clause_offsets_pick_the_forecast_clause():
    text = "Tariffs were cut in July, and investment will follow."
    row = _one(text)
    assert text[row["clause_start"]:row["clause_end"]] == "investment will follow"
    p = predictions(_sents([text]), DOCS)
    assert p.loc[0, "clause"] == "investment will follow" and p.loc[0, "actor"] == "investment"


def test_degenerate_inputs():
    empty = _sents([]).astype({"text": "str"})
    assert classify_sentences(empty).empty
    assert predictions(empty, DOCS).empty
    with pytest.raises(ValueError, match="duplicate doc_id"):
        predictions(_sents(["x will y."]), pd.concat([DOCS, DOCS]))


# ------------------------------------------------------------------ detector_eval
def test_evaluate_detector_exact_values_and_intervals():
    from briefkit.forecasts.scoring.evaluation import confusion, evaluate_detector, wilson

    lab = pd.DataFrame({"doc_id": "d", "sent_id": range(4),
                        "label": ["forecast", "forecast", "report", "other"]})
    pred = pd.DataFrame({"doc_id": "d", "sent_id": range(4),
                         "sentence_type": ["forecast", "report", "report", "other"]})
    t = evaluate_detector(lab, pred).set_index("class")
    assert (t.at["forecast", "precision"], t.at["forecast", "recall"]) == (1.0, 0.5)
    assert (t.at["report", "precision"], t.at["report", "recall"]) == (0.5, 1.0)
    assert np.isnan(t.at["recommendation", "precision"]) and t.at["all", "precision"] == 0.75
    assert (t.at["forecast", "recall_low"], t.at["forecast", "recall_high"]) == wilson(1, 2)
    assert confusion(lab, pred).loc["forecast", "report"] == 1
    with pytest.raises(ValueError, match="labels.*missing column"):
        evaluate_detector(lab.drop(columns="label"), pred)


def test_match_labels_by_normalized_text_and_bad_labels(tmp_path):
    from briefkit.forecasts.scoring.evaluation import load_labels, match_labels

    path = tmp_path / "l.csv"
    path.write_text("# header\ndoc_file,sentence_text,label\nf.txt,Costs  WILL rise.,forecast\n"
                    "f.txt,Not there.,other\n", encoding="utf-8")
    labels = load_labels(path)
    docs = pd.DataFrame({"doc_id": ["d1"], "file": ["f.txt"]})
    m = match_labels(labels, _sents(["costs will rise."]), docs)
    assert m["matched"].tolist() == [True, False] and m.loc[0, "sent_id"] == 0
    path.write_text("doc_file,sentence_text,label\nf.txt,x,maybe\n", encoding="utf-8")
    with pytest.raises(ValueError, match="label 'maybe'"):
        load_labels(path)
