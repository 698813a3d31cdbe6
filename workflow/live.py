"""The live preview server behind `make serve`, `make preview` and `make edit`.

It serves a built site and rebuilds it as soon as a watched file is saved
(watching.py tells which), in a build process that stays between builds
(resident.py), and tells the browser: every page it serves loads
/_live/live.js (our own origin, so the site's strict Content-Security-Policy
admits it) with the number of the last event the page was served after,
and the script asks `/_live/wait` for a newer event that concerns its page,
which the server answers as soon as there is one (or after a while, with
nothing): the edited story's own page first (its pages are put in the site
before the rest of the build), then every page once the build is done.
While the last build stopped on a problem, every page is answered with that
problem, as the build wrote it (file, line, what to write), until a build
succeeds: the editor never looks at an old page believing it is the new one.

A change of code (our plugins, the settings, the workflow) starts a new
build process, which builds everything again.

`make edit` adds the browser editor on the same address (see editor.py).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import threading
from collections.abc import Iterable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from portal.localization.editor import Message, _, ui_language

from .watching import Watcher

SCRIPT = Path(__file__).with_name("live.js")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
WAIT = 25.0  # seconds a browser's /_live/wait is held open before it is told to ask again


class LiveBuild:
    """The build process, and what the browser is told: each event (a build's own pages put in the
    site, a build done) has a number; `problems` is what stopped the last build ("" when it succeeded)."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.command = command  # the resident build process (resident.py)
        self.cwd = cwd
        self.generation = 0  # builds done
        self.problems = ""
        self.read: list[str] | None = None  # the story folders the last build read (None: every one)
        self.events: list[tuple[int, frozenset[str] | None]] = [(0, None)]  # (number, its pages; None: all)
        self.news = threading.Condition()
        self.done = threading.Event()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        """A new build process, which builds everything it does not find unchanged."""
        self.stop()
        self.process = subprocess.Popen(self.command, cwd=self.cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, bufsize=1)
        threading.Thread(target=self._listen, args=(self.process,), name="live-build", daemon=True).start()

    def stop(self) -> None:
        process, self.process = self.process, None  # its listener then knows it was stopped on purpose
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()

    def rebuild(self, changed: Iterable[Path] = ()) -> None:
        """Build what these paths changed (all it needs to, the first time), and wait for it."""
        if self.process is None or self.process.poll() is not None:
            self.start()
        assert self.process is not None and self.process.stdin is not None
        self.done.clear()
        try:
            self.process.stdin.write(json.dumps([str(path) for path in changed]) + "\n")
            self.process.stdin.flush()
        except OSError:  # it stopped: a new one builds everything
            self.start()
            return self.rebuild()
        self.done.wait()

    def _listen(self, process: subprocess.Popen) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            message = json.loads(line)
            if message["event"] == "pages":
                self._tell(frozenset(message["pages"]))
            elif message["event"] == "built":
                self.problems = "" if message["ok"] else ANSI.sub("", message["report"]).strip()
                self.read = message.get("read")
                self.generation += 1
                self._tell(None)
                self.done.set()
        if process is self.process:  # it stopped by itself: say so rather than wait for it
            self.problems = self.problems or str(_("The process that built the site stopped: see the terminal."))
            self.done.set()

    def _tell(self, pages: frozenset[str] | None) -> None:
        with self.news:
            self.events.append((self.events[-1][0] + 1, pages))
            self.news.notify_all()

    def saving(self) -> None:
        """A save has started: a build follows once it ends (so `building` says so already)."""
        self.done.clear()

    @property
    def building(self) -> bool:
        """A build is under way or about to start (or the first has not ended)."""
        return not self.done.is_set()

    @property
    def last(self) -> int:
        return self.events[-1][0]

    def wait(self, since: int, page: str, timeout: float = WAIT) -> int | None:
        """The number of the first event after `since` that concerns `page`, once there is one;
        None if none came within `timeout` seconds."""

        def newer() -> int | None:
            return next((number for number, pages in reversed(self.events)
                         if number > since and (pages is None or page in pages)), None)

        with self.news:
            self.news.wait_for(lambda: newer() is not None, timeout)
            return newer()


def watch(roots: list[Path], code: list[Path], live: LiveBuild) -> threading.Thread:
    """Rebuild after every save under `roots`; start a new build process after a change of `code`
    (folders or files: our plugins, the settings). A save made during a build is built next."""
    watcher = Watcher(roots + [path for path in code if path.is_dir()], [path for path in code if path.is_file()])
    code = [path for path in code if path.is_file()]  # (in the folders, their .py files count)

    def loop() -> None:
        while True:
            changed = {path for path in watcher.changes(started_saving=live.saving) if "__pycache__" not in path.parts}
            if not changed:  # Python's compiled files: nothing to build
                live.done.set()
                continue
            if any((path.suffix == ".py" and "__pycache__" not in path.parts) or path in code for path in changed):
                live.start()
                live.rebuild()
            else:
                live.rebuild(changed)

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


def script_tag(since: int) -> bytes:
    """live.js, told the number of the last event before the page was read."""
    return f'<script src="/_live/live.js" data-since="{since}" defer></script>'.encode()


def problem_page(problems: str, lang: str, since: int) -> bytes:
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
            ).encode() + script_tag(since) + b"</body></html>"


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
        parts = urlsplit(self.path)
        path = parts.path
        if path == "/_live/state":
            state = {"generation": self.live.generation, "failed": bool(self.live.problems),
                     "building": self.live.building, "read": self.live.read}
            self.reply(200, "application/json", json.dumps(state).encode())
        elif path == "/_live/wait":
            asked = parse_qs(parts.query)
            since = int(asked.get("since", ["0"])[0])
            event = self.live.wait(since, asked.get("page", ["/"])[0])
            self.reply(200, "application/json",
                       json.dumps({"reload": event is not None, "since": since if event is None else event}).encode())
        elif path == "/_live/live.js":
            self.reply(200, "text/javascript; charset=utf-8", SCRIPT.read_bytes())
        elif self.is_page(path) and self.live.problems:
            self.reply(500, "text/html; charset=utf-8", problem_page(self.live.problems, self.lang, self.live.last))
        elif self.is_page(path) and (page := self.page_file(path)) is not None:
            since = self.live.last  # before reading the page: an event after this may be newer than it
            body = page.read_bytes()
            self.reply(200, "text/html; charset=utf-8", body.replace(b"</body>", script_tag(since) + b"</body>", 1))
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
