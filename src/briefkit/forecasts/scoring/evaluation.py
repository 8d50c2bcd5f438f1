"""Evaluate the sentence-type detector against hand labels.

Hand labels are a CSV with ``doc_file, sentence_text, label`` (the shipped set is
``briefkit/data/forecast_labels.csv``, labelled from the seed documents).
:func:`match_labels` finds each labelled sentence in a sentences table by its
whitespace/case-normalized text; :func:`evaluate_detector` gives precision and
recall per class with Wilson 95 % intervals (few sentences -> wide intervals,
shown rather than hidden); :func:`confusion` the full confusion table.

Examples
--------
>>> import pandas as pd
>>> from briefkit.forecasts.scoring.evaluation import evaluate_detector
>>> lab = pd.DataFrame({"doc_id": ["d"] * 3, "sent_id": [0, 1, 2],
...                     "label": ["forecast", "report", "forecast"]})
>>> pred = lab.assign(sentence_type=["forecast", "forecast", "forecast"]).drop(columns="label")
>>> evaluate_detector(lab, pred).set_index("class").loc["forecast", ["precision", "recall"]].tolist()
[0.6666666666666666, 1.0]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from briefkit.errors import require_columns
from briefkit.uncertainty import wilson_interval

__all__ = ["CLASSES", "load_labels", "match_labels", "evaluate_detector", "confusion", "wilson",
           "labels_path"]

CLASSES = ("forecast", "report", "recommendation", "other")


def _norm(text: str) -> str:
    text = re.sub(r"[*_`#>\[\]]+", "", str(text)).lower()
    return " ".join(text.split())


def wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson score 95 % interval for ``k`` successes out of ``n`` (see :mod:`briefkit.uncertainty`).

    Examples
    --------
    >>> from briefkit.forecasts.scoring.evaluation import wilson
    >>> [round(x, 3) for x in wilson(8, 10)]
    [0.49, 0.943]
    """
    return wilson_interval(k, n)


def load_labels(path) -> pd.DataFrame:
    """Read a hand-label CSV (``#`` header lines allowed); check columns and labels.

    Examples
    --------
    >>> from briefkit.forecasts.scoring.evaluation import labels_path, load_labels
    >>> load_labels(labels_path()).columns.tolist()[:3]
    ['doc_file', 'sentence_text', 'label']
    """
    df = pd.read_csv(path, comment=None, dtype=str, keep_default_na=False,
                     skiprows=_header_lines(path))
    missing = [c for c in ("doc_file", "sentence_text", "label") if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}")
    bad = df[~df["label"].isin(CLASSES)]
    if len(bad):
        i = bad.index[0]
        raise ValueError(f"{path}: data row {i + 1} has label {bad.at[i, 'label']!r}; valid: {CLASSES}")
    return df


def _header_lines(path) -> int:
    n = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                break
            n += 1
    return n


