"""Benchmark Wordfish and log-odds keyness on a synthetic 5,000-document corpus.

Not a test and not run in CI. Run from the repository root:

    .venv/bin/python benchmarks/bench_scaling.py [--docs 5000] [--seed 0]

Synthetic documents are built by resampling paragraphs of the 14 Irish budget
speeches in ../shared/validation/irish-budget-2010 (each document: 2-8
paragraphs of one speech, fixed seed), so word frequencies and sparsity are
those of real speeches. If that folder is missing, Poisson counts are drawn
instead. Prints a markdown table and writes benchmarks/results/scaling.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

from briefkit.corpus.dfm import count_table, group_counts, to_matrix
from briefkit.stance.keyness import log_odds
from briefkit.scaling.wordfish import wordfish

ROOT = Path(__file__).resolve().parents[1]
IRISH = ROOT.parent / "shared" / "validation" / "irish-budget-2010"


def synthetic_units(n_docs: int, seed: int) -> tuple[pd.DataFrame, str]:
    rng = np.random.default_rng(seed)
    if (IRISH / "manifest.csv").exists():
        manifest = pd.read_csv(IRISH / "manifest.csv", encoding="utf-8")
        paras = []
        for doc_id, party, file in zip(manifest["doc_id"], manifest["affiliation"], manifest["file"]):
            text = (IRISH / file).read_text(encoding="utf-8")
            paras.append((doc_id, party, [p for p in text.split("\n\n") if p.strip()]))
        rows = []
        for i in range(n_docs):
            src, party, ps = paras[rng.integers(len(paras))]
            picked = rng.choice(len(ps), size=min(len(ps), int(rng.integers(2, 9))), replace=False)
            rows.append((f"syn{i:05d}", src, party, "\n\n".join(ps[j] for j in sorted(picked))))
        return pd.DataFrame(rows, columns=["doc_id", "source", "group", "text"]), "irish-budget paragraphs"
    vocab = [f"w{j:04d}" for j in range(3000)]
    rates = rng.gamma(0.3, 1.0, size=len(vocab))
    rows = []
    for i in range(n_docs):
        counts = rng.poisson(rates * 0.1)
        words = " ".join(w for w, c in zip(vocab, counts) for _ in range(c))
        rows.append((f"syn{i:05d}", "poisson", f"g{i % 5}", words))
    return pd.DataFrame(rows, columns=["doc_id", "source", "group", "text"]), "poisson draws"


def measure(fn, *, trace: bool = True):
    """Run fn(); return (result, wall seconds, CPU seconds, peak traced MiB or NaN)."""
    if trace:
        tracemalloc.start()
    t0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else float("nan")
    if trace:
        tracemalloc.stop()
    return result, seconds, cpu, peak


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--min-count", type=int, default=100, help="keep terms with at least this many tokens")
    args = ap.parse_args(argv)

    units, source = synthetic_units(args.docs, args.seed)
    # tokenizing is pure Python: timed without tracemalloc, which would slow it several-fold
    counts, *m_count = measure(lambda: count_table(units, tokenizer="quanteda"), trace=False)
    (mat, docs, terms), *m_mat = measure(lambda: to_matrix(counts, min_count=args.min_count))
    first, last = docs[0], docs[-1]
    fit, *m_wf = measure(lambda: wordfish((mat, docs, terms), dir=(first, last)))
    groups = units[["doc_id", "group"]]
    pooled, *m_gc = measure(lambda: group_counts(counts, groups))
    key, *m_lo = measure(lambda: log_odds(pooled))
    by_source = units[["doc_id", "source"]].rename(columns={"source": "group"})
    key14, *m_lo14 = measure(lambda: log_odds(group_counts(counts, by_source)))

    rows = [
        ("count_table (tokenize)", *m_count, f"{len(units)} docs -> {len(counts)} rows"),
        ("to_matrix", *m_mat, f"{mat.shape[0]} x {mat.shape[1]}, nnz {mat.nnz}"),
        ("wordfish", *m_wf, f"{fit.n_iter} sweeps, converged={fit.converged}"),
        ("group_counts (party groups)", *m_gc, f"{pooled['group'].nunique()} groups"),
        ("log_odds (party groups)", *m_lo, f"{len(key)} group x term rows"),
        ("group_counts + log_odds (source groups)", *m_lo14, f"{len(key14)} group x term rows"),
    ]
    print(f"Synthetic corpus: {args.docs} documents from {source}, seed {args.seed}\n")
    print("| step | wall s | CPU s | peak traced MiB | notes |")
    print("|---|---:|---:|---:|---|")
    for name, s, cpu, m, note in rows:
        print(f"| {name} | {s:.2f} | {cpu:.2f} | {'-' if np.isnan(m) else f'{m:.1f}'} | {note} |")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nprocess max RSS: {maxrss:.0f} MiB")

    report = {
        "corpus": {"documents": args.docs, "source": source, "seed": args.seed,
                   "matrix_shape": list(mat.shape), "nnz": int(mat.nnz), "min_count": args.min_count},
        "steps": [{"step": n, "wall_seconds": round(s, 3), "cpu_seconds": round(cpu, 3),
                   "peak_traced_mib": None if np.isnan(m) else round(m, 1), "notes": note}
                  for n, s, cpu, m, note in rows],
        "max_rss_mib": round(maxrss, 1),
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "machine": platform.machine(),
    }
    out = ROOT / "benchmarks" / "results" / "scaling.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
    return report


if __name__ == "__main__":
    main()
