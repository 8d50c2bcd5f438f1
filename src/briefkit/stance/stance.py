"""Target-directed stance: score each target mention, aggregate per group x target, rank evidence.

Pipeline (tables in, tables out)::

    mentions = find_mentions(sents, targets, docs=docs)    # briefkit.stance.targets
    scored   = score_mentions(mentions)                     # one row per (sentence, target)
    table    = stance_table(scored, groups, targets=targets)
    evidence = stance_evidence(scored, groups)

Scoring window
--------------
A sentence often speaks about two things ("Seoul welcomes the tariff cut, but
North Korea remains a threat"). The score for a target is the VADER compound
of the *clauses that mention it*: the sentence is cut at ``;`` ``:``, spaced
dashes, and before ", but", ", while", ", whereas", ", although", ", though",
", yet" and "however" (:func:`clause_spans`). The target's own words are
replaced by the neutral word "it" before scoring, so that terms such as
"burden-sharing", "economic security" or "free trade agreement", which carry
VADER valence, do not score themselves; names and labels such as "United
States" or "Nobel Peace Prize" (:data:`briefkit.stance.tone.NEUTRAL_NAMES`) are
masked the same way. VADER's own negation handling
applies inside the window. ``window="sentence"`` scores the whole sentence
instead; the unmasked whole-sentence score is always kept as
``sentence_score`` for comparison.

Aggregation
-----------
Each (group, target) cell is the mean window score of the sentences that
mention the target, with a percentile bootstrap interval over those
sentences (seeded per cell from ``seed`` and a CRC32 of the cell's name, so a
cell's interval does not depend on which other groups are present). Sentences
from one document are not independent, so these intervals are optimistic
when a group has few documents; ``n_docs`` is reported beside them. Cells
with fewer than ``min_sentences`` sentences get status "too few mentions" and
no score.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
import pandas as pd

from briefkit.stance.tone import NEUTRAL_NAMES, analyzer, method
from briefkit.uncertainty import bootstrap_ci

__all__ = ["clause_spans", "score_mentions", "stance_table", "stance_evidence",
           "compare_groups",
           "TOO_FEW", "OK"]

OK = "ok"
TOO_FEW = "too few mentions"

_CLAUSE_BREAK = re.compile(
    r"[;:]\s+|\s+[–—-]{1,2}\s+|\s*—\s*"
    r"|,\s+(?=(?:but|while|whereas|although|though|yet)\b)"
    r"|(?:,\s*|\s+)(?=however\b)",
    re.IGNORECASE)


def clause_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into clause spans ``(start, end)`` (offsets into ``text``).

    Examples
    --------
    >>> from briefkit.stance.stance import clause_spans
    >>> t = "Tariffs fell, but China worries Seoul; Japan is calm."
    >>> [t[s:e] for s, e in clause_spans(t)]
    ['Tariffs fell', 'but China worries Seoul', 'Japan is calm.']
    """
    spans, pos = [], 0
    for m in _CLAUSE_BREAK.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans or [(0, len(text))]


def _parse_spans(value: str) -> list[tuple[int, int]]:
    return [tuple(int(x) for x in part.split("-")) for part in str(value).split(";") if part]


def _neutral_regex(neutral) -> re.Pattern | None:
    names = sorted({" ".join(str(n).split()) for n in neutral if str(n).strip()}, key=lambda n: (-len(n), n))
    if not names:
        return None
    body = "|".join(r"\s+".join(re.escape(p) for p in n.split()) for n in names)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def _window(text: str, spans: list[tuple[int, int]], window: str, neutral_rx=None) -> str:
    if window == "sentence":
        lo, hi = 0, len(text)
    else:
        clauses = [c for c in clause_spans(text) if any(s < c[1] and e > c[0] for s, e in spans)]
        lo, hi = (clauses[0][0], clauses[-1][1]) if clauses else (0, len(text))
    pieces, pos = [], lo
    for s, e in spans:
        if s < lo or e > hi:
            continue
        pieces += [text[pos:s], "it"]
        pos = e
    pieces.append(text[pos:hi])
    out = "".join(pieces).strip()
    return neutral_rx.sub("it", out) if neutral_rx is not None else out


