"""The events ledger: curated events from ``events.csv`` plus events reported in the texts.

Two sources feed one table (columns in :data:`EVENT_COLUMNS`):

* **Curated** rows come from ``events.csv`` in the corpus folder, which the
  analyst maintains (``event_id, date, date_precision, description, category,
  source[, note]``). Their ``doc_id``/``start``/``end`` are empty, ``text`` is the
  description and ``source`` is the row's own source (URLs).
* **Extracted** rows are report sentences (``sentence_type == "report"`` from
  :func:`briefkit.forecasts.detect.classify_sentences`) that carry a resolvable date
  (:func:`briefkit.forecasts.timex.find_time_expressions`, anchored at the document's
  publication date). ``source`` is ``"text:<doc_id>"`` and ``start``/``end`` are
  the sentence's character offsets into the raw file.

Dates are intervals: ``date_start`` is the first day, ``date_end`` the last day
(inclusive) of the period the date names at its precision (day, month, year).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from briefkit.dates import period_end
from briefkit.errors import CorpusError, Problem
from briefkit.corpus.manifest import resolve_file
from briefkit.paths import corpus_dir
from briefkit.corpus.tables import read_csv_table

__all__ = ["EVENT_COLUMNS", "LEDGER_COLUMNS", "PRECISIONS", "corpus_table_path", "read_ledger",
           "load_ledger", "date_interval", "interval_precision", "extract_events", "events_table"]

#: Columns of the curated ``events.csv`` (``note`` optional).
LEDGER_COLUMNS = ["event_id", "date", "date_precision", "description", "category", "source", "note"]
#: Columns of the combined events table (exported as ``events.csv``), then ``category``, ``time_text``.
EVENT_COLUMNS = ["event_id", "doc_id", "start", "end", "text", "date_start", "date_end",
                 "date_precision", "source"]
#: Date precisions allowed in the curated ledger, with the date pattern each requires.
PRECISIONS = {"day": re.compile(r"^\d{4}-\d{2}-\d{2}$"), "month": re.compile(r"^\d{4}-\d{2}$"),
              "year": re.compile(r"^\d{4}$")}
_FORMAT = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}


def corpus_table_path(name: str, corpus=None) -> Path:
    """Path of the analyst table ``name`` inside the corpus folder, checked to stay inside it.

    Examples
    --------
    >>> from briefkit.forecasts.events import corpus_table_path
    >>> corpus_table_path("events.csv").name
    'events.csv'
    """
    # one rule for every file read from a corpus: no absolute paths, no '..', no symlinks
    return resolve_file(corpus_dir(corpus), name)


def date_interval(date: str, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of ``date`` at ``precision`` ("day", "month" or "year").

    Raises ``ValueError`` when the date does not match the precision's pattern.

    Examples
    --------
    >>> from briefkit.forecasts.events import date_interval
    >>> [str(d.date()) for d in date_interval("2024-02", "month")]
    ['2024-02-01', '2024-02-29']
    """
    if precision not in PRECISIONS:
        raise ValueError(f"date_precision must be one of {sorted(PRECISIONS)}, got {precision!r}")
    if not PRECISIONS[precision].match(date):
        raise ValueError(f"date {date!r} does not match date_precision {precision!r} "
                         f"(expected {_FORMAT[precision]})")
    try:
        if precision == "day":
            start = pd.Timestamp(date)
            return start, start
        if precision == "month":
            start = pd.Timestamp(date + "-01")
            return start, start + pd.offsets.MonthEnd(0)
        start = pd.Timestamp(date + "-01-01")
        return start, pd.Timestamp(date + "-12-31")
    except (ValueError, OverflowError) as err:
        raise ValueError(f"date {date!r} is not a valid calendar date ({err})") from None


def _empty_ledger() -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series(dtype="str") for c in LEDGER_COLUMNS})
    out["date_start"] = pd.Series(dtype="datetime64[ns]")
    out["date_end"] = pd.Series(dtype="datetime64[ns]")
    return out


