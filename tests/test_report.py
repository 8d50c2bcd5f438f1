"""The reader's report and the code-free HTML: sanitized, small, stable, and interactive figures draw."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from briefkit.output.htmlreport import build, report_html

INJECT = '<img src=x onerror=alert(1)><script>alert(2)</script><a href="javascript:alert(3)">x</a>'


def _nb(cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    return nb


def _output(data, metadata=None):
    return nbformat.v4.new_output("display_data", data=data, metadata=metadata or {})


def _live(page: str) -> list[str]:
    """Markup that would run: script elements other than briefkit's own (typed), handlers, javascript: links."""
    return ([m for m in re.findall(r"<script\b[^>]*>", page)
             if 'type="text/javascript"' not in m and 'type="application/json"' not in m]
            + re.findall(r"<[^>]+\son\w+\s*=", page) + re.findall(r"href=\"javascript:", page))


def test_report_escapes_everything_not_made_by_briefkit():
    code = nbformat.v4.new_code_cell("x")
    code.outputs = [
        _output({"text/html": INJECT, "text/plain": INJECT}),                # raw HTML: shown as text
        _output({"text/markdown": "**Disclaimer:** " + INJECT}),               # markdown: HTML escaped
        nbformat.v4.new_output("stream", name="stdout", text=INJECT),
        nbformat.v4.new_output("error", ename="ValueError", evalue=INJECT, traceback=[]),
    ]
    page = report_html([("01_x", _nb([nbformat.v4.new_markdown_cell("# Title\n" + INJECT), code]))],
                       title=INJECT)
    assert not _live(page), _live(page)
    assert page.count("&lt;script&gt;alert(2)") >= 5


def test_report_keeps_briefkit_tables_and_has_a_table_of_contents():
    from briefkit.output.display import show

    table = show(pd.DataFrame({"doc_id": ["shin-2025/1"], "note": [INJECT]}))
    data, meta = table._repr_mimebundle_()
    code = nbformat.v4.new_code_cell("show(x)")
    code.outputs = [_output(data, meta)]
    cells = [nbformat.v4.new_markdown_cell("# 01 · Corpus\n\n## Documents"), code]
    page = report_html([("01_corpus", _nb(cells))], title="seeds")
    assert '<table class="bk-table">' in page and not _live(page)
    assert '<a href="#nb1-1">01 · Corpus</a>' in page and '<a href="#nb1-2">Documents</a>' in page
    assert "show(x)" not in page  # no code
    assert report_html([("01_corpus", _nb(cells))], title="seeds") == page  # stable bytes


@pytest.mark.notebooks
def test_built_report_draws_an_interactive_figure_in_chromium(tmp_path):
    """A small notebook with an interactive figure, executed, built, rendered headless."""
    from nbclient import NotebookClient
    from test_notebooks import dump_dom

    src = ("import pandas as pd\nfrom briefkit.forecasts import explore_forecasts\n"
           "preds = pd.DataFrame({'doc_id': ['d1', 'd2'], 'pred_id': ['P1', 'P2'],\n"
           f"    'text': [{INJECT!r}, 'Tariffs will rise.'], 'group': ['Kim', 'Lee'],\n"
           "    'horizon_start': pd.to_datetime(['2025-01-01', '2025-03-01']),\n"
           "    'horizon_end': pd.to_datetime([None, '2025-09-01']), 'p_point': [0.8, 0.3],\n"
           "    'outcome': ['pending', 'happened']})\n"
           "explore_forecasts(preds, today='2025-06-01')")
    nb = _nb([nbformat.v4.new_markdown_cell("# 04 · Forecasts"), nbformat.v4.new_code_cell(src)])
    NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    (tmp_path / "notebooks").mkdir()
    nbformat.write(nb, tmp_path / "notebooks" / "04_demo.ipynb")
    build(tmp_path)
    for page in (tmp_path / "report.html", tmp_path / "html" / "04_demo.html"):
        text = page.read_text(encoding="utf-8")
        assert "cdnjs" not in text and "explore_forecasts(" not in text
        assert text.count("plotly.js v") == 1
        assert "<img src=x" not in text and "<script>alert(2)" not in text and not _live(text)
        dom = dump_dom(page)
        assert dom.count('class="main-svg"') >= 2, f"{page.name}: the interactive figure did not draw"
        assert dom.count('class="point"') == 2, f"{page.name}: expected two bars"
        assert "<img src=\"x\"" not in dom and "alert(2)</script>" not in dom
    # filter by the first group and click a bar: the menu keeps one bar, the panel lists its fields
    probe = ("<script>setTimeout(function(){var r=document.querySelector('.bk-interactive');"
             "var sel=r.querySelector('select.bk-filter');sel.value=sel.options[1].value;"
             "sel.dispatchEvent(new Event('change'));var plot=r.querySelector('.bk-plot');"
             "var n=plot.data.map(function(t){return (t.x||[]).length;});"
             "var k=plot.data.findIndex(function(t){return (t.x||[]).length>0;});"
             "plot.emit('plotly_click',{points:[{customdata:plot.data[k].customdata[0]}]});"
             "var d=document.createElement('pre');d.id='probe';d.textContent='counts='+JSON.stringify(n);"
             "document.body.appendChild(d);},1000);</script>")
    probed = tmp_path / "probe.html"
    probed.write_text((tmp_path / "report.html").read_text(encoding="utf-8").replace("</body>", probe + "</body>"),
                      encoding="utf-8")
    dom = dump_dom(probed)
    counts = re.search(r'<pre id="probe">counts=(\[[0-9,]*\])', dom)
    assert counts and sum(json.loads(counts.group(1))) == 1, counts
    assert "<b>group: </b>Kim</div>" in dom and "&lt;img src=x onerror=alert(1)&gt;" in dom
    size = (tmp_path / "report.html").stat().st_size
    assert size < 6e6, f"report.html is {size / 1e6:.1f} MB"
