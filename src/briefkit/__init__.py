"""briefkit: compare policy briefs, news and blog posts with provenance, uncertainty and reproducibility.

One subpackage per capability (see the README's Layout section):

- :mod:`briefkit.corpus` reads, validates and losslessly cleans a corpus and segments it;
- :mod:`briefkit.topics` fits and compares topic models;
- :mod:`briefkit.stance` finds targets and the stance toward them;
- :mod:`briefkit.scaling` places documents on a scale (Wordfish, Wordscores);
- :mod:`briefkit.forecasts` detects forecasts and scores them against the events ledger;
- :mod:`briefkit.output` saves figures and tables, shows tables and builds the HTML report.

Shared pieces sit at the top: :mod:`~briefkit.errors`, :mod:`~briefkit.paths`,
:mod:`~briefkit.groups`, :mod:`~briefkit.uncertainty`, :mod:`~briefkit.dates`
and :mod:`~briefkit.cli`. The most used names are re-exported here;
nothing heavy is imported until it is used.

Examples
--------
>>> import briefkit
>>> docs = briefkit.load_corpus(briefkit.corpus_dir())
>>> list(docs.columns[:2])
['doc_id', 'file']
"""

from briefkit._lazy import attach

__version__ = "0.1.0"

__getattr__, __dir__, __all__ = attach(__name__, {
    "corpus.load": ["load_corpus", "removed_spans", "document_table"],
    "corpus.text.segment": ["paragraphs", "sentences"],
    "corpus.text.kwic": ["kwic"],
    "corpus.text.tokens": ["tokenize", "stop_words"],
    "validate": ["validate_corpus", "check_corpus"],
    "errors": ["BriefkitError", "CorpusError"],
    "output.export": ["PALETTE", "save_figure", "save_table", "style", "use_style"],
    "paths": ["corpus_dir", "figures_dir", "project_root"],
    "run": ["notebook_run"],
    "output.display": ["show"],
    "corpus": [], "topics": [], "stance": [], "scaling": [], "forecasts": [], "output": [], "inputs": [],
})
