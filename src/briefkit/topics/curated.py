"""The topics subpackage's curated files, registered with :mod:`briefkit.inputs.registry`.

Each is read by the reader notebook 02 uses: ``topic_labels.csv`` by
:func:`~briefkit.topics.labels.read_topic_labels`, ``vocabulary.toml`` by
:func:`~briefkit.topics.normalize.load_vocabulary_rules`.
"""

from __future__ import annotations

from briefkit.inputs.registry import register
from briefkit.topics.labels import read_topic_labels
from briefkit.topics.normalize import load_vocabulary_rules

__all__: list[str] = []

register("topic_labels", read=lambda root: read_topic_labels(root / "topic_labels.csv"))
register("vocabulary", read=lambda root: load_vocabulary_rules(corpus=root))
