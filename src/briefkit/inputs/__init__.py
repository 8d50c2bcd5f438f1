"""Inputs: the analyst's curated tables read strictly, with spreadsheet row numbers
(:mod:`~briefkit.inputs.tables`).

Names load on first use (see :mod:`briefkit._lazy`).
"""

from briefkit._lazy import attach

__getattr__, __dir__, __all__ = attach(__name__, {
    'tables': ['read_csv_table'],
})
