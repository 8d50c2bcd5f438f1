"""VADER polarity with NLTK's analyzer and the lexicon bundled in the ``vaderSentiment`` package.

Implementation choice
---------------------
briefkit uses :class:`nltk.sentiment.vader.SentimentIntensityAnalyzer` (NLTK's
port, with VADER's rules for negation, boosters such as "very", "but" and
capitals) and reads the lexicon file ``vader_lexicon.txt`` that ships inside
the PyPI package ``vaderSentiment`` (MIT licence; Hutto & Gilbert 2014). NLTK's
own lexicon would need ``nltk.download``, which is not allowed at run time.
NLTK 3.10 refuses absolute lexicon paths, so the ``vaderSentiment`` folder is
put on ``nltk.data.path`` for that one load (and taken off again) and the file loaded by its
relative name; the
loaded text is then checked to be byte-identical to the packaged file.

NLTK's port and ``vaderSentiment``'s own analyzer score some sentences
differently, so every output records :func:`method` (analyzer and versions,
plus the lexicon's SHA-256 prefix).

What VADER measures: the positive or negative *tone* of the words, tuned on
social-media text. It is not stance: "the alliance must counter the growing
threat" is scored negative (because of "threat") although it supports the
alliance. Read scores with the sentences behind them.

Reference: Hutto, C.J. & Gilbert, E.E. (2014). VADER: A Parsimonious
Rule-based Model for Sentiment Analysis of Social Media Text. ICWSM-14.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pandas as pd

__all__ = ["analyzer", "method", "polarity", "polarity_table", "NEUTRAL_NAMES"]

#: Names and fixed labels whose words carry VADER valence but say nothing about
#: the writer's attitude ("United" +1.8, "Free" +2.3, "Peace" +2.5, "Great"
#: +3.1, "Security" +1.4, "Defense" +0.5). (formerly clause-window scoring)
#: masks them before scoring (case-insensitive, word-bounded). General English
#: proper names and slogans, not tuned to any corpus; extend per corpus via the
#: ``neutral=`` parameter.
NEUTRAL_NAMES = (
    "United States", "United Kingdom", "United Nations", "United Arab Emirates",
    "UN Security Council", "Security Council", "National Security Council",
    "National Security Strategy", "Department of Homeland Security",
    "Department of Defense", "Ministry of Defense", "Ministry of National Defense",
    "Defense Ministry", "Self-Defense Forces", "Department of Justice", "Justice Department",
    "Free Trade Agreement", "free trade agreements", "free trade agreement",
    "free and open Indo-Pacific", "Nobel Peace Prize", "Peace Prize", "Nobel Prize", "Peace Corps",
    "Institute for Peace", "Make America Great Again", "Make American Shipbuilding Great Again",
    "Democratic Party", "Liberal Democratic Party", "People's Liberation Army",
    "Democratic People's Republic of Korea",
)

_LEXICON = "vader_lexicon.txt"


def _lexicon_dir() -> Path:
    import vaderSentiment  # noqa: PLC0415  (import only when needed)

    return Path(vaderSentiment.__file__).resolve().parent


@lru_cache(maxsize=1)
def analyzer():
    """Return the shared NLTK VADER analyzer loaded with vaderSentiment's lexicon.

    Examples
    --------
    >>> from briefkit.stance.tone import analyzer
    >>> analyzer().polarity_scores("good")["compound"]
    0.4404
    """
    import nltk.data
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    folder = _lexicon_dir()
    expected = (folder / _LEXICON).read_bytes().decode("utf-8")
    added = str(folder) not in nltk.data.path
    if added:  # for this one load only: the user's NLTK settings stay as they were
        nltk.data.path.append(str(folder))
    try:
        sia = SentimentIntensityAnalyzer(lexicon_file=_LEXICON)
    finally:
        if added:
            nltk.data.path.remove(str(folder))
    if sia.lexicon_file != expected:
        raise RuntimeError(f"NLTK loaded a different {_LEXICON} than the one in {folder}; "
                           "remove the other copy from nltk.data.path")
    return sia


@lru_cache(maxsize=1)
def method() -> str:
    """Describe the scorer: analyzer, library versions and lexicon hash (for output tables).

    Examples
    --------
    >>> from briefkit.stance.tone import method
    >>> method().startswith("VADER compound: nltk ")
    True
    """
    digest = hashlib.sha256((_lexicon_dir() / _LEXICON).read_bytes()).hexdigest()[:12]
    return (f"VADER compound: nltk {metadata.version('nltk')} SentimentIntensityAnalyzer, "
            f"lexicon vaderSentiment {metadata.version('vaderSentiment')} "
            f"{_LEXICON} sha256:{digest}")


def polarity(text: str) -> float:
    """VADER compound score of ``text``, in [-1, 1] (0 for text with no sentiment words).

    Examples
    --------
    >>> from briefkit.stance.tone import polarity
    >>> polarity("The alliance is good."), polarity("The alliance is not good.")
    (0.4404, -0.3412)
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    if not text.strip():
        return 0.0
    return float(analyzer().polarity_scores(text)["compound"])


def polarity_table(units: pd.DataFrame, *, text_col: str = "text") -> pd.DataFrame:
    """Add VADER columns ``neg, neu, pos, compound`` to a table of texts.

    Parameters
    ----------
    units : DataFrame
        Any table with ``text_col`` (sentences, paragraphs, windows).
    text_col : str, default "text"

    Returns
    -------
    DataFrame
        A copy of ``units`` with ``neg, neu, pos, compound`` appended.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.tone import polarity_table
    >>> polarity_table(pd.DataFrame({"text": ["Good.", ""]}))["compound"].tolist()
    [0.4404, 0.0]
    """
    if text_col not in units.columns:
        raise KeyError(f"text_col={text_col!r} is not a column of units")
    sia = analyzer()
    cols = {"neg": [], "neu": [], "pos": [], "compound": []}
    for text in units[text_col]:
        if not isinstance(text, str) or not text.strip():
            scores = {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
        else:
            scores = sia.polarity_scores(text)
        for key in cols:
            cols[key].append(float(scores[key]))
    out = units.copy()
    for key, values in cols.items():
        out[key] = pd.Series(values, index=units.index, dtype="float64")
    return out
