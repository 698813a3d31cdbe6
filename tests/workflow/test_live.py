"""The live preview (`invoke preview`, as `serve` and `edit`): a build process that stays, told which
files were saved, shows the saved story's own page first and never leaves a page stale.

One project copy and one preview server for the module; the steps share them in order. A browser is
played by asking what live.js asks: the page (with the number of the last event before it was read),
then `/_live/wait` for a newer event that concerns it.
"""

from __future__ import annotations

import json
import os
import re
import time
import urllib.request

import pytest

import fixture_site as fx
from project import live_command


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode("utf-8")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    from project import Project
    from sites import FixtureSite

    project = Project(FixtureSite(tmp_path_factory.mktemp("live")))
    fx.populate(project.site)
    for path in project.content.rglob("*"):  # saved a minute ago: a folder saved just now is read again
        os.utime(path, (time.time() - 60, time.time() - 60))
    with live_command(project, "preview", r"http://[\d.:]+", {}) as base:
        yield project, base


def served(base: str, path: str) -> tuple[str, int]:
    """A page as the browser gets it, and the number of the last event before it was read."""
    page = get(base + path)
    return page, int(re.search(r'data-since="(\d+)"', page).group(1))


def waited(base: str, path: str, since: int, timeout: float = 120) -> int:
    """What live.js waits for: the number of a newer event that concerns the page."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answer = json.loads(get(f"{base}/_live/wait?since={since}&page={path}"))
        if answer["reload"]:
            return answer["since"]
    raise AssertionError(f"nothing newer than {since} for {path}")


def save(project, story: fx.Story, lang: str, sentence: str) -> None:
    path = project.content / story.id / f"index.{lang}.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")


def test_a_saved_story_is_shown_first_and_only_what_changed_is_read_again(preview):
    project, base = preview
    page = fx.SNOW.urls["ru"]
    _, since = served(base, page)
    save(project, fx.SNOW, "ru", "Техника вышла на улицы ночью.")
    own = waited(base, page, since)
    assert "Техника вышла на улицы ночью." in get(base + page)  # its own page is in the site now
    done = waited(base, "/ru/press-releases/", since)  # a list that shows it: once the build is done
    assert done >= own
    state = json.loads(get(base + "/_live/state"))
    assert not state["failed"] and state["read"] == [fx.SNOW.id], state


def test_a_second_save_made_during_a_build_is_not_missed(preview):
    """A page read between two builds must reload after the second: it carries the number of the last
    event before it was read, so a build that ends before live.js first asks is not mistaken for it.
    (A save can start two builds, its writing and its closing: the browser follows every event.)"""
    project, base = preview
    page = fx.BUS_LANES.urls["ky"]
    _, since = served(base, page)
    save(project, fx.BUS_LANES, "ky", "Биринчи түзөтүү.")
    waited(base, page, since)
    shown, since = served(base, page)  # the browser reloads
    generation = json.loads(get(base + "/_live/state"))["generation"]
    save(project, fx.BUS_LANES, "ky", "Экинчи түзөтүү.")
    while json.loads(get(base + "/_live/state"))["generation"] <= generation:  # built before live.js asks
        time.sleep(0.1)
    while "Экинчи түзөтүү." not in shown:
        waited(base, page, since)  # fails if nothing newer than the page it shows ever comes
        shown, since = served(base, page)
