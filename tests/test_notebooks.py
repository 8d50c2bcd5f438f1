"""Notebooks: stored without outputs, in step with their jupytext pairs, executed end to end, and
built into a code-free HTML export and a reader's report whose interactive figures draw in Chromium.

Tests that execute notebooks carry the ``notebooks`` marker (``make check`` leaves them out).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

from datasets import IRISH

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
#: The clean filter `make setup` gives git for stored notebooks (see Makefile STRIP).
STRIP_ARGS = ["--keep-id", "--extra-keys", "metadata.language_info.version"]
TODAY = "2026-11-21"  # pinned: outputs reproduce whatever the run date


def _ids(paths):
    return [p.stem for p in paths]


def _in_git() -> bool:
    return subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=ROOT, capture_output=True).returncode == 0


def stored_bytes(path: Path) -> bytes:
    """The file as committed (git's index: what the nbstripout filter let in), else as on disk."""
    if _in_git():
        rel = path.relative_to(ROOT).as_posix()
        res = subprocess.run(["git", "show", f":{rel}"], cwd=ROOT, capture_output=True)
        if res.returncode == 0:
            return res.stdout
    return path.read_bytes()


def test_there_are_notebooks():
    assert [p.stem for p in NOTEBOOKS][:1] == ["01_corpus"]


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_stored_without_outputs(nb_path):
    nb = nbformat.reads(stored_bytes(nb_path).decode("utf-8"), as_version=4)
    with_outputs = [i for i, c in enumerate(nb.cells)
                    if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count"))]
    assert not with_outputs, f"{nb_path.name} is stored with outputs in cells {with_outputs}: run `make sync`"


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_paired_with_percent_script(nb_path):
    script = nb_path.with_suffix(".py")
    assert script.exists(), f"{script.name} (jupytext py:percent pair) is missing"
    from_ipynb = jupytext.read(nb_path)
    from_py = jupytext.read(script)
    src = lambda nb: [(c.cell_type, c.source.strip()) for c in nb.cells]  # noqa: E731
    assert src(from_ipynb) == src(from_py), f"{nb_path.name} and {script.name} differ: run `make sync`"
    meta = from_ipynb.metadata
    # what JupyterLab writes on save, pinned so a notebook opens and saves without changes
    assert meta.get("kernelspec") == {"display_name": "Python 3 (ipykernel)", "language": "python",
                                      "name": "python3"}
    assert meta.get("language_info", {}).get("name") == "python"


def test_sync_on_a_clean_checkout_changes_nothing(tmp_path):
    """`make sync` (jupytext --sync, then the strip filter) rewrites no stored file."""
    shutil.copyfile(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")  # the jupytext settings
    (tmp_path / "notebooks").mkdir()
    before = {}
    for nb_path in NOTEBOOKS:
        for path in (nb_path, nb_path.with_suffix(".py")):
            before[path.name] = stored_bytes(path)
            (tmp_path / "notebooks" / path.name).write_bytes(before[path.name])
    names = [f"notebooks/{p.name}" for p in NOTEBOOKS]
    for cmd in ([sys.executable, "-m", "jupytext", "--sync", *names],
                [sys.executable, "-m", "nbstripout", *STRIP_ARGS, *names]):
        res = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True)
        assert res.returncode == 0, res.stderr
    changed = [n for n, b in before.items() if (tmp_path / "notebooks" / n).read_bytes() != b]
    assert not changed, f"`make sync` rewrites {changed} on a clean checkout"


def test_git_strips_outputs_on_commit():
    """.gitattributes routes stored notebooks through the nbstripout filter (set up by `make setup`)."""
    text = (ROOT / ".gitattributes").read_text(encoding="utf-8")
    assert re.search(r"^notebooks/\*\.ipynb\s+filter=nbstripout\b", text, re.M)
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "nbstripout " + " ".join(f"'{a}'" if "." in a else a for a in STRIP_ARGS) in make


def execute(nb_path: Path, env: dict[str, str], out_dir: Path | None = None) -> nbformat.NotebookNode:
    nb = nbformat.read(nb_path, as_version=4)
    env = {"BRIEFKIT_TODAY": TODAY, **env}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        client = NotebookClient(nb, timeout=1800, kernel_name="python3", record_timing=False,
                                resources={"metadata": {"path": str(nb_path.parent)}})
        client.execute()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, out_dir / nb_path.name)
    return nb


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """Execute a notebook on the seed corpus once per session, as `make report` does (cached)."""
    build = tmp_path_factory.mktemp("build") / "corpus"
    done: dict[str, nbformat.NotebookNode] = {}

    def run(nb_path: Path) -> nbformat.NotebookNode:
        if nb_path.stem not in done:
            done[nb_path.stem] = execute(nb_path, {"BRIEFKIT_CORPUS": str(ROOT / "corpus"),
                                                   "BRIEFKIT_FIGURES": str(build / "figures")},
                                         out_dir=build / "notebooks")
        return done[nb_path.stem]

    run.folder = build
    return run


def _svg_inches(path: Path) -> tuple[float, float]:
    head = path.read_text(encoding="utf-8")[:2000]
    size = {k: float(v) for k, v in re.findall(r'\b(width|height)="([0-9.]+)pt"', head)[:2]}
    return size["width"] / 72, size["height"] / 72


@pytest.mark.notebooks
@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_executes_on_seed_corpus(nb_path, seed_build):
    from briefkit.output.export import MAX_FIGURE_INCHES

    seed_build(nb_path)
    out = seed_build.folder / "figures"
    exported = sorted(p.name for p in out.iterdir())
    assert any(name.endswith(".csv") for name in exported)
    prefix = nb_path.stem[:2] + "_"
    for svg in out.glob(f"{prefix}*.svg"):
        assert {f"{svg.stem}.png", f"{svg.stem}.pdf"} <= set(exported), f"{svg.stem} not saved in all formats"
        width, height = _svg_inches(svg)
        assert width <= MAX_FIGURE_INCHES[0] + 0.01 and height <= MAX_FIGURE_INCHES[1] + 0.01, \
            f"{svg.name} is {width:.1f} x {height:.1f} in, larger than a report page"


@pytest.mark.notebooks
def test_every_exported_figure_fits_a_report_page(seed_build):
    from briefkit.output.export import MAX_FIGURE_INCHES

    for nb_path in NOTEBOOKS:
        seed_build(nb_path)
    svgs = sorted((seed_build.folder / "figures").glob("*.svg"))
    assert svgs
    too_big = {p.name: tuple(round(v, 1) for v in _svg_inches(p)) for p in svgs
               if _svg_inches(p)[0] > MAX_FIGURE_INCHES[0] + 0.01 or _svg_inches(p)[1] > MAX_FIGURE_INCHES[1] + 0.01}
    assert not too_big, f"figures larger than {MAX_FIGURE_INCHES} in: {too_big}"
    unprefixed = [p.name for p in svgs if not re.match(r"\d\d_", p.name)]
    assert not unprefixed, f"figure names without their notebook number: {unprefixed}"


@pytest.mark.notebooks
def test_notebook_04_carries_an_interactive_figure(seed_build):
    nb = seed_build(ROOT / "notebooks" / "04_predictions_timeline.ipynb")
    marks = [o.get("metadata", {}).get("text/html", {}).get("briefkit") for c in nb.cells if c.cell_type == "code"
             for o in c.get("outputs", [])]
    assert "interactive" in marks


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    pytest.fail("headless Chromium is needed (Debian: apt-get install chromium; `make system` does it as root)")


def dump_dom(html_file: Path) -> str:
    res = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                          "--virtual-time-budget=15000", "--dump-dom", html_file.as_uri()],
                         capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr[-2000:]
    return res.stdout


