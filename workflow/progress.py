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
    def step(self, description: str, total: int | None = None) -> Iterator[Step]:
        task = self.progress.add_task(description, total=total)
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


def summary(verb: str, output: Path, seconds: float) -> str:
    n = counts(output)
    return (f"{verb} {n['pages']} pages, {n['feeds']} feeds and {n['photos']} photos "
            f"in {seconds:.1f} s → {output}")
