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
# # 04 · Predicted versus reported events
#
# Forecasts and reported events on one time axis: which forecasts came true, who forecast well,
# and how confident each author sounded.
#
# **What counts as a forecast.** A sentence in which the author, in their own voice, says what
# will or probably will happen ("China will remain the top priority", "retaliation is
# possible", "is expected to"). Reports of what others said ("Trump claimed he could ...") are
# reports, not forecasts; past and present events are reports; *recommendations* ("South Korea
# should ...", "must") prescribe rather than predict and are **not scored**. The detector is
# rule-based (`briefkit.forecasts.detect`): every forecast keeps its cue, its character offsets in the
# raw file, whether it is conditional ("if ...") and on what.
#
# **The probability yardstick.** Each cue maps to a band of the US intelligence community's
# yardstick (ICD 203: *likely* 55–80 %, *very likely* 80–95 %, ...) or, for *may / might /
# could / possible*, to Sherman Kent's "general area of possibility" (2–99 %, point 50 %): such
# a forecast commits to almost nothing, and the scores below treat it so. Unhedged *will* counts
# as *very likely* (point 0.875), *would* as *likely* (0.675). `p_low, p_point, p_high` refer to
# the positive event; a negated forecast ("He won't get a Nobel") is scored at its stated
# probability 1 − p.
#
# **Outcomes** are the analyst's, in `outcomes.csv` in the corpus folder (`happened`,
# `did not happen`, `partly`, `pending`, `ambiguous`, `annulled` when a conditional forecast's
# condition failed). This notebook never writes into the corpus folder: forecasts not yet in
# `outcomes.csv` are exported as `outcomes_template.csv` (all `pending`) for the analyst to copy,
# and entries whose forecast no longer exists are listed, never deleted. Scoring: `happened` = 1,
# `did not happen` = 0, `partly` = 0.5 (parameter `partly`); pending, ambiguous and annulled
# forecasts are counted but not scored.
#
# **Events** come from the analyst's ledger `events.csv` in the corpus folder (dated, sourced),
# plus report sentences of the corpus that carry a date. **Links** from a forecast to events are
# proposals (word similarity, only events inside the forecast's time window); the analyst
# decides outcomes, the links only point at candidate evidence.

# %% tags=["parameters"]
corpus = None    # corpus folder; None: $BRIEFKIT_CORPUS, else the project's corpus/
figures = None   # export folder; None: $BRIEFKIT_FIGURES, else the project's figures/
group_by = None  # manifest column to compare; None: $BRIEFKIT_GROUP_BY, else "authors"
seed = 0         # seed for every random step
today = None     # "YYYY-MM-DD"; None: $BRIEFKIT_TODAY, else the date of the run

min_similarity = 0.10  # link floor (TF-IDF cosine)
top_k = 3  # links kept per forecast
lane_min_similarity = 0.05  # unlinked forecast -> category of its most similar event (lanes)
partly = 0.5  # score of a "partly" outcome (None: not scored)
min_n = 3  # fewest resolved forecasts for a rate
max_forecasts = 80  # rows in the timeline (linked or reviewed forecasts first)

# %%
import pandas as pd
from IPython.display import display

import briefkit

run = briefkit.notebook_run(corpus=corpus, figures=figures, group_by=group_by, seed=seed, today=today)
corpus, figures, group_by, today = run.corpus, run.figures, run.group_by, run.today

from briefkit.corpus.load import load_corpus
from briefkit.forecasts.events import corpus_table_path, events_table, extract_events, load_ledger
from briefkit.export import save_figure, save_table, use_style
from briefkit.forecasts.detect import classify_sentences
from briefkit.forecasts.predict import predictions
from briefkit.groups import document_groups
from briefkit.forecasts.links import assign_lanes, propose_links
from briefkit.forecasts.outcomes import attach_outcomes, sync_outcomes
from briefkit.paths import figures_dir
from briefkit.forecasts.scorecard import reliability_table, score_forecasts, scorecard
from briefkit.corpus.segment import sentences
from briefkit.forecasts.plots import plot_reliability, plot_scorecard, plot_timeline

use_style()
pd.set_option("display.max_colwidth", 110)
pd.set_option("display.width", 200)
out_dir = figures_dir(figures)

