"""Writing: update the site folder in place, only where a build changed it, and only if it succeeds.

Every plugin that writes imports this one, so it is listed first in
PLUGINS; yet its generator must run after theirs. So it adds
`WritingGenerator` on the `initialized` signal, once every plugin has
registered its own: `generate_context` opens the build's `Output` (shared
as `PORTAL_OUTPUT`) once every plugin has read its content, and
`generate_output` commits it once every plugin has written its files. See
output.py.
"""

from pelican import signals

from .generator import WritingGenerator
from .output import OUTPUT_KEY, Output

__all__ = ["OUTPUT_KEY", "Output", "register"]


def _generators(_pelican):
    return WritingGenerator


def _after_every_plugin(_pelican) -> None:
    signals.get_generators.connect(_generators)  # receivers run in the order they connected


def register() -> None:
    signals.initialized.connect(_after_every_plugin)
