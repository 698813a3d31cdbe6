"""`make edit`: the browser editor (Decap CMS) and the live preview on one address.

    /admin/            Decap CMS: admin/ (our page, its own policy) and its bundle from node_modules
    /admin/config.yml  made from the registries on every request (plugins/portal/admin/config.py)
    /admin/slugs.js    the build's transliteration, with which start.js names a new story's folder
    /admin/form.js     what a written language pane must hold, and start.js's words, in the editor's language
    /api/v1            handed to decap-server, which writes the entries into content/
    everything else    the preview site (drafts and embargoed stories shown), see live.py

decap-server runs on a port of its own on 127.0.0.1; the browser only ever
talks to this server, so the admin page's policy can say connect-src 'self'.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from portal.admin.config import config_yaml
from portal.admin.scripts import DECAP_BUNDLE, form_script, slugs_script
from portal.localization.editor import _

from .live import LiveHandler

ADMIN = Path(__file__).parent.parent / "admin"
DECAP_SERVER = Path("node_modules/decap-server/dist/index.js")
LOCAL_NAMES = ("127.0.0.1", "localhost")  # the Host of a request from the admin page


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_decap_server(root: Path) -> tuple[subprocess.Popen, int]:
    """decap-server writing into `root` (its content/ and nothing above it); returns it and its port.
    If it does not answer, the editor reads why in their language and `make edit` stops."""
    port = free_port()
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs", "GIT_REPO_DIRECTORY": str(root),
           "LOG_LEVEL": "warn"}
    process = subprocess.Popen(["node", str(root / DECAP_SERVER)], cwd=root, env=env)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process, port
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    process.kill()
    raise SystemExit(_("The editor did not start: %(server)s did not answer. Run `make edit` again; if it "
                       "happens again, ask a developer.", server=root / DECAP_SERVER))


class EditorHandler(LiveHandler):
    """The live preview, plus the editor under /admin/ and decap-server's API under /api/v1."""

    root: Path
    decap_port: int
    data: Path
    licences: dict

    @property
    def address(self) -> str:
        """This server as the browser reaches it (the port may have been chosen by the system)."""
        return f"http://{self.headers.get('Host') or '127.0.0.1'}"

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path in ("/admin", "/admin/"):
            self.reply(200, "text/html; charset=utf-8", (ADMIN / "index.html").read_bytes())
        elif path == "/admin/config.yml":
            made = config_yaml(self.data, self.lang, self.licences, backend={"name": "git-gateway"},
                               local_backend=f"{self.address}/api/v1", preview_url=self.address)
            self.reply(200, "text/yaml; charset=utf-8", made.encode())
        elif path == "/admin/slugs.js":
            self.reply(200, "text/javascript; charset=utf-8", slugs_script())
        elif path == "/admin/form.js":
            self.reply(200, "text/javascript; charset=utf-8", form_script(self.data, self.lang, self.licences))
        elif path.startswith("/admin/"):
            self.admin_file(path.removeprefix("/admin/"))
        else:
            super().do_GET()

    def admin_file(self, name: str) -> None:
        """Our scripts from admin/, Decap's bundle and its chunks from node_modules."""
        if "/" in name or name.startswith("."):
            self.send_error(404)
            return
        file = ADMIN / name if (ADMIN / name).is_file() else self.root / DECAP_BUNDLE / name
        if not file.is_file():
            self.send_error(404)
            return
        kinds = {".js": "text/javascript; charset=utf-8", ".css": "text/css", ".wasm": "application/wasm"}
        self.reply(200, kinds.get(file.suffix, "application/octet-stream"), file.read_bytes())

    def from_the_admin_page(self) -> bool:
        """Whether a write comes from our admin page: any other site the editor has open could
        otherwise post to 127.0.0.1 and write into content/ (a form cannot set the Origin it sends,
        and a name that resolves to 127.0.0.1 does not make its Host ours)."""
        host = self.headers.get("Host", "")
        return host.rsplit(":", 1)[0] in LOCAL_NAMES and self.headers.get("Origin") in (None, f"http://{host}")

    def do_POST(self) -> None:
        if self.path != "/api/v1":
            self.send_error(404)
            return
        if not self.from_the_admin_page():
            self.send_error(403)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        request = urllib.request.Request(f"http://127.0.0.1:{self.decap_port}/api/v1", data=body,
                                         headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                status, payload = answer.status, answer.read()
        except urllib.error.HTTPError as error:
            status, payload = error.code, error.read()
        self.reply(status, "application/json; charset=utf-8", payload)
