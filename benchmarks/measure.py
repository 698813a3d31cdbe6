"""Wall time and peak memory of a command and every process it starts.

Memory is the sum of the proportional set size (PSS) of the command's
process tree, sampled ten times a second: forked workers share pages with
their parent and PSS counts each shared page once, where adding up RSS would
count it per process. The tree is found through /proc (Linux only).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_EVERY = 0.1  # seconds


@dataclass
class Run:
    seconds: float
    peak_mb: float
    returncode: int
    output: str


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return tree


def _tree_pss_kb(root: int) -> int:
    tree, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        todo += tree.get(pid, [])
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            continue
    return total


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    with tempfile.TemporaryFile(mode="w+") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})},
                                   stdout=log, stderr=subprocess.STDOUT, text=True)
        peak = 0
        while process.poll() is None:
            peak = max(peak, _tree_pss_kb(process.pid))
            time.sleep(SAMPLE_EVERY)
        seconds = time.perf_counter() - start
        log.seek(0)
        return Run(seconds, peak / 1024, process.returncode, log.read())
