"""Shared fixtures and hypothesis strategies for the foundation tests (cleaning, segmentation)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import strategies as st

from briefkit.corpus.cleaning.rules import load_rules

#: The project's seed corpus (tests must not depend on the working directory).
SEED_CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture
def seed_copy(tmp_path):
    """A copy of the seed corpus to change (a test never writes into corpus/)."""
    dest = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, dest)
    return dest

# Pieces that exercise every cleaning path: markdown, links, layout, scripts, control chars.
FRAGMENTS = [
    "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", " ", "  ", "\t", "\u00a0", "\u200b", "\x00", "\ufeff",
    "**", "*", "__", "# ", "## ", "> ", "- ", "1. ", "[x](y)", "[link text](https://example.org/a)",
    "![img](pic.png)", "<https://example.org>", "https://example.org/p?q=1", "&amp;", "&#8217;",
    "<b>", "</b>", "---", "\\_", "ﬁ",
    "Seoul will pay more.", "Washington agreed", "the deal,", "and", "U.S.", "Dr. Kim", "(", ")",
    "한미동맹의 재조정", "트럼프", "“quoted”", "’", "…", "2025. 2. 5.", "March 2025", "By Kim Min",
    "About the author", "Edited by Lee", "Email: a@b.org", "Disclaimer:", "Leave a Reply",
    "3 thoughts on “Tariffs”", "Read more", "Photo: a caption", "Kim Min",
    "The views expressed here are those of the author alone.",
    "Seoul agreed to pay far more for the alliance this year",
]

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=40).map("".join)
names = st.sampled_from(["", "Kim Min", "Lee", "Seoul Institute", "Tariffs", "U.S.", "트럼프", "**"])
metas = st.builds(
    lambda doc_id, title, authors, affiliations: (doc_id, title, tuple(authors), tuple(affiliations)),
    st.sampled_from(["", "d1"]),
    st.one_of(names, st.sampled_from(["Seoul will pay more.", "Washington agreed"]), st.text(max_size=12)),
    st.lists(st.one_of(names, st.text(max_size=8)), max_size=3),
    st.lists(names, max_size=2),
)


@pytest.fixture(scope="session")
def clean_rules():
    """The packaged default cleaning rules."""
    return load_rules()
