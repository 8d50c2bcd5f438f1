"""Resolve one matched time expression to an inclusive date interval (one branch per rule).

Helper of :mod:`briefkit.forecasts.timex.find`; the rules and calendar helpers are in
:mod:`briefkit.forecasts.timex.rules`.
"""

from __future__ import annotations

import pandas as pd
from dateutil import parser as du_parser

from briefkit.forecasts.timex.rules import (
    WEEKDAYS, anchor_interval, interval_row, modifier_interval, month_number, pick_year,
    resolve_relative, resolve_window, tense_of, us_election_day,
)

__all__ = ["resolve_match"]


def resolve_match(tag, m, text, anchor, precision, bounds):  # noqa: C901 - one branch per rule
    """The interval row of one time-expression match ``m`` of rule ``tag`` against its anchor (or None)."""
    a0, a1 = anchor_interval(anchor, precision)
    if tag in ("iso", "dotted", "mdy", "dmy"):
        try:
            d = pd.Timestamp(du_parser.parse(m.group(0).replace(". ", "-").rstrip(".").replace(".", "-")
                                             if tag == "dotted" else m.group(0)))
        except (ValueError, OverflowError):
            return None
        return interval_row("date", d, d, "day")
    if tag == "month_year":
        s, e = modifier_interval(int(m.group(3)), month_number(m.group(2)), m.group(1) or "")
        return interval_row("month", s, e, "month")
    if tag == "year_month":
        mon = month_number(m.group(2)) if m.group(2) else int(m.group(3))
        s, e = modifier_interval(int(m.group(1)), mon, "")
        return interval_row("month", s, e, "month")
    if tag in ("month_day", "day_month"):
        mon_tok, day = (m.group(1), m.group(2)) if tag == "month_day" else (m.group(2), m.group(1))
        mon, day = month_number(mon_tok), int(day)
        y = pick_year(mon, day, anchor, precision, tense_of(text, m.start(), bounds))
        if y is None:
            return interval_row("month_day")
        try:
            d = pd.Timestamp(year=y, month=mon, day=day)
        except ValueError:
            return None
        return interval_row("month_day", d, d, "day")
    if tag == "month":
        mod, mon = (m.group(1) or "").lower(), month_number(m.group(2))
        tense = {"last": "past", "next": "future"}.get(mod, tense_of(text, m.start(), bounds))
        y = pick_year(mon, None, anchor, precision, tense)
        if y is None:
            return interval_row("month")
        s, e = modifier_interval(y, mon, mod if mod in ("early", "mid", "late") else "")
        return interval_row("month", s, e, "month")
    if tag == "decade":
        y = int(m.group(1))
        return interval_row("year", pd.Timestamp(year=y, month=1, day=1),
                            pd.Timestamp(year=y + 9, month=12, day=31), "year")
    if tag in ("season", "quarter"):
        y = int(m.group(3) if tag == "quarter" else m.group(2))
        if tag == "quarter":
            q = int(m.group(1)) if m.group(1) else ["first", "second", "third", "fourth"].index(
                m.group(2).lower()) + 1
            m0, m1, y1 = 3 * q - 2, 3 * q, y
        else:  # meteorological seasons, northern hemisphere; winter YYYY = Dec YYYY - Feb YYYY+1
            m0, m1, y1 = {"spring": (3, 5, y), "summer": (6, 8, y), "autumn": (9, 11, y),
                          "fall": (9, 11, y), "winter": (12, 2, y + 1)}[m.group(1).lower()]
        start = pd.Timestamp(year=y, month=m0, day=1)
        return interval_row("month", start, pd.Timestamp(year=y1, month=m1, day=1)
                            + pd.offsets.MonthEnd(0), "month")
    if tag == "month_pair":
        y, m0, m1 = int(m.group(3)), month_number(m.group(1)), month_number(m.group(2))
        if m1 < m0:
            return None
        return interval_row("month", pd.Timestamp(year=y, month=m0, day=1),
                            pd.Timestamp(year=y, month=m1, day=1) + pd.offsets.MonthEnd(0), "month")
    if tag in ("year_range", "year_pair"):
        y0, y1 = int(m.group(1)), int(m.group(2))
        if y1 < y0:
            return None
        return interval_row("year", pd.Timestamp(year=y0, month=1, day=1), pd.Timestamp(year=y1, month=12, day=31),
                    "year")
    if tag == "year_mod":
        s, e = modifier_interval(int(m.group(2)), None, m.group(1))
        return interval_row("year", s, e, "year")
    if tag == "year":
        y = int(m.group(1))
        return interval_row("year", pd.Timestamp(year=y, month=1, day=1), pd.Timestamp(year=y, month=12, day=31),
                    "year")
    if tag == "election":
        y, what = int(m.group(1)), m.group(2).lower()
        fits = y % 2 == 0 and (what != "midterm" or y % 4 == 2) and (what != "presidential" or y % 4 == 0)
        if fits:
            d = us_election_day(y)
            return interval_row("period", d, d, "day")
        return interval_row("period", pd.Timestamp(year=y, month=1, day=1), pd.Timestamp(year=y, month=12, day=31),
                    "year", resolved=False)
    if tag == "weekday":
        mod, wd = (m.group(1) or "").lower(), WEEKDAYS[m.group(2)]
        if pd.isna(a0):
            return interval_row("weekday")
        if precision != "day":
            return interval_row("weekday", a0 - pd.Timedelta(days=7), a1 + pd.Timedelta(days=7), "",
                        resolved=False)
        tense = {"last": "past", "next": "future"}.get(mod, tense_of(text, m.start(), bounds))
        if tense == "future":
            d = a0 + pd.Timedelta(days=(wd - a0.weekday()) % 7 or 7)
        else:
            back = (a0.weekday() - wd) % 7
            d = a0 - pd.Timedelta(days=back or (7 if mod == "last" else 0))
        return interval_row("weekday", d, d, "day")
    if tag in ("relative", "deictic"):
        return resolve_relative(m, a0, precision)
    if tag == "window":
        return resolve_window(m, a0, a1, precision)
    return None  # durations are resolved in a second pass
