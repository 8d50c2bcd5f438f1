"""Tests for briefkit.forecasts.ledger.links: time window, similarity floor, top-k, determinism."""

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from briefkit.forecasts.ledger.links import LINK_COLUMNS, in_window, propose_links

T = pd.Timestamp
TODAY = T("2026-11-21")

PREDS = pd.DataFrame({
    "pred_id": ["p1", "p2", "p3"], "doc_id": ["a", "a", "b"],
    "subject": ["tariffs", "troops", "summit"],
    "text": ["Tariffs on Korean cars will rise.", "US troops in Korea will be cut.",
             "Trump will meet Kim Jong Un in 2021."],
    "horizon_start": [T("2025-02-01"), T("2025-02-01"), T("2020-06-01")],
    "horizon_end": [pd.NaT, T("2025-12-31"), T("2021-12-31")]})
EVENTS = pd.DataFrame({
    "event_id": ["E1", "E2", "E3", "E4", "E5"], "doc_id": ["", "", "", "", "a"],
    "text": ["US raises tariffs on Korean cars", "Report says US weighs cutting troops in Korea",
             "Trump and Kim fail to meet", "Tariffs on Korean cars announced in January",
             "Tariffs on Korean cars rose sharply"],
    "date_start": [T("2025-03-26"), T("2026-01-15"), T("2025-10-29"), T("2025-01-01"), T("2025-04-01")],
    "date_end": [T("2025-03-26"), T("2026-01-15"), T("2025-10-29"), T("2025-01-31"), T("2025-04-01")]})


def test_in_window_rules():
    assert in_window(T("2025-03-01"), T("2025-03-31"), T("2025-03-15"), T("2025-04-01"), TODAY)  # overlap
    assert not in_window(T("2025-01-01"), T("2025-01-31"), T("2025-02-01"), pd.NaT, TODAY)  # before
    assert in_window(T("2026-11-21"), T("2026-11-21"), T("2025-02-01"), pd.NaT, TODAY)  # open to today
    assert not in_window(T("2026-11-22"), T("2026-11-22"), T("2025-02-01"), pd.NaT, TODAY)  # after today
    assert not in_window(T("2025-03-01"), pd.NaT, pd.NaT, pd.NaT, TODAY)  # undated forecast


def test_links_only_within_window_and_not_own_document():
    links = propose_links(PREDS, EVENTS, today=TODAY, min_similarity=0.0, top_k=10)
    assert list(links.columns) == LINK_COLUMNS
    got = set(zip(links["pred_id"], links["event_id"]))
    # p1: E1 in window; E4 (January, before horizon) out; E5 from its own document out
    assert ("p1", "E1") in got and ("p1", "E4") not in got and ("p1", "E5") not in got
    # p2 ends 2025-12-31: E2 (2026-01-15) is outside
    assert ("p2", "E2") not in got
    # p3 window 2020-2021: nothing in it
    assert not any(p == "p3" for p, _ in got)
    ev = EVENTS.set_index("event_id")
    for rec in links.itertuples():
        p = PREDS.set_index("pred_id").loc[rec.pred_id]
        end = TODAY if pd.isna(p["horizon_end"]) else p["horizon_end"]
        assert ev.loc[rec.event_id, "date_start"] <= end
        assert ev.loc[rec.event_id, "date_end"] >= p["horizon_start"]


def test_floor_and_top_k():
    loose = propose_links(PREDS, EVENTS, today=TODAY, min_similarity=0.0, top_k=10)
    strict = propose_links(PREDS, EVENTS, today=TODAY, min_similarity=0.3, top_k=10)
    assert (strict["similarity"] >= 0.3).all() and len(strict) <= len(loose)
    one = propose_links(PREDS, EVENTS, today=TODAY, min_similarity=0.0, top_k=1)
    assert one.groupby("pred_id").size().max() == 1
    assert (one["rank"] == 1).all()
    best = loose.sort_values(["pred_id", "similarity"], ascending=[True, False]).groupby("pred_id").head(1)
    assert one["event_id"].tolist() == best["event_id"].tolist()


def test_best_match_first():
    links = propose_links(PREDS, EVENTS, today=TODAY)
    assert links[links["pred_id"] == "p1"]["event_id"].iloc[0] == "E1"


def test_deterministic_and_order_independent():
    a = propose_links(PREDS, EVENTS, today=TODAY, min_similarity=0.0)
    b = propose_links(PREDS.iloc[::-1], EVENTS.iloc[::-1], today=TODAY, min_similarity=0.0)
    pd.testing.assert_frame_equal(a, b)
    again = propose_links(PREDS, EVENTS, today=TODAY, min_similarity=0.0)
    assert a.to_csv(index=False) == again.to_csv(index=False)


def test_empty_inputs_give_empty_table():
    assert propose_links(PREDS.iloc[:0], EVENTS, today=TODAY).empty
    assert list(propose_links(PREDS, EVENTS.iloc[:0], today=TODAY).columns) == LINK_COLUMNS


@pytest.mark.parametrize("kwargs,match", [({"top_k": 0}, "top_k"),
                                          ({"min_similarity": 1.5}, "min_similarity"),
                                          ({"today": pd.NaT}, "today")])
