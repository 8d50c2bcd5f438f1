# ---
# jupyter:
#   jupytext:
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
# # 02 · Topics across briefs and authors
#
# Which themes does each brief, and each author, emphasise — without naming the themes in advance?
# This notebook fits a topic model on **passages** (paragraphs; long paragraphs cut into windows of at
# most a few sentences), because a corpus may hold only a handful of documents, then aggregates the
# passage shares back to documents and to groups (authors by default).
#
# What it does differently from the usual tools, and where you can check it:
#
# * **The number of topics K is chosen in the open.** For every candidate K we compute NPMI coherence
#   (do a topic's top terms really occur together in this corpus's passages?), exclusivity (are they
#   specific to the topic?) and **stability** (refit from 10 other random starts on random 80 % subsamples
#   of the passages, match topics one-to-one and measure how similar they stay). The recommendation rule is
#   stated below; you can override K in the parameters cell.
# * **Same input, same output.** Every fit is seeded; re-running gives identical tables and figures.
# * **Evidence for every topic.** Top terms by weight and by FREX (frequent *and* exclusive), and the
#   most representative passages with `doc_id` and character offsets into the raw file.
# * **Uncertainty.** Group and document shares carry 95 % bootstrap intervals over passages; groups with
#   fewer than 5 passages get no interval and are flagged "too few".
#
# Everything is computed by `briefkit` (`passages`, `topic_vocab`, `topics`, `topic_select`,
# `topic_tables`, `topic_shares`, `topic_plots`); this notebook only calls it.

# %% tags=["parameters"]
corpus = None    # corpus folder; None: $BRIEFKIT_CORPUS, else the project's corpus/
figures = None   # export folder; None: $BRIEFKIT_FIGURES, else the project's figures/
group_by = None  # manifest column to compare; None: $BRIEFKIT_GROUP_BY, else "authors"
seed = 0         # seed for every random step
today = None     # "YYYY-MM-DD"; None: $BRIEFKIT_TODAY, else the date of the run

K = None            # number of topics; None = use the recommendation below
model = "nmf"       # "nmf" (TF-IDF) or "lda" (counts)
n_seeds = 10        # stability refits per candidate K (at least 10 for the published rule)
k_max = 12          # largest candidate K
max_sentences = 5   # longest passage, in sentences
n_boot = 1000       # bootstrap replicates for share intervals
n_examples = 3      # representative passages printed per topic

# %%
import briefkit

run = briefkit.notebook_run(corpus=corpus, figures=figures, group_by=group_by, seed=seed, today=today)
corpus, figures, group_by, today = run.corpus, run.figures, run.group_by, run.today

import numpy as np
import pandas as pd

from briefkit.corpus.load import load_corpus
from briefkit.export import save_figure, save_table
from briefkit.corpus.passages import passages
from briefkit.corpus.segment import sentences
from briefkit.topics.plots import (plot_group_topics, plot_k_diagnostics, plot_topic_dates,
                                  plot_topic_terms)
from briefkit.topics.select import k_diagnostics, recommend_k
from briefkit.topics.shares import document_topic_shares, group_topic_shares, top_passages
from briefkit.topics.tables import topic_summary, topic_terms
from briefkit.topics.vocab import build_vocabulary
from briefkit.topics.model import fit_topics, passage_topics

pd.set_option("display.max_colwidth", 80)
pd.set_option("display.width", 160)
print("corpus:", corpus)
print("exports:", figures)

# %% [markdown]
# ## 1 · Passages and vocabulary
#
# Passages come from `briefkit.corpus.segment.sentences`: headings are dropped, each body paragraph is a
# passage, and a paragraph longer than `max_sentences` sentences is cut into near-equal consecutive
# windows. Terms are content words and two-word phrases of adjacent content words ("north korea",
# "cost sharing"), kept when they occur in at least `min_df` passages and at most `max_df` of them
# (rules in `briefkit.topics.vocab`).

# %%
docs = load_corpus(corpus)
sents = sentences(docs)
units = passages(sents, max_sentences=max_sentences)
vocab = build_vocabulary(units)
per_doc = units.groupby("doc_id").size().rename("passages")
print(f"{len(docs)} documents, {len(sents)} sentences, {len(units)} passages, "
      f"{vocab.info['n_terms']} terms (min_df={vocab.info['min_df']}, max_df={vocab.info['max_df']}"
      f"{', fallback for a tiny corpus' if vocab.info['df_fallback'] else ''})")
per_doc.to_frame().T if len(per_doc) <= 20 else per_doc.describe().to_frame().T

