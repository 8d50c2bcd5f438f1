"""Constructed corpora with planted topics, shared by the topic-model tests."""

import numpy as np
import pandas as pd

PLANTED = {
    "trade": ["tariff", "export", "import", "trade", "customs", "duty", "quota", "levy"],
    "nuclear": ["missile", "nuclear", "launch", "warhead", "pyongyang", "regime", "sanction", "icbm"],
    "chips": ["chip", "wafer", "foundry", "fab", "lithography", "memory", "semiconductor", "packaging"],
}


def planted_passages(n_per_topic=20, words=12, seed=0, shuffle=False):
    """Passages each drawn from one planted vocabulary; ``shuffle`` scrambles words across passages."""
    rng = np.random.default_rng(seed)
    rows, labels, texts = [], [], []
    for name in sorted(PLANTED):
        for _ in range(n_per_topic):
            texts.append(list(rng.choice(PLANTED[name], size=words)))
            labels.append(name)
    if shuffle:
        flat = np.array([w for t in texts for w in t])
        rng.shuffle(flat)
        texts = [list(flat[i * words:(i + 1) * words]) for i in range(len(texts))]
    for i, (lab, toks) in enumerate(zip(labels, texts)):
        doc = f"doc{i % 6}"
        text = " ".join(toks)
        rows.append({"doc_id": doc, "passage_id": f"{doc}:p{i}.0", "para_id": i, "start": i * 200,
                     "end": i * 200 + len(text), "n_sentences": 1, "text": text, "planted": lab})
    return pd.DataFrame(rows)


def planted_docs():
    return pd.DataFrame({"doc_id": [f"doc{i}" for i in range(6)],
                         "authors": ["Kim", "Kim; Lee", "Lee", "Park", "", "Park"],
                         "affiliation": ["A", "A", "B", "B", "C", "C"]})
