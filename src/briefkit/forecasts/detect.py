"""Classify sentences as forecast, report, recommendation or other; extract forecasts.

Rules, not a trained model: every decision can be traced to a cue in
``data/forecast_cues.csv`` (forecast and recommendation cues, each mapped to a
yardstick term of :mod:`briefkit.forecasts.yardstick`) or to the report grammar below.

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
  refers to the positive event (see :mod:`briefkit.forecasts.yardstick`); lexically negative
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
>>> from briefkit.forecasts.detect import classify_sentences
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

from briefkit.forecasts.yardstick import _read_packaged_csv, band

__all__ = ["load_cues", "classify_sentences", "analyse_sentence", "predictions", "pred_id",
           "PREDICTION_COLUMNS"]

PREDICTION_COLUMNS = ["pred_id", "doc_id", "sent_id", "start", "end", "text", "cue",
                      "conditional", "condition", "subject", "p_low", "p_point", "p_high",
                      "horizon_start", "horizon_end"]
_SENT_COLUMNS = ["doc_id", "sent_id", "text"]
_OUT_COLUMNS = ["sentence_type", "cue", "cue_start", "cue_end", "negated", "conditional",
                "condition", "actor", "topic", "subject", "p_low", "p_point", "p_high",
                "cue_class", "yardstick_term", "clause_start", "clause_end"]


@lru_cache(maxsize=1)
def _cues() -> pd.DataFrame:
    df = _read_packaged_csv("forecast_cues.csv")
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
    >>> from briefkit.forecasts.detect import load_cues
    >>> load_cues().set_index("cue").loc["will", "yardstick_term"]
    'very likely'
    """
    return _cues().copy()


def _check_sents(sents: pd.DataFrame, name: str = "sents") -> None:
    if not isinstance(sents, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame (the sentences table), got "
                        f"{type(sents).__name__}")
    missing = [c for c in _SENT_COLUMNS if c not in sents.columns]
    if missing:
        raise ValueError(f"{name} is missing columns {missing}; expected the output of "
                         f"briefkit.corpus.segment.sentences (doc_id, sent_id, para_id, start, end, text, "
                         f"is_heading)")



# ---------------------------------------------------------------- sentence grammar
_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*|\d[\d,.]*%?")
_FUNCTION = frozenset("""a an the this that these those its his her their our my your both each every
more most less least very so too quite rather fairly
no some any of in on at by for from to with into onto over under about as and or but nor so yet
is are was were be been being am has have had do does did not will would shall should can could
may might must than then there here it he she they we i you who which what when where while if""".split())
_LINKING = frozenset("""be been being is are was were am get gets got has have had as seem seems
seemed appear appears appeared become becomes became remain remains remained look looks feel feels
""".split())  # an -ed word after these is a participle or adjective ("seems wedded to")
_COPULA = frozenset("is are was were be been am seems seem appears appear remains remain will would "
                    "can could may might cannot can't not also still only already does do did has have "
                    "had".split())
_OPENERS = frozenset("however meanwhile instead given despite although though perhaps maybe first "
                     "second third fourth fifth finally moreover furthermore nevertheless therefore "
                     "thus also likewise rather".split())
_LEADING = frozenset("and but or so yet as including while since because such even then".split())
_PRONOUNS = frozenset("he she it they we i you who which".split())
_SINGULAR_PERSONAL = frozenset(["he", "she", "him", "her"])
_DETERMINERS = frozenset("the a an this that these those its his her their our both each every no some".split())
_MODALS = frozenset("will would shall should can could may might must to 'll ’ll".split())
_IRREGULAR_PAST = frozenset("""went came became began took gave said won fell met held led saw told got brought
thought knew rose struck spent lost paid sent sought wrote chose drew grew left meant kept found stood
fought built sold bought broke spoke withdrew ran did had forgot undertook froze shook swore sank
understood arose bore tore wore flew overtook made""".split())
_IRREGULAR_PP = ("been|become|come|done|gone|given|taken|made|seen|shown|won|lost|left|led|held|grown|"
                 "fallen|risen|begun|known|struck|sought|brought|built|sent|spent|paid|told|said|kept|"
                 "found|stood|fought|sold|bought|broken|spoken|written|chosen|drawn|withdrawn|run|had|got|"
                 "gotten|put|set|cut|hit|let")
