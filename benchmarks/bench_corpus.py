"""Benchmark corpus loading: read + decode + clean (``load_corpus``) and ``sentences()``, beside NLTK Punkt.

The peer runs in the same process on the same raw texts right after: NLTK Punkt sentence splitting
alone (and spaCy's blank English sentencizer when spaCy is installed); the table gives the ratio.

Not a test and not collected by pytest (the file name does not start with ``test_``).
Run from the repository root:

    .venv/bin/python benchmarks/bench_corpus.py [--sizes 50 5000] [--seed 0] [--tracemalloc]

Synthetic corpora are built by resampling paragraphs (blocks separated by a blank
line) of the five seed documents in corpus/ with a fixed seed: each synthetic
document is a title line, a byline and 8-24 paragraphs drawn with replacement
from the pooled seed paragraphs, so it carries the seeds' markup, pull quotes,
covers, Korean lines and comment sections in random places. They are written to
a temporary corpus folder with a manifest.csv in the project format.

Every measurement runs in a fresh Python process, so ``ru_maxrss`` is the peak
resident memory of that one run (imports included). With ``--tracemalloc`` the
Python-heap peak is measured too, in a second run (tracemalloc slows the run
down, so its time is not reported); by default it is measured only for corpora
of at most 500 documents.

Prints a markdown table and writes benchmarks/results/corpus.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpus"
RESULTS = ROOT / "benchmarks" / "results" / "corpus.json"
AUTHORS = ["Kristin Vekasi", "Yang Uk", "Beomchul Shin", "Kim Min", ""]


def seed_paragraphs() -> list[str]:
    """Blank-line separated blocks of the seed documents, in manifest order."""
    paras = []
    with open(SEEDS / "manifest.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            text = (SEEDS / row["file"]).read_text("utf-8")
            paras.extend(p.strip("\n") for p in re.split(r"\n[ \t]*\n", text) if p.strip())
    return paras


def build_corpus(folder: Path, n_docs: int, seed: int) -> int:
    """Write ``n_docs`` synthetic documents and a manifest into ``folder``; return raw bytes written."""
    rng = np.random.default_rng(seed)
    pool = seed_paragraphs()
    (folder / "texts").mkdir(parents=True, exist_ok=True)
    total = 0
    rows = []
    for i in range(n_docs):
        title = f"Synthetic Brief {i:05d} on Alliance Politics"
        author = AUTHORS[int(rng.integers(len(AUTHORS)))]
        picks = rng.choice(len(pool), size=int(rng.integers(8, 25)), replace=True)
        body = "\n\n".join(pool[j] for j in picks)
        byline = f"By {author}\n" if author else ""
        text = f"{title}\n{byline}\n{body}\n"
        data = text.encode("utf-8")
        name = f"texts/doc_{i:05d}.txt"
        (folder / name).write_bytes(data)
        total += len(data)
        rows.append({"doc_id": f"doc-{i:05d}", "file": name, "title": title, "authors": author,
                     "affiliation": "", "kind": "brief", "published": f"{2020 + i % 6}", "language": "en"})
    with open(folder / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return total


def peers(texts: list[str]) -> dict:
    """Seconds for the peers on the same raw texts: NLTK Punkt alone, and spaCy's sentencizer if installed."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    punkt = PunktSentenceTokenizer(PunktParameters())
    t0, c0 = time.perf_counter(), time.process_time()
    n = sum(1 for t in texts for _ in punkt.span_tokenize(t))
    out = {"punkt_s": time.perf_counter() - t0, "punkt_cpu_s": time.process_time() - c0, "punkt_sentences": n}
    try:
        import spacy
    except ImportError:
        return out
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = max([nlp.max_length] + [len(t) + 1 for t in texts])
    t0 = time.perf_counter()
    out["spacy_sentences"] = sum(len(list(doc.sents)) for doc in nlp.pipe(texts))
    out["spacy_s"] = time.perf_counter() - t0
    return out


