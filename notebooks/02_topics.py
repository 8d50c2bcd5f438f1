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
# # 02 · Topics that cut across documents
#
# Which themes run through the corpus, and how much of each brief, author or group is about each —
# both the themes the corpus shows unprompted (**topics**) and the themes the analyst asks about
# (**guided topics**, one per target in `targets.toml`: tariffs, USFK, shipbuilding …).
#
# How it works, and where you can check it (everything is computed by `briefkit.topics`; this
# notebook only calls it and shows the results):
#
# * **Unit.** With 20 or more documents whole documents are modelled; with fewer, their passages
#   (paragraphs, long ones cut into windows of sentences) are, and shares are added back up to
#   documents. The reason is printed below; `unit=` overrides it.
# * **Vocabulary.** Before counting, variant forms are merged (U.S., USA and — in capitals — US become
#   `united states`; Kim Jong-un and Kim Jong Un become `kim jong un`), recurring capitalised names
#   ("Camp Humphreys") count as one term, terms found in more than half of the units are dropped, and
#   with passages a term must appear in at least two documents. Every merge and drop is listed. A
#   corpus can bring its own `vocabulary.toml` (merges, stop terms, filler terms).
# * **K in the open.** Every candidate K is fitted and refitted 10 times (all cores). It is set aside if
#   it **collapses** (one topic holds most of the corpus, or most topics are one document each); among
#   the rest it must be **stable** across refits; the best mean of coherence, exclusivity, stability
#   and **held-out error** (each scaled over the candidate K) wins, and near ties go to the most
#   stable K.
# * **Evidence.** Labels come from FREX terms and phrases (never filler words), top-term lists never
#   show a name beside a fragment of it, and each topic's most representative passages carry `doc_id`
#   and character offsets into the raw file.
# * **Uncertainty.** Every share and every difference between groups has a 95 % bootstrap interval
#   that resamples **documents** when two or more stand behind it; a group of one document says so.

# %% tags=["parameters"]
corpus = None    # corpus folder; None: $BRIEFKIT_CORPUS, else the project's corpus/
figures = None   # export folder; None: $BRIEFKIT_FIGURES, else the project's figures/
group_by = None  # manifest column to compare; None: $BRIEFKIT_GROUP_BY, else "authors"
seed = 0         # seed for every random step
today = None     # "YYYY-MM-DD"; None: $BRIEFKIT_TODAY, else the date of the run

K = None            # number of topics; None = use the recommendation below
unit = "auto"       # "auto", "passage" or "document"
model = "nmf"       # "nmf" (TF-IDF) or "lda" (counts)
n_seeds = 10        # refits per candidate K
k_max = 12          # largest candidate K
max_sentences = 5   # longest passage, in sentences
n_boot = 2000       # bootstrap replicates for intervals
targets_file = None  # targets for guided topics; None: the corpus's targets.toml/csv, else the default

# %%
import briefkit

run = briefkit.notebook_run(corpus=corpus, figures=figures, group_by=group_by, seed=seed, today=today)
corpus, figures, group_by, today = run.corpus, run.figures, run.group_by, run.today

from briefkit import save_figure, show
from briefkit.corpus.load import load_corpus
from briefkit.corpus.text.passages import passages
from briefkit.corpus.text.segment import sentences
from briefkit.stance.targets import corpus_targets_file, load_targets
from briefkit.topics.labels import read_topic_labels
from briefkit.topics.normalize import load_vocabulary_rules
from briefkit.topics.plots import plot_k_diagnostics, plot_topic_dates, plot_topic_terms
from briefkit.topics.plots_groups import plot_group_contrast, plot_group_topics, plot_guided_shares
from briefkit.topics.analysis import save_report, topic_report

print("corpus:", corpus)
print("exports:", figures)

# %% [markdown]
# ## 1 · Units, vocabulary and the whole analysis
#
# One call runs every step; the sections below show its parts. The analyst's own files are read from
# the corpus folder, never written: `vocabulary.toml` (merges and stop terms), `targets.toml` (guided
# topics) and `topic_labels.csv` (names for topics, matched by their stable key).

