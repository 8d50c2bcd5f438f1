# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 03 · Where do the authors stand, and how do they differ?
#
# The question: where do these authors stand on the US–ROK alliance, burden-sharing and defense
# costs, US Forces Korea, tariffs and trade, China, North Korea and denuclearization, Japan,
# economic security and semiconductors, shipbuilding, and Trump himself — and how do they differ?
# Every answer below comes with the sentences behind it and an interval, because a corpus may hold
# only a few documents per author.
#
# **Method, in five steps** (all computation lives in the `briefkit` package; this notebook only
# calls it):
#
# 1. **Targets.** A targets file maps each target to terms and patterns ("USFK", "U.S. Forces
#    Korea", "American troops in Korea"). The corpus folder's own `targets.toml`/`targets.csv` is
#    used when present, else the default shipped with the package (`briefkit/data/targets.toml`,
#    whose header states its scope and known gaps). Matching is case-insensitive and word-bounded.
# 2. **Tone toward the target.** For every sentence that mentions a target we score the *clauses*
#    that mention it (the sentence is cut at `;`, `:`, dashes and before "but", "while",
#    "although", "however"…) with VADER, and mask the target's own words first — otherwise
#    "burden-sharing" (VADER: *burden* −1.9, *sharing* +1.8) or "economic security" (+1.4) would
#    score themselves. VADER's negation rules apply inside the clause.
# 3. **Commitment.** Each sentence's hedges (*may, possibly, suggest*), boosters (*clearly, must,
#    undoubtedly*; negated boosters such as "not clear" count as hedges) and modal verbs, from a
#    lexicon shipped with the package and based on Hyland (2005) and Biber et al. (1999).
# 4. **Distinctive words** per group (weighted log-odds with an informative Dirichlet prior,
#    Monroe, Colaresi & Quinn 2008) and **positions** on one latent dimension (Wordfish; Wordscores
#    only when the manifest supplies reference scores).
# 5. **Uncertainty.** Group × target cells get a percentile bootstrap interval over sentences and
#    the count of sentences behind them; a cell with fewer than `min_sentences` sentences is
#    reported as "too few mentions", not as a number.
#
# **What VADER measures, and what it does not.** VADER (Hutto & Gilbert 2014) scores the
# positive or negative *tone of words*; it was tuned on social-media text. Policy prose is mostly
# neutral in vocabulary and full of words whose valence says nothing about the author's position:
# "the alliance must counter the growing *threat*" is scored negative although it supports the
# alliance; "*peace* through strength" is scored positive whatever the author thinks of it.
# **Polarity is not stance**: a negative score toward "North Korea" may mean the author describes
# a threat, not that the author opposes engagement. Read every number with the sentences behind
# it — that is why the evidence tables below exist. Intervals resample sentences; sentences from
# one document are not independent, so with one document per author the intervals describe that
# document, not the author, and are optimistic.

# %% tags=["parameters"]
corpus = None    # corpus folder; None: $BRIEFKIT_CORPUS, else the project's corpus/
figures = None   # export folder; None: $BRIEFKIT_FIGURES, else the project's figures/
group_by = None  # manifest column to compare; None: $BRIEFKIT_GROUP_BY, else "authors"
seed = 0         # seed for every random step
today = None     # "YYYY-MM-DD"; None: $BRIEFKIT_TODAY, else the date of the run

targets_file = None      # relative to the corpus folder; None: corpus targets file, else packaged default
min_sentences = 3        # fewer sentences in a cell -> "too few mentions"
n_boot = 2000            # bootstrap replicates
top_n_evidence = 5       # sentences kept per group x target cell
wordfish_dir = None      # (left_doc_id, right_doc_id); None: first and last doc_id in sorted order
n_boot_positions = 100   # bootstrap refits for group positions (each refits Wordfish; slow on big corpora)

# %%
import briefkit

run = briefkit.notebook_run(corpus=corpus, figures=figures, group_by=group_by, seed=seed, today=today)
corpus, figures, group_by, today = run.corpus, run.figures, run.group_by, run.today

