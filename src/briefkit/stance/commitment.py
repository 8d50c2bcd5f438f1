"""Author commitment: hedges, boosters and modal verbs per sentence, and a profile per group.

The lexicon (``briefkit/data/commitment_lexicon.csv``) lists hedges and
boosters based on Hyland (2005, *Metadiscourse*, appendix) and central
modal verbs after Biber et al. (1999), with a weight per item (1 = core,
0.5 = often literal in policy prose, such as "found" or "claims"). Read its
header for scope.

Rules (all in :func:`commitment_scores`):

- Sentences are tokenized with :func:`briefkit.corpus.tokens.token_spans`; lexicon
  entries of several words match token sequences, longest first, without
  overlap inside one category.
- A booster with a negator among the three tokens before it ("not clear",
  "cannot be certain") is counted as a hedge.
- "May" written with a capital next to a number is a month, not a modal;
  "will", "might" and "may" right after a determiner, possessive or one of a
  few adjectives ("political will", "military might") are nouns.
- A sentence is *hedged* when its hedge weights sum to at least 1, *boosted*
  likewise for boosters. Modal verbs are counted per 1,000 word tokens.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from briefkit.errors import BriefkitError
from briefkit.stance.stance import OK, TOO_FEW
from briefkit.uncertainty import bootstrap_ci
from briefkit.corpus.tokens import token_spans

__all__ = ["load_commitment_lexicon", "commitment_scores", "commitment_profile"]

CATEGORIES = ("hedge", "booster", "modal")
_NEGATORS = frozenset({"not", "no", "never", "cannot", "nor", "hardly", "without", "neither"})
_NOUN_BEFORE = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "your", "my",
                          "political", "military", "economic", "naval", "industrial", "national",
                          "free", "good", "ill", "own", "sheer", "full", "popular", "public"})
_NOUN_MODALS = frozenset({"will", "might", "may"})


def load_commitment_lexicon(path=None) -> pd.DataFrame:
    """Load the hedge/booster/modal lexicon (packaged default, or a CSV with the same columns).

    Returns
    -------
    DataFrame
        ``term, category, weight, source, note``.

    Examples
    --------
    >>> from briefkit.stance.commitment import load_commitment_lexicon
    >>> lex = load_commitment_lexicon()
    >>> sorted(lex["category"].unique())
    ['booster', 'hedge', 'modal']
    """
    if path is None:
        source = "briefkit/data/commitment_lexicon.csv"
        text = resources.files("briefkit").joinpath("data/commitment_lexicon.csv").read_text("utf-8")
    else:
        source = str(path)
        text = Path(path).read_text("utf-8-sig")
    lines = [ln for ln in text.splitlines() if not ln.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    need = ["term", "category", "weight", "source", "note"]
    if not rows or list(rows[0].keys()) != need:
        raise BriefkitError(f"{source}: header must be {','.join(need)}")
    for i, r in enumerate(rows, start=2):
        if r["category"] not in CATEGORIES:
            raise BriefkitError(f"{source}: row {i}: category must be one of {CATEGORIES}, "
                                f"got {r['category']!r}")
        try:
            w = float(r["weight"])
        except ValueError:
            raise BriefkitError(f"{source}: row {i}: weight {r['weight']!r} is not a number") from None
        if not (w > 0) or not r["term"].strip():
            raise BriefkitError(f"{source}: row {i}: need a term and a positive weight")
    out = pd.DataFrame(rows, columns=need)
    out["term"] = out["term"].str.strip().str.lower()
    out["weight"] = out["weight"].astype("float64")
    return out


@lru_cache(maxsize=8)
def _index(items: tuple[tuple[str, str, float], ...]):
    """``{"stance": {tokens: (category, weight)}, "modal": {...}}`` and the longest entry of each.

    Hedges and boosters share one table so that a longer entry of one
    category wins over a shorter one of the other ("no doubt" is a booster,
    not the hedge "doubt").
    """
    index: dict[str, dict[tuple[str, ...], tuple[str, float]]] = {"stance": {}, "modal": {}}
    for term, cat, weight in items:
        index["modal" if cat == "modal" else "stance"][tuple(term.split())] = (cat, weight)
    maxlen = {k: max((len(t) for t in d), default=1) for k, d in index.items()}
    return index, maxlen


def _is_noun_use(tokens, raw, i) -> bool:
    tok = tokens[i]
    if tok not in _NOUN_MODALS:
        return False
    if i > 0 and tokens[i - 1] in _NOUN_BEFORE:
        return True
    if tok == "may" and raw[i][:1] == "M":
        near = [tokens[j] for j in (i - 1, i + 1) if 0 <= j < len(tokens)]
        return any(t[:1].isdigit() for t in near)
    return False


def _match(tokens, raw, table, maxlen):
    """Longest-first, non-overlapping matches: ``[(position, term, category, weight)]``."""
    found, i = [], 0
    while i < len(tokens):
        for n in range(min(maxlen, len(tokens) - i), 0, -1):
            key = tuple(tokens[i:i + n])
            if key in table and not (n == 1 and _is_noun_use(tokens, raw, i)):
                found.append((i, " ".join(key), *table[key]))
                i += n
                break
        else:
            i += 1
    return found


def _score_text(text, index, maxlen):
    spans = token_spans(text)
    tokens = [t for _, _, t in spans]
    raw = [text[s:e] for s, e, _ in spans]
    hedges, boosters = [], []
    for i, term, cat, w in _match(tokens, raw, index["stance"], maxlen["stance"]):
        if cat == "hedge":
            hedges.append((i, term, w))
        elif any(t in _NEGATORS or t.endswith("n't") for t in tokens[max(0, i - 3):i]):
            hedges.append((i, f"not {term}", w))
        else:
            boosters.append((i, term, w))
    modals = [(i, term, w) for i, term, _, w in _match(tokens, raw, index["modal"], maxlen["modal"])]
    return len(tokens), hedges, boosters, modals


def commitment_scores(sents: pd.DataFrame, *, text_col: str = "text",
                      lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Count hedges, boosters and modal verbs in every sentence.

    Parameters
    ----------
    sents : DataFrame
        Any table with ``text_col`` (usually sentences).
    text_col : str, default "text"
    lexicon : DataFrame, optional
        From :func:`load_commitment_lexicon`; default the packaged one.

    Returns
    -------
    DataFrame
        ``sents`` plus ``n_words, n_hedges, n_boosters, n_modals,
        hedge_weight, booster_weight, hedged, boosted`` and the matched items
        ``hedges, boosters, modals`` ("; "-joined).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.commitment import commitment_scores
    >>> s = pd.DataFrame({"text": ["It is not clear; tariffs may possibly rise."]})
    >>> commitment_scores(s)[["n_hedges", "n_boosters", "n_modals", "hedges"]].values.tolist()
    [[3, 0, 1, 'not clear; may; possibly']]
    """
    if text_col not in sents.columns:
        raise KeyError(f"text_col={text_col!r} is not a column of sents")
    lex = load_commitment_lexicon() if lexicon is None else lexicon
    index, maxlen = _index(tuple(zip(lex["term"], lex["category"], lex["weight"].astype(float))))
    cols: dict[str, list] = {k: [] for k in ("n_words", "n_hedges", "n_boosters", "n_modals",
                                             "hedge_weight", "booster_weight", "hedged", "boosted",
                                             "hedges", "boosters", "modals")}
    for text in sents[text_col]:
        n, hedges, boosters, modals = _score_text(text if isinstance(text, str) else "", index, maxlen)
        hw, bw = sum(w for *_, w in hedges), sum(w for *_, w in boosters)
        for key, value in (("n_words", n), ("n_hedges", len(hedges)), ("n_boosters", len(boosters)),
                           ("n_modals", len(modals)), ("hedge_weight", float(hw)),
                           ("booster_weight", float(bw)), ("hedged", hw >= 1), ("boosted", bw >= 1),
                           ("hedges", "; ".join(t for _, t, _ in hedges)),
                           ("boosters", "; ".join(t for _, t, _ in boosters)),
                           ("modals", "; ".join(t for _, t, _ in modals))):
            cols[key].append(value)
    out = sents.copy()
    dtypes = {"hedged": "bool", "boosted": "bool", "hedges": "str", "boosters": "str", "modals": "str",
              "hedge_weight": "float64", "booster_weight": "float64"}
    for key, values in cols.items():
        out[key] = pd.Series(values, index=sents.index, dtype=dtypes.get(key, "int64"))
    return out