def match_labels(labels: pd.DataFrame, sents: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """Attach ``doc_id, sent_id`` to hand labels by normalized sentence text.

    ``doc_file`` is looked up in ``docs`` columns ``received_as`` (original seed
    file name) or ``file``.  Labels whose sentence is not found (e.g. after a
    change of segmentation) get ``matched`` False and are left out of scores.

    Returns
    -------
    pandas.DataFrame
        ``labels`` plus ``doc_id, sent_id, matched``.
    """
    files = {}
    for col in ("file", "received_as"):
        if col in docs.columns:
            files.update({f: d for f, d in zip(docs[col], docs["doc_id"]) if isinstance(f, str) and f})
    key = {(d, _norm(t)): int(i) for d, t, i in zip(sents["doc_id"], sents["text"], sents["sent_id"])}
    out = labels.copy()
    out["doc_id"] = [files.get(f, "") for f in out["doc_file"]]
    ids = [key.get((d, _norm(t))) for d, t in zip(out["doc_id"], out["sentence_text"])]
    out["matched"] = [i is not None for i in ids]
    out["sent_id"] = pd.array([i if i is not None else pd.NA for i in ids], dtype="Int64")
    return out


def _join(labels, predicted, on, label_col, pred_col):
    on = list(on)
    for name, df, col in (("labels", labels, label_col), ("predicted", predicted, pred_col)):
        require_columns(df, on + [col], name=name)
    lab = labels[labels["matched"]] if "matched" in labels.columns else labels
    merged = lab[on + [label_col]].merge(predicted[on + [pred_col]], on=on, how="inner")
    if merged.empty:
        raise ValueError("no labelled sentence matches a predicted sentence; check the `on` columns")
    return merged


def evaluate_detector(labels: pd.DataFrame, predicted: pd.DataFrame, *, on=("doc_id", "sent_id"),
                      label_col: str = "label", pred_col: str = "sentence_type") -> pd.DataFrame:
    """Precision and recall per class, with Wilson 95 % intervals.

    Parameters
    ----------
    labels, predicted : pandas.DataFrame
        Joined on ``on``; ``labels[label_col]`` is the truth, ``predicted[pred_col]``
        the detector's class.  Rows of ``labels`` with ``matched`` False are dropped.

    Returns
    -------
    pandas.DataFrame
        One row per class of :data:`CLASSES` plus ``"all"`` (accuracy in both
        precision and recall): ``class, n_labelled, n_predicted, tp, precision,
        precision_low, precision_high, recall, recall_low, recall_high, f1``.
    """
    m = _join(labels, predicted, on, label_col, pred_col)
    y, p = m[label_col].to_numpy(), m[pred_col].to_numpy()
    rows = []
    for cls in CLASSES:
        tp = int(((y == cls) & (p == cls)).sum())
        n_lab, n_pred = int((y == cls).sum()), int((p == cls).sum())
        prec = tp / n_pred if n_pred else np.nan
        rec = tp / n_lab if n_lab else np.nan
        f1 = 2 * prec * rec / (prec + rec) if n_pred and n_lab and (prec + rec) else np.nan
        rows.append({"class": cls, "n_labelled": n_lab, "n_predicted": n_pred, "tp": tp,
                     "precision": prec, "precision_low": wilson(tp, n_pred)[0],
                     "precision_high": wilson(tp, n_pred)[1], "recall": rec,
                     "recall_low": wilson(tp, n_lab)[0], "recall_high": wilson(tp, n_lab)[1],
                     "f1": f1})
    k, n = int((y == p).sum()), len(y)
    lo, hi = wilson(k, n)
    rows.append({"class": "all", "n_labelled": n, "n_predicted": n, "tp": k, "precision": k / n,
                 "precision_low": lo, "precision_high": hi, "recall": k / n, "recall_low": lo,
                 "recall_high": hi, "f1": k / n})
    return pd.DataFrame(rows)


def confusion(labels: pd.DataFrame, predicted: pd.DataFrame, *, on=("doc_id", "sent_id"),
              label_col: str = "label", pred_col: str = "sentence_type") -> pd.DataFrame:
    """Confusion table: rows = hand label, columns = predicted class (counts).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.scoring.evaluation import confusion
    >>> lab = pd.DataFrame({"doc_id": ["d", "d"], "sent_id": [0, 1], "label": ["report", "other"]})
    >>> confusion(lab, lab.rename(columns={"label": "sentence_type"})).loc["report", "report"]
    np.int64(1)
    """
    m = _join(labels, predicted, on, label_col, pred_col)
    tab = pd.crosstab(pd.Categorical(m[label_col], categories=CLASSES),
                      pd.Categorical(m[pred_col], categories=CLASSES), dropna=False)
    tab.index.name, tab.columns.name = "label", "predicted"
    return tab


def labels_path():
    """Path of the hand labels shipped inside the package (``briefkit/data/forecast_labels.csv``).

    Examples
    --------
    >>> from briefkit.forecasts.scoring.evaluation import labels_path
    >>> labels_path().name
    'forecast_labels.csv'
    """
    from importlib import resources
    from pathlib import Path

    return Path(str(resources.files("briefkit").joinpath("data/forecast_labels.csv")))


def corpus_detector_table(sents: pd.DataFrame, docs: pd.DataFrame, classified: pd.DataFrame,
                          *, labels_file=None) -> pd.DataFrame | None:
    """:func:`evaluate_detector` on the hand-labelled sentences that occur in this corpus.

    ``labels_file`` defaults to ``$BRIEFKIT_FORECAST_LABELS`` or the shipped labels. Returns None
    when no labelled sentence belongs to the corpus (or the label file cannot be read).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.scoring.evaluation import corpus_detector_table
    >>> s = pd.DataFrame({"doc_id": ["x"], "sent_id": [0], "start": [0], "end": [5], "text": ["Hello"]})
    >>> corpus_detector_table(s, pd.DataFrame({"doc_id": ["x"], "file": ["x.txt"]}), s) is None
    True
    """
    import os

    path = labels_file or os.environ.get("BRIEFKIT_FORECAST_LABELS") or labels_path()
    try:
        labels = match_labels(load_labels(path), sents, docs)
    except (FileNotFoundError, OSError, ValueError, KeyError):
        return None
    if not labels["matched"].any():
        return None
    return evaluate_detector(labels, classified)
