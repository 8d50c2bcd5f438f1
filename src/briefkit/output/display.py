"""Show tables in a notebook safely and readably: escaped, stable, left-aligned, rounded, bounded.

Everything in a corpus is untrusted, so every table a notebook shows goes through :func:`show`:
cell text is HTML-escaped (a ``<script>`` in a manifest note shows as text), the markup has no
random ids (an executed notebook is byte-identical on rerun), text is left-aligned and ids are
never broken across lines, floats are rounded, and long tables show their first rows and say how
many were left out (the full table is in the exported CSV).

Examples
--------
>>> import pandas as pd
>>> from briefkit.output.display import show
>>> html = show(pd.DataFrame({"doc_id": ["a"], "note": ["<script>x</script>"]}))._repr_html_()
>>> "<script>" in html, "&lt;script&gt;" in html
(False, True)
"""

from __future__ import annotations

import html as _html
import math
import numbers

import pandas as pd

__all__ = ["show", "Table", "escape_markdown", "InteractiveFigure", "REPORT_MARK", "LIB_OPEN", "LIB_CLOSE"]

#: Output metadata key marking markup that briefkit generated (the report builder keeps only that).
REPORT_MARK = "briefkit"

def _in_kernel() -> bool:
    """Whether code runs inside a Jupyter kernel (not a plain interpreter or the test suite)."""
    import sys

    if "IPython" not in sys.modules:
        return False
    from IPython import get_ipython

    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


class ShowsItself:
    """Mixin for briefkit's displayable results: shown where they are made, and only once.

    In a notebook, :func:`show` and :func:`briefkit.output.export.save_figure` display their result at
    once, also inside an ``if`` or a loop or before another statement; the returned object, if it
    is a cell's last value or passed to ``display``, does not show a second time.
    """

    _shown = False

    def _display_once(self) -> None:
        if self._shown:
            return
        from IPython.display import display

        data, meta = self._repr_mimebundle_()
        display(data, raw=True, metadata=meta)
        self._shown = True

    def _ipython_display_(self) -> None:
        self._display_once()

    def show_now(self):
        """Display in a running notebook now (no-op elsewhere); return ``self``."""
        if _in_kernel():
            self._display_once()
        return self


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
    >>> from briefkit.output.display import escape_markdown
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


class Table(ShowsItself):
    """An escaped HTML rendering of a DataFrame (what :func:`show` returns)."""

    def __init__(self, df: pd.DataFrame, *, caption: str | None, max_rows: int, digits: int,
                 columns: list[str] | None, transpose: bool = False):
        df = df if columns is None else df[columns]
        if transpose:
            df = _transposed(df, max_columns=max_rows)
        self.df = df
        self.caption, self.max_rows, self.digits = caption, max_rows, digits

    def _repr_mimebundle_(self, include=None, exclude=None):
        return ({"text/html": self._repr_html_(), "text/plain": repr(self)},
                {"text/html": {REPORT_MARK: "table"}})

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


def _transposed(df: pd.DataFrame, *, max_columns: int) -> pd.DataFrame:
    """One row per column of ``df``, one column per row (the first column's values as headers)."""
    df = df.head(max_columns)
    if df.shape[1] == 0:
        return pd.DataFrame()
    head = [str(v) for v in df.iloc[:, 0]]
    body = df.iloc[:, 1:]
    out = pd.DataFrame({"": [str(c) for c in body.columns]})
    for i, name in enumerate(head):
        label = name if name not in out.columns else f"{name} ({i + 1})"
        out[label] = pd.Series([body.iat[i, j] for j in range(body.shape[1])], dtype=object)
    return out


