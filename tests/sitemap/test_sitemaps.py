"""sitemap.xml (an index of part files), news-sitemap.xml and robots.txt of the shared fixture site
(two stories a page); then a small site whose sitemap is cut into parts of three pages, edited,
a story removed and its state damaged."""

from __future__ import annotations

import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree

import fixture_site as fx
from helpers import LANGS, alternates
from portal.core.state import state_folder
from portal.sitemap.parts import cut, part_names
from sites import FixtureSite, assert_built

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
NS = {"s": SITEMAP, "xhtml": XHTML, "news": "http://www.google.com/schemas/sitemap-news/0.9"}
W3C_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?[+-]\d\d:\d\d$")
BUILD_CLOCK = datetime.fromisoformat("2026-11-26T12:00:00+06:00")
PROTOCOL_URLS = 50_000  # the protocol's limit of URLs per file (and 50 MiB)
PART = re.compile(r"^sitemap-(?P<group>(?:ky|ru)-(?:\d{4}|lists|older|oldest)|site)(?:-(?P<number>\d+))?\.xml$")


def _parse(path: Path, tag: str):
    root = etree.fromstring(path.read_bytes())
    assert root.tag == f"{{{SITEMAP}}}{tag}", path.name
    return root


def _check_lastmod(element, where: str) -> None:
    value = element.findtext("s:lastmod", namespaces=NS)
    assert value is None or W3C_DATETIME.match(value), (where, value)


def index(result) -> dict[str, str | None]:
    """sitemap.xml's parts (their file names) with their lastmod, each checked against the protocol's structure."""
    root = _parse(result.file("/sitemap.xml"), "sitemapindex")
    found: dict[str, str | None] = {}
    for part in root:
        assert part.tag == f"{{{SITEMAP}}}sitemap"
        assert [child.tag for child in part][:1] == [f"{{{SITEMAP}}}loc"]
        assert {child.tag for child in part} <= {f"{{{SITEMAP}}}loc", f"{{{SITEMAP}}}lastmod"}
        loc = part.findtext("s:loc", namespaces=NS)
        _check_lastmod(part, loc)
        assert loc.startswith(result.siteurl + "/") and "/" not in loc.removeprefix(result.siteurl + "/"), \
            f"{loc}: a part must be at the site's root to list any page"
        name = loc.removeprefix(result.siteurl + "/")
        assert name not in found
        found[name] = part.findtext("s:lastmod", namespaces=NS)
    assert 0 < len(found) <= PROTOCOL_URLS
    return found


def part_urls(result, name: str, limit: int = PROTOCOL_URLS) -> list:
    """A part's `<url>`s, each checked against the protocol's structure (and hreflang links)."""
    root = _parse(result.output / name, "urlset")
    found = root.findall("s:url", NS)
    assert 0 < len(found) <= limit and len(root) == len(found), name
    for url in found:
        tags = [child.tag for child in url]
        assert tags[0] == f"{{{SITEMAP}}}loc" and tags.count(f"{{{SITEMAP}}}loc") == 1
        assert set(tags[1:]) <= {f"{{{SITEMAP}}}lastmod", f"{{{XHTML}}}link"}
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc.startswith(result.siteurl + "/") and len(loc) < 2048
        _check_lastmod(url, loc)
        assert all(link.get("rel") == "alternate" and link.get("hreflang") and link.get("href")
                   for link in url.findall("xhtml:link", NS))
    assert (result.output / name).stat().st_size <= 52_428_800
    return found


def urls(result, limit: int = PROTOCOL_URLS) -> list:
    """Every `<url>` of the sitemap: of each part the index lists."""
    return [url for name in index(result) for url in part_urls(result, name, limit)]


def locs(result, limit: int = PROTOCOL_URLS) -> dict[str, list[str]]:
    """Each part's pages (their addresses)."""
    return {name: [url.findtext("s:loc", namespaces=NS) for url in part_urls(result, name, limit)]
            for name in index(result)}


def page_url(result, html_file) -> str:
    relative = html_file.relative_to(result.output).as_posix()
    return result.url("/" + relative.removesuffix("index.html"))


def pages(result) -> set[str]:
    return {page_url(result, p) for p in result.html_files if p.name != "404.html"}


