"""Save figures and tables reproducibly: same inputs, byte-identical files."""

from __future__ import annotations

import re
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import matplotlib.text
import pandas as pd

from briefkit.output.display import ShowsItself
from briefkit.paths import figures_dir

__all__ = ["PALETTE", "style", "use_style", "save_figure", "save_table", "guard_formula", "FORMULA_PREFIXES",
           "report_fit_problems", "SavedFigure", "MAX_FIGURE_INCHES", "MIN_FONT_POINTS",
           "font_families", "CJK_FAMILIES"]

#: Okabe-Ito colours, in the order of the package style's colour cycle.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def _style_path() -> str:
    return str(resources.files("briefkit").joinpath("output/briefkit.mplstyle"))


#: Fallback fonts for scripts DejaVu Sans lacks (Hangul, kana, hanzi), in order of preference:
#: Debian's fonts-noto-cjk (installed by `make system` and CI). Used when present.
CJK_FAMILIES = ("Noto Sans CJK KR", "Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Sans CJK TC")
_CJK_FILES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
              "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
              "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc")
_families: list[str] = []


def font_families() -> list[str]:
    """The style's font list: DejaVu Sans, then a CJK fallback when one is installed.

    Registers Debian's Noto Sans CJK files with matplotlib when its font cache predates them,
    so Hangul, kana and hanzi render instead of empty boxes. Without a CJK font the list is just
    DejaVu Sans (no warnings), and such glyphs render as boxes.

    Examples
    --------
    >>> from briefkit.output.export import font_families
    >>> font_families()[0]
    'DejaVu Sans'
    """
    if not _families:
        from matplotlib import font_manager

        names = {f.name for f in font_manager.fontManager.ttflist}
        if not names & set(CJK_FAMILIES):
            for path in _CJK_FILES:
                if Path(path).is_file():
                    try:
                        font_manager.fontManager.addfont(path)
                    except (OSError, RuntimeError, ValueError):
                        continue
            names = {f.name for f in font_manager.fontManager.ttflist}
        _families.extend(["DejaVu Sans", *[f for f in CJK_FAMILIES if f in names][:1], "sans-serif"])
    return list(_families)


def use_style() -> None:
    """Apply briefkit's matplotlib style globally (for notebooks).

    Examples
    --------
    >>> from briefkit.output.export import use_style
    >>> use_style()
    """
    plt.style.use(_style_path())
    matplotlib.rcParams["font.family"] = font_families()


@contextmanager
def style():
    """Context manager applying briefkit's style; plot functions use it.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from briefkit.output.export import style
    >>> with style():
    ...     fig, ax = plt.subplots()
    >>> plt.close(fig)
    """
    with plt.style.context(_style_path()), matplotlib.rc_context({"font.family": font_families()}):
        yield


def _check_name(name: str) -> None:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ValueError(f"name must be a plain file stem such as 'words_per_doc', got {name!r}")


#: A report page's text block: the largest exported figure, in inches (width, height).
MAX_FIGURE_INCHES = (7.0, 9.5)
#: The smallest font a reader sees at that size, in points.
MIN_FONT_POINTS = 7.0


def report_fit_problems(fig) -> list[str]:
    """Why ``fig`` would not fit a report page as saved (empty when it fits).

    The saved size (with ``bbox_inches="tight"``) must be at most :data:`MAX_FIGURE_INCHES`
    and no visible text smaller than :data:`MIN_FONT_POINTS`.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from briefkit.output.export import report_fit_problems
    >>> from briefkit.output.export import style
    >>> with style():
    ...     fig, ax = plt.subplots(figsize=(9, 3))
    ...     report_fit_problems(fig)
    ['7.6 x 2.8 in is larger than a report page (7.0 x 9.5 in)']
    >>> plt.close(fig)
    """
    box = fig.get_tightbbox()
    pad = 2 * float(matplotlib.rcParams["savefig.pad_inches"]) if matplotlib.rcParams["savefig.bbox"] == "tight" else 0.0
    if matplotlib.rcParams["savefig.bbox"] != "tight":
        width, height = (float(v) for v in fig.get_size_inches())
    else:
        width, height = float(box.width) + pad, float(box.height) + pad
    problems = []
    if width > MAX_FIGURE_INCHES[0] + 0.01 or height > MAX_FIGURE_INCHES[1] + 0.01:
        problems.append(f"{width:.1f} x {height:.1f} in is larger than a report page "
                        f"({MAX_FIGURE_INCHES[0]} x {MAX_FIGURE_INCHES[1]} in)")
    small = sorted({round(t.get_fontsize(), 1) for t in fig.findobj(matplotlib.text.Text)
                    if t.get_visible() and t.get_text().strip() and t.get_fontsize() < MIN_FONT_POINTS})
    if small:
        problems.append(f"text at {small} pt is smaller than {MIN_FONT_POINTS} pt")
    return problems


class SavedFigure(ShowsItself, list):
    """The files :func:`save_figure` wrote (a list of paths) that shows itself in a notebook.

    In JupyterLab and in the exported HTML it displays as the saved SVG inside an ``<img>``
    element carrying the alternative text (an SVG in an ``<img>`` never runs script).
    """

    def __init__(self, paths, *, alt: str | None):
        super().__init__(paths)
        self.alt = alt or ""

    def _repr_mimebundle_(self, include=None, exclude=None):
        return ({"text/html": self._repr_html_(), "text/plain": f"Figure: {self.alt}"},
                {"text/html": {"briefkit": "figure"}})

    def _repr_html_(self) -> str:
        import base64
        import html

        svg = next((p for p in self if p.suffix == ".svg"), None)
        if svg is None:
            return ""
        data = base64.b64encode(svg.read_bytes()).decode("ascii")
        return (f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(self.alt, quote=True)}" '
                'style="max-width:100%;height:auto">')