docs = load_corpus(corpus)
sents = sentences(docs)
classified = classify_sentences(sents, docs=docs)
preds = predictions(sents, docs)
print(f"corpus: {docs.attrs.get('corpus', corpus)}; export folder: {out_dir}")
print(f"{len(docs)} documents, {len(sents)} sentences, {len(preds)} forecasts; today = {today.date()}")
print(classified["sentence_type"].value_counts().rename("sentences").to_string())

# %% [markdown]
# ## How good is the detector?
#
# Precision and recall of the sentence-type detector against hand labels (`briefkit.forecasts.evaluation`,
# Wilson 95 % intervals), for the labelled sentences that occur in this corpus (the shipped labels
# were made on the seed documents; `$BRIEFKIT_FORECAST_LABELS` points at another label file). With
# no labelled sentence in the corpus the table is absent. On the seed corpus these numbers are
# **in-sample**: the rules were written while reading the same documents, so they flatter the
# detector; on 60 held-out Irish-budget sentences labelled before the rules saw them, accuracy was
# 0.77 at the first run.

# %%
import os

from briefkit.forecasts.evaluation import evaluate_detector, labels_path, load_labels, match_labels

labels_file = os.environ.get("BRIEFKIT_FORECAST_LABELS") or labels_path()
detector_table = None
try:
    labels = match_labels(load_labels(labels_file), sents, docs)
    if labels["matched"].any():
        detector_table = evaluate_detector(labels, classified)
        print(f"{int(labels['matched'].sum())} of {len(labels)} labelled sentences found in this corpus")
    else:
        print("No hand-labelled sentence belongs to this corpus: detector accuracy not shown.")
except (ImportError, FileNotFoundError, OSError, ValueError) as err:
    print(f"Detector evaluation not available here ({type(err).__name__}: {err}).")
if detector_table is not None:
    display(detector_table.round(3))
    save_table(detector_table, "detector_eval", out_dir=out_dir)

# %% [markdown]
# ## The events ledger
#
# Curated rows keep their own sources (URLs); rows extracted from the corpus have
# `source = text:<doc_id>` and the sentence's offsets. Every event is an interval: a
# month-precision event spans its month.

# %%
ledger_path = corpus_table_path("events.csv", corpus)
ledger = load_ledger(corpus)  # validated; an absent file gives an empty ledger
if len(ledger):
    print(f"events.csv: {len(ledger)} curated events, "
          f"{ledger['date_start'].min().date()} to {ledger['date_end'].max().date()}")
elif ledger_path.exists():
    print("Note: events.csv has no rows: the ledger holds only events extracted from the texts.")
else:
    print(f"Note: no events.csv in {ledger_path.parent}: the ledger holds only events extracted "
          "from the texts. Add events.csv (event_id, date, date_precision, description, category, "
          "source, note) to compare forecasts with outside events.")
extracted = extract_events(classified, docs)
events = events_table(ledger, extracted)
print(f"{len(extracted)} dated report sentences extracted from the texts; {len(events)} events in all")
display(events.groupby(events["source"].str.startswith("text:").map(
    {True: "extracted from the texts", False: "curated ledger"}))["event_id"].count().rename("events"))

# %% [markdown]
# ## The analyst's outcomes
#
# `outcomes.csv` is read and validated (allowed outcomes, dates, one row per forecast); it is
# never written here. Forecasts it does not mention count as `pending`.

# %%
outcomes_path = corpus_table_path("outcomes.csv", corpus)
sync = sync_outcomes(preds, outcomes_path, write=False, label="outcomes.csv")
if not outcomes_path.exists():
    print(f"Note: no outcomes.csv in {outcomes_path.parent}: every forecast is pending.")
print(f"outcomes.csv: {len(sync.outcomes) - len(sync.new)} reviewed entries; "
      f"{len(sync.new)} forecasts not yet in it (exported as outcomes_template.csv); "
      f"{len(sync.orphans)} entries whose forecast no longer exists (outcomes_orphans.csv)")
save_table(sync.new, "outcomes_template", out_dir=out_dir)
save_table(sync.orphans, "outcomes_orphans", out_dir=out_dir)
if len(sync.orphans):
    display(sync.orphans)

meta = docs[["doc_id", "published", "date_precision"]].rename(columns={"date_precision": "pub_precision"})
reviewed = attach_outcomes(preds, sync.outcomes).merge(meta, on="doc_id", how="left")
display(reviewed["outcome"].value_counts().rename("forecasts"))

# %% [markdown]
# ## Forecasts per author, with their cues
#
# A document with several authors counts for each of them; a document without authors is its own
# group. The cue is the word that made the sentence a forecast, and it sets the probability band.

