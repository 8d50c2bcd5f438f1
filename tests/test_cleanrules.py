"""Tests for briefkit.corpus.cleaning.rules: packaged rules, corpus cleaning.toml, and clear errors for bad rules."""

from __future__ import annotations

import os

import pytest

from briefkit.corpus.cleaning.clean import DocumentMeta, clean_document
from briefkit.corpus.cleaning.rules import CORPUS_RULES_FILE, load_rules, parse_rules
from briefkit.errors import BriefkitError, CorpusError

RAW = "Tariffs\n\nSeoul will pay more.\n\nGET THE KOREA WATCH NEWSLETTER EVERY FRIDAY\n\nRead more: later\n"


def test_packaged_rules_cover_every_documented_category():
    rules = load_rules()
    assert {r.category for r in rules} == {"comments", "navigation", "contact", "editors", "author_bio",
                                           "disclaimer", "series_blurb", "caption"}
    assert all(r.source == "briefkit/data/cleaning_rules.toml" for r in rules)
    assert all(r.scope in ("line", "block", "section", "rest") for r in rules)
    assert load_rules() == rules  # deterministic


def test_rule_matches_respects_max_words():
    rules, replace = parse_rules('[[rule]]\ncategory = "nav"\npattern = "^read more"\nmax_words = 3\n', source="x")
    assert replace is False
    assert rules[0].matches("Read more now", 3) is True
    assert rules[0].matches("Read more now please", 4) is False
    assert rules[0].matches("Please read more", 3) is False


def test_corpus_file_adds_a_rule(tmp_path):
    (tmp_path / CORPUS_RULES_FILE).write_text(
        '[[rule]]\ncategory = "newsletter"\npattern = "^get the .* newsletter"\n', encoding="utf-8")
    rules = load_rules(tmp_path)
    assert len(rules) == len(load_rules()) + 1
    assert rules[-1].category == "newsletter" and rules[-1].source == CORPUS_RULES_FILE
    res = clean_document(RAW, DocumentMeta(title="Tariffs"), rules)
    assert res.clean == "Tariffs\n\nSeoul will pay more."
    assert {e.category for e in res.edits if e.replacement == "" and e.text.strip()} == {"newsletter", "navigation"}


def test_corpus_file_replace_defaults(tmp_path):
    (tmp_path / CORPUS_RULES_FILE).write_text(
        'replace_defaults = true\n[[rule]]\ncategory = "newsletter"\npattern = "newsletter"\n', encoding="utf-8")
    rules = load_rules(tmp_path)
    assert [r.category for r in rules] == ["newsletter"]
    res = clean_document(RAW, DocumentMeta(title="Tariffs"), rules)
    assert res.clean == "Tariffs\n\nSeoul will pay more.\n\nRead more: later"  # default navigation rule gone


def test_no_corpus_file_means_defaults(tmp_path):
    assert load_rules(tmp_path) == load_rules()


@pytest.mark.parametrize("text, message", [
    ("[[rule]\ncategory = 'x'", r"x\.toml: row 1: not valid TOML"),
    ("replace_defaults = 'yes'", r"x\.toml: replace_defaults: must be true or false"),
    ("rule = 3", r"x\.toml: rule: must be an array of tables"),
    ("[[rule]]\ncategory = 'nav'\npattern = 'a'\ncolour = 'red'", r"x\.toml: rule\[1\]: unknown key\(s\) 'colour'"),
    ("[[rule]]\ncategory = 'Nav Bar'\npattern = 'a'", r"x\.toml: rule\[1\]\.category: must be a lower-case identifier"),
    ("[[rule]]\ncategory = 'nav'", r"x\.toml: rule\[1\]\.pattern: must be a non-empty string"),
    ("[[rule]]\ncategory = 'nav'\npattern = ''", r"x\.toml: rule\[1\]\.pattern: must be a non-empty string"),
    ("[[rule]]\ncategory = 'a'\npattern = 'ok'\n[[rule]]\ncategory = 'nav'\npattern = '(unclosed'",
     r"x\.toml: rule\[2\]\.pattern: pattern '\(unclosed' refused: invalid regular expression"),
    ("[[rule]]\ncategory = 'nav'\npattern = 'x*'", r"x\.toml: rule\[1\]\.pattern: pattern 'x\*' matches the empty string"),
    ("[[rule]]\ncategory = 'nav'\npattern = 'a'\nscope = 'page'", r"x\.toml: rule\[1\]\.scope: must be one of"),
    ("[[rule]]\ncategory = 'nav'\npattern = 'a'\nmax_words = 0", r"x\.toml: rule\[1\]\.max_words: must be a positive"),
    ("[[rule]]\ncategory = 'nav'\npattern = 'a'\nmax_words = 'ten'", r"x\.toml: rule\[1\]\.max_words: must be"),
    ("[[rule]]\ncategory = 'nav'\npattern = '(a|a)+$'", r"x\.toml: rule\[1\]\.pattern: pattern .* refused: alternation"),
])
def test_parse_rules_errors_name_source_and_rule(text, message):
    with pytest.raises(BriefkitError, match=message):
        parse_rules(text, source="x.toml")


