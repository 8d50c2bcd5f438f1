"""The cleaned text as units of analysis: paragraphs and sentences
(:mod:`~briefkit.corpus.text.segment`), tokens, document-feature counts, passages for topic
models and keyword in context.
"""