_PARTICIPIAL = frozenset("""associated based related linked aimed located dedicated aligned concerned
involved designed intended derived exemplified""".split())  # "-ed" words nearly always participles
_NOT_VERB_ED = frozenset("indeed need speed seed feed hundred red bed shed united based".split())
_ING_ADJ = frozenset("""nothing something everything anything thing during interesting promising compelling
challenging concerning worrying alarming surprising striking daunting misleading encouraging
disappointing troubling pressing willing outstanding ongoing underlying fitting telling amazing exciting
demanding uncompromising becoming fascinating appalling""".split())
_PERFECT = re.compile(r"\b(?:has|have|had|['’]ve)\s+(?:(?:not|never|already|also|long|only|just|now|"
                      r"since|[a-z]+ly)\s+)*(?:been\s+(?:[a-z]+ly\s+)?(?:[a-z]+ed|[a-z]+ing|" + _IRREGULAR_PP + r")|"
                      r"been|[a-z]+ed|" + _IRREGULAR_PP + r")\b", re.I)
_PAST_BE = re.compile(r"\b(?:was|were|wasn['’]t|weren['’]t)\b", re.I)
_PROGRESSIVE = re.compile(r"\b(?:is|are|am)\s+(?:(?:now|still|also|already|not|[a-z]+ly)\s+)*"
                          r"(?!going\b)([a-z]+ing)\b", re.I)
_REPORTING = re.compile(
    r"\b(?:said|says|claimed|claims|stated|states|promised|promises|pledged|pledges|vowed|vows|warned|"
    r"warns|argued|argues|announced|announces|declared|declares|hinted|hints|insisted|insists|told|"
    r"asserted|asserts|admitted|admits|predicted|tweeted|posted|threatened|made\s+it\s+clear|"
    r"makes\s+it\s+clear|tell\s+you|thought|believed|hoped|feared|figured|assumed|wanted|wished|"
    r"wish|wishes|expected)\b(?:\s+[^\s,;:.!?]+){0,16}?\s*$", re.I)
_FRAME_AFTER = re.compile(r"^\s+tell\s+(?:you|us)\b", re.I)  # "analysts will tell you that ..." reports a view
_ADVERBS = frozenset("also then later already still never even just only once finally soon again "
                     "thus therefore".split())
_WH_EMBEDDED = re.compile(
    r"\b(?:of|to|about|on|over|regarding|know|knows|ask|asks|asking|wonder|question|questions|unclear|"
    r"clear|sure|uncertain|debate)\s+(?:who|whom|what|when|whether|how|where)\b"
    r"(?:\s+[^\s,;:.!?]+){0,6}?\s*$", re.I)
_POSSIBLE_IDIOM_BEFORE = re.compile(r"(?:\bas\s+\w+\s+as|\b(?:whenever|wherever|where|if|when)|"
                                    r"\bmade|\bmake(?:\s+it)?|\bmakes(?:\s+it)?)\s*$", re.I)
_COUNTERFACTUAL_AFTER = re.compile(r"^\s+(?:not\s+)?have\s+(?:been|[a-z]+ed|" + _IRREGULAR_PP + r")\b",
                                   re.I)
_WILL_NOUN_BEFORE = frozenset("the political good free ill own his her their its our a of popular "
                              "strong no people's".split())
_MONTH_PREP = frozenset("in of since until by early mid late from through during last next this "
                        "until before after".split())
_NEG_AFTER = re.compile(r"^(?:\s*[\w'’-]+){0,3}?\s*\b(?:not(?!\s+only)|never|no\s+longer)\b|^\s*n['’]t\b|"
                        r"^(?:\s*[\w'’-]+){0,2}?n['’]t\b", re.I)
