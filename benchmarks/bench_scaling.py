"""Benchmark Wordfish against its previous implementation, and log-odds keyness, side by side.

Not a test and not run in CI. Run from the repository root:

    .venv/bin/python benchmarks/bench_scaling.py [--docs 5000] [--seed 0] [--boot 100]

Synthetic documents are built by resampling paragraphs of the 14 Irish budget speeches in
examples/irish-budget-2010 (each document: 2-8 paragraphs of one speech, fixed seed), so word
frequencies and sparsity are those of real speeches; terms with fewer than ``--min-count``
tokens are dropped (5,000 documents -> 5,000 x 2,292 counts).

The peer is ``benchmarks/peers/wordfish_previous.py``, a verbatim copy of the Wordfish that
briefkit shipped before (same model, same Newton iterates; about eight passes of ``exp`` over the
table per sweep, threaded BLAS, a 100-sweep cap). Both run in this process on the same matrices:

- the 5,000 resampled documents: both run quanteda's stopping rule and reach the 100-sweep cap
  (the log-posterior does not peak), so the work is identical and the positions must agree;
- the Irish budget speeches (quanteda tokens) and the LBG example: time, sweeps and the largest
  difference in theta and SE between the two (quanteda's published values are matched by both);
- ``group_positions`` by party on the Irish speeches with ``--boot`` bootstrap refits, with
  :mod:`briefkit.scaling.positions` calling either implementation.

Each ratio is peer time / new time from the same run (wall clock; the 5,000-document fits run
once, the Irish and LBG fits best of 3, the bootstrap best of 2; the machine is shared, so expect
+-30 % on the absolute times). Prints a markdown table and writes
benchmarks/results/scaling.json.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import platform
import resource
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from briefkit.corpus.text.dfm import count_table, group_counts, to_matrix, to_wide
from briefkit.scaling import positions
from briefkit.scaling.wordfish import wordfish
from briefkit.stance.keyness import log_odds

wf_module = importlib.import_module("briefkit.scaling.wordfish")   # the module, not the function
ROOT = Path(__file__).resolve().parents[1]
IRISH = ROOT / "examples" / "irish-budget-2010"
LBG = ROOT / "tests" / "data" / "validation" / "lbg-2003"
PUBLISHED = ROOT / "tests" / "data" / "validation" / "irish_published_wordfish.csv"
sys.path.insert(0, str(ROOT / "benchmarks" / "peers"))
import wordfish_previous  # noqa: E402  (the peer: a verbatim copy of the previous module)


def synthetic_units(n_docs: int, seed: int) -> pd.DataFrame:
    """``doc_id, source, group, text``: documents of 2-8 paragraphs of one Irish budget speech."""
    rng = np.random.default_rng(seed)
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
    return pd.DataFrame(rows, columns=["doc_id", "source", "group", "text"])


def measure(fn):
    """Run fn() with warnings silenced; return (result, wall seconds, CPU seconds)."""
    t0, c0 = time.perf_counter(), time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = fn()
    return result, time.perf_counter() - t0, time.process_time() - c0


@contextlib.contextmanager
def positions_using(implementation):
    saved = positions.wordfish
    positions.wordfish = implementation
    try:
        yield
    finally:
        positions.wordfish = saved


def best_of(repeat, fn):
    """The run with the least wall time of ``repeat`` runs of measure(fn)."""
    return min((measure(fn) for _ in range(repeat)), key=lambda run: run[1])


def compare(label, counts, dir_, repeat=1):
    """Fit both implementations on the same counts (best of ``repeat`` runs); one result row."""
    old, t_old, c_old = best_of(repeat, lambda: wordfish_previous.wordfish(counts, dir=dir_))
    new, t_new, c_new = best_of(repeat, lambda: wordfish(counts, dir=dir_))
    a, b = old.documents, new.documents
    return {"case": label, "peer_wall_s": round(t_old, 3), "new_wall_s": round(t_new, 3),
            "peer_cpu_s": round(c_old, 3), "new_cpu_s": round(c_new, 3),
            "ratio_wall": round(t_old / t_new, 1), "ratio_cpu": round(c_old / c_new, 1),
            "peer_sweeps": old.n_iter, "new_sweeps": new.n_iter, "new_stop": new.stop,
            "max_abs_theta_diff": float(np.nanmax(np.abs(a["theta"] - b["theta"]))),
            "max_abs_se_diff": float(np.nanmax(np.abs(a["se"] - b["se"]))),
            "_old": old, "_new": new}


def source_agreement(fit, units) -> float:
    """|r| of each document's theta with the published theta of the speech it was drawn from."""
    published = pd.read_csv(PUBLISHED, encoding="utf-8").set_index("doc_id")["theta"]
    src = units.set_index("doc_id").loc[fit.documents["doc_id"], "source"]
    return float(abs(np.corrcoef(fit.documents["theta"], published.loc[src].to_numpy())[0, 1]))


