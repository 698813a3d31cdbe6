"""Shared fixtures: real sites (see sites.py) built, served and driven.

- `make_site()` gives a fresh, empty `FixtureSite` for a test of its own.
- `site` is the shared fixture site (see `fixture_site.py`), built once per
  session with `PORTAL_PAGE_SIZE=2` and `PORTAL_SEARCH_CHUNK=3` (listings run
  over several pages, the search index over several chunks) and served over
  http on 127.0.0.1.
- `feeds_site` is the shared site plus audio, video and more for the feeds
  (see `feeds_fixture.py`), built once per session and served.
- `browser` / `new_page` drive Debian's Chromium through Playwright;
  `axe(page)` runs axe-core and returns the serious and critical violations.

Tests import what they build with from `sites`, never from here: pytest
loads tests/workflow/conftest.py under the same module name.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import feeds_fixture
import fixture_site
from sites import FixtureSite, assert_built, serve_and_build

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# Editors read Kyrgyz or Russian; tests read the msgids (English) unless they ask for a language
# (PORTAL_UI_LANG in the environment of what they run): see tests/localization/test_editor_messages.py.
os.environ["PORTAL_UI_LANG"] = "en"

# --------------------------------------------------------------------------- building


@pytest.fixture
def make_site(tmp_path):
    """A fresh, empty `FixtureSite` (with registries) for a test of its own."""
    counter = iter(range(1000))

    def make() -> FixtureSite:
        return FixtureSite(tmp_path / f"site{next(counter)}")

    return make


# --------------------------------------------------------------------------- serving


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The shared fixture site (fixture_site.py), built once and served."""
    fixture = FixtureSite(tmp_path_factory.mktemp("main-site"))
    fixture_site.populate(fixture)
    server, result = serve_and_build(fixture, PORTAL_PAGE_SIZE=2, PORTAL_SEARCH_CHUNK=3)
    assert_built(result)
    yield result
    server.close()


@pytest.fixture(scope="session")
def feeds_site(tmp_path_factory):
    """The feeds fixture site (feeds_fixture.py): audio, video and more on top of the shared one; served."""
    fixture = FixtureSite(tmp_path_factory.mktemp("feeds-site"))
    feeds_fixture.populate(fixture)
    server, result = serve_and_build(fixture, PORTAL_FEED_MAX_ITEMS=feeds_fixture.MAX_ITEMS)
    assert_built(result)
    yield result
    server.close()


# --------------------------------------------------------------------------- browsing


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser):
    """new_page(**context_options) → a page in a fresh browser context."""
    contexts = []

    def make(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


SERIOUS = ("serious", "critical")


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page; the serious and critical violations only."""
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))  # not a <script> tag: the site's CSP refuses inline scripts
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v.get("impact") in SERIOUS]


@pytest.fixture(scope="session")
def axe():
    return axe_violations


