"""briefkit: compare policy briefs, news and blog posts with provenance, uncertainty and reproducibility.

The foundation: :func:`load_corpus` reads and cleans a corpus (one row per
document), :func:`removed_spans` is the lossless cleaning record,
:func:`paragraphs` and :func:`sentences` segment the cleaned text with offsets
into the raw files.
"""

from .corpus import document_table, load_corpus, removed_spans
from .errors import BriefkitError, CorpusError
from .export import PALETTE, save_figure, save_table, style, use_style
from .paths import corpus_dir, figures_dir, project_root
from .segment import paragraphs, sentences
from .tokens import stop_words, tokenize
from .validate import validate_corpus

__version__ = "0.1.0"

__all__ = [
    "load_corpus", "removed_spans", "document_table", "paragraphs", "sentences", "tokenize",
    "stop_words", "validate_corpus", "BriefkitError", "CorpusError", "save_figure", "save_table",
    "style", "use_style", "PALETTE", "corpus_dir", "figures_dir", "project_root",
]