# %% [markdown]
# ## 2 · How many topics?
#
# For each candidate K the reference model is fitted once (deterministic start) and refitted `n_seeds`
# times from random starts on random 80 % subsamples of the passages; stability is the cosine similarity
# of each topic's 20 heaviest term weights to its best one-to-one match in the refit. **Rule:** among the K whose mean
# stability is at least 0.8, take the K with the best average rank over coherence, exclusivity and
# stability; exact ties go to the smaller K. If no K reaches 0.8, all K compete and the topics should be
# read as tentative. Exclusivity almost always falls as K grows, and stability usually does too, so the
# rule leans towards few, broad topics; that is deliberate — a topic that changes with the random start is
# not evidence about the briefs.

# %%
diag = k_diagnostics(units, model=model, seed=seed, n_seeds=n_seeds, vocab=vocab, k_max=k_max)
k_rec, diag_table, reason = recommend_k(diag)
k_use = k_rec if K is None else int(K)
print(reason)
print(f"Using K={k_use}" + (" (recommended)" if K is None else f" (set by the analyst; the rule recommends K={k_rec})"))
diag_table.round(3)

# %%
fig = plot_k_diagnostics(diag_table, chosen_k=k_use, recommended_k=k_rec)
save_figure(fig, "topics_k_diagnostics", out_dir=figures)
save_table(diag_table, "k_diagnostics", out_dir=figures)
fig

# %% [markdown]
# How to read it: the left panel rises when a K's top terms co-occur in the same passages; the middle
# panel falls as topics begin to share vocabulary; the right panel shows how reproducible the topics are
# (blue: mean over topics and refits, band: spread over refits; orange: the *least* stable topic). A K
# whose mean is fine but whose least stable topic is low has at least one topic that should not be
# interpreted. On the seed corpus, K=3 (mean about 0.85, least stable topic about 0.77) and K=5 (about
# 0.83 and 0.74) clear the 0.8 bar; K=3 wins on the mean rank over the three diagnostics, so the rule
# recommends it (the printed reason above gives the current numbers). With K=2 the five documents can be
# split into two groups in more than one way; at K=4 and from K=6 on, the least stable topic falls to
# about 0.65 or below. Coherence is highest at large K, but only because a topic that
# covers a single passage or two has terms that trivially co-occur — one reason coherence alone is not
# used to choose K.

# %% [markdown]
# ## 3 · The topics: terms, quality and labels
#
# Labels are the three highest-FREX terms among a topic's 20 heaviest — descriptions to check against the
# passages in section 6, not names the model vouches for.

# %%
fit = fit_topics(units, k_use, model=model, seed=seed, vocab=vocab)
summary = topic_summary(fit, n_seeds=n_seeds)
terms = topic_terms(fit, n=15)
print(f"{fit.info['n_fitted']} passages modelled; {fit.info['n_no_terms']} without any vocabulary term, "
      f"{fit.info['n_zero_fit']} with zero loading (listed in fit.passages, not dropped silently)")
summary.round(3)

# %%
fig = plot_topic_terms(terms, labels=summary, n=10)
save_figure(fig, "topics_terms", out_dir=figures)
fig

# %% [markdown]
# ## 4 · Which group emphasises which topic?
#
# Each cell: the share of the group's modelled words assigned to the topic, with a 95 % bootstrap
# interval over the group's passages. A document with several authors counts for each of them; a
# document without a value in the grouping column forms its own group. The interval covers which passages
# were written, not the model's own uncertainty (that is the stability column above), and it is optimistic
# because passages of one document are not independent.

# %%
groups = group_topic_shares(fit, docs, by=group_by, n_boot=n_boot, seed=seed)
fig = plot_group_topics(groups, labels=summary, group_label=group_by)
save_figure(fig, "topics_by_group", out_dir=figures)
fig

# %%
groups.pivot(index="group", columns="topic_id", values="share").round(2).assign(
    n_passages=groups.groupby("group")["n_passages"].first())

# %% [markdown]
# ## 5 · Topic share over publication date
#
# One dot per document. Documents dated only to a month or a year are drawn over that whole period
# (orange bar), so a year-precision brief is not mistaken for one published on 1 January. Undated
# documents are named under the figure.

# %%
doc_shares = document_topic_shares(fit, n_boot=n_boot, seed=seed)
fig = plot_topic_dates(doc_shares, docs, labels=summary)
save_figure(fig, "topics_over_time", out_dir=figures)
undated = sorted(docs.loc[docs["published"].isna(), "doc_id"])
print("undated documents:", undated if undated else "none")
fig

# %% [markdown]
# ## 6 · Evidence: the most representative passages
#
# For each topic, the passages it dominates most strongly (at most two per document, so you can see
# whether a topic spans documents), with `doc_id` and the character offsets of the passage in the raw file.