def worker(folder: str, trace: bool, n_jobs: int | None = None) -> dict:
    """One measurement in this process: load_corpus + sentences on ``folder``, then the peers."""
    import resource
    import tracemalloc

    from briefkit.corpus.load import load_corpus
    import nltk.tokenize.punkt  # noqa: F401  (the peer's import, before timing)
    from briefkit.corpus.text.segment import sentences

    if trace:
        tracemalloc.start()
    t0, c0 = time.perf_counter(), time.process_time()
    docs = load_corpus(folder, n_jobs=n_jobs)
    t1 = time.perf_counter()
    sents = sentences(docs, n_jobs=n_jobs)
    t2, c2 = time.perf_counter(), time.process_time()
    out = {"n_docs": len(docs), "n_sentences": len(sents), "n_jobs": n_jobs, "cpu_s": c2 - c0,
           "raw_mb": sum(len(t.encode("utf-8")) for t in docs["raw_text"]) / 1e6,
           "clean_mb": sum(len(t.encode("utf-8")) for t in docs["clean_text"]) / 1e6,
           "load_s": t1 - t0, "sentences_s": t2 - t1,
           "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if trace:
        out["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    else:
        out.update(peers(docs["raw_text"].tolist()))
    return out


def measure(folder: Path, trace: bool, n_jobs: int | None = None) -> dict:
    cmd = [sys.executable, __file__, "--worker", str(folder)] + (["--trace"] if trace else []) + \
        ([f"--n-jobs={n_jobs}"] if n_jobs is not None else [])
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark worker failed on {folder}:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(label: str, folder: Path, *, trace: bool, n_jobs: int | None = None) -> dict:
    res = measure(folder, trace=False, n_jobs=n_jobs)
    res["label"] = label
    res["total_s"] = res["load_s"] + res["sentences_s"]
    res["ratio_punkt"] = res["total_s"] / res["punkt_s"]
    # CPU seconds of this process (meaningful for n_jobs=1; workers' CPU is not counted)
    res["ratio_punkt_cpu"] = res["cpu_s"] / res["punkt_cpu_s"]
    if "spacy_s" in res:
        res["ratio_spacy"] = res["total_s"] / res["spacy_s"]
    res["mb_per_s"] = res["raw_mb"] / res["total_s"]
    res["docs_per_s"] = res["n_docs"] / res["total_s"]
    if trace:
        res["tracemalloc_peak_mb"] = measure(folder, trace=True)["tracemalloc_peak_mb"]
    return res


def profile(n_docs: int, seed: int) -> None:
    """cProfile one load_corpus + sentences run on ``n_docs`` resampled documents."""
    import cProfile
    import pstats

    from briefkit.corpus.load import load_corpus
    from briefkit.corpus.text.segment import sentences

    with tempfile.TemporaryDirectory(prefix="briefkit-prof-") as tmp:
        build_corpus(Path(tmp), n_docs, seed)
        prof = cProfile.Profile()
        prof.enable()
        sentences(load_corpus(tmp))
        prof.disable()
    pstats.Stats(prof).sort_stats("tottime").print_stats(20)


def table(results: list[dict]) -> str:
    head = ("| corpus | n_jobs | docs | raw MB | sentences | load_corpus s | sentences s | total s | Punkt alone s "
            "| ratio to Punkt (wall) | ratio (CPU) | spaCy sentencizer s | MB/s | peak RSS MB | tracemalloc peak MB |")
    lines = [head, "|---" * 15 + "|"]
    for r in results:
        tm = f"{r['tracemalloc_peak_mb']:.1f}" if "tracemalloc_peak_mb" in r else "-"
        sp = f"{r['spacy_s']:.2f}" if "spacy_s" in r else "not installed"
        jobs = "default" if r.get("n_jobs") is None else r["n_jobs"]
        lines.append(f"| {r['label']} | {jobs} | {r['n_docs']} | {r['raw_mb']:.2f} | {r['n_sentences']} "
                     f"| {r['load_s']:.2f} | {r['sentences_s']:.2f} | {r['total_s']:.2f} | {r['punkt_s']:.2f} "
                     f"| {r['ratio_punkt']:.2f}x | {r['ratio_punkt_cpu']:.2f}x | {sp} | {r['mb_per_s']:.3f} | {r['maxrss_mb']:.0f} | {tm} |")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 5000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also measure the tracemalloc peak for corpora above 500 documents")
    parser.add_argument("--profile", type=int, metavar="N_DOCS",
                        help="instead of timing, cProfile load_corpus + sentences on N_DOCS resampled documents "
                             "and print the 20 functions with the most own time")
    parser.add_argument("--n-jobs", type=int, default=None,
                        help="worker processes for load_corpus and sentences (default: briefkit's default)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.trace, args.n_jobs)))
        return

    if args.profile:
        profile(args.profile, args.seed)
        return

    load_before = os.getloadavg()[0]
    results = [run("seeds (corpus/)", SEEDS, trace=True, n_jobs=args.n_jobs)]
    print(table(results), flush=True)
    with tempfile.TemporaryDirectory(prefix="briefkit-bench-") as tmp:
        for n in args.sizes:
            folder = Path(tmp) / f"corpus_{n}"
            t0 = time.perf_counter()
            build_corpus(folder, n, args.seed)
            print(f"built {n} documents in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
            results.append(run(f"resampled seeds, seed={args.seed}", folder, trace=args.tracemalloc or n <= 500,
                               n_jobs=args.n_jobs))
            print(table(results[-1:]).splitlines()[-1], flush=True)
    print()
    print(table(results))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    meta = {"python": platform.python_version(), "machine": platform.machine(), "processor": platform.processor(),
            "cpus": os.cpu_count(), "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
            "seed": args.seed, "note": "times are wall-clock seconds of one run in a fresh process; "
                                       "load_average_1min is the machine's load before and after the runs"}
    RESULTS.write_text(json.dumps({"meta": meta, "results": results}, indent=2, sort_keys=True) + "\n",
                       encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
