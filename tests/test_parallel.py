"""Per-document stages on several processes give the same tables as one process, byte for byte."""

from __future__ import annotations

import pandas as pd

from briefkit.corpus.load import load_corpus, removed_spans
from briefkit.corpus.pipeline import parallel_jobs, PARALLEL_MIN_CHARS
from briefkit.corpus.text.segment import paragraphs, sentences
from conftest import SEED_CORPUS


def test_parallel_load_and_sentences_identical_to_serial():
    serial = load_corpus(SEED_CORPUS, n_jobs=1)
    parallel = load_corpus(SEED_CORPUS, n_jobs=2)
    cols = [c for c in serial.columns if c != "cleaning"]
    pd.testing.assert_frame_equal(serial[cols], parallel[cols])
    assert [r.edits for r in serial["cleaning"]] == [r.edits for r in parallel["cleaning"]]
    assert [r.raw for r in parallel["cleaning"]] == serial["raw_text"].tolist()
    pd.testing.assert_frame_equal(removed_spans(serial), removed_spans(parallel))
    a, b = sentences(serial, n_jobs=1), sentences(parallel, n_jobs=2)
    assert a.to_csv(index=False) == b.to_csv(index=False)
    assert paragraphs(serial).equals(paragraphs(parallel))


def test_small_corpora_stay_in_one_process(monkeypatch):
    monkeypatch.delenv("BRIEFKIT_N_JOBS", raising=False)
    assert parallel_jobs(None, PARALLEL_MIN_CHARS - 1) == 1
    assert parallel_jobs(2, 10) == 2
    monkeypatch.setenv("BRIEFKIT_N_JOBS", "3")
    assert parallel_jobs(None, 10) == 3
