"""Pagefind's indexing service, spoken to directly.

`pagefind --service` (the binary of the `pagefind[extended]` package) keeps
indexes in memory and answers requests on its stdin/stdout: base64-encoded
JSON messages, each followed by a comma (the protocol of Pagefind's own
Python and Node APIs). We speak it directly because the Python API
(`pagefind.index.PagefindIndex`) polls for each answer after a 0.1 s sleep:
a record costs 0.1 s, 200 s for 2,000 stories.

The service reads its input on a thread of its own and queues all of it, so
whatever is sent before it is needed costs the service memory: `send` a
batch of requests, then `receive` their answers. Nothing here imports
Pelican (nor Pagefind's Python package, which loads asyncio): feeder.py
runs it in a process of its own.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import subprocess
import tempfile
from collections.abc import Sequence
from typing import Any, cast

STOP_WAIT = 30  # seconds a service may take to stop once its input ends


class SearchIndexFailed(SystemExit):
    """Stops the build with Pagefind's own words instead of a traceback."""


# How feeder.py (a script without the portal package) begins its reason: indexing.py shows the rest in the
# editor's language (indexing.not_built).
NOT_BUILT = "The search index was not built: "


REFUSED = "The computer refused to write a file: "  # how feeder.py reports an OSError, for the build to raise


def refused(error: OSError) -> str:
    return f"{REFUSED}{error.errno}\t{error.filename or ''}"


def refused_write(said: str) -> OSError | None:
    """The OSError that feeder.py reported (`refused`), to be raised in the build; None if it reported another."""
    if not said.startswith(REFUSED):
        return None
    number, _, filename = said[len(REFUSED):].partition("\t")
    return OSError(int(number), os.strerror(int(number)), filename or None)


def encode(payloads: Sequence[bytes], first: int = 1) -> bytes:
    """Requests, each a JSON document (`as_json`), as the service reads them, numbered from `first`."""
    return b"".join(base64.b64encode(b'{"message_id":%d,"payload":%s}' % (number, payload)) + b","
                    for number, payload in enumerate(payloads, first))


def as_json(request: dict[str, Any]) -> bytes:
    return json.dumps(request, ensure_ascii=False).encode()


def decode(messages: bytes) -> list[dict[str, Any]]:
    """Messages as `encode` made them (or the service answers), in order."""
    return [json.loads(base64.b64decode(message)) for message in messages.split(b",") if message]


class Service:
    """One `pagefind --service` process of the binary `executable`."""

    def __init__(self, executable: str) -> None:
        self.errors = tempfile.TemporaryFile()  # a file, not a pipe: a full pipe would stall the service
        try:
            self.process = subprocess.Popen([executable, "--service"], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=self.errors)
        except OSError as error:
            raise SearchIndexFailed(f"{NOT_BUILT}Pagefind did not start ({error}).") from None
        # Popen gives buffered binary pipes for PIPE (its types allow None, for the streams not asked for).
        self.requests = cast(io.BufferedWriter, self.process.stdin)
        self.answers = cast(io.BufferedReader, self.process.stdout)
        self.pending = b""  # the start of an answer not read to its end yet

    def send(self, batch: bytes) -> None:
        """Send a batch of requests made by `encode`."""
        try:
            self.requests.write(batch)
            self.requests.flush()
        except BrokenPipeError:
            pass  # the service stopped: `receive` reports it with its exit status and its own words

    def receive(self, count: int) -> list[dict[str, Any]]:
        """The next `count` answers, by message id (the service may answer out of order)."""
        answers: list[dict[str, Any]] = []
        while len(answers) < count:
            chunk = self.answers.read1(1 << 16)
            if not chunk:
                raise SearchIndexFailed(f"{NOT_BUILT}Pagefind stopped "
                                        f"({self.process.wait()}).\n{self._errors()}")
            *complete, self.pending = (self.pending + chunk).split(b",")
            answers += decode(b",".join(complete))
        return sorted(answers, key=lambda answer: answer["message_id"])

    def close(self) -> None:
        """End the service's input and wait for it to stop."""
        with contextlib.suppress(BrokenPipeError):  # what a stopped service did not read
            self.requests.close()
        try:
            self.process.wait(timeout=STOP_WAIT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.answers.close()
        self.errors.close()

    def _errors(self) -> str:
        self.errors.seek(0)
        return self.errors.read().decode(errors="replace")
