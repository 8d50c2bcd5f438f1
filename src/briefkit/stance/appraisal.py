"""Rule-based stance annotator for policy prose: the author's position toward a target, with its cues.

For every (sentence, target) mention :func:`annotate` decides a stance (+1 favourable, -1
unfavourable, 0 none) and a holder (``author``, ``other``, ``none``) by the codebook
(``briefkit/data/stance_codebook.md``) and keeps the words that decided it with their offsets.
Offline, no model, linear in the length of the sentence; the rules, in order:

1. **Tokens and clauses.** Words and punctuation with their offsets (one pass of a regex without
   nested quantifiers). Clauses end at ``;`` ``:``, a spaced dash, and before *but, however, yet*
   (contrast) and *although, though, despite, whereas, while, amid(st)* (concession).
2. **Attribution.** A reporting cue (*says, claims, argues, according to, stated* …; lexicon kind
   ``report``) in the target's clause or in the clause that introduces it, unless its subject is
   *I*/*we*, or the target inside double quotation marks → holder ``other``, stance 0: the
   evaluation belongs to someone else (the codebook's "reported without endorsement").
3. **Direction of change.** A change word (lexicon kind ``change``: *strengthen, expand, keep* +1;
   *reduce, withdraw, abandon, deter* -1) right before the target (function words and at most one
   other word between) gives its direction toward the target: "we should reduce tariffs" -1
   toward tariffs; chained change words multiply ("oppose the closure of X" = +1 toward X). After
   the target as a passive ("X should be strengthened") it counts the same. If the clause then
   evaluates that phrase ("cutting the grant would *hurt* students") the evaluation multiplies the
   direction. It is the author's stance only when the author wants the change (a deontic word such
   as *should, must, need* before it, a first-person subject, an imperative, an evaluated phrase)
   or frames the target as a threat to deter (*deter, contain, anti-*); "instead of cutting X"
   reverses the direction (+1 toward X); someone else's change
   ("Washington agreed to reduce tariffs") is description.
4. **Evaluation.** Otherwise the evaluative words (lexicon kind ``eval``) linked to the target in
   its clause (adjacent, across a link verb, or by a preposition: "threats *from* X") are summed;
   the sign is the stance. An actor that is the clause's subject and *does* harm ("Beijing
   retaliated", "X could overturn the agreement") is -1 (the codebook's rule for actors); acts
   against a threat (*deter, contain*) and harms the subject undergoes (*facing* challenges) are
   not. A list member inherits its head's evaluation ("challenges such as X").
5. **Negation** (*not, no, never, far from, lack* … within three words before a cue) reverses a
   cue. **Contrast and concession**: only the target's clause counts, except that a following
   clause whose subject is a pronoun (*it, its, they, this*) continues the evaluation of the target
   ("although the agreement has flaws, *it* is a major achievement": the main clause decides).
6. **Description.** No cue → stance 0, holder ``none``: descriptions and predictions without
   evaluation.

Target words are never cues of their own stance ("burden-sharing" does not evaluate itself).
"""

from __future__ import annotations

import re

import pandas as pd

from briefkit.errors import require_columns
from briefkit.stance.lexicon import LEXICON_KINDS, lexicon_index, lexicon_lookup, load_appraisal_lexicon

__all__ = ["load_appraisal_lexicon", "annotate", "annotate_mentions", "LEXICON_KINDS"]

