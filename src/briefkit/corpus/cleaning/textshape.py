"""Small, general predicates about lines of text: headings, dates, scripts, normal forms.

Shared by cleaning and segmentation so both agree on what a heading is.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections import Counter
from functools import lru_cache

__all__ = ["word_count", "WORD_NO_UNDERSCORE", "is_heading_like", "ends_sentence", "dominant_script",
           "script_counts", "is_date_line", "match_key"]

_ASCII_LETTERS = re.compile(r"[A-Za-z]")
_ASCII_LETTER_BYTES = string.ascii_letters.encode("ascii")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")
_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")
#: The same words on a text whose underscores are made spaces (``\w`` is then ``[^\W_]``): faster.
WORD_NO_UNDERSCORE = re.compile(r"\w+(?:[-'’.]\w+)*")
# A line ends a sentence (clause) when, after its trailing whitespace and closing quotes and
# brackets, its last character is one of these: r"[.!?…]['\"’”»)\]]*\s*$" read from the end.
_SENT_MARKS, _CLAUSE_MARKS, _CLOSING = ".!?…", ".!?…:;", "'\"’”»)]"
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE_PARTS = re.compile(
    r"(?ix)"
    rf"\b\d{{4}}\s*[./-]\s*\d{{1,2}}\s*[./-]\s*\d{{1,2}}\.?"      # 2025-02-05, 2025. 2. 5.
    rf"|\b\d{{4}}\s*[./-]\s*{_MONTH}"                              # 2025-Mar.
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"       # March 5, 2025
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"       # 5 March 2025
    rf"|\b{_MONTH},?\s+\d{{4}}"                                    # March 2025
    rf"|\b\d{{1,2}}\s*/\s*\d{{1,2}}\s*/\s*\d{{2,4}}"               # 3/5/2025
    rf"|\b\d{{4}}\s*년\s*\d{{1,2}}\s*월(?:\s*\d{{1,2}}\s*일)?"       # 2025년 2월 5일
    rf"|\b(?:19|20)\d{{2}}\b"                                      # a bare year
)
_DATE_FILLER = re.compile(
    r"(?i)\b(issue|no|vol|volume|number|published|updated|posted|on|date[d]?|last|modified|"
    r"mon(day)?|tue(sday)?|wed(nesday)?|thu(rsday)?|fri(day)?|sat(urday)?|sun(day)?|"
    r"[a-z])\b|[^\w]|\d|_")


def word_count(text: str) -> int:
    """Number of words: briefkit's one word counter (document lengths, cleaning thresholds).

    A word is a run of letters or digits, joined into one word across a single inner hyphen,
    apostrophe or period: "7-day", "cost-sharing", "Korea's", "1.52" and "U.S" are one word
    each; "U.S.-led" is two ("U.S" and "led"), as a period followed by a hyphen joins nothing.
    Underscores and all other punctuation separate words.

    Examples
    --------
    >>> from briefkit.corpus.cleaning.textshape import word_count
    >>> word_count("U.S.-led cost-sharing, 2025"), word_count("a 7-day truce")
    (4, 3)
    """
    return len(WORD_NO_UNDERSCORE.findall(text.replace("_", " ")))


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence-final punctuation (quotes allowed after it).

    Examples
    --------
    >>> from briefkit.corpus.cleaning.textshape import ends_sentence
    >>> ends_sentence("It was agreed.”"), ends_sentence("forced")
    (True, False)
    """
    return _ends_with(text, _SENT_MARKS)


def _ends_with(text: str, marks: str) -> bool:
    """Does ``text`` end with one of ``marks``, then closing quotes or brackets, then whitespace?"""
    rest = text.rstrip().rstrip(_CLOSING)
    return rest != "" and rest[-1] in marks


def is_heading_like(text: str, *, max_words: int = 15) -> bool:
    """A short line without final punctuation: a heading, label or title.

    Examples
    --------
    >>> from briefkit.corpus.cleaning.textshape import is_heading_like
    >>> is_heading_like("Trade Breakthrough"), is_heading_like("Tariffs rose sharply in July.")
    (True, False)
    """
    stripped = text.strip()
    if not stripped:
        return False
    return word_count(stripped) <= max_words and not ends_sentence(stripped)


def ends_clause(text: str) -> bool:
    """True when ``text`` ends with sentence or clause punctuation (``.!?…:;``)."""
    return _ends_with(text, _CLAUSE_MARKS)


def script_of(char: str) -> str:
    """Unicode script family of a letter, from its character name (``LATIN``, ``HANGUL``, ...)."""
    if char.isascii():
        return "LATIN"
    try:
        first = unicodedata.name(char).split(" ", 1)[0]
    except ValueError:
        return "UNKNOWN"
    if first in ("CJK", "HIRAGANA", "KATAKANA", "IDEOGRAPHIC"):
        return "CJK"
    return first


_script_of_cached = lru_cache(maxsize=1 << 16)(script_of)  # one name lookup per distinct letter


def script_counts(text: str) -> Counter:
    """Count letters per script family.

    Examples
    --------
    >>> from briefkit.corpus.cleaning.textshape import script_counts
    >>> sorted(script_counts("Korea 한국").items())
    [('HANGUL', 2), ('LATIN', 5)]
    """
    counts: Counter = Counter()
    if len(text) > 64:
        # In UTF-8 a byte below 0x80 is always a whole ASCII character, so deleting the ASCII
        # letters' bytes removes exactly one byte per ASCII letter.
        data = text.encode("utf-8", "surrogatepass")
        ascii_letters = len(data) - len(data.translate(None, _ASCII_LETTER_BYTES))
    else:
        ascii_letters = len(_ASCII_LETTERS.findall(text))
    if ascii_letters:
        counts["LATIN"] = ascii_letters
    counts.update(map(_script_of_cached, _NON_ASCII_LETTER.findall(text)))
    return counts


def dominant_script(text: str) -> str | None:
    """Script with the most letters in ``text`` (``None`` if it has no letters).

    Examples
    --------
    >>> from briefkit.corpus.cleaning.textshape import dominant_script
    >>> dominant_script("서울대학교 Seoul")
    'HANGUL'
    """
    counts = script_counts(text)
    if not counts:
        return None
    return max(sorted(counts), key=lambda k: counts[k])


def is_date_line(text: str, *, max_words: int = 8) -> bool:
    """A short line that is only a date (with words like 'Issue', 'Published', 'No.').

    Examples
    --------
    >>> from briefkit.corpus.cleaning.textshape import is_date_line
    >>> is_date_line("2025. 2. 5."), is_date_line("March 2025"), is_date_line("The 2025 budget")
    (True, True, False)
    """
    if word_count(text) > max_words or not _DATE_PARTS.search(text):
        return False
    rest = _DATE_PARTS.sub(" ", text)
    return not re.search(r"[^\W\d_]{2,}", _DATE_FILLER.sub(" ", rest))


def match_key(text: str) -> str:
    """Case-, accent-, punctuation- and space-insensitive key for comparing strings.

    Examples
    --------
    >>> from briefkit.corpus.cleaning.textshape import match_key
    >>> match_key("**Trump’s  Second-Term!**") == match_key("trumps second term")
    True
    """
    text = unicodedata.normalize("NFKD", text).casefold()
    return "".join(filter(str.isalnum, text))
