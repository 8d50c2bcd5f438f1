"""Dates known only to a precision: the interval a ``YYYY`` / ``YYYY-MM`` / ``YYYY-MM-DD`` date stands for."""

from __future__ import annotations

import pandas as pd

__all__ = ["period_end"]


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
    if start is None or pd.isna(start):
        return pd.NaT
    start = pd.Timestamp(start)
    if precision == "year":
        return start + pd.offsets.YearEnd(0)
    if precision == "month":
        return start + pd.offsets.MonthEnd(0)
    return start
