"""Find time expressions and normalize them to date intervals.

Every expression becomes an interval ``[date_start, date_end]``, **both ends
inclusive** (a day is ``[d, d]``, "in July 2025" is ``[2025-07-01, 2025-07-31]``),
resolved against the document's publication date (the *anchor*) at its precision.
``date_end`` NaT means open-ended ("after the midterms", "in the coming years").

Handled expressions (``kind``)
------------------------------
date
    "October 14, 2024", "14 October 2024", "2024-10-14", "2025. 2. 5.", "today",
    "yesterday"; parsed with :func:`dateutil.parser.parse`.
month_day
    "April 2", "2 April": the anchor's year, or the nearest year (below).
month
    "in July", "early March", "March 2025", "2025-07", "next month", "late 2023"
    is a ``year``.
weekday
    "on Monday", "last Friday": resolved only when the anchor is known to the day.
year
    "2021", "in 2021", "2018-2019", "between/throughout 2018 and 2019", "late 2023", "the 1980s", "next year", "this year".
    Seasons ("summer 2025", meteorological, northern hemisphere; winter YYYY =
    December YYYY to February YYYY+1) and quarters ("Q3 2025", "the first quarter
    of 2026") are ``month`` intervals.
duration
    "for 90 days", "3 years and 10 months": a window starting at a date of the
    same sentence ("announced on April 2 ... postponed for 90 days") or else at
    the anchor; backwards after "has been ...ing" or "ago".
window
    "within 90 days", "over the next two years", "in the coming months", "over
    the last decade", and any date/year/period after by/before/until/after/since
    ("by 2030" = anchor .. 2030-12-31; "after the 2026 midterm elections" =
    2026-11-04 .. open).
period
    Named periods from ``data/named_periods.csv`` (Trump's second term,
    the remaining term, the Biden administration, the 2026 midterm elections ...;
    analysts extend that file), plus "the YYYY midterm/presidential election(s)"
    computed for any even year by the US election-day rule.

Resolution rules
----------------
* Year-less dates (month_day, month, weekday): a past-tense cue next to the
  expression ("announced on April 2", or was/were/had/ago in the sentence)
  picks the latest candidate not after the end of the anchor period; a future
  cue (will, next, expected ...) the earliest candidate not before its start;
  otherwise the candidate nearest the anchor.  Candidates are the anchor's year
  and its neighbours; with a year-precision anchor only the anchor's year.
* Weekdays need a day-precision anchor; otherwise ``resolved`` is False and the
  interval is the anchor period widened by a week on each side.
* Relative expressions need the precision they name: "next year" a year,
  "next month" a month, "next week"/"today" a day.
* Without an anchor only absolute expressions resolve; others keep NaT dates.

Not handled: fiscal years, "the mid-2020s", "the coming weeks" beyond direction
only, times of day, non-English text, ordinal references to other events ("the
first two months of the crisis" stays unresolved).  :func:`dateutil.parser.parse`
parses the absolute dates; ``dateparser`` is not a dependency of briefkit.

``precision`` is the unit the expression names ("day", "month", "year"; "early
March" is a month narrowed to days 1-10, "late 2023" a year narrowed to
September-December), "period" for named periods, or "" (unresolved or vague).
Windows and durations take the precision of their base date.

Examples
--------
>>> import pandas as pd
>>> from briefkit.forecasts.timex.find import find_time_expressions
>>> t = find_time_expressions("Tariffs announced on April 2 were paused for 90 days.",
...                           anchor=pd.Timestamp("2025-04-01"), anchor_precision="month")
>>> t[["text", "kind", "date_start", "date_end"]].astype(str).values.tolist()[0]
['April 2', 'month_day', '2025-04-02', '2025-04-02']
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from briefkit.forecasts.timex.resolve import resolve_match
from briefkit.forecasts.timex.rules import (
    PERFECT_PROG, RULES, WINDOW_PREP, add_units, anchor_interval, interval_row, named_periods,
    parse_number, resolve_relative, sentence_bounds,
)

__all__ = ["find_time_expressions", "horizon", "resolve_relative", "TIMEX_COLUMNS"]

TIMEX_COLUMNS = ["start", "end", "text", "kind", "date_start", "date_end", "precision", "resolved"]

@lru_cache(maxsize=1)
def _named_rules() -> tuple:
    """Compiled named-period rows (pattern, context, start, end, precision, valid range)."""
    rules = []
    for row in named_periods().itertuples():
        rules.append((re.compile(r"\b(?:" + row.pattern + r")\b", re.I),
                      re.compile(row.context) if row.context else None, row.start, row.end,
                      row.precision, pd.Timestamp(row.valid_from) if row.valid_from else None,
                      pd.Timestamp(row.valid_to) if row.valid_to else None))
    return tuple(rules)


@lru_cache(maxsize=256)  # keyed by whole document texts: keep it small
def _context_ok(i: int, context: str) -> bool:
    return bool(_named_rules()[i][1].search(context))


def _named_matches(text: str, anchor, precision: str, context: str) -> list[dict]:
    """Named-period rows whose validity range overlaps the anchor period (first row wins)."""
    out = []
    have_anchor = anchor is not None and not pd.isna(anchor)
    a0, a1 = anchor_interval(anchor, precision)
    for i, (rx, ctx, start, end, prec, valid_from, valid_to) in enumerate(_named_rules()):
        if valid_from is not None or valid_to is not None:
            if not have_anchor or (valid_from is not None and a1 < valid_from) or \
                    (valid_to is not None and a0 > valid_to):
                continue
        if ctx is not None and not _context_ok(i, context):
            continue
        for m in rx.finditer(text):
            ds = anchor if start == "anchor" else pd.Timestamp(start)
            de = anchor if end == "anchor" else pd.Timestamp(end)
            ok = not (pd.isna(ds) or pd.isna(de))
            out.append({"start": m.start(), "end": m.end(), "tag": "named", "m": m, "prio": -1,
                        "row": interval_row("period", ds if ok else pd.NaT, de if ok else pd.NaT,
                                            prec if ok else "", resolved=ok)})
    return out


def _check_anchor(anchor, anchor_precision):
    if anchor_precision not in ("day", "month", "year", ""):
        raise ValueError(f"anchor_precision must be 'day', 'month', 'year' or '', got "
                         f"{anchor_precision!r}")
    if anchor is None or (not isinstance(anchor, str) and pd.isna(anchor)):
        return None, ""
    try:
        ts = pd.Timestamp(anchor)
    except (ValueError, TypeError):
        raise ValueError(f"anchor must be a date (Timestamp or ISO string), got {anchor!r}") from None
    return ts.normalize(), anchor_precision or "day"


def find_time_expressions(text: str, *, anchor=None, anchor_precision: str = "",
                          context: str | None = None) -> pd.DataFrame:
    """Find time expressions in ``text`` and resolve them to inclusive date intervals.

    Parameters
    ----------
    text : str
        A sentence or a whole document.
    anchor : pandas.Timestamp or str, optional
        Publication date (first day of its period); None/NaT = unknown.
    anchor_precision : {"day", "month", "year", ""}
        Precision of ``anchor``; "" with a given anchor is read as "day".
    context : str, optional
        Text searched for the ``context`` regex of named periods (default: ``text``).

    Returns
    -------
    pandas.DataFrame
        :data:`TIMEX_COLUMNS`: ``start, end`` (offsets into ``text``), ``text``, ``kind``,
        ``date_start, date_end`` (inclusive, datetime64; NaT when unknown or
        open-ended), ``precision``, ``resolved``.  One row per expression, in text order.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.timex.find import find_time_expressions
    >>> t = find_time_expressions("He met Kim on Monday.", anchor=pd.Timestamp("2025"),
    ...                           anchor_precision="year")
    >>> t[["kind", "resolved"]].values.tolist()
    [['weekday', False]]
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    anchor, precision = _check_anchor(anchor, anchor_precision)
    records = _find_records(text, anchor, precision, text if context is None else context)
    out = pd.DataFrame.from_records(records, columns=TIMEX_COLUMNS)
    out["start"] = out["start"].astype("int64")
    out["end"] = out["end"].astype("int64")
    for col in ("text", "kind", "precision"):
        out[col] = out[col].astype(str)
    for col in ("date_start", "date_end"):
        out[col] = pd.to_datetime(out[col]).astype("datetime64[ns]")
    out["resolved"] = out["resolved"].astype(bool)
    return out


