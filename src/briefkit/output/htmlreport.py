"""The reader's report and the code-free HTML of executed notebooks (``python -m briefkit.output.htmlreport BUILD``).

``make report`` executes the notebooks into ``build/<corpus>/notebooks/`` and then calls
:func:`build`, which writes

- ``build/<corpus>/html/NN_name.html``: each executed notebook as HTML without its code
  (JupyterLab's look, nothing loaded from a network);
- ``build/<corpus>/report.html``: one page for a reader, with a table of contents, the notebooks'
  prose, figures and tables in order, and no code.

The report is sanitized by construction: Markdown is rendered with raw HTML escaped, and of the
notebooks' outputs only markup that briefkit generated itself is kept as markup (escaped tables,
figures as images, interactive figures: outputs marked with :data:`briefkit.output.display.REPORT_MARK`);
PNG and SVG images become ``<img>`` data URIs (an SVG in an image never runs script); everything
else (printed text, plain reprs, errors) is shown as escaped text. plotly.js, when an interactive
figure needs it, is embedded once. A rerun on the same notebooks gives the same bytes.
"""

from __future__ import annotations

import base64
import html
import re
import sys
from pathlib import Path

from briefkit.output.display import REPORT_MARK, LIB_CLOSE, LIB_OPEN

__all__ = ["build", "report_html", "notebook_html", "main"]

_HEADING = re.compile(r"<h([1-3])>([^<>]*(?:<(?!/h[1-6]>)[^<>]*>[^<>]*)*)</h\1>")
_TAG = re.compile(r"<[^<>]*>")
_B64 = re.compile(r"[A-Za-z0-9+/=\s]*")
_CSS = """<style>
body{font-family:"DejaVu Sans","Noto Sans","Noto Sans CJK KR",sans-serif;max-width:52em;margin:2em auto;
padding:0 1em;line-height:1.45;color:#222}
nav.toc{border:1px solid #ddd;padding:.5em 1em;margin-bottom:2em;font-size:.95em}
nav.toc ul{margin:.2em 0;padding-left:1.2em}
nav.toc li.toc1{font-weight:bold;margin-top:.4em}nav.toc li.toc2{margin-left:1.2em;font-weight:normal}
img{max-width:100%;height:auto}
pre.bk-out{background:#f7f7f7;padding:.5em;overflow-x:auto;font-size:12px;white-space:pre-wrap}
section.notebook{border-top:2px solid #0072B2;margin-top:2.5em}
.bk-table{border-collapse:collapse;font-size:12px}
table{border-collapse:collapse}td,th{padding:2px 6px}
</style>"""


def _markdown(text: str) -> str:
    import mistune

    render = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])
    return render(text)