import pandas as pd
from IPython.display import display

from briefkit.stance.commitment import commitment_profile, commitment_scores
from briefkit.corpus.load import load_corpus
from briefkit.corpus.dfm import count_table, group_counts, to_wide
from briefkit.export import save_figure, save_table, use_style
from briefkit.groups import document_groups
from briefkit.stance.keyness import log_odds, plot_keyness
from briefkit.scaling.positions import group_positions, plot_positions, wordfish, wordscores
from briefkit.corpus.segment import sentences
from briefkit.stance.tone import method as vader_method
from briefkit.stance.stance import compare_groups, score_mentions, stance_evidence, stance_table
from briefkit.stance.plots import (evidence_side_by_side, plot_commitment, plot_stance_heatmap,
                                   plot_stance_intervals)
from briefkit.stance.targets import corpus_targets_file, find_mentions, load_targets

use_style()
pd.set_option("display.max_colwidth", 200)


def show(fig, name):
    """Display a figure, then export it (PNG/SVG/PDF to $BRIEFKIT_FIGURES) and close it."""
    display(fig)
    save_figure(fig, name, out_dir=figures)


pd.set_option("display.width", 200)

docs = load_corpus(corpus)
sents = sentences(docs)
body = sents.loc[~sents["is_heading"]].reset_index(drop=True)  # headings are not analysis units
groups = document_groups(docs, by=group_by)
print(f"corpus: {docs.attrs.get('corpus', corpus)}; exports: {figures}")
print(f"{len(docs)} documents, {len(body)} body sentences ({len(sents) - len(body)} headings left out), "
      f"{groups['group'].nunique()} groups by {group_by!r}")
display(groups.merge(body.groupby("doc_id").size().rename("n_sentences").reset_index(), on="doc_id"))

# %% [markdown]
# ## Targets
#
# Which file defines the targets, and how many terms and patterns each target has.

# %%
targets_source = targets_file if targets_file is not None else corpus_targets_file(corpus)
targets = load_targets(targets_source, corpus=corpus)
print("targets file:", targets_source or "packaged default (briefkit/data/targets.toml)")
display(targets.groupby(["target", "label"], sort=False)["kind"].value_counts().unstack(fill_value=0))

# %% [markdown]
# ## Tone toward each target, per group
#
# One row per (sentence, target); `score` is the VADER compound of the clause window with the
# target's words masked, `sentence_score` the whole sentence unmasked (kept for comparison).

# %%
mentions = find_mentions(body, targets, docs=docs)
scored = score_mentions(mentions)
METHOD = vader_method()
n_sent = scored[["doc_id", "sent_id"]].drop_duplicates().shape[0]
print(f"{len(scored)} (sentence, target) mentions in {n_sent} sentences; scorer: {METHOD}")
stance = stance_table(scored, groups, targets=targets, min_sentences=min_sentences, n_boot=n_boot, seed=seed)
evidence = stance_evidence(scored, groups, top_n=top_n_evidence)

# Checks: every number traces back to sentences of the raw text.
raw = dict(zip(docs["doc_id"], docs["raw_text"]))
for d, a, b in evidence[["doc_id", "start", "end"]].itertuples(index=False):
    assert 0 <= a < b <= len(raw[d]), (d, a, b)
verified = evidence.dropna(subset=["match_start"])
for d, a, b, m in verified[["doc_id", "match_start", "match_end", "matched"]].itertuples(index=False):
    assert " ".join(raw[d][int(a):int(b)].split()) == m.split("; ")[0], (d, a, b, m)
print(f"{len(verified)} of {len(evidence)} evidence rows have verified raw offsets of the matched words")
merged_n = scored.merge(groups, on="doc_id").groupby(["group", "target"]).size()
assert stance.set_index(["group", "target"])["n_sentences"].loc[merged_n.index].eq(merged_n).all()
assert stance.loc[stance["status"] == "ok", "n_sentences"].ge(min_sentences).all()

