"""A copy of this project to run the editors' commands in, exactly as an editor does.

Used through the `project` fixture (conftest.py next to this file).

`project` is a folder with this project's code (plugins, theme, workflow,
node_modules linked; pelicanconf.py, publishconf.py, tasks.py copied) and a
content/ and data/ of its own, so `invoke check`, `new`, `publish` can
run there with their real paths and touch nothing in this work tree.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from helpers import NOW, PELICAN, ROOT

INVOKE = PELICAN.with_name("invoke")
LINKED = ("plugins", "theme", "workflow", "node_modules", "admin", "package.json")
COPIED = ("pelicanconf.py", "publishconf.py", "tasks.py", "babel.cfg")
GIT_IDENTITY = {"GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "press@example.org",
                "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "press@example.org"}


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def text(self) -> str:
        return self.stdout + self.stderr

    def json(self) -> dict:
        return json.loads(self.stdout)


class Project:
    """A fixture site (`site`, see FixtureSite) that is also a whole project:
    `run("check")` runs `invoke check` in it."""

    def __init__(self, site) -> None:
        self.site = site
        self.root: Path = site.root
        self.content: Path = site.content
        self.data: Path = site.data
        root = self.root
        for name in LINKED:
            (root / name).symlink_to(ROOT / name)
        for name in COPIED:
            shutil.copy2(ROOT / name, root / name)

    def copy_sample_content(self) -> None:
        """This work tree's content/ and data/ (the sample site) instead of the fixture's."""
        shutil.rmtree(self.content)
        shutil.rmtree(self.data)
        shutil.copytree(ROOT / "content", self.content)
        shutil.copytree(ROOT / "data", self.data)

    def run(self, *args: str, now: str | None = NOW, stdin: str | None = None,
            env: dict[str, str | None] | None = None) -> Run:
        """`invoke <args>` here; `env` adds variables to this process's environment (None: removes one)."""
        env = {k: v for k, v in os.environ.items() if k != "PORTAL_NOW"} | GIT_IDENTITY | (env or {})
        env = {k: v for k, v in env.items() if v is not None}
        if now is not None:
            env["PORTAL_NOW"] = now
        done = subprocess.run([str(INVOKE), *args], cwd=self.root, capture_output=True, text=True, env=env,
                              input=stdin if stdin is not None else "", timeout=300)
        return Run(done.returncode, done.stdout, done.stderr)

    def with_remote(self, bare: Path, message: str = "Stories") -> Path:
        """Make this project a git repository on `main` whose `origin` is a new bare repository at `bare`,
        with content/ and data/ committed and pushed; returns `bare`."""
        self.git("init", "--bare", "--quiet", str(bare), cwd=bare.parent)
        self.git("init", "--quiet", "-b", "main")
        self.git("remote", "add", "origin", str(bare))
        self.git("add", "content", "data")
        self.git("commit", "--quiet", "-m", message)
        self.git("push", "--quiet", "origin", "main")
        return bare

    def git(self, *args: str, cwd: Path | None = None) -> str:
        return subprocess.run(["git", *args], cwd=cwd or self.root, capture_output=True, text=True,
                              env=os.environ | GIT_IDENTITY, check=True).stdout.strip()


@contextmanager
def live_command(project: Project, command: str, address: str, env: dict[str, str]) -> Iterator[str]:
    """`invoke <command> --port 0` (serve, preview, edit) running on `project`, and the address
    (matching the pattern `address`) that its announcement line gives; stopped with its children."""
    environ = {k: v for k, v in os.environ.items() if k != "PORTAL_NOW"} | GIT_IDENTITY | {"PORTAL_NOW": NOW} | env
    server = subprocess.Popen([str(INVOKE), command, "--port", "0"], cwd=project.root, env=environ, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
    assert server.stdout is not None
    try:
        found = None
        while found is None:
            line = server.stdout.readline()
            assert line or server.poll() is None, f"invoke {command} stopped before serving"
            found = re.search(address, line)
        yield found.group(0)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
