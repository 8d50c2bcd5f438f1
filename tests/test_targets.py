"""Tests for briefkit.stance.targets: loading, validation, path containment, mention finding."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefkit.stance.targets import TargetsError, corpus_targets_file, find_mentions, load_targets


def _sents(*texts, doc_id="d"):
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    return pd.DataFrame({"doc_id": doc_id, "sent_id": range(len(texts)), "start": starts,
                         "end": [s + len(t) for s, t in zip(starts, texts)], "text": list(texts)})


def _targets(rows):
    return pd.DataFrame(rows, columns=["target", "label", "kind", "value"])


def test_default_targets_cover_issue_topics():
    t = load_targets()
    assert list(dict.fromkeys(t["target"])) == [
        "alliance", "burden_sharing", "usfk", "trade", "china", "north_korea", "japan",
        "econ_security", "shipbuilding", "trump"]
    assert set(t["kind"]) == {"term", "pattern"}


def test_default_targets_match_aliases_and_avoid_false_friends():
    t = load_targets()
    s = _sents("USFK and U.S. Forces Korea and American troops in Korea.",
               "He played his trump card.",
               "We talked with us alliance partners.",
               "The ROK-U.S. alliance is strong.",
               "It is a bargaining chip, a trade-off.",
               "Seoul wants more chips and semiconductors.")
    m = find_mentions(s, t)
    got = {(r.sent_id, r.target): r.matched for r in m.itertuples()}
    assert got[(0, "usfk")] == "USFK; U.S. Forces Korea; American troops in Korea"
    assert (1, "trump") not in got
    assert not any(k[0] == 2 for k in got)
    assert got[(3, "alliance")] == "ROK-U.S. alliance"
    assert not any(k[0] == 4 for k in got)
    assert got[(5, "econ_security")] == "chips; semiconductors"


def test_default_targets_definite_alliance_and_troop_withdrawal():
    s = _sents("The alliance must come first.",
               "North Korea is strengthening its military alliance with Moscow.",
               "Alliances are transactional for him.",
               "He considered the withdrawal of U.S. troops from South Korea.",
               "Uncertainty can undermine alliance trust.")
    m = find_mentions(s, load_targets())
    got = {(r.sent_id, r.target): r.matched for r in m.itertuples()}
    assert got[(0, "alliance")] == "The alliance"
    assert (1, "alliance") not in got and (2, "alliance") not in got
    assert got[(3, "usfk")] == "withdrawal of U.S. troops from South Korea"
    assert got[(4, "alliance")] == "alliance trust"


def test_find_mentions_offsets_and_word_boundaries():
    t = _targets([("jp", "Japan", "term", "Japan"), ("jp", "Japan", "pattern", r"Japanese"),
                  ("cn", "China", "term", "China")])
    s = _sents("Japanese and Japan, not Japanification.", "China only.")
    m = find_mentions(s, t)
    assert m[["sent_id", "target", "n_matches", "matched", "spans", "text_start", "text_end"]
             ].values.tolist() == [[0, "jp", 2, "Japanese; Japan", "0-8;13-18", 0, 8],
                                   [1, "cn", 1, "China", "0-5", 0, 5]]
    assert m["start"].tolist() == [0, 40]


def test_raw_match_offsets_only_when_verified():
    t = _targets([("jp", "Japan", "term", "Japan")])
    raw = "Intro. **Japan** rises."
    docs = pd.DataFrame({"doc_id": ["d"], "raw_text": [raw]})
    # cleaned text dropped the markup, so sentence start + text offset is wrong;
    # the match is re-found in the raw slice and verified
    s = pd.DataFrame({"doc_id": ["d"], "sent_id": [1], "start": [7], "end": [23], "text": ["Japan rises."]})
    m = find_mentions(s, t, docs=docs)
    assert (m.loc[0, "match_start"], m.loc[0, "match_end"]) == (9, 14)
    assert raw[9:14] == "Japan"
    # the raw slice does not contain the same matches -> missing, not wrong
    s2 = s.assign(start=0, end=6)
    assert pd.isna(find_mentions(s2, t, docs=docs).loc[0, "match_start"])


def test_headings_dropped_by_default():
    t = _targets([("jp", "Japan", "term", "Japan")])
    s = _sents("Japan", "Japan is near.").assign(is_heading=[True, False])
    assert find_mentions(s, t)["sent_id"].tolist() == [1]
    assert find_mentions(s, t, drop_headings=False)["sent_id"].tolist() == [0, 1]


def test_no_matches_gives_empty_table_with_columns():
    t = _targets([("jp", "Japan", "term", "Japan")])
    m = find_mentions(_sents("Nothing here."), t)
    assert m.empty and "match_start" in m.columns


def test_load_toml_and_csv_from_corpus(tmp_path):
    (tmp_path / "targets.toml").write_text(
        '[targets.jp]\nlabel = "Japan"\nterms = ["Japan"]\npatterns = ["Nippon\\\\w*"]\n', "utf-8")
    (tmp_path / "t.csv").write_text("# comment\ntarget,label,kind,value\njp,Japan,term,Tokyo\n", "utf-8")
    assert corpus_targets_file(tmp_path) == "targets.toml"
    a = load_targets("targets.toml", corpus=tmp_path)
    assert a.values.tolist() == [["jp", "Japan", "term", "Japan"], ["jp", "Japan", "pattern", r"Nippon\w*"]]
    b = load_targets("t.csv", corpus=tmp_path)
    assert b.values.tolist() == [["jp", "Japan", "term", "Tokyo"]]


@pytest.mark.parametrize("body, message", [
    ('[targets.jp]\nterms = ["Japan"]\npatterns = ["(unclosed"]\n', "targets.jp.patterns[1]: pattern '(unclosed' refused: invalid"),
    ('[targets.jp]\npatterns = ["a*"]\n', "matches the empty string"),
    ('[targets.jp]\nterms = [""]\n', "empty term"),
    ('[targets.jp]\nterm = ["Japan"]\n', "targets.jp: unknown key(s) 'term'"),
    ('[targets.jp]\npatterns = ["(x+)+y"]\n', "targets.jp.patterns[1]: pattern '(x+)+y' refused: nested quantifier"),
    ('[targets]\n', "expected one or more [targets.<id>] tables"),
    ('[targets.jp\n', "not valid TOML"),
    ('[targets."bad id"]\nterms = ["x"]\n', 'targets."bad id": a target id must be'),
])
def test_toml_validation_errors_name_file_and_target(tmp_path, body, message):
    (tmp_path / "targets.toml").write_text(body, "utf-8")
    with pytest.raises(TargetsError) as err:
        load_targets("targets.toml", corpus=tmp_path)
    assert "targets.toml" in str(err.value)
    assert message in str(err.value)


def test_csv_validation_errors(tmp_path):
    (tmp_path / "t.csv").write_text("target,label,kind,value\njp,Japan,word,Japan\n", "utf-8")
    with pytest.raises(TargetsError, match=r"t.csv: row 2: kind 'word' is not one of 'term', 'pattern'"):
        load_targets("t.csv", corpus=tmp_path)
    (tmp_path / "h.csv").write_text("id,label,kind,value\n", "utf-8")
    with pytest.raises(TargetsError, match="h.csv: row 1: missing column.s. 'target'"):
        load_targets("h.csv", corpus=tmp_path)


def test_path_escape_rejected(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (tmp_path / "targets.toml").write_text('[targets.jp]\nterms = ["Japan"]\n', "utf-8")
    with pytest.raises(TargetsError, match="outside the corpus folder"):
        load_targets("../targets.toml", corpus=corpus)
    with pytest.raises(TargetsError, match="outside the corpus folder"):
        load_targets(tmp_path / "targets.toml", corpus=corpus)
    with pytest.raises(TargetsError, match="not found"):
        load_targets("missing.toml", corpus=corpus)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="Japn ,.-xyJ", max_size=40))
def test_mentions_spans_point_at_matches(text):
    t = _targets([("jp", "Japan", "term", "Japan"), ("jp", "Japan", "pattern", "J[a-z]*n")])
    m = find_mentions(_sents(text), t)
    for r in m.itertuples():
        spans = [tuple(map(int, p.split("-"))) for p in r.spans.split(";")]
        assert len(spans) == r.n_matches
        assert all(e > s for s, e in spans)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))  # sorted, no overlap
        assert all(text[s:e].lower().startswith("j") for s, e in spans)