_NEG_BEFORE = re.compile(r"\b(?:not|never|cannot|can['’]t|n['’]t)\s+(?:\w+\s+)?$", re.I)
_NEG_INNER = re.compile(r"\b(?:not(?!\s+only)|never|no\s+longer)\b|n['’]t\b", re.I)
_CONDITION_START = re.compile(
    r"\b(?<!as\s)(?<!what\s)(?:even\s+)?(?:if(?!\s+(?:only|any|not|so|necessary|possible|at\s+all)\b)|"
    r"unless|provided\s+that|as\s+long\s+as|in\s+the\s+event\s+(?:that|of)|in\s+case(?:\s+of)?)\b",
    re.I)
_INTERROGATIVE = re.compile(r"^\W*(?:who|whom|whose|what|when|where|why|how|which|is|are|was|were|"
                            r"do|does|did|will|would|can|could|should|shall|may|might|must|has|have|"
                            r"had|isn['’]t|aren['’]t|don['’]t|doesn['’]t|won['’]t)\b", re.I)
_MODAL_RX = re.compile(r"\b(?:will|would|shall|should|could|can|may|might|must)\b", re.I)
_INVERTED_CONDITION = re.compile(r"^\W*(?:[Ww]ere|[Hh]ad|[Ss]hould)\s+(?:[A-Z][\w'’.-]*|the|a|an|this|they|we|"
                                 r"he|she|it)\b[^,]*,")
_ANAPHORIC_CONDITION = re.compile(r"^\W*in\s+(?:that|this|such\s+a|either|which)\s+case\b", re.I)
_CLAUSE_BOUNDARY = re.compile(r"[,;:—–()\"“”]|\b(?:that|while|but|which|who|so|because|where|"
                              r"although|though|whereas|since|when|once)\b", re.I)
_TOPIC_STOP = re.compile(r"[,;:!?—–()\"“”]|(?<![A-Z])\.|\b(?:because|while|since|although|though|whereas|given|"
                         r"which|who|but|unless|if)\b", re.I)
_CLAUSE_END = re.compile(r";|,\s+(?:but|and|while|whereas|although|though|yet|so)\b|\s[—–]\s|—")
_EXPLETIVE = re.compile(r"^(?:(?:it|there|this|that)(?:\s+(?:is|was|are|remains|seems|appears|raises))?|"
                        r"raises)?(?:\s*(?:a|an|the|some|every|[a-z]+ly))*\s*$", re.I)
_AUX_AFTER_SUBJECT = re.compile(r"\b(?:will|would|shall|could|can|may|might|must|should|is|are|was|"
                                r"were|has|have|had|does|do|did|won['’]t)\b", re.I)


def _tokens_before(text: str, pos: int, n: int = 3) -> list[str]:
    return [m.group(0) for m in _WORD.finditer(text[:pos])][-n:]


def _conditions(text: str) -> list[tuple[int, int]]:
    """Spans of condition clauses (if/unless/provided that/in case ..., inverted, anaphoric)."""
    spans = []
    m = _INVERTED_CONDITION.match(text) or _ANAPHORIC_CONDITION.match(text)
    if m:
        spans.append((m.start() + len(m.group(0)) - len(m.group(0).lstrip(" \"'“*")), m.end()))
    for m in _CONDITION_START.finditer(text):
        comma = text.find(",", m.end())
        before = text[:m.start()].rstrip()
        # leading: at the start (after at most two words: "So if", "But even if") or after , ; : and/but
        leading = (not before or before[-1] in ",;:(" or re.search(r"\b(?:and|but|or)$", before)
                   or re.fullmatch(r"\W*(?:[A-Za-z]+\W*){0,2}", before))
        if not leading:  # trailing condition runs to the end of the sentence
            end = len(text)
        elif comma != -1:
            end = comma
        else:  # no comma: the main clause starts at the subject of the last modal
            modals = [x.start() for x in _MODAL_RX.finditer(text, m.end())]
            end = modals[-1] if len(modals) >= 2 else len(text)
        spans.append((m.start(), end))
    return sorted(spans)


def _in_parens(text: str, pos: int) -> bool:
    """True inside (...) or a dash-delimited aside: cues there are asides to the main clause."""
    before = text[:pos]
    return before.count("(") > before.count(")") or before.count(" – ") % 2 == 1 \
        or before.count("—") % 2 == 1


