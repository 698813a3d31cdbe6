"""Builds started together on one clone: each finishes correctly, or waits for the other and says so.

`make check`, `make build`, the rebuild a `make preview` or `make edit`
server runs on every change (`invoke build --preview`) and the bare
`pelican` command, started at the same moment on the same project (one
cache folder, one data/permalinks.yml), twice, with an edit in between. Every
site folder must then be exactly what a build of its own makes, and the
cache must hold no half-written or stray file. Before the build lock, most
such rounds failed with a traceback from the search cache or the content
cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import fixture_site as fx
from helpers import NOW, PELICAN
from project import GIT_IDENTITY, INVOKE
from sites import FixtureSite

WAITING = "Waiting for another build of this site"


def tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def start(command: list[str], cwd) -> subprocess.Popen:
    env = {**os.environ, **GIT_IDENTITY, "PORTAL_NOW": NOW}
    return subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def reference(content, data, tmp_path, name: str) -> dict[str, dict[str, bytes]]:
    """The public and the preview site of this content, each built alone in a project of its own."""
    alone = FixtureSite(tmp_path / name, write_registries=False)
    shutil.copytree(content, alone.content, dirs_exist_ok=True)
    shutil.copytree(data, alone.data, dirs_exist_ok=True)
    sites = {}
    for folder, preview in (("output", False), (".preview", True)):
        built = alone.build(output=alone.root / folder, PORTAL_PREVIEW=preview)
        assert built.returncode == 0, built.text
        sites[folder] = tree(built.output)
    return sites


def edit(project) -> None:
    path = project.content / fx.BUS_LANES.id / "index.ru.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nРаботы завершены досрочно.\n", encoding="utf-8")


def test_builds_started_together_all_finish_and_leave_what_each_makes_alone(project, tmp_path):
    fx.populate(project.site)
    preview = [str(INVOKE), "build", "--preview"]  # what the servers of `make preview` and `make edit` run on a change
    bare = [str(PELICAN), "content", "-s", "pelicanconf.py"]
    rounds = [[[str(INVOKE), "check"], [str(INVOKE), "build"], preview],
              [[str(INVOKE), "build"], preview, [str(INVOKE), "build"], bare]]
    said = ""
    for number, commands in enumerate(rounds):
        if number:
            edit(project)
        expected = reference(project.content, project.data, tmp_path, f"alone{number}")
        runs = [start(command, project.root) for command in commands]
        outputs = [run.communicate(timeout=600)[0] for run in runs]
        for command, run, output in zip(commands, runs, outputs, strict=True):
            assert run.returncode == 0, f"{command}:\n{output}"
            assert "Traceback" not in output and "Error" not in output, output
        said += "".join(outputs)
        assert tree(project.root / "output") == expected["output"]
        assert tree(project.root / ".preview") == expected[".preview"]
        if number == 0:
            assert tree(project.root / ".check") == expected["output"]
        half_written = [p for p in (project.root / "cache").rglob("*") if p.name.startswith(".tmp-")]
        assert not half_written and not (project.root / "cache" / "pagefind" / "staging").exists()
        assert not list(project.root.glob(".*-staging"))
    assert WAITING in said, "builds that overlap wait for each other, and say so"


def test_two_publishes_and_a_build_started_together(project, tmp_path):
    """An editor's `make publish`, the scheduled one and `make build` at the same moment: one publish
    pushes, the other waits for it and finds nothing new, the build is whole, and the addresses are
    committed once while no build is reading or writing them."""
    fx.populate(project.site)
    bare = project.with_remote(tmp_path / "remote.git")
    commands = [[str(INVOKE), "publish"], [str(INVOKE), "publish"], [str(INVOKE), "build"]]
    runs = [start(command, project.root) for command in commands]
    outputs = [run.communicate(timeout=600)[0] for run in runs]
    for command, run, output in zip(commands, runs, outputs, strict=True):
        assert run.returncode == 0, f"{command}:\n{output}"
        assert "Traceback" not in output and "Error" not in output, output
    said = "".join(outputs[:2])
    assert said.count("Published to gh-pages") == 1 and said.count("Nothing new to publish") == 1, said
    assert WAITING in said
    published = set(project.git("ls-tree", "-r", "--name-only", "gh-pages", cwd=bare).splitlines())
    assert published == set(tree(project.root / ".publish")) | {".nojekyll", "CNAME"}
    lock = project.data / "permalinks.yml"
    assert project.git("show", "main:data/permalinks.yml", cwd=bare) == lock.read_text(encoding="utf-8").strip()
    assert project.git("status", "--porcelain", "--", "data") == ""
    assert (project.root / "output" / "index.html").is_file() and not list(project.root.glob(".*-staging"))