def _find_records(text: str, anchor, precision: str, context: str) -> list[dict]:
    bounds = sentence_bounds(text)
    cands = _named_matches(text, anchor, precision, context)
    for i, (tag, rx) in enumerate(RULES):
        for m in rx.finditer(text):
            cands.append({"start": m.start(), "end": m.end(), "tag": tag, "m": m, "prio": i})
    cands.sort(key=lambda c: (c["start"], -(c["end"] - c["start"]), c["prio"]))
    kept, last = [], -1
    for c in cands:
        if c["start"] >= last:
            row = c.get("row") or resolve_match(c["tag"], c["m"], text, anchor, precision, bounds)
            if row is None and c["tag"] != "duration":
                continue
            c["row"] = row
            kept.append(c)
            last = c["end"]
    last_base = None
    for c in kept:  # durations need the other expressions of their sentence
        if c["tag"] == "duration":
            c["base"] = last_base
            c["row"] = _duration(c, kept, text, anchor, precision, bounds)
        else:
            _apply_window_prep(c, text, anchor, precision)
        row = c["row"]
        if row is not None and row["kind"] in ("date", "month_day") and row["resolved"]:
            last_base = c
    return [{"start": c["start"], "end": c["end"], "text": text[c["start"]:c["end"]], **c["row"]}
            for c in kept if c["row"] is not None]


