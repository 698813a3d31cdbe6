"""An official's page: who they are (photo, biography, contacts) above their stories, and its feeds.

What the registry says of them is optional and bilingual; its mistakes are problems with the registry's
file and line, like its other mistakes."""

from __future__ import annotations

import pytest
from PIL import Image

import fixture_site as fx
from helpers import LANGS, normalize, site_path, text_of


@pytest.mark.parametrize("lang", LANGS)
def test_an_officials_page_shows_their_photo_biography_and_contacts(site, lang):
    doc = site.html(f"/{lang}/officials/mayor/")
    profile = doc.find_class("profile")[0]
    img = profile.find(".//img")
    assert img.get("alt") == fx.OFFICIALS["mayor"]["name"][lang]
    widths = [candidate.split()[1] for candidate in img.get("srcset").split(", ")]
    assert widths == ["240w", "480w"]
    paragraphs = [text_of(p) for p in profile.find_class("profile__biography")[0].findall("p")]
    assert paragraphs == [normalize(p) for p in fx.MAYOR_PROFILE["biography"][lang].split("\n\n")]
    contacts = profile.find_class("profile__contacts")[0]
    assert contacts.xpath(".//a/@href") == ["tel:+996312300101", "mailto:reception@meria.kg"]
    assert fx.MAYOR_PROFILE["contacts"]["hours"][lang] in text_of(contacts)
    assert not site.html(f"/{lang}/officials/mayor/page/2/").find_class("profile"), "the profile is on page 1 only"
    assert not site.html(f"/{lang}/officials/vice-mayor-social/").find_class("profile"), "nothing to say: no box"


def test_an_officials_photo_is_published_without_its_metadata(site):
    img = site.html("/ky/officials/mayor/").find_class("profile")[0].find(".//img")
    for candidate in img.get("srcset").split(", "):
        path = site.file(site_path(candidate.split()[0], site.siteurl))
        assert path.is_file(), candidate
        with Image.open(path) as published:
            assert published.format == "JPEG" and not published.getexif()
        assert fx.CAMERA_OWNER.encode() not in path.read_bytes()


@pytest.mark.parametrize("lang", LANGS)
def test_list_pages_show_their_feeds_where_readers_see_them(site, lang):
    for page in (f"/{lang}/officials/mayor/", f"/{lang}/news/", f"/{lang}/topics/parks/"):
        links = site.html(page).find_class("subscribe")[0].findall("a")
        assert [text_of(a).split(":")[0] for a in links] == ["RSS", "Atom", "JSON"]
        assert [site_path(a.get("href"), site.siteurl) for a in links] == [
            page + name for name in ("rss.xml", "atom.xml", "feed.json")]
        assert all(site.exists(page + name) for name in ("rss.xml", "atom.xml", "feed.json"))


def test_mistakes_in_an_officials_profile_are_problems_with_their_line(make_site):
    fixture = make_site()
    (fixture.data / "officials").mkdir()
    (fixture.data / "officials" / "notes.jpg").write_text("not a photo", encoding="utf-8")
    registry = fixture.data / "officials.yml"
    registry.write_text(
        'mayor:\n'
        '  name: {ky: "Темирлан", ru: "Темирлан"}\n'
        '  photo: officials/mayor.jpg\n'
        '  biography: {ky: "Бишкекте туулган."}\n'
        '  contacts:\n'
        '    email: "reception at meria"\n'
        '    fax: "+996 312 30 01 00"\n'
        'vice-mayor-social:\n'
        '  name: {ky: "Айнура", ru: "Айнура"}\n'
        '  photo: officials/notes.jpg\n', encoding="utf-8")
    fixture.story("news/2026/11-26-a", "ru", "Текст.", title="Новость", date="2026-11-26 10:00")
    result = fixture.build()
    assert result.returncode != 0 and "Traceback" not in result.text
    for line, message in ((3, 'mayor: there is no photo "officials/mayor.jpg"'),
                          (4, 'mayor: "biography" has no text in ru'),
                          (6, 'mayor: "email" is not an email address: "reception at meria"'),
                          (7, 'mayor: unknown contact "fax"'),
                          (10, 'vice-mayor-social: "officials/notes.jpg" is not a JPEG or PNG photo')):
        assert f"officials.yml:{line}: {message}" in result.text, result.text
