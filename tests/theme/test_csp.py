"""A strict Content-Security-Policy that the site's own pages satisfy.

Chromium reports every violation as a `securitypolicyviolation` event; an
init script (run by the browser, outside the page's policy) collects them.
"""

from __future__ import annotations

import pytest

import fixture_site as fx
from helpers import LANGS

COLLECT = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline")));
"""


def violations(page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("load")
    return page.evaluate("() => window.__violations")


def policy_of(doc) -> str:
    metas = doc.xpath('//head/meta[@http-equiv="Content-Security-Policy"]')
    assert len(metas) == 1
    return metas[0].get("content")


def test_every_page_declares_the_policy_before_anything_it_governs(site):
    for path in site.html_files:
        relative = "/" + path.relative_to(site.output).as_posix()
        doc = site.html(relative.removesuffix("index.html"))
        policy = policy_of(doc)
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
        # WebAssembly (not script) compiled on the search page only: Pagefind's, from the site itself
        assert ("'wasm-unsafe-eval'" in policy) == relative.endswith("/search/index.html"), relative
        head = doc.find(".//head")
        first = next(e for e in head if e.tag != "meta" or e.get("charset") is None)
        assert first.get("http-equiv") == "Content-Security-Policy", relative


@pytest.mark.parametrize("lang", LANGS)
def test_the_sites_pages_raise_no_violation(site, new_page, lang):
    page = new_page()
    page.add_init_script(COLLECT)
    paths = ["/", f"/{lang}/", fx.BUS_LANES.urls[lang], fx.PARKING.urls[lang], fx.BUDGET_BRIEFING.urls[lang],
             fx.VIDEO.urls[lang], f"/{lang}/news/", f"/{lang}/officials/", f"/{lang}/about/", "/404.html"]
    found = {path: v for path in paths if (v := violations(page, site.url(path)))}
    page.goto(site.url(f"/{lang}/search/?q=" + fx.OFFICIALS["mayor"]["name"][lang].split()[0]))
    page.locator(".search-result").first.wait_for()  # Pagefind has compiled its WebAssembly and searched
    if searched := page.evaluate("() => window.__violations"):
        found["search"] = searched
    assert not found


def test_an_inline_script_would_be_reported(site, new_page):
    """The check above can fail: a page of the site with an inline script added is refused."""
    page = new_page()
    page.add_init_script(COLLECT)
    page.goto(site.url("/ky/"))
    page.evaluate("""() => { const s = document.createElement("script"); s.textContent = "window.ran = 1";
                             document.body.append(s); }""")
    assert page.evaluate("() => window.ran") is None
    assert any(v.startswith("script-src") for v in page.evaluate("() => window.__violations"))
