"""Search: Pagefind indexes every build; the search page finds stories in the reader's language.

The index is read two ways: its fragments (gzip files, one per indexed page:
the page's URL and text) show what was indexed, and the search page in
Chromium shows what a reader finds.
"""

from __future__ import annotations

import json
import shutil
from urllib.parse import quote, urlsplit

import pytest

import fixture_site as fx
from helpers import LANGS, OTHER, describe_violations, page_text, search_fragment, search_fragment_files, text_of
from search_page import message, results, search
from sites import assert_built, serve_and_build

# A word of BUS_LANES' Kyrgyz summary ("Автобустар эми тыгындарда турбайт"), in no other story.
KYRGYZ_WORD = "тыгындарда"
# "полоса": the Russian story only has "полосы" and "полосу"; only stemming finds it.
RUSSIAN_BASE_FORM = "полоса"


def fragments(output) -> list[dict]:
    """Every page the index holds: {"url", "content", "meta", "filters", ...}."""
    return [search_fragment(path) for path in search_fragment_files(output)]


# --------------------------------------------------------------------------- what is indexed


def test_every_published_story_is_indexed_and_nothing_else(site):
    indexed = sorted(f["url"] for f in fragments(site.output))
    stories = sorted(url for story in fx.PUBLISHED for url in story.urls.values())
    assert indexed == stories


@pytest.mark.parametrize("marker", [fx.EMBARGO_MARKER, fx.DRAFT_MARKER], ids=["embargoed", "draft"])
def test_drafts_and_embargoed_stories_are_not_in_the_index(site, marker):
    indexed = fragments(site.output)
    assert indexed and not [f["url"] for f in indexed if marker in json.dumps(f, ensure_ascii=False)]


def test_an_embargoed_story_is_indexed_once_the_clock_passes_it(site, tmp_path):
    copy = tmp_path / "later"
    shutil.copytree(site.fixture.root / "content", copy / "content")
    shutil.copytree(site.fixture.root / "data", copy / "data")
    result = type(site.fixture)(copy, write_registries=False).build(now="2026-11-27 09:00")
    assert result.returncode == 0, result.text
    indexed = {f["url"]: f["content"] for f in fragments(result.output)}
    for lang in LANGS:
        assert fx.EMBARGO_MARKER in indexed[fx.EMBARGOED.urls[lang]]
    assert not [url for url, text in indexed.items() if fx.DRAFT_MARKER in text]


def test_the_index_has_one_language_per_tree_with_filters(site):
    by_url = {f["url"]: f for f in fragments(site.output)}
    assert {f["url"].split("/")[1] for f in by_url.values()} == set(LANGS)
    bundle = site.output / "pagefind"
    for lang, chunks in json.loads((bundle / "chunks.json").read_text(encoding="utf-8")).items():
        for chunk in chunks:
            assert [p.name.split("_")[0] for p in (bundle / chunk).glob("pagefind.*.pf_meta")] == [f"pagefind.{lang}"]
    bus_lanes = by_url[fx.BUS_LANES.urls["ru"]]
    assert bus_lanes["filters"] == {"section": ["news"], "year": ["2026"], "official": ["mayor"],
                                    "unit": ["transport-roads"]}
    assert bus_lanes["meta"]["title"] == fx.BUS_LANES.titles["ru"]
    assert bus_lanes["meta"]["section"] == fx.SECTIONS["news"]["ru"]
    briefing = by_url[fx.BUDGET_BRIEFING.urls["ky"]]
    assert briefing["filters"]["official"] == ["mayor"], "a speaker counts as an official of the story"


def test_only_the_search_page_loads_pagefind(site):
    loaders = []
    for path in site.html_files:
        doc = site.html("/" + path.relative_to(site.output).as_posix())
        if doc.xpath('//script[contains(@src, "search.js")]') or doc.xpath('//*[@data-pagefind]'):
            loaders.append(path.relative_to(site.output).as_posix())
    assert sorted(loaders) == [f"{lang}/search/index.html" for lang in LANGS]


# --------------------------------------------------------------------------- the search page


@pytest.mark.parametrize("lang", LANGS)
def test_the_header_box_leads_to_the_search_page_without_javascript(site, new_page, lang):
    page = new_page(java_script_enabled=False)
    page.goto(site.url(fx.BUS_LANES.urls[lang]))
    box = page.get_by_role("search").first
    box.get_by_role("searchbox").fill(KYRGYZ_WORD)
    box.get_by_role("button").click()
    page.wait_for_url(site.url(f"/{lang}/search/?q={quote(KYRGYZ_WORD)}"))
    assert page.locator("html").get_attribute("lang") == lang
    # Playwright's text and role locators skip <noscript>: find the notice by its class
    notice = page.locator("main .notice")
    assert notice.is_visible()
    assert message(lang, "Search does not work in this browser") in notice.inner_text()
    archive = notice.locator("a")
    assert archive.inner_text() == message(lang, "Go to the archive")
    archive.click()
    page.wait_for_url(site.url(f"/{lang}/archive/"))


