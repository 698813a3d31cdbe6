"""Every optional plugin can be left out of PLUGINS: the site still builds, and no page offers
what the missing plugin would have made (a search box with no search page, a feed link with no feed).

A small site of two stories is built once per plugin left out; every link of every page and
file must then lead somewhere (workflow/links.py, as `make check` runs it)."""

from __future__ import annotations

import runpy

import pytest
from lxml import html as lxml_html

from helpers import ROOT
from sites import FixtureSite, assert_built
from workflow.links import check as broken_links

PLUGINS = runpy.run_path(str(ROOT / "pelicanconf.py"))["PLUGINS"]
OPTIONAL = ["portal.search", "portal.feeds", "portal.sitemap", "portal.compiled_templates"]
# What each plugin alone puts in the site: none of it may be there, or be linked to, without it.
MADE_BY = {"portal.search": ("pagefind/", "ky/search/", "ru/search/"),
           "portal.feeds": ("ky/rss.xml", "ky/feeds/", "ru/feeds/feeds.opml"),
           "portal.sitemap": ("sitemap.xml", "sitemap-ky-lists.xml", "news-sitemap.xml", "robots.txt"),
           "portal.compiled_templates": ()}  # nothing in the site: the templates compiled, in the cache
KEPT_BY = {"portal.search": "pagefind", "portal.compiled_templates": "jinja"}  # its folder in CACHE_PATH


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    site = FixtureSite(tmp_path_factory.mktemp("optional"))
    for day, (ky, ru) in enumerate([("Жаңы автобус тилкелери", "Новые автобусные полосы"),
                                     ("Кыш мезгилине даярдык", "Подготовка к зиме")], start=24):
        for lang, title in (("ky", ky), ("ru", ru)):
            site.story(f"news/2026/11-{day}-story", lang, f"{title}.", title=title, date=f"2026-11-{day} 10:00")
    return site


@pytest.mark.parametrize("left_out", OPTIONAL)
def test_the_site_builds_without_an_optional_plugin_and_offers_nothing_of_it(small_site, tmp_path, left_out):
    cache = tmp_path / "cache"
    result = small_site.build(output=tmp_path / "site", CACHE_PATH=str(cache),
                              PLUGINS=[name for name in PLUGINS if name != left_out])
    assert_built(result)
    assert {plugin for plugin, folder in KEPT_BY.items() if (cache / folder).is_dir()} == set(KEPT_BY) - {left_out}
    site = result.output
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10, "the site was built"
    assert not [made for made in MADE_BY[left_out] if (site / made).exists()]
    others = [made for plugin in OPTIONAL if plugin != left_out for made in MADE_BY[plugin][:1]]
    assert others and all((site / made).exists() for made in others), "the other plugins still wrote theirs"
    linked = [(page.relative_to(site).as_posix(), value) for page in pages
              for element in lxml_html.fromstring(page.read_bytes()).iter()
              for value in (element.get("href"), element.get("action"), element.get("src")) if value
              and any(made.rstrip("/") in value for made in MADE_BY[left_out])]
    assert not linked, linked[:5]
    broken = list(broken_links(site, result.siteurl, str, lambda page, needle: None))
    assert not broken, [f"{finding.path}: {finding.message}" for finding in broken[:5]]
