"""Story addresses: readable Latin slugs from Kyrgyz and Russian titles, or an explicit `slug:`."""

from __future__ import annotations

import pytest

import fixture_site as fx
from portal.stories.slugs import slugify


@pytest.mark.parametrize("title, slug", [
    # Kyrgyz letters: ң → ng, ө → o, ү → u
    ("Жаңы үй", "zhangy-ui"),
    ("Өрт өчүрүүчүлөр", "ort-ochuruuchulor"),
    ("Үч көчөдө жаңы автобус тилкелери ачылды", "uch-kochodo-zhangy-avtobus-tilkeleri-achyldy"),
    # Russian: the passport-style standard, without diacritics
    ("Щёлковская улица", "shchelkovskaia-ulitsa"),
    ("Объявление о подъезде", "obiavlenie-o-podezde"),
    ("Юные хоккеисты", "iunye-khokkeisty"),
    ("На трёх улицах открылись новые автобусные полосы", "na-trekh-ulitsakh-otkrylis-novye-avtobusnye-polosy"),
    ("Цены на жильё", "tseny-na-zhile"),
    # punctuation, digits, case
    ("Бюджет-2027: 12 млрд сом!", "biudzhet-2027-12-mlrd-som"),
    ("  «Бишкекзеленхоз» — МП  ", "bishkekzelenkhoz-mp"),
    # punctuation outside ASCII separates words, as ASCII punctuation does
    ("Жылытуу мезгили 2026–2027", "zhylytuu-mezgili-2026-2027"),
    ("Токтом №412 күчүнө кирди", "toktom-412-kuchuno-kirdi"),
    ("Чүй/Манас кесилиши", "chui-manas-kesilishi"),
    ("Café «Ала-Тоо»", "cafe-ala-too"),
])
def test_titles_are_transliterated(title, slug):
    assert slugify(title) == slug


def test_built_story_addresses_use_transliterated_titles(site):
    for story in (fx.BUS_LANES, fx.TREES, fx.WATER):
        for lang, url in story.urls.items():
            assert site.exists(url), f"{story.id} ({lang}) should be at {url}"


def test_an_explicit_slug_replaces_the_title(site):
    for lang in ("ky", "ru"):
        assert site.exists(f"/{lang}/news/2026/winter-concert/")
        from_title = slugify(fx.CONCERT.titles[lang])
        assert not site.exists(f"/{lang}/news/2026/{from_title}/")


def test_a_published_address_survives_a_title_edit(make_site):
    """The first build records the slug in data/permalinks.yml; editing the title later keeps it."""
    fixture = make_site()
    story = "news/2026/11-26-bus-lanes"
    fixture.story(story, "ru", "Полосы открыты.", title="Новые автобусные полосы", date="2026-11-26 10:00")
    first = fixture.build()
    assert first.returncode == 0, first.text
    assert first.exists("/ru/news/2026/novye-avtobusnye-polosy/")
    assert "novye-avtobusnye-polosy" in (fixture.data / "permalinks.yml").read_text(encoding="utf-8")

    fixture.story(story, "ru", "Полосы открыты.", title="Три новые автобусные полосы", date="2026-11-26 10:00")
    second = fixture.build(output=fixture.root / "output-2")
    assert second.returncode == 0, second.text
    assert second.exists("/ru/news/2026/novye-avtobusnye-polosy/")
    assert not second.exists("/ru/news/2026/tri-novye-avtobusnye-polosy/")


def test_an_explicit_slug_changes_a_recorded_address(make_site):
    fixture = make_site()
    story = "news/2026/11-26-bus-lanes"
    fixture.story(story, "ru", "Полосы открыты.", title="Новые автобусные полосы", date="2026-11-26 10:00")
    assert fixture.build().returncode == 0
    fixture.story(story, "ru", "Полосы открыты.", title="Новые автобусные полосы", date="2026-11-26 10:00",
                  slug="bus-lanes")
    rebuilt = fixture.build(output=fixture.root / "output-2")
    assert rebuilt.exists("/ru/news/2026/bus-lanes/")
    assert not rebuilt.exists("/ru/news/2026/novye-avtobusnye-polosy/")


def test_the_lock_as_committed_is_what_counts(make_site):
    """The build keeps a parsed copy of the lock in its cache, but a lock changed in git
    (here by hand) is read anew."""
    fixture = make_site()
    story = "news/2026/11-26-bus-lanes"
    fixture.story(story, "ru", "Полосы открыты.", title="Новые автобусные полосы", date="2026-11-26 10:00")
    assert fixture.build().returncode == 0
    lock = fixture.data / "permalinks.yml"
    lock.write_text(lock.read_text(encoding="utf-8").replace("novye-avtobusnye-polosy", "avtobusnye-polosy"),
                    encoding="utf-8")
    rebuilt = fixture.build(output=fixture.root / "output-2")
    assert rebuilt.returncode == 0, rebuilt.text
    assert rebuilt.exists("/ru/news/2026/avtobusnye-polosy/")
    assert not rebuilt.exists("/ru/news/2026/novye-avtobusnye-polosy/")


def test_drafts_and_embargoed_stories_reserve_no_address(make_site):
    """Only what is public is recorded: a draft's working title must not freeze its address."""
    fixture = make_site()
    fixture.story("news/2026/11-20-draft", "ru", "Черновик.", title="Рабочий заголовок", date="2026-11-20 10:00",
                  status="draft")
    fixture.story("news/2026/11-30-later", "ru", "Позже.", title="Будущая новость", date="2026-11-30 10:00")
    assert fixture.build().returncode == 0
    lock = fixture.data / "permalinks.yml"
    assert not lock.exists() or ("rabochii" not in lock.read_text() and "budushchaia" not in lock.read_text())