def test_bad_parameters_named(kwargs, match):
    args = {"today": TODAY, **kwargs}
    with pytest.raises(ValueError, match=match):
        propose_links(PREDS, EVENTS, **args)


def test_missing_column_named():
    with pytest.raises(KeyError, match="subject"):
        propose_links(PREDS.drop(columns="subject"), EVENTS, today=TODAY)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 800), st.integers(0, 60)), min_size=1, max_size=6),
       st.integers(0, 800), st.one_of(st.none(), st.integers(0, 400)))
def test_window_invariant(events, h_start, h_len):
    base = T("2024-01-01")
    evs = pd.DataFrame({"event_id": [f"E{i}" for i in range(len(events))], "doc_id": "",
                        "text": ["tariffs on cars"] * len(events),
                        "date_start": [base + pd.Timedelta(days=s) for s, _ in events],
                        "date_end": [base + pd.Timedelta(days=s + d) for s, d in events]})
    h0 = base + pd.Timedelta(days=h_start)
    h1 = pd.NaT if h_len is None else h0 + pd.Timedelta(days=h_len)
    preds = pd.DataFrame({"pred_id": ["p"], "doc_id": ["a"], "subject": ["tariffs"],
                          "text": ["tariffs on cars will rise"], "horizon_start": [h0], "horizon_end": [h1]})
    today = base + pd.Timedelta(days=700)
    links = propose_links(preds, evs, today=today, min_similarity=0.0, top_k=len(events))
    expected = {f"E{i}" for i, (s, d) in enumerate(events)
                if in_window(base + pd.Timedelta(days=s), base + pd.Timedelta(days=s + d), h0, h1, today)}
    assert set(links["event_id"]) == expected


def test_assign_lanes_link_then_similar_event_then_none():
    from briefkit.forecasts.ledger.links import assign_lanes
    evs = EVENTS.assign(category=["trade", "USFK", "North Korea", "trade", ""])
    preds = PREDS.assign(subject=["tariffs: rise", "US troops: cut", "Zeus: thunder"],
                         text=["Tariffs on Korean cars will rise.", "US troops in Korea will be cut.",
                               "Zeus will thunder."])
    lanes = assign_lanes(preds, evs).set_index("pred_id")
    assert (lanes.loc["p1", "lane"], lanes.loc["p1", "lane_source"]) == ("trade", "similar event")
    assert lanes.loc["p2", "lane"] == "USFK"
    assert (lanes.loc["p3", "lane"], lanes.loc["p3", "lane_source"]) == ("(no matching category)", "none")
    links = pd.DataFrame({"pred_id": ["p3", "p3"], "event_id": ["E5", "E3"], "rank": [1, 2]})
    linked = assign_lanes(preds, evs, links=links).set_index("pred_id")  # E5 has no category: E3 used
    assert (linked.loc["p3", "lane"], linked.loc["p3", "lane_source"]) == ("North Korea", "link")
    no_ledger = assign_lanes(preds, EVENTS).set_index("pred_id")
    assert no_ledger["lane"].tolist() == ["a", "a", "b"] and (no_ledger["lane_source"] == "document").all()


def test_links_and_lanes_by_policy_area():
    from briefkit.forecasts.ledger.links import add_cited_links, propose_links, target_lanes
    from briefkit.stance.targets import load_targets

    T = pd.Timestamp
    targets = load_targets()
    preds = pd.DataFrame({"pred_id": ["p1", "p2"], "doc_id": ["a", "a"], "subject": ["", ""],
                          "text": ["A Trump deal with North Korea would meet fierce resistance.",
                                   "NATO will assume greater responsibility for deterring Russia."],
                          "horizon_start": [T("2025-02-01")] * 2, "horizon_end": [pd.NaT] * 2})
    evs = pd.DataFrame({"event_id": ["E1", "E2"], "doc_id": ["", ""],
                        "text": ["Trump-Putin talks on a Ukraine deal meet resistance",
                                 "Trump says he hopes to meet Kim Jong Un; no North Korea deal"],
                        "category": ["Ukraine", "North Korea"],
                        "date_start": [T("2025-03-18"), T("2025-10-29")],
                        "date_end": [T("2025-03-18"), T("2025-10-29")]})
    words_only = propose_links(preds, evs, today=T("2026-01-01"), min_similarity=0.01)
    assert "E1" in set(words_only.loc[words_only["pred_id"] == "p1", "event_id"])  # shared words
    by_target = propose_links(preds, evs, today=T("2026-01-01"), min_similarity=0.01, targets=targets)
    assert by_target.loc[by_target["pred_id"] == "p1", "event_id"].tolist() == ["E2"]
    lanes = target_lanes(preds, targets)
    assert lanes["lane"].tolist()[0].startswith("North Korea")
    cited = add_cited_links(by_target, pd.DataFrame({"pred_id": ["p2"], "note": ["NATO summit (E1)"]}),
                            evs.assign(event_id=["E001", "E002"]), preds)
    assert cited.empty or "E001" not in set(cited["event_id"])  # ids must exist in the ledger
    cited = add_cited_links(by_target, pd.DataFrame({"pred_id": ["p2"], "note": ["NATO summit (E001)"]}),
                            evs.assign(event_id=["E001", "E002"]), preds)
    assert ("p2", "E001", "cited") in set(zip(cited["pred_id"], cited["event_id"], cited["link_source"]))
