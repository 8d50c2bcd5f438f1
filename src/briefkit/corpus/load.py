"""Load a corpus: manifest + raw files -> one row per document, cleaned and audited."""

from __future__ import annotations

import os

import pandas as pd

from briefkit.corpus.cleaning.clean import DocumentMeta
from briefkit.corpus.pipeline import clean_many
from briefkit.corpus.cleaning.rules import load_rules
from briefkit.corpus.cleaning.edits import edits_table
from briefkit.corpus.sources.manifest import parse_published
from briefkit.dates import format_date
from briefkit.errors import require_columns
from briefkit.paths import corpus_dir
from briefkit.corpus.validate import read_texts

__all__ = ["load_corpus", "lossless_check", "removed_spans", "document_table", "DOCUMENT_COLUMNS", "assemble_documents",
           "document_metas"]

#: Columns of :func:`document_table` (documents.csv), before any extra manifest columns.
DOCUMENT_COLUMNS = ["doc_id", "file", "title", "authors", "affiliation", "kind", "published",
                    "date_precision", "language", "url", "notes"]


def _split(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in str(value).split(";") if p.strip())


def _meta(row: dict) -> DocumentMeta:
    affiliations = _split(row.get("affiliation", "")) + _split(row.get("publisher", ""))
    return DocumentMeta(doc_id=str(row["doc_id"]), title=str(row["title"]),
                        authors=_split(row.get("authors", "")), affiliations=affiliations)


def load_corpus(path: str | os.PathLike | None = None, *, n_jobs: int | None = None) -> pd.DataFrame:
    """Read, decode, clean and count every document of a corpus.

    Parameters
    ----------
    path : path, optional
        Corpus folder (holding ``manifest.csv``). Defaults to ``$BRIEFKIT_CORPUS``,
        else the project's ``corpus/``.
    n_jobs : int, optional
        Worker processes for cleaning. ``None`` (default): every core (or ``$BRIEFKIT_N_JOBS``)
        once the corpus holds more than :data:`briefkit.corpus.pipeline.PARALLEL_MIN_CHARS`
        characters, one process below that. The result is identical for any ``n_jobs``.

    Returns
    -------
    DataFrame
        One row per document, in manifest order: the manifest columns
        (``doc_id, file, title, authors, affiliation, kind, published, language,
        url, notes``, then any extra columns as document variables), where
        ``published`` is a Timestamp (first day of the period; NaT if unknown)
        followed by ``date_precision`` (``day``, ``month``, ``year`` or ``""``);
        then ``encoding`` and ``encoding_notes`` (how the file was decoded), ``raw_text``, ``clean_text``, ``n_words_raw``,
        ``n_words_clean`` and ``cleaning`` (the edit record, used by
        :func:`removed_spans`, :func:`briefkit.paragraphs` and
        :func:`briefkit.sentences`).

    Raises
    ------
    CorpusError
        Listing every problem (file, manifest row, reason), as ``briefkit validate`` does.

    Examples
    --------
    >>> import briefkit
    >>> docs = briefkit.load_corpus()
    >>> docs[["doc_id", "date_precision"]].head(2).values.tolist()
    [['shin-2025', 'year'], ['yang-2025', 'day']]
    """
    folder = corpus_dir(path)
    manifest = read_texts(folder)  # raises one CorpusError listing every problem
    rules = load_rules(folder)
    texts = manifest.pop("raw_text").tolist()
    encodings = manifest.pop("encoding").tolist()
    encoding_notes = manifest.pop("encoding_notes").tolist()
    cleaned = clean_many(texts, document_metas(manifest), rules, n_jobs=n_jobs)
    return assemble_documents(manifest, texts, encodings, encoding_notes, cleaned, folder)


def document_metas(manifest: pd.DataFrame) -> list[DocumentMeta]:
    """What cleaning may know about each manifest row (title, authors, affiliations)."""
    records = pd.DataFrame(manifest).to_dict("records")  # not iterrows(): it copies attrs per row
    return [_meta(row) for row in records]


