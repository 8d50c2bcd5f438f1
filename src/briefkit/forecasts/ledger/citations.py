"""Event ids cited in the analyst's notes, and citations of events the ledger does not list.

An outcome's ``note`` (and an uptake review's ``note`` and ``event_id``) cites ledger events by
id; :data:`EVENT_ID` is the form a cited id takes in free text (a capital letter and three or
more digits: ``E031``). :func:`unknown_citations` lists every cited id that ``events.csv`` does
not hold, as warnings naming the file and row: ``briefkit validate`` shows them; nothing is
refused for them (an outcome can rest on an event not yet entered).
"""

from __future__ import annotations

import re

import pandas as pd

from briefkit.errors import Problem

__all__ = ["EVENT_ID", "cited_event_ids", "unknown_citations"]

#: How a cited event id looks in free text.
EVENT_ID = re.compile(r"\b[A-Z]\d{3,}\b")


def cited_event_ids(text) -> list[str]:
    """The event ids cited in ``text``, in order, each once.

    Examples
    --------
    >>> from briefkit.forecasts.ledger.citations import cited_event_ids
    >>> cited_event_ids("NATO 5% (E027, E031); see E027")
    ['E027', 'E031']
    """
    return list(dict.fromkeys(EVENT_ID.findall(str(text or ""))))


def unknown_citations(table: pd.DataFrame, rows, known, *, file: str, id_column: str | None = None) -> list[Problem]:
    """Warnings for event ids ``table`` cites (in ``note``, and in ``id_column``) that are not ``known``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.ledger.citations import unknown_citations
    >>> t = pd.DataFrame({"pred_id": ["P1"], "note": ["see E001 and E999"]})
    >>> [str(p) for p in unknown_citations(t, [2], {"E001"}, file="outcomes.csv")]
    ["outcomes.csv: row 2: warning: cites event id 'E999', which events.csv does not list"]
    """
    known = set(known)
    out = []
    for i, row in enumerate(table.to_dict("records")):
        ids = [] if id_column is None else [e.strip() for e in str(row.get(id_column, "")).split(";") if e.strip()]
        ids += cited_event_ids(row.get("note", ""))
        for eid in dict.fromkeys(ids):
            if eid not in known:
                out.append(Problem(file, rows[i], f"cites event id {eid!r}, which events.csv does not list",
                                   severity="warning"))
    return out
