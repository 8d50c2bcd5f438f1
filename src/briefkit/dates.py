"""Dates known only to a precision: the interval a ``YYYY`` / ``YYYY-MM`` / ``YYYY-MM-DD`` date stands for.

One place converts a precision to an interval, with :class:`pandas.Period`: a date known to the
month stands for the whole month (first to last day, both inclusive), a year for the whole year.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["PRECISIONS", "period", "period_interval", "period_end", "parse_dated"]

#: Precision name -> pandas period frequency.
PRECISIONS = {"year": "Y", "month": "M", "day": "D"}
_BY_LENGTH = {4: "year", 7: "month", 10: "day"}


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


def parse_dated(text: str) -> tuple[pd.Timestamp, pd.Timestamp, str]:
    """``"2025"``, ``"2025-03"`` or ``"2025-03-05"`` -> ``(first day, last day, precision)``.

    Raises
    ------
    ValueError
        For any other form or an impossible date.

    Examples
    --------
    >>> from briefkit.dates import parse_dated
    >>> s, e, p = parse_dated("2025-03")
    >>> str(s.date()), str(e.date()), p
    ('2025-03-01', '2025-03-31', 'month')
    """
    text = str(text).strip()
    precision = _BY_LENGTH.get(len(text))
    if precision is None or not text[:4].isdigit():
        raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    start, end = period_interval(text, precision)
    if start.strftime({"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}[precision]) != text:
        raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    return start, end, precision
