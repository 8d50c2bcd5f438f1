"""Classify sentences as forecast, report, recommendation or other; extract forecasts.

Rules, not a trained model: every decision can be traced to a cue in
``data/forecast_cues.csv`` (forecast and recommendation cues, each mapped to a
yardstick term of :mod:`briefkit.forecasts.detection.yardstick`) or to the report grammar below.

Sentence types
--------------
forecast
    A clause states what will (or probably will) happen, or gives an estimative
    judgment ("Trump probably does not want to fight"), in the author's voice:
    will/won't/going to, would, may/might/could, likely/probably/possible,
    (is) expected to, we expect, it is unclear whether ...
recommendation
    A prescription addressed to an actor: should, must, ought to, need(s) to,
    has/have to, it is necessary/important/essential ... to, "could consider".
report
    A past or present event: past tense (agreed, announced, fell, was),
    present perfect (have been postponed, has ordered), present progressive
    (is facing). A modal forecast attributed to someone else with a reporting
    verb ("Trump claimed that he could ...", "has made it clear that the US
    will ...") is a report of what they said, not the author's forecast.
other
    Everything else: headings, questions, generic present-tense description,
    counterfactuals ("would have fought").

Precedence when one sentence has several clause types: forecast > report >
recommendation > other.  A forecast or a dated event is the checkable claim of
the sentence, so it wins over an accompanying prescription ("Tariffs have been
postponed for 90 days, but efforts must be made ..." is a report).  Cues inside
an if-clause do not count ("If South Korea could provide ..., South Korea could
establish ..." takes the second "could").  When several forecast cues remain,
the first in reading order sets the band ("it is highly likely that agencies
will not act" -> very likely, negated).  "will have to" / "will need to" are
forecasts (a prediction that a constraint will bind), because "will" comes first.

Decisions on bands (see the ``note`` column of the cue lexicon)
---------------------------------------------------------------
* unhedged *will* -> ICD 203 "very likely" (80-95 %): a commitment, but ICD 203
  reserves 95-99 % for explicit "almost certain(ly)";
* *would* -> "likely" (55-80 %), a softened or conditional *will*;
* *may / might / could / possible* -> Kent's "general area of possibility"
  (2-99 %, point 50 %): Kent gives "possible" no probability;
* *expected to*, *likely*, *probably* -> "likely"; *almost certainly* ->
  "almost certain"; *unlikely* -> "unlikely"; *it is unclear whether* ->
  "roughly even chance";
* negation (not, n't, never, no longer, cannot) next to the cue, or inside the
  that-clause of a frame ("likely that X will not"), complements the band: p always
  refers to the positive event (see :mod:`briefkit.forecasts.detection.yardstick`); lexically negative
  terms (unlikely, almost certainly not) are not complemented again.  Conditional
  forecasts keep the band of their cue; it is a probability *given* the condition.
* *can* is not a forecast cue (mostly ability or generic possibility).

Other rules (general English grammar, not tuned to any corpus)
--------------------------------------------------------------
* Not the author's forecast: a cue after a reporting or attitude verb (said,
  claimed, announced, made it clear, thought, hoped, wanted, wished ...) in the
  same clause; a cue inside an embedded wh-question ("the question of who will
  bear the costs"); "would/could/might have + participle" (counterfactual);
  "will" as a noun ("political will"); "May" as a month; "as soon as possible".
* Conditions: if / unless / provided that / as long as / in case (of), inverted
  "Were X elected, ..." / "Had ..." / "Should ...", and anaphoric "In that case".
  A leading condition runs to its comma (or, without one, to the last modal);
  a trailing one to the end of the sentence.  ``condition`` joins several with "; ".
* Cues in parentheses, dash asides or a leading premise clause ("Given that ...,",
  "While ...,", "Although ...,") lose to cues in the main clause.
* Questions (ending in "?" and opening with an interrogative word) are other.
* Subject: ``actor`` is the noun phrase before the cue (leading determiners and a
  trailing copula dropped, at most 8 words); for frames ("it is likely that X
  will", "there is a possibility that X will") the phrase after "that".  "he"/
  "she" resolve to the last capitalized subject of an earlier sentence of the same
  document (a heuristic; check it).  ``topic`` is the predicate after the cue, up
  to the clause's end, at most 10 words.

Accuracy
--------
On 243 hand-labelled seed sentences (``briefkit/data/forecast_labels.csv``; labels
and rules were both written while reading the seeds, so this is in-sample):
accuracy 0.94; forecast precision 0.88 / recall 1.00.  On 60 held-out sentences
of Irish budget speeches labelled before the detector saw them: accuracy 0.77
(Wilson 95 % 0.65-0.86) at first run, 0.90 after the general fixes it prompted.

Examples
--------
>>> import pandas as pd
>>> from briefkit.forecasts.detection.detect import classify_sentences
>>> s = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "para_id": [0], "start": [0],
...                   "end": [24], "text": ["He will drop the issue."], "is_heading": [False]})
>>> row = classify_sentences(s).iloc[0]
>>> row["sentence_type"], row["cue"], float(row["p_point"])
('forecast', 'will', 0.875)
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from briefkit.errors import require_columns
from briefkit.forecasts.detection.clauses import (condition_spans, in_spans, is_negated, lead_subject,
                                                  report_cue, subject_of)
from briefkit.forecasts.detection.grammar import (COUNTERFACTUAL_AFTER, EPISTEMIC_MUST, FRAME_AFTER, INTERROGATIVE,
                                                  RELATIVE_PROGRESSIVE, RHETORICAL_LET,
                                                  LEADING_PREMISE, LIST_INTRO, MONTH_PREP,
                                                  POSSIBLE_IDIOM_BEFORE, REPORTING, WH_EMBEDDED,
                                                  WILL_NOUN_BEFORE, Sentence)
from briefkit.forecasts.detection.modality import cue_modality
from briefkit.forecasts.detection.yardstick import read_packaged_csv, band

__all__ = ["load_cues", "classify_sentences", "analyse_sentence", "check_sents"]

_SENT_COLUMNS = ["doc_id", "sent_id", "text"]
_OUT_COLUMNS = ["sentence_type", "modality", "cue", "cue_start", "cue_end", "negated", "conditional",
                "condition", "actor", "topic", "subject", "p_low", "p_point", "p_high",
                "cue_class", "yardstick_term", "clause_start", "clause_end", "rec_cue",
                "rec_cue_start", "rec_cue_end", "rec_modality"]


@lru_cache(maxsize=1)
def _cues() -> pd.DataFrame:
    df = read_packaged_csv("forecast_cues.csv")
    for i, row in df.iterrows():
        try:
            re.compile(row["pattern"])
        except re.error as exc:
            raise ValueError(f"forecast_cues.csv row {i + 2}: bad pattern {row['pattern']!r}: {exc}")
        if row["sentence_type"] not in ("forecast", "recommendation"):
            raise ValueError(f"forecast_cues.csv row {i + 2}: sentence_type must be 'forecast' or "
                             f"'recommendation', got {row['sentence_type']!r}")
        if row["sentence_type"] == "forecast":
            band(row["yardstick_term"])  # raises with the term name if unknown
    return df


def load_cues() -> pd.DataFrame:
    """Return the cue lexicon (``cue, pattern, sentence_type, cue_class, yardstick_term, note``).

    Examples
    --------
    >>> from briefkit.forecasts.detection.detect import load_cues
    >>> load_cues().set_index("cue").loc["will", "yardstick_term"]
    'very likely'
    """
    return _cues().copy()


def check_sents(sents: pd.DataFrame, name: str = "sents") -> None:
    """Raise unless ``sents`` is a sentences table (a DataFrame with ``text``), naming it ``name``."""
    if not isinstance(sents, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame (the sentences table), got "
                        f"{type(sents).__name__}")
    require_columns(sents, _SENT_COLUMNS, name=name)


# ---------------------------------------------------------------- sentence grammar
@lru_cache(maxsize=1)
def _compiled() -> list[tuple]:
    return [(row.cue, re.compile(r"\b(?:" + row.pattern + r")\b", re.I), row.sentence_type,
             row.cue_class, row.yardstick_term) for row in _cues().itertuples()]


def _cue_matches(text: str) -> list[dict]:
    found = []
    for cue, rx, stype, cclass, term in _compiled():
        for m in rx.finditer(text):
            found.append({"cue": cue, "start": m.start(), "end": m.end(), "match": m.group(0),
                          "stype": stype, "cue_class": cclass, "term": term})
    found.sort(key=lambda d: (d["start"], -(d["end"] - d["start"]), d["cue"]))
    kept, last_end = [], -1
    for d in found:
        if d["start"] >= last_end:
            kept.append(d)
            last_end = d["end"]
    return kept


def _suppressed(sent: Sentence, d: dict) -> bool:
    """True when a cue match is not the author's forecast/prescription (see module docs)."""
    text = sent.text
    word, before, after = d["match"], sent.before(d["start"]), sent.after(d["end"])
    low = word.lower()
    prev = sent.tokens_before(d["start"], 1)
    prev = prev[0].lower() if prev else ""
    if low == "will" and prev in WILL_NOUN_BEFORE:
        return True
    if word == "May" and (d["start"] > sent.first_content or prev in MONTH_PREP
                          or re.match(r"\s*\d", after)):
        return True
    if low == "possible" and (POSSIBLE_IDIOM_BEFORE.search(before) or re.match(r"\s+to\b", after)):
        return True
    if low in ("would", "could", "might", "must", "should") and COUNTERFACTUAL_AFTER.match(after):
        return True  # "should have been done": a criticism of the past, not advice
    if d["stype"] == "recommendation":
        if low == "must" and EPISTEMIC_MUST.match(after) and prev != "there":
            return True  # "must surely be the greatest ...": epistemic must
        if low in ("let us", "let's", "let’s") and RHETORICAL_LET.match(after):
            return True  # "let us see"
        if prev in ("that", "which", "who") and low in ("should", "must") and \
                RELATIVE_PROGRESSIVE.match(after):
            return True  # "investment that should be creating ...": a relative clause describes
        if low.endswith("need") and re.match(r"\s*(?:[.,;:!?]|and\b|but\b|$)", after):
            return True  # "the changes we need.": the noun's object, not advice
    if d["cue"] == "need to" and prev in ("who", "which", "that"):  # "workers who have to take a cut"
        return True
    if d["stype"] == "recommendation" and {t.lower() for t in sent.tokens_before(d["start"], 2)} & {
            "will", "would", "'ll", "’ll"}:
        return True  # "will have to": a forecast that a constraint binds, not advice
    if d["stype"] == "recommendation" and sent.in_quotes(d["start"]):
        return True  # advice quoted from someone else
    if REPORTING.search(before) or (d["stype"] == "forecast" and (
            WH_EMBEDDED.search(before) or FRAME_AFTER.match(after))):
        return True  # someone else's forecast or advice, or an embedded question
    del text
    return False


