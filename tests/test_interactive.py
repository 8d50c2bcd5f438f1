"""The interactive explorers: real inputs, empty inputs, missing columns, untrusted text."""

from __future__ import annotations

import pandas as pd
import pytest

from briefkit.errors import MissingColumnsError
from briefkit.forecasts.figures.interactive import FORECAST_FIELDS, explore_forecasts
from briefkit.stance.interactive import STANCE_FIELDS, explore_stance
from briefkit.topics.interactive import TOPIC_FIELDS, explore_topics

BAD = "<script>alert(1)</script>"


def _preds():
    return pd.DataFrame({
        "doc_id": ["d1", "d2", "d3"], "pred_id": ["P1", "P2", "P3"], "text": [BAD, "b", "c"],
        "horizon_start": pd.to_datetime(["2025-01-01", None, "2025-03-01"]),
        "horizon_end": pd.to_datetime([None, "2025-05-01", "2025-02-01"]),
        "published": pd.to_datetime(["2024-12-01", "2025-01-15", "2025-01-01"]),
        "p_point": [0.8, None, 0.2], "outcome": ["pending", "happened", "happened"], "lane": ["a", "b", "b"]})


def test_forecasts_bars_span_horizons_and_link_events():
    links = pd.DataFrame({"pred_id": ["P2"], "event_id": ["E1"]})
    events = pd.DataFrame({"event_id": ["E1"], "date_start": pd.to_datetime(["2025-04-01"]),
                           "description": ["Tariffs <b>rose</b>"], "category": ["trade"]})
    groups = pd.DataFrame({"doc_id": ["d1", "d2", "d3"], "group": ["Kim", "Lee", "Lee"]})
    fig = explore_forecasts(_preds(), links=links, events=events, groups=groups, today="2025-06-01")
    bars = {t.name: t for t in fig.figure.data}
    assert set(bars) == {"happened", "pending", "reported event"}
    pending = bars["pending"]
    assert pending.base[0].startswith("2025-01-01") and pending.x[0] == pytest.approx(151 * 86_400_000)
    happened = dict(zip([row[1] for row in bars["happened"].customdata], bars["happened"].customdata))
    assert happened["P2"][FORECAST_FIELDS.index("linked events")] == "E1 Tariffs &lt;b&gt;rose&lt;/b&gt;"
    assert happened["P2"][FORECAST_FIELDS.index("probability")] == ""
    assert happened["P3"][FORECAST_FIELDS.index("horizon")] == "2025-03-01 – 2025-03-01"  # end before start
    assert pending.customdata[0][-1] == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert bars["reported event"].meta == "bk-fixed"  # events stay visible whatever the filters
    assert fig.filters == {"group": 2, "lane": 3, "outcome": 4}


def test_explorers_accept_empty_tables():
    empty_preds = _preds().iloc[:0]
    assert len(explore_forecasts(empty_preds).figure.data) == 0
    empty_mentions = pd.DataFrame(columns=["doc_id", "target", "text", "score"])
    assert len(explore_stance(empty_mentions).figure.data) == 0
    empty_shares = pd.DataFrame(columns=["doc_id", "topic_id", "share"])
    assert len(explore_topics(empty_shares).figure.data) == 0


def test_explorers_name_missing_columns():
    with pytest.raises(MissingColumnsError, match="predictions"):
        explore_forecasts(pd.DataFrame({"doc_id": ["d"]}))
    with pytest.raises(MissingColumnsError, match="stance mentions"):
        explore_stance(pd.DataFrame({"doc_id": ["d"], "target": ["t"], "text": ["x"]}))
    with pytest.raises(MissingColumnsError, match="topic shares"):
        explore_topics(pd.DataFrame({"doc_id": ["d"]}))


def test_stance_points_by_group_with_sign_and_cues():
    m = pd.DataFrame({"doc_id": ["d1", "d1", "d2"], "sent_id": [1, 2, 1], "start": [0, 10, 0],
                      "end": [9, 20, 5], "target": ["tariffs", "china", "china"], "label": ["Tariffs", "China", "China"],
                      "text": [BAD, "ok", "fine"], "score": [-0.5, 0.0, 0.6], "matched": ["tariff", "China", "PRC"]})
    groups = pd.DataFrame({"doc_id": ["d1", "d2"], "group": ["Kim", "Lee"]})
    fig = explore_stance(m, groups=groups)
    rows = {r[0] + str(r[1]): r for t in fig.figure.data for r in t.customdata}
    assert [t.name for t in fig.figure.data] == ["Kim", "Lee"]
    assert rows["d11"][STANCE_FIELDS.index("stance")] == "negative"
    assert rows["d12"][STANCE_FIELDS.index("stance")] == "neutral"
    assert rows["d21"][STANCE_FIELDS.index("score")] == "+0.60"
    assert rows["d11"][STANCE_FIELDS.index("offsets")] == "0–9"
    assert rows["d11"][STANCE_FIELDS.index("sentence")].startswith("&lt;script&gt;")


def test_topics_cells_carry_their_best_passage():
    shares = pd.DataFrame({"doc_id": ["d1", "d1", "d2"], "topic_id": [1, 2, 1], "share": [0.7, 0.3, 1.0],
                           "ci_low": [0.6, 0.2, None], "ci_high": [0.8, 0.4, None]})
    passages = pd.DataFrame({"topic_id": [1, 1], "doc_id": ["d1", "d1"], "rank": [2, 1], "start": [50, 0],
                             "end": [60, 10], "text": ["second", BAD]})
    labels = pd.DataFrame({"topic_id": [1, 2], "label": ["trade / tariffs", "china"]})
    fig = explore_topics(shares, passages=passages, labels=labels)
    rows = {(r[0], r[2]): r for r in fig.figure.data[0].customdata}
    cell = rows[("d1", "T1 trade / tariffs")]
    assert cell[TOPIC_FIELDS.index("interval")] == "0.60–0.80"
    assert cell[TOPIC_FIELDS.index("passage offsets")] == "0–10"  # rank 1 wins
    assert cell[TOPIC_FIELDS.index("passage")].startswith("&lt;script&gt;")
    assert rows[("d2", "T1 trade / tariffs")][TOPIC_FIELDS.index("interval")] == ""


def test_large_inputs_are_capped_so_the_page_stays_small():
    shares = pd.DataFrame({"doc_id": [f"d{i:05d}" for i in range(1000)], "topic_id": 1, "share": 1.0})
    fig = explore_topics(shares, max_documents=50)
    assert len(fig.figure.data[0].customdata) == 50 and "50 of 1000 documents" in fig.figure.layout.title.text
    m = pd.DataFrame({"doc_id": "d", "target": "t", "text": ["x " * 1000] * 3000, "score": 0.1})
    fig = explore_stance(m)
    assert sum(len(t.customdata) for t in fig.figure.data) == 2000
    assert len(fig.to_html(include_library=False)) < 3_000_000
