"""Benchmark briefkit's topic fit against bare scikit-learn on the same matrix.

Not a test and not run in CI. Run from the repository root:

    .venv/bin/python benchmarks/bench_topics.py [--docs 500 5000] [--k 6] [--seed 0]

Synthetic corpora: every document has 10 passages; every passage is 3-5
sentences drawn at random (fixed seed) from the body sentences of the seed
corpus (corpus/) and, when present, the Irish budget speeches in
examples/irish-budget-2010, so word frequencies are those of real
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

Planted structure (``--planted``, on by default): real text from three unrelated sources (the Irish
budget debate, the Python language reference in ``pydoc_data``, the seed briefs; see
tests/topic_fixtures.py), as whole documents and as documents blended in known proportions. On the
*same* matrices briefkit builds (TF-IDF for NMF, counts for LDA) it compares

- ``briefkit``: the notebook's whole path (unit choice, normalised vocabulary, K search on all
  cores, fit) — K is chosen, not given;
- ``sklearn NMF K=3`` / ``sklearn LDA K=3``: bare scikit-learn told the true K;
- ``sklearn NMF K=2``: bare NMF at the K the old notebook chose;
- ``sklearn default pipeline``: ``TfidfVectorizer(stop_words="english")`` + NMF(K=3) on raw text;
- ``gensim LDA K=3`` when gensim is installed (it is not a briefkit dependency);

and reports wall time, the dominant-topic-vs-source NMI (whole documents), the mean matched
correlation of document shares with the known proportions (blends), and stability across seeds
0-4 (mean matched cosine similarity of topic-term weights to seed 0's, and the NMI range).
Results go to benchmarks/results/topics_planted.json.
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
from briefkit.corpus.text.segment import sentences
from briefkit.topics.vocab import build_vocabulary
from briefkit.topics.model import fit_topics

ROOT = Path(__file__).resolve().parents[1]
IRISH = ROOT / "examples" / "irish-budget-2010"


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


def _nmi_r(shares: np.ndarray, doc_ids, truth: dict | None, props: pd.DataFrame | None):
    from scipy.optimize import linear_sum_assignment
    from sklearn.metrics import normalized_mutual_info_score

    if truth is not None:
        return float(normalized_mutual_info_score([truth[d] for d in doc_ids], shares.argmax(axis=1)))
    order = pd.Series(range(len(doc_ids)), index=list(doc_ids)).loc[props["doc_id"]].to_numpy()
    P = props[["irish", "korea", "python"]].to_numpy()
    S = shares[order]
    r = np.array([[np.corrcoef(P[:, i], S[:, j])[0, 1] if S[:, j].std() > 0 else 0.0
                   for j in range(S.shape[1])] for i in range(3)])
    rows, cols = linear_sum_assignment(-np.nan_to_num(r))
    return float(r[rows, cols].sum() / 3)  # an unmatched source counts as r = 0


def _fit_bare(method: str, X, C, k: int, seed: int):
    from sklearn.decomposition import LatentDirichletAllocation

    if method == "nmf":
        est = NMF(n_components=k, init="random", random_state=seed, max_iter=400, tol=1e-4)
        W = est.fit_transform(X)
        return W / np.maximum(W.sum(axis=1, keepdims=True), 1e-12), est.components_
    est = LatentDirichletAllocation(n_components=k, learning_method="batch", max_iter=100,
                                    random_state=seed)
    return est.fit_transform(C), est.components_


def planted(seed_list=range(5)) -> list[dict]:
    import tempfile

    sys.path.insert(0, str(ROOT / "tests"))
    from topic_fixtures import blended_corpus, three_source_corpus

    from briefkit.corpus.text.passages import passages
    from briefkit.topics.diagnostics import matched_similarity
    from briefkit.topics.analysis import topic_report
    from briefkit.topics.units import document_units
    from sklearn.feature_extraction.text import TfidfVectorizer

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        f1, truth = three_source_corpus(Path(tmp) / "three")
        f2, props = blended_corpus(Path(tmp) / "blend")
        for name, folder, tr, pr in (("three sources, NMI", f1, truth, None),
                                     ("blended, mean r", f2, None, props)):
            docs = load_corpus(folder)
            units = passages(sentences(docs))
            runs = {}
            for sd in seed_list:
                t0 = time.perf_counter()
                rep = topic_report(units, docs, seed=sd, n_seeds=10, n_boot=200)
                dt = time.perf_counter() - t0
                ds = rep.tables["doc_topic_shares"].pivot(index="doc_id", columns="topic_id",
                                                          values="estimate")
                runs[sd] = (dt, _nmi_r(ds.to_numpy(), ds.index, tr, pr), rep.fit.phi, rep.k)
            rows.append(_summary("briefkit (K chosen)", name, runs))
            du = document_units(units)
            vocab = rep.vocab
            ids = du["doc_id"].tolist()
            X, C = vocab.tfidf, vocab.counts
            for label, method, k in (("sklearn NMF K=3", "nmf", 3), ("sklearn NMF K=2", "nmf", 2),
                                     ("sklearn LDA K=3", "lda", 3)):
                runs = {}
                for sd in seed_list:
                    t0 = time.perf_counter()
                    theta, phi = _fit_bare(method, X, C, k, sd)
                    runs[sd] = (time.perf_counter() - t0, _nmi_r(theta, ids, tr, pr), phi, k)
                rows.append(_summary(label, name, runs))
            runs = {}
            for sd in seed_list:
                t0 = time.perf_counter()
                Xd = TfidfVectorizer(stop_words="english").fit_transform(du["text"])
                theta, phi = _fit_bare("nmf", Xd, None, 3, sd)
                runs[sd] = (time.perf_counter() - t0, _nmi_r(theta, ids, tr, pr), phi, 3)
            rows.append(_summary("sklearn default pipeline (TfidfVectorizer+NMF K=3)", name, runs))
            try:
                import gensim  # noqa: F401
            except ImportError:
                rows.append({"method": "gensim LDA K=3", "task": name, "note": "gensim not installed"})
    return rows


def _summary(method: str, task: str, runs: dict) -> dict:
    from briefkit.topics.diagnostics import matched_similarity

    seeds = sorted(runs)
    ref = runs[seeds[0]]
    same_k = [runs[s][2] for s in seeds[1:] if runs[s][2].shape == ref[2].shape]
    stab = float(matched_similarity(ref[2], same_k).mean()) if same_k else float("nan")
    scores = [runs[s][1] for s in seeds]
    return {"method": method, "task": task, "score_seed0": round(scores[0], 3),
            "score_min": round(min(scores), 3), "score_max": round(max(scores), 3),
            "k": sorted({int(runs[s][3]) for s in seeds}), "stability_across_seeds": round(stab, 3),
            "time_s_median": round(float(np.median([runs[s][0] for s in seeds])), 3)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[500, 5000])
    ap.add_argument("--k", type=int, default=6)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--planted", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--speed", action=argparse.BooleanOptionalAction, default=True)
    args = ap.parse_args(argv)
    if args.planted:
        res = planted()
        path = ROOT / "benchmarks" / "results" / "topics_planted.json"
        path.write_text(json.dumps({"benchmark": "topics_planted", "python": platform.python_version(),
                                    "sklearn": sklearn.__version__, "cpus": os.cpu_count(),
                                    "results": res}, indent=2) + "\n", encoding="utf-8")
        cols = ["task", "method", "k", "score_seed0", "score_min", "score_max",
                "stability_across_seeds", "time_s_median"]
        print("| " + " | ".join(cols) + " |")
        print("|" + "---|" * len(cols))
        for r in res:
            print("| " + " | ".join(str(r.get(c, r.get("note", ""))) for c in cols) + " |")
    if not args.speed:
        return 0
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
