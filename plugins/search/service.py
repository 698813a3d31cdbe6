"""Pagefind's indexing service, fed in one go and read back once.

`pagefind --service` (the binary of the `pagefind[extended]` package) keeps
indexes in memory and answers requests on its stdin/stdout: base64-encoded
JSON messages, each followed by a comma (the protocol of Pagefind's own
Python and Node APIs). We speak it directly because the Python API
(`pagefind.index.PagefindIndex`) polls for each answer after a 0.1 s sleep:
a record costs 0.1 s, 200 s for 2,000 stories.

The service reads its whole input on a thread of its own and queues it, so
`start` writes every request at once and returns at once (about 10 MB and
0.1 s for 2,000 stories); Pagefind then indexes in its own process while
Python renders the pages, and `finish` reads the answers. No Python thread
is involved: the build may fork its workers at any time; they inherit the two
pipes and must leave them alone (they do: nothing but this object uses them).
"""

from __future__ import annotations

import base64
import contextlib
import json
import subprocess
import tempfile
from collections.abc import Sequence
from typing import Any

from pagefind.service import get_executable


class SearchIndexFailed(SystemExit):
    """Stops the build with Pagefind's own words instead of a traceback."""


class Service:
    """One `pagefind --service` process and the requests sent to it."""

    def __init__(self) -> None:
        executable = get_executable()
        if executable is None:
            raise SearchIndexFailed("The search index was not built: Pagefind is not installed "
                                    "(pip install 'pagefind[extended]').")
        self.errors = tempfile.TemporaryFile()  # a file, not a pipe: a full pipe would stall the service
        try:
            self.process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=self.errors)
        except OSError as error:
            raise SearchIndexFailed(f"The search index was not built: Pagefind did not start ({error}).") from None
        self.requests: list[dict[str, Any]] = []

    def send(self, requests: Sequence[dict[str, Any]]) -> None:
        """Queue these requests; they are answered in order."""
        first = len(self.requests) + 1
        self.requests += requests
        try:
            self.process.stdin.write(b"".join(
                base64.b64encode(json.dumps({"message_id": number, "payload": request}, ensure_ascii=False).encode())
                + b"," for number, request in enumerate(requests, first)))
            self.process.stdin.flush()
        except BrokenPipeError:
            pass  # the service stopped: `answers` reports it with its exit status and its own words

    def answers(self) -> list[dict[str, Any]]:
        """Every request's answer, in order, once all are in; the service then stops.

        The service's stdin stays open until then: it exits as soon as it reads the end of its input."""
        answers: dict[int, dict[str, Any]] = {}
        pending = b""
        try:
            while len(answers) < len(self.requests):
                chunk = self.process.stdout.read1(1 << 16)
                if not chunk:
                    raise SearchIndexFailed(f"The search index was not built: Pagefind stopped "
                                            f"({self.process.wait()}).\n{self._errors()}")
                *messages, pending = (pending + chunk).split(b",")
                for message in messages:
                    answer = json.loads(base64.b64decode(message))
                    answers[answer["message_id"]] = answer["payload"]
        finally:
            self.close()
        failed = [(self.requests[number - 1], answer) for number, answer in sorted(answers.items())
                  if answer["type"] == "Error"]
        if failed:
            raise SearchIndexFailed("The search index was not built: Pagefind refused "
                                    + "; ".join(f"{request.get('url', request['type'])}: {answer['message']}"
                                                for request, answer in failed))
        return [answers[number] for number in range(1, len(self.requests) + 1)]

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        with contextlib.suppress(BrokenPipeError):  # what the stopped service did not read
            self.process.stdin.close()
        self.process.stdout.close()
        self.errors.close()

    def _errors(self) -> str:
        self.errors.seek(0)
        return self.errors.read().decode(errors="replace")
