"""The corpus: manifest and decoding (:mod:`~briefkit.corpus.sources`), lossless cleaning and its
rules and edits (:mod:`~briefkit.corpus.cleaning`), segmentation, tokens, document-feature counts,
passages and kwic (:mod:`~briefkit.corpus.text`); here the survey of manifest and documents,
loading, the per-document pipeline (on every core or on Dask), the corpus overview and the
registration of the corpus layer's curated file (:mod:`~briefkit.corpus.curated`). The corpus
layer imports nothing from the analyses; the whole check of a corpus folder is
:mod:`briefkit.validate`.

Names load on first use (see :mod:`briefkit._lazy`).
"""

from briefkit._lazy import attach

__getattr__, __dir__, __all__ = attach(__name__, {
    'cleaning.clean': ['DocumentMeta', 'Unit', 'CleanResult', 'clean_document', 'PULL_QUOTE_MIN_WORDS'],
    'text.dfm': ['as_count_matrix', 'count_table', 'group_counts', 'to_matrix', 'to_wide',
        'quanteda_tokenize'],
    'cleaning.edits': ['Edit', 'apply_edits', 'restore_raw', 'OffsetMap', 'edits_table', 'edits_from_table'],
    'sources.encoding': ['DecodedText', 'decode_bytes', 'read_text', 'MAX_CONTROL_SHARE', 'MAX_NUL_SHARE',
        'MAX_CHAOS', 'CHAOS_TIE', 'LEGACY_ENCODINGS'],
    'cleaning.inline': ['markup_drops', 'char_substitutions'],
    'text.kwic': ['kwic', 'KWIC_COLUMNS'],
    'load': ['load_corpus', 'lossless_check', 'removed_spans', 'document_table', 'DOCUMENT_COLUMNS'],
    'distributed': ['load_corpus_dask', 'process_partition'],
    'pipeline': ['clean_one', 'clean_many', 'sentence_rows', 'paragraph_rows', 'PARALLEL_MIN_CHARS'],
    'sources.manifest': ['MANIFEST', 'REQUIRED', 'OPTIONAL', 'COLUMNS', 'RESERVED', 'read_manifest',
        'parse_published', 'resolve_file', 'path_problem', 'manifest_problems'],
    'overview': ['FORMAT_CATEGORIES', 'removal_summary', 'removal_examples', 'date_intervals',
        'plot_removals', 'plot_word_counts', 'plot_timeline'],
    'text.passages': ['passages', 'PASSAGE_COLUMNS'],
    'cleaning.rules': ['Rule', 'load_rules', 'parse_rules', 'read_rules_file', 'CORPUS_RULES_FILE', 'SCOPES'],
    'text.segment': ['ABBREVIATIONS', 'sentence_spans', 'paragraphs', 'sentences'],
    'cleaning.textshape': ['word_count', 'is_heading_like', 'ends_sentence', 'dominant_script', 'script_counts',
        'is_date_line', 'match_key'],
    'text.tokens': ['stop_words', 'tokenize', 'token_spans', 'tokens_table'],
    'validate': ['survey', 'check_document', 'read_document', 'read_texts', 'problems_table',
        'documents_to_read', 'max_document_bytes', 'MAX_DOCUMENT_MB'],
    'cleaning.pullquotes': ['mark_pull_quotes', 'PULL_QUOTE_OVERLAP'],
})
