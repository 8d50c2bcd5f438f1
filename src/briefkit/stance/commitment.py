"""Author commitment, in four separate categories: certainty, uncertainty, obligation, possibility.

The lexicon (``briefkit/data/commitment_lexicon.csv``, based on Hyland 2005 and Biber et al.
1999; read its header) keeps apart what earlier versions pooled:

- **certainty** (epistemic: *clearly, undoubtedly, will certainly*): how sure the author is;
- **uncertainty** (epistemic hedges: *perhaps, likely, seems*);
- **obligation** (deontic: *must, should, need to*): how prescriptive the text is, not how sure;
- **possibility** (*could, may, might, can*): possibility modals, which mix hedged forecasts
  and proposed options (:mod:`briefkit.forecasts` tells them apart per sentence).

Rules (:func:`commitment_scores`): entries of several words match token sequences, longest
first, without overlap; a certainty item with a negator among the three tokens before it
("not clear") counts as uncertainty; "May" next to a number is a month and "will/might/may"
after a determiner or one of a few adjectives ("political will", "military might") are nouns.
A sentence *has* a category when its weights in that category sum to at least 1.
:func:`commitment_profile` gives per group the share of sentences that have each category, with
a cluster bootstrap over documents when a group has two or more documents.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import numpy as np
import pandas as pd

from briefkit.inputs.tables import commented_csv
from briefkit.corpus.text.tokens import token_spans
from briefkit.errors import BriefkitError, require_columns
from briefkit.groups import document_groups
from briefkit.uncertainty import OK, bootstrap_ci, check_level, scope_of, too_few

__all__ = ["load_commitment_lexicon", "commitment_scores", "commitment_profile", "top_items",
           "CATEGORIES", "PROFILE_COLUMNS"]

CATEGORIES = ("certainty", "uncertainty", "obligation", "possibility")
PROFILE_COLUMNS = ["group", "category", "estimate", "ci_low", "ci_high", "level", "n", "status",
                   "n_docs", "scope"]
_NEGATORS = frozenset({"not", "no", "never", "cannot", "nor", "hardly", "without", "neither"})
_NOUN_BEFORE = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "your", "my",
                          "political", "military", "economic", "naval", "industrial", "national",
                          "free", "good", "ill", "own", "sheer", "full", "popular", "public"})
_NOUN_MODALS = frozenset({"will", "might", "may"})


def load_commitment_lexicon(path=None) -> pd.DataFrame:
    """Load the commitment lexicon (packaged default, or a CSV with the same columns).

    Returns
    -------
    DataFrame
        ``term, category, weight, source, note``.

    Examples
    --------
    >>> from briefkit.stance.commitment import load_commitment_lexicon
    >>> lex = load_commitment_lexicon()
    >>> sorted(lex["category"].unique())
    ['certainty', 'obligation', 'possibility', 'uncertainty']
    """
    source, reader = commented_csv(path, packaged="commitment_lexicon.csv")
    rows = list(reader)
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
    table = {tuple(term.split()): (cat, weight) for term, cat, weight in items}
    return table, max((len(t) for t in table), default=1)


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


def _score_text(text, table, maxlen):
    spans = token_spans(text)
    tokens = [t for _, _, t in spans]
    raw = [text[s:e] for s, e, _ in spans]
    found = {c: [] for c in CATEGORIES}
    for i, term, cat, w in _match(tokens, raw, table, maxlen):
        if cat == "certainty" and any(t in _NEGATORS or t.endswith("n't") for t in tokens[max(0, i - 3):i]):
            found["uncertainty"].append((f"not {term}", w))
        else:
            found[cat].append((term, w))
    return len(tokens), found


def commitment_scores(sents: pd.DataFrame, *, text_col: str = "text",
                      lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Find certainty, uncertainty, obligation and possibility markers in every sentence.

    Returns
    -------
    DataFrame
        ``sents`` plus ``n_words``, and per category ``n_<category>`` (markers),
        ``has_<category>`` (weights sum to >= 1) and ``<category>`` (the items, "; "-joined).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.commitment import commitment_scores
    >>> s = pd.DataFrame({"text": ["Seoul must act; it could clearly wait, but it is not clear."]})
    >>> r = commitment_scores(s).iloc[0]
    >>> r["obligation"], r["possibility"], r["certainty"], r["uncertainty"]
    ('must', 'could', 'clearly', 'not clear')
    """
    require_columns(sents, [text_col], name="sents")
    lex = load_commitment_lexicon() if lexicon is None else lexicon
    table, maxlen = _index(tuple(zip(lex["term"], lex["category"], lex["weight"].astype(float))))
    cols: dict[str, list] = {"n_words": []}
    for c in CATEGORIES:
        cols.update({f"n_{c}": [], f"has_{c}": [], c: []})
    for text in sents[text_col]:
        n, found = _score_text(text if isinstance(text, str) else "", table, maxlen)
        cols["n_words"].append(n)
        for c in CATEGORIES:
            cols[f"n_{c}"].append(len(found[c]))
            cols[f"has_{c}"].append(sum(w for _, w in found[c]) >= 1)
            cols[c].append("; ".join(t for t, _ in found[c]))
    out = sents.copy()
    for key, values in cols.items():
        dtype = "bool" if key.startswith("has_") else "str" if key in CATEGORIES else "int64"
        out[key] = pd.Series(values, index=sents.index, dtype=dtype)
    return out