def read_ledger(path, *, label: str | None = None) -> pd.DataFrame:
    """Read and validate a curated events ledger (``events.csv``).

    Checks: required columns present; ``event_id`` non-empty and unique;
    ``date_precision`` one of day/month/year; ``date`` a valid date at that
    precision; ``description`` non-empty. All problems are reported at once in
    a :class:`~briefkit.errors.CorpusError` naming file and row (header = row 1).

    Parameters
    ----------
    path : path-like
        The CSV file (UTF-8).
    label : str, optional
        File name used in error messages (defaults to ``path``).

    Returns
    -------
    DataFrame
        The ledger's columns (``note`` added empty if absent, extra columns kept)
        plus ``date_start``, ``date_end`` (Timestamps, inclusive), sorted by
        ``date_start`` then ``event_id``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from briefkit.forecasts.events import read_ledger
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "events.csv"
    >>> _ = p.write_text("event_id,date,date_precision,description,category,source\\n"
    ...                  "E1,2025-07,month,Tariff deal,trade,https://example.org\\n")
    >>> read_ledger(p)[["event_id", "date_end"]].astype(str).values.tolist()
    [['E1', '2025-07-31']]
    """
    label = label or str(path)
    if not Path(path).exists():
        raise CorpusError([Problem(label, None, "file not found")])
    raw, numbers = read_csv_table(path, label=label)
    raw.columns = [str(c).strip() for c in raw.columns]
    missing = [c for c in LEDGER_COLUMNS[:-1] if c not in raw.columns]
    if missing:
        raise CorpusError([Problem(label, None, f"missing column(s) {missing}; "
                                   f"required: {LEDGER_COLUMNS[:-1]} (note optional)")])
    if "note" not in raw.columns:
        raw["note"] = ""
    raw = raw.apply(lambda col: col.str.strip())
    problems, starts, ends, seen = [], [], [], {}
    for row, rec in zip(numbers, raw.itertuples(index=False)):
        eid = rec.event_id
        if not eid:
            problems.append(Problem(label, row, "empty event_id"))
        elif eid in seen:
            problems.append(Problem(label, row, f"duplicate event_id {eid!r} (first on row {seen[eid]})"))
        else:
            seen[eid] = row
        if not rec.description:
            problems.append(Problem(label, row, "empty description"))
        try:
            start, end = date_interval(rec.date, rec.date_precision)
        except ValueError as err:
            problems.append(Problem(label, row, str(err)))
            start = end = pd.NaT
        starts.append(start)
        ends.append(end)
    if problems:
        raise CorpusError(problems)
    if raw.empty:
        return _empty_ledger()
    raw["date_start"] = pd.to_datetime(pd.Series(starts, index=raw.index))
    raw["date_end"] = pd.to_datetime(pd.Series(ends, index=raw.index))
    return raw.sort_values(["date_start", "event_id"], kind="stable").reset_index(drop=True)


def load_ledger(corpus=None, *, name: str = "events.csv") -> pd.DataFrame:
    """Read ``<corpus>/events.csv``; an absent file gives an empty ledger (same columns).

    Examples
    --------
    >>> import tempfile
    >>> from briefkit.forecasts.events import load_ledger
    >>> len(load_ledger(tempfile.mkdtemp()))
    0
    """
    path = corpus_table_path(name, corpus)
    if not path.exists():
        return _empty_ledger()
    return read_ledger(path, label=name)


