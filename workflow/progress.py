"""A progress display for the slow steps, and the summary at the end.

The display appears only when a command has been running for `DELAY`
seconds and only on a terminal (in CI logs it prints nothing), and it
disappears when done: short commands print only their result.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from portal.localization.editor import Message, _, _n

DELAY = 2.0
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif"}
# The photos plugin names renditions `<photo>-<width>.<hash>.<ext>`; a photo is
# counted once, by its full-resolution original.
RENDITION = re.compile(r"-\d+\.[0-9a-f]{10}\.\w+$")
FEED_SUFFIXES = {".xml", ".atom", ".rss", ".ics"}


class Display:
    """Steps with a spinner (and a bar when the total is known), shown after DELAY seconds."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TimeElapsedColumn(), console=self.console, transient=True)
        self.timer = threading.Timer(DELAY, self.progress.start)
        self.timer.daemon = True

    def __enter__(self) -> Display:
        if self.console.is_terminal:
            self.timer.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.timer.cancel()
        if self.progress.live.is_started:  # a display never shown: stop() would still print an empty line
            self.progress.stop()

    @contextmanager
    def step(self, description: Message | str, total: int | None = None) -> Iterator[Step]:
        """A line that lasts while the step runs: a marked message, or text already translated (monitoring's
        own catalogs); the tests refuse English written here (tests/localization)."""
        task = self.progress.add_task(str(description), total=total)
        try:
            yield Step(self.progress, task)
        finally:
            self.progress.remove_task(task)


class Step:
    def __init__(self, progress: Progress, task) -> None:
        self.progress, self.task = progress, task

    def advance(self, *_args) -> None:
        self.progress.advance(self.task)


def counts(output: Path) -> dict[str, int]:
    """Pages, feeds and photos in a built site (the theme's own files left out)."""
    found = {"pages": 0, "feeds": 0, "photos": 0}
    for path in output.rglob("*"):
        if not path.is_file() or path.relative_to(output).parts[0] == "theme":
            continue
        suffix = path.suffix.lower()
        if suffix == ".html":
            found["pages"] += 1
        elif suffix in FEED_SUFFIXES and not path.name.startswith("sitemap"):
            found["feeds"] += 1
        elif suffix in IMAGE_SUFFIXES and not RENDITION.search(path.name):
            found["photos"] += 1
    return found


def summary(output: Path, seconds: float, checked: bool = False) -> Message:
    """`Built 120 pages, 40 feeds and 12 photos in 3.1 s → output` (`Built and checked …` after a check)."""
    n = counts(output)
    values = {"pages": _n("%(count)d page", "%(count)d pages", n["pages"]),
              "feeds": _n("%(count)d feed", "%(count)d feeds", n["feeds"]),
              "photos": _n("%(count)d photo", "%(count)d photos", n["photos"]),
              "seconds": f"{seconds:.1f}", "output": output}
    if checked:
        return _("Built and checked %(pages)s, %(feeds)s and %(photos)s in %(seconds)s s → %(output)s", **values)
    return _("Built %(pages)s, %(feeds)s and %(photos)s in %(seconds)s s → %(output)s", **values)
