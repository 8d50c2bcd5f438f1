"""Scaling curve of the corpus stages: time and peak memory at growing corpus sizes, beside Punkt.

Not a test. Run from the repository root:

    .venv/bin/python benchmarks/bench_scale.py --docs 5000 50000           # pandas path, default n_jobs
    .venv/bin/python benchmarks/bench_scale.py --dask 200000 --workers 2  # Dask LocalCluster path
    .venv/bin/python benchmarks/bench_scale.py --dask 200000 --steps      # ... and the heavy steps on it
    .venv/bin/python benchmarks/bench_scale.py --short 10000 --notebook   # 10,000 short documents,
                                                                          # load + notebook 01 end to end

Corpora are resampled from the seed paragraphs as in ``bench_corpus.py`` (``--short``: one or two
paragraphs per document). Every measurement runs in a fresh process; ``peak RSS MB`` is that
process's ``ru_maxrss`` (for Dask: the client process; workers report their own peak). With
``--steps`` the Dask rows also time the heavy steps on the same cluster (``client=``): the
detectors (``classify_sentences``), the stance annotator (``annotate_mentions`` on every target
mention) and a K search on whole documents (K = 2..6, 3 refits each). Punkt alone
on the same raw texts is timed in the same process, so every row carries its ratio. Writes
``benchmarks/results/scale.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "scale.json"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def build(folder: Path, n_docs: int, seed: int, short: bool) -> None:
    import bench_corpus

    if not short:
        bench_corpus.build_corpus(folder, n_docs, seed)
        return
    import csv

    import numpy as np

    rng = np.random.default_rng(seed)
    pool = bench_corpus.seed_paragraphs()
    (folder / "texts").mkdir(parents=True, exist_ok=True)
    rows = []
    for i in range(n_docs):
        body = "\n\n".join(pool[j] for j in rng.choice(len(pool), size=int(rng.integers(1, 3))))
        (folder / f"texts/d{i:06d}.txt").write_text(f"Short Note {i}\n\n{body}\n", encoding="utf-8")
        rows.append({"doc_id": f"d{i:06d}", "file": f"texts/d{i:06d}.txt", "title": f"Short Note {i}",
                     "authors": ["Kim Min", "Lee Ann", ""][i % 3], "published": f"{2020 + i % 6}"})
    with open(folder / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def heavy_steps(client, docs, sents) -> dict:
    """Seconds of the heavy steps on ``client``'s cluster (the same calls as the notebooks, with ``client=``)."""
    from briefkit.forecasts.detection.detect import classify_sentences
    from briefkit.stance.appraisal import annotate_mentions
    from briefkit.stance.targets import find_mentions, load_targets
    from briefkit.topics.select import k_diagnostics

    out = {}
    t0 = time.perf_counter()
    classified = classify_sentences(sents, client=client)
    out["detectors_s"] = time.perf_counter() - t0
    out["forecasts"] = int(classified["sentence_type"].eq("forecast").sum())
    t0 = time.perf_counter()
    mentions = find_mentions(sents.loc[~sents["is_heading"]].reset_index(drop=True), load_targets())
    out["mentions_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    out["mentions"] = len(annotate_mentions(mentions, client=client))
    out["stance_annotator_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    whole = docs[["doc_id", "clean_text"]].rename(columns={"clean_text": "text"})
    k_diagnostics(whole, k_values=range(2, 7), n_seeds=3, client=client)
    out["k_search_s"] = time.perf_counter() - t0
    return out


def worker(folder: str, mode: str, workers: int, steps: bool = False) -> dict:
    import resource

    import nltk.tokenize.punkt  # noqa: F401  (the peer's import, before timing)
    t0 = time.perf_counter()
    if mode == "dask":
        from dask.distributed import Client, LocalCluster

        from briefkit.corpus.distributed import load_corpus_dask

        with LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            t0 = time.perf_counter()
            out = load_corpus_dask(folder, client=client)
            elapsed = time.perf_counter() - t0
            docs, sents = out["documents"], out["sentences"]
            step_times = heavy_steps(client, docs, sents) if steps else {}
            worker_rss = max(v["metrics"]["memory"] for v in client.scheduler_info()["workers"].values()) / 1e6
    else:
        from briefkit.corpus.load import load_corpus
        from briefkit.corpus.text.segment import sentences

        docs = load_corpus(folder)
        sents = sentences(docs)
        elapsed = time.perf_counter() - t0
        worker_rss, step_times = None, {}
    from bench_corpus import peers

    res = {"mode": mode, "n_docs": len(docs), "n_sentences": len(sents),
           "raw_mb": sum(len(t.encode("utf-8")) for t in docs["raw_text"]) / 1e6, "seconds": elapsed,
           "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "worker_rss_mb": worker_rss,
           **step_times}
    res.update(peers(docs["raw_text"].tolist()))
    res["ratio_punkt"] = elapsed / res["punkt_s"]
    return res


def notebook_seconds(folder: Path) -> float:
    out = Path(tempfile.mkdtemp(prefix="bk-nb-"))
    env = {**os.environ, "BRIEFKIT_CORPUS": str(folder), "BRIEFKIT_FIGURES": str(out)}
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                    "--ExecutePreprocessor.timeout=3600", "--output-dir", str(out),
                    str(ROOT / "notebooks" / "01_corpus.ipynb")], env=env, check=True, capture_output=True)
    return time.perf_counter() - t0


def measure(folder: Path, mode: str, workers: int, steps: bool = False) -> dict:
    done = subprocess.run([sys.executable, __file__, "--worker", str(folder), "--mode", mode,
                           "--workers", str(workers)] + (["--steps"] if steps else []),
                          capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, nargs="*", default=[])
    ap.add_argument("--dask", type=int, nargs="*", default=[])
    ap.add_argument("--short", type=int, nargs="*", default=[])
    ap.add_argument("--notebook", action="store_true", help="also time notebook 01 on the --short corpora")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--steps", action="store_true",
                    help="on the Dask rows, also time the detectors, the stance annotator and a K search")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--mode", default="pandas", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.mode, args.workers, args.steps)))
        return
    results = []
    with tempfile.TemporaryDirectory(prefix="bk-scale-") as tmp:
        plan = [(n, "pandas", False) for n in args.docs] + [(n, "dask", False) for n in args.dask] + \
               [(n, "pandas", True) for n in args.short]
        for n, mode, short in plan:
            folder = Path(tmp) / f"{mode}_{n}_{int(short)}"
            build(folder, n, args.seed, short)
            r = measure(folder, mode, args.workers, steps=args.steps and mode == "dask")
            r["short"] = short
            if short and args.notebook:
                r["notebook01_s"] = notebook_seconds(folder)
            results.append(r)
            print(json.dumps(r), flush=True)
    print("| path | docs | raw MB | sentences | seconds | Punkt alone s | ratio | peak RSS MB | notebook 01 s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['mode']}{' (short docs)' if r['short'] else ''} | {r['n_docs']} | {r['raw_mb']:.1f} "
              f"| {r['n_sentences']} | {r['seconds']:.1f} | {r['punkt_s']:.1f} | {r['ratio_punkt']:.2f}x "
              f"| {r['maxrss_mb']:.0f} | {r.get('notebook01_s', float('nan')):.0f} |")
    RESULTS.write_text(json.dumps({"cpus": os.cpu_count(), "results": results}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
