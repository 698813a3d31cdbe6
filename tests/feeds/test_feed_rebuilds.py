"""A rebuild renders only the feed files whose inputs changed.

Each test builds its own copy of the feeds fixture site, then rebuilds it
in place (plugins/portal/site_output). A feed file that is still the same file (inode)
as before the rebuild was kept, not written; a file whose recorded
digest (in the site folder's state) is unchanged was not rendered.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import feeds_fixture
import fixture_site as fx
from feedfiles import FILES
from helpers import ROOT
from portal.core import sealed
from portal.core.state import BuildState
from portal.feeds.fingerprints import FEED_CACHE
from portal.feeds.generator import ITEMS
from sites import BuildResult, FixtureSite, assert_built

SENTENCE = "Работы завершены досрочно."
ANNOUNCEMENTS_OF_THE_FIXTURE = [fx.BRIEFING, fx.BUDGET_BRIEFING, fx.CANCELLED, feeds_fixture.POSTPONED]


@pytest.fixture
def fixture(tmp_path) -> FixtureSite:
    site = FixtureSite(tmp_path / "site")
    feeds_fixture.populate(site)
    return site


def build(site: FixtureSite, output: Path, **settings):
    result = site.build(output=output, PORTAL_FEED_MAX_ITEMS=feeds_fixture.MAX_ITEMS, **settings)
    assert_built(result)
    return result


def feed_files(output: Path) -> dict[str, int]:
    """Every feed file of a site (the OPML files too) → its inode."""
    return {p.relative_to(output).as_posix(): p.stat().st_ino for p in output.rglob("*") if p.name in FILES}


def rebuild(site: FixtureSite, output: Path, **settings) -> tuple[BuildResult, set[str]]:
    """Build again into `output`: the result, and the feed files that are not the same file as before."""
    old = feed_files(output)
    result = build(site, output, **settings)
    return result, {name for name, inode in feed_files(output).items() if old.get(name) != inode}


def fingerprints(site: FixtureSite, output: Path) -> dict[str, bytes]:
    """Each feed file's digest, as the last build of `output` recorded it (portal.core.state)."""
    return BuildState(site.cache, output).load(FEED_CACHE)[1]  # (salt, digests)


def carrying(output: Path, story: fx.Story, lang: str) -> set[str]:
    """The feed files whose items include `story` in `lang` (by its item id)."""
    item_id = re.compile(rf"tag:[^<\"]+:{re.escape(story.id)}/{lang}[<\"]")
    return {name for name in feed_files(output) if item_id.search((output / name).read_text(encoding="utf-8"))}


def edit_body(site: FixtureSite, story: fx.Story, lang: str, sentence: str) -> None:
    path = site.content / story.id / f"index.{lang}.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")


def test_nothing_changed_renders_no_feed_and_writes_none(fixture, tmp_path):
    first = build(fixture, tmp_path / "output")
    before = fingerprints(fixture, first.output)
    second, written = rebuild(fixture, first.output)
    assert feed_files(first.output) and not written
    assert fingerprints(fixture, first.output) == before
    assert set(before) == {name for name in feed_files(second.output) if not name.endswith(".opml")}


def test_editing_a_story_renders_only_the_feeds_that_carry_it(fixture, tmp_path):
    first = build(fixture, tmp_path / "output")
    before = fingerprints(fixture, first.output)
    expected = carrying(first.output, fx.BUS_LANES, "ru")
    assert {name.split("/")[0] for name in expected} == {"ru"} and len(expected) > 6  # all, section, topic, …
    edit_body(fixture, fx.BUS_LANES, "ru", SENTENCE)
    second, written = rebuild(fixture, first.output)
    after = fingerprints(fixture, first.output)
    assert written == expected
    assert {name for name in after if after[name] != before[name]} == expected  # the Kyrgyz ones too stay
    assert all(SENTENCE in (second.output / name).read_text(encoding="utf-8") for name in expected)


def test_a_new_story_renders_the_feeds_it_enters_and_matches_a_clean_build(fixture, tmp_path):
    first = build(fixture, tmp_path / "output")
    story = fx._story("news/2026/11-26-night-buses", {"ru": "Ночные автобусы выйдут на линии"}, "night-buses")
    fixture.story(story.id, "ru", "Ночные маршруты начнут работу в декабре.", title=story.titles["ru"],
                  date="2026-11-26 11:00", topics=["transport"])
    rebuilt, written = rebuild(fixture, first.output)
    entered = carrying(rebuilt.output, story, "ru")
    assert {"ru/rss.xml", "ru/news/atom.xml", "ru/topics/transport/feed.json"} <= entered
    assert entered <= written
    assert not [name for name in written if name.startswith("ky/")]
    shutil.rmtree(fixture.cache)
    clean = build(fixture, tmp_path / "clean")
    assert feed_files(rebuilt.output).keys() == feed_files(clean.output).keys()
    assert [name for name in feed_files(clean.output)
            if (clean.output / name).read_bytes() != (rebuilt.output / name).read_bytes()] == []


