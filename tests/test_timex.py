import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from briefkit.forecasts.timex.find import TIMEX_COLUMNS, find_time_expressions, horizon
from briefkit.forecasts.timex.rules import named_periods, us_election_day

T = pd.Timestamp


def _one(text, anchor=None, precision="", **kw):
    out = find_time_expressions(text, anchor=anchor, anchor_precision=precision, **kw)
    assert len(out) == 1, out
    r = out.iloc[0]
    return r["text"], r["kind"], r["date_start"], r["date_end"], r["precision"], r["resolved"]


def test_full_dates():
    assert _one("concluded on October 14, 2024.") == (
        "October 14, 2024", "date", T("2024-10-14"), T("2024-10-14"), "day", True)
    assert _one("Signed 4 November 2024 in Seoul")[2] == T("2024-11-04")
    assert _one("Research Fellow 2025. 2. 5.")[2] == T("2025-02-05")
    assert _one("released 2025-04-09")[2] == T("2025-04-09")


def test_month_day_without_year_uses_anchor_year_or_nearest():
    a = T("2025-04-01")
    assert _one("tariffs announced on April 2", a, "month")[1:5] == (
        "month_day", T("2025-04-02"), T("2025-04-02"), "day")
    assert _one("tariffs announced on April 2", T("2025-01-01"), "year")[2] == T("2025-04-02")
    # past tense: latest candidate not after the anchor period
    assert _one("The tariffs announced on April 2 hurt.", T("2025-03-01"), "month")[2] == T("2024-04-02")
    # future tense: earliest candidate not before the anchor period
    assert _one("They will meet on December 20.", T("2025-01-01"), "month")[2] == T("2025-12-20")
    # no tense cue: nearest
    assert _one("The summit on December 20 matters.", T("2025-01-01"), "month")[2] == T("2024-12-20")
    r = _one("the April 2 tariffs")  # no anchor: cannot resolve
    assert r[1] == "month_day" and not r[5] and r[2] is pd.NaT


def test_months_and_modifiers():
    a = T("2025-08-01")
    assert _one("A breakthrough came in July.", a, "month")[1:5] == (
        "month", T("2025-07-01"), T("2025-07-31"), "month")
    assert _one("the issue in early March", T("2025-01-01"), "year")[1:4] == (
        "month", T("2025-03-01"), T("2025-03-10"))
    assert _one("published March 2025")[1:5] == ("month", T("2025-03-01"), T("2025-03-31"), "month")
    assert _one("In late 2023, they passed a law.")[1:5] == (
        "year", T("2023-09-01"), T("2023-12-31"), "year")


def test_weekday_needs_a_day_precision_anchor():
    text = "Trump welcomed Lee to the White House on Monday."
    assert _one(text, T("2025-08-26"), "day")[1:6] == (
        "weekday", T("2025-08-25"), T("2025-08-25"), "day", True)
    assert _one("They will meet on Monday.", T("2025-08-26"), "day")[2] == T("2025-09-01")
    r = _one(text, T("2025-01-01"), "year")  # a year-precision document cannot resolve "on Monday"
    assert r[1] == "weekday" and not r[5]
    assert (r[2], r[3], r[4]) == (T("2024-12-25"), T("2026-01-07"), "")
    assert _one(text)[2] is pd.NaT


def test_durations_and_windows():
    a = T("2025-04-01")
    out = find_time_expressions("The tariffs announced on April 2 have been postponed for 90 days.",
                                anchor=a, anchor_precision="month")
    assert out["text"].tolist() == ["April 2", "for 90 days"]
    assert (out.at[1, "kind"], out.at[1, "date_start"], out.at[1, "date_end"]) == (
        "duration", T("2025-04-02"), T("2025-07-01"))
    assert _one("a deal within 90 days", T("2025-03-01"), "day")[1:4] == (
        "window", T("2025-03-01"), T("2025-05-30"))
    assert _one("Trump has 3 years and 10 months remaining.", T("2025-03-01"), "month")[1:4] == (
        "duration", T("2025-03-01"), T("2029-01-01"))
    assert _one("over the next two years", T("2025-03-01"), "day")[3] == T("2027-03-01")
    r = _one("over the last decade", T("2025-03-01"), "month")
    assert r[1:4] == ("window", T("2015-03-31"), T("2025-03-31"))
    r = _one("in the coming months", T("2025-03-01"), "day")
    assert r[2] == T("2025-03-01") and r[3] is pd.NaT and not r[5]
    assert _one("It has been pursuing this for almost a decade.", T("2025-03-01"), "month")[2:4] == (
        T("2015-03-31"), T("2025-03-31"))


def test_years_and_relative_years():
    a = T("2025-03-01")
    assert _one("if Trump meets Kim again in 2021")[1:4] == ("year", T("2021-01-01"), T("2021-12-31"))
    assert _one("next year", a, "month")[2:4] == (T("2026-01-01"), T("2026-12-31"))
    assert _one("this year", a, "year")[2] == T("2025-01-01")
    assert not _one("next month", a, "year")[5]
    assert _one("next month", a, "month")[2:4] == (T("2025-04-01"), T("2025-04-30"))
    assert _one("a window (2018-2019)")[2:4] == (T("2018-01-01"), T("2019-12-31"))
    assert _one("by 2030", a, "month")[1:4] == ("window", T("2025-03-01"), T("2030-12-31"))
    for text in ("a 350-ship fleet", "3,000 US soldiers", "26 percent", "Asan Issue Brief (2024-37)"):
        assert find_time_expressions(text).empty, text