def commitment_profile(scored: pd.DataFrame, groups: pd.DataFrame, *, min_sentences: int = 3,
                       n_boot: int = 2000, ci: float = 0.95, seed: int = 0,
                       drop_headings: bool = True) -> pd.DataFrame:
    """Per group: share of hedged and boosted sentences and modal verbs per 1,000 words.

    Parameters
    ----------
    scored : DataFrame
        From :func:`commitment_scores` on sentences (needs ``doc_id``).
    groups : DataFrame
        ``doc_id, group`` from :func:`briefkit.groups.document_groups`.
    min_sentences : int, default 3
        Groups with fewer (non-heading, non-empty) sentences get status "too few mentions"
        and NaN estimates.
    n_boot, ci, seed : bootstrap over sentences (percentile intervals).
    drop_headings : bool, default True
        Ignore rows with ``is_heading`` true.

    Returns
    -------
    DataFrame
        ``group, n_docs, n_sentences, n_words, hedged_share, hedged_ci_low,
        hedged_ci_high, boosted_share, boosted_ci_low, boosted_ci_high,
        modals_per_1000, modals_ci_low, modals_ci_high, status``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.commitment import commitment_scores, commitment_profile
    >>> s = commitment_scores(pd.DataFrame({"doc_id": ["a"] * 3,
    ...     "text": ["It may rain.", "It will clearly rain.", "Rain."]}))
    >>> p = commitment_profile(s, pd.DataFrame({"doc_id": ["a"], "group": ["Kim"]}), n_boot=200)
    >>> p[["n_sentences", "n_words", "modals_per_1000"]].to_dict("records")
    [{'n_sentences': 3, 'n_words': 8, 'modals_per_1000': 250.0}]
    """
    need = ["doc_id", "n_words", "n_modals", "hedged", "boosted"]
    missing = [c for c in need if c not in scored.columns]
    if missing:
        raise KeyError(f"scored is missing column(s) {missing}; build it with commitment_scores()")
    if not {"doc_id", "group"} <= set(groups.columns):
        raise KeyError("groups must have columns doc_id and group")
    use = scored.loc[scored["n_words"] > 0]
    if drop_headings and "is_heading" in use.columns:
        use = use.loc[~use["is_heading"].astype(bool)]
    merged = use.astype({"doc_id": "str"}).merge(
        groups[["doc_id", "group"]].astype({"doc_id": "str", "group": "str"}), on="doc_id")
    cells = {k: v for k, v in merged.groupby("group", sort=True)}
    rows = []
    for group in sorted(groups["group"].astype(str).unique()):
        cell = cells.get(group)
        n = 0 if cell is None else len(cell)
        n_docs = 0 if cell is None else cell["doc_id"].nunique()
        words = 0 if cell is None else int(cell["n_words"].sum())
        est = [np.nan] * 9
        status = TOO_FEW
        if n >= min_sentences:
            est = [*bootstrap_ci(cell["hedged"].astype(float), n_boot=n_boot, level=ci, seed=seed,
                                 key=f"{group}\x1fhedged"),
                   *bootstrap_ci(cell["boosted"].astype(float), n_boot=n_boot, level=ci, seed=seed,
                                 key=f"{group}\x1fboosted"),
                   *(1000 * v for v in bootstrap_ci(cell["n_modals"], denominators=cell["n_words"],
                                                    n_boot=n_boot, level=ci, seed=seed,
                                                    key=f"{group}\x1fmodals"))]
            status = OK
        rows.append((group, n_docs, n, words, *est, status))
    cols = ["group", "n_docs", "n_sentences", "n_words", "hedged_share", "hedged_ci_low",
            "hedged_ci_high", "boosted_share", "boosted_ci_low", "boosted_ci_high",
            "modals_per_1000", "modals_ci_low", "modals_ci_high", "status"]
    return pd.DataFrame(rows, columns=cols).astype({"n_docs": "int64", "n_sentences": "int64",
                                                    "n_words": "int64"})
