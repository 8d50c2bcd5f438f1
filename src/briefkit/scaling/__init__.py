"""Text scaling: Wordfish, Wordscores and group positions.

Names load on first use (see :mod:`briefkit._lazy`).
"""

from briefkit._lazy import attach

__getattr__, __dir__, __all__ = attach(__name__, {
    'positions': ['wordscores', 'wordfish', 'WordfishResult', 'group_positions', 'plot_positions',
                  'scaling_plan', 'document_positions'],
})