def _apply_window_prep(c, text, anchor, precision):
    """Turn "by 2030", "after the midterms", "since 2016" into windows."""
    row = c["row"]
    m = WINDOW_PREP.search(text[max(0, c["start"] - 40):c["start"]])
    if not m or row["kind"] == "window" or not row["resolved"]:
        return
    prep = " ".join(m.group(1).lower().split())
    a0, a1 = anchor_interval(anchor, precision)
    if prep in ("by", "until", "till", "through", "no later than"):
        new = (a0, row["date_end"])
    elif prep == "before":
        new = (a0, row["date_start"] - pd.Timedelta(days=1))
    elif prep == "after":
        new = (row["date_end"] + pd.Timedelta(days=1), pd.NaT)
    elif prep == "since":
        new = (row["date_start"], a1)
    else:  # from, beginning, starting
        new = (row["date_start"], pd.NaT)
    if not (pd.isna(new[0]) or pd.isna(new[1])) and new[0] > new[1]:
        new = (row["date_start"], row["date_end"])  # "through last year": a past deadline
    c["start"] = max(0, c["start"] - 40) + m.start()  # the span now includes the preposition
    c["row"] = interval_row("window", new[0], new[1], row["precision"] if row["precision"] != "day" else "day",
                    resolved=row["resolved"])


def _duration(c, kept, text, anchor, precision, bounds):
    m = c["m"]
    n1 = parse_number(m.group(2))
    n2 = parse_number(m.group(4)) if m.group(4) else 0.0
    unit_singular = not m.group(3).lower().endswith("s")
    if (unit_singular and n1 not in (None, 1.0, 0.5)) or (
            m.group(2).lower() in ("a", "an")
            and re.search(r"(?:\d[\d,.]*%?|[€$£]|\b(?:once|twice|times|per))\s*$",
                          text[max(0, c["start"] - 40):c["start"]])):
        return None  # "a three year period", "a 21 year old", "€204 a week": not time spans
    if n1 is None or n2 is None or (
            re.search(r"\b(?:first|final|initial|last|opening|closing)\s+$", text[max(0, c["start"] - 40):c["start"]],
                      re.I)
            and re.match(r"\s+of\b", text[c["end"]:])):  # "the first two months of the crisis"
        return interval_row("duration", resolved=False)
    sent = bounds.find(c["start"])
    base = c.get("base")  # the last resolved date of the same sentence before it (see _find_records)
    base = [base] if base is not None and base["start"] >= sent[0] else []
    ago = bool(m.group(6))
    backward = ago or _perfect_progressive_between(bounds, text, sent[0], c["start"])
    if base and not backward:
        start, prec = base[-1]["row"]["date_start"], "day"
    else:
        a0, a1 = anchor_interval(anchor, precision)
        if pd.isna(a0):
            return interval_row("duration", resolved=False)
        start, prec = (a1 if backward else a0), precision
    def shift(ts, sign):
        ts = add_units(ts, n1, m.group(3), sign=sign)
        return add_units(ts, n2, m.group(5), sign=sign) if m.group(4) else ts
    if ago:
        d = shift(start, -1)
        return interval_row("date", d, d, prec)
    if backward:
        return interval_row("duration", shift(start, -1), start, prec)
    return interval_row("duration", start, shift(start, 1), prec)


