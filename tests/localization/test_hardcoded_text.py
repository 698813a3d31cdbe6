"""No user-visible text in English: everything the theme writes goes through the catalogs.

The fixture site's content and registries are Cyrillic only, so any Latin
word a reader can see on a built page (text, <title>, alt/title/aria-label,
the description shown in link previews) came from a template and was not
translated. Allowed: names of file formats (PDF…) and of licences (CC BY 4.0), addresses (the page's own
URL, printed for paper copies; an office's email, from the registry) and host
names that the content itself links to (a video on another site).
"""

from __future__ import annotations

import re

import pytest
from lxml import etree

from helpers import normalize

VISIBLE_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "aria-roledescription", "aria-valuetext")
PREVIEW_META = ('meta[@name="description"]', 'meta[@property="og:title"]', 'meta[@property="og:description"]',
                'meta[@property="og:site_name"]', 'meta[@property="og:image:alt"]')
ALLOWED = {"PDF", "JPEG", "JPG", "PNG", "MP3", "MP4", "ZIP",
           "CC", "BY", "SA", "CC0"}  # licence names: CC BY 4.0, CC BY-SA 4.0, CC0 1.0
ALLOWED |= {"RSS", "ATOM", "JSON", "OPML", "ICALENDAR"}  # feed formats, named as readers and apps name them
URL = re.compile(r"\bhttps?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")  # web and email addresses
HOST = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9.\-]*[A-Za-z0-9]|[A-Za-z]")


def visible_strings(doc) -> list[str]:
    strings = []
    for element in doc.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "template"):
            # a comment, or code: only the text that follows it is visible
            if element.tail and element.getparent() is not None:
                strings.append(element.tail)
            continue
        if element.text:
            strings.append(element.text)
        if element.tail:
            strings.append(element.tail)
        strings.extend(element.get(a) for a in VISIBLE_ATTRIBUTES if element.get(a))
    for selector in PREVIEW_META:
        strings.extend(m.get("content") or "" for m in doc.xpath(f"//head/{selector}"))
    return [normalize(s) for s in strings if s and s.strip()]


def english_in(text: str) -> list[str]:
    text = URL.sub(" ", text)  # an address (of this page, of a video, an office's email) is not words
    return [w for w in LATIN_WORD.findall(text) if w.upper() not in ALLOWED and not HOST.match(w.lower())]


def test_the_checker_finds_english():
    doc = etree.fromstring("<html><head><title>Story — Bishkek City Hall</title></head>"
                           "<body><a aria-label='Sections'>Бөлүмдөр</a><p>PDF, 12 кБ</p>"
                           "<p>Дарек: http://127.0.0.1:8000/ky/news/ (www.youtube.com), press@meria.kg</p>"
                           "</body></html>")
    found = [w for s in visible_strings(doc) for w in english_in(s)]
    assert found == ["Story", "Bishkek", "City", "Hall", "Sections"]


@pytest.mark.parametrize("tree", ["ky", "ru", "neutral"])
def test_no_untranslated_text_on_any_page(site, tree):
    pages = [p for p in site.html_files
             if (p.relative_to(site.output).parts[0] == tree if tree != "neutral"
                 else p.relative_to(site.output).parts[0] not in ("ky", "ru"))]
    assert pages
    found = {}
    for page in pages:
        relative = "/" + page.relative_to(site.output).as_posix()
        doc = site.html(relative)
        words = sorted({s for s in visible_strings(doc) if english_in(s)})
        for text in words:
            found.setdefault(text, relative)
    assert not found, "English text on built pages (text: first page):\n" + \
        "\n".join(f"  {text!r}: {page}" for text, page in sorted(found.items()))
