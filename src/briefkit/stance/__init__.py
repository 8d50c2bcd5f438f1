"""Targets and the author's stance toward them, tone, commitment, keyness, and their plots.

Names load on first use (see :mod:`briefkit._lazy`).
"""

from briefkit._lazy import attach

__getattr__, __dir__, __all__ = attach(__name__, {
    'interactive': ['explore_stance', 'STANCE_FIELDS'],
    'commitment': ['load_commitment_lexicon', 'commitment_scores', 'commitment_profile'],
    'keyness': ['log_odds', 'plot_keyness'],
    'plots': ['plot_stance_heatmap', 'plot_stance_intervals', 'plot_commitment',
        'evidence_side_by_side'],
    'stance': ['clause_spans', 'score_mentions', 'stance_table', 'stance_evidence',
        'compare_groups', 'TOO_FEW', 'OK'],
    'targets': ['TargetsError', 'load_targets', 'corpus_targets_file', 'compile_targets',
        'find_mentions'],
    'tone': ['analyzer', 'method', 'polarity', 'polarity_table', 'NEUTRAL_NAMES'],
})
