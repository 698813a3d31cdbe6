"""Stories: read content/ into a validated, bilingual content model.

Uses the `get_generators` signal to add `StoriesGenerator`; see its module.
"""

from pelican import signals

from .generator import CONTEXT_KEY, StoriesGenerator

__all__ = ["CONTEXT_KEY", "register"]


def _generators(_pelican):
    return StoriesGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
