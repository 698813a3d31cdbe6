"""The photo viewer in Chromium, by keyboard only, with axe-core; and without JavaScript."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from helpers import LANGS, ROOT, describe_violations
from photo_files import camera_jpeg
from sites import FixtureSite, assert_built, serve_and_build

STORY = "news/2026/11-20-park"
NAMES = ["one.jpg", "two.jpg", "three.jpg"]
ALT = {"ky": ["Биринчи сүрөт", "Экинчи сүрөт", "Үчүнчү сүрөт"], "ru": ["Первое фото", "Второе фото", "Третье фото"]}
FOCUSED = "document.activeElement"


def counter(lang: str, n: int, total: int) -> str:
    with (ROOT / "theme" / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        text = read_po(po, locale=lang).get("Photo %(n)s of %(total)s").string
    return text % {"n": n, "total": total}


@pytest.fixture(scope="module")
def gallery(tmp_path_factory):
    site = FixtureSite(tmp_path_factory.mktemp("gallery"))
    folder = site.folder(STORY)
    for name in NAMES:
        camera_jpeg(folder / name, size=(1200, 800))
    site.describe_photos(STORY, {name: {"alt": {lang: ALT[lang][i] for lang in LANGS}, "credit": "Пресс-кызмат"}
                                 for i, name in enumerate(NAMES)})
    for lang in LANGS:
        site.story(STORY, lang, "Текст.", title={"ky": "Парк ачылды", "ru": "Парк открыт"}[lang],
                   date="2026-11-20 12:00", slug="park", image="one.jpg")
    server, result = serve_and_build(site)
    assert_built(result)
    yield result
    server.close()


def state(page) -> dict:
    return page.evaluate("""() => {
        const d = document.querySelector('dialog.lightbox');
        return {open: !!(d && d.open), inside: !!(d && d.contains(document.activeElement)),
                counter: d ? d.querySelector('.lightbox__counter').textContent : '',
                alt: d && d.querySelector('img') ? d.querySelector('img').alt : ''};
    }""")


@pytest.mark.parametrize("lang", LANGS)
def test_the_lightbox_works_by_keyboard_alone(gallery, new_page, axe, lang):
    page = new_page()
    page.goto(gallery.url(f"/{lang}/news/2026/park/"))
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate(f"{FOCUSED}.hasAttribute('data-photo')"):
            break
    else:
        pytest.fail("no photo link can be reached with Tab")
    opener = page.evaluate(f"{FOCUSED}.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('dialog.lightbox')?.open")
    now = state(page)
    assert now["inside"], "focus did not move into the viewer"
    assert now["counter"].startswith(counter(lang, 1, 3)) and ALT[lang][0] in now["counter"]
    assert now["alt"] == ALT[lang][0]
    violations = axe(page)
    assert not violations, describe_violations(violations)

    for key, n in (("ArrowRight", 2), ("ArrowRight", 3), ("ArrowRight", 1), ("ArrowLeft", 3), ("Home", 1), ("End", 3)):
        page.keyboard.press(key)
        now = state(page)
        assert now["counter"].startswith(counter(lang, n, 3)), f"{key}: {now}"
        assert now["alt"] == ALT[lang][n - 1]

    for _ in range(10):  # the buttons work by keyboard too
        page.keyboard.press("Tab")
        if page.evaluate(f"{FOCUSED}.classList.contains('lightbox__next')"):
            break
    page.keyboard.press("Enter")
    assert state(page)["counter"].startswith(counter(lang, 1, 3))

    page.keyboard.press("Escape")
    page.wait_for_function("!document.querySelector('dialog.lightbox').open")
    assert page.evaluate(f"{FOCUSED}.getAttribute('href')") == opener, "focus did not return to the photo"


@pytest.mark.parametrize("lang", LANGS)
def test_pages_with_photos_have_no_serious_accessibility_violations(gallery, new_page, axe, lang):
    page = new_page()
    for path in (f"/{lang}/news/2026/park/", f"/{lang}/photo/"):
        page.goto(gallery.url(path))
        violations = axe(page)
        assert not violations, f"{path}:\n{describe_violations(violations)}"


def test_without_javascript_a_photo_link_opens_the_photo(gallery, new_page):
    page = new_page(java_script_enabled=False)
    page.goto(gallery.url("/ru/news/2026/park/"))
    link = page.locator("a[data-photo]").nth(1)
    with page.expect_navigation():
        link.click()
    assert page.url.endswith(".jpg")
    response = page.request.get(page.url)
    assert response.ok and response.headers["content-type"] == "image/jpeg"
