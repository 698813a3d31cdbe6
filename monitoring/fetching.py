"""Getting the feeds: politely over HTTP, or from saved files (FROM=DIR).

Politely: a conditional GET (the ETag and Last-Modified the outlet gave last
time, so an unchanged feed costs it a "304 Not Modified"), gzip, a timeout,
a size limit, and a User-Agent that says who asks and why. Concurrently, a
few feeds at a time; each answer comes back as soon as it is there, so one
slow or failing outlet holds up nobody else.
"""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .outlets import FeedSource, Outlet

USER_AGENT = ("BishkekCityHallMonitor/1.0 (+https://meria.kg/; "
              "media monitoring by the press office of Bishkek City Hall)")
ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
TIMEOUT = 20.0  # seconds, for connecting and for each read
MAX_BYTES = 20_000_000  # a feed larger than this is not a news feed
WORKERS = 8


@dataclass(frozen=True)
class Validators:
    """What the outlet said identifies this copy of its feed: sent back next time."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Failure:
    kind: str  # timeout | http | network | too-large | unknown-outlet; web-page | not-a-feed (run.py says them)
    detail: str = ""


@dataclass(frozen=True)
class Answer:
    """One feed's answer: its body, or not modified (`body` None, no failure), or a failure."""

    source: FeedSource
    body: bytes | None = None
    content_type: str = ""
    validators: Validators = Validators()
    failure: Failure | None = None

    @property
    def not_modified(self) -> bool:
        return self.body is None and self.failure is None


def fetch(source: FeedSource, known: Validators, timeout: float = TIMEOUT) -> Answer:
    """GET one feed, conditionally; every way it can go wrong is an Answer with a Failure."""
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "gzip"}
    if known.etag:
        headers["If-None-Match"] = known.etag
    if known.last_modified:
        headers["If-Modified-Since"] = known.last_modified
    request = urllib.request.Request(source.url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                return Answer(source, failure=Failure("too-large"))
            if response.headers.get("Content-Encoding", "").lower() == "gzip":
                body = gzip.decompress(body)
            validators = Validators(response.headers.get("ETag"), response.headers.get("Last-Modified"))
            return Answer(source, body, response.headers.get("Content-Type", ""), validators)
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Answer(source, validators=known)
        return Answer(source, failure=Failure("http", f"{error.code} {error.reason}"))
    except TimeoutError:
        return Answer(source, failure=Failure("timeout"))
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            return Answer(source, failure=Failure("timeout"))
        return Answer(source, failure=Failure("network", str(error.reason)))
    except (OSError, EOFError, zlib.error, ValueError) as error:  # reset connections, bad gzip, bad addresses
        return Answer(source, failure=Failure("network", str(error) or type(error).__name__))


def fetch_all(sources: Iterable[FeedSource], known: dict[str, Validators],
              timeout: float = TIMEOUT, workers: int = WORKERS) -> Iterator[Answer]:
    """Every feed's answer, in the order they arrive."""
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="feed") as pool:
        pending = [pool.submit(fetch, s, known.get(s.url, Validators()), timeout) for s in sources]
        for done in as_completed(pending):
            yield done.result()


def replay(folder: Path, outlets: list[Outlet]) -> Iterator[Answer]:
    """Saved copies instead of the internet: `folder/<outlet id>/*.xml`, each a copy of one of
    that outlet's feeds, read in name order as if fetched one after the other. A folder that
    names no outlet is a failure (its files would be silently ignored)."""
    known = {o.id for o in outlets}
    for outlet in outlets:
        for saved in sorted((folder / outlet.id).glob("*.xml")):
            yield Answer(FeedSource(outlet.id, saved.relative_to(folder).as_posix(), None), saved.read_bytes())
    for stray in sorted(p for p in folder.iterdir() if p.is_dir() and p.name not in known):
        yield Answer(FeedSource(stray.name, stray.name + "/", None), failure=Failure("unknown-outlet"))
