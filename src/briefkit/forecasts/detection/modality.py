"""Modality of a cue: epistemic (a prediction), deontic (an obligation or recommendation) or option.

Only epistemic statements are forecasts.  A deontic cue (*should, must, need to, it is
necessary to*) prescribes; an *option* proposes a course of action without obliging anyone
("Marine Corps units could be further stationed in Pohang", "Korea could consider ...").
English *could* is ambiguous between the two readings; briefkit reads it as an option when

* the verb after it (past adverbs like *also, further, then*) is an agentive policy verb
  (``_OPTION_VERBS``: contribute, provide, station, expand, consider ...) or the passive of one
  ("could be stationed", "could be substituted"), and
* (or *could* is followed by *instead / alternatively / rather*: an alternative course)
* its subject is not a pronoun or demonstrative standing for a situation ("this could lead
  to ..."), nor a third party whose moves the author forecasts rather than advises (Trump,
  China, North Korea, Russia ...): for those *could* stays a possibility (Kent's 50 %).

Everything else about *could* (and *may/might*) is epistemic.  The rules are general English
grammar plus a short verb list; they are not fitted to any corpus.

Examples
--------
>>> from briefkit.forecasts.detection.grammar import Sentence
>>> from briefkit.forecasts.detection.modality import is_option
>>> s = "South Korea could make significant contributions to shipbuilding."
>>> is_option(Sentence(s), s.index("could"), s.index("could") + 5)
True
>>> s = "This could lead to a trade war."
>>> is_option(Sentence(s), s.index("could"), s.index("could") + 5)
False
"""

from __future__ import annotations

import re

from briefkit.forecasts.detection.grammar import Sentence

__all__ = ["MODALITIES", "cue_modality", "is_option", "implied_span"]

MODALITIES = ("epistemic", "deontic", "option", "implied")

_OPTION_VERBS = frozenset("""consider contribute make play serve offer provide propose pursue seek explore
leverage use utilize utilise expand strengthen establish build invest deploy station host adopt develop
launch enhance increase support help cooperate participate join work promote engage initiate negotiate
share assume acquire introduce create form focus emphasize emphasise position present request
purchase buy produce maintain repair substitute replace secure reinforce bolster align coordinate
redeploy relocate transfer assign open allow grant extend conclude sign invite host lead""".split())
_OPTION_PARTICIPLES = frozenset("""considered stationed deployed used utilized utilised substituted replaced
expanded strengthened established reinforced introduced pursued explored leveraged adopted developed
launched enhanced increased shared transferred relocated repurposed assigned redeployed built
maintained repaired offered provided granted extended signed created formed promoted""".split())
_SKIP = frozenset("also further then instead perhaps even additionally potentially directly jointly "
                  "actively gradually partly partially".split())
_SITUATION = re.compile(r"^(?:it|this|that|these|those|there|which|such|what|the\s+(?:move|step|"
                        r"situation|result|policy|deal|decision|change|shift|trend))\b", re.I)
_THIRD_PARTY = re.compile(r"\b(?:Trump|China|Chinese|Beijing|Xi|North\s+Korea|Pyongyang|Kim|Russia|"
                          r"Russian|Moscow|Putin|Iran|he|she|they|prices?|tariffs?|tensions?|costs?|"
                          r"markets?|investors?)\b")
_ACTOR = re.compile(r"\b(?:[A-Z][A-Za-z.’'-]*|we|government|governments|allies|alliance|units|forces|troops|"
                    r"navy|country|countries|both|sides|partners|firms|companies|shipyards|industry|"
                    r"ministry|military|leaders?|officials)\b")
_MAKE_OBJECT = re.compile(r"^(?:\w+\s+){0,2}(?:contributions?|efforts?|investments?|use|commitments?|"
                          r"offers?|proposals?)\b", re.I)
_CLAUSE_CUT = re.compile(r"[,;:(—–]|\b(?:and|but|while|which|who|that|if|because|so)\b", re.I)
_NEXT_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_IMPLIED = re.compile(r"\b(?:prepare|preparing|prepared|brace|bracing|be\s+ready|get\s+ready|"
                      r"in\s+preparation|guard|hedge|plan)\s+(?:for|against)\s+"
                      r"(?:(?:the|a|an|any|possible|potential|likely|future)\s+)*[^,;.]{3,120}", re.I)


def is_option(sent: Sentence, start: int, end: int) -> bool:
    """True when the *could* at ``[start, end)`` proposes a course of action (see module docs)."""
    after = sent.after(end, 80)
    words = [w.lower() for w in _NEXT_WORDS.findall(after)[:5]]
    if words[:1] and words[0] in ("instead", "alternatively", "rather"):
        return True  # "the focus could instead shift to ...": an alternative course is proposed
    while words and words[0] in _SKIP:
        words = words[1:]
    if not words:
        return False
    passive = words[0] == "be" and len(words) > 1 and (
        words[1] in _OPTION_PARTICIPLES or (len(words) > 2 and words[1] in _SKIP
                                            and words[2] in _OPTION_PARTICIPLES))
    if not (passive or words[0] in _OPTION_VERBS):
        return False
    if words[0] == "make" and not _MAKE_OBJECT.match(" ".join(words[1:])):
        return False  # "could make matters worse" is a possibility; "make contributions" a course
    before = sent.before(start, 120)
    cuts = [m.end() for m in _CLAUSE_CUT.finditer(before)]
    subject = before[cuts[-1] if cuts else 0:].strip(" \"'“*")
    if not subject or _SITUATION.match(subject) or _THIRD_PARTY.search(subject):
        return False
    return bool(_ACTOR.search(subject))


def cue_modality(sent: Sentence, d: dict) -> str:
    """``epistemic``, ``deontic`` or ``option`` for a cue match ``d`` (from the cue lexicon)."""
    if d["stype"] == "recommendation":
        return "option" if d["cue_class"] == "suggestion" else "deontic"
    if d["match"].lower() == "could" and is_option(sent, d["start"], d["end"]):
        return "option"
    return "epistemic"


def implied_span(text: str) -> tuple[int, int] | None:
    """The future situation a recommendation prepares for ("must prepare for economic shocks ..."),
    as offsets into ``text``; None when there is none.

    Examples
    --------
    >>> from briefkit.forecasts.detection.modality import implied_span
    >>> t = "Seoul must prepare for economic shocks from early negotiations."
    >>> a, b = implied_span(t); t[a:b]
    'prepare for economic shocks from early negotiations'
    """
    m = _IMPLIED.search(text[:2000])
    return (m.start(), m.end()) if m else None
