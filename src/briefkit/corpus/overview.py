"""Corpus overview for notebook 01: what cleaning set aside, text lengths, publication dates."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from briefkit.dates import period_interval
from briefkit.output.export import PALETTE, style

__all__ = ["FORMAT_CATEGORIES", "removal_summary", "removal_examples", "date_intervals",
           "plot_removals", "plot_word_counts", "plot_timeline"]

#: Edit categories that only touch formatting (whitespace, markup, characters), not content.
FORMAT_CATEGORIES = ("layout", "rejoin", "markup", "link", "unicode", "control")


def _is_content(category: pd.Series) -> pd.Series:
    return ~category.isin(FORMAT_CATEGORIES)


def removal_summary(removed: pd.DataFrame) -> pd.DataFrame:
    """Characters and edits per document and category.

    Parameters
    ----------
    removed : DataFrame
        From :func:`briefkit.removed_spans`.

    Returns
    -------
    DataFrame
        ``doc_id, category, kind`` (``content`` or ``format``), ``n_edits``,
        ``n_chars`` (raw characters replaced), sorted by document then characters.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.corpus.overview import removal_summary
    >>> r = pd.DataFrame({"doc_id": ["a", "a"], "start": [0, 9], "end": [5, 11],
    ...                   "category": ["byline", "markup"], "text": ["By Li", "**"], "replacement": ["", ""]})
    >>> removal_summary(r)[["category", "kind", "n_chars"]].values.tolist()
    [['byline', 'content', 5], ['markup', 'format', 2]]
    """
    if removed.empty:
        return pd.DataFrame(columns=["doc_id", "category", "kind", "n_edits", "n_chars"])
    r = removed.assign(n_chars=removed["end"] - removed["start"])
    out = (r.groupby(["doc_id", "category"], sort=True)
           .agg(n_edits=("start", "size"), n_chars=("n_chars", "sum")).reset_index())
    out.insert(2, "kind", np.where(_is_content(out["category"]), "content", "format"))
    return out.sort_values(["doc_id", "n_chars", "category"], ascending=[True, False, True],
                           kind="stable").reset_index(drop=True)


def removal_examples(removed: pd.DataFrame, *, per_category: int = 2, width: int = 100) -> pd.DataFrame:
    """The longest removals of each content category, shortened to ``width`` characters.

    Returns
    -------
    DataFrame
        ``category, doc_id, start, end, text``.
    """
    if per_category < 1:
        raise ValueError(f"per_category must be >= 1, got {per_category}")
    r = removed[_is_content(removed["category"])].copy()
    r["length"] = r["end"] - r["start"]
    r = r.sort_values(["category", "length", "doc_id", "start"], ascending=[True, False, True, True])
    r = r.groupby("category", sort=True).head(per_category)
    squashed = r["text"].str.replace(r"\s+", " ", regex=True).str.strip()
    r["text"] = [t if len(t) <= width else t[:width - 1] + "…" for t in squashed]
    return r[["category", "doc_id", "start", "end", "text"]].reset_index(drop=True)


def date_intervals(docs: pd.DataFrame) -> pd.DataFrame:
    """Publication date of each document as an interval at its precision.

    Returns
    -------
    DataFrame
        ``doc_id, date_start, date_end`` (inclusive; NaT when undated), ``date_precision``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.corpus.overview import date_intervals
    >>> d = pd.DataFrame({"doc_id": ["a"], "published": [pd.Timestamp("2025-03-01")], "date_precision": ["month"]})
    >>> date_intervals(d)["date_end"].dt.strftime("%Y-%m-%d").tolist()
    ['2025-03-31']
    """
    ends = [period_interval(ts, prec)[1] if prec else pd.NaT  # briefkit.dates: precision -> interval
            for ts, prec in zip(docs["published"], docs["date_precision"])]
    return pd.DataFrame({"doc_id": docs["doc_id"].to_numpy(), "date_start": docs["published"].to_numpy(),
                         "date_end": pd.to_datetime(pd.Series(ends, dtype="object")).to_numpy(),
                         "date_precision": docs["date_precision"].to_numpy()})


def plot_removals(summary: pd.DataFrame, *, kind: str = "content", max_docs: int = 16) -> plt.Figure:
    """Stacked bars: raw characters set aside per document, by category.

    Parameters
    ----------
    summary : DataFrame
        From :func:`removal_summary`.
    kind : {"content", "format", "all"}
    max_docs : int
        Show the documents with most removed characters when there are more.
    """
    if kind not in ("content", "format", "all"):
        raise ValueError(f"kind must be 'content', 'format' or 'all', got {kind!r}")
    s = summary if kind == "all" else summary[summary["kind"] == kind]
    table = s.pivot_table(index="doc_id", columns="category", values="n_chars", aggfunc="sum", fill_value=0)
    n_all = len(table)
    table = table.loc[table.sum(axis=1).sort_values(ascending=True, kind="stable").index[-max_docs:]]
    cats = list(table.sum().sort_values(ascending=False, kind="stable").index)
    with style():
        fig, ax = plt.subplots(figsize=(7.0, min(9.4, 0.45 * max(len(table), 3) + 1.4)))
        left = np.zeros(len(table))
        hatches = ["", "//", "..", "xx", "\\\\", "--", "++", "oo"]
        for i, cat in enumerate(cats):
            vals = table[cat].to_numpy(dtype=float)
            ax.barh(table.index, vals, left=left, color=PALETTE[i % len(PALETTE)],
                    hatch=hatches[(i // len(PALETTE)) % len(hatches)], label=cat, edgecolor="white",
                    linewidth=0.5)
            left += vals
        ax.set_xlabel("characters of the raw file set aside")
        ax.set_title(("What cleaning set aside, by document and reason" if kind != "format"
                      else "Formatting normalized, by document")
                     + (f"\n({len(table)} of {n_all} documents with the most; all in removed.csv)"
                        if n_all > len(table) else ""))
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="lower right", fontsize=7, ncol=2)
        ax.grid(axis="y", visible=False)
        if table.empty:
            ax.text(0.5, 0.5, "nothing set aside", transform=ax.transAxes, ha="center")
    return fig


def plot_word_counts(docs: pd.DataFrame, *, max_docs: int = 18) -> plt.Figure:
    """Words per document before and after cleaning (horizontal bars; the longest ``max_docs``)."""
    d = docs.sort_values("n_words_clean", kind="stable").tail(max_docs)
    with style():
        fig, ax = plt.subplots(figsize=(7.0, min(9.4, 0.4 * max(len(d), 3) + 1.2)))
        y = np.arange(len(d))
        ax.barh(y, d["n_words_raw"], color=PALETTE[4], label="raw file", height=0.8)
        ax.barh(y, d["n_words_clean"], color=PALETTE[0], label="cleaned text (analysed)", height=0.5)
        for yi, (raw, clean) in enumerate(zip(d["n_words_raw"], d["n_words_clean"])):
            ax.text(raw, yi, f" {clean:,} / {raw:,}", va="center", fontsize=7)
        ax.set_yticks(y, d["doc_id"])
        ax.set_xlabel("words")
        ax.set_title("Words per document: raw file vs cleaned text"
                     + (f"\n(the {len(d)} longest of {len(docs)} documents; all in documents.csv)"
                        if len(docs) > len(d) else ""))
        ax.set_xlim(0, max(1.0, float(d["n_words_raw"].max() if len(d) else 1)) * 1.25)
        ax.legend(loc="lower right")
        ax.grid(axis="y", visible=False)
    return fig


def plot_timeline(docs: pd.DataFrame, *, max_docs: int = 18) -> plt.Figure:
    """Publication dates: a point for day precision, a bar spanning the month or year otherwise.

    Undated documents are listed in a separate row, never dropped. With more than ``max_docs``
    documents: documents per year, stacked by the precision of their date, undated ones counted
    in the title.
    """
    iv = date_intervals(docs).sort_values(["date_start", "doc_id"], kind="stable", na_position="last")
    if len(iv) > max_docs:
        return _timeline_counts(iv)
    colors = {"day": PALETTE[0], "month": PALETTE[1], "year": PALETTE[2]}
    with style():
        fig, ax = plt.subplots(figsize=(7.0, 0.4 * max(len(iv), 3) + 1.4))
        dated = iv[iv["date_start"].notna()]
        undated = iv[iv["date_start"].isna()]
        for y, r in enumerate(dated.itertuples()):
            c = colors.get(r.date_precision, PALETTE[7])
            if r.date_precision == "day":
                ax.plot([r.date_start], [y], "o", color=c, ms=6)
            else:
                ax.plot([r.date_start, r.date_end + pd.Timedelta(days=1)], [y, y], "-", color=c, lw=6,
                        solid_capstyle="butt", alpha=0.8)
        labels = list(dated["doc_id"])
        if len(undated):
            labels.append("undated: " + ", ".join(undated["doc_id"].head(6))
                          + (" …" if len(undated) > 6 else ""))
        ax.set_yticks(range(len(labels)), labels)
        for prec, c in colors.items():
            ax.plot([], [], "o" if prec == "day" else "-", lw=6, color=c, label=f"{prec} precision")
        ax.legend(loc="upper left", fontsize=7)
        ax.set_title("Publication dates at the precision the text supports")
        ax.set_xlabel("publication date")
        ax.grid(axis="y", visible=False)
        fig.autofmt_xdate()
    return fig


def _timeline_counts(iv: pd.DataFrame) -> plt.Figure:
    """Documents per year of publication, stacked by date precision (for many documents)."""
    dated = iv[iv["date_start"].notna()]
    years = pd.DatetimeIndex(dated["date_start"]).year
    counts = pd.crosstab(years, dated["date_precision"]) if len(dated) else pd.DataFrame()
    colors = {"day": PALETTE[0], "month": PALETTE[1], "year": PALETTE[2]}
    with style():
        fig, ax = plt.subplots(figsize=(7.0, 3.6))
        bottom = np.zeros(len(counts))
        for prec, c in colors.items():
            if prec in counts.columns:
                vals = counts[prec].to_numpy(dtype=float)
                ax.bar(counts.index.astype(str), vals, bottom=bottom, color=c, label=f"{prec} precision")
                bottom += vals
        undated = int(iv["date_start"].isna().sum())
        ax.set_title(f"Documents per year of publication ({len(dated)} dated"
                     + (f", {undated} undated" if undated else "") + ")")
        ax.set_xlabel("year of publication")
        ax.set_ylabel("documents")
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="upper left", fontsize=7)
        ax.grid(axis="x", visible=False)
    return fig