# %%
docs = load_corpus(corpus)
units = passages(sentences(docs), max_sentences=max_sentences)
rules = load_vocabulary_rules(corpus=corpus)
targets_source = targets_file if targets_file is not None else corpus_targets_file(corpus)
targets = load_targets(targets_source, corpus=corpus)
analyst_labels = read_topic_labels(corpus / "topic_labels.csv")
rep = topic_report(units, docs, by=group_by, unit=unit, k=K, model=model, seed=seed, n_seeds=n_seeds,
                   k_max=k_max, n_boot=n_boot, rules=rules, targets=targets,
                   analyst_labels=analyst_labels)
print(f"{len(docs)} documents, {len(units)} passages. Modelled unit: {rep.unit_reason}.")
print("vocabulary rules:", "; ".join(rules.sources))
if rep.vocab is not None:
    print(f"{rep.vocab.info['n_terms']} terms kept (min_df={rep.vocab.info['min_df']}, "
          f"max_df={rep.vocab.info['max_df']}, min_docs={rep.vocab.info['min_docs']}"
          f"{', relaxed for a tiny corpus' if rep.vocab.info['df_fallback'] else ''}); "
          f"{rep.vocab.info['n_merged']} mentions merged, {rep.vocab.info['n_names']} names joined.")
for note in rep.notes:
    print("NOTE:", note)

# %% [markdown]
# What normalisation merged and joined (every form and the term it was counted as), then what it
# dropped and why.

# %%
vocab_changes = rep.tables["topic_vocabulary"]
show(vocab_changes.loc[vocab_changes["action"].isin(["merged", "name"])], max_rows=25,
     caption="Merged forms and names counted as one term")

# %%
show(vocab_changes.loc[vocab_changes["action"] == "dropped"].sort_values("n_units", ascending=False),
     max_rows=15, caption="Dropped terms, most widespread first (too common, too rare, or one document only)")

# %% [markdown]
# ## 2 · How many topics?
#
# One row per candidate K. `degenerate` says why a K was set aside (a collapsed solution cannot be
# chosen); `eligible` marks the K that competed; `recommended` the winner. In the figure an open red
# circle marks a collapsed K.

# %%
print(rep.k_reason or "No K could be chosen (see the notes above).")
if rep.k is not None:
    print(f"Using K={rep.k}" + (" (recommended)" if K is None else
                                f" (set by the analyst; the rule recommends K={rep.k_recommended})"))
show(rep.tables["topic_k_diagnostics"], max_rows=15, digits=3)

# %%
save_figure(plot_k_diagnostics(rep.tables["topic_k_diagnostics"], chosen_k=rep.k,
                               recommended_k=rep.k_recommended),
            "02_k_diagnostics", out_dir=figures,
            alt="Coherence, exclusivity, stability and held-out error for each candidate number of "
                "topics, with the chosen K marked") if rep.k is not None else print("No K diagnostics.")

# %% [markdown]
# ## 3 · The topics
#
# Labels are the highest-FREX terms among a topic's 20 heaviest, phrases first, filler words never;
# `label_source` says when the label is yours. To rename topics, copy the exported `topic_labels.csv`
# into the corpus folder and edit the `label` column: the `topic_key` (the topic's five heaviest terms)
# finds the topic again on the next run even if its number changes.

# %%
show(rep.tables["topics"], columns=["topic_id", "label", "label_source", "top_terms", "stability",
                                    "prevalence"], digits=2)
if rep.unmatched_labels:
    print("topic_labels.csv rows that match no topic in this run:", rep.unmatched_labels)

# %%
save_figure(plot_topic_terms(rep.tables["topic_terms"], labels=rep.tables["topics"]),
            "02_topic_terms", out_dir=figures,
            alt="Heaviest terms of each topic as bars") if rep.k is not None else print("No topics.")

# %% [markdown]
# ## 4 · Which group emphasises which topic?
#
# Left: each group's share of each topic with its interval. Below: each group's share minus the share
# in all other documents. A difference whose interval excludes zero is a real emphasis *of these
# documents*; with one document per group (open dots) it is a difference between documents, not
# between authors.

