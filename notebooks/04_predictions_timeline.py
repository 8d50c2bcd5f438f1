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
# # 04 · Predicted versus reported events
#
# Forecasts and reported events on one time axis: which forecasts came true, who forecast well,
# and how confident each author sounded.
#
# **Modality first.** Every cue is read as *epistemic* (a prediction: "China will remain the top
# priority", "retaliation is possible"), *deontic* (an obligation or recommendation: "South Korea
# should ...", "must") or an *option* (a proposed course: "Marine Corps units could be stationed in
# Pohang", "could consider"). Only epistemic statements are forecasts. Forecasts *implied* by a
# recommendation ("must prepare for economic shocks from early negotiations", "in case of a
# nuclear freeze agreement") are listed with `modality = implied`, shown, and scored only once the
# analyst resolves them. Reports of what others said ("Trump claimed he could ...") are reports.
# The detector is rule-based (`briefkit.forecasts.detection.detect`, `briefkit.forecasts.detection.modality`): every
# row keeps its cue, its character offsets in the raw file, whether it is conditional and on what;
# the probability comes from the cue that scopes over the main clause (not from a premise
# "Given that ... probably ...", an aside, or a concession "Maybe ..., but").
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
# plus every past time expression in the texts, whatever the sentence type ("(2018-2019)" in a
# report, "in early March" inside a recommendation, "the Camp David Accords of 1978"). **Links**
# from a forecast to events are proposals: inside the forecast's time window, in the same policy
# area (the stance targets of notebook 03), similar in wording; the events an outcome cites are
# always among them. **Recommendations** get their own table (who is told to act, in which
# policy area) and **uptake**: later ledger events that match what was asked, reviewed by the
# analyst in `uptake.csv`.

# %% tags=["parameters"]
corpus = None    # corpus folder; None: $BRIEFKIT_CORPUS, else the project's corpus/
figures = None   # export folder; None: $BRIEFKIT_FIGURES, else the project's figures/
group_by = None  # manifest column to compare; None: $BRIEFKIT_GROUP_BY, else "authors"
seed = 0         # seed for every random step
today = None     # "YYYY-MM-DD"; None: $BRIEFKIT_TODAY, else the date of the run

min_similarity = 0.10  # link floor (TF-IDF cosine), on top of a shared policy area
top_k = 3  # links proposed per forecast
partly = 0.5  # score of a "partly" outcome (None: not scored)
min_n = 3  # fewest resolved forecasts for an estimate

# %%
import briefkit

run = briefkit.notebook_run(corpus=corpus, figures=figures, group_by=group_by, seed=seed, today=today)
corpus, figures, group_by, today = run.corpus, run.figures, run.group_by, run.today

from briefkit import save_figure, show
from briefkit.corpus.load import load_corpus
from briefkit.corpus.text.segment import sentences
from briefkit.output.export import save_table, use_style
from briefkit.forecasts import tables
from briefkit.forecasts.detection.detect import classify_sentences
from briefkit.forecasts.detection.predict import predictions
from briefkit.forecasts.detection.recommendations import recommendations
from briefkit.forecasts.figures import scores as score_figs, timeline as timeline_figs
from briefkit.forecasts.ledger import events as ev, links as lk, outcomes as oc, uptake as up
from briefkit.forecasts.scoring import calibration, scorecard as sc
from briefkit.stance.targets import corpus_targets_file, load_targets

use_style()
out_dir = figures
docs = load_corpus(corpus)
sents = sentences(docs)
classified = classify_sentences(sents, docs=docs)
preds = predictions(sents, docs)
targets = load_targets(corpus_targets_file(corpus), corpus=corpus)
print(f"corpus: {corpus}; export folder: {out_dir}")
print(f"{len(docs)} documents, {len(sents)} sentences; today = {today.date()}")
show(classified.groupby(["sentence_type", "modality"]).size().rename("sentences").reset_index(),
     caption="Sentences by type and modality of their cue")

# %% [markdown]
# ## How good is the detector?
#
# Precision and recall of the sentence-type detector against hand labels (`briefkit.forecasts.scoring.evaluation`,
# Wilson 95 % intervals), for the labelled sentences that occur in this corpus (the shipped labels
# were made on the seed documents and 60 Irish budget sentences; `$BRIEFKIT_FORECAST_LABELS`
# points at another label file). On the seed corpus these numbers are **in-sample**: the rules were
# written while reading the same documents. Recommendation rules were also checked on 40 held-out
# Irish budget sentences (precision and recall 0.94 after general fixes; 0.60 / 0.88 at first run).

