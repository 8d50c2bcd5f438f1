"""One dates module: precision -> interval with pandas.Period."""

from __future__ import annotations

import pandas as pd
import pytest

from briefkit.dates import parse_dated, period_end, period_interval


@pytest.mark.parametrize("start, precision, first, last", [
    ("2024", "year", "2024-01-01", "2024-12-31"),
    ("2024-02", "month", "2024-02-01", "2024-02-29"),
    ("2023-02", "month", "2023-02-01", "2023-02-28"),
    (pd.Timestamp("2025-03-05"), "day", "2025-03-05", "2025-03-05"),
    (pd.Timestamp("2025-03-05"), "", "2025-03-05", "2025-03-05"),
])
def test_period_interval(start, precision, first, last):
    s, e = period_interval(start, precision)
    assert (str(s.date()), str(e.date())) == (first, last)
    assert period_end(start, precision) == e and e.hour == 0


def test_undated_and_bad_forms():
    assert period_interval(None, "day") == (pd.NaT, pd.NaT) or all(pd.isna(x) for x in period_interval(None, "day"))
    assert pd.isna(period_end(pd.NaT, "year"))
    for bad in ("2025-3", "25-03-01", "2025-02-30", "March 2025", ""):
        with pytest.raises(ValueError):
            parse_dated(bad)
    assert parse_dated("2024-02-29")[2] == "day"
