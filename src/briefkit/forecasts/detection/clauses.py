"""Clauses of a sentence: conditions, asides, report verbs, negation, subject and topic.

Helpers of :mod:`briefkit.forecasts.detection.detect`; each takes a
:class:`briefkit.forecasts.detection.grammar.Sentence` so that per-cue work looks at bounded
windows and precomputed positions (linear time).
"""

from __future__ import annotations

import re

from briefkit.forecasts.detection.grammar import *  # noqa: F403 - the grammar's word lists and patterns
from briefkit.forecasts.detection.grammar import Sentence

__all__ = ["condition_spans", "lead_subject", "in_spans", "report_cue", "is_negated", "subject_of"]

def condition_spans(sent: Sentence) -> list[tuple[int, int]]:
    """Spans of condition clauses (if/unless/provided that/in case ..., inverted, anaphoric)."""
    text = sent.text
    spans = []
    m = _INVERTED_CONDITION.match(text) or _ANAPHORIC_CONDITION.match(text)
    if m:
        spans.append((m.start() + len(m.group(0)) - len(m.group(0).lstrip(" \"'“*")), m.end()))
    first = len(text) - len(text.lstrip())
    for m in _CONDITION_START.finditer(text):
        comma = sent.next_comma(m.end())
        before = sent.before(m.start(), 80).rstrip()
        # leading: at the start (after at most two words: "So if", "But even if") or after , ; : and/but
        leading = (m.start() <= first or before[-1:] in tuple(",;:(") or _AND_BUT_OR_END.search(before)
                   or (m.start() <= 80 and _TWO_WORDS.fullmatch(before)))
        if not leading:  # trailing condition runs to the end of the sentence
            end = len(text)
        elif comma != -1:
            end = comma
        else:  # no comma: the main clause starts at the subject of the last modal
            modals = sent.modals_from(m.end())
            if len(modals) >= 2:
                end = modals[-1]
            elif modals:  # "If we are to recover we must act": the main clause starts at "we"
                subj = sent.tokens_before(modals[0], 1)
                end = text.rfind(subj[0], 0, modals[0]) if subj else modals[0]
            else:
                end = len(text)
        spans.append((m.start(), end))
    return Spans(sorted(spans))


class Spans(list):
    """Sorted (start, end) spans that remember their merged form for :func:`in_spans`."""

    def __init__(self, spans):
        super().__init__(spans)
        self.merged = _merged(self)


def lead_subject(text: str) -> str:
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


def in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    """True when ``pos`` lies in one of ``spans`` (sorted by start; bisect, not a scan)."""
    from bisect import bisect_right

    merged = getattr(spans, "merged", None) or _merged(spans)
    k = bisect_right(merged[0], pos) - 1
    return k >= 0 and pos < merged[1][k]


def _merged(spans) -> tuple[list[int], list[int]]:
    starts, ends = [], []
    for a, b in sorted(spans):
        if starts and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def report_cue(sent: Sentence, skip: list[tuple[int, int]]) -> tuple[int, int] | None:
    """First past-tense / perfect / progressive finite verb outside ``skip`` spans."""
    text = sent.text
    strong, cands = [], []
    for rx in (_PERFECT, _PAST_BE):
        for m in rx.finditer(text):
            prev = sent.tokens_before(m.start(), 1)
            if prev and prev[0].lower() in _MODALS:
                continue
            strong.append((m.start(), m.end()))
    for m in _PROGRESSIVE.finditer(text):
        if m.group(1).lower() not in _ING_ADJ:
            strong.append((m.start(), m.end()))
    words = sent.words
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
        group = [c for c in sorted(group) if not in_spans(c[0], skip)]
        if group:
            return group[0]
    return None


def is_negated(sent: Sentence, d: dict) -> bool:
    """Whether the cue ``d`` is negated in ``sent`` (an estimative term that is negative in itself is not)."""
    if d["cue_class"] == "estimative" and d["term"] in ("unlikely", "very unlikely",
                                                          "almost no chance"):
        return False  # lexical negation is in the band already
    if d["cue_class"] != "estimative" and _NEG_INNER.search(d["match"]):  # won't, is not expected to
        return True
    after = sent.after(d["end"])
    frame = re.match(r"\s+(?:that|whether|if)\b", after, re.I)
    if d["match"].lower().endswith(("that", "whether", "if")) or frame:
        inner = after[:after.find(",")] if "," in after else after
        return bool(_NEG_INNER.search(inner))
    return bool(_NEG_AFTER.search(after) or _NEG_BEFORE.search(sent.before(d["start"], 60)))


def subject_of(sent: Sentence, start: int, end: int, skip: list[tuple[int, int]],
             previous_actor: str) -> tuple[str, str, str, tuple[int, int]]:
    """Return (actor, topic, named_actor, (clause_start, clause_end)) around a cue at [start, end)."""
    text = sent.text
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

