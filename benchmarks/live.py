"""The live preview's latency: from saving a story to its own page in the site and the browser told,
then to the lists, feeds and search that carry it.

The preview server of `make serve` (workflow.live, with its build process, workflow.resident) runs
over the benchmark's corpus on a port of its own. For each edit, one thread asks `/_live/wait` for
the story's page and another for a list that shows it, as live.js does; the times are from the
moment the files are saved to each answer.
"""

from __future__ import annotations

import json
import statistics
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from workflow.live import LiveBuild, serve, watch

ROOT = Path(__file__).resolve().parents[1]


class Preview:
    """The live preview over a corpus (`root`: its content/, data/, cache/), serving `root`/output, as
    `make serve` serves output/: its first build starts from what the last `make build` left."""

    def __init__(self, root: Path, now: str) -> None:
        settings = {"PATH": str(root / "content"), "PORTAL_DATA": str(root / "data"), "CACHE_PATH": str(root / "cache"),
                    "PORTAL_NOW": now}
        site = root / "output"
        command = [sys.executable, "-m", "workflow.resident", "pelicanconf.py", str(site),
                   *(f"{key}={json.dumps(value)}" for key, value in settings.items())]
        self.live = LiveBuild(command, ROOT)
        self.live.rebuild()  # the first build: as the last one left it, or everything
        watch([root / "content", root / "data"], [], self.live)
        self.server = serve(site, self.live, "127.0.0.1", 0)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_port}"

    def waited(self, page: str, since: int) -> float:
        """When `/_live/wait` answered that `page` has something newer (time.perf_counter)."""
        while True:
            with urllib.request.urlopen(f"{self.base}/_live/wait?since={since}&page={page}", timeout=120) as answer:
                if json.loads(answer.read())["reload"]:
                    return time.perf_counter()

    def latency(self, save: Callable[[], None], page: str, listing: str) -> tuple[float, float]:
        """Seconds from `save()` to `page` shown anew, and to `listing` (a list that shows it)."""
        since = self.live.last
        found: dict[str, float] = {}
        threads = [threading.Thread(target=lambda key=key, path=path: found.setdefault(key, self.waited(path, since)))
                   for key, path in (("page", page), ("listing", listing))]
        for thread in threads:
            thread.start()
        time.sleep(0.2)  # both are waiting
        started = time.perf_counter()
        save()
        for thread in threads:
            thread.join()
        while self.live.generation == 0 or not self.live.done.is_set():  # the build is over: the next can start
            time.sleep(0.05)
        return found["page"] - started, found["listing"] - started

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.live.stop()


def measure(root: Path, now: str, edits: list[tuple[Callable[[], None], str, str]]) -> tuple[float, float]:
    """Medians over `edits` (save, its page, a list that shows it) of the two latencies."""
    preview = Preview(root, now)
    try:
        times = [preview.latency(*edit) for edit in edits]
    finally:
        preview.close()
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)