def test_named_periods():
    a = T("2025-03-01")
    assert _one("in Trump's second term", a, "month")[1:5] == (
        "period", T("2025-01-20"), T("2029-01-20"), "period")
    assert _one("in a second Trump term", T("2020-01-01"), "year")[2:4] == (T("2021-01-20"),
                                                                            T("2025-01-20"))
    assert _one("after the 2026 midterm elections begin", a, "month")[1:4] == (
        "window", T("2026-11-04"), pd.NaT)
    assert _one("the 2026 midterm elections", a, "month")[2:4] == (T("2026-11-03"), T("2026-11-03"))
    assert _one("the 2028 presidential election")[2] == T("2028-11-07")
    assert not _one("the 2025 presidential election")[5]  # not a US election year: year only
    r = _one("within his remaining term", a, "month", context="President Trump has ...")
    assert r[2:4] == (T("2025-03-01"), T("2029-01-20"))
    assert find_time_expressions("within his remaining term", anchor=a, anchor_precision="month",
                                 context="The prime minister ...").empty
    assert _one("the second term would be", a, "day", context="Trump")[2] == T("2025-01-20")


def test_named_period_table_is_valid_and_cited():
    table = named_periods()
    assert (table["source"].str.len() > 5).all()
    assert us_election_day(2026) == T("2026-11-03") and us_election_day(2024) == T("2024-11-05")


def test_errors_and_empty():
    with pytest.raises(ValueError, match="anchor_precision"):
        find_time_expressions("x", anchor=T("2025-01-01"), anchor_precision="week")
    with pytest.raises(TypeError, match="text must be a str"):
        find_time_expressions(None)
    empty = find_time_expressions("No dates here.")
    assert empty.empty and list(empty.columns) == TIMEX_COLUMNS
    assert empty["date_start"].dtype == "datetime64[ns]"


def test_horizon():
    h = horizon("Especially after the 2026 midterm elections begin, he will enter a lame-duck period.",
                anchor=T("2025-01-01"), anchor_precision="year")
    assert h["horizon_start"] == T("2026-11-04") and h["horizon_end"] is pd.NaT
    h = horizon("In 2019 Japan retaliated, and Seoul will respond by 2030.", anchor=T("2025-02-05"),
                anchor_precision="day")
    assert (h["horizon_start"], h["horizon_end"], h["horizon_text"]) == (
        T("2025-02-05"), T("2030-12-31"), "by 2030")
    h = horizon("He will act.", anchor=None)
    assert h["horizon_start"] is pd.NaT


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["on Monday", "April 2", "by 2030", "in July", "for 90 days", "the",
                                 "2021", "next year", "October 14, 2024", "will", ",", "Trump's second term",
                                 "within 3 months", "late 2023", "May"]), max_size=12),
       st.sampled_from(["day", "month", "year", ""]))
def test_offsets_and_intervals_are_consistent(words, precision):
    text = " ".join(words)
    anchor = T("2025-03-01") if precision else None
    out = find_time_expressions(text, anchor=anchor, anchor_precision=precision)
    for r in out.itertuples():
        assert text[r.start:r.end] == r.text
        if pd.notna(r.date_start) and pd.notna(r.date_end):
            assert r.date_start <= r.date_end
    assert out["start"].is_monotonic_increasing


def test_durations_relative_to_another_event_stay_unresolved():
    r = _one("tourism fell 60 percent in the first two months of the crisis", T("2025-03-01"), "month")
    assert r[1] == "duration" and not r[5] and r[2] is pd.NaT
    assert not _one("for a few years", T("2025-03-01"), "month")[5]


def test_decades_seasons_quarters():
    assert _one("repeating the 1980s")[1:4] == ("year", T("1980-01-01"), T("1989-12-31"))
    assert _one("in summer 2025")[1:4] == ("month", T("2025-06-01"), T("2025-08-31"))
    assert _one("winter 2025")[2:4] == (T("2025-12-01"), T("2026-02-28"))
    assert _one("in Q3 2025")[2:4] == (T("2025-07-01"), T("2025-09-30"))
    assert _one("the first quarter of 2026")[2:4] == (T("2026-01-01"), T("2026-03-31"))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Z"]), max_size=80))
def test_arbitrary_text_never_crashes(text):
    out = find_time_expressions(text, anchor=T("2025-03-01"), anchor_precision="month")
    assert list(out.columns) == TIMEX_COLUMNS
    horizon(text, anchor=T("2025-03-01"), anchor_precision="month")


def test_not_time_spans_and_past_deadlines():
    a = T("2009-12-09")
    for text in ("a three year period", "a 21 year old man", "€204 a week", "twice a year"):
        assert find_time_expressions(text, anchor=a, anchor_precision="day").empty, text
    r = _one("rates fell through last year", a, "day")
    assert r[1:4] == ("window", T("2008-01-01"), T("2008-12-31"))