@pytest.mark.notebooks
def test_seed_report_builds_and_its_interactive_figures_draw(seed_build):
    from briefkit.output.htmlreport import build

    for nb_path in NOTEBOOKS:
        seed_build(nb_path)
    written = build(seed_build.folder)
    report = seed_build.folder / "report.html"
    assert report in written and {f"{p.stem}.html" for p in NOTEBOOKS} <= {p.name for p in written}
    page = report.read_text(encoding="utf-8")
    # nothing is loaded from elsewhere (plotly.js itself mentions its CDN in a default setting)
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=[\"']?(https?:)?//", page, re.I)
    assert "import briefkit" not in page
    assert page.count("plotly.js v") == 1  # the library once for the whole report
    dom = dump_dom(report)
    drawn = dom.count('class="main-svg"')
    assert drawn >= 2 * page.count('class="bk-interactive"') > 0, "an interactive figure did not draw"
    assert re.search(r'class="(point|trace bars)"', dom)
    for html_file in (seed_build.folder / "html").glob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=[\"']?(https?:)?//", text, re.I), \
            f"{html_file.name} loads something from another host"
        assert "notebook_run(" not in text, f"{html_file.name} shows code"


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.suffix in (".svg", ".pdf", ".csv", ".png")}


@pytest.mark.notebooks
def test_corpus_notebook_is_byte_identical_on_rerun(tmp_path):
    from briefkit.output.htmlreport import notebook_html

    nb_path = ROOT / "notebooks" / "01_corpus.ipynb"
    a, b = tmp_path / "a", tmp_path / "b"
    nb_a = execute(nb_path, {"BRIEFKIT_CORPUS": str(ROOT / "corpus"), "BRIEFKIT_FIGURES": str(a)})
    nb_b = execute(nb_path, {"BRIEFKIT_CORPUS": str(ROOT / "corpus"), "BRIEFKIT_FIGURES": str(b)})
    da, db = _digest(a), _digest(b)
    assert {"documents.csv", "removed.csv", "sentences.csv"} <= set(da)
    assert da == db
    text_a, text_b = nbformat.writes(nb_a), nbformat.writes(nb_b)
    assert text_a.replace(str(a), "OUT") == text_b.replace(str(b), "OUT"), "executed notebook 01 differs between runs"
    assert notebook_html(nb_a).replace(str(a), "OUT") == notebook_html(nb_b).replace(str(b), "OUT")
    assert not re.search(r"0x[0-9a-f]{6,}", text_a), "an object address in the outputs"


@pytest.mark.notebooks
@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_executes_on_irish_budget_corpus(nb_path, tmp_path):
    execute(nb_path, {"BRIEFKIT_CORPUS": str(IRISH), "BRIEFKIT_FIGURES": str(tmp_path),
                      "BRIEFKIT_GROUP_BY": "affiliation"})
    assert any(p.suffix == ".csv" for p in tmp_path.iterdir())


@pytest.fixture
def three_doc_corpus(tmp_path):
    """The first three seed documents as a corpus of their own (a corpus can be tiny)."""
    import csv
    src = ROOT / "corpus"
    dst = tmp_path / "corpus3"
    dst.mkdir()
    with open(src / "manifest.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))[:3]
    with open(dst / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    for r in rows:
        shutil.copyfile(src / r["file"], dst / r["file"])
    return dst


@pytest.mark.notebooks
@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_executes_on_three_document_corpus(nb_path, three_doc_corpus, tmp_path):
    execute(nb_path, {"BRIEFKIT_CORPUS": str(three_doc_corpus), "BRIEFKIT_FIGURES": str(tmp_path / "f")})

