"""Story addresses: readable Latin slugs from Kyrgyz and Russian titles, or an explicit `slug:`."""

from __future__ import annotations

import pytest
from stories.slugs import slugify

import fixture_site as fx


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
