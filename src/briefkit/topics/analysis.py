"""Everything notebook 02 shows, in one call: :func:`topic_report`.

Steps: choose the unit (passages or documents, :mod:`briefkit.topics.units`); build the normalised
vocabulary (:mod:`briefkit.topics.vocab`, rules from the corpus's ``vocabulary.toml`` if any);
choose K (:mod:`briefkit.topics.select`, on every core); fit; label (the analyst's
``topic_labels.csv`` applied by stable key); shares per document and group with intervals;
contrasts between groups; guided topics from the analyst's targets.

A corpus too small or too empty for a step does not stop the report: the step's tables are empty
with their columns and :attr:`TopicReport.notes` says what could not be done and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from briefkit.errors import BriefkitError
from briefkit.topics.compare import CONTRAST_COLUMNS, group_contrast
from briefkit.topics.shares import SHARE_COLUMNS, shares_table
from briefkit.topics.vocab import CHANGE_COLUMNS

__all__ = ["TopicReport", "topic_report", "empty_tables", "save_report"]

#: Columns of every table the report exports (empty tables keep them).
TABLE_COLUMNS = {
    "topic_vocabulary": CHANGE_COLUMNS,
    "topic_k_diagnostics": ["k", "coherence", "exclusivity", "stability", "stability_sd", "stability_min",
                      "heldout_error", "max_prevalence", "single_doc_topics", "degenerate",
                      "converged", "eligible", "score", "recommended"],
    "topics": ["topic_id", "label", "topic_key", "top_terms", "coherence", "exclusivity",
               "stability", "prevalence", "label_source"],
    "topic_terms": ["topic_id", "term", "weight", "frex", "rank_weight", "rank_frex"],
    "doc_topics": ["doc_id", "passage_id", "start", "end", "topic_id", "share"],
    "group_topics": ["group", *SHARE_COLUMNS],
    "doc_topic_shares": ["doc_id", *SHARE_COLUMNS],
    "topic_contrasts": CONTRAST_COLUMNS,
    "topic_passages": ["topic_id", "rank", "doc_id", "start", "end", "text", "passage_id", "share",
                       "n_terms"],
    "topic_labels": ["topic_key", "label", "top_terms"],
    "topic_guided_terms": ["target", "label", "status", "n_seed_terms", "seed_terms", "top_terms"],
    "topic_guided_group_shares": ["group", "target", *SHARE_COLUMNS[1:]],
    "topic_guided_doc_shares": ["doc_id", "target", *SHARE_COLUMNS[1:]],
}


def empty_tables() -> dict[str, pd.DataFrame]:
    """Every report table, empty, with its columns.

    Examples
    --------
    >>> from briefkit.topics.analysis import empty_tables
    >>> list(empty_tables()["topic_labels"].columns)
    ['topic_key', 'label', 'top_terms']
    """
    return {name: pd.DataFrame(columns=cols) for name, cols in TABLE_COLUMNS.items()}


@dataclass
class TopicReport:
    """Tables (:data:`TABLE_COLUMNS`), the fits, and what the report could and could not do.

    ``unit``/``unit_reason``: what was modelled and why; ``k``/``k_reason``: the K used and why;
    ``notes``: one sentence per step that could not run; ``fit``, ``guided``, ``vocab``: the
    underlying objects (None when their step could not run).
    """

    tables: dict = field(default_factory=empty_tables)
    unit: str = "passage"
    unit_reason: str = ""
    k: int | None = None
    k_recommended: int | None = None
    k_reason: str = ""
    notes: list = field(default_factory=list)
    unmatched_labels: list = field(default_factory=list)
    fit: object = None
    guided: object = None
    vocab: object = None
    units: object = None


def _guided(rep: TopicReport, targets, docs, by, n_free, seed, n_boot, level):
    from briefkit.topics.guided import OTHER, fit_guided, guided_terms

    try:
        g = fit_guided(rep.vocab, targets, n_free=n_free, seed=seed)
    except (BriefkitError, ValueError) as exc:
        rep.notes.append(f"guided topics: {exc}")
        return
    rep.guided = g
    rep.tables["topic_guided_terms"] = guided_terms(g)
    if not g.targets:
        rep.notes.append("guided topics: no target has a seed term in this corpus's vocabulary")
        return
    units = rep.fit.passages.iloc[g.rows].reset_index(drop=True)
    ids = [*g.targets, OTHER]
    from briefkit.groups import document_groups

    mapping = document_groups(docs, by=by)
    unit_name = "documents" if rep.unit == "document" else "passages"
    grp = shares_table(g.theta, units, mapping, topic_ids=ids, n_boot=n_boot, level=level,
                       seed=seed, unit_name=unit_name, stream=f"guided|{by}")
    doc_ids = sorted(set(units["doc_id"].astype(str)))
    dm = pd.DataFrame({"doc_id": doc_ids, "group": doc_ids})
    doc = shares_table(g.theta, units, dm, key="doc_id", topic_ids=ids, n_boot=n_boot, level=level,
                       seed=seed, unit_name=unit_name, stream="guided|doc")
    rep.tables["topic_guided_group_shares"] = grp.rename(columns={"topic_id": "target"})
    rep.tables["topic_guided_doc_shares"] = doc.rename(columns={"topic_id": "target"})


def topic_report(passages: pd.DataFrame, docs: pd.DataFrame, *, by: str = "authors",
                 unit: str = "auto", k: int | None = None, model: str = "nmf", seed: int = 0,
                 n_seeds: int = 10, k_max: int = 12, n_boot: int = 2000, level: float = 0.95,
                 rules=None, targets: pd.DataFrame | None = None, analyst_labels=None,
                 n_jobs: int | None = None, n_examples: int = 10, client=None) -> TopicReport:
    """Run every step of the topic analysis (module docstring).

    Parameters
    ----------
    passages : DataFrame
        From :func:`briefkit.corpus.text.passages.passages`.
    docs : DataFrame
        The documents (``doc_id`` and the ``by`` column).
    by : str, default "authors"
    unit : {"auto", "passage", "document"}
    k : int, optional
        Number of topics; None uses the recommendation.
    model, seed, n_seeds, k_max, n_jobs, client : as in :func:`briefkit.topics.select.k_diagnostics`
        (with a Dask ``client`` the K search runs on its cluster).
    n_boot, level : interval settings.
    rules : VocabularyRules, optional
    targets : DataFrame, optional
        From :func:`briefkit.stance.targets.load_targets`; None skips the guided topics.
    analyst_labels : DataFrame, optional
        From :func:`briefkit.topics.labels.read_topic_labels`.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.analysis import topic_report
    >>> p = pd.DataFrame({"doc_id": ["a"], "passage_id": ["a:0"], "start": [0], "end": [5],
    ...                   "text": ["Hello"]})
    >>> r = topic_report(p, pd.DataFrame({"doc_id": ["a"], "authors": ["X"]}), n_jobs=1)
    >>> r.k is None, r.notes[0].startswith("topic model:")
    (True, True)
    """
    from briefkit.topics.labels import apply_topic_labels
    from briefkit.topics.model import fit_topics, passage_topics
    from briefkit.topics.select import k_diagnostics, recommend_k
    from briefkit.topics.shares import document_topic_shares, group_topic_shares, top_passages
    from briefkit.topics.tables import topic_summary, topic_terms
    from briefkit.topics.units import choose_unit, document_units
    from briefkit.topics.vocab import build_vocabulary

    rep = TopicReport()
    if len(passages) == 0:
        rep.unit_reason = "none: there are no body passages"
        rep.notes.append("topic model: the corpus has no body passages (only headings, or empty "
                         "files), so there is nothing to model")
        return rep
    rep.unit, rep.unit_reason = choose_unit(passages, unit=unit)
    units = document_units(passages) if rep.unit == "document" else passages.reset_index(drop=True)
    rep.units = units
    unit_name = "documents" if rep.unit == "document" else "passages"
    try:
        rep.vocab = build_vocabulary(units, rules=rules)
        rep.tables["topic_vocabulary"] = rep.vocab.changes
        diag = k_diagnostics(units, model=model, seed=seed, n_seeds=n_seeds, vocab=rep.vocab,
                             k_max=k_max, n_jobs=n_jobs, client=client)
    except BriefkitError as exc:
        rep.notes.append(f"topic model: {exc}")
        return rep
    rep.k_recommended, table, rep.k_reason = recommend_k(diag)
    rep.tables["topic_k_diagnostics"] = table
    rep.k = rep.k_recommended if k is None else int(k)
    try:
        fit = fit_topics(units, rep.k, model=model, seed=seed, vocab=rep.vocab)
    except BriefkitError as exc:
        rep.notes.append(f"topic model with K={rep.k}: {exc}")
        rep.k = None
        return rep
    rep.fit = fit
    summary = topic_summary(fit, n_seeds=n_seeds)
    if analyst_labels is not None and len(analyst_labels):
        summary, rep.unmatched_labels = apply_topic_labels(summary, analyst_labels)
    else:
        summary["label_source"] = "automatic"
    rep.tables["topics"] = summary
    rep.tables["topic_terms"] = topic_terms(fit, n=15)
    pt = passage_topics(fit)
    pos = fit.fitted.set_index("passage_id")[["start", "end"]]
    pt = pt.join(pos, on="passage_id")
    rep.tables["doc_topics"] = pt[TABLE_COLUMNS["doc_topics"]]
    min_units = 3
    rep.tables["group_topics"] = group_topic_shares(fit, docs, by=by, n_boot=n_boot, level=level,
                                                    seed=seed, min_units=min_units)
    # whole documents: one unit per document, nothing to resample ("too few documents (1 < 2)")
    ds = document_topic_shares(fit, n_boot=n_boot, level=level, seed=seed,
                               min_units=2 if rep.unit == "document" else min_units)
    ds["status"] = ds["status"].str.replace("passages", unit_name)
    rep.tables["doc_topic_shares"] = ds
    rep.tables["group_topics"]["status"] = rep.tables["group_topics"]["status"].str.replace(
        "passages", unit_name)
    rep.tables["topic_contrasts"] = group_contrast(fit.theta, fit.fitted, docs, by=by, n_boot=n_boot,
                                                   level=level, seed=seed, min_units=min_units,
                                                   unit_name=unit_name)
    tp = top_passages(fit, n=n_examples, per_doc=2)
    if rep.unit == "document":  # a whole speech per row would swamp the table; offsets cite it all
        tp["text"] = [t if len(t) <= 600 else t[:600].rstrip() + " …" for t in tp["text"]]
    rep.tables["topic_passages"] = tp
    rep.tables["topic_labels"] = summary[["topic_key", "label", "top_terms"]]
    if targets is not None:
        _guided(rep, targets, docs, by, max(1, min(rep.k, 5)), seed, n_boot, level)
    else:
        rep.notes.append("guided topics: no targets given")
    return rep


def save_report(rep: TopicReport, *, out_dir=None) -> list:
    """Save every report table (empty ones with their columns) as CSV; return the paths.

    Examples
    --------
    >>> import tempfile
    >>> from briefkit.topics.analysis import TopicReport, save_report
    >>> len(save_report(TopicReport(), out_dir=tempfile.mkdtemp())) == len(TABLE_COLUMNS)
    True
    """
    from briefkit.output.export import save_table

    paths = []
    for name in TABLE_COLUMNS:
        df = rep.tables.get(name)
        df = pd.DataFrame(columns=TABLE_COLUMNS[name]) if df is None else df
        paths.append(save_table(df[TABLE_COLUMNS[name]], name, out_dir=out_dir))
    return paths
