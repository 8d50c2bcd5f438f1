"""Text scaling: Wordfish, Wordscores and group positions.

``wordfish`` and ``wordscores`` are both functions and the modules that define them; the
functions are bound here on import (they need only numpy, pandas and scipy.sparse), so
``briefkit.scaling.wordfish`` is always the function, whichever module was imported first.
The group-level names load on first use (see :mod:`briefkit._lazy`), with matplotlib.
"""

from briefkit._lazy import attach
from briefkit.errors import WordfishDivergedError
from briefkit.scaling.wordfish import WordfishResult, wordfish
from briefkit.scaling.wordscores import wordscores

__getattr__, __dir__, _lazy_names = attach(__name__, {
    'positions': ['group_positions', 'plot_positions', 'scaling_plan', 'document_positions'],
})
__all__ = ['wordfish', 'WordfishResult', 'WordfishDivergedError', 'wordscores', *_lazy_names]
