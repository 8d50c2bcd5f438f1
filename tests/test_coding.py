"""Tests for briefkit.stance.coding and .reliability: strict reading, overrides, orphans, alpha."""

import pandas as pd
import pytest

from briefkit.errors import CorpusError

from briefkit.stance.coding import (CODE_COLUMNS, CodesError, apply_codes, coding_template, final_codes,
                                    read_codes)
from briefkit.stance.reliability import (agreement, confusion, cross_validated_classifier,
                                         reliability_table)
from datasets import ROOT

HEADER = ",".join(CODE_COLUMNS) + "\n"


def _mentions():
    return pd.DataFrame({"doc_id": ["a", "a", "b"], "start": [0, 10, 0], "end": [9, 30, 12],
                         "target": ["x", "x", "y"], "stance_auto": [0, 1, -1],
                         "holder_auto": ["none", "author", "author"], "text": ["t1", "t2", "t3"],
                         "cues": ["", "good", "bad"], "rule": ["r"] * 3, "spans": ["0-1"] * 3})


def test_read_codes_missing_default_is_empty(tmp_path):
    assert read_codes(corpus=tmp_path).empty
    assert read_codes(corpus=tmp_path).columns.tolist() == CODE_COLUMNS
    with pytest.raises(CodesError, match="does not exist"):
        read_codes(tmp_path / "nope.csv")


def test_read_codes_names_file_row_and_every_problem(tmp_path):
    p = tmp_path / "stance_codes.csv"
    p.write_text(HEADER + "a,0,9,x,1,author,k,ok\n"
                 "a,9,3,x,2,boss,k,\n"
                 "a,0,9,x,-1,author,k,again\n"
                 ",0,5,y,0,none,,\n", encoding="utf-8")
    with pytest.raises(CodesError) as err:
        read_codes(p)
    msg = str(err.value)
    assert isinstance(err.value, CorpusError)
    assert "stance_codes.csv: row 3: start 9 must be below end 3" in msg
    assert "row 3: stance '2' is not one of -1, 0, 1" in msg
    assert "row 3: holder 'boss' is not one of 'author', 'other', 'none'" in msg
    assert ("row 4: conflicts with row 2 (doc_id 'a', start 0, end 9, target 'x', coder 'k'): "
            "stance 1 there, -1 here") in msg
    assert "row 5: empty doc_id" in msg and "row 5: empty coder" in msg
    p.write_text(HEADER + "a,-4,9,x,1,author,k,\na,0,9,x,1,author,k,\na,0,9,x,1,author,k,\n", encoding="utf-8")
    with pytest.raises(CodesError) as err:
        read_codes(p)
    assert [str(q) for q in err.value.problems] == [
        "stance_codes.csv: row 2: start must be a character offset (an integer >= 0), got -4",
        "stance_codes.csv: row 4: repeats row 3 (doc_id 'a', start 0, end 9, target 'x', coder 'k')"]
    p.write_text("doc_id,start\n", encoding="utf-8")
    with pytest.raises(CodesError, match="row 1: missing column.s. 'end', 'target'"):
        read_codes(p)


def test_codes_override_and_orphans_are_reported():
    codes = pd.DataFrame([("a", 0, 9, "x", -1, "author", "k", "n"), ("a", 50, 60, "x", 1, "author", "k", "n"),
                          ("z", 0, 5, "x", 1, "author", "k", "n")], columns=CODE_COLUMNS)
    out, orphans = apply_codes(_mentions(), codes)
    assert out["stance"].tolist() == [-1, 1, -1]
    assert out["source"].tolist() == ["coded", "suggested", "suggested"]
    assert orphans[["doc_id", "start"]].values.tolist() == [["a", 50], ["z", 0]]
    assert orphans["reason"].str.startswith("no mention").tolist() == [True, False]
    tpl = coding_template(out)
    assert tpl[["doc_id", "start", "stance", "coder"]].values.tolist() == [["a", 10, 1, ""], ["b", 0, -1, ""]]


def test_final_codes_majority_then_first_coder():
    c = pd.DataFrame([("a", 0, 9, "x", 1, "author", "k2", ""), ("a", 0, 9, "x", -1, "author", "k1", "")],
                     columns=CODE_COLUMNS)
    assert final_codes(c)[["stance", "coder", "n_coders"]].values.tolist() == [[-1, "k1", 2]]


def test_nominal_alpha_matches_krippendorff_published_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section A: binary data,
    # two observers, ten units, no missing values: alpha = 0.095.
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    alpha, same = agreement(a, b)
    assert round(alpha, 3) == 0.095 and same == 0.6


def test_agreement_and_confusion_values():
    alpha, same = agreement([1, 0, -1, 0, 1, 0], [1, 0, -1, 0, 0, 0])
    assert (round(alpha, 3), round(same, 3)) == (0.732, 0.833)
    assert confusion([1, 0, 0], [1, 1, 0]).values.tolist() == [[0, 0, 0], [0, 1, 1], [0, 0, 1]]
    assert pd.isna(agreement([0, 0], [0, 0])[0])  # one value only: undefined, not 1


def test_reliability_table_two_coders_per_target():
    m = _mentions()
    codes = pd.DataFrame([("a", 0, 9, "x", 0, "none", "k1", ""), ("a", 10, 30, "x", 1, "author", "k1", ""),
                          ("a", 0, 9, "x", 0, "none", "k2", ""), ("a", 10, 30, "x", -1, "author", "k2", "")],
                         columns=CODE_COLUMNS)
    rel = reliability_table(m, codes)
    assert rel["comparison"].unique().tolist() == ["annotator vs k1", "annotator vs k2", "k1 vs k2"]
    row = rel[(rel["comparison"] == "k1 vs k2") & (rel["target"] == "x")].iloc[0]
    assert (row["n"], row["pct_identical"], row["status"]) == (2, 0.5, "too few mentions (2 < 5)")


def test_classifier_needs_codes_and_cross_validates():
    m = _mentions().assign(source="coded", stance=[0, 1, -1])
    assert cross_validated_classifier(m)["status"].startswith("too few coded mentions")
    big = pd.concat([m] * 20, ignore_index=True)
    big["text"] = [f"{t} {i % 3}" for i, t in enumerate(big["text"])]
    res = cross_validated_classifier(big, seed=0)
    assert res["status"] == "ok" and res["folds"] == 5 and len(res["cv"]) == 60


def test_seed_corpus_codes_are_complete_and_annotated():
    codes = read_codes(corpus=ROOT / "corpus")
    assert len(codes) == 248 and codes["coder"].unique().tolist() == ["analyst-1"]
    nonzero = codes[codes["stance"] != 0]
    assert nonzero["note"].str.len().gt(10).all() and (nonzero["holder"] == "author").all()
