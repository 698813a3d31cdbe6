"""One build of the site, in this process.

Running Pelican here (rather than its command line) hands `check` the
editors' problems and the content model as objects: `BuildStopped` carries
the problems, and the `all_generators_finalized` signal the shared context
with the stories plugin's `Site` and the pages plugin's `Resolver`.
`content_written` drives the progress display. The site folder changes
only if the build succeeds (the site_output plugin commits it last). A command
that built ends with `leave`.

First, before Pelican is imported, the build's inputs are listed and
compared with the manifest the last successful build left (manifest.py):
when nothing changed, there is nothing to build (`Build.unchanged`).
"""

from __future__ import annotations

import logging
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from . import manifest
from .report import Finding


@dataclass
class Build:
    """What a build left: the output folder, or the problems that stopped it."""

    output: Path
    settings: dict
    seconds: float = 0.0
    problems: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)  # logged by Pelican or a plugin: `check` fails on them
    stopped: str = ""  # the editors' report, as `pelican` prints it, when the content stopped the build
    context: dict[str, Any] = field(default_factory=dict)
    unchanged: bool = False  # nothing to build: the site is what a build would make (no context then)
    counts: dict[str, int] = field(default_factory=dict)  # the site's pages, feeds and photos

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def site(self):
        """The stories plugin's `Site` (what was published)."""
        from portal.core.context_keys import SITE_KEY  # the build has loaded the plugins by now

        return self.context.get(SITE_KEY)

    @property
    def resolver(self):
        """The pages plugin's `Resolver` (the per-language views and their URLs)."""
        from portal.core.context_keys import VIEWS_KEY  # the build has loaded the plugins by now

        return self.context.get(VIEWS_KEY)


class _Warnings(logging.Handler):
    """Collects what Pelican and the plugins log as warnings or errors."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build(settings_file: Path, output: Path, overrides: dict | None = None,
          on_write: Callable[[str], None] | None = None, listing: dict | None = None) -> Build:
    """Build into `output`, changing it only if the build succeeds; never raises for an editor's mistake.
    `listing`: the content folders as a process that builds again and again keeps them (resident.py):
    then the build does not ask whether anything changed, it builds what changed."""
    started = time.monotonic()
    inputs = manifest.Inputs(settings_file, output, overrides, listing)
    known = inputs.unchanged() if listing is None else None
    if known is not None:
        return Build(output=output, settings=inputs.settings, seconds=time.monotonic() - started, unchanged=True,
                     counts=known.counts)
    from portal.core.inputs import handoff

    handoff(inputs.content, inputs.folders)

    def record(built: Build) -> None:
        """What the build read, for the next one: while it still holds the cache folder's lock."""
        from portal.core.context_keys import CLOCK_KEY, OUTPUT_KEY

        built.counts = counts(built.context[OUTPUT_KEY].names)
        inputs.record(built.context[CLOCK_KEY].next, built.counts)

    result = run_pelican(settings_file, output, overrides, on_write, record)
    result.seconds = time.monotonic() - started
    return result


def run_pelican(settings_file: Path, output: Path, overrides: dict | None,
                on_write: Callable[[str], None] | None, on_success: Callable[[Build], None] | None = None) -> Build:
    from pelican import Pelican, signals
    from pelican.log import console as pelican_console
    from pelican.settings import read_settings

    from portal.localization.editor import _  # (imports Pelican: not before a build is known to be needed)

    settings = read_settings(str(settings_file), override={**(overrides or {}), "OUTPUT_PATH": str(output)})
    result = Build(output=output, settings=settings)

    def keep_context(generators) -> None:
        result.context = generators[0].context

    def written(path, context=None) -> None:
        if on_write:
            on_write(str(path))

    warnings = _Warnings()
    logging.getLogger().addHandler(warnings)
    signals.all_generators_finalized.connect(keep_context)
    signals.content_written.connect(written)
    quiet, pelican_console.quiet = pelican_console.quiet, True  # its "Done: Processed 0 articles" is not ours
    try:
        Pelican(settings).run()
        if on_success is not None and result.ok:
            on_success(result)
    except SystemExit as stop:
        problems = getattr(stop, "problems", None)
        if problems is None:
            raise
        result.problems = [Finding(p.path, p.line, p.message, p.hint, "content") for p in problems.items]
        result.stopped = str(stop.code)
    finally:
        pelican_console.quiet = quiet
        signals.all_generators_finalized.disconnect(keep_context)
        signals.content_written.disconnect(written)
        logging.getLogger().removeHandler(warnings)
        _hand_back_the_cache(settings)
    result.warnings = [Finding(str(_("(the build)")), None, _("the build warned: %(message)s", message=message),
                               _("A developer should look at this: the content itself may be fine."), "content")
                       for message in warnings.messages]
    return result


def _hand_back_the_cache(settings: dict) -> None:
    """The build took its cache folder's lock (portal.site_output, on `initialized`): the next build may
    start now. The site folder's lock stays until this command ends: `check` and `publish` read that folder."""
    locks = sys.modules.get("portal.core.locks")  # loaded with the plugins, if the build got that far
    if locks is not None:
        locks.release(locks.cache_lock(Path(settings["CACHE_PATH"])))
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif")
FEED_SUFFIXES = (".xml", ".atom", ".rss", ".ics")
# The photos plugin names renditions `<photo>-<width>.<hash>.<ext>`; a photo is counted once, by its original.
RENDITION = re.compile(r"-\d+\.[0-9a-f]{10}\.\w+$")


def counts(names: set[str]) -> dict[str, int]:
    """Pages, feeds and photos among a site's files (the theme's own left out). By suffix first:
    at 20,000 story pairs the site has 130,000 files, and this runs after every build."""
    pages = feeds = photos = 0
    for name in names:
        suffix = name[name.rfind("."):].lower()
        if suffix == ".html":
            pages += not name.startswith("theme/")
        elif suffix in FEED_SUFFIXES:
            feeds += not name.rpartition("/")[2].lower().startswith("sitemap") and not name.startswith("theme/")
        elif suffix in IMAGE_SUFFIXES and not name.startswith("theme/") and not RENDITION.search(name):
            photos += 1
    return {"pages": pages, "feeds": feeds, "photos": photos}


def leave(status: int) -> NoReturn:
    """End the process now, without the interpreter's teardown: freeing a finished build's
    objects one by one, and collecting their cycles, took ~0.6 s at 1,000 story pairs.
    Every file the build wrote is closed by then; only the console needs flushing."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
