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
# # 03 · Where do the authors stand, and how do they differ?
#
# For each target (the US–ROK alliance, burden-sharing, US Forces Korea, tariffs and trade, China,
# North Korea, Japan, economic security, shipbuilding, Trump …) we ask what *position the author*
# takes in every sentence that mentions it, and how groups of authors differ, with the sentences
# behind every number and an interval.
#
# **Stance is not tone.** Stance follows a codebook (`briefkit/data/stance_codebook.md`, summarised
# in the README): +1 favourable (endorses, wants it kept or strengthened), −1 unfavourable
# (criticises, sees it as harmful or threatening, wants it reduced), 0 none (description,
# prediction, or someone else's view reported without endorsement), with the *holder* of the
# evaluation (author, other, none). VADER's word tone survives only as a column named `tone`.
#
# **Method.**
# 1. *Mentions*: sentences that name a target (the corpus folder's `targets.toml`, else the
#    packaged default).
# 2. *Automatic annotator* (offline, rule-based, `briefkit.stance.appraisal`): attribution
#    (reporting verbs → holder other), direction-of-change words combined with the target
#    ("reduce tariffs" → −1 toward tariffs), evaluative words linked to the target from a policy
#    appraisal lexicon shipped with its sources, negation and concession. Every decision keeps its
#    cue words with offsets (`cues`).
# 3. *Analyst codes*: `stance_codes.csv` in the corpus folder overrides suggestions; the uncoded
#    mentions are exported as `stance_coding_template.csv` to code next. With enough codes a
#    cross-validated classifier is a second suggester; the better one by cross-validation fills
#    the uncoded mentions.
# 4. *Comparison*: per group × target the shares favourable / unfavourable / none, with a cluster
#    bootstrap over documents when two or more documents stand behind a cell; a cell from one
#    document says it describes that document, and its interval (Wilson's, over that document's
#    mentions) describes only it.

# %% tags=["parameters"]
corpus = None    # corpus folder; None: $BRIEFKIT_CORPUS, else the project's corpus/
figures = None   # export folder; None: $BRIEFKIT_FIGURES, else the project's figures/
group_by = None  # manifest column to compare; None: $BRIEFKIT_GROUP_BY, else "authors"
seed = 0         # seed for every random step
today = None     # "YYYY-MM-DD"; None: $BRIEFKIT_TODAY, else the date of the run

targets_file = None      # relative to the corpus folder; None: corpus targets file, else packaged default
min_mentions = 3         # fewer mentions in a cell -> "too few"
n_boot = 2000            # bootstrap replicates
top_n_evidence = 3       # sentences per group x target x side
wordfish_dir = None      # (left_doc_id, right_doc_id) anchors; None: the manifest's scale_anchor column

# %%
import briefkit

run = briefkit.notebook_run(corpus=corpus, figures=figures, group_by=group_by, seed=seed, today=today)
corpus, figures, group_by, today = run.corpus, run.figures, run.group_by, run.today

import pandas as pd
from IPython.display import display

from briefkit import show
from briefkit.corpus.text.dfm import count_table, group_counts
from briefkit.corpus.load import load_corpus
from briefkit.corpus.text.segment import sentences
from briefkit.output.export import save_figure, save_table
from briefkit.groups import document_groups
from briefkit.scaling.positions import document_positions, plot_positions, scaling_plan, wordscores
from briefkit.stance.appraisal import annotate_mentions
from briefkit.stance.coding import apply_codes, coding_template, read_codes
from briefkit.stance.commitment import commitment_profile, commitment_scores, top_items
from briefkit.stance.keyness import log_odds, plot_keyness
from briefkit.stance.plots import plot_commitment, plot_stance_heatmap
from briefkit.stance.reliability import (confusion, cross_validated_classifier, disagreements,
                                         reliability_table)
from briefkit.stance.stance import fill_suggestions, stance_evidence, stance_mentions, stance_table
from briefkit.stance.targets import corpus_targets_file, find_mentions, load_targets
from briefkit.schema import table_columns

docs = load_corpus(corpus)
sents = sentences(docs)
body = sents.loc[~sents["is_heading"]].reset_index(drop=True)  # headings are not analysis units
groups = document_groups(docs, by=group_by)
print(f"{len(docs)} documents, {len(body)} body sentences, {groups['group'].nunique()} groups by {group_by!r}")

