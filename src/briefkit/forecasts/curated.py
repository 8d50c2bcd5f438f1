"""The forecasts subpackage's curated files, registered with :mod:`briefkit.inputs.registry`.

Each is read by the reader notebook 04 uses (:func:`~briefkit.forecasts.ledger.events.load_ledger`,
:func:`~briefkit.forecasts.ledger.outcomes.load_outcomes`,
:func:`~briefkit.forecasts.ledger.uptake.load_uptake`); a check across the three lists event ids
that ``outcomes.csv`` notes and ``uptake.csv`` cite but ``events.csv`` does not hold, as warnings.
"""

from __future__ import annotations

from pathlib import Path

from briefkit.errors import Problem
from briefkit.forecasts.ledger.citations import unknown_citations
from briefkit.forecasts.ledger.events import load_ledger
from briefkit.forecasts.ledger.outcomes import load_outcomes
from briefkit.forecasts.ledger.uptake import load_uptake
from briefkit.inputs.registry import register
from briefkit.inputs.schemas import input_schema
from briefkit.inputs.tables import read_table

__all__: list[str] = []


def _citations(name: str, id_column: str | None):
    def check(root: Path, loaded: dict) -> list[Problem]:
        ledger, table = loaded.get("events"), loaded.get(name)
        if ledger is None or table is None or table.empty:
            return []  # a file that failed is reported already
        _, rows = read_table(root, input_schema(name))
        return unknown_citations(table, rows, set(ledger["event_id"]), file=input_schema(name).files[0],
                                 id_column=id_column)
    return check


register("events", read=load_ledger)
register("outcomes", read=load_outcomes, check=_citations("outcomes", None))
register("uptake", read=load_uptake, check=_citations("uptake", "event_id"))