def _source(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def _image(mime: str, data) -> str:
    raw = _source(data)
    if mime == "image/svg+xml":
        raw = base64.b64encode(raw.encode("utf-8")).decode("ascii")
    elif not _B64.fullmatch(raw):
        return ""
    return f'<img src="data:{mime};base64,{"".join(raw.split())}" alt="">'


def _output(out) -> tuple[str, bool]:
    """One output as report markup; True when it needs plotly.js."""
    kind = out.get("output_type")
    if kind == "stream":
        return ((f'<pre class="bk-out">{html.escape(_source(out.get("text")))}</pre>', False)
                if out.get("name") == "stdout" else ("", False))
    if kind == "error":
        return f'<pre class="bk-out">{html.escape(str(out.get("ename")))}: {html.escape(str(out.get("evalue")))}</pre>', False
    data, meta = out.get("data", {}), out.get("metadata", {})
    mark = (meta.get("text/html") or {}).get(REPORT_MARK) if isinstance(meta.get("text/html"), dict) else None
    if "text/html" in data and mark:
        markup = _source(data["text/html"])
        needs = mark == "interactive"
        while LIB_OPEN in markup:  # the library is embedded once, in the page head
            a = markup.index(LIB_OPEN)
            b = markup.find(LIB_CLOSE, a)
            markup = markup[:a] + (markup[b + len(LIB_CLOSE):] if b >= 0 else "")
        return markup, needs
    for mime in ("image/png", "image/jpeg", "image/svg+xml"):
        if mime in data:
            return _image(mime, data[mime]), False
    if "text/markdown" in data:
        return _markdown(_source(data["text/markdown"])), False
    if "text/plain" in data:
        return f'<pre class="bk-out">{html.escape(_source(data["text/plain"]))}</pre>', False
    return "", False


def _anchor(match: re.Match, toc: list, prefix: str) -> str:
    level, inner = int(match.group(1)), match.group(2)
    ident = f"{prefix}-{len(toc) + 1}"
    toc.append((level, ident, html.unescape(_TAG.sub("", inner)).strip()))
    return f'<h{level} id="{ident}">{inner}</h{level}>'


def report_html(notebooks, *, title: str) -> str:
    """The reader's report: a table of contents, then each notebook's prose and outputs, no code.

    Parameters
    ----------
    notebooks : iterable of (str, notebook)
        Name and executed notebook (an ``nbformat`` node or a dict in the same shape), in order.
    title : str
        The page title (escaped), e.g. the corpus name.

    Examples
    --------
    >>> nb = {"cells": [{"cell_type": "markdown", "source": "# Corpus\\n<script>x</script>"},
    ...                 {"cell_type": "code", "source": "print(1)",
    ...                  "outputs": [{"output_type": "stream", "name": "stdout", "text": "<b>1</b>"}]}]}
    >>> page = report_html([("01_corpus", nb)], title="seeds")
    >>> "<script>x" in page, "&lt;script&gt;x" in page, "&lt;b&gt;1" in page, 'href="#nb1-1"' in page
    (False, True, True, True)
    """
    toc: list = []
    body, needs_lib = [], False
    for i, (name, nb) in enumerate(notebooks, start=1):
        prefix, parts = f"nb{i}", [f'<section class="notebook" id="nb{i}">']
        for cell in nb.get("cells", []):
            if cell.get("cell_type") == "markdown":
                parts.append(_HEADING.sub(lambda m: _anchor(m, toc, prefix), _markdown(_source(cell.get("source")))))
            elif cell.get("cell_type") == "code":
                for out in cell.get("outputs", []):
                    markup, needs = _output(out)
                    needs_lib |= needs
                    parts.append(markup)
        parts.append("</section>")
        body.append("\n".join(p for p in parts if p))
    items = "".join(f'<li class="toc{level}"><a href="#{ident}">{html.escape(text)}</a></li>'
                    for level, ident, text in toc if level <= 2)
    head = [f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{html.escape(title)}</title>\n{_CSS}"]
    if needs_lib:
        from plotly.offline import get_plotlyjs

        head.append(f'<script type="text/javascript">{get_plotlyjs()}</script>')
    return ("\n".join(head) + f"\n</head>\n<body>\n<h1>{html.escape(title)}</h1>\n"
            f'<nav class="toc"><b>Contents</b><ul>{items}</ul></nav>\n' + "\n".join(body)
            + "\n</body>\n</html>\n")


def notebook_html(nb) -> str:
    """An executed notebook as HTML without code or prompts, loading nothing from a network.

    Uses nbconvert's JupyterLab template with its CDN scripts (require.js, MathJax, Mermaid,
    widgets) left out (``briefkit/output/templates/briefkit_html``).
    """
    from importlib import resources

    from nbconvert import HTMLExporter

    templates = str(resources.files("briefkit").joinpath("output/templates"))
    exporter = HTMLExporter(template_name="briefkit_html", extra_template_basedirs=[templates],
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    return body


def build(folder) -> list[Path]:
    """Write ``<folder>/html/*.html`` and ``<folder>/report.html`` from ``<folder>/notebooks/*.ipynb``.

    Returns the written files. Raises :class:`~briefkit.errors.BriefkitError` when the folder
    holds no executed notebook.
    """
    import nbformat

    from briefkit.errors import BriefkitError

    folder = Path(folder)
    paths = sorted((folder / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        raise BriefkitError(f"{folder / 'notebooks'}: no executed notebooks (NN_name.ipynb) to build a report from")
    (folder / "html").mkdir(parents=True, exist_ok=True)
    written, loaded = [], []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        loaded.append((path.stem, nb))
        out = folder / "html" / f"{path.stem}.html"
        out.write_text(notebook_html(nb), encoding="utf-8")
        written.append(out)
    report = folder / "report.html"
    report.write_text(report_html(loaded, title=f"briefkit report: {folder.resolve().name}"), encoding="utf-8")
    written.append(report)
    return written


def main(argv=None) -> int:
    """``python -m briefkit.output.htmlreport BUILD_DIR``: build the HTML and the report of one build folder."""
    args = list(sys.argv[1:] if argv is None else argv)
    usage = "usage: python -m briefkit.output.htmlreport BUILD_DIR   (holding notebooks/NN_name.ipynb)"
    if args in (["-h"], ["--help"]):
        print(usage + "\nWrites BUILD_DIR/html/NN_name.html (code hidden) and BUILD_DIR/report.html.")
        return 0
    if len(args) != 1:
        print(usage, file=sys.stderr)
        return 2
    from briefkit.errors import BriefkitError

    try:
        written = build(args[0])
    except BriefkitError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
