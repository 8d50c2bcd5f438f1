"""Forecasts and what happened, one subpackage per concern:

- :mod:`~briefkit.forecasts.detection`: sentence types and modality, forecasts and
  recommendations, the estimative yardstick;
- :mod:`~briefkit.forecasts.timex`: time expressions, their rules and their resolution;
- :mod:`~briefkit.forecasts.ledger`: the events ledger, forecast-event links, reviewed outcomes
  and uptake;
- :mod:`~briefkit.forecasts.scoring`: the scorecard, calibration and the detector's evaluation;
- :mod:`~briefkit.forecasts.figures`: the timelines, score figures and the interactive view;

and :mod:`~briefkit.forecasts.tables`, the tables notebook 04 shows and exports.

Names load on first use (see :mod:`briefkit._lazy`).
"""

from briefkit._lazy import attach

__getattr__, __dir__, __all__ = attach(__name__, {
    'figures.interactive': ['explore_forecasts', 'FORECAST_FIELDS'],
    'detection.detect': ['load_cues', 'classify_sentences', 'analyse_sentence'],
    'detection.predict': ['predictions', 'pred_id', 'PREDICTION_COLUMNS'],
    'detection.modality': ['MODALITIES', 'cue_modality', 'is_option', 'implied_span'],
    'scoring.evaluation': ['CLASSES', 'load_labels', 'match_labels', 'evaluate_detector', 'confusion', 'wilson',
        'labels_path', 'corpus_detector_table'],
    'tables': ['cue_table', 'prediction_export', 'links_export', 'scores_export', 'timeline_input',
        'uptake_timeline_input'],
    'ledger.events': ['EVENT_COLUMNS', 'LEDGER_COLUMNS', 'PRECISIONS', 'corpus_table_path', 'read_ledger',
        'load_ledger', 'date_interval', 'interval_precision', 'extract_events', 'events_table'],
    'ledger.links': ['LINK_COLUMNS', 'propose_links', 'in_window', 'assign_lanes', 'policy_areas', 'target_lanes',
        'add_cited_links'],
    'detection.recommendations': ['RECOMMENDATION_COLUMNS', 'rec_id', 'recommendations', 'addressee_of'],
    'ledger.uptake': ['VERDICTS', 'UPTAKE_COLUMNS', 'read_uptake', 'load_uptake', 'propose_uptake', 'uptake_table',
        'uptake_by_group'],
    'ledger.outcomes': ['OUTCOMES', 'RESOLVED', 'OUTCOME_COLUMNS', 'read_outcomes', 'load_outcomes',
        'attach_outcomes', 'orphan_outcomes', 'sync_outcomes', 'OutcomeSync'],
    'figures.timeline': ['OUTCOME_COLOURS', 'plot_timeline', 'timeline_pages', 'plot_timeline_overview', 'lane_order'],
    'figures.scores': ['plot_scorecard', 'plot_reliability', 'plot_uptake', 'plot_uptake_timeline',
        'VERDICT_COLOURS'],
    'scoring.scorecard': ['outcome_value', 'score_forecasts', 'wilson_interval', 'scorecard', 'resolution_counts',
        'resolution_clusters', 'SCORECARD_COLUMNS', 'COUNT_COLUMNS', 'MEASURES'],
    'scoring.calibration': ['RELIABILITY_BINS', 'calibration_table', 'propose_not_happened', 'comparability_warnings'],
    'timex.find': ['find_time_expressions', 'horizon', 'resolve_relative', 'TIMEX_COLUMNS'],
    'timex.rules': ['MONTHS', 'NUMBER_WORDS', 'named_periods', 'us_election_day', 'anchor_interval',
        'parse_number', 'add_units', 'modifier_interval', 'RULES', 'sentence_bounds', 'tense_of',
        'pick_year', 'interval_row', 'resolve_window'],
    'detection.yardstick': ['load_yardstick', 'band', 'SOURCES'],
    'detection': [], 'timex': [], 'ledger': [], 'scoring': [], 'figures': [],
})
