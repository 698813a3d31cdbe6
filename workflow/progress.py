"""A progress display for the slow steps, and the summary at the end.

The display appears only when a command has been running for `DELAY`
seconds and only on a terminal (in CI logs it prints nothing), and it
disappears when done: short commands print only their result.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from portal.localization.editor import Message, _, _n

DELAY = 2.0


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


def summary(output: Path, seconds: float, counts: dict[str, int], checked: bool = False) -> Message:
    """`Built 120 pages, 40 feeds and 12 photos in 3.1 s → output` (`Built and checked …` after a check)."""
    values = {**_counted(counts), "seconds": f"{seconds:.1f}", "output": output}
    if checked:
        return _("Built and checked %(pages)s, %(feeds)s and %(photos)s in %(seconds)s s → %(output)s", **values)
    return _("Built %(pages)s, %(feeds)s and %(photos)s in %(seconds)s s → %(output)s", **values)


def up_to_date(output: Path, seconds: float, counts: dict[str, int]) -> Message:
    """When nothing changed since the last build (workflow.manifest): nothing was built."""
    looked = f"{seconds:.1f}"
    return _("Nothing changed since the last build (%(pages)s, %(feeds)s and %(photos)s; looked in %(seconds)s s) "
             "→ %(output)s", **_counted(counts), seconds=looked, output=output)


def _counted(counts: dict[str, int]) -> dict[str, Message]:
    return {"pages": _n("%(count)d page", "%(count)d pages", counts["pages"]),
            "feeds": _n("%(count)d feed", "%(count)d feeds", counts["feeds"]),
            "photos": _n("%(count)d photo", "%(count)d photos", counts["photos"])}