def _event_id(doc_id: str, text: str, date_start) -> str:
    norm = " ".join(str(text).lower().split())
    key = f"{doc_id}\x1f{norm}\x1f{pd.Timestamp(date_start).date()}"
    return "X" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def interval_precision(start, end) -> str:
    """Name the precision of an inclusive date interval: day, month, year, else "range".

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.events import interval_precision
    >>> T = pd.Timestamp
    >>> [interval_precision(T("2025-07-01"), T(e)) for e in ("2025-07-01", "2025-07-31", "2025-07-07")]
    ['day', 'month', 'range']
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if start == end:
        return "day"
    if start.day == 1 and end == start + pd.offsets.MonthEnd(0):
        return "month"
    if (start.month, start.day) == (1, 1) and end == pd.Timestamp(year=start.year, month=12, day=31):
        return "year"
    return "range"


def extract_events(sents: pd.DataFrame, docs: pd.DataFrame, *, find_time_expressions=None,
                   past_only: bool = True, max_span_days: int = 366) -> pd.DataFrame:
    """Reported events: report sentences that carry a resolvable date.

    One event per sentence: of the sentence's resolved time expressions the
    narrowest interval dates it (ties: the first in the sentence). Intervals
    longer than ``max_span_days`` ("over the last decade", "since 2008") name
    periods, not events, and are ignored. With ``past_only`` (default) an event
    starting after the end of the document's publication period is dropped: a
    report cannot describe something that had not happened yet. Heading
    sentences are skipped. ``date_precision`` is named from the interval
    (:func:`interval_precision`).

    Parameters
    ----------
    sents : DataFrame
        Classified sentences: ``doc_id, sent_id, start, end, text, sentence_type``
        (``is_heading`` optional), as returned by ``classify_sentences``.
    docs : DataFrame
        ``doc_id, published, date_precision`` (the time-expression anchor).
    find_time_expressions : callable, optional
        ``f(text, *, anchor, anchor_precision) -> DataFrame`` with ``text,
        date_start, date_end, precision, resolved``; defaults to
        :func:`briefkit.forecasts.timex.find_time_expressions`.
    past_only : bool, default True
    max_span_days : int, default 366

    Returns
    -------
    DataFrame
        :data:`EVENT_COLUMNS` plus ``category`` ("" for extracted rows) and
        ``time_text`` (the dating expression), sorted by ``doc_id, start``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.events import extract_events
    >>> sents = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [0], "end": [20],
    ...     "text": ["Talks began in 2024."], "sentence_type": ["report"]})
    >>> docs = pd.DataFrame({"doc_id": ["d"], "published": [pd.Timestamp("2025-01-01")],
    ...     "date_precision": ["day"]})
    >>> fake = lambda t, **k: pd.DataFrame({"text": ["2024"], "date_start": [pd.Timestamp("2024-01-01")],
    ...     "date_end": [pd.Timestamp("2024-12-31")], "precision": ["year"], "resolved": [True]})
    >>> extract_events(sents, docs, find_time_expressions=fake)[["source", "date_precision"]].values.tolist()
    [['text:d', 'year']]
    """
    for name, frame, cols in (("sents", sents, ["doc_id", "start", "end", "text", "sentence_type"]),
                              ("docs", docs, ["doc_id", "published"])):
        missing = [c for c in cols if c not in frame.columns]
        if missing:
            raise KeyError(f"{name} lacks column(s) {missing}; "
                           + ("classify the sentences first (briefkit.forecasts.detect.classify_sentences)"
                              if "sentence_type" in missing else "pass the documents table"))
    if find_time_expressions is None:
        from briefkit.forecasts.timex import find_time_expressions
    meta = docs.set_index(docs["doc_id"].astype(str))
    reports = sents[sents["sentence_type"].astype(str) == "report"]
    if "is_heading" in reports.columns:
        reports = reports[~reports["is_heading"].astype(bool)]
    rows = []
    for rec in reports.itertuples(index=False):
        doc_id = str(rec.doc_id)
        published = meta["published"].get(doc_id, pd.NaT)
        prec = str(meta["date_precision"].get(doc_id, "")) if "date_precision" in meta.columns else ""
        anchor = None if pd.isna(published) else pd.Timestamp(published)
        tx = find_time_expressions(str(rec.text), anchor=anchor, anchor_precision=prec)
        if tx is None or len(tx) == 0:
            continue
        tx = tx[tx["resolved"].astype(bool) & tx["date_start"].notna()].copy()
        if past_only and anchor is not None:
            tx = tx[pd.to_datetime(tx["date_start"]) <= period_end(anchor, prec or "day")]
        if tx.empty:
            continue
        tx = tx.reset_index(drop=True)
        tx["date_end"] = pd.to_datetime(tx["date_end"]).fillna(pd.to_datetime(tx["date_start"]))
        tx["_span"] = (pd.to_datetime(tx["date_end"]) - pd.to_datetime(tx["date_start"])).dt.days
        tx = tx[(tx["_span"] >= 0) & (tx["_span"] <= max_span_days)]
        if tx.empty:
            continue
        best = tx.sort_values("_span", kind="stable").iloc[0]
        date_start, date_end = pd.Timestamp(best["date_start"]), pd.Timestamp(best["date_end"])
        rows.append({"event_id": _event_id(doc_id, rec.text, date_start), "doc_id": doc_id,
                     "start": int(rec.start), "end": int(rec.end), "text": str(rec.text),
                     "date_start": date_start, "date_end": date_end,
                     "date_precision": interval_precision(date_start, date_end), "source": f"text:{doc_id}",
                     "category": "", "time_text": str(best["text"])})
    cols = EVENT_COLUMNS + ["category", "time_text"]
    if not rows:
        return _typed_events(pd.DataFrame(columns=cols))
    out = pd.DataFrame(rows, columns=cols)
    return _typed_events(out.sort_values(["doc_id", "start", "event_id"], kind="stable"))


def _typed_events(df: pd.DataFrame) -> pd.DataFrame:
    df = df.reset_index(drop=True)
    for c in ("event_id", "doc_id", "text", "date_precision", "source", "category", "time_text"):
        df[c] = df[c].astype("str") if len(df) else pd.Series(dtype="str")
    for c in ("start", "end"):
        df[c] = pd.array(df[c], dtype="Int64")
    for c in ("date_start", "date_end"):
        df[c] = pd.to_datetime(df[c]) if len(df) else pd.Series(dtype="datetime64[ns]")
    return df


def events_table(ledger: pd.DataFrame, extracted: pd.DataFrame | None = None) -> pd.DataFrame:
    """Combine the curated ledger and extracted events into one table.

    Curated rows: ``doc_id`` "" and ``start``/``end`` missing, ``text`` = description,
    ``source`` = the ledger's source. Sorted by ``date_start`` then ``event_id``.
    Raises ``ValueError`` if an ``event_id`` occurs in both.

    Returns
    -------
    DataFrame
        :data:`EVENT_COLUMNS` + ``category``, ``time_text``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.events import events_table
    >>> led = pd.DataFrame({"event_id": ["E1"], "date_precision": ["day"], "description": ["Deal"],
    ...     "category": ["trade"], "source": ["https://x"], "date_start": [pd.Timestamp("2025-07-30")],
    ...     "date_end": [pd.Timestamp("2025-07-30")]})
    >>> events_table(led)[["event_id", "text", "source"]].values.tolist()
    [['E1', 'Deal', 'https://x']]
    """
    cur = pd.DataFrame({"event_id": ledger["event_id"].astype(str), "doc_id": "",
                        "start": pd.NA, "end": pd.NA, "text": ledger["description"].astype(str),
                        "date_start": ledger["date_start"], "date_end": ledger["date_end"],
                        "date_precision": ledger["date_precision"].astype(str),
                        "source": ledger["source"].astype(str),
                        "category": ledger["category"].astype(str), "time_text": ""})
    parts = [cur] if extracted is None or extracted.empty else [cur, extracted[cur.columns]]
    parts = [p for p in parts if len(p)]
    if not parts:
        return _typed_events(pd.DataFrame(columns=list(cur.columns)))
    out = pd.concat(parts, ignore_index=True)
    dup = out["event_id"][out["event_id"].duplicated()]
    if len(dup):
        raise ValueError(f"event_id(s) {sorted(set(dup))} occur in both the ledger and the extracted events")
    return _typed_events(out.sort_values(["date_start", "event_id"], kind="stable"))
