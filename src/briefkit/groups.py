"""Map documents to analysis groups (authors by default, or any manifest column)."""

from __future__ import annotations

import pandas as pd

from briefkit.errors import require_columns

__all__ = ["document_groups"]

#: Columns whose values list several people separated by ";".
MULTI_VALUED = ("authors",)


def document_groups(docs: pd.DataFrame, *, by: str = "authors") -> pd.DataFrame:
    """One row per (document, group) pair.

    A document with two authors belongs to both authors' groups (one row each),
    so every author's estimate uses all of their documents. A document with no
    value in ``by`` is not silently pooled with other such documents: it gets
    its own group ``"(no <by>: <doc_id>)"``.

    Parameters
    ----------
    docs : DataFrame
        Documents table with ``doc_id`` and the ``by`` column.
    by : str, default "authors"
        Grouping column. ``authors`` (and any value containing ";") is split on ";".

    Returns
    -------
    DataFrame
        Columns ``doc_id``, ``group``; sorted by ``doc_id`` then ``group``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.groups import document_groups
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "authors": ["Kim; Lee", ""]})
    >>> document_groups(docs).values.tolist()
    [['a', 'Kim'], ['a', 'Lee'], ['b', '(no authors: b)']]
    """
    require_columns(docs, ["doc_id", by], name=f"docs (by={by!r} must name a document variable)")
    rows = []
    for doc_id, value in zip(docs["doc_id"], docs[by]):
        text = "" if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA \
            else str(value).strip()
        parts = [p.strip() for p in text.split(";")] if by in MULTI_VALUED else [text]
        parts = [p for p in parts if p]
        if not parts:
            parts = [f"(no {by}: {doc_id})"]
        for part in dict.fromkeys(parts):
            rows.append((str(doc_id), part))
    out = pd.DataFrame(rows, columns=["doc_id", "group"])
    return out.sort_values(["doc_id", "group"], kind="stable").reset_index(drop=True)