_PAST_VERB = re.compile(r"\b(?:[a-z]+ed|was|were|had|did|went|came|began|met|won|lost|took|made)\b")
_FUTURE_MARK = re.compile(r"\b(?:will|would|shall|going\s+to)\b")


def _perfect_progressive_between(bounds, text: str, lo: int, hi: int) -> bool:
    """True when a "has been ...ing" lies wholly inside ``text[lo:hi]`` (positions found once)."""
    from bisect import bisect_left

    if not hasattr(bounds, "perfect_prog"):
        bounds.perfect_prog = [(m.start(), m.end()) for m in PERFECT_PROG.finditer(text)]
    spans = bounds.perfect_prog
    k = bisect_left(spans, (lo, -1))
    return k < len(spans) and spans[k][1] <= hi


def _past_clause_checker(text: str):
    """Return f(start): does the clause before ``start`` (since the last , ; : ( —) have a past verb
    with no will/would/shall/going to after it?  Positions are found once per text."""
    from bisect import bisect_left

    cuts = [i for i, ch in enumerate(text) if ch in ",;:(—\n"]
    past = [m.end() for m in _PAST_VERB.finditer(text)]
    future = [m.start() for m in _FUTURE_MARK.finditer(text)]

    def check(start: int) -> bool:
        k = bisect_left(cuts, start)
        lo = cuts[k - 1] + 1 if k else 0
        j = bisect_left(past, start + 1) - 1  # the last past verb ending at or before start
        if j < 0 or past[j] <= lo:
            return False
        f = bisect_left(future, past[j])  # a future marker after it, still inside the clause
        return not (f < len(future) and future[f] < start)
    return check


def horizon(text: str, *, anchor=None, anchor_precision: str = "", context: str | None = None) -> dict:
    """Forecast horizon of a sentence from its time expressions.

    Only resolved expressions count.  Expressions in the past are ignored: those
    ending before the anchor period starts, those starting before it and ending
    within it ("over the last year"), and those whose clause (text since the last
    comma) has a past-tense verb and no future marker ("just as nothing happened
    during the first Trump term").
    ``horizon_start`` is the later of the anchor and the earliest start of the
    remaining expressions (the anchor if there are none); ``horizon_end`` is the
    latest end, NaT (open-ended) if there is none or one of them is open-ended.

    Returns
    -------
    dict
        ``horizon_start, horizon_end, horizon_precision, horizon_text``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.timex.find import horizon
    >>> h = horizon("Costs will rise by 2030.", anchor=pd.Timestamp("2025-02-05"),
    ...             anchor_precision="day")
    >>> str(h["horizon_start"].date()), str(h["horizon_end"].date())
    ('2025-02-05', '2030-12-31')
    """
    anchor_ts, prec = _check_anchor(anchor, anchor_precision)
    a0, a1 = anchor_interval(anchor_ts, prec)
    recs = [r for r in _find_records(text, anchor_ts, prec, text if context is None else context)
            if r["resolved"]]
    if not pd.isna(a0):
        def is_past(r):
            ds, de = r["date_start"], r["date_end"]
            if pd.isna(de):
                return False
            return bool(de < a0 or (not pd.isna(ds) and ds < a0 and de <= a1))
        past_clause = _past_clause_checker(text)
        recs = [r for r in recs if not is_past(r) and not past_clause(r["start"])]
    out = {"horizon_start": a0, "horizon_end": pd.NaT, "horizon_precision": "", "horizon_text": ""}
    if not recs:
        return out
    starts = [r["date_start"] for r in recs if not pd.isna(r["date_start"])]
    if starts:
        first = pd.Timestamp(min(starts))
        out["horizon_start"] = first if pd.isna(a0) else max(first, a0)
    if all(not pd.isna(r["date_end"]) for r in recs):
        best = max(recs, key=lambda r: r["date_end"])  # the first of equal ends, in text order
        out["horizon_end"] = pd.Timestamp(best["date_end"])
        out["horizon_precision"] = best["precision"]
    out["horizon_text"] = "; ".join(r["text"] for r in recs)
    return out