def test_a_kyrgyz_word_finds_the_kyrgyz_story_and_not_the_russian_one(site, new_page):
    page = new_page()
    assert search(page, site, "ky", q=KYRGYZ_WORD) == [fx.BUS_LANES.urls["ky"]]
    excerpt = page.locator(".search-result__excerpt mark").first.inner_text()
    assert excerpt.lower() == KYRGYZ_WORD
    assert search(page, site, "ru", q=KYRGYZ_WORD) == []


def test_the_search_answers_as_the_reader_types_once_typing_pauses(site, new_page):
    page = new_page()
    page.goto(site.url("/ky/search/"))
    page.wait_for_function("text => document.querySelector('.search-results__status').textContent === text",
                           arg=message("ky", "Type a word to find, or choose a filter."))
    page.evaluate("""searching => { window.searches = 0; new MutationObserver(() => {
        if (document.querySelector('.search-results__status').textContent === searching) window.searches++;
    }).observe(document.querySelector('.search-results__status'), {childList: true}); }""",
                  message("ky", "Searching…"))
    page.locator("main").get_by_role("searchbox").press_sequentially(KYRGYZ_WORD)  # no Enter
    assert results(page, "ky") == [fx.BUS_LANES.urls["ky"]]
    assert page.evaluate("window.searches") == 1, "one search for the word, not one for each letter"
    assert urlsplit(page.url).query == f"q={quote(KYRGYZ_WORD)}"


def test_results_come_only_from_the_readers_language(site, new_page):
    page = new_page()
    for lang in LANGS:
        results = search(page, site, lang, q=fx.OFFICIALS["mayor"]["name"][lang].split()[0])
        assert len(results) >= 3
        assert all(url.startswith(f"/{lang}/") for url in results), results


def test_a_russian_inflected_form_finds_its_story(site, new_page):
    page = new_page()
    text = page_text(site.html(fx.BUS_LANES.urls["ru"])).lower()
    assert RUSSIAN_BASE_FORM not in text and "полосы" in text
    assert fx.BUS_LANES.urls["ru"] in search(page, site, "ru", q=RUSSIAN_BASE_FORM)


@pytest.mark.parametrize("lang", LANGS)
def test_a_filter_narrows_the_results(site, new_page, lang):
    page = new_page()
    word = {"ky": "тарифтери", "ru": "тарифы"}[lang]  # the parking decision and its explainer
    everything = search(page, site, lang, q=word)
    assert {fx.PARKING.urls[lang], fx.EXPLAINER.urls[lang]} <= set(everything)
    page.get_by_label(message(lang, "Section"), exact=True).select_option("decisions")
    narrowed = results(page, lang)
    assert "section=decisions" in page.url, "the address keeps the filter, to bookmark or share"
    assert fx.PARKING.urls[lang] in narrowed
    assert fx.EXPLAINER.urls[lang] not in narrowed
    assert all(f"/{lang}/decisions/" in url for url in narrowed)


def test_filters_by_year_official_and_unit(site, new_page):
    page = new_page()
    assert set(search(page, site, "ru", unit="leninsky-district")) == {fx.WATER.urls["ru"]}
    assert set(search(page, site, "ky", unit="leninsky-district")) == {fx.TREES.urls["ky"]}
    by_official = set(search(page, site, "ru", official="vice-mayor-social"))
    assert by_official == {fx.HEATING_REPORT.urls["ru"], fx.BRIEFING.urls["ru"], fx.CANCELLED.urls["ru"]}
    # every fixture story is of 2026, the only year offered: the filter keeps them all
    assert page.locator("#search-year option").all_inner_texts()[1:] == ["2026"]
    assert search(page, site, "ru", year="2026", section="decisions") == search(page, site, "ru", section="decisions")
    assert len(search(page, site, "ru", year="2026", section="decisions")) == 2


def test_results_sort_by_date(site, new_page):
    page = new_page()
    newest = search(page, site, "ru", section="announcements", sort="newest")
    oldest = search(page, site, "ru", section="announcements", sort="oldest")
    assert newest == [fx.BUDGET_BRIEFING.urls["ru"], fx.CANCELLED.urls["ru"], fx.BRIEFING.urls["ru"]]
    assert oldest == list(reversed(newest))