def show(df: pd.DataFrame, *, caption: str | None = None, max_rows: int = 30, digits: int = 2,
         columns: list[str] | None = None, transpose: bool = False) -> Table:
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
    transpose : bool, default False
        Show a wide table (one row per group, many measures, like the scorecard) turned on its
        side: one row per measure, one column per row of ``df``, headed by the first column's
        values (at most ``max_rows`` of them). Every column stays visible.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.output.display import show
    >>> print(repr(show(pd.DataFrame({"x": range(40)}), max_rows=2)))
     x
     0
     1
    ... 38 more rows
    >>> wide = pd.DataFrame({"group": ["a", "b"], "hits": [3, 1], "brier": [0.213, 0.3]})
    >>> print(repr(show(wide, transpose=True)))
             a   b
     hits    3   1
    brier 0.213 0.3
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame, got {type(df).__name__}")
    if isinstance(max_rows, bool) or not isinstance(max_rows, int) or max_rows < 1:
        raise ValueError(f"max_rows must be a positive integer, got {max_rows!r}")
    return Table(df, caption=caption, max_rows=max_rows, digits=digits, columns=columns,
                 transpose=transpose).show_now()


# --- interactive figures (plotly, offline) -------------------------------------------------------

#: Comments around the plotly library in a page (htmlreport keeps one copy of it per report).
LIB_OPEN, LIB_CLOSE = "<!--bk-plotly-lib-->", "<!--/bk-plotly-lib-->"
_shown = {"lib": False, "count": 0}

_JS = """(function(){var root=document.getElementById(%(id)s);if(!root)return;
var spec=JSON.parse(root.querySelector('script.bk-spec').textContent);
var plot=root.querySelector('.bk-plot'),info=root.querySelector('.bk-detail');
if(!window.Plotly){info.textContent='The plotting library is not loaded: run the notebook again.';return;}
var keys=['x','y','base','customdata','text','hovertext'];
var orig=spec.data.map(function(t){var o={};keys.forEach(function(k){if(Array.isArray(t[k]))o[k]=t[k].slice();});return o;});
function un(s){return String(s).replace(/&lt;/g,'<').replace(/&gt;/g,'>').replace(/&quot;/g,'"').replace(/&#x27;/g,"'").replace(/&amp;/g,'&');}
Plotly.newPlot(plot,spec.data,spec.layout,{responsive:true,displaylogo:false});
var sels=root.querySelectorAll('select.bk-filter');
function apply(){var want=[];sels.forEach(function(s){want.push([+s.dataset.col,s.value]);});
 orig.forEach(function(o,i){if(spec.data[i].meta==='bk-fixed')return;var cd=o.customdata||[];var keep=[];for(var j=0;j<cd.length;j++){var ok=true;
  for(var w=0;w<want.length;w++){if(want[w][1]!==''&&'v:'+String(cd[j][want[w][0]])!==want[w][1]){ok=false;break;}}
  if(ok)keep.push(j);}
  var upd={};Object.keys(o).forEach(function(k){upd[k]=[keep.map(function(j){return o[k][j];})];});
  Plotly.restyle(plot,upd,[i]);});}
sels.forEach(function(s){s.addEventListener('change',apply);});
plot.on('plotly_click',function(ev){var p=ev.points[0];if(!p||!p.customdata)return;
 info.textContent='';spec.fields.forEach(function(f,k){var v=p.customdata[k];if(v===''||v===null)return;
  var line=document.createElement('div');var b=document.createElement('b');b.textContent=f+': ';
  line.appendChild(b);line.appendChild(document.createTextNode(un(v)));info.appendChild(line);});});
})();"""