_TOKEN = re.compile(r"\w+(?:['’]\w+)?|[^\w\s]")
_CONCESSIVE = frozenset({"although", "though", "despite", "whereas", "while", "amid", "amidst"})
_CONTRAST = frozenset({"but", "however", "yet"})
_BREAK = frozenset({";", ":"})
_DASHES = frozenset({"-", "–", "—"})
_PRONOUN_SUBJECT = frozenset({"it", "its", "they", "their", "this", "these", "that", "he", "his", "she", "her"})
_FIRST_PERSON = frozenset({"i", "we", "my", "our"})
_BE = frozenset({"be", "been", "being", "is", "are", "was", "were", "remain", "remains"})
_OPEN_Q, _CLOSE_Q = frozenset({"“", '"'}), frozenset({"”", '"'})
_GOVERN_GAP, _EVAL_WINDOW, _NEG_WINDOW = 4, 6, 3
_SUBJECT_START = frozenset({"the", "a", "an", "this", "that", "any", "further", ",", "of"})
_LINK = frozenset({"is", "are", "was", "were", "be", "been", "being", "remains", "remain", "remained",
                   "seems", "seem", "seemed", "become", "becomes", "became", "proved", "proves",
                   "appears", "looks", "'s", "’s", "poses", "posed", "presents", "offers", "has", "have",
                   "had", "would", "will", "could", "may", "might", "can", "does", "did", "lacks"})
_FUNCTION = frozenset({"the", "a", "an", "its", "their", "our", "his", "her", "your", "this", "these",
                       "that", "those", "of", "to", "on", "in", "with", "from", "for", "-", "’s", "'s",
                       "further", "all", "any", "some", "more", "u", "s", ".", "current", "existing"})
_UNDERGO = frozenset({"face", "faces", "facing", "faced", "endure", "endures", "suffer", "suffers",
                      "suffered", "relief"})
_DEFENSIVE = frozenset({"deter", "deterring", "deterrence", "contain", "counter", "anti",
                        "curb", "curbing", "limit", "resist", "resisting"})
_DEONTIC = frozenset({"should", "must", "need", "needs", "ought", "necessary", "imperative",
                      "important", "essential", "recommend", "recommends", "propose", "proposes",
                      "urge", "urges", "let", "shall"})
_OF = frozenset({"of", "from", "by", "toward", "towards", "to", "with", "against", "for", "on",
                 "posed", "under"})


def clause_start_at_zero(ids: list[int], cur: int) -> bool:
    return cur == 0 or (bool(ids) and ids[0] == cur)


def _clauses(words: list[str], gaps: list[bool]) -> tuple[list[int], list[str]]:
    """Clause number of every token and each clause's kind (main | contrast | concessive)."""
    ids, kinds, cur = [], ["main"], 0
    for i, w in enumerate(words):
        new = None
        if w in _BREAK or (w in _DASHES and gaps[i]):
            new = "main"
        elif w in _CONTRAST and i > 0:
            new = "contrast"
        elif w in _CONCESSIVE and (i == 0 or words[i - 1] in {",", "even"}):
            new = "concessive"
        elif w == "," and kinds[cur] == "concessive" and clause_start_at_zero(ids, cur):
            new = "main"  # "Although X, Y": the first comma ends a leading concession
        if new is not None and i > 0:
            cur += 1
            kinds.append(new)
        elif new is not None:
            kinds[0] = new
        ids.append(cur)
    return ids, kinds


def _negated(words, clause, i) -> bool:
    for j in range(max(0, i - _NEG_WINDOW), i):
        if words[j] == "not" and j + 1 < len(words) and words[j + 1] == "only":
            continue
        if clause[j] == clause[i] and (words[j] in {"not", "no", "never", "cannot", "without",
                                                    "neither", "nor", "nobody", "lack", "lacks",
                                                    "lacking"} or words[j].endswith("n't")
                                       or (words[j] == "far" and j + 1 < i and words[j + 1] == "from")):
            return True
    return False


