"""Corpus patterns under one regime (issues 17 and 22): a static check of the parsed pattern, the
same on every machine; bounded windows so an accepted pattern costs linear time; a time limit that
names file, pattern and unit as the last guard."""

from __future__ import annotations

import re
import time
import tomllib
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefkit.errors import CorpusError, PatternError
from briefkit.inputs.patterns import (MAX_MATCH_CHARS, WINDOW_CHARS, compile_corpus_pattern, pattern_problem)
from briefkit.stance.targets import load_targets
from datasets import ROOT

WRAP = r"(?<!\w)(?:{})(?!\w)"


def _packaged(name: str) -> dict:
    return tomllib.loads(resources.files("briefkit").joinpath(f"data/{name}").read_text("utf-8"))


def _readme_patterns() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^pattern = '([^']+)'", text, flags=re.M)


def test_every_packaged_and_documented_pattern_is_accepted():
    targets = [p for spec in _packaged("targets.toml")["targets"].values() for p in spec.get("patterns", [])]
    rules = [r["pattern"] for r in _packaged("cleaning_rules.toml")["rule"]]
    readme = _readme_patterns()
    assert len(targets) > 20 and len(rules) > 20 and readme
    assert {p: pattern_problem(p) for p in targets + rules + readme} == {p: None for p in targets + rules + readme}
    load_targets()  # the packaged default loads under the same regime


@pytest.mark.parametrize("pattern, why", [
    ("(a|a)+$", "alternation under a repeat"),
    ("(a|ab)*", "alternation under a repeat"),
    ("(?:x|x?)+y", "alternation under a repeat"),
    ("(a+)+", "nested quantifier"),
    ("(a*)*b", "nested quantifier"),
    (r"(\w+\s?)+$", "nested quantifier"),
    (r"(?:\d+\.?)+x", "nested quantifier"),
    (r"(a)\1", "backreference"),
    (r"(?P<x>a)(?P=x)", "backreference"),
    (r"(a)?(?(1)b|c)", "conditional"),
    (r"x(?=\w+y)", "lookaround holding an unbounded repeat"),
    (r"x(?=a{200})", "lookaround wider than"),
    ("a" * 501, "longer than the limit"),
    ("(unclosed", "invalid regular expression"),
])
def test_dangerous_shapes_are_refused_with_the_reason(pattern, why):
    assert why in (pattern_problem(pattern) or "")


@pytest.mark.parametrize("pattern", [
    r"(?:\w+\s+){0,3}costs?", r"(?:[^,]+,)*x", r"(\d+\.)+\d+", r"(?:\w+-)*\w+", r"(?:ab|cd)+",
    r"(?:\s*,\s*\w+)+", r"^(?:read more|related)\b.{0,80}$", r"(?-i:US)\s+troops", r"x(?=\s{1,9}of)",
])
def test_ordinary_shapes_are_accepted(pattern):
    assert pattern_problem(pattern) is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab()|*+?{}0123,.\\sw^$[]-", max_size=24))
def test_the_check_never_crashes_and_accepts_only_what_re_compiles(pattern):
    why = pattern_problem(pattern)
    if why is None:
        re.compile(pattern, re.IGNORECASE)


def _rx(pattern: str):
    return compile_corpus_pattern(pattern, source="targets.toml", where="targets.x.patterns[1]", wrap=WRAP)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["cost", "costs", "Cost", " ", "  ", ".", "x", "cost-sharing", "a"]),
                max_size=900).map("".join))
def test_windows_find_what_one_search_finds(text):
    """Short matches are found, at the same offsets, however long the unit (windows overlap)."""
    rx = _rx("costs?")
    whole = [(m.start(), m.end()) for m in re.finditer(WRAP.format("costs?"), text, re.IGNORECASE)]
    assert [(m.start(), m.end()) for m in rx.finditer(text)] == whole


def test_windows_at_the_boundaries_keep_anchors_and_bounds():
    rx = compile_corpus_pattern(r"^end|end$", source="cleaning.toml", where="rule[1].pattern")
    line = "x" * (WINDOW_CHARS - 2) + "end" + "y" * (3 * WINDOW_CHARS)
    assert rx.search(line) is None  # neither "^" nor "$" matches at a window's edge
    assert rx.search(line + "end").end() == len(line) + 3
    word = _rx("cost")
    cut = " " * (WINDOW_CHARS - 2) + "costly" + " " * WINDOW_CHARS
    assert list(word.finditer(cut)) == []  # a word cut by a window's end is not a mention
    assert [m.start() for m in word.finditer(cut + " cost")] == [len(cut) + 1]


def test_a_match_longer_than_the_overlap_may_be_missed_in_a_long_unit_only():
    step = WINDOW_CHARS - MAX_MATCH_CHARS
    rx = compile_corpus_pattern("a{%d}" % (MAX_MATCH_CHARS + 200), source="x", where="y")
    assert rx.search("a" * (MAX_MATCH_CHARS + 200))  # a short unit: one search sees it whole
    near = "b" * (step + 100) + "a" * (MAX_MATCH_CHARS + 200) + "b" * WINDOW_CHARS
    assert rx.search(near).start() == step + 100  # it fits one window
    late = "b" * (2 * step - 100) + "a" * (MAX_MATCH_CHARS + 200) + "b" * WINDOW_CHARS
    assert rx.search(late) is None  # it fits none: the documented limit


SHAPES = {"long_word": "a", "dots": ".", "spaces": " ", "word_dots": "a.", "brackets": "[(", "mixed": "ab ab. "}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_an_accepted_quadratic_pattern_costs_linear_time(shape):
    """``[\\w.]+[^\\w.]``-style patterns rescan from every start; the windows bound each scan."""
    rx = compile_corpus_pattern(r"[\w.]+[^\w.(\[]|\s+\S+\s*z", source="cleaning.toml", where="rule[1].pattern")

    def cpu(n: int) -> float:
        text = (SHAPES[shape] * (n // len(SHAPES[shape]) + 1))[:n]
        best = float("inf")
        for _ in range(2):
            t0 = time.process_time()
            rx.search(text)
            best = min(best, time.process_time() - t0)
        return best

    small, large = cpu(3_000), cpu(30_000)
    assert large < 25 * max(small, 0.005)


def test_the_time_limit_names_file_pattern_and_unit(monkeypatch):
    import briefkit.inputs.patterns as patterns

    rx = _rx("costs?")
    monkeypatch.setattr(patterns, "TIMEOUT_SECONDS", 1e-9)
    with pytest.raises(PatternError, match=r"targets\.toml: targets\.x\.patterns\[1\]: pattern 'costs\?' took "
                                           r"more than 1e-09 s on sentence 3 of d1 \(100,000 characters\)"):
        for _ in range(200):
            list(rx.finditer("cost " * 20_000, unit="sentence 3 of d1"))


def test_a_catastrophic_target_pattern_never_reaches_a_notebook(tmp_path):
    (tmp_path / "targets.toml").write_text("[targets.a]\nterms = ['x']\npatterns = ['(a|a)+$']\n", encoding="utf-8")
    t0 = time.process_time()
    with pytest.raises(CorpusError, match="refused: alternation under a repeat"):
        load_targets("targets.toml", corpus=tmp_path)
    assert time.process_time() - t0 < 1.0
