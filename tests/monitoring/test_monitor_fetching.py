"""Fetching is polite and robust, for real: a local HTTP server (an ephemeral port) plays the outlets.

Conditional GET with ETag and Last-Modified, gzip, an honest User-Agent, a
timeout; a failing, hanging or garbage feed is an answer with its reason,
and the others arrive all the same. Nothing here reaches the internet.
"""

from __future__ import annotations

import gzip
import shutil
import sqlite3
import threading
import zlib
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from helpers import ROOT
from monitoring.fetching import Validators, fetch, fetch_all
from monitoring.outlets import FeedSource
from monitoring.run import monitor

MODIFIED = "Fri, 27 Nov 2026 09:00:00 GMT"


def rss(*titles: str) -> bytes:
    items = "".join(f"<item><title>{t}</title><link>https://example.kg/{zlib.crc32(t.encode())}</link>"
                    f"<pubDate>Fri, 27 Nov 2026 10:0{n}:00 +0600</pubDate></item>" for n, t in enumerate(titles))
    feed = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    return feed.encode()


class Outlets:
    """What each path answers, and every request's headers, for the handler below."""

    def __init__(self) -> None:
        self.feeds = {"/stable.xml": (rss("Мэрия Бишкека объявила конкурс"), '"v1"'),
                      "/changing.xml": (rss("Вице-мэр Бообеков провёл совещание в Бишкеке"), '"a1"')}
        self.requests: list[tuple[str, dict]] = []
        self.release = threading.Event()  # the hanging outlet answers only when the test is over


class Handler(BaseHTTPRequestHandler):
    outlets: Outlets

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # http.server's name for it
        self.outlets.requests.append((self.path, dict(self.headers)))
        if self.path == "/hanging.xml":
            self.outlets.release.wait(10)
            return self._send(200, rss("late"))
        if self.path == "/broken.xml":
            return self._send(500, b"Internal Server Error")
        if self.path == "/page.xml":
            return self._send(200, b"<!doctype html><html><body>Not found</body></html>", "text/html")
        if self.path == "/gzip.xml":
            return self._send(200, gzip.compress(rss("Сжатая лента")), headers={"Content-Encoding": "gzip"})
        body, etag = self.outlets.feeds[self.path]
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, b"")
        self._send(200, body, headers={"ETag": etag, "Last-Modified": MODIFIED})

    def _send(self, status: int, body: bytes, kind: str = "application/rss+xml", headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server():
    outlets = Outlets()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), type("H", (Handler,), {"outlets": outlets}))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    outlets.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield outlets
    outlets.release.set()
    httpd.shutdown()
    httpd.server_close()


def source(server, path: str) -> FeedSource:
    return FeedSource("outlet", server.url + path, "ru")


def test_a_conditional_get_costs_an_unchanged_feed_a_304(server):
    first = fetch(source(server, "/stable.xml"), Validators())
    assert first.body and first.validators == Validators('"v1"', MODIFIED)
    second = fetch(source(server, "/stable.xml"), first.validators)
    assert second.not_modified and second.validators == first.validators
    (_, asked_first), (_, asked_again) = server.requests
    assert asked_first["User-Agent"].startswith("BishkekCityHallMonitor/") and "meria.kg" in asked_first["User-Agent"]
    assert "If-None-Match" not in asked_first
    assert (asked_again["If-None-Match"], asked_again["If-Modified-Since"]) == ('"v1"', MODIFIED)


def test_gzip_is_asked_for_and_read(server):
    answer = fetch(source(server, "/gzip.xml"), Validators())
    assert "Сжатая лента".encode() in answer.body
    assert server.requests[0][1]["Accept-Encoding"] == "gzip"


def test_a_failing_or_hanging_outlet_is_an_answer_with_its_reason_and_holds_up_nobody(server):
    paths = ["/hanging.xml", "/broken.xml", "/stable.xml"]
    answers = list(fetch_all([source(server, p) for p in paths], {}, timeout=0.5))
    by_path = {a.source.url.removeprefix(server.url): a for a in answers}
    assert by_path["/hanging.xml"].failure.kind == "timeout"
    assert (by_path["/broken.xml"].failure.kind, by_path["/broken.xml"].failure.detail[:3]) == ("http", "500")
    assert by_path["/stable.xml"].body
    assert answers[-1].source.url.endswith("/hanging.xml")  # the others arrived while it hung


def test_an_address_nobody_answers_at_is_a_network_failure():
    closed = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = closed.server_address[1]
    closed.server_close()
    answer = fetch(FeedSource("outlet", f"http://127.0.0.1:{port}/rss", "ru"), Validators(), timeout=2)
    assert answer.failure.kind == "network"


def test_make_monitor_over_http_stores_new_items_only_and_asks_politely_again(server, tmp_path, capsys,
                                                                              monkeypatch):
    """Two runs of the whole `monitor` against the local outlets: the second is answered 304 for the
    unchanged feed, reads the changed one, and stores only its new item; the web page is reported."""
    monkeypatch.setenv("PORTAL_UI_LANG", "ru")
    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("outlets.yml"))
    (tmp_path / "data" / "outlets.yml").write_text(f"""local:
  name: "Local"
  languages: [ru]
  home: {server.url}/
  feeds: [{server.url}/stable.xml, {server.url}/changing.xml, {server.url}/page.xml]
""", encoding="utf-8")
    database, output, now = tmp_path / "db.sqlite", tmp_path / "out", datetime(2026, 11, 27, 12, tzinfo=UTC)
    assert monitor(tmp_path, database, output, now) == 0
    first = capsys.readouterr().err
    assert "page.xml не прочитана: это веб-страница" in first and "Новых материалов: 2" in first

    server.feeds["/changing.xml"] = (rss("Вице-мэр Бообеков провёл совещание в Бишкеке",
                                         "Бишкектеплосеть начала отопительный сезон"), '"a2"')
    assert monitor(tmp_path, database, output, now) == 0
    second = capsys.readouterr().err
    assert "Новых материалов: 1, обновлённых: 0, о мэрии: 1" in second
    asked_again = [h for path, h in server.requests[3:] if path == "/stable.xml"]
    assert [h.get("If-None-Match") for h in asked_again] == ['"v1"']
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT COUNT(*) FROM items").fetchone() == (3,)
        assert db.execute("SELECT etag FROM feeds WHERE url LIKE '%changing.xml'").fetchone() == ('"a2"',)
    assert (output / "ru" / "index.html").is_file()
