"""Word lists and patterns of the sentence grammar behind :mod:`briefkit.forecasts.detection.detect`.

Every pattern here runs on corpus text, so each is either anchored and bounded or run on a
bounded window (:class:`Sentence` gives windows and prefix counts); none can backtrack
super-linearly (tests/test_linear_time.py measures it).
"""

from __future__ import annotations

import re
from bisect import bisect_left

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
REPORTING = re.compile(  # lower-case verbs only: "the United States will" is no report of "states"
    r"\b(?=(?-i:[a-z]))(?:said|says|claimed|claims|stated|states|promised|promises|pledged|pledges|vowed|vows|warned|"
    r"warns|argued|argues|announced|announces|declared|declares|hinted|hints|insisted|insists|told|"
    r"asserted|asserts|say|admitted|admits|predicted|tweeted|posted|threatened|made\s+it\s+clear|"
    r"makes\s+it\s+clear|tell\s+you|thought|believed|hoped|feared|figured|assumed|wanted|wished|"
    r"wish|wishes|expected)\b(?:\s+[^\s,;:.!?]+){0,16}?\s*$", re.I)
FRAME_AFTER = re.compile(r"^\s+tell\s+(?:you|us)\b", re.I)  # "analysts will tell you that ..." reports a view
_ADVERBS = frozenset("also then later already still never even just only once finally soon again "
                     "thus therefore".split())
WH_EMBEDDED = re.compile(
    r"\b(?:of|to|about|on|over|regarding|know|knows|ask|asks|asking|wonder|question|questions|unclear|"
    r"clear|sure|uncertain|debate)\s+(?:who|whom|what|when|whether|how|where)\b"
    r"(?:\s+[^\s,;:.!?]+){0,6}?\s*$", re.I)
POSSIBLE_IDIOM_BEFORE = re.compile(r"(?:\bas\s+\w+\s+as|\b(?:whenever|wherever|where|if|when)|"
                                    r"\bmade|\bmake(?:\s+it)?|\bmakes(?:\s+it)?)\s*$", re.I)
COUNTERFACTUAL_AFTER = re.compile(r"^\s+(?:and\s+(?:should|could|would|must)\s+)?(?:(?:not|always|never|also|"
                                   r"surely|certainly|[a-z]+ly)\s+)?have\s+(?:been|[a-z]+ed|"
                                   + _IRREGULAR_PP + r")\b", re.I)
EPISTEMIC_MUST = re.compile(r"^\s+(?:(?:surely|certainly|obviously|clearly)\b|be\s+(?:the|a|an|one\s+of\s+the)\s+"
                             r"(?:[a-z]+est|most|best|worst|only)\b)", re.I)  # "must surely be", "must be the greatest"
RELATIVE_PROGRESSIVE = re.compile(r"^\s+be\s+[a-z]+ing\b", re.I)
RHETORICAL_LET = re.compile(r"^\s+(?:see|be\s+(?:clear|honest|frank))\b", re.I)
WILL_NOUN_BEFORE = frozenset("the political good free ill own his her their its our a of popular "
                              "strong no people's".split())
MONTH_PREP = frozenset("in of since until by early mid late from through during last next this "
                        "until before after".split())
_NEG_AFTER = re.compile(r"^(?:\s*[\w'’-]+){0,3}?\s*\b(?:not(?!\s+only)|never|no\s+longer)\b|^\s*n['’]t\b|"
                        r"^(?:\s*[\w'’-]+){0,2}?n['’]t\b", re.I)
_NEG_BEFORE = re.compile(r"\b(?:not|never|cannot|can['’]t|n['’]t)\s+(?:\w+\s+)?$", re.I)
_NEG_INNER = re.compile(r"\b(?:not(?!\s+only)|never|no\s+longer)\b|n['’]t\b", re.I)
_CONDITION_START = re.compile(
    r"\b(?<!as\s)(?<!what\s)(?:even\s+)?(?:if(?!\s+(?:only|any|not|so|necessary|possible|at\s+all)\b)|"
    r"unless|provided\s+that|as\s+long\s+as|in\s+the\s+event\s+(?:that|of)|in\s+case(?:\s+of)?)\b",
    re.I)
