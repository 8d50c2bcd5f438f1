"""Passages: the units topic models are fitted on (paragraphs, or windows of sentences).

A corpus may hold only a handful of documents, far too few rows for a topic
model, so briefkit fits topics on passages and aggregates the results back to
documents and groups. A passage is a body paragraph; a long paragraph is cut
into consecutive windows of sentences.

Windowing rule
--------------
A paragraph with ``n`` non-heading sentences becomes ``m = ceil(n / max_sentences)``
passages of consecutive sentences whose sizes differ by at most one (the first
``n mod m`` windows take the extra sentence). With the default
``max_sentences=5`` a paragraph of 5 sentences stays whole and one of 12 becomes
windows of 4, 4 and 4 sentences, never 5, 5 and a stray 2. The rule depends only
on the paragraph itself, never on the corpus. Heading sentences are dropped.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from briefkit.errors import require_columns

__all__ = ["passages", "PASSAGE_COLUMNS"]

#: Columns of the table returned by :func:`passages`.
PASSAGE_COLUMNS = ["doc_id", "passage_id", "para_id", "start", "end", "n_sentences", "text"]

_REQUIRED = ("doc_id", "para_id", "start", "end", "text")


def _check(units: pd.DataFrame, max_sentences: int) -> None:
    if not isinstance(units, pd.DataFrame):
        raise TypeError(f"units must be a pandas DataFrame, got {type(units).__name__}")
    require_columns(units, _REQUIRED, name="units (pass the output of briefkit.sentences or paragraphs)")
    if isinstance(max_sentences, bool) or not isinstance(max_sentences, (int, np.integer)) \
            or max_sentences < 1:
        raise ValueError(f"max_sentences must be an integer >= 1, got {max_sentences!r}")


def passages(units: pd.DataFrame, *, max_sentences: int = 5,
             drop_headings: bool = True) -> pd.DataFrame:
    """Group sentences into passages: paragraphs, long ones cut into sentence windows.

    Parameters
    ----------
    units : DataFrame
        Output of ``briefkit.corpus.text.segment.sentences`` (``doc_id, sent_id, para_id,
        start, end, text, is_heading``). The output of
        ``briefkit.corpus.text.segment.paragraphs`` (no ``sent_id``) is also accepted: each
        paragraph is then one passage.
    max_sentences : int, default 5
        Longest passage, in sentences. See the module docstring for the rule.
    drop_headings : bool, default True
        Drop rows with ``is_heading`` true (headings are not prose).

    Returns
    -------
    DataFrame
        One row per passage, sorted by ``doc_id`` then ``start``:
        ``doc_id`` (str), ``passage_id`` (str, ``"<doc_id>:p<para_id>.<window>"``),
        ``para_id`` (int), ``start``, ``end`` (offsets into the raw text: first
        sentence's start, last sentence's end), ``n_sentences`` (int), ``text``
        (cleaned sentence texts joined by one space).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.corpus.text.passages import passages
    >>> sents = pd.DataFrame({"doc_id": ["a"] * 3, "sent_id": [0, 1, 2],
    ...     "para_id": [0, 0, 0], "start": [0, 10, 20], "end": [9, 19, 29],
    ...     "text": ["One two.", "Three.", "Four."], "is_heading": [False] * 3})
    >>> passages(sents, max_sentences=2)[["passage_id", "start", "end", "text"]].values.tolist()
    [['a:p0.0', 0, 19, 'One two. Three.'], ['a:p0.1', 20, 29, 'Four.']]
    """
    _check(units, max_sentences)
    df = units
    if drop_headings and "is_heading" in df.columns:
        df = df.loc[~df["is_heading"].astype(bool)]
    text = df["text"].astype(str).str.strip()
    df = df.loc[text.str.len() > 0]
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
            PASSAGE_COLUMNS, ["str", "str", "int64", "int64", "int64", "int64", "str"])})
    order = ["doc_id", "para_id", "sent_id" if "sent_id" in df.columns else "start", "start"]
    df = pd.DataFrame({
        "doc_id": df["doc_id"].astype(str).to_numpy(),
        "para_id": df["para_id"].astype("int64").to_numpy(),
        "sent_key": df[order[2]].astype("int64").to_numpy(),
        "start": df["start"].astype("int64").to_numpy(),
        "end": df["end"].astype("int64").to_numpy(),
        "text": df["text"].astype(str).str.strip().to_numpy(),
    }).sort_values(["doc_id", "para_id", "sent_key", "start"], kind="stable")
    para = df.groupby(["doc_id", "para_id"], sort=False)
    rank = para.cumcount().to_numpy()
    size = para["text"].transform("size").to_numpy()
    n_windows = -(-size // max_sentences)  # ceil
    # Near-equal consecutive windows: sentence i of n goes to window floor(i*m/n).
    df["window"] = (rank * n_windows) // size
    out = df.groupby(["doc_id", "para_id", "window"], sort=True).agg(
        start=("start", "min"), end=("end", "max"), n_sentences=("text", "size"),
        text=("text", " ".join)).reset_index()
    out["passage_id"] = (out["doc_id"] + ":p" + out["para_id"].astype(str) + "."
                         + out["window"].astype(str))
    out = out.sort_values(["doc_id", "start", "para_id", "window"], kind="stable")
    out = out[PASSAGE_COLUMNS].reset_index(drop=True)
    out["doc_id"] = out["doc_id"].astype("str")
    out["passage_id"] = out["passage_id"].astype("str")
    out["text"] = out["text"].astype("str")
    return out
