"""Forecast rows: one per forecast sentence, with a stable id, probability band and horizon.

Stated forecasts (``modality = "epistemic"``) come from sentences :func:`classify_sentences`
types as forecasts.  *Implied* forecasts (``modality = "implied"``) are the future situations a
recommendation presupposes: its condition ("in case of a nuclear freeze agreement") or what it
prepares for ("must prepare for economic shocks from early negotiations").  They are listed with
Kent's non-committal band (point 0.5), so they never enter a hit rate, and the scorecard scores
them only when the analyst says so (``score_implied=True`` or a resolved outcome in
``outcomes.csv``; see :mod:`briefkit.forecasts.scoring.scorecard`).
"""

from __future__ import annotations

import re

import pandas as pd

from briefkit.errors import require_columns
from briefkit.forecasts.detection.detect import check_sents, classify_sentences
from briefkit.forecasts.detection.modality import implied_span
from briefkit.forecasts.detection.yardstick import band

__all__ = ["pred_id", "predictions", "PREDICTION_COLUMNS"]

PREDICTION_COLUMNS = ["pred_id", "doc_id", "sent_id", "start", "end", "text", "cue", "modality",
                      "conditional", "condition", "subject", "p_low", "p_point", "p_high",
                      "horizon_start", "horizon_end"]
_NORM_MARKUP = re.compile(r"[*_`#>\[\]]+")


def pred_id(doc_id: str, text: str) -> str:
    """Stable prediction id: ``"P" + sha1(doc_id + "\\x1f" + normalized text)[:10]``.

    The text is lower-cased, markdown emphasis and brackets removed, whitespace
    collapsed and trailing punctuation stripped, so re-segmentation that only
    changes spacing keeps the id.

    Examples
    --------
    >>> from briefkit.forecasts.detection.predict import pred_id
    >>> pred_id("d1", "He  will drop it.") == pred_id("d1", "he will drop it")
    True
    """
    import hashlib

    norm = _NORM_MARKUP.sub("", str(text)).lower()
    norm = " ".join(norm.split()).rstrip(" .!?;:,")
    return "P" + hashlib.sha1(f"{doc_id}\x1f{norm}".encode("utf-8")).hexdigest()[:10]