# %%
from briefkit.forecasts.scoring.evaluation import corpus_detector_table

detector_table = corpus_detector_table(sents, docs, classified)
if detector_table is None:
    print("No hand-labelled sentence belongs to this corpus: detector accuracy not shown.")
else:
    save_table(detector_table, "detector_eval", out_dir=out_dir)
    show(detector_table, caption="Detector against hand labels")

# %% [markdown]
# ## The events ledger and the events in the texts
#
# Curated rows keep their own sources (URLs). Extracted rows (`source = text:<doc_id>`) are event
# mentions: the clause around each past time expression of any sentence, at the expression's
# precision (a year range stays a range), with the sentence's type.

# %%
ledger = ev.load_ledger(corpus)  # validated; an absent file gives an empty ledger
extracted = ev.extract_events(classified, docs)
events = ev.events_table(ledger, extracted)
print(f"events.csv: {len(ledger)} curated events; {len(extracted)} event mentions in the texts")
show(extracted.groupby(["sentence_type", "date_precision"]).size().rename("event mentions").reset_index(),
     caption="Event mentions by the type of sentence they sit in and their precision")
show(extracted, columns=["doc_id", "time_text", "date_start", "date_end", "sentence_type", "text"], max_rows=15,
     caption="Event mentions in the texts (first rows)")

# %% [markdown]
# ## The analyst's outcomes
#
# `outcomes.csv` is read and validated; it is never written here. Forecasts it does not mention
# are `pending` and exported as `outcomes_template.csv`; entries whose forecast no longer exists
# are listed (`outcomes_orphans.csv`), never deleted.

# %%
outcomes_path = ev.corpus_table_path("outcomes.csv", corpus)
sync = oc.sync_outcomes(preds, outcomes_path, write=False, label="outcomes.csv")
print(f"outcomes.csv: {len(sync.outcomes) - len(sync.new)} reviewed; {len(sync.new)} forecasts not yet in it; "
      f"{len(sync.orphans)} entries whose forecast no longer exists")
save_table(sync.new, "outcomes_template", out_dir=out_dir)
save_table(sync.orphans, "outcomes_orphans", out_dir=out_dir)
meta = docs[["doc_id", "published", "date_precision"]].rename(columns={"date_precision": "pub_precision"})
reviewed = oc.attach_outcomes(preds, sync.outcomes).merge(meta, on="doc_id", how="left")
show(reviewed.groupby(["modality", "outcome"]).size().rename("forecasts").reset_index(),
     caption="Forecasts by modality and outcome")

# %% [markdown]
# ## Forecasts per author, with their cues
#
# A document with several authors counts for each of them. The cue set the probability band.

# %%
per_group = tables.cue_table(reviewed, docs, by=group_by)
save_table(per_group, "forecasts_by_group", out_dir=out_dir)
show(per_group, caption=f"Forecasts by {group_by}")
show(reviewed.sort_values(["doc_id", "sent_id"]),
     columns=["doc_id", "pred_id", "modality", "cue", "p_point", "horizon_end", "outcome", "text"], max_rows=20)

# %% [markdown]
# ## Links and lanes by policy area
#
# Up to `top_k` events per forecast, dated inside its window (publication to horizon, or to
# `today` when open-ended), in the **same policy area** (a stance target other than the person
# Trump) and with TF-IDF cosine at least `min_similarity`; the events an outcome cites are added
# (`link_source = cited`). Lanes are the first policy area a forecast names, else that of its
# best linked event (cited first).

# %%
links = lk.propose_links(preds, events, today=today, top_k=top_k, min_similarity=min_similarity, targets=targets)
links = lk.add_cited_links(links, sync.outcomes, events, preds)
lanes = lk.target_lanes(preds, targets, links=links, events=events)
print(f"{len(links)} links for {links['pred_id'].nunique()} of {len(preds)} forecasts")
show(links.merge(preds[["pred_id", "text"]], on="pred_id").merge(
     events[["event_id", "text"]].rename(columns={"text": "event"}), on="event_id"),
     columns=["pred_id", "event_id", "link_source", "similarity", "text", "event"], max_rows=25)

# %% [markdown]
# ## The timeline
#
# First an overview (one row per lane, every forecast drawn in it, the events by category below),
# then one page per group of lanes with a row per forecast: a bar from publication to horizon
# (hatched with an arrow when open-ended), coloured by outcome, diamonds at linked events with
# whiskers for their date precision, the dashed line at `today`. `[if]` marks conditional and
# `[implied]` implied forecasts.

