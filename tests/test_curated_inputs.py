"""Every curated file: validate reports what the notebook's reader refuses, with file, row and problem,
and the reader raises the same CorpusError, never another traceback (issues 17 and 22).

Each case writes one bad curated file into a copy of the seed corpus, then checks (1) ``validate``
lists the problem naming the file, the row (or key) and what is wrong, (2) the very call a notebook
makes raises a :class:`CorpusError` holding the same problems, and (3) hostile files (a FIFO, a
symbolic link out of the corpus) are refused within a second.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefkit.corpus.load import load_corpus
from briefkit.errors import CorpusError, Problem
from briefkit.forecasts.ledger import events as ev
from briefkit.forecasts.ledger import outcomes as oc
from briefkit.forecasts.ledger import uptake as up
from briefkit.inputs.registry import registered
from briefkit.inputs.schemas import input_schemas
from briefkit.stance.coding import read_codes
from briefkit.stance.targets import corpus_targets_file, load_targets
from briefkit.topics.labels import read_topic_labels
from briefkit.topics.normalize import load_vocabulary_rules
from briefkit.validate import validate_corpus
from conftest import SEED_CORPUS

CODES_HEADER = "doc_id,start,end,target,stance,holder,coder,note\n"


def _outcomes(root):  # notebook 04: sync_outcomes reads the file at corpus_table_path
    return oc.sync_outcomes(pd.DataFrame({"pred_id": []}), ev.corpus_table_path("outcomes.csv", root),
                            write=False, label="outcomes.csv")


#: The call each notebook makes to read each curated file.
NOTEBOOK_READERS = {
    "cleaning.toml": lambda root: load_corpus(root),
    "targets.toml": lambda root: load_targets(corpus_targets_file(root), corpus=root),
    "targets.csv": lambda root: load_targets("targets.csv", corpus=root),
    "stance_codes.csv": lambda root: read_codes(corpus=root),
    "topic_labels.csv": lambda root: read_topic_labels(root / "topic_labels.csv"),
    "vocabulary.toml": lambda root: load_vocabulary_rules(corpus=root),
    "events.csv": lambda root: ev.load_ledger(root),
    "outcomes.csv": _outcomes,
    "uptake.csv": lambda root: up.load_uptake(root),
}


def _validate(root) -> list[Problem]:
    t = validate_corpus(root)
    return [Problem(f, None if pd.isna(r) else int(r), p, severity=s)
            for f, r, p, s in zip(t["file"], t["row"], t["problem"], t["severity"])]


def test_every_declared_curated_file_has_a_notebook_reader_and_a_registered_reader():
    declared = {f for name, s in input_schemas().items() if name != "manifest" for f in s.files}
    assert declared == set(NOTEBOOK_READERS)
    assert {f for c in registered() for f in c.schema.files} == declared


CASES = [
    ("stance_codes.csv", CODES_HEADER + "blog-2020-nk,371,462,trump,2,author,k,\n",
     [Problem("stance_codes.csv", 2, "stance '2' is not one of -1, 0, 1")]),
    ("stance_codes.csv", CODES_HEADER + "blog-2020-nk,-5,462,trump,1,author,k,\n",
     [Problem("stance_codes.csv", 2, "start must be a character offset (an integer >= 0), got -5")]),
    ("stance_codes.csv", CODES_HEADER + "blog-2020-nk,371,462,trump,1,author,k,\nblog-2020-nk,371,462,trump,-1,author,k,\n",
     [Problem("stance_codes.csv", 3, "conflicts with row 2 (doc_id 'blog-2020-nk', start 371, end 462, target "
                                     "'trump', coder 'k'): stance 1 there, -1 here")]),
    ("uptake.csv", "rec_id,event_id,verdict,note\nR1,E001,maybe,\n",
     [Problem("uptake.csv", 2, "verdict 'maybe' is not one of 'taken', 'partly', 'not taken', 'not checkable'")]),
    ("uptake.csv", "rec_id,event_id,verdict,note\nR1,E001,taken,\nR1,E001,taken,\n",
     [Problem("uptake.csv", 3, "repeats row 2 (rec_id 'R1', event_id 'E001')")]),
    ("topic_labels.csv", "topic_key,label\na|b,Trade\na|b,Tariffs\n",
     [Problem("topic_labels.csv", 3, "conflicts with row 2 (topic_key 'a|b'): label 'Trade' there, 'Tariffs' here")]),
    ("topic_labels.csv", "topic_key,name\na|b,Trade\n",
     [Problem("topic_labels.csv", 1, "missing column(s) 'label'; the header needs topic_key, label "
                                     "(found: topic_key, name)")]),
    ("vocabulary.toml", '[merge]\n"north korea" = "DPRK"\n',
     [Problem("vocabulary.toml", None, 'merge."north korea": must list at least one form')]),
    ("vocabulary.toml", '[merges]\n',
     [Problem("vocabulary.toml", None, "unknown key(s) 'merges'; allowed: 'filler', 'merge', 'merge_exact', "
                                       "'replace_defaults', 'stop'")]),
    ("targets.toml", "[targets.a]\npatterns = ['(a|a)+$']\n",
     [Problem("targets.toml", None, "targets.a.patterns[1]: pattern '(a|a)+$' refused: alternation under a "
                                    "repeat: in `(a|a)+` the branches `a` and `a` can start with the same "
                                    "character, so every repetition may try both (make the branches start "
                                    "differently, e.g. `ab?` for `a|ab`)")]),
    ("targets.csv", "target,label,kind,value\na,A,pattern,(x+)+y\n",
     [Problem("targets.csv", 2, "target 'a': pattern '(x+)+y' refused: nested quantifier: `(x+)+` holds an "
                                "unbounded repeat that can match what follows it inside the loop, so the same "
                                "text can be matched in exponentially many ways (as `(a+)+` can; write `a+`)")]),
    ("events.csv", "event_id,date,date_precision,description,category,source\nE1,2025-07,day,x,c,s\n",
     [Problem("events.csv", 2, "date '2025-07' does not match date_precision 'day' (expected YYYY-MM-DD)")]),
    ("outcomes.csv", "pred_id,outcome,resolved_on,note\nP1,happend,2025-13,\n",
     [Problem("outcomes.csv", 2, "outcome 'happend' is not one of 'happened', 'did not happen', 'partly', "
                                 "'pending', 'ambiguous', 'annulled'"),
      Problem("outcomes.csv", 2, "resolved_on '2025-13' is not a date: there is no month 13; use YYYY, YYYY-MM "
                                 "or YYYY-MM-DD (e.g. 2025, 2025-03 or 2025-03-07), or leave it empty")]),
    ("cleaning.toml", "[[rule]]\ncategory = 'nav'\npattern = '(\\w+\\s?)*$'\n",
     [Problem("cleaning.toml", None, "rule[1].pattern: pattern '(\\\\w+\\\\s?)*$' refused: nested quantifier: "
                                     "`(\\w+\\s?)*` holds an unbounded repeat that can match what follows it "
                                     "inside the loop, so the same text can be matched in exponentially many "
                                     "ways (as `(a+)+` can; write `a+`)")]),
]


@pytest.mark.parametrize("name, text, expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_validate_reports_what_the_notebook_reader_raises(seed_copy, name, text, expected):
    (seed_copy / name).write_text(text, encoding="utf-8")
    assert _validate(seed_copy) == expected
    with pytest.raises(CorpusError) as err:
        NOTEBOOK_READERS[name](seed_copy)
    assert err.value.problems == expected


def test_unknown_event_ids_in_notes_are_listed_as_warnings(seed_copy, capsys):
    from briefkit.cli import main

    with open(seed_copy / "outcomes.csv", "a", encoding="utf-8") as fh:
        fh.write("Pnew000001,pending,,waits on E999\n")
    with open(seed_copy / "uptake.csv", "a", encoding="utf-8") as fh:
        fh.write("Rnew000001,E998; E001,partly,\n")
    assert _validate(seed_copy) == [
        Problem("outcomes.csv", 70, "cites event id 'E999', which events.csv does not list", severity="warning"),
        Problem("uptake.csv", 66, "cites event id 'E998', which events.csv does not list", severity="warning")]
    assert main(["validate", str(seed_copy)]) == 0  # warnings alone: every notebook still reads the corpus
    out = capsys.readouterr().out
    assert "outcomes.csv: row 70: warning: cites event id 'E999'" in out and "2 warnings" in out
    for name in ("outcomes.csv", "uptake.csv", "events.csv"):
        NOTEBOOK_READERS[name](seed_copy)


@contextmanager
def _within(seconds: float):
    def fail(*_):
        raise TimeoutError(f"still running after {seconds} s")
    old = signal.signal(signal.SIGALRM, fail)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.parametrize("name", sorted(NOTEBOOK_READERS))
def test_a_fifo_as_a_curated_file_is_refused_within_a_second(seed_copy, name):
    (seed_copy / name).unlink(missing_ok=True)
    os.mkfifo(seed_copy / name)
    want = Problem(name, None, "is a FIFO (named pipe), not a regular file; briefkit reads only regular files")
    with _within(1.0):
        assert want in _validate(seed_copy)
    with _within(1.0), pytest.raises(CorpusError) as err:
        NOTEBOOK_READERS[name](seed_copy)
    assert want in err.value.problems


@pytest.mark.parametrize("name", sorted(NOTEBOOK_READERS))
def test_a_symlink_out_of_the_corpus_is_refused(seed_copy, name, tmp_path):
    outside = tmp_path / f"outside-{name}"
    outside.write_text("", encoding="utf-8")
    (seed_copy / name).unlink(missing_ok=True)
    (seed_copy / name).symlink_to(outside)
    want = Problem(name, None, "is a symbolic link to a file outside the corpus folder; copy the file into "
                               "the corpus folder instead")
    assert want in _validate(seed_copy)
    with pytest.raises(CorpusError) as err:
        NOTEBOOK_READERS[name](seed_copy)
    assert want in err.value.problems


def test_a_symlink_inside_the_corpus_is_followed(seed_copy):
    (seed_copy / "reviews").mkdir()
    shutil.move(seed_copy / "uptake.csv", seed_copy / "reviews" / "uptake.csv")
    (seed_copy / "uptake.csv").symlink_to(seed_copy / "reviews" / "uptake.csv")
    assert _validate(seed_copy) == []
    assert len(NOTEBOOK_READERS["uptake.csv"](seed_copy)) == 64


_TEXT = st.lists(st.sampled_from(list("ab,1-\n\"#[]=' E0") + [
    "rec_id,event_id,verdict,note\n", "taken", "doc_id,start,end,target,stance,holder,coder,note\n",
    "topic_key,label\n", "[merge]\n", "[targets.x]\n", "terms = ['x']\n", "patterns = ['(a+)+']\n",
    "pred_id,outcome\n", "happened", "event_id,date,date_precision,description,category,source\n",
    "2025-07", "month", "-1", "author"]), max_size=30).map("".join)


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(sorted(set(NOTEBOOK_READERS) - {"cleaning.toml"})), text=_TEXT)
def test_whatever_the_text_validate_and_the_reader_agree(name, text):
    """A curated file validate calls OK reads in the notebook; a bad one raises CorpusError, the same."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "corpus"
        shutil.copytree(SEED_CORPUS, root)
        (root / name).write_text(text, encoding="utf-8")
        errors = [p for p in _validate(root) if p.severity == "error"]
        try:
            NOTEBOOK_READERS[name](root)
        except CorpusError as exc:
            assert errors and errors == exc.problems
        else:
            assert errors == []
