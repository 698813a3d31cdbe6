"""Stories: read content/ into a validated, bilingual content model.

Uses the `get_generators` signal to add `StoriesGenerator`; see its module.
"""

from pelican import signals

from .generator import StoriesGenerator


def _generators(_pelican):
    return StoriesGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