# %%
timeline = tables.timeline_input(reviewed, lanes)
save_figure(timeline_figs.plot_timeline_overview(timeline, events, links, today=today, lane_col="lane"),
            "04_timeline_overview", out_dir=out_dir,
            alt="Overview: forecasts by policy area as bars over time, events by category below")

# %%
pages = timeline_figs.timeline_pages(timeline, events, links, today=today, lane_col="lane")
saved = [save_figure(fig, f"04_timeline_page{i}", out_dir=out_dir,
                     alt=f"Timeline page {i}: forecasts of some policy areas with linked events")
         for i, fig in enumerate(pages, start=1)]
print(f"{len(saved)} timeline pages")

# %% [markdown]
# ## Scorecard
#
# Counts by resolution status first: most forecasts cannot be scored. Then per group the hit rate
# (forecasts stated at p = 0.5 have no direction: kept in the Brier score, left out of the hit
# rate), the Brier score (0 is perfect, 0.25 always saying 50 %; `brier_band_min`–`brier_band_max`
# is the range the probability bands allow, **not** an interval) and Brier skill against always
# forecasting the base rate. Intervals are cluster bootstraps: forecasts of one document, or
# resolved by the same ledger event, count as one cluster. Fewer than `min_n` forecasts: no estimate.

# %%
counts = sc.resolution_counts(reviewed, docs, by=group_by, partly=partly)
card = sc.scorecard(reviewed, docs, by=group_by, partly=partly, min_n=min_n, seed=seed)
show(counts, caption="Forecasts by resolution status")
show(card, caption="Scorecard (tidy: one row per group and measure)")
for warning in calibration.comparability_warnings(reviewed.merge(
        briefkit.groups.document_groups(docs, by=group_by), on="doc_id"), card):
    print("WARNING:", warning)
save_figure(score_figs.plot_scorecard(card, counts, title=f"Forecast scorecard by {group_by}"),
            "04_scorecard", out_dir=out_dir, alt="Scorecard: outcome counts, hit rate, Brier and skill per group")

# %% [markdown]
# ## Reliability and what to review next
#
# Resolved forecasts binned by stated probability (Wilson 95 % intervals; hollow: too few). Below,
# forecasts whose horizon passed with no linked event: proposed `did not happen`, for the analyst
# to confirm in `outcomes.csv`.

# %%
reliability = calibration.calibration_table(reviewed, partly=partly, min_n=min_n)
proposals = calibration.propose_not_happened(reviewed, links, today=today)
show(proposals, caption="Proposed 'did not happen' (confirm in outcomes.csv)")
save_figure(score_figs.plot_reliability(reliability), "04_reliability", out_dir=out_dir,
            alt="Reliability diagram: stated probability against observed frequency")

# %% [markdown]
# ## Recommendations and their uptake
#
# Every recommendation with its addressee (from the sentence's subject, else the document's
# audience), policy area and cue. Uptake links are proposed (after publication, same policy area,
# the addressee's side acting, words of what was asked) and **reviewed by the analyst** in
# `uptake.csv` (`taken`, `partly`, `not taken`, `not checkable`); reviews win over proposals,
# reviews of recommendations that no longer exist are listed as orphans.

# %%
recs = recommendations(sents, docs, targets=targets, classified=classified)
reviews = up.load_uptake(corpus)
proposed = up.propose_uptake(recs, events, docs, targets=targets)
uptake, uptake_orphans = up.uptake_table(recs, reviews, proposed)
by_author = up.uptake_by_group(uptake, docs, by=group_by)
print(f"{len(recs)} recommendations; {recs['rec_id'].isin(set(reviews['rec_id'])).sum()} reviewed; "
      f"{len(uptake_orphans)} review rows without a current recommendation")
show(recs.groupby(["addressee", "modality"]).size().rename("recommendations").reset_index())
show(by_author, caption=f"Uptake by {group_by}")
save_figure(score_figs.plot_uptake(by_author, title=f"Recommendations by {group_by} and their uptake"),
            "04_uptake", out_dir=out_dir, alt="Stacked bars: recommendations per group by uptake verdict")

# %%
show(uptake.merge(recs[["rec_id", "addressee", "target"]], on="rec_id"),
     columns=["doc_id", "addressee", "target", "event_id", "verdict", "source", "text", "note"], max_rows=25)