stance_out = stance[["group", "target", "n_sentences", "score", "ci_low", "ci_high", "label", "n_docs",
                     "share_positive", "share_negative", "status"]].assign(method=scored["method"].iloc[0]
                                                                             if len(scored) else METHOD)
save_table(stance_out, "stance", out_dir=figures)
save_table(evidence[["group", "target", "rank", "doc_id", "start", "end", "text", "score", "sent_id",
                     "matched", "match_start", "match_end", "window_text"]], "stance_evidence", out_dir=figures)
display(stance.drop(columns=["share_positive", "share_negative"]).round(3))

# %% [markdown]
# The heatmap shows each cell's mean score, its 95% bootstrap interval and the number of
# sentences; grey hatched cells had fewer than `min_sentences` sentences and carry no score. The
# second figure shows the same estimates as intervals, which are easier to compare than colours.

# %%
if stance["status"].eq("ok").any():
    show(plot_stance_heatmap(stance), "stance_heatmap")
    show(plot_stance_intervals(stance), "stance_intervals")
else:
    print(f"No group x target cell has {min_sentences} or more sentences: no stance figure. "
          "The targets may not fit this corpus; supply a targets.toml in the corpus folder.")

# %% [markdown]
# ## The sentences behind each cell
#
# For each target, each group's strongest sentences side by side (ranked by |score|), with the
# target words in brackets and `doc_id:start-end` = character offsets of the sentence in the raw
# file. The full ranked list is `stance_evidence.csv`.

# %%
for target, label in dict(zip(targets["target"], targets["label"])).items():
    table = evidence_side_by_side(evidence, target, top_n=min(3, top_n_evidence))
    if table.columns.empty:
        print(f"{label}: no sentence mentions this target.\n")
        continue
    counts = stance[stance["target"] == target].set_index("group")["n_sentences"]
    table.columns = [f"{g} (n={counts.get(g, 0)})" for g in table.columns]
    print(f"== {label}")
    display(table)

# %% [markdown]
# ## Commitment profile
#
# Share of sentences that are hedged or boosted and modal verbs per 1,000 words, per group, with
# bootstrap intervals over sentences.

# %%
commit = commitment_scores(body)
profile = commitment_profile(commit, groups, min_sentences=min_sentences, n_boot=n_boot, seed=seed)
save_table(profile, "commitment", out_dir=figures)
display(profile.round(3))
show(plot_commitment(profile), "commitment")
top_items = (commit.merge(groups, on="doc_id").assign(item=lambda d: d["hedges"].str.split("; "))
             .explode("item").query("item != ''").groupby(["group", "item"]).size()
             .rename("n").reset_index().sort_values(["group", "n", "item"], ascending=[True, False, True])
             .groupby("group").head(5))
print("Most frequent hedges per group:")
display(top_items.groupby("group")["item"].agg(", ".join).to_frame("top hedges"))

# %% [markdown]
# ## Distinctive words
#
# Each group's words against all other groups pooled (stop words removed; `z` = log-odds / its
# standard error). `keyness.csv` holds every term a group uses. In the figure, coloured bars pass
# the dashed z = 1.96 line; pale bars do not and are shown only for context. With many terms some
# pass by chance, and a one-document group's distinctive words are that document's subject.

# %%
counts = count_table(body, unit="doc_id", drop_stopwords=True)
keyness = None
if groups["group"].nunique() < 2:
    print(f"Only one group by {group_by!r}: distinctive words need at least two groups.")
    save_table(pd.DataFrame(columns=["group", "term", "count", "log_odds", "z"]), "keyness", out_dir=figures)  # no stale file
else:
    keyness = log_odds(group_counts(counts, groups))
    save_table(keyness.loc[keyness["count"] > 0, ["group", "term", "count", "log_odds", "z"]], "keyness", out_dir=figures)
    show(plot_keyness(keyness, top_n=10), "keyness")