def annotate(text: str, spans, *, lexicon: pd.DataFrame | None = None) -> dict:
    """Annotate one mention: stance, holder, the rule that decided and the cues with offsets.

    Parameters
    ----------
    text : str
        The sentence.
    spans : list of (start, end)
        Offsets of the target's words in ``text``.
    lexicon : DataFrame, optional
    client : dask.distributed.Client, optional
        Annotate on this Dask cluster, a slice of the mentions per task; the table is identical.
        From :func:`load_appraisal_lexicon`; default the packaged one.

    Returns
    -------
    dict
        ``stance`` (-1, 0, 1), ``holder`` (author, other, none), ``rule`` and ``cues``
        ("word[kind polarity]@start-end; …", offsets into ``text``).

    Examples
    --------
    >>> from briefkit.stance.appraisal import annotate
    >>> t = "Seoul should reduce tariffs."
    >>> annotate(t, [(20, 27)])["stance"], annotate(t, [(20, 27)])["cues"]
    (-1, 'reduce[change -1]@13-19')
    >>> annotate("Critics argue the levy is unfair.", [(18, 22)])["holder"]
    'other'
    """
    lex = load_appraisal_lexicon() if lexicon is None else lexicon
    index = lexicon_index(tuple(zip(lex["term"], lex["kind"], lex["polarity"].astype(int))))
    toks = [(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text or "")]
    words = [w for _, _, w in toks]
    gaps = [(s > 0 and text[s - 1].isspace()) and (e < len(text) and text[e].isspace())
            for s, e, _ in toks]
    clause, kinds = _clauses(words, gaps)
    spans = sorted((int(a), int(b)) for a, b in spans)
    in_target, quoted, inside, k = [], [], False, 0
    for s, e, w in toks:
        while k < len(spans) and spans[k][1] <= s:
            k += 1
        in_target.append(k < len(spans) and spans[k][0] < e)
        if w in _OPEN_Q and not inside:
            inside = True
        elif w in _CLOSE_Q and inside:
            inside = False
        quoted.append(inside)
    tpos = [i for i, t in enumerate(in_target) if t]
    if not tpos:
        return {"stance": 0, "holder": "none", "rule": "target not found in text", "cues": ""}
    cues = [None] * len(words)
    i = 0
    while i < len(words):  # phrases of two words first, then single words
        pair = index[2].get(tuple(words[i:i + 2]))
        if pair is not None and not any(in_target[i:i + 2]):
            cues[i] = (*pair, toks[i][0], toks[i + 1][1], f"{words[i]} {words[i + 1]}")
            i += 2
            continue
        hit = None if in_target[i] else lexicon_lookup(words[i], index)
        if hit is not None and hit[0] == "change" and words[i].endswith(("ly", "ity", "ities")):
            hit = None  # "increasingly", "securely": adverbs, not a change of the target
        if hit is not None:
            cues[i] = (*hit, toks[i][0], toks[i][1], text[toks[i][0]:toks[i][1]])
        i += 1
    first, last = tpos[0], tpos[-1]
    tclauses = sorted({clause[p] for p in tpos})

    def cue_str(i, pol):
        kind, _, s, e, w = cues[i]
        return f"{w}[{kind} {pol:+d}]@{s}-{e}" if kind in ("eval", "change") else f"{w}[{kind}]@{s}-{e}"

    # 2. attribution
    scope = set(tclauses) | {c - 1 for c in tclauses if c > 0 and kinds[c] == "main"}
    first_person = []  # is there an I/we earlier in the same clause? (one pass: linear time)
    for i, w in enumerate(words):
        same = i > 0 and clause[i - 1] == clause[i]
        first_person.append(same and (first_person[-1] or words[i - 1] in _FIRST_PERSON))
    for i, c in enumerate(cues):
        if c is not None and c[0] == "report" and clause[i] in scope and i < last + 8:
            if not first_person[i]:
                return {"stance": 0, "holder": "other", "rule": "attributed", "cues": cue_str(i, 0)}
    if quoted[first]:
        return {"stance": 0, "holder": "other", "rule": "target inside a quotation", "cues": ""}

    def pol(i):
        p = cues[i][1]
        return -p if _negated(words, clause, i) else p

    # 3. direction of change governing the target
    direction, gov = 1, []
    j = first - 1
    content = 0  # words between a change word and the target: function words and one modifier
    while j >= 0 and first - j <= _GOVERN_GAP + 1 + len(gov) and clause[j] == clause[first]:
        if cues[j] is not None and cues[j][0] == "change":
            gov.append(j)
            direction *= pol(j)
        elif words[j] not in _FUNCTION:
            content += 1
            if content > 1 or not words[j].isalpha():
                break
        j -= 1
    possessive = words[last].endswith(("'s", "’s"))
    if not gov and not possessive:
        for j in range(last + 1, min(len(words), last + 7)):
            if clause[j] != clause[last]:
                break
            if (cues[j] is not None and cues[j][0] == "change" and words[j].endswith(("ed", "en"))
                    and (words[j - 1] in _BE or (words[j - 1].endswith("ly") and words[j - 2] in _BE))):
                gov.append(j)  # passive: "X should be strengthened"
                direction = pol(j)
                break
    if gov:
        rule = "direction of change governs the target"
        head = min(gov)
        if head < first and (head == 0 or words[head - 1] in _SUBJECT_START):
            # the change phrase is a subject ("cutting the grant would hurt"): its predicate evaluates it
            later = [i for i in range(last + 1, min(len(words), last + _EVAL_WINDOW + 1))
                     if clause[i] == clause[last] and cues[i] is not None and cues[i][0] == "eval"]
            if later:
                direction *= pol(later[0])
                gov.append(later[0])
                rule += ", and the phrase is evaluated"
        cstart = next(i for i, c in enumerate(clause) if c == clause[head])
        if words[max(0, head - 2):head] in (["instead", "of"], ["rather", "than"]):
            direction, rule = -direction, rule + ", rejected by 'instead of'"  # the author opposes it
        wished = "instead of" in rule or (any(w in _DEONTIC for w in words[cstart:head]) or first_person[head]
                  or head == cstart or "evaluated" in rule
                  or any(words[g] in _DEFENSIVE for g in gov))
        if wished:  # the author wants the change (or frames the target as a threat to deter)
            return {"stance": direction, "holder": "author", "rule": rule,
                    "cues": "; ".join(cue_str(i, pol(i)) for i in sorted(gov))}
        # otherwise someone else's change ("Washington agreed to reduce tariffs"): a description

    # 4-5. evaluation linked to the target within its clause (or a pronoun-led following clause)
    near = [i for i in range(max(0, first - _EVAL_WINDOW), min(len(words), last + _EVAL_WINDOW + 1))
            if clause[i] in tclauses and cues[i] is not None and cues[i][0] == "eval"
            and _linked(words, i, first, last)]
    nxt = max(tclauses) + 1
    if nxt < len(kinds) and kinds[nxt] in ("main", "contrast"):
        body = [i for i, c in enumerate(clause) if c == nxt and words[i] not in _CONTRAST and words[i] != ","]
        if body and words[body[0]] in _PRONOUN_SUBJECT:
            follow = [i for i in body if cues[i] is not None and cues[i][0] == "eval"]
            if follow:
                near = follow
    if not near and not possessive:  # an actor as subject doing harm: "Beijing retaliated", "X could overturn Y"
        cstart = next(i for i, c in enumerate(clause) if c == clause[first])
        lead = [w for w in words[cstart:first] if w not in _SUBJECT_START and w not in _CONTRAST
                and w not in _CONCESSIVE and w not in {"president", "mr", "ms", "however", "then"}]
        later = [i for i in range(last + 1, len(words)) if clause[i] == clause[last]
                 and cues[i] is not None and cues[i][0] in ("eval", "change")]
        undergo = later and any(w in _UNDERGO for w in words[last + 1:later[0]])
        if (not lead and later and pol(later[0]) < 0 and not undergo and words[later[0]] not in _DEFENSIVE
                and not _negated(words, clause, later[0])):
            return {"stance": -1, "holder": "author", "rule": "the target, as subject, does harm",
                    "cues": cue_str(later[0], pol(later[0]))}
    if not near:  # a list member inherits the evaluation of its head: "challenges such as X"
        for j in range(first - 1, max(-1, first - 40), -1):
            if clause[j] != clause[first] and words[j] not in _DASHES:
                break
            if (words[j] == "including" or (words[j] == "as" and j > 0 and words[j - 1] == "such")
                    or words[j] == "like"):
                k0 = j - 2 if words[j] == "as" else j - 1
                near = [i for i in range(max(0, k0 - 5), k0 + 1)
                        if cues[i] is not None and cues[i][0] == "eval"][-1:]
                break
    total = sum(pol(i) for i in near)
    if total == 0 and near:  # a tie: the cue nearest the target decides
        nearest = min(near, key=lambda i: (min(abs(i - first), abs(i - last)), i))
        total = pol(nearest)
        near = [nearest]
    if total == 0:
        return {"stance": 0, "holder": "none", "rule": "no evaluative cue: description", "cues": ""}
    return {"stance": 1 if total > 0 else -1, "holder": "author", "rule": "evaluation linked to the target",
            "cues": "; ".join(cue_str(i, pol(i)) for i in near)}


