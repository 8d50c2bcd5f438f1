"""Patterns and calendar helpers behind :mod:`briefkit.forecasts.timex.find`.

Only the rules a maintained library lacks live here: detection patterns for
English time expressions, the named-period table, and interval arithmetic.
Absolute dates are parsed by :func:`dateutil.parser.parse`; month and duration
arithmetic uses :class:`dateutil.relativedelta.relativedelta`.

Examples
--------
>>> from briefkit.forecasts.timex.rules import us_election_day
>>> us_election_day(2026)
Timestamp('2026-11-03 00:00:00')
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd
from dateutil.relativedelta import relativedelta

__all__ = ["MONTHS", "NUMBER_WORDS", "named_periods", "us_election_day", "anchor_interval",
           "parse_number", "add_units", "modifier_interval", "PRECISIONS", "RULES", "sentence_bounds",
           "tense_of", "pick_year", "interval_row", "resolve_relative", "resolve_window"]

PRECISIONS = ("day", "month", "year", "")
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
MONTHS = {name: i + 1 for i, name in enumerate(MONTH_NAMES)}
MONTHS.update({name[:3]: i + 1 for i, name in enumerate(MONTH_NAMES)})
MONTHS["Sept"] = 9
MONTH_RX = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
            r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
WEEKDAYS = {"Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4,
            "Saturday": 5, "Sunday": 6}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "fifteen": 15, "eighteen": 18, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                "sixty": 60, "ninety": 90, "hundred": 100, "half a": 0.5, "a couple of": 2}
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some")
NUM_RX = (r"(?:\d+(?:\.\d+)?|half\s+a|a\s+couple\s+of|a\s+few|several|many|"
          + "|".join(sorted((k for k in NUMBER_WORDS if " " not in k), key=len, reverse=True)) + ")")
UNIT_RX = r"(?:day|week|month|year|decade)s?"


def month_number(token: str) -> int:
    """Month number of a month name or abbreviation ("Sept." -> 9)."""
    return MONTHS[token.rstrip(".")]


def parse_number(token: str) -> float | None:
    """Return the value of a count ("90", "three", "a") or None if vague ("several")."""
    t = " ".join(token.lower().split())
    if t in VAGUE_NUMBERS:
        return None
    if t in NUMBER_WORDS:
        return float(NUMBER_WORDS[t])
    return float(t)


def add_units(ts: pd.Timestamp, n: float, unit: str, *, sign: int = 1) -> pd.Timestamp:
    """Add ``n`` calendar units (day/week/month/year/decade) to ``ts``; halves as days/months."""
    unit = unit.lower().rstrip("s")
    if unit == "decade":
        n, unit = n * 10, "year"
    if unit == "year" and n != int(n):
        n, unit = n * 12, "month"
    if unit == "month" and n != int(n):
        n, unit = n * 30, "day"
    n = sign * n
    delta = {"day": relativedelta(days=int(n)), "week": relativedelta(weeks=int(n)),
             "month": relativedelta(months=int(n)), "year": relativedelta(years=int(n))}[unit]
    return pd.Timestamp(ts.to_pydatetime() + delta)


def anchor_interval(anchor: pd.Timestamp | None, precision: str) -> tuple:
    """Inclusive interval covered by a publication date at its precision."""
    if anchor is None or pd.isna(anchor):
        return (pd.NaT, pd.NaT)
    a = pd.Timestamp(anchor).normalize()
    if precision == "year":
        return (a.replace(month=1, day=1), a.replace(month=12, day=31))
    if precision == "month":
        return (a.replace(day=1), a + pd.offsets.MonthEnd(0))
    return (a, a)


def modifier_interval(year: int, month: int | None, modifier: str) -> tuple:
    """Interval of a year or month, narrowed by early/mid/late/end of/beginning of."""
    mod = " ".join(modifier.lower().replace("-", " ").split())
    if month is None:
        parts = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "the end of": (10, 12),
                 "end of": (10, 12), "the beginning of": (1, 3), "the first half of": (1, 6),
                 "the second half of": (7, 12)}
        m0, m1 = parts.get(mod, (1, 12))
        start = pd.Timestamp(year=year, month=m0, day=1)
        return start, pd.Timestamp(year=year, month=m1, day=1) + pd.offsets.MonthEnd(0)
    start = pd.Timestamp(year=year, month=month, day=1)
    last = (start + pd.offsets.MonthEnd(0)).day
    days = {"early": (1, 10), "mid": (11, 20), "late": (21, last), "the end of": (21, last),
            "end of": (21, last), "the beginning of": (1, 10)}
    d0, d1 = days.get(mod, (1, last))
    return start.replace(day=d0), start.replace(day=d1)


def us_election_day(year: int) -> pd.Timestamp:
    """US federal election day: the Tuesday after the first Monday in November (2 U.S.C. 7)."""
    nov1 = pd.Timestamp(year=year, month=11, day=1)
    first_monday = nov1 + pd.Timedelta(days=(0 - nov1.weekday()) % 7)
    return first_monday + pd.Timedelta(days=1)


def _read_named() -> pd.DataFrame:
    from briefkit.forecasts.detection.yardstick import read_packaged_csv

    df = read_packaged_csv("named_periods.csv")
    need = ["name", "pattern", "start", "end", "precision", "valid_from", "valid_to", "context",
            "source"]
    missing = [c for c in need if c not in df.columns]
    if missing:
        raise ValueError(f"named_periods.csv: missing columns {missing}")
    for i, row in df.iterrows():
        where = f"named_periods.csv row {i + 2} ({row['name']!r})"
        for col in ("pattern", "context"):
            try:
                re.compile(row[col])
            except re.error as exc:
                raise ValueError(f"{where}: bad regex in {col}: {exc}") from None
        for col in ("start", "end", "valid_from", "valid_to"):
            val = row[col]
            if val not in ("", "anchor") and pd.isna(pd.to_datetime(val, errors="coerce")):
                raise ValueError(f"{where}: {col}={val!r} is not an ISO date, 'anchor' or empty")
        if row["precision"] not in ("day", "month", "year", "period"):
            raise ValueError(f"{where}: precision must be day|month|year|period")
    return df


@lru_cache(maxsize=1)
def _named_cached() -> pd.DataFrame:
    return _read_named()


def named_periods() -> pd.DataFrame:
    """Return the packaged named-period table (``data/named_periods.csv``).

    Examples
    --------
    >>> from briefkit.forecasts.timex.rules import named_periods
    >>> "Trump second term" in set(named_periods()["name"])
    True
    """
    return _named_cached().copy()


# ------------------------------------------------------------------ detection patterns
_Y = r"(?:1[89]|20)\d{2}"
_MOD = r"(?:early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|the\s+first\s+half\s+of|" \
       r"the\s+second\s+half\s+of)"
RULES = [  # (tag, compiled regex); earlier rules win ties of start and length
    ("iso", re.compile(rf"\b({_Y})-(0[1-9]|1[0-2])-([0-2]\d|3[01])\b")),
    ("dotted", re.compile(rf"\b({_Y})\.\s?(1[0-2]|0?[1-9])\.\s?(3[01]|[12]\d|0?[1-9])\.?(?!\d)")),
    ("mdy", re.compile(rf"\b({MONTH_RX})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({_Y})\b")),
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_RX}),?\s+({_Y})\b")),
    ("month_year", re.compile(rf"(?:\b({_MOD})[\s-]+)?\b({MONTH_RX}),?\s+({_Y})\b")),
    ("year_month", re.compile(rf"\b({_Y})-(?:({MONTH_RX})|(0[1-9]|1[0-2])\b)(?!-?\d)")),
    ("month_day", re.compile(rf"\b({MONTH_RX})\s+(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?![\d,])")),
    ("day_month", re.compile(rf"\b(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_RX})\b")),
    ("month", re.compile(rf"(?:(?<=\b[Ii]n\s)|(?<=\b[Ss]ince\s)|(?<=\b[Uu]ntil\s)|(?<=\b[Bb]y\s)|"
                         rf"(?<=\b[Ff]rom\s)|(?<=\b[Dd]uring\s)|(?<=\b[Bb]efore\s)|(?<=\b[Aa]fter\s)|"
                         rf"(?<=\b[Tt]hrough\s)|(?<=\bof\s)|\b(early|mid|late|last|next|this|Early|Late|Last|"
                         rf"Next|This)[\s-]+)({MONTH_RX})\b")),
    ("year_pair", re.compile(rf"\b(?:between|from|throughout|during|in)\s+({_Y})\s+(?:and|to|through|until|"
                             rf"till)\s+({_Y})\b", re.I)),
    ("month_pair", re.compile(rf"\b(?:between|from)\s+({MONTH_RX})\s+(?:and|to|through|until)\s+"
                              rf"({MONTH_RX}),?\s+({_Y})\b")),
    ("year_range", re.compile(rf"\b({_Y})\s*[-–]\s*({_Y})\b")),
    ("decade", re.compile(r"\b(?:the\s+)?((?:1[89]|20)\d0)['’]?s\b")),
    ("season", re.compile(rf"\b(spring|summer|autumn|fall|winter)\s+(?:of\s+)?({_Y})\b", re.I)),
    ("quarter", re.compile(rf"\b(?:Q([1-4])|the\s+(first|second|third|fourth)\s+quarter\s+of)\s+"
                           rf"({_Y})\b")),
    ("year_mod", re.compile(rf"\b({_MOD})[\s-]+({_Y})\b")),
    ("election", re.compile(rf"\b(?:the\s+)?({_Y})\s+(?:US\s+|U\.S\.\s+)?(midterm|presidential|general|"
                            rf"congressional)\s+elections?\b", re.I)),
    ("year", re.compile(rf"(?<![\w.,$/-])({_Y})(?![\w%/]|[.,]\d|-\d)")),
    ("weekday", re.compile(r"\b(?:(last|next|this|on)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|"
                           r"Saturday|Sunday)\b")),
    ("relative", re.compile(r"\b(next|last|this|the\s+following|the\s+previous|the\s+coming|"
                            r"the\s+past)\s+(year|month|week|decade)\b", re.I)),
    ("deictic", re.compile(r"\b(today|tomorrow|yesterday|tonight)\b", re.I)),
    ("window", re.compile(rf"\b(within|in\s+the\s+next|over\s+the\s+next|during\s+the\s+next|"
                          rf"for\s+the\s+next|in\s+the\s+coming|over\s+the\s+coming|in\s+the\s+past|"
                          rf"over\s+the\s+past|in\s+the\s+last|over\s+the\s+last|during\s+the\s+last|"
                          rf"for\s+the\s+past|for\s+the\s+last|in)\s+(?:(?:almost|nearly|about|around|"
                          rf"over|more\s+than|less\s+than|at\s+least|up\s+to)\s+)?(?:({NUM_RX})\s+)?"
                          rf"({UNIT_RX})\b", re.I)),
    ("duration", re.compile(rf"\b(?:(for)\s+)?(?:(?:almost|nearly|about|around|approximately|over|"
                            rf"more\s+than|less\s+than|at\s+least|up\s+to)\s+)?({NUM_RX})\s+({UNIT_RX})"
                            rf"(?:\s+and\s+({NUM_RX})\s+({UNIT_RX}))?(\s+ago)?\b", re.I)),
]
_SENT_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-Z0-9])")
_FUTURE = re.compile(r"\b(?:will|shall|going\s+to|['’]ll|upcoming|next|expected|likely|planned|"
                     r"scheduled)\b", re.I)
_PAST = re.compile(r"\b(?:was|were|had|did|ago|last|has\s+been|have\s+been)\b", re.I)
_PAST_LOCAL = re.compile(r"\b[a-z]+ed\s+(?:on|in|at|during)?\s*$")
WINDOW_PREP = re.compile(r"\b(by|before|until|till|through|no\s+later\s+than|after|since|from|"
                          r"beginning|starting)\s+(?:the\s+end\s+of\s+)?$", re.I)
PERFECT_PROG = re.compile(r"\b(?:has|have)\s+been\s+(?:\w+\s+)?\w+ing\b", re.I)


class SentenceBounds(list):
    """(start, end) of the sentences of a text, found by bisection; tense cached per sentence."""

    def __init__(self, spans):
        super().__init__(spans)
        self.starts = [a for a, _ in self]
        self.tense: dict[int, str] = {}

    def find(self, pos: int) -> tuple[int, int]:
        from bisect import bisect_right

        k = bisect_right(self.starts, pos) - 1
        if k >= 0 and self[k][0] <= pos < self[k][1]:
            return self[k]
        return (0, self[-1][1] if self else 0)


def sentence_bounds(text: str) -> SentenceBounds:
    starts = [0] + [m.end() for m in _SENT_SPLIT.finditer(text)]
    ends = starts[1:] + [len(text)]
    return SentenceBounds(zip(starts, ends))


def tense_of(text: str, start: int, bounds) -> str:
    """"past", "future" or "" for an expression at ``start`` (its neighbourhood, then its sentence)."""
    if not isinstance(bounds, SentenceBounds):
        bounds = SentenceBounds(bounds)
    a, b = bounds.find(start)
    if _PAST_LOCAL.search(text[max(a, start - 40):start]):
        return "past"
    if a not in bounds.tense:  # each sentence is scanned once, however many expressions it holds
        sent = text[a:b]
        bounds.tense[a] = "future" if _FUTURE.search(sent) else "past" if _PAST.search(sent) else ""
    return bounds.tense[a]


def pick_year(month: int, day: int | None, anchor, precision: str, tense: str):
    """Year for a year-less month(/day) per the module rules; None if no anchor."""
    if anchor is None or pd.isna(anchor) or precision == "":
        return None
    a0, a1 = anchor_interval(anchor, precision)
    year = a0.year
    if precision == "year":
        return year
    cands = []
    for y in (year - 1, year, year + 1):
        s = pd.Timestamp(year=y, month=month, day=day or 1)
        e = s if day else s + pd.offsets.MonthEnd(0)
        cands.append((y, s, e))
    if tense == "past":
        ok = [c for c in cands if c[1] <= a1]
        return ok[-1][0]
    if tense == "future":
        ok = [c for c in cands if c[2] >= a0]
        return ok[0][0]
    mid = a0 + (a1 - a0) / 2
    return min(cands, key=lambda c: (abs((c[1] + (c[2] - c[1]) / 2) - mid), c[0]))[0]


def interval_row(kind, ds=pd.NaT, de=pd.NaT, precision="", resolved=None):
    if resolved is None:
        resolved = not pd.isna(ds) or not pd.isna(de)
    return {"kind": kind, "date_start": ds, "date_end": de, "precision": precision,
            "resolved": bool(resolved)}



def resolve_relative(m, a0, precision):
    if m.re.pattern.startswith(r"\b(today"):
        word = m.group(1).lower()
        if pd.isna(a0):
            return interval_row("date")
        if precision != "day":
            a1 = anchor_interval(a0, precision)[1]
            return interval_row("date", a0 - pd.Timedelta(days=1), a1 + pd.Timedelta(days=1), "", resolved=False)
        d = a0 + pd.Timedelta(days={"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[word])
        return interval_row("date", d, d, "day")
    which, unit = " ".join(m.group(1).lower().split()), m.group(2).lower()
    step = {"next": 1, "the following": 1, "the coming": 1, "last": -1, "the previous": -1,
            "the past": -1, "this": 0}[which]
    need = {"year": ("day", "month", "year"), "decade": ("day", "month", "year"),
            "month": ("day", "month"), "week": ("day",)}[unit]
    kind = {"year": "year", "month": "month", "week": "period", "decade": "period"}[unit]
    if pd.isna(a0) or precision not in need:
        return interval_row(kind)
    if unit == "year":
        y = a0.year + step
        return interval_row(kind, pd.Timestamp(year=y, month=1, day=1), pd.Timestamp(year=y, month=12, day=31),
                    "year")
    if unit == "decade":
        if step == 0:
            return interval_row(kind, pd.Timestamp(year=a0.year // 10 * 10, month=1, day=1),
                        pd.Timestamp(year=a0.year // 10 * 10 + 9, month=12, day=31), "year")
        s, e = (a0, add_units(a0, 10, "year")) if step > 0 else (add_units(a0, 10, "year", sign=-1), a0)
        return interval_row(kind, s, e, "year")
    if unit == "month":
        s = (a0.replace(day=1) + pd.DateOffset(months=step))
        return interval_row(kind, s, s + pd.offsets.MonthEnd(0), "month")
    monday = a0 - pd.Timedelta(days=a0.weekday()) + pd.Timedelta(weeks=step)
    return interval_row(kind, monday, monday + pd.Timedelta(days=6), "day")


def resolve_window(m, a0, a1, precision):
    lead = " ".join(m.group(1).lower().split())
    num = parse_number(m.group(2)) if m.group(2) else None
    unit = m.group(3)
    backward = any(w in lead for w in ("past", "last"))
    if lead == "in" and m.group(2) is None:
        return None  # "in years" etc. is not a window
    if pd.isna(a0):
        return interval_row("window")
    if num is None and not unit.lower().endswith("s"):
        num = 1.0  # "over the last decade", "within a year" (a/an is parsed as 1 above)
    if num is None:  # "in the coming months": direction only
        return interval_row("window", a0 if not backward else pd.NaT, a1 if backward else pd.NaT, "",
                    resolved=False)
    if backward:
        return interval_row("window", add_units(a1, num, unit, sign=-1), a1, precision or "day")
    return interval_row("window", a0, add_units(a0, num, unit), precision or "day")
