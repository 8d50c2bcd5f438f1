"""Recommendations: who is told to do what, in which policy area.

A recommendation is a sentence in which the author prescribes (a *deontic* cue: should, must,
need to, it is necessary/important to, we recommend ...) or proposes a course of action (an
*option*: "could consider", "South Korea could make significant contributions"; see
:mod:`briefkit.forecasts.detection.modality`).  Any sentence type can carry one: "Tariffs have been
postponed for 90 days, but efforts must be made ..." is typed a report (its dated event wins)
and is still a recommendation here.  Advice reported from someone else ("Trump said Korea
should pay") and "will have to" (a forecast that a constraint binds) are not.

``addressee`` (who is told to act) comes from the grammatical subject of the prescribing cue:

* a subject naming both sides ("both countries", "Seoul and Washington", "the alliance") is
  ``both``; one naming South Korea (South Korea, Korea, Seoul, ROK, the government) is
  ``South Korea``; the United States (the U.S., Washington, Trump, the administration,
  Congress) ``the United States``; allies or partners in general ``allies``; other named
  actors keep their name (``Japan``, ``China`` ...);
* a passive prescription of joint action (discussed, negotiated, included, agreed ...) in a
  sentence that names both sides is ``both``;
* a passive or impersonal prescription ("strategic investments should be made", "it is
  necessary to ..."), "we", or a subject that names no actor takes the **document's audience**:
  the manifest column ``audience`` when the corpus has one, else the addressee most of the
  document's own explicit recommendations name, else ``unspecified``.

``target`` is the policy area: the stance targets (``briefkit.stance.targets``) the sentence
mentions, "; "-joined in the targets file's order; when it mentions none, those of the
sentence before it in the same document (``target_from = "context"``).

Examples
--------
>>> import pandas as pd
>>> from briefkit.forecasts.detection.recommendations import recommendations
>>> s = pd.DataFrame({"doc_id": ["d", "d"], "sent_id": [0, 1], "start": [0, 40], "end": [39, 90],
...     "text": ["Seoul should raise defense spending.", "Washington must not withdraw USFK."]})
>>> recommendations(s)[["addressee", "cue", "target"]].values.tolist()
[['South Korea', 'should', 'burden_sharing'], ['the United States', 'must', 'usfk']]
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd

from briefkit.errors import require_columns

__all__ = ["RECOMMENDATION_COLUMNS", "rec_id", "recommendations", "addressee_of"]

RECOMMENDATION_COLUMNS = ["rec_id", "doc_id", "sent_id", "start", "end", "text", "addressee",
                          "target", "cue"]
_EXTRA = ["modality", "addressee_from", "target_from", "subject", "sentence_type"]

_US = r"(?:(?-i:U\.\s?S\.|US)|United\s+States|America|Washington|Trump|Congress|Pentagon|White\s+House)"
_KR = r"(?:South\s+Korea|Korea|Seoul|(?-i:ROK)|(?:the\s+)?(?:South\s+)?Korean|(?:the\s+)?(?:next\s+)?government|" \
      r"(?:the\s+)?next\s+administration|National\s+Assembly)"
_BOTH = re.compile(r"\b(?:both\s+(?:countries|allies|sides|governments|nations|Seoul\s+and\s+Washington)|"
                   r"the\s+two\s+(?:countries|allies|sides|governments|nations)|alliance|"
                   rf"{_KR}\s+and\s+(?:the\s+)?{_US}|(?:the\s+)?{_US}\s+and\s+(?:the\s+)?{_KR}|"
                   rf"(?:ROK|Korea|U\.?S\.?)\s*[-–]\s*(?:U\.?S\.?|ROK|Korea))\b", re.I)
_US_RX = re.compile(rf"\b{_US}(?![\w-])", re.I)
_KR_RX = re.compile(rf"\b{_KR}(?![\w-])", re.I)
_ALLIES = re.compile(r"\b(?:allies|partners|partner\s+countries|like-minded\s+countries)\b", re.I)
_OTHER = re.compile(r"\b(?:Japan|China|Beijing|Tokyo|NATO|Europe|Taiwan|North\s+Korea|Pyongyang)\b")
_WE = re.compile(r"^(?:we|us|our|i)$", re.I)
_PASSIVE = re.compile(r"^\s+(?:not\s+)?(?:\w+ly\s+|also\s+|still\s+|further\s+)?be\s+(?:\w+ly\s+)?"
                      r"(?:[a-z]+ed|made|done|built|taken|kept|set|seen|given|shown|sought|held|"
                      r"met|paid|brought|drawn|found|put|struck|undertaken|established)\b", re.I)
_JOINT = re.compile(r"^\s+(?:\w+ly\s+)?be\s+(?:\w+ly\s+)?(?:discussed|negotiated|included|agreed|coordinated|"
                    r"consulted|addressed\s+together|settled)\b", re.I)
_BY_AGENT = re.compile(r"^[^,;.]{0,80}?\bby\s+([^,;.]{1,60})")
_EXPERIENCER = re.compile(r"^\s+(?:not\s+)?(?:\w+ly\s+)?be\s+(?:\w+ly\s+)?(?:swayed|deterred|intimidated|"
                          r"pressured|dragged|drawn|forced|prepared|ready|seen|viewed|perceived|"
                          r"coerced|cowed|rushed|isolated|left)\b", re.I)
_HEAD_CUT = re.compile(r"\s(?:of|for|with|by|on|in|to|from|about|posed|surrounding|regarding|against|"
                       r"between|among|under|toward|towards|into)\s", re.I)
_IMPERSONAL = re.compile(r"^(?:it|there|this|that|these|such|efforts?|measures?|steps?|preparations?|"
                         r"attention|consideration)\b", re.I)
_SUBJECT_CUT = re.compile(r"[,;:(—–]|\b(?:that|which|who|while|but|so|because|if|when|where|"
                          r"although|though|whereas)\b", re.I)
_NORM_MARKUP = re.compile(r"[*_`#>\[\]]+")


def rec_id(doc_id: str, text: str) -> str:
    """Stable recommendation id: ``"R" + sha1(doc_id + "\\x1f" + normalized text)[:10]``.

    Examples
    --------
    >>> from briefkit.forecasts.detection.recommendations import rec_id
    >>> rec_id("d", "Seoul  should act.") == rec_id("d", "seoul should act")
    True
    """
    norm = " ".join(_NORM_MARKUP.sub("", str(text)).lower().split()).rstrip(" .!?;:,")
    return "R" + hashlib.sha1(f"{doc_id}\x1f{norm}".encode("utf-8")).hexdigest()[:10]


def _party(phrase: str) -> str:
    """Map a noun phrase to an addressee, or "" when it names none."""
    if not phrase:
        return ""
    if _BOTH.search(phrase) or (_US_RX.search(phrase) and _KR_RX.search(phrase)):
        return "both"
    if _KR_RX.search(phrase):
        return "South Korea"
    if _US_RX.search(phrase):
        return "the United States"
    if _ALLIES.search(phrase):
        return "allies"
    other = _OTHER.search(phrase)
    return other.group(0) if other else ""


def addressee_of(text: str, cue_start: int, cue_end: int) -> tuple[str, str]:
    """``(addressee, subject)`` from the subject of the cue at ``[cue_start, cue_end)``.

    ``addressee`` is "" when the sentence leaves it to the document's audience (passive,
    impersonal, "we", no actor named).

    Examples
    --------
    >>> from briefkit.forecasts.detection.recommendations import addressee_of
    >>> t = "Efforts must be made by Seoul and Washington to keep talking."
    >>> addressee_of(t, t.index("must"), t.index("must") + 4)
    ('both', 'Seoul and Washington to keep talking')
    >>> t = "Strategic investments should be made in chips."
    >>> addressee_of(t, t.index("should"), t.index("should") + 6)[0]
    ''
    """
    before = text[max(0, cue_start - 200):cue_start]
    cuts = [m.end() for m in _SUBJECT_CUT.finditer(before)]
    subject = before[cuts[-1] if cuts else 0:].strip(" \"'“”*")
    after = text[cue_end:cue_end + 200]
    head = _HEAD_CUT.split(" " + subject, maxsplit=1)[0].strip()  # "An assessment of X" -> "An assessment"
    if _EXPERIENCER.match(after) and _party(head):  # "South Korea must not be swayed by ..."
        return _party(head), subject
    if _PASSIVE.match(after):
        agent = _BY_AGENT.match(after)
        if agent:
            return _party(agent.group(1)), agent.group(1)
        if _JOINT.match(after) and _party(text) == "both":
            return "both", subject  # "... must be discussed together / included in ROK-U.S. dialogue"
        return "", subject
    if not subject or _WE.match(subject) or _IMPERSONAL.match(subject):
        return "", subject
    return _party(head), subject


def _audience(docs: pd.DataFrame | None, found: pd.DataFrame) -> dict[str, str]:
    explicit = found[found["addressee"] != ""]
    counts = explicit.groupby(["doc_id", "addressee"]).size().reset_index(name="n")
    counts = counts.sort_values(["doc_id", "n", "addressee"], ascending=[True, False, True])
    out = dict(counts.drop_duplicates("doc_id")[["doc_id", "addressee"]].itertuples(index=False))
    if docs is not None and "audience" in docs.columns:
        for d, a in zip(docs["doc_id"].astype(str), docs["audience"].fillna("").astype(str)):
            if a.strip():
                out[d] = a.strip()
    return out


def _targets(sents: pd.DataFrame, targets: pd.DataFrame | None) -> dict[tuple, list[str]]:
    from briefkit.stance.targets import find_mentions, load_targets

    targets = load_targets() if targets is None else targets
    order = list(dict.fromkeys(targets["target"]))
    m = find_mentions(sents[["doc_id", "sent_id", "start", "end", "text"]], targets, drop_headings=False)
    out: dict[tuple, list[str]] = {}
    for (d, s), g in m.groupby(["doc_id", "sent_id"], sort=False):
        out[(d, int(s))] = sorted(set(g["target"]), key=order.index)
    return out


def recommendations(sents: pd.DataFrame, docs: pd.DataFrame | None = None, *,
                    targets: pd.DataFrame | None = None, classified: pd.DataFrame | None = None,
                    client=None) -> pd.DataFrame:
    """One row per recommendation sentence (see the module docs for the rules).

    Parameters
    ----------
    sents : DataFrame
        Sentences (``doc_id, sent_id, start, end, text``; ``is_heading`` optional).
    docs : DataFrame, optional
        Documents; an ``audience`` column, when present, names each document's audience.
    targets : DataFrame, optional
        Stance targets (:func:`briefkit.stance.targets.load_targets`); default the packaged ones.
    classified : DataFrame, optional
        ``classify_sentences(sents)``, when already computed.
    client : dask.distributed.Client, optional
        Classify the sentences on this Dask cluster (when ``classified`` is not given); the
        table is identical.

    Returns
    -------
    DataFrame
        :data:`RECOMMENDATION_COLUMNS` then ``modality`` (deontic | option),
        ``addressee_from`` (sentence | audience | none), ``target_from`` (sentence | context |
        none), ``subject`` and ``sentence_type``; document order.
    """
    require_columns(sents, ["doc_id", "sent_id", "start", "end", "text"], name="sents")
    if classified is None:
        from briefkit.forecasts.detection.detect import classify_sentences

        classified = classify_sentences(sents, client=client)
    cls = classified.sort_values(["doc_id", "sent_id"], kind="stable")
    tmap = _targets(cls, targets)
    rows, prev_targets, prev_doc = [], [], None
    for r in cls.itertuples(index=False):
        if r.doc_id != prev_doc:
            prev_targets, prev_doc = [], r.doc_id
        here = tmap.get((r.doc_id, int(r.sent_id)), [])
        if r.rec_cue:
            who, subject = addressee_of(r.text, int(r.rec_cue_start), int(r.rec_cue_end))
            tg, tfrom = (here, "sentence") if here else (prev_targets, "context" if prev_targets else "none")
            rows.append({"rec_id": rec_id(r.doc_id, r.text), "doc_id": r.doc_id, "sent_id": int(r.sent_id),
                         "start": int(r.start), "end": int(r.end), "text": r.text, "addressee": who,
                         "target": "; ".join(tg), "cue": r.rec_cue, "modality": r.rec_modality,
                         "addressee_from": "sentence" if who else "", "target_from": tfrom,
                         "subject": subject, "sentence_type": r.sentence_type})
        if here:
            prev_targets = here
    cols = RECOMMENDATION_COLUMNS + _EXTRA
    out = pd.DataFrame(rows, columns=cols)
    if out.empty:
        return out.astype({c: "int64" for c in ("sent_id", "start", "end")}).astype(
            {c: "str" for c in cols if c not in ("sent_id", "start", "end")})
    out = out.drop_duplicates("rec_id", keep="first").reset_index(drop=True)
    audience = _audience(docs, out)
    blank = out["addressee"] == ""
    out.loc[blank, "addressee"] = out.loc[blank, "doc_id"].map(audience).fillna("unspecified")
    out.loc[blank, "addressee_from"] = [
        "audience" if d in audience else "none" for d in out.loc[blank, "doc_id"]]
    return out