# %%
examples = top_passages(fit, n=n_examples, per_doc=2)
for t, row in summary.set_index("topic_id").iterrows():
    print(f"=== T{t}: {row['label']}  (prevalence {row['prevalence']:.2f}, stability {row['stability']:.2f})")
    print("    top terms:", row["top_terms"])
    for ex in examples.loc[examples["topic_id"] == t].itertuples():
        text = ex.text if len(ex.text) <= 400 else ex.text[:400] + " …"
        print(f"  [{ex.rank}] {ex.doc_id} {ex.start}-{ex.end} (share {ex.share:.2f}): {text}")
    print()

# %% [markdown]
# ## 7 · Exports and checks

# %%
doc_topics = passage_topics(fit)
topic_passages = top_passages(fit, n=10)
save_table(summary, "topics", out_dir=figures)
save_table(terms, "topic_terms", out_dir=figures)
save_table(doc_topics, "doc_topics", out_dir=figures)
save_table(groups, "group_topics", out_dir=figures)
save_table(doc_shares, "doc_topic_shares", out_dir=figures)
save_table(topic_passages, "topic_passages", out_dir=figures)

# Invariants: shares sum to 1 per passage, group and document; intervals bracket the estimate;
# every passage keeps valid offsets into its raw text.
assert np.allclose(doc_topics.groupby("passage_id")["share"].sum(), 1.0)
ok = groups["share"].notna()
assert np.allclose(groups.loc[ok].groupby("group")["share"].sum(), 1.0)
ci = groups.dropna(subset=["ci_low"])
assert ((ci["ci_low"] <= ci["share"] + 1e-12) & (ci["share"] <= ci["ci_high"] + 1e-12)).all()
raw_len = docs.set_index("doc_id")["raw_text"].str.len()
assert (units["start"] < units["end"]).all()
assert (units["end"].to_numpy() <= raw_len.loc[units["doc_id"]].to_numpy()).all()
assert set(doc_topics["passage_id"]) <= set(units["passage_id"])
print("exports written to", figures)

# %% [markdown]
# ## 8 · What the topics show — and where the evidence is thin
#
# **How to read this on any corpus.** Start with section 2: if the recommended K sits below the 0.8
# stability line, or its least stable topic is far below the mean, read the topics as tentative. Then
# read each topic through its passages (section 6), not its label. In the heatmap, a contrast between two
# groups means something only when their intervals do not overlap and both groups have many passages;
# groups marked "too few" are descriptions of one or two paragraphs, not of an author.
#
# **On the seed corpus** (five texts on US–South Korea relations; one is a 2020 blog post, one a short
# news report), the rule recommends **K=3**, and the three topics line up with the documents more than
# they cut across them:
#
# * an **economic-security** topic (economic security, semiconductors, supply chains, Japan, China)
#   is essentially Vekasi's brief (about 87 %), with smaller shares in Yang, Shin and the news report;
# * a **Trump-administration** topic (President Trump, administration, allies, the Trump administration)
#   covers about 70 % of Shin's Sejong brief and more than half of Yang's Asan brief — the two briefs
#   that assess the administration and prescribe what Korea should do about it;
# * a **North Korea / deal-making** topic (deal, Kim, North Korea, bureaucratic resistance, Nobel) is
#   essentially the 2020 blog post (about 93 %), with a share of the news report.
#
# Themes an analyst might expect — tariffs and trade, burden-sharing, shipbuilding — do not come out as
# topics of their own at this K: they appear in a few passages each and are absorbed into the broader
# topics (Shin's passages on tariffs, export controls and shifting defence burdens are among the
# *Trump-administration* topic's most representative passages). The short news report, which mentions the
# tariff deal, has only 6 passages and the widest intervals. Forcing a larger K (e.g. `K = 6` in the
# parameters) splits out more specific themes, but the stability panel shows that at most other K at
# least one topic changes between refits (K=5 is the one other K above the bar, narrowly), so such
# splits should be checked passage by passage before they are reported. The evidence is thinnest for the two unsigned texts (each is its own "no authors" group) and
# for the news report; with one document per author, "author" differences here are document differences,
# and the time figure has one 2020 document against four from 2025, so it shows no trend.

# %% [markdown]
# ## Explore interactively
#
# One circle per document and topic (area = share). Hover for the document, group, topic, share and
# the passage behind it; click a circle to list them under the plot; the menus filter by group and
# topic. It works offline, here and in the HTML export.

# %%
from briefkit.groups import document_groups
from briefkit.topics import explore_topics

explore_topics(doc_shares, passages=topic_passages, labels=summary, groups=document_groups(docs, by=group_by))
