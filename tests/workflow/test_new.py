"""`invoke new`: a story folder that builds as it is, as a draft, for every section."""

from __future__ import annotations

import shutil

import pytest

import fixture_site as fx
from helpers import ROOT
from portal.stories.frontmatter import parse

NOW = "2026-11-26 14:05"
RECORDINGS = {".mp4": ROOT / "content/video/2026/11-21-bus-lanes-timelapse/bus-lanes.mp4",
              ".mp3": ROOT / "content/audio/2026/09-30-greening-month-radio/greening-month.mp3"}
SECTIONS_WITH_FILE = {"decisions": "signed.pdf", "video": "film.mp4", "audio": "spot.mp3"}


def make_file(project, name: str):
    path = project.root / "incoming" / name
    path.parent.mkdir(exist_ok=True)
    if name.endswith(".pdf"):
        project.site.pdf("../incoming", name)
    else:  # the build measures recordings and checks the codec: use the sample site's real ones
        shutil.copy2(RECORDINGS[path.suffix], path)
    return path


@pytest.mark.parametrize("section", list(fx.SECTIONS))
def test_a_new_story_has_its_keys_and_builds_as_a_draft(project, section):
    fx.populate(project.site)
    args = ["new", "--section", section, "--name", "city-day", "--langs", "ky,ru"]
    if section in SECTIONS_WITH_FILE:
        args += ["--file", str(make_file(project, SECTIONS_WITH_FILE[section]))]
    run = project.run(*args, now=NOW)
    assert run.returncode == 0, run.text
    folder = project.content / section / "2026" / "11-26-city-day"
    for lang in ("ky", "ru"):
        text = (folder / f"index.{lang}.md").read_text(encoding="utf-8")
        meta = parse(text).meta
        assert meta["date"] == NOW and meta["status"] == "draft"
        assert {"title", "summary", "officials", "units", "topics", "image"} <= set(meta)
        assert "#" in text.split("\n", 3)[1], "the file explains itself in comments"
    if section in SECTIONS_WITH_FILE:
        assert (folder / SECTIONS_WITH_FILE[section]).is_file()

    public = project.site.build(now=NOW)
    assert public.returncode == 0, public.text
    assert not [p for p in public.output.rglob("*") if "city-day" in p.as_posix()]
    preview = project.site.build(output=project.root / "preview", now=NOW, PORTAL_PREVIEW=True)
    assert preview.returncode == 0, preview.text
    assert len(list((preview.output / "ky" / section / "2026").glob("*/index.html"))) >= 1


def test_without_its_file_a_decision_says_which_file_to_add(project):
    run = project.run("new", "--section", "decisions", "--name", "tariffs", "--langs", "ru", now=NOW)
    assert run.returncode == 0, run.text
    result = project.site.build(now=NOW)
    assert result.returncode == 1
    assert ('content/decisions/2026/11-26-tariffs/index.ru.md:' in result.text
            and '"document" names a file that is not in the story folder: "decision.pdf"' in result.text)


def test_new_asks_for_what_the_flags_do_not_say_in_the_editors_language(project):
    """A Russian locale and no PORTAL_UI_LANG: the questions and the outcome are in Russian."""
    run = project.run("new", stdin="news\nbus-stops\nru\n", now=NOW,
                      env={"PORTAL_UI_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "ru_RU.UTF-8"})
    assert run.returncode == 0, run.text
    assert (project.content / "news" / "2026" / "11-26-bus-stops" / "index.ru.md").is_file()
    assert not (project.content / "news" / "2026" / "11-26-bus-stops" / "index.ky.md").exists()
    assert "Раздел (news, " in run.stdout and "Короткое имя папки" in run.stdout
    assert "Создано: content/news/2026/11-26-bus-stops/index.ru.md" in run.stdout and "Это черновик" in run.stdout


def test_a_wrong_request_creates_nothing_and_says_why(project):
    run = project.run("new", "--section", "newz", "--name", "Bus Stops", now=NOW, env={"PORTAL_UI_LANG": "ky"})
    assert run.returncode != 0
    assert "Эч нерсе түзүлгөн жок:" in run.stderr
    assert "белгисиз бөлүм «newz»" in run.stderr and "«Bus Stops» кыска аты латындын" in run.stderr
    assert not list(project.content.rglob("*.md"))


def test_a_clock_that_is_not_a_date_creates_nothing_and_says_what_to_write(project):
    """The words of the build, which reads PORTAL_NOW with the same parser (tests/test_settings.py)."""
    run = project.run("new", "--section", "news", "--name", "bus-stops", "--langs", "ru", now="tomorrow")
    assert run.returncode != 0
    assert 'The setting PORTAL_NOW is not a date: "tomorrow". Write, for example: PORTAL_NOW = "2026-11-26 10:30"' \
        in run.stderr
    assert "Traceback" not in run.stderr
    assert not list(project.content.rglob("*.md"))


def test_new_takes_every_clock_the_build_takes(project):
    """An hour of one digit: the build always read it; `make new` refused it."""
    run = project.run("new", "--section", "news", "--name", "bus-stops", "--langs", "ru", now="2026-11-26 9:05")
    assert run.returncode == 0, run.text
    (story,) = project.content.rglob("index.ru.md")
    assert story.parent.name == "11-26-bus-stops"
    assert parse(story.read_text(encoding="utf-8")).meta["date"] == "2026-11-26 09:05"
