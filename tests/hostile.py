"""A hostile corpus: markup, event handlers, javascript: links, formula prefixes and bidi/zero-width
characters in every manifest column, the text and the curated tables; plus odd documents (headings
only, one line, one sentence). Used by the injection tests (issue 12)."""

from __future__ import annotations

import csv
from html.parser import HTMLParser
from pathlib import Path

SCRIPT = "<script>alert('x')</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = "<a href=\"javascript:alert(2)\">click</a>"
MD_JS = "[click](javascript:alert(3))"
FORMULA = "=HYPERLINK(\"http://x\",\"click\")"
BIDI = "\u202eevil\u202c\u200b\u2066x\u2069"
PAYLOADS = [SCRIPT, IMG, JS_LINK, MD_JS, FORMULA, "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", BIDI,
            "&lt;script&gt;alert(4)&lt;/script&gt;"]
PAYLOAD = " ".join(PAYLOADS)

#: Tags briefkit's own display and figures emit; anything else in an output is injected markup.
SAFE_TAGS = {"style", "table", "thead", "tbody", "tr", "th", "td", "div", "span", "p", "br", "figure",
             "figcaption", "img", "caption", "b", "i", "em", "strong", "code", "small"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _body(n: int) -> str:
    return "\n\n".join(
        f"Paragraph {k}: {PAYLOAD} Seoul will pay more for the alliance, officials said on Tuesday. "
        f"=cmd|' /C calc'!A0 {SCRIPT}\n{IMG} the talks went on. {MD_JS}" for k in range(n))


def build(root: Path) -> Path:
    """Write the hostile corpus into ``root`` and return it."""
    texts = {
        "hostile.txt": f"# {SCRIPT} Title {IMG}\n\nBy {FORMULA}\n\n{_body(3)}\n",
        "headings.txt": "# Only a heading\n\n## Another heading\n\n### {SCRIPT}\n".replace("{SCRIPT}", SCRIPT),
        "oneline.txt": f"{FORMULA}",
        "short.txt": f"{BIDI} One sentence only.\n",
    }
    (root / "texts").mkdir(parents=True, exist_ok=True)
    rows = []
    for i, (name, text) in enumerate(texts.items()):
        (root / "texts" / name).write_text(text, encoding="utf-8")
        rows.append({"doc_id": f"doc-{i}", "file": f"texts/{name}", "title": f"{SCRIPT} Title {IMG}",
                     "authors": f"{FORMULA}; {BIDI} Kim", "affiliation": JS_LINK, "kind": "@brief",
                     "published": "2025-03", "language": "en", "url": "javascript:alert(5)",
                     "notes": PAYLOAD, "series": f"-{MD_JS}"})
    with open(root / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return root


class _Live(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in SAFE_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action") and (value.startswith("javascript:") or
                                                       (tag == "img" and not value.startswith("data:image/"))):
                self.found.append(f"{tag} {name}={value[:30]}")


def live_markup(nb) -> list[str]:
    """Live markup in a notebook's HTML and Markdown outputs: tags other than briefkit's own table and
    figure markup, event-handler attributes, ``javascript:`` links (escaped text such as
    ``&lt;script&gt;`` is inert and not counted)."""
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            for mime, data in out.get("data", {}).items():
                if mime in ("text/html", "text/markdown"):
                    parser = _Live()
                    parser.feed(data if isinstance(data, str) else "".join(data))
                    found += parser.found
    return found


def unguarded_cells(folder: Path) -> list[tuple[str, str]]:
    """CSV cells in ``folder`` that start like a spreadsheet formula."""
    bad = []
    for path in sorted(folder.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                bad += [(path.name, c) for c in row if c.startswith(FORMULA_START)]
    return bad
