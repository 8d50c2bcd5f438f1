"""Sentence boundaries inside one paragraph of cleaned text: NLTK's Punkt, offline.

Punkt runs with a built-in list of abbreviations (no downloaded model): titles (Dr., Gen., Sen.,
Rep.), U.S.-style acronyms, a.m./p.m., No., St., Mt., Jr., months, and single initials. A
"sentence" that starts with a lower-case letter or closing punctuation is merged into the
previous one (Punkt splits after "?’," in quotations). Paragraphs, headings and the tables built
from these spans are in :mod:`briefkit.corpus.text.segment`.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

__all__ = ["ABBREVIATIONS", "sentence_spans"]

#: Abbreviations Punkt must not treat as sentence ends (lower case, no final period).
ABBREVIATIONS = frozenset({
    "u.s", "u.n", "u.k", "e.u", "r.o.k", "d.p.r.k", "p.r.c", "u.s.a", "u.s.s.r", "d.c",
    "dr", "mr", "mrs", "ms", "prof", "jr", "sr", "st", "mt", "no", "nos", "vol", "vols",
    "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt", "gov", "sen", "rep",
    "pres", "amb", "sec", "dept", "corp", "inc", "ltd", "co", "bros", "est", "approx",
    "a.m", "p.m", "e.g", "i.e", "etc", "vs", "cf", "al", "fig", "figs", "ch", "sec", "pp", "p",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "ph.d", "m.a", "b.a", "op", "ed", "eds", "rev", "hon",
}) | frozenset(string.ascii_lowercase)

_CONTINUATION = re.compile(r"^[\s]*([a-z]|[,;:)\]}%’”'\"]\s*[a-z,;:])")


@lru_cache(maxsize=1)
def _punkt():
    # imported here: importing nltk loads scikit-learn and scipy.stats (nltk.classify, metrics)
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence ``(start, end)`` offsets in one paragraph of cleaned text.

    Examples
    --------
    >>> from briefkit.corpus.text.punkt import sentence_spans
    >>> t = "Gen. Kim met Dr. Lee at 9 a.m. in the U.S. capital. Talks failed."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Gen. Kim met Dr. Lee at 9 a.m. in the U.S. capital.', 'Talks failed.']
    """
    spans: list[tuple[int, int]] = []
    for s, e in _punkt().span_tokenize(text):
        if spans and _CONTINUATION.match(text[s:e]):
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans
