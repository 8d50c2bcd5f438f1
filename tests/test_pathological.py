"""Linear time on any input: 10x more text may cost at most ~25x the time (issue 12).

Each shape is a kind of text that makes backtracking regular expressions or rescanning loops
blow up (one long line without spaces, runs of dots, digits, dashes, spaces, brackets, link
openers, repeated date ranges, repetitive paragraphs ...). The whole per-document path runs on
it: cleaning (markup, rules, pull quotes, layout), sentence splitting, tokens and word counts.
CPU time at 20,000 and 200,000 characters is compared; the minimum of repeated runs is used so a
busy machine does not make a linear step look quadratic.
"""

from __future__ import annotations

import time

import pytest

from briefkit.corpus.cleaning.clean import DocumentMeta, clean_document
from briefkit.corpus.cleaning.rules import load_rules
from briefkit.corpus.text.segment import sentence_spans
from briefkit.corpus.cleaning.textshape import word_count
from briefkit.corpus.text.tokens import token_spans

SMALL, FACTOR, MAX_RATIO = 20_000, 10, 25.0

SHAPES = {
    "long_word": "a",
    "dots": ".",
    "digits_and_dots": "1.",
    "digits": "7",
    "dashes": "-",
    "spaces": " ",
    "open_brackets": "[",
    "link_openers": "[a](",
    "image_openers": "![a](",
    "http_dots": "http://.",
    "autolink_openers": "<http://a",
    "closing_hashes": "a #",
    "at_signs": "a@",
    "long_emails": "a" * 40 + "@b.c ",
    "date_ranges": "May 1 - May 2, 2025 ",
    "tags": "<a ",
    "stars": "*a",
    "underscores": "_a_",
    "entities": "&amp",
    "lt_entities": "&lt;",
    "backslashes": "\\",
    "quote_lines": "> a\n",
    "short_lines": "Seoul will pay\n",
    "sentences": "Dr. Kim met Gen. Lee. ",
    "repeated_paragraph": "The alliance will hold only if Seoul pays more for the troops it hosts.\n\n",
    "repeated_block": "The alliance will hold only if Seoul pays\nmore for the troops it hosts today\n",
    "emphasis_quotes": "**The alliance will hold only if Seoul pays more for troops**\n",
    "korean_mixed": "한국 Korea 동맹 alliance ",
    "commas_then_spaces": ", ",
}


def _text(shape: str, n: int) -> str:
    return (shape * (n // len(shape) + 1))[:n]


def _pipeline(raw: str, rules) -> None:
    res = clean_document(raw, DocumentMeta(doc_id="x", title="Synthetic Title", authors=("Kim Min",)), rules)
    for para in res.clean.split("\n\n"):
        sentence_spans(para)
    token_spans(res.clean)
    word_count(res.raw)


def _seconds(raw: str, rules, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()  # CPU time: other processes on a busy machine do not count
        _pipeline(raw, rules)
        best = min(best, time.process_time() - t0)
    return best


@pytest.fixture(scope="module")
def default_rules():
    rules = load_rules()
    _pipeline("warm up. " * 10, rules)  # imports and caches outside the timings
    return rules


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_time_grows_linearly(name, default_rules):
    shape = SHAPES[name]
    small = _seconds(_text(shape, SMALL), default_rules, repeat=3)
    small = max(small, 2e-3)  # below a few ms the clock and interpreter noise dominate
    big_text = _text(shape, SMALL * FACTOR)
    big = _seconds(big_text, default_rules, repeat=1)
    for _ in range(2):  # measure again before calling it super-linear
        if big / small <= MAX_RATIO:
            break
        small = max(small, _seconds(_text(shape, SMALL), default_rules, repeat=3))
        big = min(big, _seconds(big_text, default_rules, repeat=2))
    assert big / small <= MAX_RATIO, f"{name}: {small:.4f}s -> {big:.4f}s ({big / small:.1f}x for 10x text)"