def assemble_documents(manifest: pd.DataFrame, texts: list[str], encodings: list[str],
                       encoding_notes: list[str], cleaned: list, folder) -> pd.DataFrame:
    """The documents table of :func:`load_corpus` from the manifest and the per-document results."""
    published, precision = zip(*(parse_published(v) for v in manifest["published"])) if len(manifest) \
        else ((), ())
    results = [c[0] for c in cleaned]
    docs = manifest.copy()
    docs["published"] = pd.to_datetime(pd.Series(list(published), index=docs.index, dtype="object"))
    docs.insert(docs.columns.get_loc("published") + 1, "date_precision", list(precision))
    docs["encoding"] = encodings
    docs["encoding_notes"] = encoding_notes
    docs["raw_text"] = texts
    docs["clean_text"] = [r.clean for r in results]
    docs["n_words_raw"] = pd.Series([c[1] for c in cleaned], index=docs.index, dtype="int64")
    docs["n_words_clean"] = pd.Series([c[2] for c in cleaned], index=docs.index, dtype="int64")
    docs["cleaning"] = results
    docs.attrs = {"corpus": str(folder)}
    return docs.reset_index(drop=True)


def lossless_check(docs: pd.DataFrame) -> pd.DataFrame:
    """Does every document's raw text come back exactly from its clean text and edit record?

    Returns
    -------
    DataFrame
        ``doc_id, restored`` (bool), one row per document.

    Examples
    --------
    >>> import briefkit
    >>> from briefkit.corpus.load import lossless_check
    >>> bool(lossless_check(briefkit.load_corpus())["restored"].all())
    True
    """
    from briefkit.corpus.cleaning.edits import restore_raw

    require_columns(docs, ["doc_id", "raw_text", "clean_text", "cleaning"], name="docs")
    ok = []
    for clean, res, raw in zip(docs["clean_text"], docs["cleaning"], docs["raw_text"]):
        try:
            ok.append(restore_raw(clean, res.edits) == raw)
        except ValueError:
            ok.append(False)
    return pd.DataFrame({"doc_id": docs["doc_id"].to_numpy(), "restored": pd.Series(ok, dtype=bool).to_numpy()})


def removed_spans(docs: pd.DataFrame, *, include_layout: bool = True) -> pd.DataFrame:
    """Everything cleaning changed, one row per edit: the lossless audit record.

    Parameters
    ----------
    docs : DataFrame
        From :func:`load_corpus`.
    include_layout : bool, default True
        Include whitespace-only edits (``layout``, ``rejoin``) and character
        normalizations; without them the raw text cannot be rebuilt.

    Returns
    -------
    DataFrame
        ``doc_id, start, end, category, text, replacement``: ``raw_text[start:end] == text``
        was replaced by ``replacement`` (``""`` for a removal).

    Examples
    --------
    >>> import briefkit
    >>> removed = briefkit.removed_spans(briefkit.load_corpus())
    >>> list(removed.columns)
    ['doc_id', 'start', 'end', 'category', 'text', 'replacement']
    """
    require_columns(docs, ["doc_id", "cleaning"], name="docs (pass the table from briefkit.load_corpus())")
    parts = [edits_table(d, r.edits) for d, r in zip(docs["doc_id"], docs["cleaning"])]
    out = pd.concat(parts, ignore_index=True) if parts else edits_table("", [])
    if not include_layout:
        out = out[~out["category"].isin(["layout", "rejoin", "unicode", "control", "markup", "link"])]
    return out.reset_index(drop=True)


def document_table(docs: pd.DataFrame) -> pd.DataFrame:
    """The documents table for export: manifest columns, ``date_precision`` and word counts.

    ``published`` is written back at its precision (``2025``, ``2025-03``, ``2025-02-05``).

    Examples
    --------
    >>> import briefkit
    >>> briefkit.document_table(briefkit.load_corpus())["published"].tolist()[:2]
    ['2025', '2025-02-05']
    """
    drop = {"encoding_notes", "raw_text", "clean_text", "cleaning"}
    out = docs[[c for c in docs.columns if c not in drop]].copy()
    out["published"] = [format_date(t, p) for t, p in zip(docs["published"], docs["date_precision"])]
    out["n_chars_raw"] = docs["raw_text"].str.len()
    out["n_chars_clean"] = docs["clean_text"].str.len()
    return out