INTERROGATIVE = re.compile(r"^\W*(?:who|whom|whose|what|when|where|why|how|which|is|are|was|were|"
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
                        r"raises)?(?:\s*\b(?:a|an|the|some|every|[a-z]+ly)\b)*\s*$", re.I)
LEADING_PREMISE = re.compile(r"\W*(?:given(?:\s+that)?|because|since|as|while|although|though|"
                              r"whereas|despite)\b[^,;–—]*(?:[,;]|\s[–—]\s[^–—]*[–—])", re.I)
LIST_INTRO = re.compile(r"\b(?:possibilit(?:y|ies)|scenarios?|options?|outcomes?|ways?|paths?|"
                         r"following|as\s+follows)\b", re.I)
_AND_BUT_OR_END = re.compile(r"\b(?:and|but|or)$")
_TWO_WORDS = re.compile(r"\W*(?:[A-Za-z]+\W*){0,2}")
_AUX_AFTER_SUBJECT = re.compile(r"\b(?:will|would|shall|could|can|may|might|must|should|is|are|was|"
                                r"were|has|have|had|does|do|did|won['’]t)\b", re.I)



WINDOW = 300  # characters a look-behind or look-ahead pattern may see around a cue


class Sentence:
    """A sentence with the positions per-cue rules need, computed once (linear time).

    Examples
    --------
    >>> from briefkit.forecasts.detection.grammar import Sentence
    >>> s = Sentence("He said (it may rain), and it will.")
    >>> s.tokens_before(9, 2), s.in_parens(12), s.in_parens(30)
    (['He', 'said'], True, False)
    """

    def __init__(self, text: str):
        self.text = text
        self.words = list(_WORD.finditer(text))
        self._word_ends = [m.end() for m in self.words]
        self.commas = [i for i, ch in enumerate(text) if ch == ","]
        self.modals = [m.start() for m in _MODAL_RX.finditer(text)]
        opened = closed = dash = em = 0
        self._parens = [0] * (len(text) + 1)  # prefix: inside ( ... ) or an odd dash aside
        for i, ch in enumerate(text):
            if ch == "(":
                opened += 1
            elif ch == ")":
                closed += 1
            elif ch == "—":
                em += 1
            elif ch == "–" and text[i - 1:i] == " " and text[i + 1:i + 2] == " ":
                dash += 1
            self._parens[i + 1] = int(opened > closed or dash % 2 == 1 or em % 2 == 1)
        self._quoted = [0] * (len(text) + 1)  # prefix: inside “...” or ‘...’ (a quotation)
        dq = sq = 0
        for i, ch in enumerate(text):
            if ch == "“":
                dq += 1
            elif ch == "”":
                dq = max(0, dq - 1)
            elif ch == "‘":
                sq += 1
            elif ch == "’" and sq and not text[i + 1:i + 2].isalpha():
                sq -= 1  # a closing quote, not the apostrophe of "It’s"
            self._quoted[i + 1] = int(dq > 0 or sq > 0)
        lead = len(text) - len(text.lstrip(" \"'“*"))
        self.first_content = lead  # first character that is not a space, quote or asterisk

    def tokens_before(self, pos: int, n: int = 3) -> list[str]:
        """The last ``n`` words ending at or before ``pos``."""
        k = bisect_left(self._word_ends, pos + 1)
        return [m.group(0) for m in self.words[max(0, k - n):k]]

    def in_parens(self, pos: int) -> bool:
        """True inside (...) or a dash-delimited aside."""
        return bool(self._parens[pos])

    def in_quotes(self, pos: int) -> bool:
        """True inside a quotation (curly quotes): someone else's words."""
        return bool(self._quoted[pos])

    def next_comma(self, pos: int) -> int:
        k = bisect_left(self.commas, pos)
        return self.commas[k] if k < len(self.commas) else -1

    def modals_from(self, pos: int) -> list[int]:
        return self.modals[bisect_left(self.modals, pos):]

    def before(self, pos: int, width: int = WINDOW) -> str:
        return self.text[max(0, pos - width):pos]

    def after(self, pos: int, width: int = WINDOW) -> str:
        return self.text[pos:pos + width]


__all__ = [n for n in list(globals()) if n.lstrip("_")[:1].isupper() or n in ("Sentence", "WINDOW")]