save_figure(score_figs.plot_uptake_timeline(tables.uptake_timeline_input(uptake, recs, events, docs), today=today),
            "04_uptake_timeline", out_dir=out_dir,
            alt="From each recommendation's publication to the ledger event that took it up, coloured by verdict")

# %% [markdown]
# ## What the seed corpus shows
#
# *On the seed corpus* (five documents, the analyst's review of November 2026; on any other corpus
# read the tables above instead of this paragraph):
#
# - **Most forecasts cannot be scored.** Of 73 forecasts (68 stated, 5 implied by recommendations)
#   11 are resolved (9 happened, 2 partly, none clearly failed), 15 are *annulled* (the 2020 blog
#   post's forecasts about a second Trump term from 2021, void after his 2020 defeat, B001, B002;
#   not re-scoring them against the term that began in 2025 is the analyst's judgement),
#   27 *ambiguous* and 20 *pending*.
#   No horizon has passed unlinked, so no `did not happen` is proposed.
# - **Only Yang Uk (Asan, February 2025) and Beomchul Shin have enough resolved forecasts for an
#   estimate**, each from one document and with fewer than five independent clusters, so the
#   scorecard gives estimates without sampling intervals. Yang's record (hit rate about 0.9, Brier
#   about 0.08) rests on broad directional calls (America First resurfaces, costs shift to allies,
#   NATO takes on more, the Middle East gains prominence). Brier skill against the base rate is
#   **negative**: nine of eleven resolved forecasts came true, so always saying "yes, 0.9" would
#   have scored better — a reference known only in hindsight, from the same eleven outcomes. The
#   reviewed forecasts are the ones that could be checked, mostly the ones that came true: a
#   selection effect, not skill. The authors forecast different events, so the scores are not a
#   ranking.
# - **Recommendations are the briefs' main content.** 64 recommendations (Shin 51, Yang 8,
#   Vekasi 5), nearly all addressed to Seoul; Vekasi's two addressed to Washington ask it to weigh
#   allies' burdens and stop forcing trade-offs, and were *not taken* (E029, E030, E057, E066). The most
#   striking uptake: Shin's "increasing investment in the United States, raising defense cost
#   sharing, promoting shipbuilding cooperation" (July 2025 deal E031, MASGA E032, joint fact sheet
#   E046) and Yang's proposal that Korea build and maintain US Navy vessels (MASGA, E032, E041,
#   E043). Yang's other options (Marines in Pohang or Jeju, Korean quick reaction forces) were not
#   taken up. Many of Shin's prescriptions are attitudes ("must not be overly swayed") that no
#   event can confirm: *not checkable*, 26 of his 51.
# - **Links are leads, not verdicts.** Links now need a shared policy area, so "A Trump deal with
#   North Korea ..." no longer sits with Ukraine events; the events an outcome cites (the NATO
#   forecast's E027) are always among its links.

# %% [markdown]
# ## Exports
#
# Tables (CSV, described in `docs/data_dictionary.md`) and figures (PNG 300 dpi, SVG, PDF).

# %%
save_table(tables.prediction_export(preds), "predictions", out_dir=out_dir)
save_table(events, "events", out_dir=out_dir)
save_table(tables.links_export(links, reviewed), "links", out_dir=out_dir)
save_table(card, "scorecard", out_dir=out_dir)
save_table(counts, "resolution_counts", out_dir=out_dir)
save_table(reliability, "reliability", out_dir=out_dir)
save_table(proposals, "outcome_proposals", out_dir=out_dir)
save_table(tables.scores_export(sc.score_forecasts(reviewed, partly=partly)), "forecast_scores", out_dir=out_dir)
save_table(recs, "recommendations", out_dir=out_dir)
save_table(uptake, "uptake", out_dir=out_dir)
save_table(uptake_orphans, "uptake_orphans", out_dir=out_dir)
save_table(by_author, "uptake_by_group", out_dir=out_dir)
print(sorted(p.name for p in out_dir.glob("*.csv")))

# %% [markdown]
# ## Explore interactively
#
# Every forecast as a bar over its horizon, coloured by outcome, with the reported events as
# diamonds. Hover for the sentence, document, cue, stated probability and linked events; click a bar
# to list them under the plot; the menus filter by group (author), lane and outcome. It works
# offline, here and in the HTML export.

# %%
from briefkit.forecasts import explore_forecasts
from briefkit.groups import document_groups

explore_forecasts(timeline, links=links, events=events, groups=document_groups(docs, by=group_by),
                  today=today)
