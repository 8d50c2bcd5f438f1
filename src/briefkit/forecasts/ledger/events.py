"""The events ledger: curated events from ``events.csv`` plus events reported in the texts.

Two sources feed one table (columns in :data:`EVENT_COLUMNS`):

* **Curated** rows come from ``events.csv`` in the corpus folder, which the
  analyst maintains (``event_id, date, date_precision, description, category,
  source[, note]``). Their ``doc_id``/``start``/``end`` are empty, ``text`` is the
  description and ``source`` is the row's own source (URLs).
* **Extracted** rows are event mentions: the clause around every past time expression of
  any sentence (:func:`extract_events`; expressions from
  :func:`briefkit.forecasts.timex.find.find_time_expressions`, anchored at the document's
  publication date). ``source`` is ``"text:<doc_id>"``, ``start``/``end`` are the
  sentence's character offsets into the raw file and ``sentence_type`` says what kind of
  sentence the mention sits in.

Dates are intervals: ``date_start`` is the first day, ``date_end`` the last day
(inclusive) of the period the date names at its precision (day, month, year).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from briefkit.dates import interval_precision, parse_date, period_end
from briefkit.errors import CorpusError, Problem, require_columns
from briefkit.inputs.files import curated_path, path_problem
from briefkit.inputs.schemas import input_schema
from briefkit.inputs.tables import read_table_file
from briefkit.paths import corpus_dir

__all__ = ["EVENT_COLUMNS", "LEDGER_COLUMNS", "PRECISIONS", "corpus_table_path", "read_ledger",
           "load_ledger", "date_interval", "interval_precision", "extract_events", "events_table"]

#: Columns of the curated ``events.csv`` (``note`` optional; ``forecasts/inputs.toml`` [events]).
LEDGER_COLUMNS = ["event_id", "date", "date_precision", "description", "category", "source", "note"]
#: Columns of the combined events table (exported as ``events.csv``), then ``category``, ``time_text``.
EVENT_COLUMNS = ["event_id", "doc_id", "start", "end", "text", "date_start", "date_end",
                 "date_precision", "source"]
#: Date precisions allowed in the curated ledger.
PRECISIONS = ("day", "month", "year")
_FORMAT = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}


def corpus_table_path(name: str, corpus=None) -> Path:
    """Path of the analyst table ``name`` inside the corpus folder, checked to stay inside it.

    The path need not exist; an existing one is checked as every curated file is
    (:func:`briefkit.inputs.files.curated_path`).

    Examples
    --------
    >>> from briefkit.forecasts.ledger.events import corpus_table_path
    >>> corpus_table_path("events.csv").name
    'events.csv'
    """
    root = corpus_dir(corpus)
    bad = path_problem(name)
    if bad:
        raise CorpusError([Problem(name, None, bad)])
    return curated_path(root, name) or root / name


def date_interval(date: str, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of ``date`` at ``precision`` ("day", "month" or "year").

    Raises ``ValueError`` when the date is not a date (:func:`briefkit.dates.parse_date`) or
    its form does not match the precision.

    Examples
    --------
    >>> from briefkit.forecasts.ledger.events import date_interval
    >>> [str(d.date()) for d in date_interval("2024-02", "month")]
    ['2024-02-01', '2024-02-29']
    """
    if precision not in PRECISIONS:
        raise ValueError(f"date_precision must be one of {list(PRECISIONS)}, got {precision!r}")
    try:
        start, end, found = parse_date(date, empty_ok=False)
    except ValueError as err:
        raise ValueError(f"date {date!r} is not a valid calendar date ({err})") from None
    if found != precision:
        raise ValueError(f"date {date!r} does not match date_precision {precision!r} "
                         f"(expected {_FORMAT[precision]})")
    return start, end


def _empty_ledger() -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series(dtype="str") for c in LEDGER_COLUMNS})
    out["date_start"] = pd.Series(dtype="datetime64[ns]")
    out["date_end"] = pd.Series(dtype="datetime64[ns]")
    return out


def _date_fits(row: dict) -> list[str]:
    """The ledger's own row check: the date has the form its precision names."""
    if not row["date"] or row["date_precision"] not in PRECISIONS:
        return []  # already a problem of the schema
    try:
        date_interval(row["date"], row["date_precision"])
    except ValueError as err:
        return [] if "not a valid calendar date" in str(err) else [str(err)]
    return []