# %%
groups = document_groups(docs, by=group_by)
by_group = reviewed.merge(groups, on="doc_id", how="left")
cue_table = (by_group.assign(cue=by_group["cue"].str.lower())
             .groupby(["group", "cue"]).size().rename("n").reset_index()
             .sort_values(["group", "n", "cue"], ascending=[True, False, True]))
per_group = (cue_table.assign(cue_n=cue_table["cue"] + " ×" + cue_table["n"].astype(str))
             .groupby("group").agg(n_forecasts=("n", "sum"), cues=("cue_n", ", ".join)).reset_index())
per_group = per_group.merge(
    by_group.groupby("group").agg(mean_p_point=("p_point", "mean"),
                                  conditional=("conditional", "sum")).reset_index(), on="group")
display(per_group)
save_table(per_group, "forecasts_by_group", out_dir=out_dir)

forecast_list = by_group[["group", "pred_id", "cue", "conditional", "p_point", "horizon_end", "outcome",
                          "text"]].sort_values(["group", "pred_id"])
display(forecast_list.assign(text=forecast_list["text"].str.slice(0, 100)))

# %% [markdown]
# ## Links: which reported events each forecast points at
#
# Up to `top_k` events per forecast, dated inside its window (publication or stated start to its
# horizon, or to `today` when open-ended) and with TF-IDF cosine similarity at least
# `min_similarity`. Events from the forecast's own document are never proposed. The `outcome`
# column is the analyst's verdict on the forecast, not something the link decides.

# %%
links = propose_links(preds, events, today=today, top_k=top_k, min_similarity=min_similarity)
links = links.merge(reviewed[["pred_id", "outcome"]], on="pred_id", how="left")
print(f"{len(links)} proposed links for {links['pred_id'].nunique()} of {len(preds)} forecasts")
shown = links.merge(preds[["pred_id", "text"]], on="pred_id").merge(
    events[["event_id", "text"]].rename(columns={"text": "event"}), on="event_id")
display(shown[["pred_id", "event_id", "similarity", "outcome", "text", "event"]]
        .assign(text=shown["text"].str.slice(0, 70), event=shown["event"].str.slice(0, 70)).head(40))

# %% [markdown]
# ## The timeline
#
# One bar per forecast from its publication date to its horizon; hatched bars with an arrow are
# open-ended (no horizon stated) or run past the right edge. Lanes group forecasts by subject
# area, named by the ledger's categories: the category of the forecast's best linked event, else
# of the most similar event at any date, else "(no matching category)"; without a ledger, the
# forecast's grammatical subject. Diamonds are linked events on the forecast's row,
# coloured by the forecast's outcome, with whiskers spanning the event's date precision. All
# events appear again as black points by category at the bottom. The dashed line is `today`.

# %%
lanes = assign_lanes(preds, events, links=links, min_similarity=lane_min_similarity)
timeline_input = reviewed.merge(lanes[["pred_id", "lane"]], on="pred_id", how="left")
timeline_input = timeline_input.assign(label=timeline_input["doc_id"] + " · " + timeline_input["cue"]
                                       + ": " + timeline_input["text"])
fig = plot_timeline(timeline_input, events, links, today=today, lane_col="lane", max_forecasts=max_forecasts)
save_figure(fig, "predictions_timeline", out_dir=out_dir)
fig

# %% [markdown]
# ## Scorecard
#
# Per group: forecasts made (and how many conditional), how they were resolved, the hit rate
# with a Wilson 95 % interval, and the Brier score at `p_point` (0 is perfect; always saying
# 50 % scores 0.25). The light bar spans the Brier scores the probability band allows
# (`brier_low`–`brier_high`); the black line is a bootstrap 95 % interval over forecasts. With
# fewer than `min_n` resolved forecasts a group gets counts only.

# %%
card = scorecard(reviewed, docs, by=group_by, partly=partly, min_n=min_n, seed=seed)
display(card)
fig = plot_scorecard(card, title=f"Forecast scorecard by {group_by}")
save_figure(fig, "predictions_scorecard", out_dir=out_dir)
fig

# %% [markdown]
# ## Reliability
#
# Do forecasts stated at 90 % come true nine times in ten? Resolved forecasts are binned by their
# stated probability; the dot is the share that came true (Wilson 95 % interval), hollow when the
# bin has fewer than `min_n` forecasts.

