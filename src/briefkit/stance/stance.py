"""The author's stance toward each target: per mention, per group x target, and the evidence.

Pipeline (tables in, tables out)::

    mentions  = find_mentions(sents, targets, docs=docs)        # briefkit.stance.targets
    annotated = annotate_mentions(mentions)                      # briefkit.stance.appraisal
    final, orphans = apply_codes(annotated, read_codes(...))     # briefkit.stance.coding
    final     = fill_suggestions(final, cross_validated_classifier(final))
    rows      = stance_mentions(final)                           # stance_mentions.csv
    table     = stance_table(rows, docs, by="authors")           # stance.csv
    evidence  = stance_evidence(rows, docs, by="authors")        # stance_evidence.csv

Stance follows the codebook (``briefkit/data/stance_codebook.md``): +1 favourable, -1
unfavourable, 0 none, always the *author's* position; a view the author only reports is 0 with
holder ``other``. ``tone`` (VADER compound of the sentence) is kept beside it as what it is:
the tone of the words, not a position.

Aggregation: per group x target the shares of mentions that are favourable, unfavourable and
none. When two or more documents stand behind a cell the interval is a cluster bootstrap over
documents (:func:`briefkit.uncertainty.bootstrap_ci` with ``clusters=doc_id``); with one document
it resamples that document's mentions and the row's ``scope`` says it describes that document,
not the author. A cell with fewer than ``min_mentions`` mentions is "too few".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from briefkit.errors import require_columns
from briefkit.groups import document_groups
from briefkit.uncertainty import OK, bootstrap_ci, check_level, scope_of, too_few, wilson_interval

__all__ = ["fill_suggestions", "stance_mentions", "stance_table", "stance_evidence",
           "MENTION_COLUMNS", "TABLE_COLUMNS", "EVIDENCE_COLUMNS", "SIDES", "OK"]

MENTION_COLUMNS = ["doc_id", "sent_id", "start", "end", "target", "text", "stance", "stance_auto",
                   "holder", "source", "cues", "tone"]
TABLE_COLUMNS = ["group", "target", "label", "side", "estimate", "ci_low", "ci_high", "level", "n",
                 "status", "n_docs", "n_side", "scope"]
EVIDENCE_COLUMNS = ["group", "target", "side", "rank", "doc_id", "sent_id", "start", "end", "text",
                    "stance", "holder", "source", "cues"]
#: stance value -> side name, in display order
SIDES = {1: "favourable", -1: "unfavourable", 0: "none"}


def fill_suggestions(mentions: pd.DataFrame, classifier: dict | None = None) -> pd.DataFrame:
    """Uncoded mentions take the better suggester's stance (the classifier's when it won).

    Adds ``suggested_by`` ("analyst code", "annotator" or "classifier").

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.stance import fill_suggestions
    >>> m = pd.DataFrame({"stance": [1, 0], "holder": ["author", "none"], "source": ["coded", "suggested"]})
    >>> fill_suggestions(m)["suggested_by"].tolist()
    ['analyst code', 'annotator']
    """
    require_columns(mentions, ["stance", "holder", "source"], name="mentions")
    out = mentions.copy()
    by = np.where(out["source"] == "coded", "analyst code", "annotator").astype(object)
    pred = None if classifier is None else classifier.get("predicted")
    if pred is not None and len(pred):
        idx = pred.index
        out.loc[idx, "stance"] = pred.astype("int64")
        out.loc[idx, "holder"] = np.where(pred.to_numpy() != 0, "author", out.loc[idx, "holder"])
        by[out.index.get_indexer(idx)] = "classifier"
    out["suggested_by"] = pd.Series(by, index=out.index, dtype="str")
    return out


def stance_mentions(mentions: pd.DataFrame, *, tone: bool = True) -> pd.DataFrame:
    """The export ``stance_mentions.csv``: one row per (sentence, target), :data:`MENTION_COLUMNS`.

    ``tone`` is the VADER compound of the whole sentence (:mod:`briefkit.stance.tone`), or NaN
    with ``tone=False``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.stance import stance_mentions
    >>> m = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [0], "end": [9], "target": ["x"],
    ...     "text": ["X is bad."], "stance": [-1], "stance_auto": [-1], "holder": ["author"],
    ...     "source": ["suggested"], "cues": ["bad[eval -1]@5-8"]})
    >>> stance_mentions(m, tone=False).columns.tolist() == [
    ...     "doc_id", "sent_id", "start", "end", "target", "text", "stance", "stance_auto",
    ...     "holder", "source", "cues", "tone"]
    True
    """
    require_columns(mentions, [c for c in MENTION_COLUMNS if c != "tone"], name="mentions")
    out = mentions[[c for c in MENTION_COLUMNS if c != "tone"]].copy()
    if tone and len(out):
        from briefkit.stance.tone import polarity_table
        out["tone"] = polarity_table(out[["text"]])["compound"].to_numpy()
    else:
        out["tone"] = np.nan
    out = out.astype({"stance": "int64", "stance_auto": "int64", "tone": "float64"})
    return out.sort_values(["doc_id", "start", "target"], kind="stable").reset_index(drop=True)


def _grouped(rows: pd.DataFrame, docs: pd.DataFrame, by: str) -> tuple[pd.DataFrame, list[str]]:
    require_columns(rows, ["doc_id", "target", "stance"], name="stance mentions")
    groups = document_groups(docs, by=by)
    merged = rows.astype({"doc_id": "str"}).merge(groups.astype({"doc_id": "str"}), on="doc_id")
    return merged, sorted(groups["group"].astype(str).unique())


def stance_table(rows: pd.DataFrame, docs: pd.DataFrame, *, by: str = "authors", targets=None,
                 min_mentions: int = 3, level: float = 0.95, n_boot: int = 2000,
                 seed: int = 0) -> pd.DataFrame:
    """Share of favourable, unfavourable and no-stance mentions per group x target, with intervals.

    Parameters
    ----------
    rows : DataFrame
        From :func:`stance_mentions` (``doc_id, target, stance``).
    docs : DataFrame
        Documents with ``doc_id`` and the ``by`` column.
    by : str, default "authors"
        Document variable naming the groups (:func:`briefkit.groups.document_groups`).
    targets : DataFrame, optional
        The targets table: every target appears, in file order, with its label.
    min_mentions : int, default 3
    level, n_boot, seed : the interval: a bootstrap over documents when a cell has two or more;
        for one document, Wilson's interval for the share of its mentions.

    Returns
    -------
    DataFrame
        :data:`TABLE_COLUMNS`: three rows (sides) per group x target; ``estimate`` the share,
        ``n`` the mentions in the cell, ``n_side`` those on this side, ``n_docs``, and ``scope``
        (:data:`briefkit.uncertainty.SCOPES`: "several documents", "one document", "no documents").

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.stance import stance_table
    >>> rows = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "target": "x", "stance": [1, -1, -1, 0]})
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "authors": ["Kim", "Kim"]})
    >>> t = stance_table(rows, docs, n_boot=200)
    >>> t[["side", "estimate", "n", "n_docs", "scope"]].values.tolist()[0]
    ['favourable', 0.25, 4, 2, 'several documents']
    """
    if isinstance(min_mentions, bool) or not isinstance(min_mentions, (int, np.integer)) or min_mentions < 1:
        raise ValueError(f"min_mentions must be a positive integer, got {min_mentions!r}")
    level = check_level(level)
    merged, groups = _grouped(rows, docs, by)
    if targets is not None:
        labels = dict(zip(targets["target"].astype(str), targets["label"].astype(str)))
    else:
        labels = {t: t for t in sorted(merged["target"].astype(str).unique())}
    cells = {k: v for k, v in merged.groupby(["group", "target"], sort=False)}
    out = []
    for group in groups:
        for target, label in labels.items():
            cell = cells.get((group, target))
            n = 0 if cell is None else len(cell)
            doc_ids = [] if cell is None else sorted(cell["doc_id"].unique())
            scope = scope_of(len(doc_ids))
            for value, side in SIDES.items():
                hit = np.zeros(0) if cell is None else (cell["stance"].to_numpy() == value).astype(float)
                est = lo = hi = np.nan
                status = too_few(n, min_mentions, "mentions")
                if n >= min_mentions and len(doc_ids) >= 2:
                    est, lo, hi = bootstrap_ci(hit, clusters=cell["doc_id"].to_numpy(), n_boot=n_boot,
                                               level=level, seed=seed, key=f"{group}\x1f{target}\x1f{side}")
                    status = OK
                elif n >= min_mentions:  # one document: Wilson's interval for its mentions
                    est = float(hit.mean())  # (a bootstrap of 4 of 4 would print a certain [1, 1])
                    lo, hi = wilson_interval(float(hit.sum()), n, level=level)
                    status = OK
                elif n:
                    est = float(hit.mean())
                out.append((group, target, label, side, est, lo, hi, level, n, status, len(doc_ids),
                            int(hit.sum()), scope))
    table = pd.DataFrame(out, columns=TABLE_COLUMNS)
    return table.astype({"n": "int64", "n_docs": "int64", "n_side": "int64", "estimate": "float64",
                         "ci_low": "float64", "ci_high": "float64", "level": "float64"})


def stance_evidence(rows: pd.DataFrame, docs: pd.DataFrame, *, by: str = "authors",
                    top_n: int = 3) -> pd.DataFrame:
    """The sentences behind each side of each group x target cell.

    For the favourable and the unfavourable side, up to ``top_n`` mentions per cell: coded ones
    first, then those with the most cues, then in document order.

    Returns
    -------
    DataFrame
        :data:`EVIDENCE_COLUMNS`; ``start, end`` are raw offsets of the sentence.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.stance import stance_evidence
    >>> rows = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1], "start": [0, 9], "end": [8, 20],
    ...     "target": "x", "text": ["X good.", "X bad."], "stance": [1, -1], "holder": "author",
    ...     "source": "coded", "cues": ["good", "bad"]})
    >>> stance_evidence(rows, pd.DataFrame({"doc_id": ["a"], "authors": ["Kim"]}))["side"].tolist()
    ['favourable', 'unfavourable']
    """
    if isinstance(top_n, bool) or not isinstance(top_n, (int, np.integer)) or top_n < 1:
        raise ValueError(f"top_n must be a positive integer, got {top_n!r}")
    merged, _ = _grouped(rows, docs, by)
    require_columns(merged, [c for c in EVIDENCE_COLUMNS if c not in ("group", "side", "rank")],
                    name="stance mentions")
    merged = merged[merged["stance"] != 0].copy()
    merged["side"] = merged["stance"].map(SIDES).astype("str")
    merged["_coded"] = merged["source"].ne("coded")
    merged["_ncues"] = -merged["cues"].fillna("").str.count(";").where(merged["cues"].fillna("") != "", -1)
    merged = merged.sort_values(["group", "target", "side", "_coded", "_ncues", "doc_id", "start"], kind="stable")
    merged["rank"] = merged.groupby(["group", "target", "side"], sort=False).cumcount() + 1
    out = merged.loc[merged["rank"] <= top_n, EVIDENCE_COLUMNS].reset_index(drop=True)
    return out.astype({"rank": "int64"})
