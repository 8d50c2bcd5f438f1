"""Topic models on passages: vocabulary, fits, the choice of K, diagnostics, shares and plots.

Names load on first use (see :mod:`briefkit._lazy`).
"""

from briefkit._lazy import attach

__getattr__, __dir__, __all__ = attach(__name__, {
    'interactive': ['explore_topics', 'TOPIC_FIELDS'],
    'diagnostics': ['top_term_indices', 'npmi_coherence', 'exclusivity', 'frex', 'match_topics',
        'matched_similarity', 'stability_fits'],
    'model': ['TopicFit', 'fit_topics', 'fit_matrix', 'passage_topics', 'MODELS'],
    'plots': ['plot_k_diagnostics', 'plot_topic_terms', 'plot_group_topics', 'plot_topic_dates'],
    'select': ['candidate_ks', 'k_diagnostics', 'recommend_k'],
    'shares': ['bootstrap_shares', 'group_topic_shares', 'document_topic_shares', 'top_passages'],
    'tables': ['topic_terms', 'topic_labels', 'topic_summary'],
    'vocab': ['TopicError', 'Vocabulary', 'analyze', 'build_vocabulary'],
})
