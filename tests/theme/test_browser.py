"""The site in a real browser (Debian's Chromium through Playwright)."""

from __future__ import annotations

import pytest

import fixture_site as fx
from helpers import LANGS, OTHER, describe_violations

PHONE = {"width": 360, "height": 740}


def key_pages(lang: str) -> dict[str, str]:
    return {"home": f"/{lang}/", "story": fx.BUS_LANES.urls[lang], "decision": fx.PARKING.urls[lang],
            "announcement": fx.BUDGET_BRIEFING.urls[lang], "section": f"/{lang}/news/"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_language_switcher_lands_on_the_translation(site, new_page, lang):
    page = new_page()
    page.goto(site.url(fx.BUS_LANES.urls[lang]))
    assert page.locator("html").get_attribute("lang") == lang
    switcher = page.locator(f'body a[hreflang="{OTHER[lang]}"]').first
    assert switcher.is_visible()
    switcher.click()
    page.wait_for_url(site.url(fx.BUS_LANES.urls[OTHER[lang]]))
    assert page.locator("html").get_attribute("lang") == OTHER[lang]
    assert page.locator("h1").first.inner_text().strip() == fx.BUS_LANES.titles[OTHER[lang]]


@pytest.mark.parametrize("lang", LANGS)
def test_no_horizontal_scrolling_on_a_phone(site, new_page, lang):
    page = new_page(viewport=PHONE)
    wide = {}
    for name, path in key_pages(lang).items():
        if name == "announcement":
            continue
        page.goto(site.url(path))
        scroll_width, inner_width = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]")
        if scroll_width > inner_width:
            wide[path] = (scroll_width, inner_width)
    assert not wide, f"pages wider than a 360 px screen (scrollWidth, innerWidth): {wide}"


def test_the_accessibility_check_reports_what_it_should(new_page, axe):
    page = new_page()
    page.set_content('<html lang="ky"><body><main><img src="/x.jpg"><a href="/y"></a></main></body></html>')
    assert {v["id"] for v in axe(page)} >= {"image-alt", "link-name"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["home", "story", "decision", "announcement", "section"])
def test_no_serious_accessibility_violations(site, new_page, axe, lang, kind):
    page = new_page()
    page.goto(site.url(key_pages(lang)[kind]))
    violations = axe(page)
    assert not violations, describe_violations(violations)


@pytest.mark.parametrize("lang", LANGS)
def test_no_serious_accessibility_violations_on_a_phone(site, new_page, axe, lang):
    page = new_page(viewport=PHONE)
    page.goto(site.url(fx.BUS_LANES.urls[lang]))
    violations = axe(page)
    assert not violations, describe_violations(violations)


@pytest.mark.parametrize("lang", LANGS)
def test_the_site_works_without_javascript(site, new_page, lang):
    page = new_page(java_script_enabled=False)
    page.goto(site.url(fx.BUS_LANES.urls[lang]))
    assert page.get_by_text(fx.BUS_LANES_SENTENCE[lang]).is_visible()
    assert page.get_by_role("heading", level=1).inner_text().strip() == fx.BUS_LANES.titles[lang]
    # the section navigation: reachable (directly, or by opening its disclosure) and working
    target = f"/{lang}/decisions/"
    nav = page.locator(f'header nav:has(a[href$="{target}"]), nav:has(a[href$="{target}"])').first
    assert nav.is_visible(), "the section navigation is not visible"
    link = nav.locator(f'a[href$="{target}"]').first
    if not link.is_visible():
        nav.locator("summary, button").first.click()
    assert link.is_visible(), "the link to a section cannot be reached without JavaScript"
    link.click()
    page.wait_for_url(site.url(target))
    assert page.get_by_role("heading", level=1).inner_text().strip() == fx.SECTIONS["decisions"][lang]
