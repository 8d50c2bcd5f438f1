"""Topic labels a reader recognises, top-term lists without name fragments, and stable topic keys.

Fragments
---------
:func:`fold_terms` walks a topic's terms heaviest first and drops a term whose words (split on
spaces and hyphens) appear as a contiguous run inside a term already kept ("north" after "north
korea"); a term that contains a kept term takes its place ("economic security" replaces
"economic"), so no top-10 list holds two forms of one name and phrases win over their fragments.

Labels
------
Candidates are a topic's 20 heaviest terms after folding (of its 40 heaviest), minus the vocabulary's filler terms
(``[filler]`` in the vocabulary rules: "various", "result", "level" …). They are ranked by FREX
(frequent *and* exclusive), phrases (two or more words) first among equal FREX ranks; the label
joins the best three that share no word with each other, with " / ".

Stable key
----------
``topic_key`` is the topic's five heaviest folded terms, sorted alphabetically and joined by
"|" — no number that depends on fitting order. The analyst renames topics in
``corpus/topic_labels.csv`` (``topic_key,label``; briefkit only reads it). On a rerun a row applies
to the topic with the same key or, failing that, to the topic whose five terms overlap the key's
most (Jaccard >= 0.4), so a label survives small changes in the corpus; unmatched rows are
reported, never silently dropped.
"""

from __future__ import annotations


import numpy as np
import pandas as pd

from briefkit.errors import LabelsError
from briefkit.inputs.schemas import input_schema
from briefkit.inputs.tables import read_table_file

__all__ = ["fold_terms", "topic_key", "auto_labels", "read_topic_labels", "apply_topic_labels",
           "LabelsError"]


def _words(term: str) -> list[str]:
    return term.replace("-", " ").split()


def _inside(small: list[str], big: list[str]) -> bool:
    n = len(small)
    return n <= len(big) and any(big[i:i + n] == small for i in range(len(big) - n + 1))


def fold_terms(terms) -> tuple[list[str], dict]:
    """Keep terms in order, dropping fragments of (or terms containing) a kept term.

    Returns ``(kept, folded)`` where ``folded`` maps each dropped term to the kept one.

    Examples
    --------
    >>> from briefkit.topics.labels import fold_terms
    >>> fold_terms(["north korea", "north", "tariffs", "jong-un", "kim jong un"])
    (['north korea', 'tariffs', 'kim jong un'], {'north': 'north korea', 'jong-un': 'kim jong un'})
    """
    kept, folded = [], {}
    for t in map(str, terms):
        w = _words(t)
        hit = next((i for i, k in enumerate(kept) if _inside(w, _words(k))), None)
        if hit is not None:
            folded[t] = kept[hit]
            continue
        hit = next((i for i, k in enumerate(kept) if _inside(_words(k), w)), None)
        if hit is None:
            kept.append(t)
        else:  # the longer form replaces its fragment where the fragment stood
            folded[kept[hit]] = t
            kept[hit] = t
            kept = [k for j, k in enumerate(kept) if j == hit or not _inside(_words(k), w)]
    return kept, folded


def topic_key(phi_row, terms, *, n: int = 5) -> str:
    """The stable key of one topic (module docstring).

    Examples
    --------
    >>> from briefkit.topics.labels import topic_key
    >>> topic_key([0.1, 0.5, 0.3, 0.1], ["b", "north korea", "a", "north"], n=2)
    'a|north korea'
    """
    order = np.argsort(-np.asarray(phi_row, dtype=float), kind="stable")
    kept, _ = fold_terms(str(terms[i]) for i in order[:max(4 * n, 20)])
    return "|".join(sorted(kept[:n]))


def auto_labels(phi, terms, *, filler=frozenset(), n_words: int = 3, pool: int = 20) -> list[str]:
    """One label per topic (module docstring).

    Examples
    --------
    >>> from briefkit.topics.labels import auto_labels
    >>> auto_labels([[0.5, 0.3, 0.2, 0.0], [0.0, 0.1, 0.2, 0.7]],
    ...             ["various", "trade deal", "tariffs", "missile"], filler={"various"}, n_words=2)
    ['trade deal / tariffs', 'missile / tariffs']
    """
    from briefkit.topics.diagnostics import frex  # scipy: imported when labels are made, not read

    phi = np.asarray(phi, dtype=float)
    fx = frex(phi)
    out = []
    for j in range(phi.shape[0]):
        order = np.argsort(-phi[j], kind="stable")[:2 * pool]
        kept, _ = fold_terms(str(terms[i]) for i in order)
        kept = kept[:pool]
        index = {str(terms[i]): i for i in order}
        cand = [t for t in kept if t not in filler and phi[j, index[t]] > 0]
        cand.sort(key=lambda t: (-round(float(fx[j, index[t]]), 2), -len(t.split()), index[t]))
        chosen: list[str] = []
        for t in cand:  # a label never repeats a word ("import quota" after "export import")
            w = _words(t)
            if len(set(w)) == len(w) and not any(set(w) & set(_words(c)) for c in chosen):
                chosen.append(t)
            if len(chosen) == n_words:
                break
        out.append(" / ".join(chosen) or f"topic {j + 1}")
    return out


def read_topic_labels(path, *, corpus=None) -> pd.DataFrame:
    """Read ``topic_labels.csv`` (``topic_key,label``); an absent file gives an empty table.

    Read by its schema (``topics/inputs.toml`` ``[topic_labels]``) through the input layer: a
    regular UTF-8 file inside ``corpus`` (default: the folder holding it).

    Raises
    ------
    LabelsError
        (a :class:`~briefkit.errors.CorpusError`) naming the file and row: a missing column, an
        empty key or label, a key listed twice.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from briefkit.topics.labels import read_topic_labels
    >>> read_topic_labels(pathlib.Path(tempfile.mkdtemp()) / "topic_labels.csv").columns.tolist()
    ['topic_key', 'label']
    """
    found = read_table_file(path, input_schema("topic_labels"), corpus=corpus, error=LabelsError)
    if found is None:
        return pd.DataFrame({"topic_key": pd.Series(dtype="str"), "label": pd.Series(dtype="str")})
    return found[0][["topic_key", "label"]].astype("str")


def apply_topic_labels(summary: pd.DataFrame, analyst: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Put the analyst's labels on ``summary`` (``topic_key, label``); returns it and the unmatched keys.

    Adds ``label_source`` ("analyst" or "automatic").

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.topics.labels import apply_topic_labels
    >>> s = pd.DataFrame({"topic_id": [1], "topic_key": ["a|b|c|d|e"], "label": ["a / b"]})
    >>> a = pd.DataFrame({"topic_key": ["a|b|c|d|x"], "label": ["Trade"]})
    >>> out, unmatched = apply_topic_labels(s, a)
    >>> out["label"].tolist(), out["label_source"].tolist(), unmatched
    (['Trade'], ['analyst'], [])
    """
    out = summary.copy()
    out["label_source"] = "automatic"
    keys = [set(k.split("|")) for k in out["topic_key"]]
    unmatched, used = [], set()
    for key, label in zip(analyst["topic_key"], analyst["label"]):
        want = set(str(key).split("|"))
        scores = [len(want & k) / len(want | k) if want | k else 0.0 for k in keys]
        best = int(np.argmax(scores)) if scores else -1
        if best < 0 or scores[best] < 0.4 or best in used:
            unmatched.append(str(key))
            continue
        used.add(best)
        out.iloc[best, out.columns.get_loc("label")] = str(label)
        out.iloc[best, out.columns.get_loc("label_source")] = "analyst"
    out["label_source"] = out["label_source"].astype("str")
    return out, unmatched
