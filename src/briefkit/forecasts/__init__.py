"""Forecasts and what happened: detection, the estimative yardstick, time expressions, the
events ledger, forecast-event links, reviewed outcomes, the scorecard and the timeline plots.

Names load on first use (see :mod:`briefkit._lazy`).
"""

from briefkit._lazy import attach

__getattr__, __dir__, __all__ = attach(__name__, {
    'interactive': ['explore_forecasts', 'FORECAST_FIELDS'],
    'detect': ['load_cues', 'classify_sentences', 'analyse_sentence'],
    'predict': ['predictions', 'pred_id', 'PREDICTION_COLUMNS'],
    'modality': ['MODALITIES', 'cue_modality', 'is_option', 'implied_span'],
    'evaluation': ['CLASSES', 'load_labels', 'match_labels', 'evaluate_detector', 'confusion', 'wilson',
        'labels_path', 'detector_report', 'corpus_detector_table'],
    'report': ['cue_table', 'prediction_export', 'links_export', 'scores_export', 'timeline_input',
        'uptake_timeline_input'],
    'events': ['EVENT_COLUMNS', 'LEDGER_COLUMNS', 'PRECISIONS', 'corpus_table_path', 'read_ledger',
        'load_ledger', 'date_interval', 'interval_precision', 'extract_events', 'events_table'],
    'links': ['LINK_COLUMNS', 'propose_links', 'in_window', 'assign_lanes', 'policy_areas', 'target_lanes',
        'add_cited_links'],
    'recommendations': ['RECOMMENDATION_COLUMNS', 'rec_id', 'recommendations', 'addressee_of'],
    'uptake': ['VERDICTS', 'UPTAKE_COLUMNS', 'read_uptake', 'load_uptake', 'propose_uptake', 'uptake_table',
        'uptake_by_group'],
    'outcomes': ['OUTCOMES', 'RESOLVED', 'OUTCOME_COLUMNS', 'read_outcomes', 'load_outcomes',
        'attach_outcomes', 'orphan_outcomes', 'sync_outcomes', 'OutcomeSync'],
    'plots': ['OUTCOME_COLOURS', 'plot_timeline', 'timeline_pages', 'plot_timeline_overview', 'lane_order'],
    'score_plots': ['plot_scorecard', 'plot_reliability', 'plot_uptake', 'plot_uptake_timeline',
        'VERDICT_COLOURS'],
    'scorecard': ['outcome_value', 'score_forecasts', 'wilson_interval', 'scorecard', 'resolution_counts',
        'resolution_clusters', 'SCORECARD_COLUMNS', 'COUNT_COLUMNS', 'MEASURES'],
    'calibration': ['RELIABILITY_BINS', 'reliability_table', 'propose_not_happened', 'comparability_warnings'],
    'timex': ['find_time_expressions', 'horizon', 'resolve_relative', 'TIMEX_COLUMNS'],
    'timex_rules': ['MONTHS', 'NUMBER_WORDS', 'named_periods', 'us_election_day', 'anchor_interval',
        'parse_number', 'add_units', 'modifier_interval', 'RULES', 'sentence_bounds', 'tense_of',
        'pick_year', 'interval_row', 'resolve_window'],
    'yardstick': ['load_yardstick', 'band', 'SOURCES'],
})
