"""data/outlets.yml: the project's list reads cleanly, and a mistake in it is a problem with its line."""

from __future__ import annotations

from helpers import ROOT
from monitoring.outlets import load_outlets
from portal.core.problems import Problems

MISTAKES = """good-outlet:
  name: "Kaktus Media"
  languages: [ru]
  home: https://kaktus.media/
  feeds: [https://kaktus.media/?rss]
Bad Id:
  name: "Bad"
  languages: [ru]
  home: https://example.kg/
  feeds: [https://example.kg/rss]
no-feeds:
  name: {ky: "Жок", ru: "Нет"}
  languages: [ky]
  home: https://example.kg/
wrong-feed:
  name: "Wrong"
  languages: [ru]
  home: https://example.kg/
  feeds:
    - example.kg/rss
    - {url: "https://example.kg/ky.xml", language: ky}
second-own:
  own: true
  name: "One"
  languages: [ru]
  home: https://example.kg/
  feeds: [https://example.kg/1.xml]
third-own:
  own: true
  name: "Two"
  languages: [kz]
  home: https://example.kg/
  feeds: [https://example.kg/2.xml]
"""


def test_the_projects_outlets_read_without_a_problem():
    problems = Problems(ROOT)
    outlets = load_outlets(ROOT / "data" / "outlets.yml", problems)
    assert not problems, problems.items
    assert [o.id for o in outlets if o.own] == ["city-hall"]
    press = [o for o in outlets if not o.own]
    assert sum("ky" in o.languages for o in press) >= 4 and sum("ru" in o.languages for o in press) >= 4
    for outlet in outlets:
        assert outlet.home.startswith("https://") and outlet.feeds
        assert all(feed.url.startswith("https://") for feed in outlet.feeds)
        assert all(feed.language in outlet.languages for feed in outlet.feeds if len(outlet.languages) == 1)


def test_each_mistake_is_a_problem_with_its_line_in_the_departments_language(tmp_path):
    path = tmp_path / "outlets.yml"
    path.write_text(MISTAKES, encoding="utf-8")
    problems = Problems(tmp_path)
    outlets = load_outlets(path, problems)
    assert [o.id for o in outlets] == ["good-outlet", "second-own"]
    reported = {(p.line, p.message.text("ru")) for p in problems.items}
    assert reported == {
        (6, '"Bad Id" не может быть id издания'),
        (11, 'у "no-feeds" нет адреса ленты'),
        (15, '"wrong-feed": "example.kg/rss" — не адрес ленты'),
        (15, '"wrong-feed": лента https://example.kg/ky.xml на языке "ky", которого нет среди языков издания'),
        (28, '"third-own": языки должны быть ky, ru или оба'),
    }
    assert all(p.hint for p in problems.items)


def test_two_own_outlets_are_one_problem_too(tmp_path):
    path = tmp_path / "outlets.yml"
    path.write_text(MISTAKES.replace("languages: [kz]", "languages: [ru]"), encoding="utf-8")
    problems = Problems(tmp_path)
    load_outlets(path, problems)
    assert [(p.line, p.message.text("ky")) for p in problems.items if p.hint and "own" in p.hint.text("ky")] == [
        (28, '"third-own": мэриянын өз сайты бир гана болот')]
