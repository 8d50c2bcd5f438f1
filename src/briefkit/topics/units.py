"""What a topic model is fitted on: passages or whole documents, chosen from the corpus's shape.

Rule (:func:`choose_unit`)
--------------------------
- **documents** when the corpus has at least ``min_docs`` documents (default 20): there are then
  enough rows to estimate topics from whole documents, and a document's themes are read from all
  of its words at once, as the planted-structure checks need (a passage of a speech is often too
  short to say which speech-type it belongs to);
- **passages** otherwise (a handful of briefs gives too few rows), with shares aggregated back to
  documents and groups.

The analyst can force either (``unit="passage"`` or ``"document"``); the notebook prints the reason.
:func:`document_units` turns passages into one unit per document with the same columns, so every
later step reads the same table either way.
"""

from __future__ import annotations

import pandas as pd

from briefkit.errors import require_columns

__all__ = ["UNITS", "choose_unit", "document_units"]

UNITS = ("auto", "passage", "document")


def choose_unit(passages: pd.DataFrame, *, unit: str = "auto", min_docs: int = 20) -> tuple[str, str]:
    """``("passage" | "document", reason)`` for this corpus.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.units import choose_unit
    >>> p = pd.DataFrame({"doc_id": ["a", "a", "b"], "text": ["x", "y", "z"]})
    >>> choose_unit(p)[0], choose_unit(p, unit="document")[0]
    ('passage', 'document')
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, got {unit!r}")
    require_columns(passages, ["doc_id"], name="passages")
    n_docs = int(passages["doc_id"].nunique())
    n = len(passages)
    if unit == "passage":
        return "passage", f"passages, as set by the analyst ({n} passages from {n_docs} documents)"
    if unit == "document":
        return "document", f"whole documents, as set by the analyst ({n_docs} documents)"
    if n_docs >= min_docs:
        return "document", (f"whole documents: the corpus has {n_docs} documents (at least {min_docs}), "
                            "enough rows to estimate topics from complete texts")
    return "passage", (f"passages: the corpus has only {n_docs} document(s) (fewer than {min_docs}), "
                       f"too few rows for a topic model, so its {n} passages are modelled and their "
                       "shares aggregated back to documents")


def document_units(passages: pd.DataFrame) -> pd.DataFrame:
    """One unit per document: its passages joined by blank lines, ``passage_id = doc_id``.

    ``start``/``end`` span the document's first to last passage in the raw file.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.units import document_units
    >>> p = pd.DataFrame({"doc_id": ["a", "a", "b"], "passage_id": ["a:0", "a:1", "b:0"],
    ...     "start": [0, 10, 0], "end": [9, 20, 5], "text": ["x y", "z", "w"]})
    >>> document_units(p)[["passage_id", "start", "end", "text"]].values.tolist()
    [['a', 0, 20, 'x y\\n\\nz'], ['b', 0, 5, 'w']]
    """
    require_columns(passages, ["doc_id", "start", "end", "text"], name="passages")
    p = passages.assign(doc_id=passages["doc_id"].astype(str)).sort_values(["doc_id", "start"],
                                                                           kind="stable")
    g = p.groupby("doc_id", sort=True)
    out = pd.DataFrame({"doc_id": list(g.groups), "passage_id": list(g.groups),
                        "para_id": 0, "start": g["start"].min().to_numpy(),
                        "end": g["end"].max().to_numpy(),
                        "n_sentences": (g["n_sentences"].sum().to_numpy() if "n_sentences" in p
                                        else g.size().to_numpy()),
                        "text": g["text"].agg("\n\n".join).to_numpy()})
    return out.reset_index(drop=True)