def _linked(words, i, first, last) -> bool:
    """Is the cue at ``i`` said of the target? Adjacent, across a link verb, or by a preposition."""
    if i > last:
        between = words[last + 1:i]
        if any(w in _UNDERGO for w in between):
            return False  # "X is facing challenges": a harm X undergoes, not a judgement of X
        return (len(between) <= 1 or any(w in _LINK for w in between)
                or (bool(between) and between[0] in {"'s", "’s", "'", "’"}))
    between = words[i + 1:first]
    return len(between) <= 1 or between[0] in _OF


def _parse_spans(value) -> list[tuple[int, int]]:
    return [tuple(int(x) for x in part.split("-")) for part in str(value).split(";") if part]


def _annotate_rows(pairs, lex) -> list[dict]:
    return [annotate(t if isinstance(t, str) else "", _parse_spans(s), lexicon=lex) for t, s in pairs]


def _annotate_part(task) -> list[dict]:
    return _annotate_rows(*task)


def annotate_mentions(mentions: pd.DataFrame, *, lexicon: pd.DataFrame | None = None,
                      client=None) -> pd.DataFrame:
    """Add ``stance_auto, holder_auto, rule, cues`` to a mentions table.

    Parameters
    ----------
    mentions : DataFrame
        From :func:`briefkit.stance.targets.find_mentions` (``text``, ``spans``).
    lexicon : DataFrame, optional

    Returns
    -------
    DataFrame
        A copy of ``mentions`` with the four columns appended (see :func:`annotate`).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.appraisal import annotate_mentions
    >>> m = pd.DataFrame({"text": ["The alliance must be strengthened."], "spans": ["4-12"]})
    >>> annotate_mentions(m)[["stance_auto", "holder_auto"]].values.tolist()
    [[1, 'author']]
    """
    require_columns(mentions, ["text", "spans"], name="mentions")
    lex = load_appraisal_lexicon() if lexicon is None else lexicon
    out = mentions.copy()
    pairs = list(zip(mentions["text"], mentions["spans"]))
    if client is None:
        res = _annotate_rows(pairs, lex)
    else:
        from briefkit.jobs import cluster_parts, cut_points, map_jobs

        shared = client.scatter(lex, broadcast=True)
        pieces = cut_points(range(len(pairs)), parts=cluster_parts(client))
        res = [r for part in map_jobs(_annotate_part, [(pairs[a:b], shared) for a, b in pieces], client=client)
               for r in part]
    out["stance_auto"] = pd.Series([r["stance"] for r in res], index=mentions.index, dtype="int64")
    for col, key in (("holder_auto", "holder"), ("rule", "rule"), ("cues", "cues")):
        out[col] = pd.Series([r[key] for r in res], index=mentions.index, dtype="str")
    return out
