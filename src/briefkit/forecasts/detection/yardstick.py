"""Map estimative-probability words to probability bands (ICD 203 and Kent 1964).

The yardstick ships in ``briefkit/data/estimative_yardstick.csv``:

* **ICD 203** - Office of the Director of National Intelligence, *Intelligence
  Community Directive 203: Analytic Standards* (2 January 2015), D.6.e(2)(a):
  almost no chance 1-5 %, very unlikely 5-20 %, unlikely 20-45 %, roughly even
  chance 45-55 %, likely 55-80 %, very likely 80-95 %, almost certain 95-99 %.
  ``p_point`` is the band midpoint (briefkit's convention).
* **Kent 1964** - Sherman Kent, "Words of Estimative Probability", *Studies in
  Intelligence* 8(4): certain 100, almost certain 93 +/- 6, probable 75 +/- 12,
  chances about even 50 +/- 10, probably not 30 +/- 10, almost certainly not
  7 +/- 5, impossible 0.  Kent keeps "possible" for judgments to which no
  probability can be assigned (the whole "general area of possibility"), so
  briefkit maps it, and the modals *may / might / could*, to 0.02-0.99 with an
  uninformative point value of 0.50.  Kent's "chances about even" (40-60 %) is
  *not* used for them: Kent separates "possible" (odds not assignable) from
  "chances about even" (a judgment that the odds are 50:50), and a brief's "could"
  rarely claims the latter.  A user who wants a scorable middle band for the
  modals can point their ``yardstick_term`` at ``chances about even (Kent)`` in
  ``forecast_cues.csv``.

Which scale: ICD 203 for every term it names (likely, very likely, unlikely,
almost certain(ly), roughly even chance ...); Kent (1964) only for "possible" and
the modals ICD 203 does not name.  Unhedged "will", "would" and "expected to" are
named by neither; their mapping (very likely / likely / likely) is briefkit's
documented choice, argued in ``forecast_cues.csv`` and :mod:`briefkit.forecasts.detection.detect`.

Which term each cue uses is set in ``data/forecast_cues.csv`` (column
``yardstick_term``) and argued there; the main choices are in
:mod:`briefkit.forecasts.detection.detect`.

Negation
--------
Bands always describe the probability of the *positive* event, the clause with
its negation removed.  A negated cue ("will not", "is not expected to") gets
the complement band ``(1 - p_high, 1 - p_point, 1 - p_low)``: "He won't get a
Nobel" is a 5-20 % forecast that he gets one.  Lexically negative terms
("unlikely", "almost certainly not") already carry a low band and are not
complemented again.

Examples
--------
>>> from briefkit.forecasts.detection.yardstick import band
>>> band("likely")
(0.55, 0.675, 0.8)
>>> band("very likely", negated=True)
(0.05, 0.125, 0.2)
"""

from __future__ import annotations

import io
from functools import lru_cache
from importlib import resources

import pandas as pd

__all__ = ["load_yardstick", "band", "SOURCES"]

SOURCES = {
    "ICD203": 'Office of the Director of National Intelligence (2015), Intelligence Community '
              'Directive 203 "Analytic Standards", D.6.e(2)(a) expressions of likelihood.',
    "Kent1964": 'Sherman Kent (1964), "Words of Estimative Probability", Studies in '
                'Intelligence 8(4), 49-65.',
}


def read_packaged_csv(name: str) -> pd.DataFrame:
    """Read a packaged CSV whose header lines start with ``#``."""
    text = resources.files("briefkit").joinpath(f"data/{name}").read_text("utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    return pd.read_csv(io.StringIO(body), dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _yardstick() -> pd.DataFrame:
    df = read_packaged_csv("estimative_yardstick.csv")
    for col in ("p_low", "p_point", "p_high"):
        df[col] = df[col].astype(float)
    bad = df[(df["p_low"] > df["p_point"]) | (df["p_point"] > df["p_high"])]
    if len(bad):
        raise ValueError(f"estimative_yardstick.csv: p_low <= p_point <= p_high violated for "
                         f"terms {sorted(bad['term'])}")
    return df


@lru_cache(maxsize=1)
def _bands() -> dict[str, tuple[float, float, float]]:
    df = _yardstick()
    return {t: (float(a), float(b), float(c))
            for t, a, b, c in zip(df["term"], df["p_low"], df["p_point"], df["p_high"])}


def load_yardstick() -> pd.DataFrame:
    """Return the yardstick table.

    Returns
    -------
    pandas.DataFrame
        Columns ``term, scale, p_low, p_point, p_high, source``; one row per term.

    Examples
    --------
    >>> from briefkit.forecasts.detection.yardstick import load_yardstick
    >>> load_yardstick().set_index("term").loc["unlikely", "p_high"]
    np.float64(0.45)
    """
    return _yardstick().copy()


def band(term: str, *, negated: bool = False) -> tuple[float, float, float]:
    """Return ``(p_low, p_point, p_high)`` for a yardstick term.

    Parameters
    ----------
    term : str
        A ``term`` of the yardstick table (e.g. ``"likely"``, ``"possible (Kent)"``).
    negated : bool, default False
        Complement the band (probability of the positive event when the cue is negated).

    Returns
    -------
    tuple of float
        Rounded to 4 decimals so that complements are exact.

    Examples
    --------
    >>> from briefkit.forecasts.detection.yardstick import band
    >>> band("almost certain")
    (0.95, 0.97, 0.99)
    """
    table = _bands()
    if term not in table:
        raise ValueError(f"band: term={term!r} is not in estimative_yardstick.csv; valid terms: "
                         f"{sorted(table)}")
    lo, pt, hi = table[term]
    if negated:
        lo, pt, hi = 1.0 - hi, 1.0 - pt, 1.0 - lo
    return (round(lo, 4), round(pt, 4), round(hi, 4))
