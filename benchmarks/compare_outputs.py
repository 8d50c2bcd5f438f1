"""Are load_corpus, sentences and removed_spans unchanged? This checkout against another revision, with pandas ``equals``.

The reference revision's ``src/`` is extracted with ``git archive`` into a temporary folder and
run in a subprocess (``PYTHONPATH``), on the same corpora as this checkout: the seeds, the Irish
budget speeches and the resampled 5,000-document benchmark corpus (``bench_corpus.build_corpus``,
seed 0). Both sides write their tables to the same private temporary folder (pickle: the files
are written and read by this script only); then every pair is compared with
``DataFrame.equals`` (the documents table with the edit records in its ``cleaning`` column).

    .venv/bin/python benchmarks/compare_outputs.py [--base main] [--docs 5000]

Prints one line per corpus and table and writes benchmarks/results/identical.json.
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "identical.json"


def dump(corpus: str, out: str) -> None:
    """Write this interpreter's briefkit tables for ``corpus`` to ``out`` (run in a subprocess)."""
    from briefkit.corpus.load import load_corpus, removed_spans
    from briefkit.corpus.text.segment import sentences

    docs = load_corpus(corpus, n_jobs=1)
    tables = {"documents": docs, "sentences": sentences(docs, n_jobs=1), "removed": removed_spans(docs)}
    with open(out, "wb") as fh:
        pickle.dump(tables, fh)


def run_side(src: Path | None, corpus: Path, out: Path) -> dict:
    env = None
    if src is not None:
        import os

        env = {**os.environ, "PYTHONPATH": str(src)}
    subprocess.run([sys.executable, __file__, "--dump", str(corpus), str(out)], check=True, env=env)
    with open(out, "rb") as fh:
        return pickle.load(fh)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", default="main", help="git revision to compare with (default: main)")
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--dump", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.dump:
        dump(*args.dump)
        return
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_corpus import build_corpus

    rev = subprocess.run(["git", "rev-parse", args.base], cwd=ROOT, check=True, capture_output=True,
                         text=True).stdout.strip()
    here = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout.strip()
    results = []
    with tempfile.TemporaryDirectory(prefix="briefkit-compare-") as tmp:
        tmp = Path(tmp)
        archive = subprocess.run(["git", "archive", rev, "src"], cwd=ROOT, check=True, capture_output=True).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tmp / "base", filter="data")
        build_corpus(tmp / "resampled", args.docs, 0)
        corpora = [("seeds", ROOT / "corpus"), ("irish-budget-2010", ROOT / "examples" / "irish-budget-2010"),
                   (f"resampled {args.docs}", tmp / "resampled")]
        for label, corpus in corpora:
            base = run_side(tmp / "base" / "src", corpus, tmp / "base.pkl")
            mine = run_side(None, corpus, tmp / "mine.pkl")
            for name in ("documents", "sentences", "removed"):
                same = bool(mine[name].equals(base[name]))
                results.append({"corpus": label, "table": name, "rows": len(mine[name]), "equals": same})
                print(f"{label:22s} {name:10s} rows={len(mine[name]):8d} equals={same}", flush=True)
    RESULTS.write_text(json.dumps({"base": args.base, "base_commit": rev, "commit": here, "results": results},
                                  indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    if not all(r["equals"] for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
