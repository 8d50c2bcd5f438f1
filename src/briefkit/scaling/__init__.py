"""Text scaling: Wordfish, Wordscores and group positions.

Names load on first use (see :mod:`briefkit._lazy`); the models import no matplotlib.
"""

from briefkit._lazy import attach

__getattr__, __dir__, __all__ = attach(__name__, {
    'wordfish': ['wordfish', 'WordfishResult', 'WordfishDivergedError'],
    'wordscores': ['wordscores'],
    'positions': ['group_positions', 'plot_positions'],
})
