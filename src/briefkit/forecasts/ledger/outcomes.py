"""The analyst's review of forecasts: ``outcomes.csv`` in the corpus folder.

One row per forecast the analyst has looked at: ``pred_id, outcome,
resolved_on, note``. ``outcome`` says whether the forecast *as worded* came
true ("He won't get a Nobel" and no Nobel came: ``happened``), one of
:data:`OUTCOMES`:

* ``happened`` / ``did not happen`` / ``partly``: resolved (scored, see
  :mod:`briefkit.forecasts.scoring.scorecard`);
* ``pending``: not yet resolvable (horizon not reached, or no evidence yet);
* ``ambiguous``: the forecast is too vague to decide;
* ``annulled``: a conditional forecast whose condition failed (e.g. "if X is
  re-elected" when X lost), so there is nothing to score.

``resolved_on`` is the date the outcome became known (``YYYY-MM-DD``,
``YYYY-MM`` or ``YYYY``; may be empty). ``pred_id`` is stable across reruns
(derived from the document and the normalized sentence), so the file survives
re-segmentation. briefkit never rewrites this file: :func:`sync_outcomes` only
*appends* ``pending`` rows for new forecasts, and only when asked; rows whose
forecast no longer exists are reported as orphans, never deleted.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from briefkit.errors import require_columns
from briefkit.forecasts.ledger.events import corpus_table_path
from briefkit.inputs.schemas import input_schema
from briefkit.inputs.tables import read_table_file

__all__ = ["OUTCOMES", "RESOLVED", "OUTCOME_COLUMNS", "read_outcomes", "load_outcomes",
           "attach_outcomes", "orphan_outcomes", "sync_outcomes", "OutcomeSync"]

#: Allowed outcome values (``forecasts/inputs.toml`` [outcomes]).
OUTCOMES = tuple(input_schema("outcomes").values["outcome"])
#: Outcomes that resolve a forecast (and are scored).
RESOLVED = ("happened", "did not happen", "partly")
#: Columns of ``outcomes.csv``.
OUTCOME_COLUMNS = ["pred_id", "outcome", "resolved_on", "note"]


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="str") for c in OUTCOME_COLUMNS})


def read_outcomes(path, *, label: str | None = None, corpus=None) -> pd.DataFrame:
    """Read and validate an outcomes file by its schema; a missing or empty file gives an empty table.

    Checks (``forecasts/inputs.toml`` [outcomes]; all problems reported together, as
    ``"<file>: row <n>: <problem>"`` with the header on row 1): columns ``pred_id`` and
    ``outcome`` present (``resolved_on``, ``note`` optional); ``pred_id`` non-empty and not
    repeated; ``outcome`` one of :data:`OUTCOMES` (case and surrounding spaces ignored);
    ``resolved_on`` empty or a date (:func:`briefkit.dates.parse_date`).

    Returns
    -------
    DataFrame
        :data:`OUTCOME_COLUMNS` (strings, ``outcome`` lower-cased), then any extra
        columns, in file order.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from briefkit.forecasts.ledger.outcomes import read_outcomes
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "outcomes.csv"
    >>> _ = p.write_text("pred_id,outcome,resolved_on,note\\nP1,Happened,2025-07-30,E031\\n")
    >>> read_outcomes(p).values.tolist()
    [['P1', 'happened', '2025-07-30', 'E031']]
    """
    label = label or Path(path).name
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        return _empty()
    found = read_table_file(path, input_schema("outcomes"), corpus=corpus, label=label)
    return _empty() if found is None else found[0]


def load_outcomes(corpus=None, *, name: str = "outcomes.csv") -> pd.DataFrame:
    """Read ``<corpus>/outcomes.csv`` (empty table when absent).

    Examples
    --------
    >>> import tempfile
    >>> from briefkit.forecasts.ledger.outcomes import load_outcomes
    >>> len(load_outcomes(tempfile.mkdtemp()))
    0
    """
    path = corpus_table_path(name, corpus)
    return read_outcomes(path, label=name, corpus=path.parent if corpus is None else corpus)


def attach_outcomes(predictions: pd.DataFrame, outcomes: pd.DataFrame) -> pd.DataFrame:
    """Add ``outcome``, ``resolved_on``, ``note`` to ``predictions``; unreviewed ones are "pending".

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.ledger.outcomes import attach_outcomes
    >>> preds = pd.DataFrame({"pred_id": ["a", "b"]})
    >>> outs = pd.DataFrame({"pred_id": ["a"], "outcome": ["happened"], "resolved_on": [""], "note": [""]})
    >>> attach_outcomes(preds, outs)["outcome"].tolist()
    ['happened', 'pending']
    """
    if "pred_id" not in predictions.columns:
        require_columns(predictions, ["pred_id"], name="predictions")
    base = predictions.drop(columns=[c for c in OUTCOME_COLUMNS[1:] if c in predictions.columns])
    out = base.merge(outcomes[OUTCOME_COLUMNS], on="pred_id", how="left", validate="many_to_one")
    out["outcome"] = out["outcome"].fillna("pending")
    for c in ("resolved_on", "note"):
        out[c] = out[c].fillna("")
    return out


def orphan_outcomes(outcomes: pd.DataFrame, predictions: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``outcomes`` whose ``pred_id`` is not among ``predictions`` (never deleted; shown).

    Adds ``row`` (spreadsheet row in the file, header = 1).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.ledger.outcomes import orphan_outcomes
    >>> outs = pd.DataFrame({"pred_id": ["a", "gone"], "outcome": ["pending"] * 2,
    ...                      "resolved_on": ["", ""], "note": ["", ""]})
    >>> orphan_outcomes(outs, pd.DataFrame({"pred_id": ["a"]}))[["row", "pred_id"]].values.tolist()
    [[3, 'gone']]
    """
    known = set(predictions["pred_id"].astype(str))
    out = outcomes.reset_index(drop=True).copy()
    out.insert(0, "row", range(2, len(out) + 2))
    return out[~out["pred_id"].astype(str).isin(known)].reset_index(drop=True)


