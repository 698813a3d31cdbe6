"""Kyrgyz search: any form of a word finds what its bare stem finds; the word as typed ranks first, then
its other forms, then the words that only begin like it.

A site of its own, built once for the module: Kyrgyz stories that each
hold another form of автобус, one with автобусчулар (a word that only
begins like it), one with автоунаа (which does not), and a Russian story;
six stories about parks (парк, each in another form) and six about car
parks (паркинг, a word that begins like it, thrice in each: Pagefind ranks
them first), more than a page of results.
Its index comes in chunks of two, so every chunk's answer counts.
"""

from __future__ import annotations

import pytest

from kyrgyz_words import FORMS, WHOLE
from portal.kyrgyz import prefix, stem
from search_page import results, search
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
PARKS = {  # name: (date and address, title, text): each holds one form of парк
    "lanterns": ("10-01 park-lanterns", "Түнкү жарык жаңыланды", "Бардык парктарда жаңы чырактар орнотулду."),
    "benches": ("10-02 new-benches", "Отургучтар коюлду", "Эски паркка жүз жаңы отургуч коюлду."),
    "saplings": ("10-03 saplings", "Көчөттөр отургузулду", "Паркта эки миң көчөт отургузулду."),
    "playground": ("10-04 playground", "Балдар аянтчасы ачылды",
                   "Панфилов паркынын түштүгүндө балдар аянтчасы ачылды."),
    "fountain": ("10-05 fountain", "Фонтан оңдолду", "Парктын борборундагы фонтан оңдолду."),
    "ponds": ("10-06 ponds", "Көлчөлөр тазаланды", "Быйыл парктардын көлчөлөрү тазаланды."),
}
CAR_PARKS = {  # name: (date and address, title, text): each holds паркинг (a word that begins like парк) thrice
    "opened": ("10-07 car-park-opened", "Жаңы паркинг ачылды",
               "Паркинг борбордо жайгашкан. Түнкүсүн паркинг акысыз."),
    "fee": ("10-08 car-park-fee", "Паркинг акысы өзгөрөт",
            "Паркинг үчүн төлөм жаңы жылдан өзгөрөт. Бир саат паркинг отуз сом болот."),
    "storeys": ("10-09 car-park-storeys", "Көп кабаттуу паркинг курулат",
                "Паркинг Ош базарынын жанында курулат. Беш жүз орундуу паркинг эки жылда бүтөт."),
    "app": ("10-10 car-park-app", "Паркинг тиркемеси иштей баштады",
            "Эми паркинг акысын телефон менен төлөсө болот. Тиркеме бош паркинг орундарын да көрсөтөт."),
    "rules": ("10-11 car-park-rules", "Паркинг тартиби катуулайт",
              "Паркинг эрежесин бузгандарга айып пул салынат. Паркинг инспекторлору көбөйөт."),
    "airport": ("10-12 airport-car-park", "Аэропорттогу паркинг кеңейди",
                "Аэропорттогу паркинг эки эсе кеңейди. Паркинг биринчи саатта акысыз."),
}
ALL = {**STORIES, **PARKS, **CAR_PARKS}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    fixture = FixtureSite(tmp_path_factory.mktemp("kyrgyz-search"))
    for name, (when, title, text) in ALL.items():
        day, slug = when.split()
        fixture.story(f"news/2026/{day}-{slug}", "ru" if name == "russian" else "ky", text, title=title,
                      date=f"2026-{day} 10:00", slug=slug, topics=["transport"])
    server, result = serve_and_build(fixture, PORTAL_SEARCH_CHUNK=2)
    assert_built(result)
    yield result
    server.close()


def url(name: str) -> str:
    return f"/{'ru' if name == 'russian' else 'ky'}/news/2026/{ALL[name][0].split()[1]}/"


def every_page(page, site, **params) -> list[str]:
    """The search's results on every page ("more" clicked until it hides): as many as it says it found."""
    first = search(page, site, "ky", **params)
    found = int("".join(filter(str.isdigit, page.locator(".search-results__status").inner_text())))
    assert len(first) < found, "more than a page"
    more = page.locator(".search-results__more")
    while more.is_visible():
        shown = page.locator(".search-result").count()
        more.click()
        page.wait_for_function("shown => document.querySelectorAll('.search-result').length > shown", arg=shown)
    every = results(page, "ky")
    assert len(every) == found
    return every


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


def test_the_same_word_ranks_above_words_that_only_begin_like_it(site, new_page):
    """Pagefind's score puts автобусчулар above автобустардын, and the car parks above the parks."""
    page = new_page()
    for typed, holder, others in (("автобуска", "boards", ("electric", "routes")),
                                  ("автобус", "electric", ("boards", "routes"))):
        assert search(page, site, "ky", q=typed) == [url(name) for name in (holder, *others, "drivers")], typed
    found = every_page(page, site, q="парктарда")
    assert found[0] == url("lanterns"), "the word as typed first"
    assert sorted(found[:len(PARKS)]) == sorted(url(name) for name in PARKS)
    assert sorted(found[len(PARKS):]) == sorted(url(name) for name in CAR_PARKS), "each story once, over two pages"


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
