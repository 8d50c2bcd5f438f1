"""Show tables in a notebook safely and readably: escaped, stable, left-aligned, rounded, bounded.

Everything in a corpus is untrusted, so every table a notebook shows goes through :func:`show`:
cell text is HTML-escaped (a ``<script>`` in a manifest note shows as text), the markup has no
random ids (an executed notebook is byte-identical on rerun), text is left-aligned and ids are
never broken across lines, floats are rounded, and long tables show their first rows and say how
many were left out (the full table is in the exported CSV).

Examples
--------
>>> import pandas as pd
>>> from briefkit.display import show
>>> html = show(pd.DataFrame({"doc_id": ["a"], "note": ["<script>x</script>"]}))._repr_html_()
>>> "<script>" in html, "&lt;script&gt;" in html
(False, True)
"""

from __future__ import annotations

import html as _html
import math
import numbers

import pandas as pd

__all__ = ["show", "Table", "escape_markdown"]

#: Columns shown without line breaks (identifiers and offsets).
NOWRAP = ("doc_id", "sent_id", "pred_id", "rec_id", "event_id", "group", "start", "end", "date",
          "published")
_CSS = ("<style>.bk-table{border-collapse:collapse;font-size:12px}"
        ".bk-table th,.bk-table td{padding:2px 8px;border-bottom:1px solid #ddd;vertical-align:top}"
        ".bk-table th{text-align:left;background:#f4f4f4}.bk-table td.num{text-align:right;"
        "font-variant-numeric:tabular-nums}.bk-table td.txt{text-align:left;max-width:48em}"
        ".bk-table td.nowrap{white-space:nowrap}.bk-note{font-size:11px;color:#555}</style>")


def escape_markdown(text: str) -> str:
    """Escape text from the corpus for a Markdown cell: HTML and Markdown markup show literally.

    Examples
    --------
    >>> from briefkit.display import escape_markdown
    >>> escape_markdown("**Disclaimer:** <b>x</b>")
    '\\\\*\\\\*Disclaimer:\\\\*\\\\* &lt;b&gt;x&lt;/b&gt;'
    """
    out = _html.escape(str(text), quote=True)
    for ch in "\\`*_{}[]()#+-.!|>~":
        out = out.replace(ch, "\\" + ch) if ch != "\\" else out.replace("\\", "\\\\")
    return out


def _fmt(value, digits: int) -> tuple[str, str]:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA \
            or value is pd.NaT:
        return "", "num"
    if isinstance(value, bool):
        return str(value), "txt"
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}".replace(",", "\u2009") if abs(int(value)) >= 10_000 else str(int(value)), "num"
    if isinstance(value, numbers.Real):
        return f"{float(value):.{digits}f}", "num"
    if isinstance(value, pd.Timestamp):
        return str(value.date()) if value == value.normalize() else str(value), "txt"
    return str(value), "txt"


class Table:
    """An escaped HTML rendering of a DataFrame (what :func:`show` returns)."""

    def __init__(self, df: pd.DataFrame, *, caption: str | None, max_rows: int, digits: int,
                 columns: list[str] | None):
        self.df = df if columns is None else df[columns]
        self.caption, self.max_rows, self.digits = caption, max_rows, digits

    def _repr_html_(self) -> str:
        df = self.df
        shown = df.head(self.max_rows)
        parts = [_CSS, '<table class="bk-table">']
        if self.caption:
            parts.append(f"<caption>{_html.escape(self.caption)}</caption>")
        parts.append("<thead><tr>" + "".join(f"<th>{_html.escape(str(c))}</th>" for c in shown.columns)
                     + "</tr></thead><tbody>")
        for row in shown.itertuples(index=False, name=None):
            cells = []
            for col, value in zip(shown.columns, row):
                text, kind = _fmt(value, self.digits)
                cls = kind + (" nowrap" if str(col) in NOWRAP else "")
                cells.append(f'<td class="{cls}">{_html.escape(text, quote=True)}</td>')
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</tbody></table>")
        if len(df) > len(shown):
            parts.append(f'<p class="bk-note">{len(shown)} of {len(df)} rows shown; '
                         "the exported CSV has all of them.</p>")
        return "".join(parts)

    def __repr__(self) -> str:
        text = self.df.head(self.max_rows).to_string(index=False, max_colwidth=60)
        more = len(self.df) - min(len(self.df), self.max_rows)
        return text + (f"\n... {more} more rows" if more > 0 else "")


def show(df: pd.DataFrame, *, caption: str | None = None, max_rows: int = 30, digits: int = 2,
         columns: list[str] | None = None) -> Table:
    """Return ``df`` ready to display in a notebook (escaped HTML; a plain-text ``repr`` too).

    Parameters
    ----------
    df : DataFrame
    caption : str, optional
        A line above the table (escaped).
    max_rows : int, default 30
        Rows shown; the rest are counted in a note.
    digits : int, default 2
        Decimals for floats.
    columns : list of str, optional
        The columns to show, in order (all by default).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.display import show
    >>> print(repr(show(pd.DataFrame({"x": range(40)}), max_rows=2)))
     x
     0
     1
    ... 38 more rows
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame, got {type(df).__name__}")
    if isinstance(max_rows, bool) or not isinstance(max_rows, int) or max_rows < 1:
        raise ValueError(f"max_rows must be a positive integer, got {max_rows!r}")
    return Table(df, caption=caption, max_rows=max_rows, digits=digits, columns=columns)