def _leading_subordinate(text: str) -> int:
    """End of a leading premise clause ("Given that ...,", "Because ...,", "While ...,"), else 0."""
    m = re.match(r"\W*(?:given(?:\s+that)?|because|since|as|while|although|though|whereas|"
                 r"despite)\b[^,;]*,", text, re.I)
    return m.end() if m else 0


def _lead_subject(text: str) -> str:
    """Capitalized words at the head of the sentence's subject (for he/she resolution)."""
    words = [m.group(0) for m in _WORD.finditer(text)]
    i = 0
    while i < len(words) and (words[i].lower() in _FUNCTION | _LEADING | _OPENERS
                              or words[i].lower().endswith(("ly", "ing"))):
        i += 1
    out = []
    for w in words[i:]:
        if not w[:1].isupper() or w.lower() in _FUNCTION:
            break
        out.append(w)
    return " ".join(out)


def _in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


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


def _suppressed(text: str, d: dict) -> bool:
    """True when a cue match is not the author's forecast/prescription (see module docs)."""
    word, before, after = d["match"], text[:d["start"]], text[d["end"]:]
    low = word.lower()
    prev = _tokens_before(text, d["start"], 1)
    prev = prev[0].lower() if prev else ""
    if low == "will" and prev in _WILL_NOUN_BEFORE:
        return True
    if word == "May" and (d["start"] > 0 and before.strip(" \"'“*") != "" or prev in _MONTH_PREP
                          or re.match(r"\s*\d", after)):
        return True
    if low == "possible" and (_POSSIBLE_IDIOM_BEFORE.search(before) or re.match(r"\s+to\b", after)):
        return True
    if low in ("would", "could", "might", "must") and _COUNTERFACTUAL_AFTER.match(after):
        return True
    if d["cue"] == "need to" and prev in ("who", "which", "that"):  # "workers who have to take a cut"
        return True
    if d["stype"] == "forecast" and (_REPORTING.search(before) or _WH_EMBEDDED.search(before)
                                     or _FRAME_AFTER.match(after)):
        return True
    return False


def _report_cue(text: str, skip: list[tuple[int, int]]) -> tuple[int, int] | None:
    """First past-tense / perfect / progressive finite verb outside ``skip`` spans."""
    strong, cands = [], []
    for rx in (_PERFECT, _PAST_BE):
        for m in rx.finditer(text):
            prev = _tokens_before(text, m.start(), 1)
            if prev and prev[0].lower() in _MODALS:
                continue
            strong.append((m.start(), m.end()))
    for m in _PROGRESSIVE.finditer(text):
        if m.group(1).lower() not in _ING_ADJ:
            strong.append((m.start(), m.end()))
    words = list(_WORD.finditer(text))
    for i, m in enumerate(words):
        w = m.group(0)
        lw = w.lower()
        if "-" in w or (m.start() > 0 and text[m.start() - 1] == "-") or text[m.end():m.end() + 1] == "-":
            continue
        is_ed = lw.endswith("ed") and len(lw) > 4 and lw not in _NOT_VERB_ED and w.islower()
        if not (is_ed or lw in _IRREGULAR_PAST):
            continue
        nxt = words[i + 1].group(0).lower() if i + 1 < len(words) else ""
        if is_ed and (nxt == "by" or lw in _PARTICIPIAL):
            continue
        j = i - 1
        while j >= 0 and words[j].group(0).islower() and (words[j].group(0).endswith("ly")
                                                          or words[j].group(0) in _ADVERBS):
            j -= 1
        if j < 0 or re.search(r"[^\w\s'’]", text[words[j].end():m.start()]):
            continue
        p1 = words[j].group(0)
        lp1 = p1.lower()
        if lp1 in _MODALS or lp1 in _LINKING or \
                re.search(r"['’]s?$", p1):  # a possessive precedes a noun phrase, not a verb
            continue
        ok = lp1 in _PRONOUNS
        ok = ok or (p1[0].isupper() and (lp1 not in _FUNCTION or "." in p1))
        ok = ok or (p1.islower() and lp1.endswith("s") and lp1 not in _FUNCTION and not
                    lp1.endswith("ss"))
        if not ok and p1.islower() and lp1 not in _FUNCTION and not lp1.endswith(("ed", "ly")):
            dets = [words[k].group(0).lower() for k in range(max(0, j - 3), j)]
            ok = any(t in _DETERMINERS for t in dets)
        if ok:
            cands.append((m.start(), m.end()))
    for group in (strong, cands):  # unambiguous verb groups first, then the -ed heuristic
        group = [c for c in sorted(group) if not _in_spans(c[0], skip)]
        if group:
            return group[0]
    return None


