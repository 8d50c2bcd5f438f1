"""Odd corpora never stop notebook 01's steps: one document, headings only, almost empty, undated."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest

import briefkit
from briefkit.corpus import overview


@pytest.mark.parametrize("text", ["# Only a heading\n", "## A\n\n### B\n", "x", "\u200b.\n", "Dr.\n"])
def test_one_odd_document_goes_through_every_step(tmp_path, text):
    (tmp_path / "manifest.csv").write_text("doc_id,file,title,published\nd,d.txt,Only a heading,\n",
                                           encoding="utf-8")
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    docs = briefkit.load_corpus(tmp_path)
    removed = briefkit.removed_spans(docs)
    sents = briefkit.sentences(docs)
    assert list(sents.columns) == ["doc_id", "sent_id", "para_id", "start", "end", "text", "is_heading"]
    summary = overview.removal_summary(removed)
    for fig in (overview.plot_removals(summary, kind="content"), overview.plot_word_counts(docs),
                overview.plot_timeline(docs)):
        briefkit.save_figure(fig, "01_odd", out_dir=tmp_path / "figs", alt="odd corpus")
    briefkit.save_table(briefkit.document_table(docs), "documents", out_dir=tmp_path / "figs")
    briefkit.save_table(removed, "removed", out_dir=tmp_path / "figs")
    briefkit.save_table(sents[["doc_id", "sent_id", "start", "end", "text"]], "sentences", out_dir=tmp_path / "figs")
    plt.close("all")
    assert (tmp_path / "figs" / "sentences.csv").read_text(encoding="utf-8").startswith("doc_id,sent_id,start,end,text")


def test_figures_fit_a_page_with_many_documents(tmp_path):
    import pandas as pd

    n = 120
    docs = pd.DataFrame({"doc_id": [f"d{i:03d}" for i in range(n)], "n_words_raw": range(10, 10 + n),
                         "n_words_clean": range(5, 5 + n),
                         "published": [pd.Timestamp(f"{2015 + i % 10}-01-01") if i % 7 else pd.NaT for i in range(n)],
                         "date_precision": [["year", "month", "day"][i % 3] if i % 7 else "" for i in range(n)]})
    removed = pd.DataFrame({"doc_id": docs["doc_id"], "start": 0, "end": 5, "category": "byline",
                            "text": "By Me", "replacement": ""})
    for fig in (overview.plot_removals(overview.removal_summary(removed), kind="content"),
                overview.plot_word_counts(docs), overview.plot_timeline(docs)):
        briefkit.save_figure(fig, "01_many", out_dir=tmp_path, alt="many documents")  # refuses oversize figures
    plt.close("all")
