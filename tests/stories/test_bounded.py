"""An editor's file costs the build a bounded amount of work, whatever is written in it.

YAML anchors and aliases let a kilobyte of front matter stand for billions
of values (and no editor needs them); a story file of many megabytes, or
one shaped to make Markdown's parser backtrack (120 kB of "[a](b " took
Python-Markdown over a minute) costs minutes. Each is a problem that says
what to do, reported within seconds.
"""

from __future__ import annotations

import pytest

import fixture_site as fx
from sites import FixtureSite

LAUGHS = "\n".join([
    "title: Полосы",
    "date: 2026-11-20 10:00",
    'a: &a ["ха", "ха", "ха", "ха", "ха", "ха", "ха", "ха", "ха"]',
    *(f"{chr(ord('a') + n)}: &{chr(ord('a') + n)} [" + ", ".join([f"*{chr(ord('a') + n - 1)}"] * 9) + "]"
      for n in range(1, 10)),
    "summary: *j",
])


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> str:
    site = FixtureSite(tmp_path_factory.mktemp("bounded"))
    fx.populate(site)
    site.raw("news/2026/11-20-laughs/index.ru.md", f"---\n{LAUGHS}\n---\nТекст.\n")
    site.raw("news/2026/11-21-alias/index.ru.md",
             "---\ntitle: &t Полосы\ndate: 2026-11-21 10:00\nsummary: *t\n---\nТекст.\n")
    photos = site.content / fx.BUS_LANES.id / "photos.yml"
    photos.write_text(photos.read_text(encoding="utf-8").replace("lanes.jpg:", "lanes.jpg: &photo", 1),
                      encoding="utf-8")
    site.raw("news/2026/11-22-long/index.ru.md", "---\ntitle: Длинный\ndate: 2026-11-22 10:00\n---\n"
             + "Сегодня открылись выделенные полосы. " * 60_000)
    site.raw("news/2026/11-23-links/index.ru.md",
             "---\ntitle: Ссылки\ndate: 2026-11-23 10:00\n---\n" + "[a](b " * 20_000)
    site.raw("news/2026/11-25-deep/index.ru.md", "---\ntitle: Вложенные списки\ndate: 2026-11-25 10:00\n"
             f"topics: {'[' * 40}{']' * 40}\n---\nТекст.\n")
    site.raw("news/2026/11-24-front/index.ru.md", "---\ntitle: Длинная шапка\ndate: 2026-11-24 10:00\nsummary: "
             + "очень " * 20_000 + "\n---\nТекст.\n")
    result = site.build()
    assert result.returncode == 1 and "Traceback" not in result.text, result.text
    return result.text


@pytest.mark.parametrize("where", ["news/2026/11-20-laughs/index.ru.md:4", "news/2026/11-21-alias/index.ru.md:2",
                                   f"{fx.BUS_LANES.id}/photos.yml:1"])
def test_yaml_anchors_and_aliases_are_a_problem_with_their_line(report, where):
    found = [entry for entry in report.split("\n\n") if f"{where}:" in entry]
    assert found and "anchor" in found[0], report


@pytest.mark.parametrize("story, what", [
    ("news/2026/11-22-long/index.ru.md", "the text is too long"),
    ("news/2026/11-23-links/index.ru.md", "the text takes too long to read"),
    ("news/2026/11-24-front/index.ru.md", "the front matter is too long"),
    ("news/2026/11-25-deep/index.ru.md:4", "nested more than 32 deep"),
])
def test_sizes_beyond_sane_limits_are_a_problem(report, story, what):
    found = [entry for entry in report.split("\n\n") if f"{story}:" in entry]
    assert found and what in found[0], report