def _negated(text: str, d: dict) -> bool:
    if d["cue_class"] == "estimative" and d["term"] in ("unlikely", "very unlikely",
                                                          "almost no chance"):
        return False  # lexical negation is in the band already
    if d["cue_class"] != "estimative" and _NEG_INNER.search(d["match"]):  # won't, is not expected to
        return True
    frame = re.match(r"\s+(?:that|whether|if)\b", text[d["end"]:], re.I)
    if d["match"].lower().endswith(("that", "whether", "if")) or frame:
        inner = text[d["end"]:]
        inner = inner[:inner.find(",")] if "," in inner else inner
        return bool(_NEG_INNER.search(inner))
    return bool(_NEG_AFTER.search(text[d["end"]:]) or _NEG_BEFORE.search(text[:d["start"]]))


def _subject(text: str, start: int, end: int, skip: list[tuple[int, int]],
             previous_actor: str) -> tuple[str, str, str, tuple[int, int]]:
    """Return (actor, topic, named_actor, (clause_start, clause_end)) around a cue at [start, end)."""
    lo = max([b for a, b in skip if b <= start] + [0])
    bounds = [m.end() for m in _CLAUSE_BOUNDARY.finditer(text, lo, start)]
    np_start = max(bounds + [lo])
    np_text = text[np_start:start].strip(" \"'“”*")
    topic_from = end
    if _EXPLETIVE.match(np_text) or re.match(r"\s+(?:that|whether|if)\b", text[end:], re.I) or \
            text[start:end].lower().endswith(("that", "whether", "if")):
        rest = text[end:]
        rest_l = re.sub(r"^\s*(?:that|whether|if)\b", "", rest, flags=re.I)
        off = len(rest) - len(rest_l)
        aux = _AUX_AFTER_SUBJECT.search(rest_l)
        cand = rest_l[:aux.start()].strip(" ,") if aux else ""
        if cand and len(cand.split()) <= 8:
            np_text = cand
            topic_from = end + off + aux.end()
    if re.fullmatch(r"possibilit(?:y|ies)|chances?|prospects?", text[start:end], re.I) and \
            re.match(r"\s+of\b", text[end:]):  # "raises the possibility of deeper cooperation"
        np_text, topic_from = "", end + re.match(r"\s+of\b", text[end:]).end()
    words = np_text.split()
    while words and words[0].lower() in _DETERMINERS | _LEADING:
        words = words[1:]
    while words and words[-1].lower() in _COPULA:  # "they are [likely to]" -> "they"
        words = words[:-1]
    actor = " ".join(words[:8])
    named = " ".join(w for w in words if w[:1].isupper() and w.lower() not in _FUNCTION)
    if actor.lower() in _SINGULAR_PERSONAL and previous_actor:
        actor = previous_actor
    rest = text[topic_from:]
    stop = _TOPIC_STOP.search(rest)
    rest = rest[:stop.start()] if stop else rest
    topic_words = rest.split()
    while topic_words and topic_words[0].lower() in ("to", "that", "not", "also", "be"):
        topic_words = topic_words[1:]
    topic = " ".join(topic_words[:10]).strip(" ,.;:")
    stop = _CLAUSE_END.search(text, end)
    clause_end = stop.start() if stop else len(text.rstrip(" .!?\"'”’*"))
    lead = re.match(r"[\s\"'“*]*(?:(?:and|but|or|so|yet)\s+)?", text[np_start:], re.I)
    clause_start = np_start + lead.end()
    return actor, topic, named, (clause_start, max(clause_end, end))


