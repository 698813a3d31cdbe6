"""Per language: home, sections, officials/units/topics, archive, with path-based pagination.

The fixture site is built with PORTAL_PAGE_SIZE=2.
"""

from __future__ import annotations

import pytest

import fixture_site as fx
from fixture_site import OFFICIALS, SECTIONS, TOPICS, UNITS
from helpers import LANGS, links

STORY_URLS = {lang: [s.urls[lang] for s in fx.PUBLISHED if lang in s.urls] for lang in LANGS}


def stories_on(site, path: str, lang: str) -> list[str]:
    """The story URLs a listing page links to, in order, each once."""
    seen = []
    for url in links(site.html(path)):
        if url in STORY_URLS[lang] and url not in seen:
            seen.append(url)
    return seen


@pytest.mark.parametrize("lang", LANGS)
def test_every_listing_page_exists(site, lang):
    expected = [f"/{lang}/", f"/{lang}/archive/", f"/{lang}/archive/2026/",
                f"/{lang}/officials/", f"/{lang}/units/", f"/{lang}/topics/"]
    expected += [f"/{lang}/{section}/" for section in SECTIONS]
    expected += [f"/{lang}/officials/{i}/" for i in OFFICIALS]
    expected += [f"/{lang}/units/{i}/" for i in UNITS]
    expected += [f"/{lang}/topics/{i}/" for i in TOPICS]
    expected += [f"/{lang}/{page}/" for page in fx.PAGES]
    assert [p for p in expected if not site.exists(p)] == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_long_section_is_split_into_path_based_pages(site, lang):
    news = [s.urls[lang] for s in fx.NEWS[lang]]
    assert stories_on(site, f"/{lang}/news/", lang) == news[:2]
    assert stories_on(site, f"/{lang}/news/page/2/", lang) == news[2:]
    assert not site.exists(f"/{lang}/news/page/3/")
    assert not site.exists(f"/{lang}/news/page/1/")
    assert f"/{lang}/news/page/2/" in links(site.html(f"/{lang}/news/"))
    assert f"/{lang}/news/" in links(site.html(f"/{lang}/news/page/2/"))


@pytest.mark.parametrize("lang", LANGS)
def test_a_short_section_has_one_page(site, lang):
    assert stories_on(site, f"/{lang}/decisions/", lang) == [fx.PARKING.urls[lang], fx.OLD_RULES.urls[lang]]
    assert not site.exists(f"/{lang}/decisions/page/2/")
    assert site.exists(f"/{lang}/audio/"), "an empty section still has its page"
    assert stories_on(site, f"/{lang}/audio/", lang) == []


def test_an_officials_page_lists_what_concerns_them_across_pages(site):
    pages = ["/ky/officials/mayor/", "/ky/officials/mayor/page/2/", "/ky/officials/mayor/page/3/"]
    listed = [url for page in pages for url in stories_on(site, page, "ky")]
    assert listed == [s.urls["ky"] for s in fx.MAYOR_KY]
    assert not site.exists("/ky/officials/mayor/page/4/")


@pytest.mark.parametrize("lang, path, expected", [
    ("ky", "/ky/units/leninsky-district/", [fx.TREES]),
    ("ru", "/ru/units/leninsky-district/", [fx.WATER]),
    ("ky", "/ky/topics/heating/", [fx.HEATING_REPORT]),
    ("ru", "/ru/topics/heating/", [fx.HEATING_REPORT]),
    ("ru", "/ru/officials/vice-mayor-social/", [fx.CANCELLED, fx.HEATING_REPORT]),
])
def test_unit_topic_and_official_pages(site, lang, path, expected):
    assert stories_on(site, path, lang) == [s.urls[lang] for s in expected]


@pytest.mark.parametrize("lang", LANGS)
def test_registry_indexes_link_to_every_entry(site, lang):
    for kind, table in (("officials", OFFICIALS), ("units", UNITS), ("topics", TOPICS)):
        listed = set(links(site.html(f"/{lang}/{kind}/")))
        assert {f"/{lang}/{kind}/{i}/" for i in table} <= listed, kind


@pytest.mark.parametrize("lang", LANGS)
def test_the_archive_lists_every_published_story_by_year(site, lang):
    assert f"/{lang}/archive/2026/" in links(site.html(f"/{lang}/archive/"))
    pages = [f"/{lang}/archive/2026/"] + [f"/{lang}/archive/2026/page/{n}/" for n in range(2, 20)]
    listed = [url for page in pages if site.exists(page) for url in stories_on(site, page, lang)]
    assert sorted(listed) == sorted(STORY_URLS[lang])


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_shows_the_latest_stories_and_the_sections(site, lang):
    home = links(site.html(f"/{lang}/"), "//body")
    assert fx.BUS_LANES.urls[lang] in home
    assert fx.BUDGET_BRIEFING.urls[lang] in home, "the upcoming briefing is not on the home page"
    assert {f"/{lang}/{section}/" for section in SECTIONS} <= set(home)
    assert {f"/{lang}/{page}/" for page in fx.PAGES} <= set(home), "the footer lacks the site's own pages"