class OutcomeSync(NamedTuple):
    """Result of :func:`sync_outcomes`.

    outcomes : every existing row, unchanged, then the new pending rows.
    new : pending rows for forecasts not yet in the file (appended only if ``write``).
    orphans : existing rows whose forecast no longer exists (with their file ``row``).
    written : whether the file was changed.
    """

    outcomes: pd.DataFrame
    new: pd.DataFrame
    orphans: pd.DataFrame
    written: bool


def _header(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [c.strip() for c in next(csv.reader(fh))]


def _line_ending(path: Path) -> str:
    data = path.read_bytes()
    return "\r\n" if b"\r\n" in data else "\n"


def sync_outcomes(predictions: pd.DataFrame, path, *, write: bool = False,
                  label: str | None = None) -> OutcomeSync:
    """Compare ``predictions`` with an outcomes file; optionally append pending rows for new forecasts.

    Existing rows are never modified, reordered or dropped: with ``write=True``
    the new rows are appended after the file's last byte (a missing final
    newline is added first, in the file's own line-ending style), so the old
    content stays byte-for-byte the prefix of the new file. A missing file is
    created with a header. With ``write=False`` (default) nothing is written.

    Parameters
    ----------
    predictions : DataFrame
        Needs ``pred_id``.
    path : path-like
        The outcomes file (``outcomes.csv``).
    write : bool, default False
    label : str, optional
        File name for error messages.

    Returns
    -------
    OutcomeSync

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> from briefkit.forecasts.ledger.outcomes import sync_outcomes
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "outcomes.csv"
    >>> _ = p.write_text("pred_id,outcome,resolved_on,note\\nold,happened,2025,kept\\n")
    >>> res = sync_outcomes(pd.DataFrame({"pred_id": ["new"]}), p, write=True)
    >>> res.new["pred_id"].tolist(), res.orphans["pred_id"].tolist()
    (['new'], ['old'])
    >>> p.read_text().splitlines()[1:]
    ['old,happened,2025,kept', 'new,pending,,']
    """
    path = Path(path)
    existing = read_outcomes(path, label=label)
    if "pred_id" not in predictions.columns:
        require_columns(predictions, ["pred_id"], name="predictions")
    ids = sorted(set(predictions["pred_id"].astype(str)) - set(existing["pred_id"]))
    new = pd.DataFrame({"pred_id": pd.Series(ids, dtype="str"), "outcome": "pending",
                        "resolved_on": "", "note": ""})[OUTCOME_COLUMNS]
    orphans = orphan_outcomes(existing, predictions)
    combined = pd.concat([existing, new], ignore_index=True) if len(new) else existing
    written = False
    if write and len(new):
        has_rows = path.exists() and path.stat().st_size > 0
        eol = _line_ending(path) if has_rows else "\n"
        cols = _header(path) if has_rows else OUTCOME_COLUMNS
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator=eol)
        if not has_rows:
            writer.writerow(cols)
        for rec in new.itertuples(index=False):
            values = dict(zip(OUTCOME_COLUMNS, rec))
            writer.writerow([values.get(c, "") for c in cols])
        prefix = eol if has_rows and not path.read_bytes().endswith(b"\n") else ""
        with open(path, "a", encoding="utf-8", newline="") as fh:
            fh.write(prefix + buf.getvalue())
        written = True
    return OutcomeSync(combined, new, orphans, written)
