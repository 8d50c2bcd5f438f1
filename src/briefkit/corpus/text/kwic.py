"""Keyword in context: every occurrence of a term in its sentence, with provenance.

Any number briefkit reports (a keyness term, a topic word, a stance target) can be checked
against the sentences behind it in one call, as quanteda's ``kwic``.
"""

from __future__ import annotations

import re

import pandas as pd

from briefkit.errors import BriefkitError, require_columns

__all__ = ["kwic", "KWIC_COLUMNS"]

KWIC_COLUMNS = ["doc_id", "sent_id", "start", "end", "left", "match", "right"]
_MAX_PATTERN = 200


def _compile(pattern: str, regex: bool, case_sensitive: bool) -> re.Pattern:
    if not isinstance(pattern, str) or not pattern.strip():
        raise BriefkitError("kwic: pattern must be a non-empty string")
    if len(pattern) > _MAX_PATTERN:
        raise BriefkitError(f"kwic: pattern is longer than {_MAX_PATTERN} characters")
    flags = 0 if case_sensitive else re.IGNORECASE
    if not regex:
        words = pattern.split()
        body = r"\s+".join(re.escape(w) for w in words)
        return re.compile(rf"(?<!\w){body}(?!\w)", flags)
    if re.search(r"[+*}]\)?[+*{]|\\[1-9]|\(\?[<=!]", pattern):
        raise BriefkitError(f"kwic: pattern {pattern!r} has nested repeats, back-references or look-arounds; "
                            "use a literal term or a simple pattern")
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise BriefkitError(f"kwic: invalid regular expression {pattern!r}: {exc}") from None


def kwic(sentences: pd.DataFrame, pattern: str, *, window: int = 60, regex: bool = False,
         case_sensitive: bool = False) -> pd.DataFrame:
    """Every match of ``pattern`` in ``sentences``, with ``window`` characters of context each side.

    Parameters
    ----------
    sentences : DataFrame
        From :func:`briefkit.sentences` (``doc_id, sent_id, start, end, text``).
    pattern : str
        A term or phrase, matched as whole words (spaces match any run of spaces). With
        ``regex=True`` a simple regular expression (no nested repeats, back-references or
        look-arounds, at most 200 characters).
    window : int, default 60
        Characters of context on each side (within the sentence).
    regex, case_sensitive : bool, default False

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, start, end`` (the match's offsets in the **cleaned sentence
        text**; the sentence's own ``start``/``end`` point into the raw file), ``left``,
        ``match``, ``right``; in sentence order, then by position.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.corpus.text.kwic import kwic
    >>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [0], "end": [34],
    ...                   "text": ["Tariffs rose; the tariff truce held."]})
    >>> kwic(s, "tariff", window=8)[["left", "match", "right"]].values.tolist()
    [['se; the ', 'tariff', ' truce h']]
    """
    require_columns(sentences, ["doc_id", "sent_id", "text"], name="sentences (pass briefkit.sentences(docs))")
    if isinstance(window, bool) or not isinstance(window, int) or window < 0:
        raise ValueError(f"window must be a non-negative integer, got {window!r}")
    rx = _compile(pattern, regex, case_sensitive)
    rows = []
    for doc_id, sent_id, text in zip(sentences["doc_id"], sentences["sent_id"], sentences["text"]):
        text = "" if not isinstance(text, str) else text
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue
            s, e = m.span()
            rows.append((doc_id, int(sent_id), s, e, text[max(0, s - window):s], m.group(), text[e:e + window]))
    out = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    return out.astype({"sent_id": "int64", "start": "int64", "end": "int64", "left": str, "match": str,
                       "right": str})
