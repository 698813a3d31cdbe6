"""The live preview server behind `make serve`, `make preview` and `make edit`.

It serves a built site, rebuilds it when a watched file changes (through the
same `pelican` command as `make build`), and tells the browser: every page it
serves loads /_live/live.js (our own origin, so the site's strict
Content-Security-Policy admits it), which reloads the page after each build.
While the last build stopped on a problem, every page is answered with that
problem, as the build wrote it (file, line, what to write), until a build
succeeds: the editor never looks at an old page believing it is the new one.

`make edit` adds the browser editor on the same address (see editor.py).
"""

from __future__ import annotations

import html
import json
import re
import threading
import time
from collections.abc import Callable, Iterable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from portal.localization.editor import Message, _, ui_language

SCRIPT = Path(__file__).with_name("live.js")
SCRIPT_TAG = b'<script src="/_live/live.js" defer></script>'
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
QUIET = 0.3  # seconds without a change before rebuilding: a save writes several files


class LiveBuild:
    """Which build the browser shows, and what stopped the last one ("" when it succeeded)."""

    def __init__(self, build: Callable[[], tuple[bool, str]]) -> None:
        self.build = build
        self.generation = 0
        self.problems = ""
        self.lock = threading.Lock()

    def rebuild(self) -> None:
        with self.lock:
            ok, report = self.build()
            self.problems = "" if ok else ANSI.sub("", report).strip()
            self.generation += 1


def snapshot(root: Path, patterns: Iterable[str]) -> dict[Path, tuple[int, int]]:
    """Every watched file's modification time and size."""
    found = {}
    for pattern in patterns:
        for path in root.glob(pattern):
            try:
                stat = path.stat()
            except OSError:  # removed while we looked
                continue
            found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def watch(root: Path, patterns: Iterable[str], live: LiveBuild, interval: float = 0.5) -> threading.Thread:
    """Rebuild once the watched files have changed and then stayed still for QUIET seconds."""
    patterns = tuple(patterns)

    def loop() -> None:
        last = snapshot(root, patterns)
        while True:
            time.sleep(interval)
            now = snapshot(root, patterns)
            if now == last:
                continue
            while True:  # let the save finish
                time.sleep(QUIET)
                settled = snapshot(root, patterns)
                if settled == now:
                    break
                now = settled
            last = now
            live.rebuild()

    thread = threading.Thread(target=loop, name="live-watch", daemon=True)
    thread.start()
    return thread


def announcement(kind: str, address: str) -> Message:
    """The line a live command prints once it serves: `kind` is serving, previewing or editing."""
    if kind == "editing":
        return _("The editor: open this address in your browser: %(address)s (to stop: Ctrl+C)", address=address)
    if kind == "previewing":
        return _("Preview (readers do not see it): %(address)s (to stop: Ctrl+C)", address=address)
    return _("The site: %(address)s (to stop: Ctrl+C)", address=address)


def problem_page(problems: str, lang: str) -> bytes:
    """What every page shows while the site cannot be built, in the editor's language."""
    title = html.escape(_("The site was not built").text(lang))
    what_to_do = html.escape(_("Fix the file named below and save it: this page updates itself.").text(lang))
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title>"
            '<link rel="stylesheet" href="/theme/css/site.css"></head>'
            f'<body><main class="container" id="build-problems"><h1>{title}</h1>'
            f"<p>{what_to_do}</p>"
            f"<pre>{html.escape(problems)}</pre></main>"
            ).encode() + SCRIPT_TAG + b"</body></html>"


class LiveHandler(SimpleHTTPRequestHandler):
    """Serves the site folder, with /_live/ for the browser and the problem page when the build stopped."""

    live: LiveBuild
    lang: str

    def log_message(self, *args) -> None:  # the terminal is for the build's own report
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/_live/state":
            state = {"generation": self.live.generation, "failed": bool(self.live.problems),
                     "building": self.live.lock.locked()}
            self.reply(200, "application/json", json.dumps(state).encode())
        elif path == "/_live/live.js":
            self.reply(200, "text/javascript; charset=utf-8", SCRIPT.read_bytes())
        elif self.is_page(path) and self.live.problems:
            self.reply(500, "text/html; charset=utf-8", problem_page(self.live.problems, self.lang))
        elif self.is_page(path) and (page := self.page_file(path)) is not None:
            body = page.read_bytes()
            self.reply(200, "text/html; charset=utf-8", body.replace(b"</body>", SCRIPT_TAG + b"</body>", 1))
        else:
            super().do_GET()

    def is_page(self, path: str) -> bool:
        return path.endswith(("/", ".html"))

    def page_file(self, path: str) -> Path | None:
        file = Path(self.translate_path(path))
        file = file / "index.html" if file.is_dir() else file
        return file if file.is_file() else None

    def reply(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(site: Path, live: LiveBuild, host: str, port: int, handler: type[LiveHandler] = LiveHandler,
          **attributes) -> ThreadingHTTPServer:
    """A server for `site` (not yet serving: call serve_forever). `attributes` go to the handler class."""
    bound = type("BoundLiveHandler", (handler,), {"live": live, "lang": ui_language(), **attributes})
    server = ThreadingHTTPServer((host, port), partial(bound, directory=str(site)))
    server.daemon_threads = True
    return server
