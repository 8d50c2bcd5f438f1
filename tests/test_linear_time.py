"""Forecast detection and time expressions take linear time on any input (issue 12, item 3).

Each pathological shape is repeated to 20k and to 200k characters, as ONE sentence (the worst
case: every per-cue rule sees the whole text).  Ten times the text may cost at most 25 times
the time (a quadratic rule costs 100 times).  Times are this process's CPU time, the minimum of
repeats, so other work on a busy machine does not fail the test.
"""

import time

import pandas as pd
import pytest

from briefkit.forecasts.detection.detect import analyse_sentence
from briefkit.forecasts.timex.find import find_time_expressions, horizon

ANCHOR = pd.Timestamp("2025-03-01")
SMALL, LARGE, MAX_RATIO = 20_000, 200_000, 25.0

CUE_SHAPES = ["will not ", "May 1 ", "if it will ", "said that they will ", "( it may ", " – may ",
              "lylyly ", "could have been ", "a", ". . ", "1,2.3 ", "likely that ", "as possible ",
              "has really ", "walked on ", "must be "]
TIME_SHAPES = ["May 1 ", "2018-2019 and ", "3 years 4 ", "a year ago ", "walked on May 1 ", "1,2.3 ",
               "a", "early March "]


def _best(func, text, repeats):
    best = float("inf")
    for _ in range(repeats):
        t0 = time.process_time()
        func(text)
        best = min(best, time.process_time() - t0)
    return best


def _ratio(func, unit):
    small = unit * (SMALL // len(unit) + 1)
    large = unit * (LARGE // len(unit) + 1)
    t_small = max(_best(func, small, 3), 1e-3)  # below a millisecond, timer noise dominates
    t_large = _best(func, large, 2)
    return t_large / t_small, t_small, t_large


@pytest.mark.parametrize("unit", CUE_SHAPES)
def test_cue_rules_grow_linearly(unit):
    ratio, a, b = _ratio(lambda s: analyse_sentence(s), unit)
    assert ratio <= MAX_RATIO, f"{unit!r}: 20k {a:.3f}s, 200k {b:.3f}s (x{ratio:.1f})"


@pytest.mark.parametrize("unit", TIME_SHAPES)
def test_time_expressions_grow_linearly(unit):
    ratio, a, b = _ratio(lambda s: find_time_expressions(s, anchor=ANCHOR, anchor_precision="day"), unit)
    assert ratio <= MAX_RATIO, f"{unit!r}: 20k {a:.3f}s, 200k {b:.3f}s (x{ratio:.1f})"


@pytest.mark.parametrize("unit", ["May 1 ", "3 years 4 ", "walked on May 1 ", "if it will "])
def test_horizon_grows_linearly(unit):
    ratio, a, b = _ratio(lambda s: horizon(s, anchor=ANCHOR, anchor_precision="day"), unit)
    assert ratio <= MAX_RATIO, f"{unit!r}: 20k {a:.3f}s, 200k {b:.3f}s (x{ratio:.1f})"
