"""Benchmark briefkit's topic fit against bare scikit-learn on the same matrix.

Not a test and not run in CI. Run from the repository root:

    .venv/bin/python benchmarks/bench_topics.py [--docs 500 5000] [--k 6] [--seed 0]

Synthetic corpora: every document has 10 passages; every passage is 3-5
sentences drawn at random (fixed seed) from the body sentences of the seed
corpus (corpus/) and, when present, the Irish budget speeches in
../shared/validation/irish-budget-2010, so word frequencies are those of real
prose and no two passages are copies. 500 documents = 5,000 passages; 5,000
documents = 50,000 passages.

For each size it times (best of ``--repeat`` runs, wall clock):

- ``vocabulary``: briefkit.topics.vocab.build_vocabulary (tokenizer + CountVectorizer + TF-IDF);
- ``briefkit fit``: briefkit.topics.model.fit_topics(..., vocab=vocab) for NMF (everything the
  notebook gets: normalised shares, topic ordering, passage status table);
- ``sklearn fit``: sklearn.decomposition.NMF with the same settings on the same TF-IDF
  matrix (fit_transform only);

and the peak memory traced by tracemalloc during one extra run of each fit.
The overhead ratio is briefkit fit time / sklearn fit time (aim: < 1.5).
Prints a markdown table and writes benchmarks/results/topics.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.decomposition import NMF

from briefkit.corpus.load import load_corpus
from briefkit.corpus.segment import sentences
from briefkit.topics.vocab import build_vocabulary
from briefkit.topics.model import fit_topics

ROOT = Path(__file__).resolve().parents[1]
IRISH = ROOT.parent / "shared" / "validation" / "irish-budget-2010"


def sentence_pool() -> tuple[list[str], list[str]]:
    """Body sentences of the seed corpus (and the Irish speeches, if present)."""
    sources = [ROOT / "corpus"] + ([IRISH] if (IRISH / "manifest.csv").exists() else [])
    pool, names = [], []
    for src in sources:
        sents = sentences(load_corpus(src))
        body = sents.loc[~sents["is_heading"], "text"].astype(str)
        pool.extend(t for t in body if len(t.split()) >= 4)
        names.append(src.name)
    return pool, names


def synthetic_passages(pool: list[str], n_docs: int, seed: int, per_doc: int = 10) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = n_docs * per_doc
    sizes = rng.integers(3, 6, size=n)
    picks = rng.integers(0, len(pool), size=int(sizes.sum()))
    texts, pos = [], 0
    for s in sizes:
        texts.append(" ".join(pool[i] for i in picks[pos:pos + s]))
        pos += s
    doc = np.repeat([f"syn{i:05d}" for i in range(n_docs)], per_doc)
    para = np.tile(np.arange(per_doc), n_docs)
    return pd.DataFrame({"doc_id": doc, "passage_id": [f"{d}:p{p}.0" for d, p in zip(doc, para)],
                         "para_id": para, "start": para * 1000, "end": para * 1000 + 999,
                         "n_sentences": sizes, "text": texts})


def best_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def peak_mib(fn) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def bench(pool, n_docs: int, k: int, seed: int, repeat: int) -> dict:
    units = synthetic_passages(pool, n_docs, seed)
    t0 = time.perf_counter()
    vocab = build_vocabulary(units)
    t_vocab = time.perf_counter() - t0
    X = vocab.tfidf

    def ours():
        return fit_topics(units, k, model="nmf", seed=seed, vocab=vocab)

    def bare():
        est = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=400, tol=1e-4)
        return est.fit_transform(X), est.components_

    t_bare = best_time(bare, repeat)
    t_ours = best_time(ours, repeat)
    return {"docs": n_docs, "passages": len(units), "terms": int(X.shape[1]), "nnz": int(X.nnz),
            "k": k, "vocabulary_s": round(t_vocab, 3), "briefkit_fit_s": round(t_ours, 3),
            "sklearn_fit_s": round(t_bare, 3), "overhead_ratio": round(t_ours / t_bare, 3),
            "briefkit_peak_mib": round(peak_mib(ours), 1), "sklearn_peak_mib": round(peak_mib(bare), 1)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[500, 5000])
    ap.add_argument("--k", type=int, default=6)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args(argv)
    pool, names = sentence_pool()
    rows = [bench(pool, n, args.k, args.seed, args.repeat) for n in args.docs]
    out = {"benchmark": "topics", "model": "nmf (init=nndsvda, max_iter=400, tol=1e-4)",
           "sentence_pool": {"sources": names, "sentences": len(pool)},
           "python": platform.python_version(), "sklearn": sklearn.__version__,
           "numpy": np.__version__, "machine": platform.machine(), "cpus": os.cpu_count(),
           "timing": f"best of {args.repeat} wall-clock runs; peak memory: tracemalloc, one run",
           "results": rows}
    path = ROOT / "benchmarks" / "results" / "topics.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    cols = ["docs", "passages", "terms", "vocabulary_s", "briefkit_fit_s", "sklearn_fit_s",
            "overhead_ratio", "briefkit_peak_mib", "sklearn_peak_mib"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r[c]) for c in cols) + " |")
    print(f"\nwritten: {path.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