# %%
reliability = reliability_table(reviewed, partly=partly, min_n=min_n)
display(reliability)
fig = plot_reliability(reliability)
save_figure(fig, "predictions_reliability", out_dir=out_dir)
fig

# %% [markdown]
# ## What the seed corpus shows
#
# *On the seed corpus* (five documents, the analyst's review of November 2026; on any other corpus
# read the tables above instead of this paragraph):
#
# - **Most forecasts cannot be scored.** Of roughly 75 forecasts in five documents, only about a
#   dozen are resolved (nine came true, two partly, none clearly failed). About fifteen are
#   *annulled* and about thirty *ambiguous*; the rest are *pending*. Ambiguous covers sentences too
#   vague to check ("maintaining a consistent policy ... will be challenging") and detector false
#   positives, which the review marks "Not a forecast" in `note` rather than deleting.
# - **The 2020 blog post has nothing scored.** Its predictions describe a second Trump term
#   starting in 2021, so they are conditional on a re-election that did not happen (ledger rows B001,
#   B002, and E009's "non-consecutive" term): annulled, the dark grey bars in the timeline. Its core
#   expectation, no meaningful Trump–Kim diplomacy, happens to read well against the later term
#   (no meeting by November 2026: E042, E062), but that is not what it forecast. Its one conditional
#   forecast whose condition held ("Were Joe Biden elected, we can expect a fairly establishmentarian
#   approach") stays *pending*: the ledger has no events from 2021–2024 to judge it by.
# - **Only Yang Uk (Asan, February 2025) has enough resolved forecasts for a rate**, and his record
#   (almost all *happened*; Brier about 0.1 against 0.25 for always saying 50 %) rests on broad
#   directional calls: America First resurfaces, costs shift to allies, NATO takes on more, the
#   Middle East gains prominence. The Wilson interval is wide and the band range (light bar) is
#   wider than the sampling interval: how a cue is translated into a probability matters as much
#   as the outcomes. Shin and Vekasi have two resolved forecasts each: too few. Shin's "high-level
#   pressure directly targeting South Korea is likely to be limited" is the nearest thing to a miss
#   (*partly*: quiet until the June 2025 election, then the July tariff letter, E029).
# - **Confidence.** The most common cue is a plain *will* (13 of 74 forecasts), read as *very
#   likely* (0.875); then the non-committal *could*/*may* (0.5) and *would*/*expected to* (0.675).
#   Vekasi hedges most. In the reliability diagram nearly all
#   resolved forecasts sit in the 0.6–0.8 bin and came true more often than stated, but with about
#   ten forecasts the interval covers the diagonal: no claim of under-confidence can be made.
# - **Links are leads, not verdicts.** Many point at the right evidence (Middle East forecasts at
#   the Iran strikes, E024/E025); some are word coincidences ("trade away US Forces Korea" at trade
#   events). The outcome column is the analyst's judgment, with the event ids in `outcomes.csv`.

# %% [markdown]
# ## Exports
#
# Tables (CSV) and figures (PNG 300 dpi, SVG, PDF) go to `$BRIEFKIT_FIGURES`.

# %%
pred_cols = ["pred_id", "doc_id", "sent_id", "start", "end", "text", "cue", "conditional", "condition",
             "subject", "p_low", "p_point", "p_high", "horizon_start", "horizon_end"]
extra_cols = [c for c in ("negated", "horizon_text") if c in preds.columns]  # p is for the positive event
save_table(preds[pred_cols + extra_cols], "predictions", out_dir=out_dir)
save_table(events, "events", out_dir=out_dir)
save_table(links[["pred_id", "event_id", "similarity", "outcome", "rank", "event_date", "doc_id"]], "links",
           out_dir=out_dir)
save_table(card, "scorecard", out_dir=out_dir)
save_table(reliability, "reliability", out_dir=out_dir)
scored = score_forecasts(reviewed, partly=partly)
score_cols = ["pred_id", "doc_id", "outcome", "resolved_on", "p_stated", "p_stated_low", "p_stated_high",
              "y", "sq_error", "sq_error_low", "sq_error_high", "note"]
save_table(scored[score_cols], "forecast_scores", out_dir=out_dir)
assert set(links["pred_id"]) <= set(preds["pred_id"]) and set(links["event_id"]) <= set(events["event_id"])
assert (card["brier_low"].fillna(0) <= card["brier"].fillna(0) + 1e-12).all()
print(sorted(p.name for p in out_dir.glob("predictions*")) + ["events.csv", "links.csv", "scorecard.csv"])
