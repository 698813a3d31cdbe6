"""Kyrgyz search: any form of a word finds what its bare stem finds, and the word as typed ranks first.

A site of its own, built once for the module: Kyrgyz stories that each
hold another form of автобус, one with автобусчулар (a word that only
begins like it), one with автоунаа (which does not), and a Russian story.
Its index comes in chunks of two, so every chunk's answer counts.
"""

from __future__ import annotations

import pytest

from kyrgyz_words import FORMS, WHOLE
from portal.kyrgyz import prefix, stem
from search_page import search
from sites import FixtureSite, assert_built, serve_and_build

STORIES = {  # name: (date and address, title, text): each holds one form of автобус, or a word like it
    "routes": ("11-20 more-buses", "Кечинде каттамдар көбөйөт",
               "Бишкек шаарынын мэриясы жаңы жадыбалды бекитти. Дүйшөмбүдөн тартып кечки саатта "
               "автобустардын саны кырк бирдикке көбөйөт."),
    "electric": ("11-21 electric-bus", "Электр менен жүргөн унаа сыноодон өттү",
                 "Жаңы электр автобус Чүй проспектинде бир жума бою жүргүнчүлөрдү ташыды. "
                 "Сыноонун жыйынтыгы декабрда чыгат."),
    "boards": ("11-22 stop-boards", "Аялдамаларда электрондук табло орнотулат",
               "Табло кийинки автобуска чейин канча мүнөт калганын көрсөтөт. Жыл аягына чейин элүү "
               "аялдамага табло коюлат."),
    "drivers": ("11-23 drivers-course", "Айдоочулар үчүн коопсуздук курсу",
                "Шаардык автобусчулар коопсуз айдоо боюнча эки күндүк окуудан өтүшөт. Окууну транспорт "
                "башкармалыгы уюштурат."),
    "parking": ("11-24 parking-places", "Жаңы токтотмолор ачылды",
                "Автоунаалар үчүн борбордо үч жүз орун даярдалды. Токтотмолор түнкүсүн акысыз."),
    "russian": ("11-25 new-buses", "Новые автобусы вышли на линию",
                "На маршруты города вышли сорок новых автобусов с низким полом."),
}
FOUND_BY_THE_STEM = ("routes", "electric", "boards", "drivers")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    fixture = FixtureSite(tmp_path_factory.mktemp("kyrgyz-search"))
    for name, (when, title, text) in STORIES.items():
        day, slug = when.split()
        fixture.story(f"news/2026/{day}-{slug}", "ru" if name == "russian" else "ky", text, title=title,
                      date=f"2026-{day} 10:00", slug=slug, topics=["transport"])
    server, result = serve_and_build(fixture, PORTAL_SEARCH_CHUNK=2)
    assert_built(result)
    yield result
    server.close()


def url(name: str) -> str:
    return f"/{'ru' if name == 'russian' else 'ky'}/news/2026/{STORIES[name][0].split()[1]}/"


def test_every_form_finds_what_the_bare_stem_finds(site, new_page):
    page = new_page()
    assert set(search(page, site, "ky", q="автобус")) == {url(name) for name in FOUND_BY_THE_STEM}
    for form in ("автобустар", "автобустарды", "автобустардын", "автобусу", "автобуска", "Автобустарыбыздан"):
        assert set(search(page, site, "ky", q=form)) == {url(name) for name in FOUND_BY_THE_STEM}, form


def test_the_word_as_typed_ranks_first(site, new_page):
    """Then the other forms and the words that only begin like it (автобусчулар), by Pagefind's score."""
    page = new_page()
    for typed, holder in (("автобустардын", "routes"), ("автобуска", "boards"), ("автобус", "electric")):
        assert search(page, site, "ky", q=typed)[0] == url(holder), typed
    newest = search(page, site, "ky", q="автобустардын", sort="newest")
    assert newest == [url(name) for name in ("drivers", "boards", "electric", "routes")], "the date order is kept"


def test_highlights_show_the_stories_own_words(site, new_page):
    page = new_page()
    found = search(page, site, "ky", q="Автобустардын")
    marked = {path: page.locator(".search-result").nth(index).locator("mark").all_inner_texts()
              for index, path in enumerate(found)}
    assert {path: [word.lower().strip(".,") for word in words] for path, words in marked.items()} == {
        url("routes"): ["автобустардын"], url("electric"): ["автобус"], url("boards"): ["автобуска"],
        url("drivers"): ["автобусчулар"]}


def test_russian_is_left_to_pagefinds_own_stemming(site, new_page):
    page = new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    assert search(page, site, "ru", q="автобусами") == [url("russian")]
    assert not [address for address in requested if "kyrgyz" in address]


def test_the_search_page_stems_as_the_python_module_does(site, new_page):
    """kyrgyz.js with the rules the build wrote, on the whole word list: the same stems and prefixes."""
    page = new_page()
    search(page, site, "ky", q="мэрия")
    words = [form for forms in FORMS.values() for form in forms] + list(WHOLE)
    stemmed = page.evaluate("""async (words) => {
        const script = document.querySelector('script[src$="/search.js"]').src;
        const rules = new URL('kyrgyz.json', new URL(document.querySelector('[data-pagefind]').dataset.pagefind,
                                                     location.href));
        const engine = (await import(new URL('kyrgyz.js', script))).default(await (await fetch(rules)).json());
        return words.map((word) => [engine.stem(word), engine.prefix(word)]);
    }""", words)
    assert dict(zip(words, map(tuple, stemmed), strict=True)) == {word: (stem(word), prefix(word)) for word in words}