def test_invalid_corpus_rules_file_named_in_error(tmp_path):
    path = tmp_path / CORPUS_RULES_FILE
    path.write_text("[[rule]]\ncategory = 'ok'\npattern = 'fine'\n\n[[rule]]\ncategory = 'bad'\npattern = '[a-'\n",
                    encoding="utf-8")
    with pytest.raises(BriefkitError) as exc:
        load_rules(tmp_path)
    assert str(exc.value).startswith("cleaning.toml: rule[2].pattern: pattern '[a-' refused")
    assert isinstance(exc.value, ValueError)


def test_corpus_rules_file_not_utf8(tmp_path):
    (tmp_path / CORPUS_RULES_FILE).write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(BriefkitError, match="cleaning.toml: row 1: is not UTF-8 text"):
        load_rules(tmp_path)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_corpus_rules_symlink_refused(tmp_path):
    target = tmp_path / "elsewhere.toml"
    target.write_text("", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / CORPUS_RULES_FILE).symlink_to(target)
    with pytest.raises(BriefkitError, match="cleaning.toml: is a symbolic link to a file outside the corpus"):
        load_rules(corpus)


@pytest.mark.parametrize("pattern, why", [
    ("(a|a)+$", "alternation under a repeat"),
    (r"(\w+\s?)*x", "nested quantifier"),
    (r"(?!\s+of)x", "lookaround holding an unbounded repeat"),
])
def test_corpus_pattern_refused_by_its_shape_not_the_clock(tmp_path, pattern, why):
    (tmp_path / CORPUS_RULES_FILE).write_text(f"[[rule]]\ncategory = 'nav'\npattern = '{pattern}'\n",
                                              encoding="utf-8")
    with pytest.raises(CorpusError, match=rf"cleaning\.toml: rule\[1\]\.pattern: pattern .* refused: {why}"):
        load_rules(tmp_path)


def test_quadratic_corpus_pattern_costs_linear_time_in_windows(tmp_path):
    r"""`[\w.]+[^\w.]` rescans one long word from every start: the windows bound each search."""
    import time

    (tmp_path / CORPUS_RULES_FILE).write_text("[[rule]]\ncategory = 'nav'\npattern = '[\\w.]+[^\\w.]'\n",
                                              encoding="utf-8")
    rule = load_rules(tmp_path)[-1]
    assert rule.limited and rule.matches("a.b c", 2)
    times = []
    for n in (5_000, 50_000):
        t0 = time.process_time()
        assert not rule.matches("a" * n, 1)
        times.append(time.process_time() - t0)
    assert times[1] < 25 * max(times[0], 0.01)


def test_corpus_pattern_time_limit_names_file_rule_and_line(tmp_path, monkeypatch):
    import briefkit.inputs.patterns as patterns_mod

    (tmp_path / CORPUS_RULES_FILE).write_text("[[rule]]\ncategory = 'nav'\npattern = '^read more$'\n",
                                              encoding="utf-8")
    rule = load_rules(tmp_path)[-1]
    assert rule.limited and rule.matches("Read more", 2) and not rule.matches("Read on", 2)
    monkeypatch.setattr(patterns_mod, "TIMEOUT_SECONDS", 1e-9)
    with pytest.raises(CorpusError, match=r"cleaning\.toml: rule\[1\]\.pattern: pattern .* took more than .* on "
                                          r"a line of 100,000 characters starting 'read read"):
        for _ in range(200):  # a tiny time limit trips on the first search that checks the clock
            rule.matches("read " * 20_000, 1)


def test_corpus_rules_file_that_is_a_folder(tmp_path):
    (tmp_path / CORPUS_RULES_FILE).mkdir()
    with pytest.raises(CorpusError, match="cleaning.toml: is a folder, not a file"):
        load_rules(tmp_path)


@pytest.mark.parametrize("content, message", [
    (b"[[rule]\n", "not valid TOML"),
    (b"\xff\xfe\x00bad", "not UTF-8"),
    ("[[rule]]\ncategory = 'nav'\npattern = '(unclosed'\n".encode(), r"rule\[1\]\.pattern: .* invalid regular expression"),
])
def test_corpus_rules_errors_are_corpus_errors(tmp_path, content, message):
    (tmp_path / CORPUS_RULES_FILE).write_bytes(content)
    with pytest.raises(CorpusError, match=message):
        load_rules(tmp_path)


def test_requires_is_a_pre_check_only():
    rules, _ = parse_rules('[[rule]]\ncategory = "nav"\npattern = "views do not"\nrequires = [" NOT "]\n',
                           source="x.toml")
    assert rules[0].requires == (" not ",)
    assert rules[0].matches("These Views Do Not reflect ours", 6)
    assert not rules[0].matches("views do nothing", 3)
    with pytest.raises(CorpusError, match=r"rule\[1\]\.requires: must be a list of non-empty strings"):
        parse_rules('[[rule]]\ncategory = "nav"\npattern = "a"\nrequires = "not"\n', source="x.toml")
