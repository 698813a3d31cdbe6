"""Site output: the site folder updated in place, only where a build changed it, and only if it succeeds.

Every plugin writes through the build's `Output` (portal.core.output), which
this plugin opens and commits; its generator must run after theirs. So it
adds `SiteOutputGenerator` on the `initialized` signal, once every plugin
has registered its own (wherever it stands in PLUGINS): `generate_context`
opens the `Output` (shared as `PORTAL_OUTPUT`) once every plugin has read
its content, and `generate_output` commits it once every plugin has written
its files.
"""

from pelican import signals

from .generator import SiteOutputGenerator


def _generators(_pelican):
    return SiteOutputGenerator


def _after_every_plugin(_pelican) -> None:
    signals.get_generators.connect(_generators)  # receivers run in the order they connected


def register() -> None:
    signals.initialized.connect(_after_every_plugin)