def irish_units() -> pd.DataFrame:
    manifest = pd.read_csv(IRISH / "manifest.csv", encoding="utf-8")
    return pd.DataFrame({"doc_id": manifest["doc_id"], "affiliation": manifest["affiliation"],
                         "text": [(IRISH / f).read_text(encoding="utf-8") for f in manifest["file"]]})


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--boot", type=int, default=100, help="bootstrap refits in group_positions")
    ap.add_argument("--min-count", type=int, default=100, help="keep terms with at least this many tokens")
    args = ap.parse_args(argv)

    units = synthetic_units(args.docs, args.seed)
    counts, t_count, c_count = measure(lambda: count_table(units, tokenizer="quanteda"))
    (mat, docs, terms), t_mat, c_mat = measure(lambda: to_matrix(counts, min_count=args.min_count))
    big = (mat, docs, terms)
    dir_big = (docs[0], docs[-1])
    rows = [compare(f"{mat.shape[0]:,} x {mat.shape[1]:,} resampled docs", big, dir_big)]
    irish = irish_units()
    irish_counts = count_table(irish, tokenizer="quanteda")
    rows.append(compare("Irish budget 2010, 14 x {:,}".format(to_wide(irish_counts).shape[1]),
                        to_wide(irish_counts), ("06-kenny", "05-cowen"), repeat=3))
    lbg = pd.read_csv(LBG / "counts.csv", index_col="doc", encoding="utf-8")
    rows.append(compare("LBG 2003, 6 x 37", lbg, ("R1", "R5"), repeat=3))

    groups = irish[["doc_id", "affiliation"]].rename(columns={"affiliation": "group"})
    boot = lambda: positions.group_positions(irish_counts, groups, dir=("FG", "FF"),  # noqa: E731
                                             n_boot=args.boot, seed=args.seed)
    with positions_using(wordfish_previous.wordfish):
        gp_old, tb_old, cb_old = best_of(2, boot)
    gp_new, tb_new, cb_new = best_of(2, boot)
    cols = ["theta", "se", "se_boot", "ci_low_boot", "ci_high_boot"]
    rows.append({"case": f"group_positions, Irish by party, {args.boot} bootstrap refits",
                 "peer_wall_s": round(tb_old, 3), "new_wall_s": round(tb_new, 3),
                 "peer_cpu_s": round(cb_old, 3), "new_cpu_s": round(cb_new, 3),
                 "ratio_wall": round(tb_old / tb_new, 1), "ratio_cpu": round(cb_old / cb_new, 1),
                 "max_abs_theta_diff": float(np.nanmax(np.abs(gp_old[cols].to_numpy() - gp_new[cols].to_numpy())))})

    first = rows[0]
    validity = {"new": source_agreement(first["_new"], units),
                "peer": source_agreement(first["_old"], units)}
    pooled, t_gc, _ = measure(lambda: group_counts(counts, units[["doc_id", "group"]]))
    key, t_lo, _ = measure(lambda: log_odds(pooled))

    print(f"Synthetic corpus: {args.docs} documents resampled from the Irish budget speeches, seed {args.seed}")
    print(f"count_table {t_count:.2f} s, to_matrix {t_mat:.2f} s: {mat.shape[0]} x {mat.shape[1]}, nnz {mat.nnz}\n")
    print("| case | peer wall s | new wall s | ratio (wall) | ratio (CPU) | sweeps peer / new | new stop "
          "| max abs theta diff |")
    print("|---|---:|---:|---:|---:|---|---|---:|")
    for r in rows:
        sweeps = f"{r['peer_sweeps']} / {r['new_sweeps']}" if "peer_sweeps" in r else "-"
        print(f"| {r['case']} | {r['peer_wall_s']:.2f} | {r['new_wall_s']:.2f} | {r['ratio_wall']}x "
              f"| {r['ratio_cpu']}x | {sweeps} | {r.get('new_stop', '-')} | {r['max_abs_theta_diff']:.2g} |")
    print(f"\n|r| of theta with the published position of each document's source speech: "
          f"new {validity['new']:.3f} (sweep {first['new_sweeps']}), "
          f"peer {validity['peer']:.3f} (sweep {first['peer_sweeps']})")
    print(f"group_counts {t_gc:.2f} s, log_odds {t_lo:.2f} s ({len(key)} group x term rows)")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process max RSS: {maxrss:.0f} MiB")

    report = {
        "benchmark": "scaling",
        "peer": "benchmarks/peers/wordfish_previous.py (the previous briefkit Wordfish, verbatim)",
        "corpus": {"documents": args.docs, "source": "irish-budget paragraphs", "seed": args.seed,
                   "matrix_shape": list(mat.shape), "nnz": int(mat.nnz), "min_count": args.min_count},
        "timing": "one wall-clock run of each, same process, same matrices; ratio = peer / new",
        "wordfish": [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows],
        "validity_abs_r_with_source_speech": {k: round(v, 3) for k, v in validity.items()},
        "other_steps": {"count_table_s": round(t_count, 3), "to_matrix_s": round(t_mat, 3),
                        "group_counts_s": round(t_gc, 3), "log_odds_s": round(t_lo, 3)},
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
