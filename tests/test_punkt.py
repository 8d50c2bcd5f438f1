"""briefkit's sentence splitter makes NLTK Punkt's decisions: the same spans, on every text.

The reference is ``nltk.tokenize.punkt.PunktSentenceTokenizer`` with briefkit's parameters
(the abbreviation list, nothing trained), the configuration briefkit used before it carried
Punkt's rules in its own code (:mod:`briefkit.corpus.text.punkt`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from briefkit.corpus.load import load_corpus
from briefkit.corpus.text.punkt import ABBREVIATIONS, punkt_spans
from briefkit.corpus.text.rows import paragraph_spans

ROOT = Path(__file__).resolve().parents[1]


def _reference() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


REFERENCE = _reference()


def reference_spans(text: str) -> list[tuple[int, int]]:
    return list(REFERENCE.span_tokenize(text))


def _texts(corpus: Path) -> list[str]:
    """Every clean paragraph (what briefkit splits) and every raw text (harder: markup, layout)."""
    docs = load_corpus(corpus, n_jobs=1)
    out = list(docs["raw_text"])
    for clean in docs["clean_text"]:
        out.extend(clean[s:e] for s, e in paragraph_spans(clean))
    return out


@pytest.mark.parametrize("corpus", ["corpus", "examples/irish-budget-2010", "tests/data/devcorpus",
                                    "tests/data/sentence_boundaries/hard_cases"])
def test_same_spans_as_nltk_punkt_on_real_text(corpus):
    texts = _texts(ROOT / corpus)
    assert len(texts) > 10
    for text in texts:
        assert punkt_spans(text) == reference_spans(text), text[:200]


# Pieces that reach every branch of Punkt's decision: abbreviations (with hyphens and dots),
# initials (ASCII and not), numbers, ellipses, closing quotes and brackets of every kind,
# runs of end marks, and every whitespace character Punkt's patterns treat differently.
PIECES = [
    "Dr.", "dr.", "U.S.", "u.s.", "e.g.", "etc.", "No.", "ex-Gov.", "St.", "A.", "b.", "É.", "é.", "_.",
    "Kim", "kim", "Seoul", "the", "x", "3.5", "2025.", "1,000.", "-5.", ".5", "##number##.", "iv.",
    ".", "..", "...", ". . .", "?", "!", "?!", "!!", "?”", ".”", ".’", ".\"", ".'", ".)", ".]", ".}", ")",
    "(", "[", "“", "”", "‘", "’", "«", "»", "\"", "'", ",", ";", ":", "--", "-", "*", "@", "&", "#", "`",
    " ", " ", " ", "  ", "\n", "\n\n", "\t", "\r", "\x0b", "\x0c", "\u00a0", "\u2009", "\u2028", "\x1c",
]

texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=60).map("".join)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_same_spans_as_nltk_punkt_on_generated_text(text):
    assert punkt_spans(text) == reference_spans(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_same_spans_as_nltk_punkt_on_any_characters(text):
    assert punkt_spans(text) == reference_spans(text)


@pytest.mark.parametrize("text, expected", [
    ("He left. (She stayed.) Then?", ["He left.", "(She stayed.)", "Then?"]),
    ("It cost 2025. Then it fell.", ["It cost 2025.", "Then it fell."]),
    ("It cost 2025. and fell.", ["It cost 2025. and fell."]),       # a number before a lower-case word
    ("Wait... Then go.", ["Wait... Then go."]),                      # an ellipsis never ends one
    ("Ask Gov. Kim. He knows.", ["Ask Gov. Kim.", "He knows."]),
    ("J. R. Smith came.", ["J. R. Smith came."]),                    # initials before capitals
    ("“Go.” Then he left.", ["“Go.”", "Then he left."]),            # a closing quote joins its sentence
])
def test_decisions(text, expected):
    assert [text[s:e] for s, e in punkt_spans(text)] == expected
    assert punkt_spans(text) == reference_spans(text)
