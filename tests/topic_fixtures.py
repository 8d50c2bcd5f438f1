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


# --- Real text from three unrelated sources, for the planted-structure checks -----------------
# Sources, all inside the repository or the Python standard library (nothing downloaded):
#   irish   examples/irish-budget-2010 (Dail debate on the 2010 budget; quanteda.textmodels data, GPL-3)
#   python  pydoc_data.topics (the Python language reference shipped with CPython; PSF licence)
#   korea   corpus/ (the five seed documents on US-South Korea relations), each cut in two halves
# Written before any topic rule was tuned on it; the numbers it gives are reported as measured.

from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _paragraphs(text, sep="\n\n"):
    return [p.strip() for p in text.replace("\r\n", "\n").split(sep) if len(p.split()) >= 8]


def source_texts(per_source=10):
    """``{source: [(name, text), ...]}`` with ``per_source`` documents each."""
    import csv

    import pydoc_data.topics as pt

    out = {}
    with open(ROOT / "examples" / "irish-budget-2010" / "manifest.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))[:per_source]
    out["irish"] = [(r["doc_id"], (ROOT / "examples" / "irish-budget-2010" / r["file"]).read_text("utf-8"))
                    for r in rows]
    longest = sorted(pt.topics.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:per_source]
    out["python"] = [(k, v) for k, v in sorted(longest)]
    seeds = []
    with open(ROOT / "corpus" / "manifest.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            paras = _paragraphs((ROOT / "corpus" / r["file"]).read_text("utf-8"), "\n")
            half = len(paras) // 2
            seeds += [(f"{r['doc_id']}-a", "\n\n".join(paras[:half])),
                      (f"{r['doc_id']}-b", "\n\n".join(paras[half:]))]
    out["korea"] = seeds[:per_source]
    return out


def write_corpus(folder, docs):
    """Write ``docs`` = [(doc_id, text, authors)] as a briefkit corpus folder; return the folder."""
    import csv

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "file", "title", "authors", "kind", "language"])
        for doc_id, text, authors in docs:
            (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
            w.writerow([doc_id, f"{doc_id}.txt", doc_id, authors, "text", "en"])
    return folder


def three_source_corpus(folder, per_source=10):
    """Whole documents from three unrelated sources; returns ``(folder, {doc_id: source})``."""
    docs, truth = [], {}
    for source, items in source_texts(per_source).items():
        for name, text in items:
            doc_id = f"{source}-{name}".replace("_", "-").lower()
            docs.append((doc_id, text, source))
            truth[doc_id] = source
    return write_corpus(folder, docs), truth


def blended_corpus(folder, n_docs=30, n_paras=40, seed=0):
    """Documents whose paragraphs come from the three sources in known proportions.

    Returns ``(folder, proportions)``: a DataFrame ``doc_id`` x source of the drawn word shares.
    """
    rng = np.random.default_rng(seed)
    pools = {s: [p for _, t in items for p in _paragraphs(t)] for s, items in source_texts().items()}
    # cap paragraph length so one long paragraph does not swamp a document's proportions
    pools = {s: [" ".join(p.split()[:150]) for p in v] for s, v in pools.items()}
    names = sorted(pools)
    docs, props = [], []
    for i in range(n_docs):
        p = rng.dirichlet(np.ones(len(names)))
        picks = rng.choice(len(names), size=n_paras, p=p)
        paras, words = [], dict.fromkeys(names, 0)
        for s in picks:
            text = pools[names[s]][rng.integers(len(pools[names[s]]))]
            paras.append(text)
            words[names[s]] += len(text.split())
        total = sum(words.values())
        props.append({"doc_id": f"blend-{i:02d}", **{s: words[s] / total for s in names}})
        docs.append((f"blend-{i:02d}", "\n\n".join(paras), f"a{i % 3}"))
    return write_corpus(folder, docs), pd.DataFrame(props)