def save_figure(fig: matplotlib.figure.Figure, name: str, *, out_dir=None,
                formats=("png", "svg", "pdf"), alt: str | None = None,
                check_fit: bool = True) -> SavedFigure:
    """Save ``fig`` as PNG (300 dpi), SVG and PDF without timestamps, then close it.

    Parameters
    ----------
    fig : matplotlib Figure
    name : str
        File stem, e.g. ``"words_per_doc"``.
    out_dir : path, optional
        Defaults to :func:`briefkit.paths.figures_dir`.
    formats : sequence of str, default ("png", "svg", "pdf")
    alt : str, optional
        Alternative text: what the figure shows, for readers who cannot see it. Stored in
        each file's description metadata.
    check_fit : bool, default True
        Refuse (:class:`~briefkit.errors.FigureFitError`) a figure that would not fit a report
        page (:func:`report_fit_problems`).

    Returns
    -------
    SavedFigure
        The written files (a list of Path); as the last line of a notebook cell it shows the
        figure with its alternative text.

    Examples
    --------
    >>> import tempfile, matplotlib.pyplot as plt
    >>> from briefkit.output.export import save_figure
    >>> fig, ax = plt.subplots(); _ = ax.plot([0, 1])
    >>> [p.suffix for p in save_figure(fig, "demo", out_dir=tempfile.mkdtemp())]
    ['.png', '.svg', '.pdf']
    """
    _check_name(name)
    folder = figures_dir(out_dir)
    metadata = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
        "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
    }
    if alt:
        metadata["png"]["Description"] = alt
        metadata["svg"]["Description"] = alt
        metadata["pdf"]["Subject"] = alt
    paths = []
    try:
        problems = report_fit_problems(fig) if check_fit else []
        if problems:
            from briefkit.errors import FigureFitError

            raise FigureFitError(f"figure {name!r} does not fit a report page: " + "; ".join(problems))
        for fmt in formats:
            if fmt not in metadata:
                raise ValueError(f"formats must be among {sorted(metadata)}, got {fmt!r}")
            path = folder / f"{name}.{fmt}"
            with matplotlib.rc_context({"svg.hashsalt": f"briefkit-{name}"}):
                fig.savefig(path, format=fmt, dpi=300, metadata=metadata[fmt])
            paths.append(path)
    finally:
        plt.close(fig)
    return SavedFigure(paths, alt=alt).show_now()


#: First characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def guard_formula(value):
    """Prefix ``'`` to a text cell a spreadsheet would run as a formula; other values unchanged.

    The rule (OWASP): a string starting with ``= + - @``, a tab or a carriage return gets a
    leading apostrophe, which spreadsheets show as text. Numbers are written as numbers.
    Character offsets in the exported tables still point at the raw file, so the guarded
    text can always be checked against its source.

    Examples
    --------
    >>> from briefkit.output.export import guard_formula
    >>> print(guard_formula('=HYPERLINK("http://x")'), guard_formula("-0.5"), guard_formula(-0.5))
    '=HYPERLINK("http://x") '-0.5 -0.5
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _guarded(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].map(guard_formula, na_action="ignore")
    out.columns = [guard_formula(str(c)) for c in out.columns]
    return out


def _check_schema(df: pd.DataFrame, name: str) -> None:
    from briefkit.errors import BriefkitError
    from briefkit.schema import table_schemas

    spec = table_schemas().get(name)
    if spec is None:
        return
    want = [c[0] for c in spec["columns"]]
    have = [str(c) for c in df.columns]
    if spec.get("open"):
        have = [c for c in have if c in set(want)]
    if have != want:
        raise BriefkitError(f"table {name!r} does not match its data dictionary entry "
                            f"({spec['subpackage']}/exports.toml): expected columns {want}, got {list(df.columns)}")
    if "status" in want:  # one vocabulary: "ok" means the interval is filled (briefkit.uncertainty)
        from briefkit.uncertainty import status_kind

        for value in dict.fromkeys(df["status"].astype(str)):
            try:
                status_kind(value)
            except ValueError as exc:
                raise BriefkitError(f"table {name!r}: {exc}") from None


def save_table(df: pd.DataFrame, name: str, *, out_dir=None, float_format: str = "%.6g",
               spreadsheet_safe: bool = True) -> Path:
    r"""Write ``df`` to ``<out_dir>/<name>.csv`` (UTF-8, ``\n`` line ends, no index).

    Floats are written with ``float_format`` so reruns are byte-identical. A table described
    in the data dictionary (:mod:`briefkit.schema`) must have exactly its columns, in order, and
    its ``status`` values must be in the one vocabulary (:data:`briefkit.uncertainty.STATUSES`).
    Text cells that a spreadsheet would run as a formula are guarded (:func:`guard_formula`)
    unless ``spreadsheet_safe=False``.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> from briefkit.output.export import save_table
    >>> path = save_table(pd.DataFrame({"a": [1.0], "b": ["=1+1"]}), "demo", out_dir=tempfile.mkdtemp())
    >>> print(path.read_text(encoding="utf-8"), end="")
    a,b
    1,'=1+1
    """
    _check_name(name)
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame, got {type(df).__name__}")
    _check_schema(df, name)
    path = figures_dir(out_dir) / f"{name}.csv"
    out = _guarded(df) if spreadsheet_safe else df
    out.to_csv(path, index=False, lineterminator="\n", float_format=float_format, encoding="utf-8")
    return path
