"""briefkit.show and the interactive figure: escaped, stable, readable."""

from __future__ import annotations

import pandas as pd

from briefkit.output.display import InteractiveFigure, escape_markdown, hover_text, show

BAD = '<img src=x onerror=alert(1)>"\u202e'


def test_show_escapes_and_keeps_ids_unbroken():
    html = show(pd.DataFrame({"doc_id": ["shin-2025/x"], "note": [BAD], "score": [0.123456]}))._repr_html_()
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert '<td class="txt nowrap">shin-2025/x</td>' in html and ">0.12<" in html


def test_show_transposed_keeps_every_column():
    card = pd.DataFrame({"group": ["Kim", "Lee"], **{f"m{i}": [i, i + 0.5] for i in range(21)}})
    table = show(card, transpose=True)
    assert list(table.df.columns) == ["", "Kim", "Lee"] and len(table.df) == 21
    html = table._repr_html_()
    assert html.count("<tr>") == 22 and ">20.50<" in html


def test_show_marks_its_output_for_the_report():
    data, meta = show(pd.DataFrame({"a": [1]}))._repr_mimebundle_()
    assert meta == {"text/html": {"briefkit": "table"}} and "text/plain" in data


def test_escape_markdown_shows_markup_literally():
    assert escape_markdown("**Disclaimer:**") == "\\*\\*Disclaimer:\\*\\*"


def test_hover_text_is_escaped_and_bounded():
    out = hover_text(BAD * 200, limit=100)
    assert "<img" not in out and len(out) < 400


def test_interactive_figure_puts_corpus_text_only_in_escaped_json():
    import plotly.graph_objects as go

    fig = go.Figure(go.Scatter(x=[1], y=[1], customdata=[[BAD + "</script><script>alert(9)</script>"]]))
    html = InteractiveFigure(fig, fields=["text"], filters={"text": 0}, alt=BAD, name="t").to_html(
        include_library=False)
    assert "</script><script>alert(9)" not in html and "<img src=x" not in html
    assert html.count("<script") == 2  # the spec (JSON) and briefkit's own code


def test_hangul_renders_with_the_style_font(tmp_path):
    """Figures render Hangul with a real glyph (CJK fallback font from Debian's fonts-noto-cjk)."""
    import warnings

    import matplotlib.pyplot as plt

    from briefkit.output.export import CJK_FAMILIES, font_families, style

    assert any(f in CJK_FAMILIES for f in font_families()), \
        "no CJK font: install Debian's fonts-noto-cjk (`make system` does it as root)"
    with style(), warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" would fail here
        fig, ax = plt.subplots(figsize=(3, 1))
        ax.set_title("한미동맹의 재조정")
        fig.savefig(tmp_path / "k.png")
    plt.close(fig)
