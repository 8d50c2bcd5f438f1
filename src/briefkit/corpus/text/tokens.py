"""Word tokens for analysis, built on NLTK tokenizers that need no downloaded data.

Tokens are lower-cased words, numbers and hyphen/apostrophe compounds
("cost-sharing", "u.s.", "korea's" -> "korea"). Punctuation is dropped. The
stop-word list ships in ``briefkit/data/stopwords_en.txt`` with its source.

Tokens are the units of analysis (counts, topics, keyness); *word counts* (``n_words_raw``,
``n_words_clean``, ``max_words`` in cleaning rules) use the one word counter,
:func:`briefkit.corpus.cleaning.textshape.word_count`, whose rule differs on purpose: "7-day" and
"cost-sharing" are one word there, while ``tokenize`` gives "7" and "day" (numbers are tokens
of their own) and keeps "cost-sharing".
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import pandas as pd

from briefkit.errors import require_columns

__all__ = ["stop_words", "tokenize", "token_spans", "tokens_table", "POSSESSIVE"]

# Abbreviations with internal periods (U.S., U.N., a.m.), then words with inner
# hyphens or apostrophes, then numbers with separators (15, 1.52, 28,500).
_PATTERN = r"""(?x)
      [^\W\d_]+-(?:[^\W\d_]{1,2}\.){2,}  # ROK-U.S.
    | (?:[^\W\d_]{1,2}\.){2,}         # U.S.  U.N.  a.m.  Ph.D.
    | [^\W\d_]+(?:[-'’][^\W\d_]+)*    # words, cost-sharing, korea's
    | \d+(?:[.,]\d+)*%?               # 15  28,500  1.52  26%
"""
_COMPILED = re.compile(_PATTERN)
#: A final possessive ("Korea's", "Trump’s"): tokens drop it, and so do the vocabulary's forms.
POSSESSIVE = re.compile(r"['’]s$")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Return the packaged English stop-word list.

    Returns
    -------
    frozenset of str
        Lower-case stop words (Snowball list plus a few reviewed additions).

    Examples
    --------
    >>> from briefkit.corpus.text.tokens import stop_words
    >>> "the" in stop_words(), "korea" in stop_words()
    (True, False)
    """
    text = resources.files("briefkit").joinpath("data/stopwords_en.txt").read_text("utf-8")
    words = (line.strip() for line in text.splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


def _normalize(token: str) -> str:
    token = token.lower().replace("’", "'")
    token = POSSESSIVE.sub("", token)
    if token.endswith("."):  # "u.s." -> "u.s"; keeps the abbreviation one token
        token = token.rstrip(".")
    return token


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """Return ``(start, end, token)`` for every token in ``text``.

    Offsets index ``text``; the token is lower-cased, possessive ``'s`` removed
    and abbreviation periods trimmed at the end (``U.S.`` -> ``u.s``).

    Examples
    --------
    >>> from briefkit.corpus.text.tokens import token_spans
    >>> token_spans("The U.S. pays 15%.")
    [(0, 3, 'the'), (4, 8, 'u.s'), (9, 13, 'pays'), (14, 17, '15%')]
    """
    return [(s, e, _normalize(text[s:e])) for s, e in (m.span() for m in _COMPILED.finditer(text))]


def tokenize(text: str, *, drop_stopwords: bool = False, min_length: int = 1) -> list[str]:
    """Split ``text`` into lower-case word tokens.

    Parameters
    ----------
    text : str
        Cleaned text.
    drop_stopwords : bool, default False
        Remove words in :func:`stop_words`.
    min_length : int, default 1
        Drop tokens shorter than this many characters.

    Returns
    -------
    list of str

    Examples
    --------
    >>> from briefkit.corpus.text.tokens import tokenize
    >>> tokenize("Korea's cost-sharing deal with the U.S.", drop_stopwords=True)
    ['korea', 'cost-sharing', 'deal', 'u.s']
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    stops = stop_words() if drop_stopwords else frozenset()
    out = []
    for _, _, tok in token_spans(text):
        if len(tok) < min_length or tok in stops:
            continue
        out.append(tok)
    return out


def tokens_table(units: pd.DataFrame, *, text_col: str = "text", id_cols=("doc_id",),
                 drop_stopwords: bool = False) -> pd.DataFrame:
    """One row per token of each unit (document, paragraph or sentence).

    Parameters
    ----------
    units : DataFrame
        Must have ``text_col`` and ``id_cols``.
    text_col : str, default "text"
    id_cols : sequence of str, default ("doc_id",)
        Columns copied to every token row.
    drop_stopwords : bool, default False

    Returns
    -------
    DataFrame
        ``id_cols`` + ``token_no`` (position within the unit), ``token``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.corpus.text.tokens import tokens_table
    >>> tokens_table(pd.DataFrame({"doc_id": ["a"], "text": ["Tariffs rose."]}))
      doc_id  token_no    token
    0      a         0  tariffs
    1      a         1     rose
    """
    require_columns(units, [text_col, *id_cols], name="units")
    rows: dict[str, list] = {c: [] for c in (*id_cols, "token_no", "token")}
    for rec in units[[*id_cols, text_col]].itertuples(index=False):
        toks = tokenize(rec[-1], drop_stopwords=drop_stopwords)
        for i, tok in enumerate(toks):
            for c, v in zip(id_cols, rec[:-1]):
                rows[c].append(v)
            rows["token_no"].append(i)
            rows["token"].append(tok)
    return pd.DataFrame(rows)
