"""Dates known only to a precision: the one parser of ``YYYY`` / ``YYYY-MM`` / ``YYYY-MM-DD`` and
the interval such a date stands for.

Every date briefkit reads (the manifest's ``published``, ``events.csv``'s ``date``,
``outcomes.csv``'s ``resolved_on``) goes through :func:`parse_date`, and every conversion of a
precision to an interval through :func:`period_interval` (with :class:`pandas.Period`): a date
known to the month stands for the whole month (first to last day, both inclusive), a year for
the whole year. :func:`format_date` writes a date back at its precision and
:func:`interval_precision` names the precision of an interval.
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["PRECISIONS", "ACCEPTED", "MIN_YEAR", "MAX_YEAR", "period", "period_interval", "period_end",
           "parse_date", "parse_dated", "format_date", "interval_precision"]

#: Precision name -> pandas period frequency.
PRECISIONS = {"year": "Y", "month": "M", "day": "D"}
#: The accepted forms, in words (ends every date problem).
ACCEPTED = "use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025, 2025-03 or 2025-03-07)"
#: Years a date may name (what pandas timestamps hold, one year of margin each side).
MIN_YEAR, MAX_YEAR = pd.Timestamp.min.year + 1, pd.Timestamp.max.year - 1
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_FORMATS = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}


def period(start, precision: str) -> pd.Period | None:
    """The :class:`pandas.Period` that ``start`` stands for at ``precision`` (``None`` if undated).

    ``precision`` is ``"year"``, ``"month"`` or ``"day"`` (anything else is read as a day).

    Examples
    --------
    >>> from briefkit.dates import period
    >>> str(period("2024-02-10", "month"))
    '2024-02'
    """
    if start is None or (not isinstance(start, str) and pd.isna(start)) or start == "":
        return None
    return pd.Period(pd.Timestamp(start), freq=PRECISIONS.get(precision, "D"))


def period_interval(start, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day (both inclusive, at midnight) of the period; ``(NaT, NaT)`` if undated.

    Examples
    --------
    >>> from briefkit.dates import period_interval
    >>> [str(t.date()) for t in period_interval("2024-02", "month")]
    ['2024-02-01', '2024-02-29']
    """
    p = period(start, precision)
    if p is None:
        return pd.NaT, pd.NaT
    return p.start_time.normalize(), p.end_time.normalize()


def period_end(start, precision: str) -> pd.Timestamp:
    """Last day (inclusive) of the period that begins at ``start`` at ``precision``.

    ``precision`` is ``"year"``, ``"month"`` or ``"day"`` (anything else is read as a
    day); an undated ``start`` (NaT/None) gives NaT.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.dates import period_end
    >>> [str(period_end(pd.Timestamp("2024-02-01"), p).date()) for p in ("year", "month", "day")]
    ['2024-12-31', '2024-02-29', '2024-02-01']
    """
    return period_interval(start, precision)[1]


def parse_date(value, *, empty_ok: bool = True) -> tuple[pd.Timestamp, pd.Timestamp, str]:
    """``"2025"``, ``"2025-03"`` or ``"2025-03-05"`` -> ``(first day, last day, precision)``.

    Exactly these three forms (surrounding whitespace ignored), a real calendar date in years
    :data:`MIN_YEAR`-:data:`MAX_YEAR`. An empty value (``""``, ``None``, NaN) is undated:
    ``(NaT, NaT, "")``, unless ``empty_ok=False``.

    Raises
    ------
    ValueError
        Saying what is wrong (``"is not a date"``, ``"there is no month 13"``, ``"there is no day
        30 in 2025-02"``, a year out of range); the caller adds the value and :data:`ACCEPTED`.

    Examples
    --------
    >>> from briefkit.dates import parse_date
    >>> s, e, p = parse_date("2025-03")
    >>> str(s.date()), str(e.date()), p
    ('2025-03-01', '2025-03-31', 'month')
    >>> parse_date("2025-13")
    Traceback (most recent call last):
    ...
    ValueError: there is no month 13
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        value = ""
    if not isinstance(value, str):
        raise ValueError("is not text")
    text = value.strip()
    if not text:
        if empty_ok:
            return pd.NaT, pd.NaT, ""
        raise ValueError("is empty")
    m = _DATE.fullmatch(text)
    if not m:
        raise ValueError("is not a date")
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    precision = "day" if m[3] else "month" if m[2] else "year"
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year {year} is outside {MIN_YEAR}-{MAX_YEAR}")
    if not 1 <= month <= 12:
        raise ValueError(f"there is no month {month}")
    try:
        pd.Timestamp(year=year, month=month, day=day)
    except ValueError:
        raise ValueError(f"there is no day {day} in {year}-{month:02d}") from None
    start, end = period_interval(text, precision)
    return start, end, precision


def parse_dated(text: str) -> tuple[pd.Timestamp, pd.Timestamp, str]:
    """:func:`parse_date` for a value that must be dated; the message names the value.

    Examples
    --------
    >>> from briefkit.dates import parse_dated
    >>> parse_dated("2024-02-29")[2]
    'day'
    >>> parse_dated("March 2025")
    Traceback (most recent call last):
    ...
    ValueError: 'March 2025' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025, 2025-03 or 2025-03-07)
    """
    try:
        return parse_date(text, empty_ok=False)
    except ValueError as exc:
        sep = " " if str(exc).startswith("is ") else ": "
        raise ValueError(f"{str(text)!r}{sep}{exc}; {ACCEPTED}") from None


def format_date(start, precision: str) -> str:
    """A date written back at its precision (``""`` when undated).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.dates import format_date
    >>> format_date(pd.Timestamp("2025-03-01"), "month"), format_date(pd.NaT, "")
    ('2025-03', '')
    """
    if start is None or pd.isna(start) or not precision:
        return ""
    return pd.Timestamp(start).strftime(_FORMATS[precision])


def interval_precision(start, end) -> str:
    """Name the precision of an inclusive date interval: day, month, year, else "range".

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.dates import interval_precision
    >>> T = pd.Timestamp
    >>> [interval_precision(T("2025-07-01"), T(e)) for e in ("2025-07-01", "2025-07-31", "2025-07-07")]
    ['day', 'month', 'range']
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    for precision in ("day", "month", "year"):
        if period_interval(start, precision) == (start, end):
            return precision
    return "range"
