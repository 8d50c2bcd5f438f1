# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: -jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 · The corpus: what each document is, and what cleaning set aside
#
# This notebook reads the corpus named by `$BRIEFKIT_CORPUS` (default: the project's `corpus/`),
# cleans every document and exports the tables the later notebooks build on. It answers four
# questions before any analysis:
#
# 1. **What is each document?** Title, authors, affiliation, kind and publication date come from
#    `manifest.csv`. Each field was established from the text itself; the `notes` column says how,
#    and where the text could not establish a field it is left empty or kept at a coarser date
#    precision rather than guessed.
# 2. **What did cleaning set aside, and why?** Cleaning keeps the author's argument and sets aside
#    covers and front matter (including another publication's cover), bylines, biographies,
#    contact details, disclaimers, series blurbs, captions, comment sections, navigation lines,
#    markup, pull quotes that repeat the body, and lines in another script. Nothing is deleted:
#    every change is a row of `removed.csv` with its character offsets in the raw file, and the
#    raw file can be rebuilt exactly from the cleaned text plus that record.
# 3. **How long is each text** before and after cleaning?
# 4. **When was each published**, and how precisely do we know it?

# %% tags=["parameters"]
corpus = None    # corpus folder; None: $BRIEFKIT_CORPUS, else the project's corpus/
figures = None   # export folder; None: $BRIEFKIT_FIGURES, else the project's figures/
group_by = None  # manifest column to compare; None: $BRIEFKIT_GROUP_BY, else "authors"
seed = 0         # seed for every random step
today = None     # "YYYY-MM-DD"; None: $BRIEFKIT_TODAY, else the date of the run

examples_per_category = 2

# %%
import pandas as pd

import briefkit

run = briefkit.notebook_run(corpus=corpus, figures=figures, group_by=group_by, seed=seed, today=today)
corpus, figures, group_by, today = run.corpus, run.figures, run.group_by, run.today
from briefkit.corpus import overview
from briefkit.corpus.load import lossless_check

briefkit.use_style()
pd.set_option("display.max_colwidth", 120)

docs = briefkit.load_corpus(corpus)
removed = briefkit.removed_spans(docs)
sents = briefkit.sentences(docs)
print(f"corpus: {docs.attrs['corpus']}")
print(f"{len(docs)} documents, {len(sents)} sentences, {len(removed)} recorded edits")

# %% [markdown]
# ## The documents
#
# `published` is shown at the precision the evidence supports (`2025`, `2025-03`, `2025-02-05`);
# `date_precision` says which. Read the `notes` column before trusting any field.

# %%
documents = briefkit.document_table(docs)
briefkit.show(documents, columns=["doc_id", "title", "authors", "affiliation", "kind", "published",
                                  "date_precision", "n_words_raw", "n_words_clean"])

# %%
briefkit.show(documents, columns=["doc_id", "notes"])

# %% [markdown]
# ## Cleaning is lossless
#
# The check below rebuilds every raw file from its cleaned text and the edit record (the test
# suite holds cleaning to this on every corpus it runs, and on random text).

# %%
lossless = lossless_check(docs)
print(f"raw text recovered exactly for {int(lossless['restored'].sum())} of {len(lossless)} documents")

# %% [markdown]
# ## What cleaning set aside, and why
#
# The figure counts raw characters set aside per document and reason (formatting-only edits such
# as whitespace, markup and link targets are left out of the figure and summarized in the table
# after it). On the seed corpus, the brief `vekasi-2025` loses the most: its file opens with the
# cover, contact block and author box of a *different* issue of the same series, and six pull
# quotes repeat sentences of the body (one of them wrapped over five lines). The blog post `blog-2020-nk` ends with a comment section
# and a reply form; `yang-2025` ends with a Korean-language reference line and the author's
# biography.

# %%
summary = overview.removal_summary(removed)
fig = overview.plot_removals(summary, kind="content")
briefkit.save_figure(fig, "01_removed_by_category", out_dir=figures,
                     alt="Bar chart: raw characters set aside by cleaning, per document and reason.")

# %%
briefkit.show(summary.pivot_table(index="category", columns="kind", values="n_chars", aggfunc="sum",
                                  fill_value=0).reset_index())

# %% [markdown]
# Examples of each category (the longest ones, shortened). Every row points back into the raw
# file through `doc_id`, `start` and `end`.

# %%
briefkit.show(overview.removal_examples(removed, per_category=examples_per_category))

# %% [markdown]
# ## Sentences
#
# Sentences are split with NLTK's Punkt algorithm and a built-in list of abbreviations (U.S.,
# Dr., Gen., a.m., single initials …), inside paragraphs, so a heading never runs into the
# sentence after it. Sentences broken by a page break or by a pull quote dropped into the middle
# have been rejoined. `start`/`end` are offsets into the raw file.

# %%
briefkit.show(sents.groupby("doc_id").agg(sentences=("sent_id", "size"),
                                          headings=("is_heading", "sum")).reset_index())

# %%
briefkit.show(sents, max_rows=8)

# %% [markdown]
# ## Words per document
#
# Lengths vary a lot; the later notebooks therefore work on passages and sentences rather than
# whole documents, and show how many units stand behind every estimate.

# %%
fig = overview.plot_word_counts(docs)
briefkit.save_figure(fig, "01_words_per_document", out_dir=figures,
                     alt="Bar chart: words per document before and after cleaning.")

# %% [markdown]
# ## Publication timeline
#
# A dot is a date known to the day; a bar spans the month or year when that is all the text
# supports. Undated documents are listed on their own row. On the seed corpus, only `yang-2025`
# prints a full date ("2025. 2. 5.", Korean year-month-day order); the news report and two briefs
# are known only to the year or month, and the blog post is from the 2020 campaign.

# %%
fig = overview.plot_timeline(docs)
briefkit.save_figure(fig, "01_publication_timeline", out_dir=figures,
                     alt="Timeline: each document's publication date, a dot when known to the day, a bar spanning the month or year otherwise.")

# %% [markdown]
# ## Exports
#
# `documents.csv` (one row per document), `removed.csv` (`doc_id, start, end, category, text,
# replacement`: every edit, formatting included, so the raw text can be rebuilt) and
# `sentences.csv` (`doc_id, sent_id, start, end, text`, in reading order) go to
# `$BRIEFKIT_FIGURES`, with the three figures as PNG, SVG and PDF.

# %%
briefkit.save_table(documents, "documents", out_dir=figures)
briefkit.save_table(removed, "removed", out_dir=figures)
briefkit.save_table(sents[["doc_id", "sent_id", "start", "end", "text"]], "sentences", out_dir=figures)
print("exported to", briefkit.figures_dir(figures))
