"""The corpus layer's curated files, registered with :mod:`briefkit.inputs.registry`.

``cleaning.toml`` is read by :func:`briefkit.corpus.cleaning.rules.read_rules_file`, the reader
:func:`briefkit.load_corpus` uses. (``manifest.csv`` and the documents are checked by
:mod:`briefkit.corpus.validate` itself.)
"""

from __future__ import annotations

from briefkit.corpus.cleaning.rules import read_rules_file
from briefkit.inputs.registry import register

__all__: list[str] = []

register("cleaning", read=read_rules_file)