def score_mentions(mentions: pd.DataFrame, *, window: str = "clause",
                   neutral=NEUTRAL_NAMES) -> pd.DataFrame:
    """Score every (sentence, target) mention with VADER on its clause window.

    Parameters
    ----------
    mentions : DataFrame
        From :func:`briefkit.stance.targets.find_mentions` (needs ``text`` and ``spans``).
    window : {"clause", "sentence"}, default "clause"
    neutral : sequence of str, default :data:`briefkit.stance.tone.NEUTRAL_NAMES`
        Names masked as "it" in the window before scoring ("United States",
        "Free Trade Agreement"): their words have VADER valence but no attitude.

    Returns
    -------
    DataFrame
        ``mentions`` plus ``window_text`` (what was scored, target words
        masked as "it"), ``score`` (VADER compound of the window),
        ``sentence_score`` (compound of the unmasked sentence) and ``method``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.stance import score_mentions
    >>> m = pd.DataFrame({"text": ["Japan is good, but China is bad."], "spans": ["0-5"]})
    >>> score_mentions(m)[["window_text", "score"]].values.tolist()
    [['it is good', 0.4404]]
    """
    if window not in ("clause", "sentence"):
        raise ValueError(f"window must be 'clause' or 'sentence', got {window!r}")
    missing = [c for c in ("text", "spans") if c not in mentions.columns]
    if missing:
        raise KeyError(f"mentions is missing column(s) {missing}; build it with find_mentions()")
    sia = analyzer()
    neutral_rx = _neutral_regex(neutral)
    out = mentions.copy()
    windows, scores, sent_scores = [], [], []
    for text, spans in zip(mentions["text"], mentions["spans"]):
        text = text if isinstance(text, str) else ""
        win = _window(text, _parse_spans(spans), window, neutral_rx)
        windows.append(win)
        scores.append(float(sia.polarity_scores(win)["compound"]) if win else 0.0)
        sent_scores.append(float(sia.polarity_scores(text)["compound"]) if text.strip() else 0.0)
    out["window_text"] = pd.Series(windows, index=mentions.index, dtype="str")
    out["score"] = pd.Series(scores, index=mentions.index, dtype="float64")
    out["sentence_score"] = pd.Series(sent_scores, index=mentions.index, dtype="float64")
    out["method"] = (f"{method()}; window={window}; target words and "
                     f"{len(neutral)} neutral names masked")
    return out


