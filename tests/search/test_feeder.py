"""feeder.py: one Pagefind service at a time while the build renders, two once it closes the feeder's stdin.

The services here are a stand-in for `pagefind --service` that speaks its
protocol and waits, before it answers, until a second service has started
(and gives up after 20 s): fed one at a time, the first chunk cannot
finish; once the build closes stdin, the second starts and both finish.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from portal.search.indexing import FEEDER, request_line
from portal.search.service import as_json

FAKE_SERVICE = '''\
import base64, json, os, sys, time
started = os.path.join(sys.argv[1], f"started-{os.getpid()}")
open(started, "w").close()
deadline = time.monotonic() + 20
while len(os.listdir(sys.argv[1])) < 2:
    if time.monotonic() > deadline:
        sys.exit("no second service started")
    time.sleep(0.05)
pending = b""
while chunk := os.read(0, 1 << 16):
    *messages, pending = (pending + chunk).split(b",")
    for message in messages:
        request = json.loads(base64.b64decode(message))
        payload = {"type": request["payload"]["type"]}
        if payload["type"] == "GetFiles":
            payload["files"] = [{"path": "pagefind.js", "content": base64.b64encode(b"// index").decode()}]
        answer = json.dumps({"message_id": request["message_id"], "payload": payload}).encode()
        os.write(1, base64.b64encode(answer) + b",")
'''


def fake_pagefind(folder: Path, started: Path) -> Path:
    """An executable that answers `--service` as the stand-in above does."""
    script = folder / "service.py"
    script.write_text(FAKE_SERVICE, encoding="utf-8")
    executable = folder / "pagefind"
    executable.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{script}" "{started}"\n', encoding="utf-8")
    executable.chmod(0o755)
    return executable


def test_a_second_service_starts_only_once_the_build_closes_stdin(tmp_path):
    started = tmp_path / "started"
    started.mkdir()
    requests = tmp_path / "requests"
    record = as_json({"type": "AddRecord", "index_id": 0, "url": "/ky/", "content": "Шаар.", "language": "ky"})
    requests.write_bytes(request_line(tmp_path / "first", [record]) + request_line(tmp_path / "second", [record])
                         + b"\n")
    feeder = subprocess.Popen([sys.executable, str(FEEDER), str(fake_pagefind(tmp_path, started)), str(requests),
                               str(os.getpid()), "1", "2"], stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        time.sleep(2)
        assert len(os.listdir(started)) == 1, "one service at a time while the build renders"
        assert feeder.poll() is None
        feeder.stdin.close()
        assert feeder.wait(timeout=60) == 0, feeder.stderr.read().decode()
    finally:
        feeder.kill()
        feeder.wait()
    assert len(os.listdir(started)) == 2
    assert (tmp_path / "first" / "pagefind.js").read_bytes() == (tmp_path / "second" / "pagefind.js").read_bytes() \
        == b"// index"
