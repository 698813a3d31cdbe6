"""`invoke preview` serves drafts and embargoed stories, bannered, and writes nothing to output/."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request

import fixture_site as fx
from helpers import NOW
from project import GIT_IDENTITY, INVOKE


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, attempts: int = 120) -> str:
    """The page once the server answers (it builds first); at most `attempts` tries, half a second apart."""
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} never answered")


def test_preview_serves_drafts_with_a_banner_and_never_writes_output(project):
    fx.populate(project.site)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "PORTAL_NOW"} | GIT_IDENTITY | {"PORTAL_NOW": NOW}
    server = subprocess.Popen([str(INVOKE), "preview", "--port", str(port)], cwd=project.root, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        draft = fetch(f"http://127.0.0.1:{port}{fx.DRAFT.urls['ru']}")
        assert fx.DRAFT.titles["ru"] in draft and "черновик" in draft and "preview-banner" in draft
        embargoed = fetch(f"http://127.0.0.1:{port}{fx.EMBARGOED.urls['ky']}")
        assert "эмбаргодо" in embargoed
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        printed = server.communicate(timeout=30)[0]
    assert (project.root / ".preview" / "index.html").is_file()
    assert not (project.root / "output").exists()
    # each build (serve's too) ends with what it made, not Pelican's "Done: Processed 0 articles"
    assert "Processed" not in printed, printed
    pages = len(list((project.root / ".preview").rglob("*.html")))
    assert re.search(rf"Built {pages} pages, \d+ feeds and \d+ photos in [\d.]+ s", printed), printed
