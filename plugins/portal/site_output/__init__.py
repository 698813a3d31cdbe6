"""Site output: the site folder updated in place, only where a build changed it, and only if it succeeds.

Every plugin writes through the build's `Output` (portal.core.output), which
this plugin opens and commits; its generator must run after theirs. So it
adds `SiteOutputGenerator` on the `initialized` signal, once every plugin
has registered its own (wherever it stands in PLUGINS): `generate_context`
opens the `Output` (shared as `PORTAL_OUTPUT`) once every plugin has read
its content, and `generate_output` commits it once every plugin has written
its files.

Builds that share a site folder or a cache folder take turns
(portal.core.locks): the locks are taken on `initialized`, before any
generator reads a cache, and the cache's is handed back on `finalized`.
"""

from pathlib import Path

from pelican import signals

from portal.core.locks import cache_lock, hold, release, site_lock
from portal.core.machine import guarded
from portal.core.settings import SiteSettings

from .generator import SiteOutputGenerator


def _generators(_pelican):
    return SiteOutputGenerator


def _after_every_plugin(_pelican) -> None:
    signals.get_generators.connect(_generators)  # receivers run in the order they connected


def _take_turns(pelican) -> None:
    with guarded():  # a cache folder that cannot be made: the computer's problem, told so
        hold(site_lock(Path(pelican.output_path)))
        hold(cache_lock(SiteSettings.read(pelican.settings).cache))


def _done(pelican) -> None:
    release(cache_lock(SiteSettings.read(pelican.settings).cache))


def register() -> None:
    signals.initialized.connect(_take_turns)
    signals.initialized.connect(_after_every_plugin)
    signals.finalized.connect(_done)
