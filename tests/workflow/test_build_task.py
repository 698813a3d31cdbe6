"""`invoke build`: a summary at the end, and output/ changed only by a build that succeeded."""

from __future__ import annotations

import os
import re
import subprocess
import time

import fixture_site as fx
from helpers import NOW, PELICAN, url_to_file


def files(output) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


def test_the_build_ends_with_a_summary(project):
    fx.populate(project.site)
    run = project.run("build")
    assert run.returncode == 0, run.text
    built = files(project.root / "output")
    pages = len([name for name in built if name.endswith(".html")])
    originals = re.compile(r"media/.*/[^/.]+\.jpg$")  # renditions are <photo>-<width>.<hash>.jpg
    photos = len([name for name in built if originals.match(name)])
    summary = re.search(r"Built (\d+) pages, (\d+) feeds and (\d+) photos in [\d.]+ s", run.stderr)
    assert summary, run.text
    assert int(summary[1]) == pages and int(summary[3]) == photos == 2  # lanes.jpg and the video poster


def test_a_build_that_stops_leaves_the_previous_site_exactly_as_it_was(project):
    fx.populate(project.site)
    assert project.run("build").returncode == 0
    before = files(project.root / "output")
    project.site.story("news/2026/11-26-typo", "ru", "Текст.", title="Опечатка", date="26.11.2026")
    run = project.run("build")
    assert run.returncode == 1
    assert 'content/news/2026/11-26-typo/index.ru.md:3: "date" is not a date' in run.stderr
    assert files(project.root / "output") == before
    assert not (project.root / ".output-staging").exists()


def test_the_pelican_command_renders_nothing_again_after_make_build(project):
    """`pelican` and `make build` read the same settings (the command adds DEBUG, which no page
    shows), so one after the other renders nothing again and keeps every file."""
    fx.populate(project.site)
    assert project.run("build").returncode == 0
    before = {p: p.stat().st_ino for p in (project.root / "output").rglob("*") if p.is_file()}
    done = subprocess.run([str(PELICAN), "content", "-s", "pelicanconf.py", "-o", "output", "--verbose"],
                          cwd=project.root, capture_output=True, text=True, env={**os.environ, "PORTAL_NOW": NOW},
                          timeout=300)
    assert done.returncode == 0, done.stderr
    log = " ".join((done.stdout + done.stderr).split())  # the console wraps long lines
    assert "Pages: 0 rendered" in log and "Feed files rendered: 0 of" in log, log
    assert {p: p.stat().st_ino for p in (project.root / "output").rglob("*") if p.is_file()} == before


def test_a_build_with_nothing_changed_builds_nothing_until_a_story_is_saved(project):
    """`make build` first compares what it would read with what the last build read (workflow.manifest)."""
    fx.populate(project.site)
    for path in [*project.content.rglob("*"), *project.data.rglob("*")]:  # a file saved just now is read again
        os.utime(path, (time.time() - 60, time.time() - 60))
    assert project.run("build").returncode == 0
    again = project.run("build")
    assert again.returncode == 0 and "Nothing changed since the last build" in again.stderr, again.text
    story = project.content / fx.SNOW.id / "index.ru.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nУлицы убирают круглосуточно.\n", encoding="utf-8")
    edited = project.run("build")
    assert edited.returncode == 0 and "Built " in edited.stderr, edited.text
    page = project.root / "output" / url_to_file(fx.SNOW.urls["ru"])
    assert "Улицы убирают круглосуточно." in page.read_text(encoding="utf-8")