def commitment_profile(scored: pd.DataFrame, docs: pd.DataFrame, *, by: str = "authors",
                       min_sentences: int = 3, level: float = 0.95, n_boot: int = 2000,
                       seed: int = 0) -> pd.DataFrame:
    """Per group and category: the share of sentences with that marker, with an interval.

    Parameters
    ----------
    scored : DataFrame
        From :func:`commitment_scores` on sentences (``doc_id``; headings and empty sentences
        are left out).
    docs : DataFrame
        Documents with ``doc_id`` and ``by``.
    by : str, default "authors"
    min_sentences : int, default 3
    level, n_boot, seed : bootstrap; documents are resampled when a group has two or more.

    Returns
    -------
    DataFrame
        :data:`PROFILE_COLUMNS`, one row per group x category; ``n`` counts sentences.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.commitment import commitment_scores, commitment_profile
    >>> s = commitment_scores(pd.DataFrame({"doc_id": ["a"] * 4,
    ...     "text": ["It may rain.", "We must go.", "Clearly so.", "Rain."]}))
    >>> p = commitment_profile(s, pd.DataFrame({"doc_id": ["a"], "authors": ["Kim"]}), n_boot=200)
    >>> p[["category", "estimate", "scope"]].values.tolist()[0]
    ['certainty', 0.25, 'one document']
    """
    require_columns(scored, ["doc_id", "n_words", *(f"has_{c}" for c in CATEGORIES)], name="scored")
    level = check_level(level)
    use = scored.loc[scored["n_words"] > 0]
    if "is_heading" in use.columns:
        use = use.loc[~use["is_heading"].astype(bool)]
    groups = document_groups(docs, by=by)
    merged = use.astype({"doc_id": "str"}).merge(groups.astype({"doc_id": "str"}), on="doc_id")
    cells = {k: v for k, v in merged.groupby("group", sort=True)}
    rows = []
    for group in sorted(groups["group"].astype(str).unique()):
        cell = cells.get(group)
        n = 0 if cell is None else len(cell)
        doc_ids = [] if cell is None else sorted(cell["doc_id"].unique())
        scope = scope_of(len(doc_ids))
        for c in CATEGORIES:
            est = lo = hi = np.nan
            status = too_few(n, min_sentences, "sentences")
            if n >= min_sentences:
                x = cell[f"has_{c}"].to_numpy(dtype=float)
                est, lo, hi = bootstrap_ci(x, clusters=cell["doc_id"].to_numpy() if len(doc_ids) >= 2 else None,
                                           n_boot=n_boot, level=level, seed=seed, key=f"{group}\x1f{c}")
                status = OK
            rows.append((group, c, est, lo, hi, level, n, status, len(doc_ids), scope))
    out = pd.DataFrame(rows, columns=PROFILE_COLUMNS)
    return out.astype({"n": "int64", "n_docs": "int64", "estimate": "float64", "ci_low": "float64",
                       "ci_high": "float64"})


def top_items(scored: pd.DataFrame, docs: pd.DataFrame, *, by: str = "authors", n: int = 5) -> pd.DataFrame:
    """The most frequent markers of each category per group ("must (30), should (12)").

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.commitment import commitment_scores, top_items
    >>> s = commitment_scores(pd.DataFrame({"doc_id": ["a"] * 2, "text": ["We must go.", "We must, may."]}))
    >>> top_items(s, pd.DataFrame({"doc_id": ["a"], "authors": ["Kim"]}))["obligation"].tolist()
    ['must (2)']
    """
    require_columns(scored, ["doc_id", *CATEGORIES], name="scored")
    groups = document_groups(docs, by=by)
    merged = scored.astype({"doc_id": "str"}).merge(groups.astype({"doc_id": "str"}), on="doc_id")
    rows = []
    for group in sorted(groups["group"].astype(str).unique()):
        cell = merged[merged["group"] == group]
        row = [group]
        for c in CATEGORIES:
            counts = Counter(t for v in cell[c] for t in str(v).split("; ") if t)
            top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
            row.append(", ".join(f"{t} ({k})" for t, k in top))
        rows.append(row)
    return pd.DataFrame(rows, columns=["group", *CATEGORIES]).astype("str")
