"""Where the time of ``make report`` goes: interpreter and kernel start, imports, analysis, figures, plotly, HTML.

Runs what ``make report`` runs on a corpus (default: the seeds), in the same order, and times its
parts. Each notebook is executed by nbclient as nbconvert does (one kernel per notebook); one
extra first cell, not saved, wraps the functions whose time is reported by name (matplotlib's
``Figure.savefig`` for the PNG/SVG/PDF exports, the K search ``k_diagnostics``, ``bootstrap_ci``,
the stance classifier's ``cross_validated_classifier``, and ``explore_*`` for the interactive plotly
figures) and keeps CPU and wall seconds per name; the last extra cell reads them back. A part
inside another is counted once, in the innermost (a figure saved inside the K search counts as a
figure).

    .venv/bin/python benchmarks/bench_report.py [--corpus corpus] [--repeat 3]

Prints a markdown table (median over the repeats) and writes benchmarks/results/report.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "report.json"

_PROBE = r'''
import time as _t, json as _j, functools as _f
_BK_T0 = (_t.perf_counter(), _t.process_time())
_BK = {}
_BK_STACK = []
def _bk_timed(name, fn):
    @_f.wraps(fn)
    def inner(*a, **k):
        w, c = _t.perf_counter(), _t.process_time()
        _BK_STACK.append([0.0, 0.0])
        try:
            return fn(*a, **k)
        finally:
            dw, dc = _t.perf_counter() - w, _t.process_time() - c
            inner_w, inner_c = _BK_STACK.pop()
            acc = _BK.setdefault(name, [0.0, 0.0])
            acc[0] += dw - inner_w; acc[1] += dc - inner_c
            if _BK_STACK:
                _BK_STACK[-1][0] += dw; _BK_STACK[-1][1] += dc
    return inner
import matplotlib.figure as _mf
_mf.Figure.savefig = _bk_timed("figure files (PNG 300 dpi, SVG, PDF)", _mf.Figure.savefig)
import briefkit.uncertainty as _u, briefkit.topics.select as _s, briefkit.stance.reliability as _r
_u.bootstrap_ci = _bk_timed("bootstrap intervals", _u.bootstrap_ci)
_s.k_diagnostics = _bk_timed("K search (candidate K x refits)", _s.k_diagnostics)
_r.cross_validated_classifier = _bk_timed("stance classifier (cross-validated)", _r.cross_validated_classifier)
import briefkit.topics.interactive as _te, briefkit.stance.interactive as _se, briefkit.forecasts.figures.interactive as _fe
import briefkit.topics as _tp, briefkit.stance as _st, briefkit.forecasts as _fc
for _m, _n in ((_te, "explore_topics"), (_se, "explore_stance"), (_fe, "explore_forecasts")):
    _w = _bk_timed("interactive figures (plotly)", getattr(_m, _n))
    setattr(_m, _n, _w)
    for _pkg in (_tp, _st, _fc):
        if _n in vars(_pkg):
            setattr(_pkg, _n, _w)
_BK["probe imports (briefkit, matplotlib)"] = [_t.perf_counter() - _BK_T0[0], _t.process_time() - _BK_T0[1]]
'''
_READ = "print('BK-TIMES ' + _j.dumps(_BK))"


def _ts(stamp: str) -> float:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def _seconds(cmd: list[str], env=None) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=ROOT)
    return time.perf_counter() - t0


def run_once(corpus: Path, out: Path) -> dict:
    import nbformat
    from nbclient import NotebookClient

    env = {**os.environ, "BRIEFKIT_CORPUS": str(corpus), "BRIEFKIT_FIGURES": str(out / "figures"),
           "BRIEFKIT_PROGRESS": "0", "BRIEFKIT_TODAY": "2026-11-21"}
    os.environ.update({k: env[k] for k in ("BRIEFKIT_CORPUS", "BRIEFKIT_FIGURES", "BRIEFKIT_PROGRESS",
                                           "BRIEFKIT_TODAY")})
    bin_ = Path(sys.executable).parent
    parts: dict[str, float] = {}
    parts["validate (briefkit validate)"] = _seconds([str(bin_ / "briefkit"), "validate", str(corpus)], env)
    parts["nbconvert start (once)"] = _seconds([sys.executable, "-c", "import nbconvert.nbconvertapp, nbclient"])
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        nb.cells.insert(0, nbformat.v4.new_code_cell(_PROBE))
        nb.cells.append(nbformat.v4.new_code_cell(_READ))
        t0 = time.time()
        NotebookClient(nb, timeout=1800, kernel_name="python3", record_timing=True,
                       resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
        total = time.time() - t0
        code = [c for c in nb.cells if c.cell_type == "code"]
        first = _ts(code[0].metadata.execution["iopub.execute_input"])
        times = json.loads(next(o["text"] for o in code[-1].outputs if o.get("name") == "stdout")[9:])
        parts["kernel start"] = parts.get("kernel start", 0.0) + first - t0
        named = 0.0
        for name, (wall, _cpu) in times.items():
            parts[name] = parts.get(name, 0.0) + wall
            named += wall
        cells = sum(_ts(c.metadata.execution["shell.execute_reply"]) - _ts(c.metadata.execution["iopub.execute_input"])
                    for c in code[1:-1])
        parts["analysis and tables (the rest of the cells)"] = (
            parts.get("analysis and tables (the rest of the cells)", 0.0) + cells - (named - times[
                "probe imports (briefkit, matplotlib)"][0]))
        w0 = time.perf_counter()
        nb.cells = nb.cells[1:-1]
        nbformat.write(nb, out / "notebooks" / path.name)
        parts["writing executed notebooks"] = parts.get("writing executed notebooks", 0.0) + time.perf_counter() - w0
        parts["kernel shut-down, messages between cells"] = parts.get("kernel shut-down, messages between cells", 0.0) + (
            total - (first - t0) - cells - _ts(code[0].metadata.execution["shell.execute_reply"]) + first)
    parts["report.html and html/ (htmlreport)"] = _seconds([sys.executable, "-m", "briefkit.output.htmlreport",
                                                            str(out)], env)
    return parts


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default="corpus")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    corpus = (ROOT / args.corpus).resolve()
    runs, loads = [], []
    for _ in range(args.repeat):
        loads.append(round(os.getloadavg()[0], 2))
        with tempfile.TemporaryDirectory(prefix="briefkit-report-") as tmp:
            t0, c0 = time.perf_counter(), os.times()
            parts = run_once(corpus, Path(tmp))
            c1 = os.times()
            parts["total (wall)"] = time.perf_counter() - t0
            parts["total CPU, all processes"] = (c1.user + c1.system + c1.children_user + c1.children_system
                                                 - c0.user - c0.system - c0.children_user - c0.children_system)
        runs.append(parts)
        print(f"run {len(runs)}: {parts['total (wall)']:.1f} s wall", file=sys.stderr, flush=True)
    names = list(runs[0])
    med = {n: statistics.median(r.get(n, 0.0) for r in runs) for n in names}
    print("| part | seconds (median of %d) |\n|---|---:|" % len(runs))
    for n in names:
        print(f"| {n} | {med[n]:.1f} |")
    RESULTS.write_text(json.dumps({"corpus": args.corpus, "median_s": med, "runs": runs, "load_average_1min": loads,
                                   "cpus": os.cpu_count(),
                                   "note": "wall seconds unless named CPU; total CPU counts this process and its "
                                           "finished children (the kernels, validate, htmlreport)"},
                                  indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