def test_the_index_lists_the_parts_at_the_root_each_page_in_its_group(site):
    listed = index(site)
    assert set(listed) == {p.name for p in site.output.glob("sitemap-*.xml")}, "every part, and only those"
    assert {"sitemap-ky-2026.xml", "sitemap-ky-lists.xml", "sitemap-ky-older.xml", "sitemap-ru-2026.xml",
            "sitemap-ru-lists.xml", "sitemap-ru-older.xml", "sitemap-site.xml"} <= set(listed)
    for name, found in locs(site).items():
        group = PART.match(name)["group"]
        paths = [loc.removeprefix(site.siteurl) for loc in found]
        if group == "site":
            assert paths == ["/"], "the language chooser"
        elif group.endswith("-lists"):
            assert all(path.startswith(f"/{group[:2]}/") and "/page/" not in path for path in paths), name
        elif group.endswith(("-older", "-oldest")):  # the listings' pages 2 to 9, and 10 and on
            numbers = [int(re.fullmatch(rf"/{group[:2]}/.+/page/(\d+)/", path)[1]) for path in paths]
            assert all(2 <= n < 10 if group.endswith("-older") else n >= 10 for n in numbers), name
        else:  # a language's stories of one year: `{lang}/{section}/{year}/{slug}/`
            lang, year = group.split("-")
            assert all(re.fullmatch(rf"/{lang}/[^/]+/{year}/[^/]+/", path) for path in paths), name
    assert site.url(fx.BUS_LANES.urls["ky"]) in locs(site)["sitemap-ky-2026.xml"]


def test_each_parts_lastmod_is_the_newest_of_its_pages(site):
    for name, lastmod in index(site).items():
        dates = [u.findtext("s:lastmod", namespaces=NS) for u in part_urls(site, name)]
        newest = max((datetime.fromisoformat(d) for d in dates if d), default=None)
        assert (datetime.fromisoformat(lastmod) if lastmod else None) == newest, name


def test_every_page_is_listed_once(site):
    listed = [u.findtext("s:loc", namespaces=NS) for u in urls(site)]
    assert len(listed) == len(set(listed))
    assert set(listed) == pages(site)
    assert site.url("/ky/news/page/2/") in listed and site.url("/ru/feeds/") in listed


def test_alternates_are_the_pages_own_with_self_and_x_default(site):
    for url in urls(site):
        loc = url.findtext("s:loc", namespaces=NS)
        listed = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}
        page = site.html(loc.removeprefix(site.siteurl))
        assert listed == alternates(page), loc
        lang = loc.removeprefix(site.siteurl + "/").split("/")[0]
        assert listed.get(lang, loc) == loc, f"{loc} is not its own {lang} alternate"
        if {"ky", "ru"} <= set(listed):
            assert "x-default" in listed, f"{loc} has both languages but no x-default"
    homes = {u.findtext("s:loc", namespaces=NS): u for u in urls(site)}
    for home in (site.url("/"), site.url("/ky/"), site.url("/ru/")):
        assert homes[home].find("xhtml:link[@hreflang='x-default']", NS).get("href") == site.url("/")


def test_lastmod_is_the_newest_time_a_page_shows(site):
    lastmod = {u.findtext("s:loc", namespaces=NS): u.findtext("s:lastmod", namespaces=NS) for u in urls(site)}
    for lang in LANGS:
        corrected = "2026-11-26T11:45:00+06:00"  # the bus-lanes story's correction
        assert lastmod[site.url(fx.BUS_LANES.urls[lang])] == corrected
        assert lastmod[site.url(f"/{lang}/news/")] == corrected
        assert lastmod[site.url(f"/{lang}/")] == corrected
        assert lastmod[site.url(fx.CONCERT.urls[lang])] == "2026-11-25T18:00:00+06:00"
        assert lastmod[site.url(f"/{lang}/about/")] is None, "a page without stories has no date to give"
    for loc, value in lastmod.items():
        if value is not None:
            assert datetime.fromisoformat(value) <= BUILD_CLOCK, (loc, value)


def test_the_news_sitemap_lists_the_last_two_days(site):
    entries = {u.findtext("s:loc", namespaces=NS): u.find("news:news", NS)
               for u in _parse(site.file("/news-sitemap.xml"), "urlset").findall("s:url", NS)}
    expected = [(story, lang) for story in (fx.BUS_LANES, fx.CONCERT, fx.BUDGET_BRIEFING, fx.TREES)
                for lang in story.urls]
    assert set(entries) == {site.url(story.urls[lang]) for story, lang in expected}
    names = {lang: fx.both("Бишкек шаарынын мэриясы", "Мэрия города Бишкек")[lang] for lang in LANGS}
    for story, lang in expected:
        news = entries[site.url(story.urls[lang])]
        assert news.findtext("news:publication/news:name", namespaces=NS) == names[lang]
        assert news.findtext("news:publication/news:language", namespaces=NS) == lang
        assert news.findtext("news:title", namespaces=NS) == story.titles[lang]
        published = datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS))
        assert BUILD_CLOCK - timedelta(days=2) <= published <= BUILD_CLOCK


