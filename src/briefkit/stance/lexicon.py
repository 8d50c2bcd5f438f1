"""The policy appraisal lexicon used by :mod:`briefkit.stance.appraisal` (loading and lookup)."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from briefkit.inputs.tables import commented_csv
from briefkit.errors import BriefkitError

__all__ = ["load_appraisal_lexicon", "LEXICON_KINDS", "lexicon_index", "lexicon_lookup"]

LEXICON_KINDS = ("eval", "change", "negator", "report")


def load_appraisal_lexicon(path=None) -> pd.DataFrame:
    """Load the policy appraisal lexicon (packaged default, or a CSV with the same columns).

    Returns
    -------
    DataFrame
        ``term, kind, polarity, source, note``; ``kind`` one of :data:`LEXICON_KINDS`.

    Examples
    --------
    >>> from briefkit.stance.lexicon import load_appraisal_lexicon
    >>> lex = load_appraisal_lexicon()
    >>> sorted(lex["kind"].unique())
    ['change', 'eval', 'negator', 'report']
    """
    source, reader = commented_csv(path, packaged="appraisal_lexicon.csv")
    need = ["term", "kind", "polarity", "source", "note"]
    if reader.fieldnames != need:
        raise BriefkitError(f"{source}: header must be {','.join(need)}, got {reader.fieldnames}")
    rows = []
    for i, r in enumerate(reader, start=2):
        term = (r["term"] or "").strip().lower()
        if not term or r["kind"] not in LEXICON_KINDS or r["polarity"] not in ("1", "-1", "0"):
            raise BriefkitError(f"{source}: row {i}: need a term, kind in {LEXICON_KINDS} and "
                                f"polarity 1, -1 or 0; got {r['term']!r}, {r['kind']!r}, {r['polarity']!r}")
        rows.append((term, r["kind"], int(r["polarity"]), r["source"], r["note"] or ""))
    return pd.DataFrame(rows, columns=need)


@lru_cache(maxsize=4)
def lexicon_index(items: tuple[tuple[str, str, int], ...]):
    """Index lexicon ``(term, kind, polarity)`` items: exact words, prefixes (``term*``) and phrases."""
    exact, prefix, phrases = {}, {}, {}
    for term, kind, pol in items:
        if " " in term:
            phrases[tuple(term.split())] = (kind, pol)
        elif term.endswith("*"):
            prefix[term[:-1]] = (kind, pol)
        else:
            exact[term] = (kind, pol)
    return exact, prefix, phrases


def lexicon_lookup(word: str, index):
    """The entry of ``word`` in an index from :func:`lexicon_index` (exact first, then prefixes), or None."""
    exact, prefix, _ = index
    if word in exact:
        return exact[word]
    for n in range(min(len(word), 24), 2, -1):  # bounded: at most 22 dict lookups per word
        hit = prefix.get(word[:n])
        if hit is not None:
            return hit
    return None
