"""Inputs: the one layer every curated file of a corpus folder is read through.

:mod:`~briefkit.inputs.files` (a regular UTF-8 file inside the corpus folder),
:mod:`~briefkit.inputs.tables` (CSV tables by their schema, spreadsheet row numbers),
:mod:`~briefkit.inputs.toml` (TOML with key paths), :mod:`~briefkit.inputs.schemas` (the
``inputs.toml`` files), :mod:`~briefkit.inputs.registry` (what each subpackage reads) and
:mod:`~briefkit.inputs.patterns` (corpus patterns: a static check, bounded windows).

Names load on first use (see :mod:`briefkit._lazy`).
"""

from briefkit._lazy import attach

__getattr__, __dir__, __all__ = attach(__name__, {
    'files': ['curated_path', 'read_curated_text', 'read_text_file', 'path_problem', 'max_curated_bytes'],
    'tables': ['read_table', 'read_table_file', 'table_from_text', 'read_csv_table', 'parse_csv_text'],
    'toml': ['parse_toml', 'TomlChecker', 'key_path'],
    'schemas': ['input_schemas', 'input_schema', 'inputs_markdown'],
    'registry': ['register', 'registered', 'curated_problems'],
    'patterns': ['pattern_problem', 'compile_corpus_pattern', 'CorpusPattern'],
    'pattern_shapes': [],
})
