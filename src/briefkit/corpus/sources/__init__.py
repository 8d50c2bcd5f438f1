"""Where a corpus comes from: the manifest (:mod:`~briefkit.corpus.sources.manifest`) and the exact
decoding of each received file (:mod:`~briefkit.corpus.sources.encoding`, with the non-UTF-8
fallbacks in :mod:`~briefkit.corpus.sources.encoding_fallback`).
"""
