"""Save figures and tables reproducibly: same inputs, byte-identical files."""

from __future__ import annotations

import re
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

from briefkit.paths import figures_dir

__all__ = ["PALETTE", "style", "use_style", "save_figure", "save_table"]

#: Okabe-Ito colours, in the order of the package style's colour cycle.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def _style_path() -> str:
    return str(resources.files("briefkit").joinpath("briefkit.mplstyle"))


def use_style() -> None:
    """Apply briefkit's matplotlib style globally (for notebooks).

    Examples
    --------
    >>> from briefkit.export import use_style
    >>> use_style()
    """
    plt.style.use(_style_path())


@contextmanager
def style():
    """Context manager applying briefkit's style; plot functions use it.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from briefkit.export import style
    >>> with style():
    ...     fig, ax = plt.subplots()
    >>> plt.close(fig)
    """
    with plt.style.context(_style_path()):
        yield


def _check_name(name: str) -> None:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ValueError(f"name must be a plain file stem such as 'words_per_doc', got {name!r}")


def save_figure(fig: matplotlib.figure.Figure, name: str, *, out_dir=None,
                formats=("png", "svg", "pdf")) -> list[Path]:
    """Save ``fig`` as PNG (300 dpi), SVG and PDF without timestamps, then close it.

    Parameters
    ----------
    fig : matplotlib Figure
    name : str
        File stem, e.g. ``"words_per_doc"``.
    out_dir : path, optional
        Defaults to :func:`briefkit.paths.figures_dir`.
    formats : sequence of str, default ("png", "svg", "pdf")

    Returns
    -------
    list of Path
        The written files.

    Examples
    --------
    >>> import tempfile, matplotlib.pyplot as plt
    >>> from briefkit.export import save_figure
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
    paths = []
    try:
        for fmt in formats:
            if fmt not in metadata:
                raise ValueError(f"formats must be among {sorted(metadata)}, got {fmt!r}")
            path = folder / f"{name}.{fmt}"
            with matplotlib.rc_context({"svg.hashsalt": f"briefkit-{name}"}):
                fig.savefig(path, format=fmt, dpi=300, metadata=metadata[fmt])
            paths.append(path)
    finally:
        plt.close(fig)
    return paths


def save_table(df: pd.DataFrame, name: str, *, out_dir=None, float_format: str = "%.6g") -> Path:
    """Write ``df`` to ``<out_dir>/<name>.csv`` (UTF-8, ``\\n`` line ends, no index).

    Floats are written with ``float_format`` so reruns are byte-identical.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> from briefkit.export import save_table
    >>> save_table(pd.DataFrame({"a": [1.0]}), "demo", out_dir=tempfile.mkdtemp()).name
    'demo.csv'
    """
    _check_name(name)
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame, got {type(df).__name__}")
    path = figures_dir(out_dir) / f"{name}.csv"
    df.to_csv(path, index=False, lineterminator="\n", float_format=float_format, encoding="utf-8")
    return path