_CONCESSIVE = re.compile(r"\W*(?:maybe|perhaps|of\s+course|sure(?:ly)?|admittedly|granted|true)\b[^;]*?"
                         r"(?:,\s*but\b|;\s*but\b|\s+but\b)", re.I)


def _main_clause_start(text: str) -> int:
    """End of a leading premise or concession ("Given that ...,", "Maybe X, but"), else 0."""
    head = text[:600]  # a premise longer than this is not a premise; keeps the scan bounded
    m = LEADING_PREMISE.match(head) or _CONCESSIVE.match(head)
    return m.end() if m else 0


def _pick_cue(sent: Sentence, cues: list[dict]) -> dict:
    """The cue that scopes over the main clause: not in an aside, a premise or a concession."""
    main = _main_clause_start(sent.text)
    return min(cues, key=lambda x: (sent.in_parens(x["start"]) or x["start"] < main, x["start"]))


def analyse_sentence(text: str, *, is_heading: bool = False, previous_actor: str = "") -> dict:
    """Classify one sentence; return the output fields of :func:`classify_sentences`.

    ``named_actor`` (extra) is the capitalized part of the subject, used to resolve
    he/she in later sentences.

    Examples
    --------
    >>> from briefkit.forecasts.detection.detect import analyse_sentence
    >>> r = analyse_sentence("If Trump wins, he will drop the issue.")
    >>> r["sentence_type"], r["conditional"], r["condition"], r["modality"]
    ('forecast', True, 'If Trump wins', 'epistemic')
    >>> analyse_sentence("Marine Corps units could be stationed in Pohang.")["modality"]
    'option'
    """
    res = {"sentence_type": "other", "cue": "", "cue_start": -1, "cue_end": -1, "negated": False,
           "conditional": False, "condition": "", "actor": "", "topic": "", "subject": "",
           "cue_class": "", "yardstick_term": "", "named_actor": "", "clause_start": -1,
           "clause_end": -1, "modality": "", "rec_cue": "", "rec_cue_start": -1, "rec_cue_end": -1,
           "rec_modality": ""}
    stripped = text.strip()
    if is_heading or not re.search(r"[A-Za-z]", stripped):
        return res
    sent = Sentence(text)
    conds = condition_spans(sent)
    if conds:
        res["conditional"] = True
        res["condition"] = "; ".join(text[a:b].strip(" ,") for a, b in zip(*conds.merged))
    if stripped.rstrip("*_\"'”’)").endswith("?") and INTERROGATIVE.match(stripped):
        return res
    if stripped.rstrip("*_\"'”’").endswith(":") and LIST_INTRO.search(stripped):
        return res  # "I see two possibilities:" introduces a list; the items carry the forecasts
    matches = [d for d in _cue_matches(text) if not in_spans(d["start"], conds)
               and not _suppressed(sent, d)]
    for d in matches:
        d["modality"] = cue_modality(sent, d)
    fc = [d for d in matches if d["modality"] == "epistemic"]
    rec = [d for d in matches if d["modality"] in ("deontic", "option")]
    if rec:
        d = _pick_cue(sent, rec)
        res.update(rec_cue=d["match"], rec_cue_start=d["start"], rec_cue_end=d["end"],
                   rec_modality=d["modality"])
    rep = report_cue(sent, conds)
    if fc:
        d = _pick_cue(sent, fc)
        res.update(sentence_type="forecast", cue=d["match"], cue_start=d["start"], cue_end=d["end"],
                   negated=is_negated(sent, d), cue_class=d["cue_class"], yardstick_term=d["term"],
                   modality="epistemic")
    elif rep is not None:
        res.update(sentence_type="report", cue=text[rep[0]:rep[1]], cue_start=rep[0],
                   cue_end=rep[1], cue_class="report")
    elif rec:
        res.update(sentence_type="recommendation", cue=res["rec_cue"], cue_start=res["rec_cue_start"],
                   cue_end=res["rec_cue_end"], modality=res["rec_modality"],
                   cue_class=next(d["cue_class"] for d in rec if d["start"] == res["rec_cue_start"]))
    else:
        return res
    own = lead_subject(text[:res["cue_start"]])  # "Given that Trump ..., he will ..."
    actor, topic, named, clause = subject_of(sent, res["cue_start"], res["cue_end"], conds,
                                           own or previous_actor)
    subject = f"{actor}: {topic}" if actor and topic else (actor or topic)
    res.update(actor=actor, topic=topic, subject=subject, named_actor=named,
               clause_start=clause[0], clause_end=clause[1])
    return res


