"""Tests for briefkit.forecasts.ledger.events: curated ledger validation, extraction, combination."""

from pathlib import Path

import pandas as pd
import pytest

from briefkit.errors import CorpusError
from briefkit.forecasts.ledger.events import (EVENT_COLUMNS, date_interval, events_table, extract_events, load_ledger,
                                              read_ledger)

T = pd.Timestamp
HEADER = "event_id,date,date_precision,description,category,source,note\n"


def write(tmp_path, text, name="events.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_date_interval_each_precision():
    assert date_interval("2025-03-26", "day") == (T("2025-03-26"), T("2025-03-26"))
    assert date_interval("2025-02", "month") == (T("2025-02-01"), T("2025-02-28"))
    assert date_interval("2024", "year") == (T("2024-01-01"), T("2024-12-31"))


@pytest.mark.parametrize("date,prec", [("2025-02-30", "day"), ("2025-13", "month"), ("2025-01", "day"),
                                       ("2025-01-01", "month"), ("25", "year"), ("2025", "week")])
def test_date_interval_rejects(date, prec):
    with pytest.raises(ValueError):
        date_interval(date, prec)


def test_read_ledger_ok_sorted_with_intervals(tmp_path):
    p = write(tmp_path, HEADER + "E2,2025-07,month,Deal,trade,https://b,\n"
              "E1,2024-11-04,day,Signed,alliance,https://a,n\n")
    led = read_ledger(p)
    assert led["event_id"].tolist() == ["E1", "E2"]
    assert led["date_end"].tolist() == [T("2024-11-04"), T("2025-07-31")]


def test_read_ledger_note_optional(tmp_path):
    p = write(tmp_path, "event_id,date,date_precision,description,category,source\nE1,2025,year,x,c,s\n")
    assert read_ledger(p)["note"].tolist() == [""]


def test_read_ledger_reports_every_problem_with_file_and_row(tmp_path):
    p = write(tmp_path, HEADER + "E1,2025-07-01,day,ok,c,s,\nE1,2025-07,day,dup,c,s,\n,2025,decade,,c,s,\n")
    with pytest.raises(CorpusError) as err:
        read_ledger(p, label="events.csv")
    msg = str(err.value)
    assert "events.csv: row 3: conflicts with row 2 (event_id 'E1'): date '2025-07-01' there, '2025-07' here" in msg
    assert "events.csv: row 3: date '2025-07' does not match date_precision 'day'" in msg
    assert "events.csv: row 4: empty event_id" in msg
    assert "events.csv: row 4: empty description" in msg
    assert "row 4: date_precision 'decade' is not one of 'day', 'month', 'year'" in msg


def test_read_ledger_missing_column(tmp_path):
    p = write(tmp_path, "event_id,date\nE1,2025\n")
    with pytest.raises(CorpusError, match="missing column"):
        read_ledger(p)


def test_load_ledger_absent_is_empty(tmp_path):
    led = load_ledger(tmp_path)
    assert led.empty and "date_start" in led.columns


def test_load_ledger_refuses_symlink_outside(tmp_path):
    outside = tmp_path / "outside.csv"
    outside.write_text(HEADER)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "events.csv").symlink_to(outside)
    with pytest.raises(CorpusError, match="symbolic link"):
        load_ledger(corpus)


def test_shipped_ledger_validates():
    from briefkit.paths import project_root
    path = project_root() / "corpus" / "events.csv"
    if not path.exists():
        pytest.skip("corpus/events.csv not present")
    led = read_ledger(path)
    assert led["event_id"].is_unique and len(led) > 0


def fake_timex(text, *, anchor=None, anchor_precision=""):
    rows = []
    if "July" in text:
        rows.append({"start": 0, "end": 4, "text": "July", "kind": "date", "date_start": T("2025-07-01"),
                     "date_end": T("2025-07-31"), "precision": "month", "resolved": True})
    if "Monday" in text:
        rows.append({"start": 0, "end": 6, "text": "Monday", "kind": "date", "date_start": T("2025-08-25"),
                     "date_end": T("2025-08-25"), "precision": "day", "resolved": True})
    if "2030" in text:
        rows.append({"start": 0, "end": 4, "text": "2030", "kind": "date", "date_start": T("2030-01-01"),
                     "date_end": T("2030-12-31"), "precision": "year", "resolved": True})
    if "last decade" in text:
        rows.append({"start": 0, "end": 4, "text": "over the last decade", "kind": "window",
                     "date_start": T("2015-08-26"), "date_end": T("2025-08-26"), "precision": "day",
                     "resolved": True})
    if "someday" in text:
        rows.append({"start": 0, "end": 7, "text": "someday", "kind": "date", "date_start": pd.NaT,
                     "date_end": pd.NaT, "precision": "", "resolved": False})
    return pd.DataFrame(rows, columns=["start", "end", "text", "kind", "date_start", "date_end",
                                       "precision", "resolved"])


SENTS = pd.DataFrame({
    "doc_id": ["n", "n", "n", "n", "n"], "sent_id": [0, 1, 2, 3, 4], "start": [0, 30, 80, 120, 160],
    "end": [29, 79, 119, 159, 200], "is_heading": [False, False, False, False, True],
    "text": ["In July the deal came, on Monday they met.", "Tariffs will rise in July.",
             "Plans for 2030 were announced.", "It happens someday.", "July heading"],
    "sentence_type": ["report", "forecast", "report", "report", "report"]})
DOCS = pd.DataFrame({"doc_id": ["n"], "published": [T("2025-08-26")], "date_precision": ["day"]})


