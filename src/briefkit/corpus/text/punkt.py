"""Sentence boundaries inside one paragraph of cleaned text: Punkt's decisions, in briefkit's code.

briefkit splits sentences as NLTK's ``PunktSentenceTokenizer`` does with briefkit's
configuration: no trained model, no collocations, no sentence starters, no orthographic
context, and a built-in list of abbreviations (titles such as Dr., Gen., Sen., Rep.;
U.S.-style acronyms; a.m./p.m.; No., St., Mt., Jr.; months; single initials). With that
configuration Punkt's decision at a candidate ending (``.``, ``?`` or ``!`` followed by
other punctuation or by whitespace and a token) reduces to a few rules, which this module
applies directly instead of building Punkt's token objects:

- ``?`` and ``!`` always end a sentence;
- a word ending in a period ends one unless it is a listed abbreviation (also after its
  last hyphen) or two or more periods (an ellipsis);
- an initial (one letter and a period) or a number ending in a period does not end one
  when the next token starts with a lower-case letter or is ``; : , . ! ?``, and an
  initial does not when the next token starts with a capital;
- closing quotes and brackets after the ending stay with the sentence they close.

The regular expressions (candidate endings, Punkt's word tokens, the realignment of
closing punctuation) are Punkt's own, compiled with the same ``regex`` engine NLTK 3.10
uses, so the spans are identical to ``PunktSentenceTokenizer(params).span_tokenize``
(tested on the seeds, the Irish corpus, the benchmark corpus and generated text in
``tests/test_punkt.py``), about ten times faster. Every pattern runs in linear time.

A "sentence" that starts with a lower-case letter or closing punctuation is merged into
the previous one (Punkt splits after "?’," in quotations). Paragraphs, headings and the
tables built from these spans are in :mod:`briefkit.corpus.text.segment`.
"""

from __future__ import annotations

import re
import string

import regex

__all__ = ["ABBREVIATIONS", "sentence_spans", "punkt_spans"]

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

# Punkt's patterns (nltk.tokenize.punkt.PunktLanguageVars, NLTK 3.10), character for character.
_NON_WORD = r"(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb\?!])"
_MULTI_CHAR = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"
_WORD_START = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,]"
_PERIOD_CONTEXT = regex.compile(r"""
        [\.\?!]                      # a potential sentence ending
        (?=(?P<after_tok>
            %(NonWord)s              # either other punctuation
            |
            \s+(?P<next_tok>\S+)     # or whitespace and some other token
        ))""" % {"NonWord": _NON_WORD}, regex.UNICODE | regex.VERBOSE)
_WORD_TOKEN = regex.compile(r"""(
        %(MultiChar)s
        |
        (?=%(WordStart)s)\S+?  # Accept word characters until end is found
        (?= # Sequences marking a word's end
            \s|                                 # White-space
            $|                                  # End-of-string
            %(NonWord)s|%(MultiChar)s|          # Punctuation
            ,(?=$|\s|%(NonWord)s|%(MultiChar)s) # Comma if at end of word
        )
        |
        \S
    )""" % {"NonWord": _NON_WORD, "MultiChar": _MULTI_CHAR, "WordStart": _WORD_START},
    regex.UNICODE | regex.VERBOSE)
_REALIGN = regex.compile(r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)', regex.MULTILINE)
_NUMERIC = regex.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
_INITIAL = regex.compile(r"[^\W\d]\.$", regex.UNICODE)
_PLAIN_WORD = re.compile(r"[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*")
_WHITESPACE = string.whitespace  # what Punkt looks back for to find the word before an ending
_NOT_SENTENCE_START = (";", ":", ",", ".", "!", "?")


