"""The heavy steps on a Dask cluster give the tables of the single-machine path (a LocalCluster of processes).

The K search's refits (``k_diagnostics`` / ``topic_report``), the detectors (``classify_sentences``,
``recommendations``) and the stance annotator (``annotate_mentions``) take ``client=``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from briefkit.corpus.load import load_corpus
from briefkit.corpus.text.passages import passages
from briefkit.corpus.text.segment import sentences
from briefkit.forecasts.detection.detect import classify_sentences
from briefkit.forecasts.detection.recommendations import recommendations
from briefkit.stance.appraisal import annotate_mentions
from briefkit.stance.targets import find_mentions, load_targets
from briefkit.topics.select import k_diagnostics

distributed = pytest.importorskip("dask.distributed")  # the [dask] extra, installed with [test]
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def client():
    # worker processes: every function and argument really travels to another interpreter
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def sents():
    parts = []
    for corpus in ("corpus", "examples/irish-budget-2010"):
        docs = load_corpus(ROOT / corpus, n_jobs=1)
        parts.append(sentences(docs, n_jobs=1))
    return pd.concat(parts, ignore_index=True)


def test_k_search_on_dask_is_identical(client):
    docs = load_corpus(ROOT / "corpus", n_jobs=1)
    units = passages(sentences(docs, n_jobs=1))
    local = k_diagnostics(units, k_values=[2, 3, 4, 5], n_seeds=3, n_jobs=1)
    remote = k_diagnostics(units, k_values=[2, 3, 4, 5], n_seeds=3, client=client)
    pd.testing.assert_frame_equal(remote, local)
    assert len(local) == 4


def test_detectors_on_dask_are_identical(client, sents):
    shuffled = sents.sample(frac=1.0, random_state=1)  # rows out of document order, index kept
    local = classify_sentences(shuffled)
    remote = classify_sentences(shuffled, client=client)
    pd.testing.assert_frame_equal(remote, local)
    assert local["sentence_type"].eq("forecast").sum() > 10
    pd.testing.assert_frame_equal(recommendations(sents, client=client), recommendations(sents))


def test_stance_annotator_on_dask_is_identical(client, sents):
    mentions = find_mentions(sents.loc[~sents["is_heading"]].reset_index(drop=True), load_targets())
    local = annotate_mentions(mentions)
    remote = annotate_mentions(mentions, client=client)
    pd.testing.assert_frame_equal(remote, local)
    assert len(local) > 100 and local["stance_auto"].ne(0).any()