def analyse_sentence(text: str, *, is_heading: bool = False, previous_actor: str = "") -> dict:
    """Classify one sentence; return the output fields of :func:`classify_sentences`.

    ``named_actor`` (extra) is the capitalized part of the subject, used to resolve
    he/she in later sentences.

    Examples
    --------
    >>> from briefkit.forecasts.detect import analyse_sentence
    >>> r = analyse_sentence("If Trump wins, he will drop the issue.")
    >>> r["sentence_type"], r["conditional"], r["condition"]
    ('forecast', True, 'If Trump wins')
    """
    res = {"sentence_type": "other", "cue": "", "cue_start": -1, "cue_end": -1, "negated": False,
           "conditional": False, "condition": "", "actor": "", "topic": "", "subject": "",
           "cue_class": "", "yardstick_term": "", "named_actor": "", "clause_start": -1,
           "clause_end": -1}
    stripped = text.strip()
    if is_heading or not re.search(r"[A-Za-z]", stripped):
        return res
    conds = _conditions(text)
    if conds:
        res["conditional"] = True
        res["condition"] = "; ".join(text[a:b].strip(" ,") for a, b in conds)
    if stripped.rstrip("*_\"'”’)").endswith("?") and _INTERROGATIVE.match(stripped):
        return res
    matches = [d for d in _cue_matches(text) if not _in_spans(d["start"], conds)
               and not _suppressed(text, d)]
    fc = [d for d in matches if d["stype"] == "forecast"]
    rec = [d for d in matches if d["stype"] == "recommendation"]
    rep = _report_cue(text, conds)
    if fc:
        sub = _leading_subordinate(text)
        d = min(fc, key=lambda x: (_in_parens(text, x["start"]) or x["start"] < sub, x["start"]))
        res.update(sentence_type="forecast", cue=d["match"], cue_start=d["start"], cue_end=d["end"],
                   negated=_negated(text, d), cue_class=d["cue_class"], yardstick_term=d["term"])
    elif rep is not None:
        res.update(sentence_type="report", cue=text[rep[0]:rep[1]], cue_start=rep[0],
                   cue_end=rep[1], cue_class="report")
    elif rec:
        d = rec[0]
        res.update(sentence_type="recommendation", cue=d["match"], cue_start=d["start"],
                   cue_end=d["end"], cue_class=d["cue_class"])
    else:
        return res
    own = _lead_subject(text[:res["cue_start"]])  # "Given that Trump ..., he will ..."
    actor, topic, named, clause = _subject(text, res["cue_start"], res["cue_end"], conds,
                                           own or previous_actor)
    subject = f"{actor}: {topic}" if actor and topic else (actor or topic)
    res.update(actor=actor, topic=topic, subject=subject, named_actor=named,
               clause_start=clause[0], clause_end=clause[1])
    return res