# %% [markdown]
# ## Targets and mentions

# %%
targets_source = targets_file if targets_file is not None else corpus_targets_file(corpus)
targets = load_targets(targets_source, corpus=corpus)
print("targets file:", targets_source or "packaged default (briefkit/data/targets.toml)")
mentions = annotate_mentions(find_mentions(body, targets, docs=docs))
display(show(mentions.groupby("target", sort=False).size().rename("mentions").reset_index(), max_rows=40))

# %% [markdown]
# ## Analyst codes, suggestions and their agreement
#
# Codes from `stance_codes.csv` override the suggestions. Codes that match no mention (their
# sentence changed) are listed and exported as `stance_codes_orphaned.csv`, never dropped.

# %%
codes = read_codes(corpus=corpus)
final, orphans = apply_codes(mentions, codes)
classifier = cross_validated_classifier(final, seed=seed)
final = fill_suggestions(final, classifier)
print(f"{len(codes)} codes by {codes['coder'].nunique()} coder(s); {int((final['source'] == 'coded').sum())} "
      f"of {len(final)} mentions coded; {len(orphans)} code(s) match no mention.")
print(f"classifier: {classifier['status']}; uncoded mentions are filled by the {classifier['better']}.")
save_table(orphans, "stance_codes_orphaned", out_dir=figures)
save_table(coding_template(final), "stance_coding_template", out_dir=figures)
reliability = reliability_table(mentions, codes, classifier=classifier)
save_table(reliability, "stance_reliability", out_dir=figures)
display(show(reliability, max_rows=40))

# %% [markdown]
# The annotator against the codes: rows are the analyst's codes, columns the annotator's
# suggestion; then the mentions where they disagree, with the cues the annotator used.

# %%
coded = final[final["source"] == "coded"]
if len(coded):
    display(show(confusion(coded["stance"], coded["stance_auto"], names=("coded", "annotator")).reset_index()))
    display(show(disagreements(final), max_rows=15,
         columns=["doc_id", "target", "stance", "stance_auto", "cues", "note", "text"]))
else:
    print("No analyst codes in this corpus: the stance below is the annotator's suggestion throughout.")

# %% [markdown]
# ## Stance per group and target
#
# `stance_mentions.csv` has one row per (sentence, target); `stance.csv` the shares per group ×
# target × side. The heatmap's colour is the share favourable minus the share unfavourable; each
# cell prints both shares and the mentions behind them; grey hatched cells have too few mentions.

# %%
rows = stance_mentions(final)
save_table(rows, "stance_mentions", out_dir=figures)
table = stance_table(rows, docs, by=group_by, targets=targets, min_mentions=min_mentions, level=0.95,
                     n_boot=n_boot, seed=seed)
save_table(table, "stance", out_dir=figures)
evidence = stance_evidence(rows, docs, by=group_by, top_n=top_n_evidence)
save_table(evidence, "stance_evidence", out_dir=figures)
display(show(table[(table["status"] == "ok") & (table["side"] != "none")], max_rows=40,
     columns=["group", "label", "side", "estimate", "ci_low", "ci_high", "n", "n_docs", "scope"]))

# %%
if table["status"].eq("ok").any():
    fig = plot_stance_heatmap(table)
    save_figure(fig, "03_stance_heatmap", out_dir=figures,
                alt="Heatmap of groups by targets: share of favourable and unfavourable mentions per cell")
else:
    print(f"No group x target cell has {min_mentions} or more mentions: no heatmap.")

# %% [markdown]
# ## The sentences behind each side
#
# Coded sentences first; `doc_id:start-end` are raw offsets; the full list is `stance_evidence.csv`.

# %%
display(show(evidence, max_rows=40, columns=["group", "target", "side", "doc_id", "start", "end", "text", "source"]))

# %% [markdown]
# ## Commitment: certainty, uncertainty, obligation, possibility
#
# Four separate things: how *sure* the author is (certainty: *clearly, undoubtedly*; uncertainty:
# *perhaps, likely*), how *prescriptive* (obligation: *must, should, need to*) and how often
# a possibility modal is used (*could, may, might, can*: a hedged forecast or a proposed option;
# notebook 04 tells the two apart). Share of a group's sentences with each.

