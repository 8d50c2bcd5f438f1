"""Agreement between the two coders of the development corpus (Krippendorff's alpha per label).

The first coder's labels (``tests/data/devcorpus/labels/sentences.csv``) are the reference; the
second coder coded a blind sample of whole documents (``labels/second_coder.csv``, the documents
of ``labels/second_coder_sample.csv``). Rows are matched within a document by the largest overlap
of their raw-offset spans (either coder may have split a sentence), so each pair is one stretch of
text both coded. Alpha is nominal (``krippendorff`` package) over the pairs where the label
applies to both codes: ``type`` and ``holder`` on every pair, ``strength`` and ``conditional`` where
both coded a forecast, ``addressee_norm`` where both coded a recommendation (case and spacing
folded). Writes ``benchmarks/results/devcorpus_agreement.json`` and prints a Markdown table.

Run: ``.venv/bin/python benchmarks/devcorpus_agreement.py``
"""

from __future__ import annotations

import json
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1] / "tests" / "data" / "devcorpus"
OUT = Path(__file__).resolve().parent / "results" / "devcorpus_agreement.json"


def read_labels(path: Path) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df["start"] = df["start"].astype(int)
    df["end"] = df["end"].astype(int)
    return df


def align(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """Pair each row of ``second`` with the ``first`` row of its document it overlaps most."""
    pairs = []
    for doc_id, b in second.groupby("doc_id", sort=True):
        a = first[first["doc_id"] == doc_id]
        if a.empty:
            continue
        a_start, a_end = a["start"].to_numpy(), a["end"].to_numpy()
        for _, row in b.iterrows():
            overlap = np.minimum(a_end, row["end"]) - np.maximum(a_start, row["start"])
            i = int(np.argmax(overlap))
            if overlap[i] <= 0:
                continue
            pairs.append({"doc_id": doc_id, "start": row["start"], "end": row["end"],
                          **{f"{c}_1": a.iloc[i][c] for c in LABELS},
                          **{f"{c}_2": row[c] for c in LABELS}})
    return pd.DataFrame(pairs)


LABELS = ["type", "holder", "strength", "conditional", "addressee_norm"]


def nominal_alpha(x: pd.Series, y: pd.Series) -> float:
    values = sorted(set(x) | set(y))
    if len(values) < 2:
        return float("nan")
    code = {v: i for i, v in enumerate(values)}
    data = np.array([[code[v] for v in x], [code[v] for v in y]], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def agreement(pairs: pd.DataFrame) -> list[dict]:
    rows = []
    fold = lambda s: s.str.lower().str.split().str.join(" ")  # noqa: E731
    scopes = {"type": slice(None), "holder": slice(None)}
    for label in LABELS:
        if label in scopes:
            sub = pairs
        elif label in ("strength", "conditional"):
            sub = pairs[(pairs["type_1"] == "forecast") & (pairs["type_2"] == "forecast")]
        else:
            sub = pairs[(pairs["type_1"] == "recommendation") & (pairs["type_2"] == "recommendation")]
        x, y = sub[f"{label}_1"], sub[f"{label}_2"]
        if label == "addressee_norm":
            x, y = fold(x), fold(y)
        rows.append({"label": label, "pairs": int(len(sub)),
                     "identical": float((x.to_numpy() == y.to_numpy()).mean()) if len(sub) else float("nan"),
                     "alpha": nominal_alpha(x, y) if len(sub) else float("nan")})
    return rows


def main() -> None:
    first = read_labels(ROOT / "labels" / "sentences.csv")
    second = read_labels(ROOT / "labels" / "second_coder.csv")
    pairs = align(first, second)
    rows = agreement(pairs)
    per_type = pd.crosstab(pairs["type_1"], pairs["type_2"])
    result = {"documents": int(second["doc_id"].nunique()), "pairs": int(len(pairs)), "labels": rows,
              "type_confusion": {r: {c: int(per_type.loc[r, c]) for c in per_type.columns} for r in per_type.index}}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"{result['documents']} documents, {result['pairs']} sentence pairs coded by both")
    print("| label | pairs | % identical | Krippendorff's alpha |\n|---|---:|---:|---:|")
    for r in rows:
        print(f"| {r['label']} | {r['pairs']} | {100 * r['identical']:.0f} % | {r['alpha']:.2f} |")
    print(per_type)


if __name__ == "__main__":
    main()
