"""sitemap.xml, news-sitemap.xml and robots.txt of the shared fixture site (two stories a page)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from lxml import etree

import fixture_site as fx
from helpers import LANGS, alternates

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
NS = {"s": SITEMAP, "xhtml": "http://www.w3.org/1999/xhtml", "news": "http://www.google.com/schemas/sitemap-news/0.9"}
W3C_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?[+-]\d\d:\d\d$")
BUILD_CLOCK = datetime.fromisoformat("2026-11-26T12:00:00+06:00")


def urls(result, name: str) -> list:
    root = etree.fromstring(result.file(f"/{name}").read_bytes())
    assert root.tag == f"{{{SITEMAP}}}urlset"
    return root.findall("s:url", NS)


def page_url(result, html_file) -> str:
    relative = html_file.relative_to(result.output).as_posix()
    return result.url("/" + relative.removesuffix("index.html"))


def test_every_page_is_listed_once(site):
    listed = [u.findtext("s:loc", namespaces=NS) for u in urls(site, "sitemap.xml")]
    pages = [page_url(site, p) for p in site.html_files if p.name != "404.html"]
    assert len(listed) == len(set(listed))
    assert set(listed) == set(pages)
    assert site.url("/ky/news/page/2/") in listed and site.url("/ru/feeds/") in listed


def test_alternates_are_the_pages_own_with_self_and_x_default(site):
    for url in urls(site, "sitemap.xml"):
        loc = url.findtext("s:loc", namespaces=NS)
        listed = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}
        page = site.html(loc.removeprefix(site.siteurl))
        assert listed == alternates(page), loc
        lang = loc.removeprefix(site.siteurl + "/").split("/")[0]
        assert listed.get(lang, loc) == loc, f"{loc} is not its own {lang} alternate"
        if {"ky", "ru"} <= set(listed):
            assert "x-default" in listed, f"{loc} has both languages but no x-default"
    homes = {u.findtext("s:loc", namespaces=NS): u for u in urls(site, "sitemap.xml")}
    for home in (site.url("/"), site.url("/ky/"), site.url("/ru/")):
        assert homes[home].find("xhtml:link[@hreflang='x-default']", NS).get("href") == site.url("/")


def test_lastmod_is_the_newest_time_a_page_shows(site):
    lastmod = {u.findtext("s:loc", namespaces=NS): u.findtext("s:lastmod", namespaces=NS)
               for u in urls(site, "sitemap.xml")}
    for lang in LANGS:
        corrected = "2026-11-26T11:45:00+06:00"  # the bus-lanes story's correction
        assert lastmod[site.url(fx.BUS_LANES.urls[lang])] == corrected
        assert lastmod[site.url(f"/{lang}/news/")] == corrected
        assert lastmod[site.url(f"/{lang}/")] == corrected
        assert lastmod[site.url(fx.CONCERT.urls[lang])] == "2026-11-25T18:00:00+06:00"
        assert lastmod[site.url(f"/{lang}/about/")] is None, "a page without stories has no date to give"
    for loc, value in lastmod.items():
        if value is not None:
            assert W3C_DATETIME.match(value) and datetime.fromisoformat(value) <= BUILD_CLOCK, (loc, value)


def test_the_news_sitemap_lists_the_last_two_days(site):
    entries = {u.findtext("s:loc", namespaces=NS): u.find("news:news", NS) for u in urls(site, "news-sitemap.xml")}
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
    listed = [u.findtext("s:loc", namespaces=NS) for u in urls(result, "news-sitemap.xml")]
    assert len(listed) == 1000
    assert result.url("/ky/news/2026/n0719/") == listed[0], "the newest first (11:59)"


def test_robots_txt_points_at_both_sitemaps(site):
    lines = site.file("/robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    sitemaps = [line.removeprefix("Sitemap: ") for line in lines if line.startswith("Sitemap: ")]
    assert sitemaps == [site.url("/sitemap.xml"), site.url("/news-sitemap.xml")]
    assert all(site.exists(url.removeprefix(site.siteurl)) for url in sitemaps)
