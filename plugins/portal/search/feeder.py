"""Feed Pagefind the chunks of a build: `python feeder.py PAGEFIND REQUESTS BUILD_PID AT_ONCE AT_END`.

indexing.py starts this script as a process of its own, then writes every
chunk to the file REQUESTS, a line each: the folder its bundle goes to, a
tab, and its requests (encoded by service.encode, the chunk as index 0,
ending with GetFiles and DeleteIndex); an empty line ends the file. The
script follows the file as it grows, so Pagefind indexes the first chunks
while the build makes the records of the next, then while it renders.

The script writes each bundle itself, from Pagefind's GetFiles answer:
Pagefind answers WriteFiles before its writes are done (Tokio writes in the
background), and a service that stops then leaves files empty.

Each chunk gets a Pagefind service of its own: fed every chunk at once, one
service queues every record (~100 MB more at 8,000 stories); fed them one
after the other, it still grows with each index it has built and dropped;
a new one stays at the size of one chunk (~90 MB at 250 stories). AT_ONCE
services run side by side while the build renders its pages, AT_END once it
has (it closes this script's stdin then, and waits): indexing.py runs an
edit's chunks (one per language) side by side, and a build of many chunks
one at a time while it renders, holding one index in memory, on a core the
rendering leaves it (portal.core.parallel.beside), then two at a time. Pagefind
indexes a chunk on one core, ~6 ms per story. A fresh interpreter, not a
fork of the build: a fork would share the build's memory and copy every
page the build writes to while it runs. It stops at the first error, or
between two chunks if the build that started it is gone; the build reads
the reason on its stderr.
"""

from __future__ import annotations

import base64
import os
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the checker reads it as a module of the package
    from .normalise import normalised
    from .service import NOT_BUILT, SearchIndexFailed, Service, decode, refused
else:  # run as a script (see above), beside service.py
    from normalise import normalised
    from service import NOT_BUILT, SearchIndexFailed, Service, decode, refused

WAIT = 0.05  # seconds between two looks at a file that has not grown


def feed(pagefind: str, requests: str, build: int, at_once: int, at_end: int) -> None:
    """Index every chunk of the file, `at_once` at a time, `at_end` once stdin ends; raises the
    first error once the chunks being indexed are done, and starts no chunk after it."""
    slots = threading.Semaphore(at_once)  # a chunk waiting for a service holds its records: read no further
    threading.Thread(target=widen, args=(slots, at_end - at_once), daemon=True).start()
    started: list[Future] = []
    with ThreadPoolExecutor(max(at_once, at_end)) as services:
        for folder, chunk in follow(requests, build):
            slots.acquire()
            if any(future.done() and future.exception() for future in started):
                break
            started.append(services.submit(build_bundle, pagefind, folder, chunk))
            started[-1].add_done_callback(lambda _future: slots.release())
    for future in started:
        future.result()


def widen(slots: threading.Semaphore, more: int) -> None:
    """Once the build closes stdin (its pages are written, or it is gone), `more` services at once.
    (os.read, not sys.stdin: a daemon thread still in sys.stdin's lock aborts the interpreter's exit.)"""
    while os.read(sys.stdin.fileno(), 1024):
        pass
    for _ in range(more):
        slots.release()


def follow(requests: str, build: int) -> Iterator[tuple[Path, bytes]]:
    """Each chunk's folder and requests, as the build writes them, until the empty line."""
    with open(requests, "rb") as chunks:
        chunk = b""
        while os.getppid() == build:  # else the build stopped: nobody will take these bundles
            chunk += chunks.readline()
            if chunk == b"\n":
                return
            if chunk.endswith(b"\n"):
                folder, requests_of_chunk = chunk.rstrip(b"\n").rsplit(b"\t", 1)
                yield Path(os.fsdecode(folder)), requests_of_chunk
                chunk = b""
            else:
                time.sleep(WAIT)


def build_bundle(pagefind: str, folder: Path, requests: bytes) -> None:
    write(folder, index(pagefind, requests))


def index(pagefind: str, requests: bytes) -> list[dict[str, str]]:
    """One chunk's requests, answered by a new service: the files of its bundle."""
    service = Service(pagefind)
    try:
        service.send(requests)
        answers = service.receive(requests.count(b","))
    finally:
        service.close()
    if any(answer["payload"]["type"] == "Error" for answer in answers):  # the requests are decoded only then
        failed = [(request["payload"], answer["payload"])
                  for request, answer in zip(decode(requests), answers, strict=True)
                  if answer["payload"]["type"] == "Error"]
        raise SearchIndexFailed(f"{NOT_BUILT}Pagefind refused "
                                + "; ".join(f"{request.get('url', request['type'])}: {answer['message']}"
                                            for request, answer in failed))
    return next(answer["payload"]["files"] for answer in answers if answer["payload"]["type"] == "GetFiles")


def write(folder: Path, files: list[dict[str, str]]) -> None:
    """A bundle as GetFiles gives it (each file's path in the bundle and its bytes in base64), put in
    order (normalise.py: the same stories give the same bytes)."""
    for path, data in normalised({file["path"]: base64.b64decode(file["content"]) for file in files}).items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


if __name__ == "__main__":
    try:
        feed(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    except SearchIndexFailed as failure:
        sys.exit(str(failure))
    except OSError as error:  # a full disk: the build says so (portal.core.machine), not "search failed"
        sys.exit(refused(error))