def read_ledger(path, *, label: str | None = None, corpus=None) -> pd.DataFrame:
    """Read and validate a curated events ledger (``events.csv``) by its schema.

    Checks (``forecasts/inputs.toml`` [events]): required columns present; ``event_id``
    non-empty and unique; ``date_precision`` one of day/month/year; ``date`` a valid date of
    that precision's form; ``description`` non-empty. All problems are reported at once in a
    :class:`~briefkit.errors.CorpusError` naming file and row (header = row 1).

    Parameters
    ----------
    path : path-like
        The CSV file (UTF-8), a regular file inside ``corpus`` (default: the folder holding it).
    label : str, optional
        File name used in error messages (defaults to the file's name).
    corpus : path-like, optional

    Returns
    -------
    DataFrame
        The ledger's columns (``note`` added empty if absent, extra columns kept)
        plus ``date_start``, ``date_end`` (Timestamps, inclusive), sorted by
        ``date_start`` then ``event_id``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from briefkit.forecasts.ledger.events import read_ledger
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "events.csv"
    >>> _ = p.write_text("event_id,date,date_precision,description,category,source\\n"
    ...                  "E1,2025-07,month,Tariff deal,trade,https://example.org\\n")
    >>> read_ledger(p)[["event_id", "date_end"]].astype(str).values.tolist()
    [['E1', '2025-07-31']]
    """
    label = label or Path(path).name
    found = read_table_file(path, input_schema("events"), corpus=corpus, label=label, check=_date_fits)
    if found is None:
        raise CorpusError([Problem(label, None, "file not found")])
    raw, _ = found
    if raw.empty:
        return _empty_ledger()
    spans = [date_interval(d, p) for d, p in zip(raw["date"], raw["date_precision"])]
    raw["date_start"] = pd.to_datetime(pd.Series([s for s, _ in spans], index=raw.index))
    raw["date_end"] = pd.to_datetime(pd.Series([e for _, e in spans], index=raw.index))
    return raw.sort_values(["date_start", "event_id"], kind="stable").reset_index(drop=True)


def load_ledger(corpus=None, *, name: str = "events.csv") -> pd.DataFrame:
    """Read ``<corpus>/events.csv``; an absent file gives an empty ledger (same columns).

    Examples
    --------
    >>> import tempfile
    >>> from briefkit.forecasts.ledger.events import load_ledger
    >>> len(load_ledger(tempfile.mkdtemp()))
    0
    """
    root = corpus_dir(corpus)
    if curated_path(root, name) is None:
        return _empty_ledger()
    return read_ledger(root / name, label=name, corpus=root)


def _event_id(doc_id: str, text: str, date_start) -> str:
    norm = " ".join(str(text).lower().split())
    key = f"{doc_id}\x1f{norm}\x1f{pd.Timestamp(date_start).date()}"
    return "X" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


_CLAUSE_DELIM = re.compile(r"[;:()\[\]—–]|,(?!\s*\d{4}\b)")
_MODAL_CLAUSE = re.compile(r"\b(?:will|would|shall|going\s+to|may|might|could|should|must|"
                           r"expected\s+to|likely\s+to)\b|['’]ll\b", re.I)
_MIN_CLAUSE = 25  # a clause shorter than this ("(2018-2019)") takes its whole sentence


