"""The Dask path gives the same tables as the pandas path (on a small LocalCluster)."""

from __future__ import annotations

import pandas as pd
import pytest

from briefkit.corpus.load import load_corpus, removed_spans
from briefkit.corpus.text.segment import sentences
from briefkit.errors import CorpusError
from conftest import SEED_CORPUS

distributed = pytest.importorskip("dask.distributed")  # the [dask] extra, installed with [test]


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


def test_dask_tables_identical_to_pandas(client):
    from briefkit.corpus.distributed import load_corpus_dask

    out = load_corpus_dask(SEED_CORPUS, client=client, npartitions=3)
    docs = load_corpus(SEED_CORPUS, n_jobs=1)
    cols = [c for c in docs.columns if c != "cleaning"]
    pd.testing.assert_frame_equal(out["documents"][cols], docs[cols])
    assert [r.edits for r in out["documents"]["cleaning"]] == [r.edits for r in docs["cleaning"]]
    assert out["sentences"].to_csv(index=False) == sentences(docs, n_jobs=1).to_csv(index=False)
    pd.testing.assert_frame_equal(out["removed"], removed_spans(docs))


def test_dask_path_reports_the_same_problems(client, tmp_path):
    from briefkit.corpus.distributed import load_corpus_dask

    (tmp_path / "manifest.csv").write_text("doc_id,file,title\na,a.txt,A\nb,b.txt,B\n", encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(b"%PDF-1.4 binary")
    with pytest.raises(CorpusError) as pandas_err:
        load_corpus(tmp_path)
    with pytest.raises(CorpusError) as dask_err:
        load_corpus_dask(tmp_path, client=client)
    assert str(dask_err.value) == str(pandas_err.value)