def classify_sentences(sents: pd.DataFrame, *, docs: pd.DataFrame | None = None) -> pd.DataFrame:
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
    >>> from briefkit.forecasts.detect import classify_sentences
    >>> s = pd.DataFrame({"doc_id": ["d", "d"], "sent_id": [0, 1],
    ...     "text": ["Seoul should act.", "Tariffs were cut."]})
    >>> classify_sentences(s)["sentence_type"].tolist()
    ['recommendation', 'report']
    """
    _check_sents(sents)
    _compiled()  # validates the cue lexicon before any work
    out = sents.copy()
    order = out.sort_values(["doc_id", "sent_id"], kind="stable").index
    rows = {}
    last_actor: dict[str, str] = {}
    heading = out["is_heading"] if "is_heading" in out.columns else pd.Series(False, index=out.index)
    for idx in order:
        text = out.at[idx, "text"]
        doc = out.at[idx, "doc_id"]
        if not isinstance(text, str):
            raise ValueError(f"sents: row with doc_id={doc!r}, sent_id={out.at[idx, 'sent_id']!r} "
                             f"has a non-string text ({text!r})")
        res = analyse_sentence(text, is_heading=bool(heading.at[idx]),
                               previous_actor=last_actor.get(doc, ""))
        named = _lead_subject(text) or res["named_actor"]
        if named and not bool(heading.at[idx]):
            last_actor[doc] = named
        if res["sentence_type"] == "forecast":
            lo, pt, hi = band(res["yardstick_term"], negated=res["negated"])
        else:
            lo = pt = hi = np.nan
        res.update(p_low=lo, p_point=pt, p_high=hi)
        rows[idx] = res
    for col in _OUT_COLUMNS:
        out[col] = [rows[i][col] for i in out.index]
    for col in ("cue_start", "cue_end", "clause_start", "clause_end"):
        out[col] = out[col].astype("int64")
    out["negated"] = out["negated"].astype(bool)
    out["conditional"] = out["conditional"].astype(bool)
    for col in ("p_low", "p_point", "p_high"):
        out[col] = out[col].astype(float)
    return out


_NORM_MARKUP = re.compile(r"[*_`#>\[\]]+")


def pred_id(doc_id: str, text: str) -> str:
    """Stable prediction id: ``"P" + sha1(doc_id + "\\x1f" + normalized text)[:10]``.

    The text is lower-cased, markdown emphasis and brackets removed, whitespace
    collapsed and trailing punctuation stripped, so re-segmentation that only
    changes spacing keeps the id.

    Examples
    --------
    >>> from briefkit.forecasts.detect import pred_id
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
        publication date (see :func:`briefkit.forecasts.timex.horizon`): it starts at
        the publication date unless the sentence names a later start and ends at the
        latest future-facing expression; ``horizon_end`` NaT means open-ended.
        Probabilities refer to the positive event (negation removed).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.detect import predictions
    >>> s = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [0], "end": [30],
    ...     "text": ["Tariffs will rise by 2030."]})
    >>> d = pd.DataFrame({"doc_id": ["d"], "published": [pd.Timestamp("2025-03-01")],
    ...     "date_precision": ["month"]})
    >>> p = predictions(s, d)
    >>> float(p.at[0, "p_point"]), str(p.at[0, "horizon_end"].date())
    (0.875, '2030-12-31')
    """
    from briefkit.forecasts.timex import horizon

    _check_sents(sents)
    for col in ("start", "end"):
        if col not in sents.columns:
            raise ValueError(f"sents is missing column {col!r} (character offsets into raw_text)")
    if not isinstance(docs, pd.DataFrame) or "doc_id" not in docs.columns:
        raise ValueError("docs must be a DataFrame with columns doc_id, published, date_precision")
    for col in ("published", "date_precision"):
        if col not in docs.columns:
            raise ValueError(f"docs is missing column {col!r}")
    dup = sorted(docs.loc[docs["doc_id"].duplicated(), "doc_id"].astype(str).unique())
    if dup:
        raise ValueError(f"docs has duplicate doc_id values: {dup[:5]}")
    unknown = sorted(set(sents["doc_id"]) - set(docs["doc_id"]))
    if unknown:
        raise ValueError(f"sents has doc_id values not in docs: {unknown[:5]}")
    cls = classify_sentences(sents, docs=docs)
    fc = cls[cls["sentence_type"] == "forecast"].sort_values(["doc_id", "sent_id"], kind="stable")
    meta = docs.set_index("doc_id")
    ctx_col = next((c for c in ("clean_text", "raw_text") if c in docs.columns), None)
    records = []
    for _, row in fc.iterrows():
        d = meta.loc[row["doc_id"]]
        prec = d["date_precision"] if isinstance(d["date_precision"], str) else ""
        context = d[ctx_col] if ctx_col and isinstance(d[ctx_col], str) else row["text"]
        h = horizon(row["text"], anchor=d["published"], anchor_precision=prec, context=context)
        records.append({
            "pred_id": pred_id(row["doc_id"], row["text"]), "doc_id": row["doc_id"],
            "sent_id": int(row["sent_id"]), "start": int(row["start"]), "end": int(row["end"]),
            "text": row["text"], "cue": row["cue"], "conditional": bool(row["conditional"]),
            "condition": row["condition"], "subject": row["subject"], "p_low": row["p_low"],
            "p_point": row["p_point"], "p_high": row["p_high"],
            "horizon_start": h["horizon_start"], "horizon_end": h["horizon_end"],
            "sentence_type": "forecast", "negated": bool(row["negated"]),
            "yardstick_term": row["yardstick_term"], "actor": row["actor"], "topic": row["topic"],
            "clause": row["text"][row["clause_start"]:row["clause_end"]],
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