def _clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the clause holding ``text[start:end]``: between the nearest delimiters."""
    lo = 0
    for m in _CLAUSE_DELIM.finditer(text, max(0, start - 300), start):
        lo = m.end()
    nxt = _CLAUSE_DELIM.search(text, end, end + 300)
    hi = nxt.start() if nxt else len(text)
    if len(text[lo:hi].strip()) < _MIN_CLAUSE:
        return 0, len(text)
    return lo, hi


def extract_events(sents: pd.DataFrame, docs: pd.DataFrame, *, find_time_expressions=None,
                   past_only: bool = True, max_span_days: int = 731) -> pd.DataFrame:
    """Event mentions: every time expression that places something in the past, in any sentence.

    Whatever the sentence's type (report, forecast, recommendation, other), each resolved time
    expression that lies in the past anchors an event mention: its clause (the text between the
    nearest , ; : ( ) — – around it; the whole sentence when that is shorter than 25
    characters, as for "(2018-2019)").  Several expressions in one clause give one event, dated
    by the narrowest.  Ranges and spans keep their precision: "2018-2019" and "throughout 2018
    and 2019" are a two-year interval, "late 2023" September-December, "early March" days 1-10.

    *Past* means: the interval starts no later than the end of the document's publication
    period (``past_only``), and, in a clause with a modal or future marker (will, would, may,
    could, should, must, expected to ...), ends before the publication period starts ("South
    Korea should act before the 2026 midterms" dates no event; "as in 2019, Trump will ..."
    does).  Windows that run past publication ("by 2030") are never events.  Intervals longer
    than ``max_span_days`` (two years) name periods, not events.  Headings are skipped.

    Parameters
    ----------
    sents : DataFrame
        Classified sentences: ``doc_id, sent_id, start, end, text, sentence_type``
        (``is_heading`` optional), as returned by ``classify_sentences``.
    docs : DataFrame
        ``doc_id, published, date_precision`` (the time-expression anchor).
    find_time_expressions : callable, optional
        ``f(text, *, anchor, anchor_precision) -> DataFrame`` with ``start, end, text, kind,
        date_start, date_end, precision, resolved``; defaults to
        :func:`briefkit.forecasts.timex.find.find_time_expressions`.
    past_only : bool, default True
    max_span_days : int, default 731

    Returns
    -------
    DataFrame
        :data:`EVENT_COLUMNS` plus ``category`` ("" for extracted rows), ``time_text`` (the
        dating expression) and ``sentence_type`` (of the sentence it came from), sorted by
        ``doc_id, start``.  ``start``/``end`` are the sentence's offsets in the raw file;
        ``text`` is the clause.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.ledger.events import extract_events
    >>> sents = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [0], "end": [60],
    ...     "text": ["Seoul must recall how the talks of 2018-2019 collapsed."],
    ...     "sentence_type": ["recommendation"]})
    >>> docs = pd.DataFrame({"doc_id": ["d"], "published": [pd.Timestamp("2025-01-01")],
    ...     "date_precision": ["day"]})
    >>> extract_events(sents, docs)[["time_text", "date_precision", "sentence_type"]].values.tolist()
    [['2018-2019', 'range', 'recommendation']]
    """
    require_columns(sents, ["doc_id", "start", "end", "text", "sentence_type"], name="sents")
    require_columns(docs, ["doc_id", "published"], name="docs")
    if find_time_expressions is None:
        from briefkit.forecasts.timex.find import find_time_expressions
    meta = docs.set_index(docs["doc_id"].astype(str))
    use = sents
    if "is_heading" in use.columns:
        use = use[~use["is_heading"].astype(bool)]
    rows = []
    for rec in use.itertuples(index=False):
        rows.extend(_sentence_events(rec, meta, find_time_expressions, past_only, max_span_days))
    cols = EVENT_COLUMNS + ["category", "time_text", "sentence_type"]
    if not rows:
        return _typed_events(pd.DataFrame(columns=cols))
    out = pd.DataFrame(rows, columns=cols).drop_duplicates("event_id", keep="first")
    return _typed_events(out.sort_values(["doc_id", "start", "event_id"], kind="stable"))


def _sentence_events(rec, meta, find, past_only: bool, max_span_days: int) -> list[dict]:
    doc_id, text = str(rec.doc_id), str(rec.text)
    published = meta["published"].get(doc_id, pd.NaT)
    prec = str(meta["date_precision"].get(doc_id, "")) if "date_precision" in meta.columns else ""
    anchor = None if pd.isna(published) else pd.Timestamp(published)
    tx = find(text, anchor=anchor, anchor_precision=prec)
    if tx is None or len(tx) == 0:
        return []
    tx = tx[tx["resolved"].astype(bool) & tx["date_start"].notna() & tx["date_end"].notna()]
    if "kind" in tx.columns:
        tx = tx[tx["kind"].astype(str) != "window"]
    pub_start = pd.Timestamp(anchor) if anchor is not None else None
    pub_end = period_end(anchor, prec or "day") if anchor is not None else None
    best: dict[tuple[int, int], dict] = {}
    for t in tx.itertuples(index=False):
        ds, de = pd.Timestamp(t.date_start), pd.Timestamp(t.date_end)
        span = (de - ds).days
        if span < 0 or span > max_span_days:
            continue
        s0 = int(getattr(t, "start", 0))
        s1 = int(getattr(t, "end", len(text)))
        lo, hi = _clause_around(text, s0, s1)
        if past_only and pub_end is not None:
            if ds > pub_end or (_MODAL_CLAUSE.search(text[lo:hi]) and de >= pub_start):
                continue
        key = (lo, hi)
        if key not in best or span < best[key]["span"]:
            best[key] = {"span": span, "ds": ds, "de": de, "time_text": str(t.text)}
    out = []
    for (lo, hi), b in sorted(best.items()):
        clause = text[lo:hi].strip(" ,.;:\"'“”")
        out.append({"event_id": _event_id(doc_id, clause, b["ds"]), "doc_id": doc_id,
                    "start": int(rec.start), "end": int(rec.end), "text": clause,
                    "date_start": b["ds"], "date_end": b["de"],
                    "date_precision": interval_precision(b["ds"], b["de"]), "source": f"text:{doc_id}",
                    "category": "", "time_text": b["time_text"],
                    "sentence_type": str(rec.sentence_type)})
    return out


def _typed_events(df: pd.DataFrame) -> pd.DataFrame:
    df = df.reset_index(drop=True)
    for c in ("event_id", "doc_id", "text", "date_precision", "source", "category", "time_text",
              "sentence_type"):
        if c not in df.columns:
            df[c] = ""
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
    >>> from briefkit.forecasts.ledger.events import events_table
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
                        "category": ledger["category"].astype(str), "time_text": "",
                        "sentence_type": ""})
    parts = [cur] if extracted is None or extracted.empty else [cur, extracted[cur.columns]]
    parts = [p for p in parts if len(p)]
    if not parts:
        return _typed_events(pd.DataFrame(columns=list(cur.columns)))
    out = pd.concat(parts, ignore_index=True)
    dup = out["event_id"][out["event_id"].duplicated()]
    if len(dup):
        raise ValueError(f"event_id(s) {sorted(set(dup))} occur in both the ledger and the extracted events")
    return _typed_events(out.sort_values(["date_start", "event_id"], kind="stable"))