def test_extract_events_rules():
    ev = extract_events(SENTS, DOCS, find_time_expressions=fake_timex)
    # every sentence type dates events (the forecast's past July too); the future date, the
    # unresolved expression and the heading give none
    assert ev["sentence_type"].tolist() == ["report", "forecast"]
    row = ev.iloc[0]
    assert (row["doc_id"], row["start"], row["end"]) == ("n", 0, 29)
    assert row["date_precision"] == "day" and row["date_start"] == T("2025-08-25")  # most precise wins
    assert row["source"] == "text:n" and row["event_id"].startswith("X")
    assert list(ev.columns[:len(EVENT_COLUMNS)]) == EVENT_COLUMNS


def test_extract_events_keeps_future_when_asked_and_ids_stable():
    a = extract_events(SENTS, DOCS, find_time_expressions=fake_timex, past_only=False)
    assert len(a) == 3
    shifted = SENTS.assign(start=SENTS["start"] + 5, end=SENTS["end"] + 5, sent_id=SENTS["sent_id"] + 1)
    b = extract_events(shifted, DOCS, find_time_expressions=fake_timex, past_only=False)
    assert a["event_id"].tolist() == b["event_id"].tolist()  # ids do not depend on position


def test_extract_events_ignores_long_periods_and_names_precision():
    sents = pd.DataFrame({"doc_id": ["n", "n"], "sent_id": [0, 1], "start": [0, 50], "end": [40, 90],
                          "text": ["Over the last decade tariffs rose.",
                                   "Over the last decade, in July, talks failed."],
                          "sentence_type": ["report", "report"]})
    ev = extract_events(sents, DOCS, find_time_expressions=fake_timex)
    assert ev["start"].tolist() == [50]  # the decade alone is a window, not an event
    assert ev["date_precision"].tolist() == ["month"] and ev["time_text"].tolist() == ["July"]
    assert len(extract_events(sents, DOCS, find_time_expressions=fake_timex, max_span_days=4000)) == 1
    short = extract_events(sents, DOCS, find_time_expressions=fake_timex, max_span_days=10)
    assert short.empty  # July spans 31 days


def test_extract_events_needs_classified_sentences():
    with pytest.raises(KeyError, match="sentence_type"):
        extract_events(SENTS.drop(columns="sentence_type"), DOCS, find_time_expressions=fake_timex)


def test_events_table_combines_and_rejects_clashing_ids(tmp_path):
    led = read_ledger(write(tmp_path, HEADER + "E1,2025-07-30,day,Deal,trade,https://x,\n"))
    ext = extract_events(SENTS, DOCS, find_time_expressions=fake_timex)
    table = events_table(led, ext)
    assert sorted(table["event_id"]) == sorted(["E1", *ext["event_id"]])
    cur = table.set_index("event_id").loc["E1"]
    assert cur["doc_id"] == "" and pd.isna(cur["start"]) and cur["sentence_type"] == ""
    assert cur["text"] == "Deal" and cur["source"] == "https://x"
    with pytest.raises(ValueError, match="both"):
        events_table(led, ext.assign(event_id="E1"))


def test_events_table_empty():
    led = load_ledger("/nonexistent-corpus-folder-for-test")
    table = events_table(led, None)
    assert table.empty and list(table.columns[:len(EVENT_COLUMNS)]) == EVENT_COLUMNS


def test_trailing_comma_is_reported_not_shifted(tmp_path):
    p = tmp_path / "events.csv"
    p.write_text(HEADER + "E1,2025-07,month,Tariff deal,trade,src,ok,\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="row 2: has 8 cells but the header has 7"):
        read_ledger(p)


def test_row_numbers_count_blank_lines(tmp_path):
    p = tmp_path / "events.csv"
    p.write_text(HEADER + "\nE1,2025-13,month,Tariff deal,trade,src\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="row 3"):
        read_ledger(p)


# Sentences written for this test and bench_timex.py (not from the seeds), dated by hand before the
# extractor ran: (sentence, publication date, expected time_text, expected date_start, expected date_end)
# This test takes the first eight (the spans and ranges issue 14 names); the benchmark all of them.
LABELLED = [tuple(r) for r in pd.read_csv(Path(__file__).parent / "data" / "timex_labels.csv", comment="#",
                                          dtype=str).itertuples(index=False)][:8]


@pytest.mark.parametrize("text,published,time_text,ds,de", LABELLED)
def test_events_from_every_sentence_at_their_precision(text, published, time_text, ds, de):
    from briefkit.forecasts.detection.detect import classify_sentences

    sents = classify_sentences(pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [0],
                                             "end": [len(text)], "text": [text]}))
    docs = pd.DataFrame({"doc_id": ["d"], "published": [T(published)], "date_precision": ["day"]})
    ev = extract_events(sents, docs)
    assert time_text in ev["time_text"].tolist(), ev[["time_text", "text"]].values.tolist()
    row = ev.set_index("time_text").loc[time_text]
    assert (row["date_start"], row["date_end"]) == (T(ds), T(de))


def test_future_dates_in_modal_clauses_are_no_events():
    text = "South Korea should act before the 2026 midterm elections, and tariffs will rise by 2030."
    sents = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [0], "end": [len(text)],
                          "text": [text], "sentence_type": ["recommendation"]})
    docs = pd.DataFrame({"doc_id": ["d"], "published": [T("2025-03-01")], "date_precision": ["day"]})
    assert extract_events(sents, docs).empty