# %% [markdown]
# ## Positions on one dimension
#
# Wordfish places every document on one latent dimension from word counts alone. The dimension
# is whatever separates the texts most in their vocabulary — often topic or genre rather than
# ideology — and its direction is only an identification: `wordfish_dir` names the document
# placed on the left (default: first and last `doc_id` in sorted order, a rule that works on any
# corpus; set it to two documents you know to orient the axis). Error bars are ±1.96 model
# standard errors, which ignore how much an author's documents differ; group positions pool each
# group's documents and, when some group has two or more documents, are plotted with a bootstrap
# over documents (a group with one document then shows no bar: see `n_docs` in the table).
#
# Wordscores needs reference texts with known positions. A corpus without them (such as the seed
# corpus) gets none; add a numeric `ref_score` column to the manifest to use it.

# %%
doc_ids = sorted(counts["doc_id"].unique())
positions = None
if len(doc_ids) < 3:
    print(f"Scaling skipped: Wordfish needs at least 3 documents with words, this corpus has {len(doc_ids)}.")
    save_table(pd.DataFrame(columns=["doc_id", "group", "theta", "se"]), "positions", out_dir=figures)  # no stale file
else:
    direction = tuple(wordfish_dir) if wordfish_dir is not None else (doc_ids[0], doc_ids[-1])
    fit = wordfish(to_wide(counts), dir=direction)
    print(f"Wordfish dir = {direction}: converged={fit.converged} after {fit.n_iter} sweeps")
    positions = (fit.documents.merge(groups, on="doc_id")[["doc_id", "group", "theta", "se", "ci_low",
                                                            "ci_high", "n_tokens"]])
    save_table(positions, "positions", out_dir=figures)
    display(positions.round(3))
    multi = groups.groupby("group")["doc_id"].nunique().ge(2).any()
    colour_by = "group" if multi and groups["group"].nunique() <= 8 else None
    show(plot_positions(positions, group_col=colour_by, title="Wordfish document positions"), "positions")
    if not multi:
        print("Every group has one document: group positions would repeat the document positions.")
    elif groups["group"].nunique() >= 2:
        gpos = group_positions(counts, groups, dir=None, n_boot=n_boot_positions, seed=seed)
        save_table(gpos, "group_positions", out_dir=figures)
        display(gpos.round(3))
        # the bootstrap over documents is the honest interval; the model SE treats a group as one long text
        show(plot_positions(gpos, label_col="group", se_col="se_boot",
                            xlabel="Estimated position (theta), bootstrap SE over documents",
                            title="Wordfish group positions (pooled documents)"), "group_positions")
    if "ref_score" in docs.columns:
        ref = pd.to_numeric(docs.set_index("doc_id")["ref_score"], errors="coerce")
        if ref.notna().sum() >= 2:
            display(wordscores(to_wide(counts), ref, rescaling="lbg").round(3))
    else:
        print("Wordscores skipped: the manifest has no ref_score column (reference positions).")

# %% [markdown]
# ## What differs between the groups, and how sure we can be
#
# Per target, the most positive and most negative group among cells with enough sentences, and
# whether their intervals separate (the high group's lower bound above the low group's upper
# bound). Intervals that overlap do not show the groups agree; they show this corpus cannot tell.

# %%
diff = compare_groups(stance)
display(diff.round(3))
for r in diff.itertuples(index=False):
    if r.n_groups_ok < 2:
        print(f"- {r.label}: fewer than two groups with {min_sentences}+ sentences; no comparison.")
    else:
        verdict = "intervals separate" if r.separated else "intervals overlap: not distinguishable here"
        print(f"- {r.label}: most positive {r.high_group} ({r.high_score:+.2f}), most negative "
              f"{r.low_group} ({r.low_score:+.2f}); {verdict}.")