def predictions(sents: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """Return one row per forecast sentence, with probability band and time horizon.

    Parameters
    ----------
    sents : pandas.DataFrame
        Sentences table (``doc_id, sent_id, start, end, text`` and ideally ``is_heading``).
    docs : pandas.DataFrame
        Corpus table with ``doc_id, published`` (Timestamp or NaT) and
        ``date_precision`` ("day" | "month" | "year" | ""); ``raw_text`` or
        ``clean_text`` if present give context for named periods ("the remaining term").

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PREDICTION_COLUMNS` then ``sentence_type, negated,
        yardstick_term, actor, topic, clause, horizon_precision, horizon_text,
        n_occurrences``.  ``pred_id``
        depends only on the document and the normalized sentence; a sentence repeated
        verbatim in one document (a pull quote) is one prediction, the first
        occurrence kept and ``n_occurrences`` counting the copies.  The horizon is
        built from the sentence's time expressions resolved against the document's
        publication date (see :func:`briefkit.forecasts.timex.find.horizon`): it starts at
        the publication date unless the sentence names a later start and ends at the
        latest future-facing expression; ``horizon_end`` NaT means open-ended.
        Probabilities refer to the positive event (negation removed).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.detection.predict import predictions
    >>> s = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [0], "end": [30],
    ...     "text": ["Tariffs will rise by 2030."]})
    >>> d = pd.DataFrame({"doc_id": ["d"], "published": [pd.Timestamp("2025-03-01")],
    ...     "date_precision": ["month"]})
    >>> p = predictions(s, d)
    >>> float(p.at[0, "p_point"]), str(p.at[0, "horizon_end"].date())
    (0.875, '2030-12-31')
    """
    from briefkit.forecasts.timex.find import horizon

    check_sents(sents)
    require_columns(sents, ["start", "end"], name="sents")
    if not isinstance(docs, pd.DataFrame):
        raise TypeError("docs must be a DataFrame with columns doc_id, published, date_precision")
    require_columns(docs, ["doc_id", "published", "date_precision"], name="docs")
    dup = sorted(docs.loc[docs["doc_id"].duplicated(), "doc_id"].astype(str).unique())
    if dup:
        raise ValueError(f"docs has duplicate doc_id values: {dup[:5]}")
    unknown = sorted(set(sents["doc_id"]) - set(docs["doc_id"]))
    if unknown:
        raise ValueError(f"sents has doc_id values not in docs: {unknown[:5]}")
    cls = classify_sentences(sents, docs=docs)
    fc = _forecast_rows(cls)
    meta = docs.set_index("doc_id")
    ctx_col = next((c for c in ("clean_text", "raw_text") if c in docs.columns), None)
    records = []
    for _, row in fc.iterrows():
        d = meta.loc[row["doc_id"]]
        prec = d["date_precision"] if isinstance(d["date_precision"], str) else ""
        context = d[ctx_col] if ctx_col and isinstance(d[ctx_col], str) else row["text"]
        h = horizon(row["clause"] if row["modality"] == "implied" else row["text"], anchor=d["published"], anchor_precision=prec, context=context)
        records.append({
            "pred_id": pred_id(row["doc_id"], row["text"]), "doc_id": row["doc_id"],
            "sent_id": int(row["sent_id"]), "start": int(row["start"]), "end": int(row["end"]),
            "text": row["text"], "cue": row["cue"], "modality": row["modality"],
            "conditional": bool(row["conditional"]),
            "condition": row["condition"], "subject": row["subject"], "p_low": row["p_low"],
            "p_point": row["p_point"], "p_high": row["p_high"],
            "horizon_start": h["horizon_start"], "horizon_end": h["horizon_end"],
            "sentence_type": row["sentence_type"], "negated": bool(row["negated"]),
            "yardstick_term": row["yardstick_term"], "actor": row["actor"], "topic": row["topic"],
            "clause": row["clause"],
            "horizon_precision": h["horizon_precision"], "horizon_text": h["horizon_text"],
        })
    cols = PREDICTION_COLUMNS + ["sentence_type", "negated", "yardstick_term", "actor", "topic",
                                 "clause", "horizon_precision", "horizon_text", "n_occurrences"]
    if not records:
        dtypes = {"sent_id": "int64", "start": "int64", "end": "int64", "conditional": bool,
                  "negated": bool, "p_low": float, "p_point": float, "p_high": float,
                  "horizon_start": "datetime64[ns]", "horizon_end": "datetime64[ns]",
                  "n_occurrences": "int64"}
        return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "str")) for c in cols})
    out = pd.DataFrame.from_records(records)
    out["n_occurrences"] = out.groupby("pred_id")["pred_id"].transform("size").astype("int64")
    out = out.drop_duplicates("pred_id", keep="first").reset_index(drop=True)
    for c in ("horizon_start", "horizon_end"):
        out[c] = pd.to_datetime(out[c]).astype("datetime64[ns]")
    return out[cols]



def _forecast_rows(cls: pd.DataFrame) -> pd.DataFrame:
    """Stated forecasts plus the forecasts implied by recommendations, in document order."""
    fc = cls[cls["sentence_type"] == "forecast"].copy()
    fc["clause"] = [t[a:b] for t, a, b in zip(fc["text"], fc["clause_start"], fc["clause_end"])]
    rec = cls[(cls["sentence_type"] == "recommendation") & (cls["rec_modality"] == "deontic")]
    rows = []
    lo, pt, hi = band("possible (Kent)")
    for idx, r in rec.iterrows():
        span = implied_span(r["text"])
        if span is None and not r["conditional"]:
            continue
        clause = r["text"][span[0]:span[1]] if span else r["condition"]
        rows.append({**r.to_dict(), "modality": "implied", "clause": clause, "p_low": lo,
                     "p_point": pt, "p_high": hi, "negated": False,
                     "yardstick_term": "possible (Kent)"})
    if rows:
        fc = pd.concat([fc, pd.DataFrame(rows, index=[f"i{i}" for i in range(len(rows))])])
    return fc.sort_values(["doc_id", "sent_id"], kind="stable")