def _json_for_script(obj) -> str:
    """JSON safe inside a <script> element (no '<', '>' or '&' that could end it)."""
    import json

    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, allow_nan=False, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class InteractiveFigure:
    """A plotly figure with filter menus and a detail panel that works offline.

    In JupyterLab and in exported HTML it shows as the figure drawn by plotly.js, which is
    embedded once per notebook (no CDN); hovering shows each point's fields, clicking one lists
    them under the plot, and each filter menu keeps the points whose field equals the choice.
    Corpus text goes into the page only as escaped JSON and is shown as text, never as markup.

    Parameters
    ----------
    figure : plotly.graph_objects.Figure
        Traces whose ``customdata`` rows hold the values of ``fields`` in order.
    fields : list of str
        Names of the ``customdata`` columns (shown in the detail panel).
    filters : dict of str to int
        Menu label -> index into ``fields`` of the column it filters on.
    alt : str
        What the figure shows (the plain-text form and the report's description).
    name : str
        A stable name for the element id (reruns give the same HTML).

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> from briefkit.output.display import InteractiveFigure
    >>> fig = go.Figure(go.Scatter(x=[1], y=[2], customdata=[["<b>a</b>"]]))
    >>> html = InteractiveFigure(fig, fields=["doc_id"], filters={"document": 0},
    ...                          alt="demo", name="demo").to_html(include_library=False)
    >>> "<b>a</b>" in html, "\\\\u003cb\\\\u003ea" in html
    (False, True)
    """

    def __init__(self, figure, *, fields, filters, alt: str, name: str):
        self.figure, self.fields, self.filters = figure, list(fields), dict(filters)
        self.alt, self.name = str(alt), str(name)

    def _options(self, col: int) -> list[str]:
        values = set()
        for trace in self.figure.data:
            for row in trace.customdata if trace.customdata is not None else []:
                values.add(str(row[col]))
        return sorted(values)

    def to_html(self, *, include_library: bool = True) -> str:
        """The figure as an HTML fragment (with plotly.js inline when ``include_library``)."""
        div = "bk-" + "".join(c if c.isalnum() else "-" for c in self.name)
        menus = []
        for label, col in self.filters.items():
            opts = ['<option value="">all</option>'] + [
                f'<option value="v:{_html.escape(v, quote=True)}">{_html.escape(_html.unescape(v)[:60])}</option>'
                for v in self._options(col)]
            menus.append(f'<label>{_html.escape(label)} <select class="bk-filter" data-col="{int(col)}">'
                         + "".join(opts) + "</select></label>")
        spec = self.figure.to_plotly_json()
        spec = {"data": spec.get("data", []), "layout": spec.get("layout", {}), "fields": self.fields}
        parts = []
        if include_library:
            from plotly.offline import get_plotlyjs

            parts += [LIB_OPEN, '<script type="text/javascript">', get_plotlyjs(), "</script>", LIB_CLOSE]
        parts += [
            f'<div class="bk-interactive" id="{div}" role="figure" aria-label="{_html.escape(self.alt, quote=True)}">',
            '<div class="bk-filters" style="font-size:12px;margin:4px 0">' + " ".join(menus) + "</div>",
            '<div class="bk-plot" style="width:100%;min-height:420px"></div>',
            '<div class="bk-detail" style="font-size:12px;margin-top:4px;white-space:pre-wrap">'
            "Click a point to list its fields here.</div>",
            f'<script type="application/json" class="bk-spec">{_json_for_script(spec)}</script>',
            f"<script type=\"text/javascript\">{_JS % {'id': _json_for_script(div)}}</script>",
            "</div>",
        ]
        return "".join(parts)

    def _repr_mimebundle_(self, include=None, exclude=None):
        first = not _shown["lib"]
        _shown["lib"] = True
        html = self.to_html(include_library=first)
        return ({"text/html": html, "text/plain": repr(self)},
                {"text/html": {REPORT_MARK: "interactive"}})

    def __repr__(self) -> str:
        return f"Interactive figure: {self.alt} (drawn in JupyterLab and the HTML export)"


def hover_text(value, *, width: int = 80, limit: int = 600) -> str:
    """Corpus text ready for a plotly hover label: escaped, cut at ``limit``, wrapped with ``<br>``.

    Examples
    --------
    >>> from briefkit.output.display import hover_text
    >>> hover_text("<b>x</b> " * 3, width=12)
    '&lt;b&gt;x&lt;/b&gt;<br>&lt;b&gt;x&lt;/b&gt;<br>&lt;b&gt;x&lt;/b&gt;'
    """
    import textwrap

    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    text = " ".join(str(value).split())
    if len(text) > limit:
        text = text[:limit].rstrip() + " …"
    return "<br>".join(_html.escape(line, quote=True) for line in textwrap.wrap(text, width) or [""])