# %%
save_figure(plot_group_topics(rep.tables["group_topics"], labels=rep.tables["topics"],
                              group_label=group_by),
            "02_topics_by_group", out_dir=figures,
            alt=f"Heatmap of topic shares by {group_by} with intervals") if rep.k is not None else print(
    "No group shares.")

# %%
save_figure(plot_group_contrast(rep.tables["topic_contrasts"], labels=rep.tables["topics"]),
            "02_topic_contrasts", out_dir=figures,
            alt=f"Difference in topic share between each {group_by} and the rest, with intervals"
            ) if rep.k is not None else print("No contrasts.")

# %% [markdown]
# ## 5 · Guided topics: how much is about each of the analyst's themes?
#
# Each target in `targets.toml` anchors one topic on the vocabulary terms its terms and patterns match
# (its *seed terms*); the topic also gathers the words that travel with those seeds. `other` is the
# share of themes outside the targets. A target whose words never occur in the vocabulary is listed
# with that status and left out.

# %%
show(rep.tables["topic_guided_terms"], max_rows=20)

# %%
save_figure(plot_guided_shares(rep.tables["topic_guided_group_shares"],
                               labels=dict(zip(targets["target"], targets["label"]))),
            "02_guided_by_group", out_dir=figures,
            alt=f"Share of each analyst target's guided topic by {group_by}, with intervals"
            ) if len(rep.tables["topic_guided_group_shares"]) else print("No guided shares.")

# %%
save_figure(plot_guided_shares(rep.tables["topic_guided_doc_shares"], key="doc_id",
                               labels=dict(zip(targets["target"], targets["label"]))),
            "02_guided_by_document", out_dir=figures,
            alt="Share of each analyst target's guided topic by document, with intervals"
            ) if len(rep.tables["topic_guided_doc_shares"]) else print("No guided shares.")

# %% [markdown]
# ## 6 · Topics over publication date
#
# One dot per document; a document dated only to a month or a year is drawn over that whole period.
# Undated documents are named under the figure, never dropped.

# %%
save_figure(plot_topic_dates(rep.tables["doc_topic_shares"], docs, labels=rep.tables["topics"]),
            "02_topics_over_time", out_dir=figures,
            alt="Topic share of each document against its publication date"
            ) if rep.k is not None else print("No topics to place in time.")

# %% [markdown]
# ## 7 · Evidence: the most representative passages
#
# For each topic, the units it dominates most (at most two per document), with `doc_id` and the
# character offsets of the unit in the raw file.

# %%
show(rep.tables["topic_passages"], columns=["topic_id", "rank", "doc_id", "start", "end", "share",
                                            "text"], max_rows=30)

# %% [markdown]
# ## 8 · Exports
#
# Every table above is saved as CSV (described in `docs/data_dictionary.md`), empty tables with their
# columns when a step could not run.

# %%
paths = save_report(rep, out_dir=figures)
print(len(paths), "tables written to", figures)

# %% [markdown]
# ## 9 · How to read this — and where the evidence is thin
#
# * Start with section 2. If the reason says the choice is weak, or the least stable topic is far below
#   the mean, read the topics as tentative and check them against their passages (section 7).
# * A topic that is essentially one document (see the document shares over time, or the contrast
#   figure) describes that document, not a theme; the guided topics are the better instrument for
#   comparing documents on the analyst's own themes.
# * Group contrasts mean something when the interval excludes zero **and** the group has several
#   documents; with one document per author (as in the seed corpus) they are document differences.
# * Guided shares depend on the targets' vocabulary: a theme discussed in words the targets do not list
#   is counted under `other`. Read the `top_terms` of each guided topic before quoting its share.
# * Tiny corpora: with fewer than three passages that share a term, no topic model can be fitted; the
#   notes in section 1 say so and the tables are exported empty.

# %% [markdown]
# ## Explore interactively
#
# One circle per document and topic (area = share). Hover for the document, group, topic, share and
# the passage behind it; click a circle to list them under the plot; the menus filter by group and
# topic. It works offline, here and in the HTML export.

# %%
from briefkit.groups import document_groups
from briefkit.topics import explore_topics

explore_topics(rep.tables["doc_topic_shares"], passages=rep.tables["topic_passages"], labels=rep.tables["topics"],
               groups=document_groups(docs, by=group_by))