def classify_sentences(sents: pd.DataFrame, *, docs: pd.DataFrame | None = None, client=None) -> pd.DataFrame:
    """Add sentence type, cue, negation, condition, subject and probability band.

    Parameters
    ----------
    sents : pandas.DataFrame
        Sentences table (``doc_id, sent_id, para_id, start, end, text, is_heading``);
        only ``doc_id, sent_id, text`` are required.  Rows are processed in
        ``doc_id, sent_id`` order (pronoun subjects resolve to the last named actor
        of earlier sentences of the same document).
    docs : pandas.DataFrame, optional
        Unused for now; accepted so callers can pass the corpus table.
    client : dask.distributed.Client, optional
        Classify on this Dask cluster, whole documents per task; the table is identical.

    Returns
    -------
    pandas.DataFrame
        ``sents`` (same row order, same index) plus ``sentence_type`` ("forecast" |
        "report" | "recommendation" | "other"), ``cue``, ``cue_start``, ``cue_end``
        (offsets into ``text``, -1 without a cue), ``negated``, ``conditional``,
        ``condition``, ``actor``, ``topic``, ``subject`` ("actor: topic"), ``p_low``,
        ``p_point``, ``p_high`` (NaN unless forecast); extras ``cue_class``,
        ``yardstick_term`` and ``clause_start``/``clause_end`` (offsets into ``text``
        of the clause that carries the cue: "Tariffs were cut, and investment will
        follow" -> "investment will follow"; -1 without a cue).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.detection.detect import classify_sentences
    >>> s = pd.DataFrame({"doc_id": ["d", "d"], "sent_id": [0, 1],
    ...     "text": ["Seoul should act.", "Tariffs were cut."]})
    >>> classify_sentences(s)["sentence_type"].tolist()
    ['recommendation', 'report']
    """
    check_sents(sents)
    _compiled()  # validates the cue lexicon before any work
    out = sents.copy()
    order = out.sort_values(["doc_id", "sent_id"], kind="stable").index
    heading = out["is_heading"] if "is_heading" in out.columns else pd.Series(False, index=out.index)
    items = list(zip(order, out["doc_id"].loc[order], out["sent_id"].loc[order], out["text"].loc[order],
                     heading.loc[order].astype(bool)))
    if client is None:
        rows = _classify_rows(items)
    else:
        from briefkit.jobs import cluster_parts, cut_points, map_jobs

        pieces = cut_points([it[1] for it in items], parts=cluster_parts(client))
        rows = {}
        for part in map_jobs(_classify_rows, [items[a:b] for a, b in pieces], client=client):
            rows.update(part)
    for col in _OUT_COLUMNS:
        out[col] = [rows[i][col] for i in out.index]
    for col in ("cue_start", "cue_end", "clause_start", "clause_end", "rec_cue_start", "rec_cue_end"):
        out[col] = out[col].astype("int64")
    out["negated"] = out["negated"].astype(bool)
    out["conditional"] = out["conditional"].astype(bool)
    for col in ("p_low", "p_point", "p_high"):
        out[col] = out[col].astype(float)
    return out


def _classify_rows(items) -> dict:
    """``{index: analysis}`` of ``(index, doc_id, sent_id, text, is_heading)`` in document order (whole documents)."""
    rows, last_actor = {}, {}
    for idx, doc, sent_id, text, is_heading in items:
        if not isinstance(text, str):
            raise ValueError(f"sents: row with doc_id={doc!r}, sent_id={sent_id!r} "
                             f"has a non-string text ({text!r})")
        res = analyse_sentence(text, is_heading=bool(is_heading), previous_actor=last_actor.get(doc, ""))
        named = lead_subject(text) or res["named_actor"]
        if named and not is_heading:
            last_actor[doc] = named
        if res["sentence_type"] == "forecast":
            lo, pt, hi = band(res["yardstick_term"], negated=res["negated"])
        else:
            lo = pt = hi = np.nan
        res.update(p_low=lo, p_point=pt, p_high=hi)
        rows[idx] = res
    return rows


_NORM_MARKUP = re.compile(r"[*_`#>\[\]]+")

