"""Tests for briefkit.forecasts.ledger.outcomes: validation, attach, orphans, and sync that never loses analyst entries."""

import string

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from briefkit.errors import CorpusError
from briefkit.forecasts.ledger.outcomes import (OUTCOMES, attach_outcomes, load_outcomes, orphan_outcomes, read_outcomes,
                                                sync_outcomes)

HEADER = "pred_id,outcome,resolved_on,note\n"


def write(tmp_path, text, name="outcomes.csv"):
    p = tmp_path / name
    p.write_bytes(text.encode("utf-8"))
    return p


def test_read_valid_normalises_outcome_case(tmp_path):
    p = write(tmp_path, HEADER + "P1, Did  Not Happen ,2025-07,E031\nP2,pending,,\n")
    out = read_outcomes(p)
    assert out["outcome"].tolist() == ["did not happen", "pending"]
    assert out["resolved_on"].tolist() == ["2025-07", ""]


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_every_allowed_outcome_accepted(tmp_path, outcome):
    assert read_outcomes(write(tmp_path, HEADER + f"P1,{outcome},,\n"))["outcome"].tolist() == [outcome]


def test_invalid_file_names_file_and_rows(tmp_path):
    p = write(tmp_path, HEADER + "P1,happend,,\nP2,happened,2025-02-30,\nP1,pending,,\n,pending,,\n")
    with pytest.raises(CorpusError) as err:
        read_outcomes(p, label="outcomes.csv")
    msg = str(err.value)
    assert "outcomes.csv: row 2: outcome 'happend' is not one of" in msg
    assert "outcomes.csv: row 3: resolved_on '2025-02-30' is not a date: there is no day 30 in 2025-02" in msg
    assert "outcomes.csv: row 4: conflicts with row 2 (pred_id 'P1'): outcome 'happend' there, 'pending' here" in msg
    assert "outcomes.csv: row 5: empty pred_id" in msg


def test_missing_columns_named(tmp_path):
    with pytest.raises(CorpusError, match=r"row 1: missing column\(s\) 'outcome'"):
        read_outcomes(write(tmp_path, "pred_id,note\nP1,x\n"))


def test_absent_and_empty_files_are_empty_tables(tmp_path):
    assert read_outcomes(tmp_path / "nope.csv").empty
    assert read_outcomes(write(tmp_path, "")).empty
    assert load_outcomes(tmp_path).empty


def test_attach_defaults_to_pending():
    preds = pd.DataFrame({"pred_id": ["a", "b"], "outcome": ["stale", "stale"]})
    outs = pd.DataFrame({"pred_id": ["b"], "outcome": ["annulled"], "resolved_on": ["2020-11"],
                         "note": ["x"]})
    got = attach_outcomes(preds, outs)
    assert got["outcome"].tolist() == ["pending", "annulled"]
    assert got["note"].tolist() == ["", "x"]


def test_orphans_reported_with_row():
    outs = pd.DataFrame({"pred_id": ["a", "gone", "b"], "outcome": ["pending"] * 3, "resolved_on": "",
                         "note": ""})
    orph = orphan_outcomes(outs, pd.DataFrame({"pred_id": ["a", "b"]}))
    assert orph[["row", "pred_id"]].values.tolist() == [[3, "gone"]]


def test_sync_without_write_changes_nothing(tmp_path):
    p = write(tmp_path, HEADER + "old,happened,2025,kept\n")
    before = p.read_bytes()
    res = sync_outcomes(pd.DataFrame({"pred_id": ["new", "old"]}), p)
    assert p.read_bytes() == before and not res.written
    assert res.new["pred_id"].tolist() == ["new"]
    assert res.outcomes["pred_id"].tolist() == ["old", "new"]
    assert res.orphans.empty


def test_sync_write_appends_only(tmp_path):
    # odd column order, CRLF line ends, no final line end
    text = "note,outcome,pred_id\r\n\"keep, this\",happened,old\r\nx,partly,gone"
    p = write(tmp_path, text)
    res = sync_outcomes(pd.DataFrame({"pred_id": ["old", "b_new", "a_new"]}), p, write=True)
    data = p.read_bytes()
    assert data.startswith(text.encode()) and res.written
    assert data[len(text):] == b"\r\n,pending,a_new\r\n,pending,b_new\r\n"
    assert res.orphans["pred_id"].tolist() == ["gone"]
    again = sync_outcomes(pd.DataFrame({"pred_id": ["old", "b_new", "a_new"]}), p, write=True)
    assert not again.written and p.read_bytes() == data  # rerun is a no-op


def test_sync_creates_missing_file(tmp_path):
    p = tmp_path / "outcomes.csv"
    sync_outcomes(pd.DataFrame({"pred_id": ["x"]}), p, write=True)
    assert p.read_text() == HEADER + "x,pending,,\n"


def test_sync_refuses_invalid_file(tmp_path):
    p = write(tmp_path, HEADER + "P1,maybe,,\n")
    with pytest.raises(CorpusError, match="row 2"):
        sync_outcomes(pd.DataFrame({"pred_id": ["P2"]}), p, write=True)
    assert p.read_text() == HEADER + "P1,maybe,,\n"


ids = st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=6)
notes = st.text(alphabet=string.ascii_letters + " ,\"'é;", max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(ids, st.sampled_from(OUTCOMES), notes), max_size=8, unique_by=lambda t: t[0]),
       st.lists(ids, max_size=8), st.booleans())
def test_rerun_keeps_every_analyst_entry(tmp_path, existing, current, final_newline):
    p = tmp_path / "outcomes.csv"
    df = pd.DataFrame(existing, columns=["pred_id", "outcome", "note"]).assign(resolved_on="")
    text = df[["pred_id", "outcome", "resolved_on", "note"]].to_csv(index=False, lineterminator="\n")
    if not final_newline:
        text = text.rstrip("\n")
    p.write_text(text, encoding="utf-8")
    before = p.read_bytes()
    original = read_outcomes(p)
    preds = pd.DataFrame({"pred_id": current})
    for _ in range(2):  # two reruns
        res = sync_outcomes(preds, p, write=True)
    after = read_outcomes(p)
    assert p.read_bytes().startswith(before)
    pd.testing.assert_frame_equal(after.iloc[:len(original)].reset_index(drop=True), original)
    assert set(after["pred_id"]) == set(original["pred_id"]) | set(current)
    assert (after.iloc[len(original):]["outcome"] == "pending").all()
    assert set(res.orphans["pred_id"]) == set(original["pred_id"]) - set(current)
    p.unlink()


def test_shipped_seed_outcomes_match_current_forecasts():
    """Every row of the shipped corpus/outcomes.csv names a forecast the detector finds today."""
    from briefkit.paths import project_root
    root = project_root() / "corpus"
    if not (root / "manifest.csv").exists() or not (root / "outcomes.csv").exists():
        pytest.skip("corpus/manifest.csv or corpus/outcomes.csv not present")
    try:
        from briefkit.corpus.load import load_corpus
        from briefkit.forecasts.detection.predict import predictions
        from briefkit.corpus.text.segment import sentences
        import briefkit.forecasts.timex.find  # noqa: F401 - predictions() needs it
    except ImportError as err:
        pytest.skip(f"forecast pipeline not available yet: {err}")
    docs = load_corpus(root)
    preds = predictions(sentences(docs), docs)
    res = sync_outcomes(preds, root / "outcomes.csv", write=False, label="corpus/outcomes.csv")
    orphans = res.orphans["pred_id"].tolist()
    assert not orphans, f"outcomes.csv rows without a current forecast: {orphans}"
