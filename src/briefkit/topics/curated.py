"""The topics subpackage's curated files, registered with :mod:`briefkit.inputs.registry`.

Each is read by the reader notebook 02 uses: ``topic_labels.csv`` by
:func:`~briefkit.topics.labels.read_topic_labels`, ``vocabulary.toml`` by
:func:`~briefkit.topics.normalize.load_vocabulary_rules`.
"""

from __future__ import annotations

from pathlib import Path

from briefkit.inputs.registry import register

__all__: list[str] = []


def _labels(root: Path):
    from briefkit.topics.labels import read_topic_labels  # here, not above: it imports scipy

    return read_topic_labels(root / "topic_labels.csv")


def _vocabulary(root: Path):
    from briefkit.topics.normalize import load_vocabulary_rules

    return load_vocabulary_rules(corpus=root)


register("topic_labels", read=_labels)
register("vocabulary", read=_vocabulary)