def test_a_changed_template_or_setting_renders_every_feed_again(fixture, tmp_path):
    first = build(fixture, tmp_path / "output")
    before = fingerprints(fixture, first.output)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    item = theme / "templates" / "feeds" / "item.html"
    item.write_text(item.read_text(encoding="utf-8") + "\n<p>Подписка бесплатна.</p>\n", encoding="utf-8")
    second, written = rebuild(fixture, first.output, theme=theme)
    themed = fingerprints(fixture, first.output)
    assert len(before) > 20 and all(themed[name] != before[name] for name in before)
    with_items = {name for name in feed_files(second.output) if "Подписка бесплатна." in
                  (second.output / name).read_text(encoding="utf-8")}
    assert len(with_items) > 20 and with_items <= written

    hub = "https://websub.example.org/"
    third, written = rebuild(fixture, first.output, theme=theme, PORTAL_WEBSUB_HUB=hub)
    assert all(fingerprints(fixture, first.output)[name] != themed[name] for name in themed)
    xml_and_json = {name for name in feed_files(third.output) if name.endswith((".xml", ".json"))}
    assert len(xml_and_json) > 20 and all(hub in (third.output / name).read_text(encoding="utf-8")
                                           for name in xml_and_json)
    assert xml_and_json <= written


def test_a_build_that_stopped_leaves_no_trusted_fingerprint(fixture, tmp_path, monkeypatch):
    """A build that stopped after the feeds were rendered (here Pagefind fails) recorded fingerprints
    for files that never reached the site: the next build must render those feeds, not keep stale ones."""
    first = build(fixture, tmp_path / "output")
    expected = carrying(first.output, fx.BUS_LANES, "ru")
    assert len(expected) > 6
    edit_body(fixture, fx.BUS_LANES, "ru", SENTENCE)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    stopped = fixture.build(output=first.output, PORTAL_FEED_MAX_ITEMS=feeds_fixture.MAX_ITEMS)
    assert stopped.returncode != 0 and "Pagefind stopped" in stopped.text
    assert not any(SENTENCE in (first.output / name).read_text(encoding="utf-8") for name in expected)
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    third, written = rebuild(fixture, first.output)
    assert written == expected
    assert all(SENTENCE in (third.output / name).read_text(encoding="utf-8") for name in expected)


def events(calendar: bytes) -> dict[bytes, bytes]:
    """A calendar's VEVENTs by their UID line, as written."""
    blocks = re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", calendar, re.S)
    return {re.search(rb"^UID:[^\r]*", block, re.M).group(): block for block in blocks}  # type: ignore[union-attr]


def test_an_edited_announcement_changes_its_own_event_and_the_calendar_is_a_clean_builds(fixture, tmp_path):
    """Each event is kept, made once, beside its story's feed item (portal.feeds.calendar): after
    an edit the calendar is its other events as they were and the edited one made again, the
    bytes a clean build writes."""
    calendar = "ru/announcements/calendar.ics"
    first = build(fixture, tmp_path / "output")
    store = BuildState(fixture.cache, first.output).folder / ITEMS
    kept = [key for head in store.glob("*.head") for key in sealed.load(head) if key.endswith("/event")]
    assert sorted(kept) == sorted(f"{story.id}/{lang}/event" for story in ANNOUNCEMENTS_OF_THE_FIXTURE
                                  for lang in ("ky", "ru"))
    before = events((first.output / calendar).read_bytes())
    story = fixture.content / fx.BRIEFING.id / "index.ru.md"
    story.write_text(story.read_text(encoding="utf-8").replace("Малый зал", "Большой зал"), encoding="utf-8")
    rebuilt, written = rebuild(fixture, first.output)
    assert calendar in written and "ky/announcements/calendar.ics" not in written
    after = events((rebuilt.output / calendar).read_bytes())
    changed = {uid for uid in before if after.get(uid) != before[uid]}
    assert changed == {f"UID:{fx.BRIEFING.id}/ru@meria.kg".encode()}
    assert "Большой зал".encode() in after[changed.pop()].replace(b"\r\n ", b"")
    shutil.rmtree(fixture.cache)
    clean = build(fixture, tmp_path / "clean")
    assert (clean.output / calendar).read_bytes() == (rebuilt.output / calendar).read_bytes()