def test_the_news_sitemap_holds_at_most_1000_stories(make_site):
    big = make_site()
    for n in range(1001):
        big.story(f"news/2026/11-26-n{n:04d}", "ky", "Текст.", title=f"Жаңылык {n}", slug=f"n{n:04d}",
                  date=f"2026-11-26 {n // 60 % 12:02d}:{n % 60:02d}")
    result = big.build()
    assert result.returncode == 0, result.text
    listed = [u.findtext("s:loc", namespaces=NS) for u in _parse(result.file("/news-sitemap.xml"), "urlset")]
    assert len(listed) == 1000
    assert result.url("/ky/news/2026/n0719/") == listed[0], "the newest first (11:59)"


def test_robots_txt_points_at_both_sitemaps(site):
    lines = site.file("/robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    sitemaps = [line.removeprefix("Sitemap: ") for line in lines if line.startswith("Sitemap: ")]
    assert sitemaps == [site.url("/sitemap.xml"), site.url("/news-sitemap.xml")]
    assert all(site.exists(url.removeprefix(site.siteurl)) for url in sitemaps)


# ----------------------------------------------------------------------- a sitemap cut into parts, kept by part

LIMIT = 3  # PORTAL_SITEMAP_URLS of the small site: its groups are cut into parts of three pages
SMALL = {"PORTAL_SITEMAP_URLS": LIMIT, "PORTAL_PAGE_SIZE": 2}
STORIES = {  # id (its date: 10:00 that day): {lang: title}
    "news/2026/11-24-heating": {"ky": "Жылуулук сезону башталды", "ru": "Отопительный сезон начался"},
    "news/2026/11-25-snow": {"ky": "Кар тазалоочу техника даяр", "ru": "Снегоуборочная техника готова"},
    "news/2026/11-26-lanes": {"ky": "Жаңы автобус тилкелери", "ru": "Новые автобусные полосы"},
    "news/2025/05-12-parks": {"ky": "Шаардын парктары жашылданат", "ru": "Парки города озеленят"},
    "news/2025/06-03-water": {"ky": "Суу түтүктөрү алмаштырылат", "ru": "Водопроводные трубы заменят"},
    "news/2024/03-10-bridge": {"ky": "Жаңы көпүрө ачылды"},  # the only story of ky-2024
}
EDITED, REMOVED, DAMAGED = "news/2025/05-12-parks", "news/2024/03-10-bridge", "news/2026/11-25-snow"


def write_story(fixture: FixtureSite, story_id: str, lang: str, **meta) -> None:
    _section, year, day = story_id.split("/")
    title = STORIES[story_id][lang]
    fixture.story(story_id, lang, f"{title}.", title=title, date=f"{year}-{day[:5]} 10:00", slug=slug(story_id), **meta)


def slug(story_id: str) -> str:
    return story_id.rpartition("-")[2]


def files(folder: Path, pattern: str = "*") -> dict[str, tuple[bytes, int, int]]:
    """The files of a folder: their bytes, inodes and modification times."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob(pattern)) if p.is_file()}


def rewritten(before: dict, after: dict) -> set[str]:
    """The files made anew or added (another inode or modification time)."""
    return {name for name, (_, *stamp) in after.items() if name not in before or before[name][1:] != tuple(stamp)}


def entries(site: dict[str, tuple[bytes, int, int]]) -> dict[str, bytes]:
    """Each page's `<url>` in the sitemap's parts among these files."""
    return {url.findtext("s:loc", namespaces=NS): etree.tostring(url)
            for name, (data, _, _) in site.items() if PART.match(name)
            for url in etree.fromstring(data).findall("s:url", NS)}


def state_of(fixture: FixtureSite, result) -> dict[str, tuple[bytes, int, int]]:
    """The site folder's state files of the sitemap's entries (one head and one body a group)."""
    return files(state_folder(fixture.cache, result.output) / "sitemap")


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> FixtureSite:
    fixture = FixtureSite(tmp_path_factory.mktemp("sitemap-parts"))
    for story_id, titles in STORIES.items():
        for lang in titles:
            write_story(fixture, story_id, lang)
    return fixture


@pytest.fixture(scope="module")
def first(small):
    state = state_folder(small.cache, small.root / "output")
    state.mkdir(parents=True)
    (state / "sitemap").write_bytes(b"every entry in one file, as older code kept them")
    result = small.build(**SMALL)
    assert_built(result)
    return result, files(result.output), state_of(small, result)


@pytest.fixture(scope="module")
def edited(small, first):
    """A correction to one Kyrgyz story of 2025: its page and the listings that show it get a new lastmod."""
    _result, site_before, state_before = first
    write_story(small, EDITED, "ky", corrections=[{"date": "2026-11-26 11:30", "note": "Дарактардын саны такталды."}])
    again = small.build(**SMALL)
    assert_built(again)
    return again, site_before, files(again.output), state_before, state_of(small, again)


@pytest.fixture(scope="module")
def removed(small, edited):
    """The only Kyrgyz story of 2024 removed; the state of two groups damaged, and a story of one of them
    edited, so that its part is written again with the entries its damaged shard had; an unchanged part
    deleted from the site."""
    shutil.rmtree(small.content / REMOVED)
    (edited[0].output / "sitemap-ru-2025.xml").unlink()
    shards = state_folder(small.cache, edited[0].output) / "sitemap"
    (shards / "ky-2026.body").write_bytes(b"portal cache 1\nnot what was saved")
    (shards / "ru-2026.head").write_bytes(b"")  # cut short by a full disk
    write_story(small, DAMAGED, "ky", corrections=[{"date": "2026-11-26 11:40", "note": "Техниканын саны такталды."}])
    again = small.build(**SMALL)
    assert_built(again)
    fresh = small.build(output=small.root / "fresh", **SMALL)
    assert_built(fresh)
    return again, fresh


def test_each_group_is_cut_into_numbered_parts_of_at_most_the_limit(first):
    result = first[0]
    parts = locs(result, LIMIT)
    listed = [loc for found in parts.values() for loc in found]
    assert len(listed) == len(set(listed)) and set(listed) == pages(result)
    numbers: dict[str, list[int]] = {}
    for name in parts:
        match = PART.match(name)
        numbers.setdefault(match["group"], []).append(int(match["number"] or 0))
    assert numbers["ky-lists"] == list(range(1, len(numbers["ky-lists"]) + 1)) and len(numbers["ky-lists"]) > 2
    assert numbers["ky-2024"] == numbers["site"] == [0], "a group within the limit is one part, unnumbered"
    assert numbers["ky-2026"] == [0], "three stories: just within the limit"
    assert set(index(result)) == {p.name for p in result.output.glob("sitemap-*.xml")}


def test_an_edit_rewrites_only_the_parts_whose_pages_changed(edited):
    result, before, after, state_before, state_after = edited
    parts = locs(result, LIMIT)
    changed_parts = {name for name in rewritten(before, after) if PART.match(name)}
    old, new = entries(before), entries(after)
    changed_pages = {loc for loc in new if old.get(loc) != new[loc]}
    story = result.url(f"/ky/news/2025/{slug(EDITED)}/")
    assert story in changed_pages and result.url("/ky/") in changed_pages, "the story's lastmod, and its listings'"
    for name in parts:
        assert (name in changed_parts) == bool(set(parts[name]) & changed_pages), name
    edited_groups = {"ky-2025", "ky-lists", "ky-older", "ky-oldest"}  # the story's, and its listings'
    others = {name for name in parts if PART.match(name)["group"] not in edited_groups}
    assert others and not changed_parts & others, "no other year, language or the chooser"
    groups = {PART.match(name)["group"] for name in others}
    assert not {name for name in rewritten(state_before, state_after) if name.split(".")[0] in groups}, \
        "the other groups' entries are not saved again"


def test_a_removed_story_leaves_the_sitemap_and_its_emptied_part_goes(removed):
    result, _fresh = removed
    listed = [loc for found in locs(result, LIMIT).values() for loc in found]
    assert result.url(f"/ky/news/2024/{slug(REMOVED)}/") not in listed
    assert len(listed) == len(set(listed)) and set(listed) == pages(result)
    assert "sitemap-ky-2024.xml" not in index(result) and not result.exists("/sitemap-ky-2024.xml")
    assert set(index(result)) == {p.name for p in result.output.glob("sitemap-*.xml")}


def test_a_damaged_state_or_a_deleted_part_still_give_the_sitemap_a_fresh_build_gives(removed):
    result, fresh = removed
    assert result.exists("/sitemap-ru-2025.xml")
    assert {name: data for name, (data, _, _) in files(result.output, "sitemap*.xml").items()} == \
        {name: data for name, (data, _, _) in files(fresh.output, "sitemap*.xml").items()}


def test_a_group_is_cut_by_bytes_as_well_as_by_pages():
    """The protocol's 50 MiB, with small numbers: each part within both limits, an oversized entry alone."""
    assert cut([10, 10, 10, 25, 5, 40], max_urls=10, max_bytes=25) == \
        [range(2), range(2, 3), range(3, 4), range(4, 5), range(5, 6)]
    assert cut([1] * 7, max_urls=3, max_bytes=100) == [range(3), range(3, 6), range(6, 7)]
    assert part_names("ky-lists", 1) == ["sitemap-ky-lists.xml"]
    assert part_names("ky-lists", 2) == ["sitemap-ky-lists-1.xml", "sitemap-ky-lists-2.xml"]