# %%
commit = commitment_scores(body)
profile = commitment_profile(commit, docs, by=group_by, min_sentences=min_mentions, n_boot=n_boot, seed=seed)
save_table(profile, "commitment", out_dir=figures)
display(show(top_items(commit, docs, by=group_by), max_rows=20))

# %%
fig = plot_commitment(profile)
save_figure(fig, "03_commitment", out_dir=figures,
            alt="Per group, share of sentences with certainty, uncertainty, obligation and possibility markers")

# %% [markdown]
# ## Distinctive words
#
# Each group's words against all others pooled (weighted log-odds, Monroe, Colaresi & Quinn 2008).
# A one-document group's distinctive words are that document's subject.

# %%
counts = count_table(body, unit="doc_id", drop_stopwords=True)
if groups["group"].nunique() < 2:
    print(f"Only one group by {group_by!r}: distinctive words need at least two groups.")
    save_table(pd.DataFrame(columns=table_columns("keyness")), "keyness", out_dir=figures)
else:
    keyness = log_odds(group_counts(counts, groups))
    save_table(keyness.loc[keyness["count"] > 0, table_columns("keyness")], "keyness", out_dir=figures)
    fig = plot_keyness(keyness, top_n=10)
    save_figure(fig, "03_keyness", out_dir=figures, alt="Most distinctive words of each group")

# %% [markdown]
# ## Positions on one dimension: only when the corpus can support them
#
# Wordfish runs when the corpus has enough documents (`MIN_DOCS_WORDFISH`) **and** two anchor
# documents are named (`wordfish_dir`, or `left`/`right` in a manifest column `scale_anchor`);
# the anchors set the direction, never the sort order of doc_ids. Wordscores runs when the
# manifest gives reference scores (`ref_score`). Otherwise this section says why it skips.

# %%
plan = scaling_plan(docs, doc_ids=sorted(counts["doc_id"].unique()), anchors=wordfish_dir)
print("\n".join(plan["reasons"]))
positions = pd.DataFrame(columns=table_columns("positions"))
if plan["wordfish"]:
    positions = document_positions(counts, groups, dir=plan["dir"])
save_table(positions, "positions", out_dir=figures)
if plan["wordfish"]:
    fig = plot_positions(positions, title="Wordfish document positions (anchored)")
    save_figure(fig, "03_positions", out_dir=figures, alt="Wordfish positions of the documents with intervals")
if plan["wordscores"]:
    from briefkit.corpus.text.dfm import to_wide
    display(show(wordscores(to_wide(counts), plan["ref"].dropna(), rescaling="lbg")))

# %% [markdown]
# ### On the seed corpus
#
# *This paragraph describes the run on the seed corpus (five documents, one per author or outlet,
# all 248 mentions coded by analyst-1); on another corpus the tables above are the result.*
#
# Every group is one document, so every interval describes that document, not an author's body of
# work, and most cells have too few mentions. The 2020 blog is unfavourable toward Trump in about
# two thirds of its 30 Trump mentions (the rest describe scenarios). Vekasi's brief is unfavourable
# in all four Trump mentions and in half of its trade mentions (trade used as a weapon), mixed on
# Japan (the 2019 coercion against today's partnership) and leaning favourable on economic
# security. Shin's brief favours strengthening the alliance (3 of 4) and treats tariffs as a
# problem (4 of 6); its commitment is obligation (*must*, *should*), not certainty. Yang's few
# mentions lean toward keeping US Forces Korea (2 of 3 favourable) and shipbuilding cooperation
# (1 of 3; the others describe) — too few to call a position — and he describes Trump's doctrine
# without judging it (1 of 17 unfavourable). The annotator alone agrees with the analyst's codes at
# Krippendorff's α ≈ 0.43 (72 % identical): it misses judgements carried by irony or by words
# outside its lexicon (read the disagreements
# above). Wordfish is skipped: five documents and no named anchors.

# %% [markdown]
# ## Explore interactively
#
# One point per (sentence, target) mention, placed by its final stance (−1, 0, +1). Hover for the sentence,
# document, group and matched words; click a point to list them under the plot; the menus filter by
# group, target and sign. It works offline, here and in the HTML export.

# %%
from briefkit.stance import explore_stance

explore_stance(rows, groups=groups, seed=seed)
