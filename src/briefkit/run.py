"""The settings of one notebook run: corpus, export folder, grouping, seed and today's date.

Every notebook starts with the same papermill ``parameters`` cell (``corpus``, ``figures``,
``group_by``, ``seed``, ``today``) and passes it to :func:`notebook_run`, which fills what is
left as ``None`` from the environment (``BRIEFKIT_CORPUS``, ``BRIEFKIT_FIGURES``,
``BRIEFKIT_GROUP_BY``, ``BRIEFKIT_TODAY``) and then from the defaults (the project's
``corpus/`` and ``figures/``, ``authors``, the date of the run).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Run", "notebook_run"]


@dataclass(frozen=True)
class Run:
    """Resolved settings of a notebook run.

    Attributes
    ----------
    corpus : Path
        The corpus folder (read only).
    figures : Path
        The export folder (never inside ``corpus``).
    group_by : str
        The manifest column whose values are compared (a document variable).
    seed : int
        Seed for every random step.
    today : pandas.Timestamp
        The date the run treats as today (open-ended forecasts end here).
    """

    corpus: Path
    figures: Path
    group_by: str
    seed: int
    today: object

    @property
    def name(self) -> str:
        """The corpus folder's name (a build goes to ``build/<name>/``)."""
        return self.corpus.name


def notebook_run(*, corpus=None, figures=None, group_by=None, seed=0, today=None) -> Run:
    """Resolve a notebook's parameters cell into a :class:`Run`.

    Parameters
    ----------
    corpus, figures : str or path, optional
        Folders; ``None`` falls back to ``$BRIEFKIT_CORPUS`` / ``$BRIEFKIT_FIGURES``, then
        to the project's ``corpus/`` and ``figures/``.
    group_by : str, optional
        Manifest column to compare; ``None``: ``$BRIEFKIT_GROUP_BY``, then ``"authors"``.
    seed : int, default 0
    today : str or date, optional
        ``YYYY-MM-DD``; ``None``: ``$BRIEFKIT_TODAY``, then the date of the run.

    Examples
    --------
    >>> from briefkit.run import notebook_run
    >>> run = notebook_run(today="2026-01-31", group_by="publisher")
    >>> run.corpus.name, run.group_by, str(run.today.date())
    ('corpus', 'publisher', '2026-01-31')
    """
    import pandas as pd

    from briefkit.errors import BriefkitError
    from briefkit.paths import corpus_dir, figures_dir

    folder = corpus_dir(corpus)
    exports = figures_dir(figures, corpus=folder)
    group_by = group_by or os.environ.get("BRIEFKIT_GROUP_BY") or "authors"
    raw_today = today if today is not None else os.environ.get("BRIEFKIT_TODAY") or dt.date.today()
    try:
        stamp = pd.Timestamp(raw_today).normalize()
    except (TypeError, ValueError) as err:
        raise BriefkitError(f"today must be a date such as 2026-12-01, got {raw_today!r}") from err
    if pd.isna(stamp):
        raise BriefkitError(f"today must be a date such as 2026-12-01, got {raw_today!r}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise BriefkitError(f"seed must be an integer, got {seed!r}")
    return Run(corpus=folder, figures=exports, group_by=str(group_by), seed=int(seed), today=stamp)