def _breaks_after(tok: str, nxt: str) -> bool:
    """Is the token ``tok``, followed by ``nxt``, a sentence break (Punkt's two passes)?"""
    if tok == "?" or tok == "!":
        return True
    if tok != ".":
        if not tok.endswith(".") or tok.endswith(".."):
            return False  # not a period-final word, or an ellipsis
        low = tok[:-1].lower()
        if low in ABBREVIATIONS or low.split("-")[-1] in ABBREVIATIONS:
            return False
    initial = _INITIAL.match(tok) is not None
    if initial or _NUMERIC.match(tok.lower()) is not None or tok.lower() == "##number##.":
        if nxt in _NOT_SENTENCE_START or nxt[0].islower():
            return False
        if initial and nxt[0].isupper():
            return False
    return True


def _contains_break(context: str) -> bool:
    """Punkt's ``text_contains_sentbreak``: a break at any token but the last."""
    tokens: list[str] = []
    for line in context.split("\n"):
        if line.strip():
            tokens.extend(_WORD_TOKEN.findall(line))
    return any(_breaks_after(tokens[i], tokens[i + 1]) for i in range(len(tokens) - 1))


def _decide(text: str, m, word_start: int) -> bool:
    """Does the candidate ending ``m`` (the word before it starts at ``word_start``) end a sentence?"""
    end_char = m.group()
    if end_char != ".":
        return True  # "?" and "!" are tokens of their own, and a token always follows them
    word = text[word_start:m.start()]
    after = m.group("after_tok")
    if _PLAIN_WORD.fullmatch(word) is not None:
        # "word." is one token (letters and digits with single inner periods or hyphens)
        nxt = m.group("next_tok")
        if nxt is None:
            return _breaks_after(word + ".", after)  # the only other token: one punctuation mark
        if nxt[0].isalnum():  # the next token starts here, and is no punctuation mark
            if _breaks_after(word + ".", nxt):
                return True
            if "?" not in nxt and "!" not in nxt and "." not in nxt[:-1]:
                return False  # no token after it but the last can be a break
    return _contains_break(word + end_char + after)


def punkt_spans(text: str) -> list[tuple[int, int]]:
    """Punkt's sentence spans of ``text`` (``span_tokenize`` with briefkit's parameters).

    Examples
    --------
    >>> from briefkit.corpus.text.punkt import punkt_spans
    >>> punkt_spans("He left. (She stayed.) Then?")
    [(0, 8), (9, 22), (23, 28)]
    """
    slices: list[tuple[int, int]] = []
    last_break = 0
    prev_m, prev_start, prev_stop = None, 0, 0
    spaces = [c for c in _WHITESPACE if c in text]  # usually " " alone, or " " and "\n"
    for m in _PERIOD_CONTEXT.finditer(text):
        ms = m.start()
        space = max([text.rfind(c, prev_stop, ms) for c in spaces], default=-1)
        word_start = space + 1 if space > prev_stop else prev_start
        if prev_m is not None and prev_stop <= word_start and _decide(text, prev_m, prev_start):
            slices.append((last_break, prev_m.end()))
            last_break = prev_m.start("next_tok") if prev_m.group("next_tok") else prev_m.end()
        prev_m, prev_start, prev_stop = m, word_start, ms
    if prev_m is not None and _decide(text, prev_m, prev_start):
        slices.append((last_break, prev_m.end()))
        last_break = prev_m.start("next_tok") if prev_m.group("next_tok") else prev_m.end()
    slices.append((last_break, len(text.rstrip())))
    return _realign(text, slices)


def _realign(text: str, slices: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Punkt's ``_realign_boundaries``: closing punctuation after an ending joins its sentence."""
    out: list[tuple[int, int]] = []
    shift = 0
    last = len(slices) - 1
    for k, (s1, e1) in enumerate(slices):
        s1 += shift
        if k == last:
            if text[s1:e1]:
                out.append((s1, e1))
            continue
        s2, e2 = slices[k + 1]
        m = _REALIGN.match(text[s2:e2])
        if m:
            out.append((s1, s2 + len(m.group(0).rstrip())))
            shift = m.end()
        else:
            shift = 0
            if text[s1:e1]:
                out.append((s1, e1))
    return out


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
    for s, e in punkt_spans(text):
        if spans and _CONTINUATION.match(text[s:e]):
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans
