"""Sentence splitters on the labelled boundary set (accuracy) and on the 5,000-document corpus (speed).

Accuracy: every splitter splits the same paragraphs of clean text (briefkit's, from
``load_corpus``) of the labelled set in ``tests/data/sentence_boundaries`` (seeds, a sample of the
Irish budget speeches, a sample of the development corpus, hand-written hard cases; rules in its
RULES.md) and is scored by :func:`briefkit.corpus.text.boundaries.boundary_scores`.

Speed: the same splitters, in one process, on the clean paragraphs of the resampled
5,000-document benchmark corpus (``bench_corpus.build_corpus``, seed 0), in turns: every
repeat runs each splitter once, so all of them see the same load on a shared machine; the
table gives the median of the repeats. The run also checks that briefkit's splitter returns
exactly the spans of NLTK Punkt with briefkit's parameters (the configuration before briefkit
carried Punkt's rules itself) on every paragraph.

Candidates are measured when installed (none is a briefkit dependency; each works offline with
what its package ships): ``pip install blingfire nupunkt sentencex syntok pysbd``.

    .venv/bin/python benchmarks/bench_sentences.py [--docs 5000] [--repeat 3] [--no-speed]

Prints markdown tables and writes benchmarks/results/sentences.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
LABELS = ROOT / "tests" / "data" / "sentence_boundaries"
RESULTS = ROOT / "benchmarks" / "results" / "sentences.json"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


def _aligned(text: str, pieces) -> list[tuple[int, int]]:
    """Spans of sentence strings found in order in ``text`` (for splitters that return strings)."""
    out, pos = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, pos)
        if at < 0:
            continue
        out.append((at, at + len(piece)))
        pos = at + len(piece)
    return out


def splitters() -> dict[str, tuple[object, str]]:
    """name -> (paragraph -> spans, package version); candidates only when installed."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    from briefkit.corpus.text import punkt

    params = PunktParameters()
    params.abbrev_types = set(punkt.ABBREVIATIONS)
    nltk_briefkit = PunktSentenceTokenizer(params)
    nltk_default = PunktSentenceTokenizer(PunktParameters())

    def before(text):  # briefkit's splitter before this change: NLTK's Punkt + the same merge
        spans = []
        for s, e in nltk_briefkit.span_tokenize(text):
            if spans and punkt._CONTINUATION.match(text[s:e]):
                spans[-1] = (spans[-1][0], e)
            else:
                spans.append((s, e))
        return spans

    out = {"briefkit (Punkt's rules in briefkit's code)": (punkt.sentence_spans, ""),
           "NLTK Punkt, briefkit's parameters (before)": (before, _version("nltk")),
           "NLTK Punkt, default parameters": (lambda t: list(nltk_default.span_tokenize(t)), _version("nltk"))}
    try:
        import blingfire

        out["blingfire"] = (lambda t: blingfire.text_to_sentences_and_offsets(t)[1] if t.strip() else [],
                            _version("blingfire"))
    except ImportError:
        pass
    try:
        import nupunkt

        out["nupunkt"] = (nupunkt.sent_spans, _version("nupunkt"))
    except ImportError:
        pass
    try:
        import sentencex

        out["sentencex"] = (lambda t: [(b["start_index"], b["end_index"])
                                       for b in sentencex.get_sentence_boundaries("en", t)], _version("sentencex"))
    except ImportError:
        pass
    try:
        import syntok.segmenter as syntok

        out["syntok"] = (lambda t: [(s[0].offset, s[-1].offset + len(s[-1].value))
                                    for para in syntok.analyze(t) for s in para], _version("syntok"))
    except ImportError:
        pass
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
        out["pysbd"] = (lambda t: [(s.start, s.end) for s in seg.segment(t)], _version("pysbd"))
    except ImportError:
        pass
    return out


def accuracy(split_fns) -> list[dict]:
    from briefkit.corpus.load import load_corpus
    from briefkit.corpus.text.boundaries import boundary_scores, read_boundary_labels

    regions, labels = read_boundary_labels(LABELS)
    corpora = []
    for corpus, reg in regions.groupby("corpus", sort=False):
        docs = load_corpus(ROOT / corpus, n_jobs=1)
        corpora.append((corpus, docs[docs["doc_id"].isin(reg["doc_id"])], reg, labels[labels["corpus"] == corpus]))
    rows = []
    for name, (fn, version) in split_fns.items():
        parts = []
        for corpus, docs, reg, lab in corpora:
            r = boundary_scores(docs, reg, lab, split=fn).iloc[0].to_dict()
            r.update({k: int(r[k]) for k in ("labelled", "predicted", "correct")})
            parts.append(r)
            rows.append({"splitter": name, "version": version, "source": corpus, **r})
        n = {k: sum(p[k] for p in parts) for k in ("labelled", "predicted", "correct")}
        p, r = n["correct"] / n["predicted"], n["correct"] / n["labelled"]
        rows.append({"splitter": name, "version": version, "source": "all", **n,
                     "precision": p, "recall": r, "f1": 2 * p * r / (p + r)})
    return rows


