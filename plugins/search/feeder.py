"""Feed Pagefind the chunks of a build one at a time: `python feeder.py PAGEFIND REQUESTS BUILD_PID`.

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
a new one stays at the size of one chunk (~90 MB at 250 stories). A fresh
interpreter, not a fork of the build: a fork would share the build's memory
and copy every page the build writes to while it runs. It stops at the
first error, or between two chunks if the build that started it is gone;
the build reads the reason on its stderr.
"""

from __future__ import annotations

import base64
import os
import sys
import time
from pathlib import Path

from service import SearchIndexFailed, Service, decode

WAIT = 0.05  # seconds between two looks at a file that has not grown


def feed(pagefind: str, requests: str, build: int) -> None:
    with open(requests, "rb") as chunks:
        chunk = b""
        while os.getppid() == build:  # else the build stopped: nobody will take these bundles
            chunk += chunks.readline()
            if chunk == b"\n":
                return
            if chunk.endswith(b"\n"):
                folder, requests = chunk.rstrip(b"\n").rsplit(b"\t", 1)
                write(Path(os.fsdecode(folder)), index(pagefind, requests))
                chunk = b""
            else:
                time.sleep(WAIT)


def index(pagefind: str, requests: bytes) -> list[dict[str, str]]:
    """One chunk's requests, answered by a new service: the files of its bundle."""
    service = Service(pagefind)
    try:
        service.send(requests)
        answers = service.receive(requests.count(b","))
    finally:
        service.close()
    if any(answer["payload"]["type"] == "Error" for answer in answers):  # the requests are decoded only then
        failed = [(request["payload"], answer["payload"]) for request, answer in zip(decode(requests), answers)
                  if answer["payload"]["type"] == "Error"]
        raise SearchIndexFailed("The search index was not built: Pagefind refused "
                                + "; ".join(f"{request.get('url', request['type'])}: {answer['message']}"
                                            for request, answer in failed))
    return next(answer["payload"]["files"] for answer in answers if answer["payload"]["type"] == "GetFiles")


def write(folder: Path, files: list[dict[str, str]]) -> None:
    """A bundle as GetFiles gives it: each file's path in the bundle and its bytes in base64."""
    for file in files:
        target = folder / file["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(file["content"]))


if __name__ == "__main__":
    try:
        feed(sys.argv[1], sys.argv[2], int(sys.argv[3]))
    except SearchIndexFailed as failure:
        sys.exit(str(failure))
