"""Lossless, audited cleaning: the rules (:mod:`~briefkit.corpus.cleaning.rules`), the units of a
raw text and their classification, inline markup, pull quotes, the shared text predicates
(:mod:`~briefkit.corpus.cleaning.textshape`) and the edit record that restores the raw text
(:mod:`~briefkit.corpus.cleaning.edits`). :mod:`~briefkit.corpus.cleaning.clean` cleans one document.
"""
