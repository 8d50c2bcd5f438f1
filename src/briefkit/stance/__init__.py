"""Targets and the author's stance toward them, coding and reliability, tone, commitment, keyness.

Names load on first use (see :mod:`briefkit._lazy`).
"""

from briefkit._lazy import attach

__getattr__, __dir__, __all__ = attach(__name__, {
    'appraisal': ['annotate', 'annotate_mentions'],
    'lexicon': ['load_appraisal_lexicon'],
    'coding': ['CodesError', 'read_codes', 'apply_codes', 'coding_template', 'final_codes'],
    'commitment': ['load_commitment_lexicon', 'commitment_scores', 'commitment_profile', 'top_items'],
    'interactive': ['explore_stance', 'STANCE_FIELDS'],
    'keyness': ['log_odds', 'plot_keyness'],
    'plots': ['plot_stance_heatmap', 'plot_commitment'],
    'reliability': ['agreement', 'reliability_table', 'confusion', 'cross_validated_classifier',
        'disagreements'],
    'stance': ['fill_suggestions', 'stance_mentions', 'stance_table', 'stance_evidence'],
    'targets': ['TargetsError', 'load_targets', 'corpus_targets_file', 'compile_targets',
        'find_mentions'],
    'tone': ['analyzer', 'method', 'polarity', 'polarity_table', 'NEUTRAL_NAMES'],
})