def _with_groups(scored: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    for name, df, cols in (("scored", scored, ("doc_id", "target", "score")),
                           ("groups", groups, ("doc_id", "group"))):
        missing = [c for c in cols if c not in df.columns]
        if missing:
            raise KeyError(f"{name} is missing column(s) {missing}")
    g = groups[["doc_id", "group"]].astype({"doc_id": "str", "group": "str"})
    s = scored.astype({"doc_id": "str"})
    return s.merge(g, on="doc_id", how="inner", validate="many_to_many")


def _target_order(scored: pd.DataFrame, targets: pd.DataFrame | None) -> list[str]:
    if targets is not None:
        return list(dict.fromkeys(targets["target"].astype(str)))
    return sorted(scored["target"].astype(str).unique())


def stance_table(scored: pd.DataFrame, groups: pd.DataFrame, *, targets: pd.DataFrame | None = None,
                 min_sentences: int = 3, n_boot: int = 2000, ci: float = 0.95,
                 seed: int = 0) -> pd.DataFrame:
    """Mean stance score per group x target with bootstrap intervals over sentences.

    Parameters
    ----------
    scored : DataFrame
        From :func:`score_mentions` (``doc_id, target, score``; ``label`` if present).
    groups : DataFrame
        ``doc_id, group`` from :func:`briefkit.groups.document_groups`.
    targets : DataFrame, optional
        The targets table; when given every target appears (in file order),
        also those never mentioned.
    min_sentences : int, default 3
        Cells with fewer sentences are "too few mentions", with NaN score/CI.
    n_boot, ci, seed : bootstrap settings.

    Returns
    -------
    DataFrame
        ``group, target, label, n_sentences, n_docs, score, ci_low, ci_high,
        share_positive, share_negative, status``; one row per group x target,
        groups sorted, targets in file order (else sorted).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.stance import stance_table
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "target": ["jp", "jp"], "score": [0.5, -0.1]})
    >>> g = pd.DataFrame({"doc_id": ["a"], "group": ["Kim"]})
    >>> stance_table(s, g)[["n_sentences", "score", "status"]].values.tolist()
    [[2, nan, 'too few mentions']]
    """
    if not isinstance(min_sentences, (int, np.integer)) or min_sentences < 1:
        raise ValueError(f"min_sentences must be a positive integer, got {min_sentences!r}")
    merged = _with_groups(scored, groups)
    order = _target_order(scored, targets)
    labels = {}
    if targets is not None:
        labels.update(zip(targets["target"].astype(str), targets["label"].astype(str)))
    if "label" in scored.columns:
        labels.update(zip(scored["target"].astype(str), scored["label"].astype(str)))
    cells = {k: v for k, v in merged.groupby(["group", "target"], sort=True)}
    rows = []
    for group in sorted(groups["group"].astype(str).unique()):
        for target in order:
            cell = cells.get((group, target))
            n = 0 if cell is None else len(cell)
            n_docs = 0 if cell is None else cell["doc_id"].nunique()
            score = lo = hi = pos = neg = np.nan
            status = TOO_FEW
            if n >= min_sentences:
                x = cell["score"].to_numpy(dtype="float64")
                score, lo, hi = bootstrap_ci(x, n_boot=n_boot, level=ci, seed=seed,
                                             key=f"{group}\x1f{target}")
                pos, neg = float((x >= 0.05).mean()), float((x <= -0.05).mean())
                status = OK
            rows.append((group, target, labels.get(target, target), n, n_docs, score, lo, hi,
                         pos, neg, status))
    cols = ["group", "target", "label", "n_sentences", "n_docs", "score", "ci_low", "ci_high",
            "share_positive", "share_negative", "status"]
    out = pd.DataFrame(rows, columns=cols)
    return out.astype({"n_sentences": "int64", "n_docs": "int64"})


def stance_evidence(scored: pd.DataFrame, groups: pd.DataFrame, *, top_n: int = 5) -> pd.DataFrame:
    """The sentences behind each group x target cell, strongest first (keyword in context).

    Sentences are ranked by ``|score|`` (their pull on the cell mean),
    ties broken by doc_id and offset; neutral sentences come last.

    Parameters
    ----------
    scored : DataFrame
        From :func:`score_mentions`.
    groups : DataFrame
        ``doc_id, group``.
    top_n : int, default 5
        Sentences kept per cell.

    Returns
    -------
    DataFrame
        ``group, target, rank (1 = strongest), doc_id, sent_id, start, end``
        (raw offsets of the sentence), ``matched`` (the target words),
        ``text, score, window_text``, and ``match_start, match_end`` (raw
        offsets of the first match, where verified) when ``scored`` has them.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.stance import stance_evidence
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1], "start": [0, 9], "end": [8, 20],
    ...                   "target": ["jp", "jp"], "matched": ["Japan", "Japan"],
    ...                   "text": ["Japan ok", "Japan awful"], "score": [0.1, -0.6],
    ...                   "window_text": ["it ok", "it awful"]})
    >>> stance_evidence(s, pd.DataFrame({"doc_id": ["a"], "group": ["Kim"]}))["sent_id"].tolist()
    [1, 0]
    """
    if not isinstance(top_n, (int, np.integer)) or top_n < 1:
        raise ValueError(f"top_n must be a positive integer, got {top_n!r}")
    merged = _with_groups(scored, groups)
    for col in ("sent_id", "start", "end", "matched", "text", "window_text"):
        if col not in merged.columns:
            raise KeyError(f"scored is missing column {col!r}; build it with score_mentions()")
    merged = merged.assign(_abs=merged["score"].abs())
    merged = merged.sort_values(["group", "target", "_abs", "doc_id", "start"],
                                ascending=[True, True, False, True, True], kind="stable")
    merged["rank"] = merged.groupby(["group", "target"], sort=False).cumcount() + 1
    cols = ["group", "target", "rank", "doc_id", "sent_id", "start", "end", "matched",
            "text", "score", "window_text"]
    cols += [c for c in ("match_start", "match_end") if c in merged.columns]
    return merged.loc[merged["rank"] <= top_n, cols].reset_index(drop=True)


def compare_groups(table: pd.DataFrame) -> pd.DataFrame:
    """Per target: the most positive and most negative group and whether their intervals separate.

    Only cells with status "ok" are compared. ``separated`` is True when the
    highest group's ``ci_low`` lies above the lowest group's ``ci_high`` (a
    conservative reading: overlapping intervals do not prove equality).

    Parameters
    ----------
    table : DataFrame
        From :func:`stance_table`.

    Returns
    -------
    DataFrame
        ``target, label, n_groups_ok, high_group, high_score, low_group,
        low_score, gap, separated``; targets in table order. Targets with
        fewer than two "ok" groups have empty group names and NaN scores.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.stance import compare_groups
    >>> t = pd.DataFrame({"group": ["A", "B"], "target": ["x", "x"], "label": ["X", "X"],
    ...                   "score": [0.5, -0.2], "ci_low": [0.3, -0.4], "ci_high": [0.7, 0.1],
    ...                   "status": ["ok", "ok"]})
    >>> compare_groups(t)[["high_group", "low_group", "separated"]].values.tolist()
    [['A', 'B', True]]
    """
    need = ["group", "target", "score", "ci_low", "ci_high", "status"]
    missing = [c for c in need if c not in table.columns]
    if missing:
        raise KeyError(f"table is missing column(s) {missing}; build it with stance_table()")
    rows = []
    for target in dict.fromkeys(table["target"]):
        sub = table[(table["target"] == target) & (table["status"] == OK)]
        sub = sub.sort_values(["score", "group"], ascending=[False, True], kind="stable")
        label = table.loc[table["target"] == target, "label"].iloc[0] if "label" in table else target
        if len(sub) < 2:
            rows.append((target, label, len(sub), "", np.nan, "", np.nan, np.nan, False))
            continue
        hi, lo = sub.iloc[0], sub.iloc[-1]
        rows.append((target, label, len(sub), hi["group"], hi["score"], lo["group"], lo["score"],
                     hi["score"] - lo["score"], bool(hi["ci_low"] > lo["ci_high"])))
    return pd.DataFrame(rows, columns=["target", "label", "n_groups_ok", "high_group", "high_score",
                                       "low_group", "low_score", "gap", "separated"])
