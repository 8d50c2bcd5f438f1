"""Map documents to analysis groups (authors by default, or any manifest column)."""

from __future__ import annotations

import pandas as pd

from briefkit.errors import require_columns

__all__ = ["document_groups", "short_group"]

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


def short_group(group: str, width: int = 28) -> str:
    """A group name for an axis label: "(no authors: doc)" becomes "doc (no authors)", and a name
    longer than ``width`` keeps its start and end around "…", so two labels never collapse
    into the same text.

    Examples
    --------
    >>> from briefkit.groups import short_group
    >>> short_group("(no authors: blog-2020-nk)")
    'blog-2020-nk (no authors)'
    >>> short_group("A very long institute name for a group", width=20)
    'A very lon…r a group'
    """
    text = str(group)
    if text.startswith("(no ") and ": " in text and text.endswith(")"):
        head, doc = text[1:-1].split(": ", 1)
        text = f"{doc} ({head})"
    if len(text) <= width:
        return text
    keep = max(width - 1, 2)
    return text[: (keep + 1) // 2].rstrip() + "…" + text[len(text) - keep // 2:].lstrip()
