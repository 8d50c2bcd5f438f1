"""Agreement of the two stance coders of the development corpus (Krippendorff's alpha).

The first coders' mentions (``tests/data/devcorpus/labels/stance.csv``) are the reference; a third
coder coded 10 of the 51 documents blind (``labels/stance_second_coder.csv``, the documents of
``labels/stance_second_coder_sample.csv``). A mention is one (sentence, target); on those documents
we report how many mentions each coder saw that the other did not (mention finding is part of the
coding: any wording counts), and nominal alpha on the stance of the mentions both saw.
Writes ``benchmarks/results/devcorpus_stance_agreement.json`` and prints a Markdown table.
"""

from __future__ import annotations

import json
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1] / "tests" / "data" / "devcorpus" / "labels"
OUT = Path(__file__).resolve().parent / "results" / "devcorpus_stance_agreement.json"
KEY = ["doc_id", "start", "end", "target"]


def main() -> None:
    first = pd.read_csv(ROOT / "stance.csv", dtype=str, keep_default_na=False)
    second = pd.read_csv(ROOT / "stance_second_coder.csv", dtype=str, keep_default_na=False)
    sample = set(pd.read_csv(ROOT / "stance_second_coder_sample.csv", dtype=str)["doc_id"])
    first = first[first["doc_id"].isin(sample)]
    both = first.merge(second, on=KEY, suffixes=("_1", "_2"))
    only_1 = len(first) - len(both)
    only_2 = len(second) - len(both)
    x = both["stance_1"].astype(int).to_numpy()
    y = both["stance_2"].astype(int).to_numpy()
    alpha = float(krippendorff.alpha(reliability_data=np.vstack([x, y]).astype(float),
                                     level_of_measurement="nominal"))
    polar = (x != 0) | (y != 0)
    result = {"documents": len(sample), "mentions_first": int(len(first)), "mentions_second": int(len(second)),
              "mentions_both": int(len(both)), "only_first": int(only_1), "only_second": int(only_2),
              "stance_alpha": alpha, "stance_identical": float((x == y).mean()),
              "polar_pairs": int(polar.sum()), "polar_identical": float((x[polar] == y[polar]).mean())}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
