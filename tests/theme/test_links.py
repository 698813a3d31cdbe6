"""Links and resources: nothing broken, nothing fetched from another host, light story pages."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest

import fixture_site as fx
from helpers import LANGS, css_urls, is_same_site, references, site_path, srcset_urls, url_to_file

SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")
BUDGET = 100_000  # bytes: a story page's HTML, CSS and JS together


def link_targets(doc) -> list[tuple[str, str]]:
    """(attribute, url) of every href/src/srcset/poster in the page."""
    found = []
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        for attr in ("href", "src", "poster"):
            if element.get(attr):
                found.append((f"<{element.tag} {attr}>", element.get(attr).strip()))
        if element.get("srcset"):
            found.extend((f"<{element.tag} srcset>", u) for u in srcset_urls(element.get("srcset")))
    return found


def test_every_internal_link_resolves_to_a_file(site):
    broken = []
    checked = 0
    for page in site.html_files:
        url_path = "/" + page.relative_to(site.output).as_posix()
        doc = site.html(url_path)
        ids = set(doc.xpath("//@id"))
        for attr, url in link_targets(doc):
            if url.lower().startswith(SKIPPED_SCHEMES):
                continue
            if url.startswith("#"):
                if url != "#" and url[1:] not in ids:
                    broken.append(f"{url_path}: {attr}={url} (no such id on the page)")
                continue
            if not is_same_site(url, doc.base_url, site.siteurl):
                continue
            checked += 1
            target = site.output / url_to_file(site_path(url, doc.base_url))
            if not target.is_file():
                broken.append(f"{url_path}: {attr}={url}")
    assert checked > 1000, "too few internal links were found: is the checker looking at the right pages?"
    assert not broken, "links to files that were not built:\n" + "\n".join(broken)


def test_no_page_loads_anything_from_another_host(site):
    foreign = []
    for page in site.html_files:
        url_path = "/" + page.relative_to(site.output).as_posix()
        doc = site.html(url_path)
        for tag, attr, url in references(doc):
            if not is_same_site(url, doc.base_url, site.siteurl):
                foreign.append(f"{url_path}: <{tag} {attr}={url}>")
        for meta in doc.xpath('//meta[@property="og:image"]'):
            if not is_same_site(meta.get("content"), doc.base_url, site.siteurl):
                foreign.append(f"{url_path}: og:image {meta.get('content')}")
    for stylesheet in sorted(site.output.rglob("*.css")):
        base = site.url("/" + stylesheet.relative_to(site.output).as_posix())
        for url in css_urls(stylesheet.read_text(encoding="utf-8")):
            if not is_same_site(url, base, site.siteurl):
                foreign.append(f"{stylesheet.relative_to(site.output)}: url({url})")
    assert not foreign, "resources from other hosts:\n" + "\n".join(foreign)


def test_links_out_to_other_sites_are_still_allowed(site):
    """The video story links to the video on another site (a link, not an embed)."""
    for lang in LANGS:
        doc = site.html(fx.VIDEO.urls[lang])
        assert fx.VIDEO_URL in [a.get("href") for a in doc.iter("a")]
        assert not doc.xpath("//iframe|//embed|//object")


def page_weight(site, url_path: str) -> tuple[int, dict[str, int]]:
    """Bytes of the page's HTML (inline CSS/JS included) plus every stylesheet (with @imports) and script it loads."""
    doc = site.html(url_path)
    parts = {url_path: site.file(url_path).stat().st_size}
    queue = [urljoin(doc.base_url, el.get("href")) for el in doc.xpath('//link[@href]')
             if "stylesheet" in (el.get("rel") or "").lower().split()]
    queue += [urljoin(doc.base_url, el.get("src")) for el in doc.xpath("//script[@src]")]
    while queue:
        url = queue.pop()
        path = urlsplit(url).path
        if path in parts:
            continue
        file = site.file(path)
        assert file.is_file(), f"{url_path} loads {url}, which was not built"
        parts[path] = file.stat().st_size
        if path.endswith(".css"):
            queue += [urljoin(url, u) for u in re.findall(r"""@import\s+(?:url\()?['"]?([^'")\s;]+)""",
                                                          file.read_text(encoding="utf-8"))]
    return sum(parts.values()), parts


@pytest.mark.parametrize("lang", LANGS)
def test_story_pages_weigh_under_100_kb_with_their_css_and_js(site, lang):
    heavy = {}
    for story in fx.PUBLISHED:
        if lang in story.urls:
            total, parts = page_weight(site, story.urls[lang])
            assert len(parts) >= 2, f"{story.urls[lang]} loads no stylesheet or script at all"
            if total >= BUDGET:
                heavy[story.urls[lang]] = parts
    assert not heavy, f"over {BUDGET} bytes: {heavy}"
