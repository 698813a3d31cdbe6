"""The two language versions of a page point at each other; one-language stories stay in their tree."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

import fixture_site as fx
from helpers import LANGS, OTHER, ROOT, alternates, links, normalize, site_path, text_of


def switcher(doc, lang: str):
    """The visible link to the other language: the first <a hreflang> in <body>."""
    found = doc.xpath(f'//body//a[@hreflang="{lang}"]')
    assert found, "no language switcher (an <a hreflang> link) in the page body"
    return found[0]


def switcher_text(doc, lang: str) -> str:
    """The switcher's words: its box, and whatever the link says it is described by."""
    link = switcher(doc, lang)
    parts = [text_of(link.getparent())]
    for ref in (link.get("aria-describedby") or "").split():
        parts += [text_of(el) for el in doc.xpath(f'//*[@id="{ref}"]')]
    return normalize(" ".join(parts))


@pytest.mark.parametrize("lang", LANGS)
def test_a_translated_story_declares_both_versions(site, lang):
    doc = site.html(fx.BUS_LANES.urls[lang])
    assert alternates(doc) == {"ky": site.url(fx.BUS_LANES.urls["ky"]), "ru": site.url(fx.BUS_LANES.urls["ru"]),
                               "x-default": site.url(fx.BUS_LANES.urls["ky"])}  # the state language's version


@pytest.mark.parametrize("lang", LANGS)
def test_the_switcher_leads_to_the_translation(site, lang):
    doc = site.html(fx.BUS_LANES.urls[lang])
    link = switcher(doc, OTHER[lang])
    assert site_path(link.get("href"), doc.base_url) == fx.BUS_LANES.urls[OTHER[lang]]
    assert text_of(link), "the switcher link has no text"


@pytest.mark.parametrize("story, lang", [(fx.TREES, "ky"), (fx.WATER, "ru")], ids=["ky-only", "ru-only"])
def test_an_untranslated_story_says_so_and_leads_to_the_section(site, story, lang):
    doc = site.html(story.urls[lang])
    other = OTHER[lang]
    assert alternates(doc) == {lang: site.url(story.urls[lang])}
    assert site_path(switcher(doc, other).get("href"), doc.base_url) == f"/{other}/news/"
    translated = site.html(fx.BUS_LANES.urls[lang])
    assert switcher_text(doc, other) != switcher_text(translated, other), \
        "the switcher of an untranslated story reads the same as on a translated one"


@pytest.mark.parametrize("story, lang", [(fx.TREES, "ky"), (fx.WATER, "ru")], ids=["ky-only", "ru-only"])
def test_a_one_language_story_is_listed_in_its_language(site, story, lang):
    url = story.urls[lang]
    listings = {
        "home": [f"/{lang}/"],
        "section": [f"/{lang}/news/", f"/{lang}/news/page/2/"],
        "unit": [f"/{lang}/units/leninsky-district/"],
        "archive": [f"/{lang}/archive/2026/"] + [f"/{lang}/archive/2026/page/{n}/" for n in range(2, 8)],
    }
    if story is fx.TREES:
        listings["official"] = [f"/{lang}/officials/mayor/"] + [f"/{lang}/officials/mayor/page/{n}/" for n in (2, 3)]
        listings["topic"] = [f"/{lang}/topics/parks/"]
    for kind, pages in listings.items():
        found = [p for p in pages if site.exists(p) and url in links(site.html(p))]
        assert found, f"{url} is not listed on the {kind} page ({pages[0]}…)"


@pytest.mark.parametrize("story, lang", [(fx.TREES, "ky"), (fx.WATER, "ru")], ids=["ky-only", "ru-only"])
def test_a_one_language_story_is_absent_from_the_other_language(site, story, lang):
    other_tree = site.output / OTHER[lang]
    needles = [story.urls[lang].encode(), story.titles[lang].encode()]
    leaks = [p.relative_to(site.output).as_posix() for p in other_tree.rglob("*") if p.is_file()
             and any(n in p.read_bytes() for n in needles)]
    assert not leaks
    assert not site.exists(story.urls[lang].replace(f"/{lang}/", f"/{OTHER[lang]}/", 1))


def test_the_language_chooser_declares_both_languages_and_x_default(site):
    doc = site.html("/")
    assert alternates(doc) == {"ky": site.url("/ky/"), "ru": site.url("/ru/"), "x-default": site.url("/")}
    offered = {site_path(a.get("href"), doc.base_url) for a in doc.xpath("//body//a[@hreflang]")}
    assert {"/ky/", "/ru/"} <= offered


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_declares_its_language(site, lang):
    pages = sorted((site.output / lang).rglob("*.html"))
    assert len(pages) > 40
    wrong = [p.relative_to(site.output).as_posix() for p in pages
             if site.html("/" + p.relative_to(site.output).as_posix()).get("lang") != lang]
    assert not wrong, f'pages under /{lang}/ without <html lang="{lang}">: {wrong}'


@pytest.mark.parametrize("lang", LANGS)
def test_listing_pages_link_to_the_same_page_in_the_other_language(site, lang):
    other = OTHER[lang]
    for path in ["/{}/", "/{}/news/", "/{}/officials/mayor/", "/{}/topics/", "/{}/archive/", "/{}/about/"]:
        doc = site.html(path.format(lang))
        assert alternates(doc).get(other) == site.url(path.format(other)), path.format(lang)
        assert site_path(switcher(doc, other).get("href"), doc.base_url) == path.format(other), path.format(lang)


def test_page_n_of_a_list_has_page_n_in_the_other_language_as_its_translation_or_none(site):
    """A list is shorter in one language (fewer stories): its page N, where the other has one, is page N's
    translation; where not, page N names no translation, and the switcher leads to the list's first page."""
    translated, untranslated = [], []
    for lang, other in OTHER.items():
        for file in sorted((site.output / lang).rglob("page/*/index.html")):
            path = "/" + file.parent.relative_to(site.output).as_posix() + "/"
            twin = f"/{other}/" + path.split("/", 2)[2]
            doc = site.html(path)
            if site.exists(twin):
                assert alternates(doc).get(other) == site.url(twin), path
                assert site_path(switcher(doc, other).get("href"), doc.base_url) == twin, path
                translated.append(path)
            else:
                assert other not in alternates(doc), f"{path} names {alternates(doc).get(other)}, not built"
                first = twin.split("page/")[0]
                assert site_path(switcher(doc, other).get("href"), doc.base_url) == first, path
                assert site.exists(first)
                untranslated.append(path)
    assert translated and untranslated, (translated, untranslated)


def catalog_message(lang: str, msgid: str) -> str:
    with (ROOT / "theme" / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale=lang)[msgid].string


def test_a_version_left_as_a_draft_is_called_a_draft_not_missing(site):
    """WATER's ky.md is a draft: its Russian page says so; TREES has no ru.md: its page says it is not translated."""
    water = switcher_text(site.html(fx.WATER.urls["ru"]), "ky")
    draft = "The Kyrgyz version of this page is still a draft: the link leads to the section page in Kyrgyz."
    assert catalog_message("ru", draft) in water and catalog_message("ky", draft) in water
    assert "не переведена" not in water
    trees = switcher_text(site.html(fx.TREES.urls["ky"]), "ru")
    untranslated = "This page has not been translated into Russian: the link leads to the section page in Russian."
    assert catalog_message("ky", untranslated) in trees and "долбоор" not in trees