# %% [markdown]
# ### On the seed corpus (5 documents, one per author or outlet; read with the evidence above)
#
# *This prose describes the run on the project's seed corpus with the default targets and
# `group_by="authors"`; on another corpus the tables and figures above are the result, and this
# section does not apply.*
#
# - **Three sentences is a floor, not a sample.** With `min_sentences = 3`, a cell's bootstrap
#   interval is little more than the range of its few sentences: the darkest cell, the news report
#   on the US–ROK alliance (+0.65, n = 3), is three upbeat sentences from one article, and it is the
#   only score for that target. Raise `min_sentences` in the parameters cell for a stricter view.
# - **How sure we can be.** Each group is one document (the blog post and the news report have no
#   named author and form their own groups), so every interval describes one text, not an author's
#   body of work. Most group × target cells have fewer than three sentences and carry no score:
#   the seed corpus can say little about how these authors *differ* on most targets.
# - **Trump** and **North Korea** are the targets with scores from four groups; only on Trump do two
#   groups' intervals separate. Mean tone runs from about
#   −0.10 (the 2020 blog, n = 30, interval about −0.26 to +0.05) through Shin (about 0.00, n = 30) and
#   Vekasi (about +0.12, n = 4, interval wider than ±0.3) to Yang Uk (about +0.25, n = 17, interval
#   about +0.06 to +0.42); only the blog–Yang pair's intervals separate. The sentences show how
#   little that says about stance. Yang's most positive sentences *describe* Trump's doctrine
#   ("the core of Trump's security policy is the realization of peace through strength") — VADER
#   scores "peace" and "strength", not an endorsement. The blog's most positive sentence ("Trump
#   wants a deal because he deeply craves the expected adulation, including a Nobel Prize Peace") is
#   sarcastic; its negative sentences ("notorious for his laziness and inability to stay focused")
#   are the clearest stance toward Trump in the corpus — the evidence table shows it, the mean
#   does not. Vekasi's sentences treat the administration as a source of risk ("the
#   unpredictability of the Trump administration and its weaponization of trade policy"), which
#   VADER scores mildly positive because of "security" and "resilience" nearby.
# - **Burden-sharing, USFK, North Korea.** Shin and Yang Uk lean positive on burden-sharing (n = 4
#   and 3, intervals reaching zero) and Shin on North Korea (n = 6, about +0.36); the sentences are
#   procedural recommendations ("negotiations on defense cost sharing", "the North Korean nuclear
#   issue must be actively included in ROK-U.S. dialogue"), whose positive words ("cooperation",
#   "agreement", "actively") are tone, not a position. Intervals overlap between groups on each of
#   these targets.
# - **Economic security** has enough sentences only in Vekasi's brief (n = 34, about +0.09, the
#   interval reaching below zero), which is about that topic; **shipbuilding** only in Yang Uk's
#   (n = 3, negative: the sentences describe the *U.S.* industry's "declining" capacity while
#   proposing a Korean role).
# - **Commitment** separates the authors more clearly than tone. Shin's brief boosts about a third
#   of its sentences (interval about 0.24–0.44), against 0.04–0.10 for the blog, Vekasi and Yang Uk
#   (intervals separate; the 11-sentence news report, 0.18 with an interval from 0 to 0.45, cannot
#   be told apart). Its boosters are almost all the deontic "must" (30 of them: "must be prepared",
#   "must be clearly stated"): the brief is written as recommendations, not as certainty about
#   facts. Shin also uses the most modal verbs, about 40 per 1,000 words (interval 32–48), clearly
#   more than Vekasi (about 15) and the news report (about 7) but overlapping with the blog and Yang
#   Uk (about 26–28). Hedged shares are similar (about 0.36–0.40) except the short news report.
# - **Positions.** Wordfish's one dimension runs from the 2020 blog (Trump–Kim deal vocabulary) to
#   Vekasi's brief (supply chains, semiconductors, Japan): on this corpus it measures topic, not
#   a pro/anti position, and the small standard errors reflect document length, not agreement.
#   The distinctive-words figure shows the same split.
#
# **Bottom line on the seed corpus:** the authors differ in *what* they write about and in *how
# committed* their prose is; whether they differ in stance toward any target cannot be read from
# tone scores here — read the evidence tables, and add documents per author before comparing.