def speed(split_fns, n_docs: int, seed: int, repeat: int, slow_after: float) -> tuple[list[dict], dict]:
    from bench_corpus import build_corpus

    from briefkit.corpus.load import load_corpus
    from briefkit.corpus.text.rows import paragraph_spans

    with tempfile.TemporaryDirectory(prefix="briefkit-sents-") as tmp:
        build_corpus(Path(tmp), n_docs, seed)
        docs = load_corpus(tmp, n_jobs=1)
    paras = []
    for clean, res in zip(docs["clean_text"], docs["cleaning"]):
        heads = set(res.headings)
        paras.extend(clean[s:e] for s, e in paragraph_spans(clean) if (s, e) not in heads)
    chars = sum(map(len, paras))
    names = list(split_fns)
    times: dict[str, list[tuple[float, float]]] = {n: [] for n in names}
    counts: dict[str, int] = {}
    outputs: dict[str, list] = {}
    for _ in range(repeat):
        for name in names:
            if times[name] and times[name][0][0] > slow_after:
                continue  # one run of a slow splitter is enough to place it
            fn = split_fns[name][0]
            t0, c0 = time.perf_counter(), time.process_time()
            spans = [fn(p) for p in paras]
            times[name].append((time.perf_counter() - t0, time.process_time() - c0))
            counts[name] = sum(map(len, spans))
            if name.startswith("briefkit") or name.endswith("(before)"):
                outputs[name] = spans
    mine, before = (outputs[n] for n in names[:2])
    check = {"paragraphs": len(paras), "differing_paragraphs": sum(a != b for a, b in zip(mine, before))}
    base = statistics.median(t for t, _ in times[names[1]])
    rows = []
    for name in names:
        wall = statistics.median(t for t, _ in times[name])
        rows.append({"splitter": name, "version": split_fns[name][1], "runs": len(times[name]),
                     "wall_s": wall, "cpu_s": statistics.median(c for _, c in times[name]),
                     "wall_all_runs": [round(t, 3) for t, _ in times[name]], "sentences": counts[name],
                     "mb_per_s": chars / 1e6 / wall, "vs_nltk_punkt_before": base / wall})
    return rows, {"documents": len(docs), "clean_mb": chars / 1e6, **check}


def markdown(df: pd.DataFrame, digits: int = 3) -> str:
    """A DataFrame as a markdown table (numbers rounded)."""
    def cell(v):
        return f"{v:.{digits}f}" if isinstance(v, float) else str(v)
    lines = ["| " + " | ".join(df.columns) + " |", "|" + "---|" * len(df.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--slow-after", type=float, default=120.0,
                        help="a splitter whose first run takes longer than this many seconds runs once")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args(argv)
    fns = splitters()
    acc = pd.DataFrame(accuracy(fns))
    total = acc[acc["source"] == "all"]
    print(markdown(total[["splitter", "version", "labelled", "predicted", "correct", "precision", "recall", "f1"]]),
          flush=True)
    out = {"accuracy": acc.to_dict("records")}
    if not args.no_speed:
        load0 = os.getloadavg()[0]
        rows, corpus = speed(fns, args.docs, args.seed, args.repeat, args.slow_after)
        print()
        print(markdown(pd.DataFrame(rows)[["splitter", "runs", "wall_s", "cpu_s", "mb_per_s", "vs_nltk_punkt_before",
                                           "sentences"]], digits=2))
        print(f"\nbriefkit vs NLTK Punkt (briefkit's parameters): {corpus['differing_paragraphs']} of "
              f"{corpus['paragraphs']} paragraphs differ")
        out["speed"] = rows
        out["speed_corpus"] = corpus
        out["meta"] = {"python": platform.python_version(), "cpus": os.cpu_count(), "seed": args.seed,
                       "repeat": args.repeat, "load_average_1min": [round(load0, 2), round(os.getloadavg()[0], 2)],
                       "note": "speed: median wall/CPU seconds of the repeats, splitters run in turns in one "
                               "process on the same paragraphs; the machine is shared"}
    RESULTS.write_text(json.dumps(out, indent=2, sort_keys=True, default=float) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
