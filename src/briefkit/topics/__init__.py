"""Topic models on passages or documents: vocabulary, fits, the choice of K, guided topics, shares,
contrasts and plots.

Names load on first use (see :mod:`briefkit._lazy`).
"""

from briefkit._lazy import attach

__getattr__, __dir__, __all__ = attach(__name__, {
    'compare': ['group_contrast'],
    'interactive': ['explore_topics', 'TOPIC_FIELDS'],
    'diagnostics': ['top_term_indices', 'npmi_coherence', 'exclusivity', 'frex', 'match_topics',
        'matched_similarity', 'stability_fits', 'heldout_error'],
    'guided': ['GuidedFit', 'seed_terms', 'fit_guided', 'guided_terms'],
    'labels': ['fold_terms', 'topic_key', 'auto_labels', 'read_topic_labels', 'apply_topic_labels',
        'LabelsError'],
    'model': ['TopicFit', 'fit_topics', 'fit_matrix', 'passage_topics', 'MODELS'],
    'normalize': ['VocabularyError', 'VocabularyRules', 'load_vocabulary_rules',
        'corpus_vocabulary_file'],
    'plots': ['plot_k_diagnostics', 'plot_topic_terms', 'plot_topic_dates'],
    'plots_groups': ['plot_group_topics', 'plot_group_contrast', 'plot_guided_shares'],
    'analysis': ['TopicReport', 'topic_report', 'save_report', 'empty_tables'],
    'select': ['candidate_ks', 'k_diagnostics', 'recommend_k', 'degeneracy'],
    'shares': ['shares_table', 'group_topic_shares', 'document_topic_shares', 'top_passages'],
    'tables': ['topic_terms', 'topic_labels', 'topic_summary'],
    'units': ['choose_unit', 'document_units'],
    'vocab': ['TopicError', 'Vocabulary', 'analyze', 'build_vocabulary'],
})