def test_results_from_every_chunk_of_the_index_sort_by_date(site, new_page):
    """The mayor's stories lie in several chunks of three (PORTAL_SEARCH_CHUNK): merged, they keep the date order."""
    assert len(json.loads((site.output / "pagefind" / "chunks.json").read_text(encoding="utf-8"))["ky"]) > 2
    page = new_page()
    newest = search(page, site, "ky", official="mayor", sort="newest")
    assert newest == [story.urls["ky"] for story in fx.MAYOR_KY]
    assert search(page, site, "ky", official="mayor", sort="oldest") == list(reversed(newest))
    by_relevance = search(page, site, "ky", q=fx.OFFICIALS["mayor"]["name"]["ky"].split()[0])
    assert set(by_relevance) >= set(newest), "a word is looked up in every chunk"


def test_a_search_downloads_pagefinds_webassembly_once(site, new_page):
    """Every chunk is an index of its own, each with its copy of Pagefind's WebAssembly (~70 kB):
    the search page asks for it once, however many chunks it opens."""
    chunks = json.loads((site.output / "pagefind" / "chunks.json").read_text(encoding="utf-8"))["ru"]
    assert len(chunks) > 2
    page = new_page()
    fetched = []
    page.on("requestfinished", lambda request: fetched.append(urlsplit(request.url).path))
    assert fx.BUS_LANES.urls["ru"] in search(page, site, "ru", q=RUSSIAN_BASE_FORM)
    assert [path for path in fetched if path.endswith(".pagefind")] == [f"/pagefind/{chunks[0]}/wasm.ru.pagefind"]
    searched = {path.split("/")[2] for path in fetched if path.endswith(".pf_meta")}
    assert searched == set(chunks), "every chunk is searched"


def test_a_browser_that_cannot_compile_webassembly_on_the_page_still_searches(site, new_page):
    """Browsers older than the policy's 'wasm-unsafe-eval' refuse WebAssembly on the page's thread:
    served without it, the search page runs Pagefind in its web worker, a download per chunk."""
    chunks = json.loads((site.output / "pagefind" / "chunks.json").read_text(encoding="utf-8"))["ru"]
    page = new_page()

    def without_wasm_eval(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(" 'wasm-unsafe-eval'", ""))

    page.route("**/ru/search/*", without_wasm_eval)
    fetched = []
    page.on("requestfinished", lambda request: fetched.append(urlsplit(request.url).path))
    assert fx.BUS_LANES.urls["ru"] in search(page, site, "ru", q=RUSSIAN_BASE_FORM)
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "'wasm-unsafe-eval'" not in policy
    assert sorted(path for path in fetched if path.endswith(".pagefind")) == sorted(
        f"/pagefind/{chunk}/wasm.ru.pagefind" for chunk in chunks)


@pytest.mark.parametrize("lang", LANGS)
def test_the_search_page_speaks_the_readers_language(site, new_page, lang):
    page = new_page()
    search(page, site, lang, q=fx.OFFICIALS["mayor"]["name"][lang].split()[0])
    status = page.locator(".search-results__status").inner_text()
    assert status.startswith(message(lang, "Stories found:"))
    assert page.get_by_role("heading", level=1).inner_text() == message(lang, "Search")
    assert page.get_by_label(message(lang, "Order")).locator("option").all_inner_texts() == [
        message(lang, "Best match first"), message(lang, "Newest first"), message(lang, "Oldest first")]


@pytest.mark.parametrize("lang", LANGS)
def test_the_search_page_with_results_is_accessible(site, new_page, axe, lang):
    page = new_page(viewport={"width": 360, "height": 740})
    search(page, site, lang, q=fx.OFFICIALS["mayor"]["name"][lang].split()[0])
    violations = axe(page)
    assert not violations, describe_violations(violations)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("lang", LANGS)
def test_the_search_pages_are_each_others_translation(site, lang):
    doc = site.html(f"/{lang}/search/")
    switcher = [a.get("href") for a in doc.xpath(f'//a[@hreflang="{OTHER[lang]}"]')]
    assert f"/{OTHER[lang]}/search/" in switcher
    options = [text_of(o) for o in doc.xpath('//select[@name="section"]/option')[1:]]
    assert options == [names[lang] for names in fx.SECTIONS.values()]


def test_a_site_without_public_stories_searches_to_nothing_found(make_site, new_page):
    """No story, no chunk and no Pagefind script: the page says nothing was found, not that search is broken."""
    fixture = make_site()
    fixture.story("news/2026/11-20-draft", "ru", "Черновик.", title="Рабочий заголовок", date="2026-11-20 10:00",
                  status="draft")
    server, result = serve_and_build(fixture)
    try:
        assert_built(result)
        assert json.loads((result.output / "pagefind" / "chunks.json").read_text(encoding="utf-8")) == {
            lang: [] for lang in LANGS}
        page = new_page()
        page.goto(f"{server.url}/ru/search/?q={quote('черновик')}")
        page.wait_for_function("([none]) => document.querySelector('.search-results__status').textContent === none",
                               arg=[message("ru", "Nothing was found. Try other words, or fewer filters.")])
    finally:
        server.close()
