"""`invoke edit` end to end, in Chromium: a bilingual story with two photos written in the
browser editor (Decap CMS, in Kyrgyz) lands in content/ as index.ky.md, index.ru.md and the
photos, the preview builds it, a photo without alt text is refused in the form, a title
edited in the form keeps the published address, and a save that breaks the build shows
the problem in the browser until it is fixed. Then a story written in Russian only: the
Russian pane's photo without alt text is refused too, and once saved the story is one
index.ru.md and its photo, on /ru/ and not on /ky/, and opens again with its Kyrgyz pane empty;
a story written in Kyrgyz only is one index.ky.md.

One project copy and one editor server for the module; each test has its own browser page,
whose steps share it in order.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from PIL import Image
from playwright.sync_api import expect

from portal.stories.slugs import slugify
from project import Project, live_command
from sites import FixtureSite

ERRORS = []
STORY = "news/2026/11-20-parks"  # written by hand before the editor, so its address comes from its title
TITLES = {"ky": "Шаардагы сейил бактар жаңыланды", "ru": "Парки города обновили"}
NEW = {"ky": "Бишкекте 500 көчөт отургузулду: «Жашыл шаар»", "ru": "В Бишкеке посадили 500 саженцев"}
NEW_SLUG = slugify(NEW["ky"])  # the address name is left empty: the folder is named as the build names the address
PHOTOS = {"trees.jpg": {"ky": ("Жаш көчөттөр катар отургузулган", "Мэриянын басма сөз кызматы"),
                        "ru": ("Ряд молодых саженцев на аллее", "Пресс-служба мэрии")},
          "volunteers.jpg": {"ky": ("Ыктыярчылар көчөт отургузуп жатышат", "Айбек Осмонов"),
                             "ru": ("Волонтёры сажают деревья", "Айбек Осмонов")}}


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def built(base: str, after: int, timeout: float = 180) -> dict:
    """The live state once a build newer than `after` has finished, and no other runs (a save of several
    files may start a second build when its last file comes late)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = json.loads(get(f"{base}/_live/state")[1])
        if state["generation"] > after and not state["building"]:
            return state
        time.sleep(0.3)
    raise AssertionError("no build followed the change")


def published(project, base: str, story_id: str, timeout: float = 180) -> dict:
    """data/permalinks.yml once a build that records `story_id` has finished (one may have begun
    while the editor was still writing the story's files: the next one brings it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        recorded = yaml.safe_load((project.data / "permalinks.yml").read_text(encoding="utf-8")) or {}
        if story_id in recorded and not json.loads(get(f"{base}/_live/state")[1])["building"]:
            return recorded
        time.sleep(0.3)
    raise AssertionError(f"{story_id} was never built:\n" + get(base + "/ky/")[1][:3000])


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """The editor server on a free port, in Kyrgyz, over a site with one hand-written story."""
    project = Project(FixtureSite(tmp_path_factory.mktemp("edit") / "site"))
    site = project.site
    for lang in ("ky", "ru"):
        site.story(STORY, lang, "Сейил бактар." if lang == "ky" else "Парки.", title=TITLES[lang],
                   date="2026-11-20 09:00")
    with live_command(project, "edit", r"http://\S+/admin/", {"PORTAL_UI_LANG": "ky"}) as admin:
        yield project, admin


def photo(folder: Path, name: str, color: tuple[int, int, int]) -> Path:
    path = folder / name
    Image.new("RGB", (900, 600), color).save(path, quality=80)
    return path


def in_pane(locator, pane: int):
    """The last match in a language pane: Decap lays them side by side, Kyrgyz on the left."""
    width = locator.page.viewport_size["width"]
    found = [item for item in locator.all() if (item.bounding_box()["x"] < width / 2) == (pane == 0)]
    return found[-1]


def add_photo(page, pane: int, file: Path, alt: str | None, credit: str, upload: bool) -> None:
    """A photo item in a language pane: choose (or first upload) the file, then describe it."""
    page.get_by_role("button", name=re.compile("сүрөттөр кошуу", re.I)).nth(pane).click()
    in_pane(page.get_by_role("button", name="Сүрөт тандоо"), pane).click()
    if upload:
        page.locator("input[type=file]").set_input_files(str(file))
        page.get_by_text(file.name, exact=True).last.wait_for()
        page.get_by_text("Жүктөө", exact=True).wait_for()  # uploaded: the new photo is the one chosen
    else:
        page.get_by_text(file.name, exact=True).last.click()
    page.get_by_role("button", name="Тандалганды колдонуу").click()
    if alt is not None:
        in_pane(page.get_by_label("Сүрөттө эмне көрүнөт"), pane).fill(alt)
    in_pane(page.get_by_label("Автору"), pane).fill(credit)


def save(page) -> None:
    """Decap's "Publish now" (in local mode: write the files). After a refused save its menu is still open."""
    publish_now = page.get_by_text("Азыр жарыялоо")
    if not publish_now.is_visible():
        page.get_by_role("button", name="Жарыялоо").first.click()
    publish_now.click()


def saved(page) -> None:
    """Decap's toolbar says the entry is saved: the server has written every file of the save."""
    expect(page.get_by_text("Өзгөрүүлөр сакталды")).to_be_visible(timeout=30_000)


def test_a_story_written_in_the_browser_is_on_the_preview_site(editor, new_page, tmp_path):
    project, admin = editor
    base = admin.removesuffix("/admin/")
    permalinks = yaml.safe_load((project.data / "permalinks.yml").read_text(encoding="utf-8"))
    old_address = f"/ky/news/2026/{permalinks[STORY]['ky']}/"
    page = new_page(viewport={"width": 1400, "height": 1000})
    page.on("console", lambda m: ERRORS.append(m.text[:300]) if m.type == "error" else None)
    page.goto(admin)
    page.get_by_role("button", name="Кирүү").click()
    page.goto(admin + "#/collections/news/new")

    trees, volunteers = (photo(tmp_path, "trees.jpg", (40, 130, 60)), photo(tmp_path, "volunteers.jpg", (200, 120, 40)))
    page.get_by_label("Аталышы").nth(0).fill(NEW["ky"])
    page.get_by_label("Жарыялоо убактысы").nth(0).fill("2026-11-26T10:30")
    add_photo(page, 0, trees, PHOTOS["trees.jpg"]["ky"][0], PHOTOS["trees.jpg"]["ky"][1], upload=True)
    add_photo(page, 0, volunteers, None, PHOTOS["volunteers.jpg"]["ky"][1], upload=True)
    save(page)  # the second photo has no alt text: the form refuses, in Kyrgyz
    page.get_by_text("«Сүрөттө эмне көрүнөт» толтурулушу керек.").first.wait_for()
    assert not list(project.content.glob(f"news/*/*-{NEW_SLUG}"))
    page.get_by_label("Сүрөттө эмне көрүнөт").nth(1).fill(PHOTOS["volunteers.jpg"]["ky"][0])

    page.get_by_label("Аталышы").nth(1).fill(NEW["ru"])
    page.get_by_label("Жарыялоо убактысы").nth(1).fill("2026-11-26T10:30")
    for name, path in (("trees.jpg", trees), ("volunteers.jpg", volunteers)):
        add_photo(page, 1, path, PHOTOS[name]["ru"][0], PHOTOS[name]["ru"][1], upload=False)
    save(page)

    deadline = time.monotonic() + 30
    while not (found := list(project.content.glob(f"news/*/*-{NEW_SLUG}/index.ru.md"))):
        shown = page.evaluate("document.body.innerText")[:300]
        assert time.monotonic() < deadline, f"the editor wrote no story: {shown}{ERRORS}"
        time.sleep(0.2)
    folder = found[0].parent  # news/2026/11-26-<the slug>: the story's date, as `make new` does
    texts = {lang: folder / f"index.{lang}.md" for lang in ("ky", "ru")}
    assert sorted(p.name for p in folder.iterdir()) == ["index.ky.md", "index.ru.md", "trees.jpg", "volunteers.jpg"]
    story_id = folder.relative_to(project.content).as_posix()
    recorded = published(project, base, story_id)
    assert folder.name == f"11-26-{NEW_SLUG}" and recorded[story_id]["ky"] == NEW_SLUG
    assert recorded[story_id]["ru"] == slugify(NEW["ru"])  # the Russian pane has no slug: its title makes one
    for lang in ("ky", "ru"):
        status, page_html = get(f"{base}/{lang}/news/2026/{recorded[story_id][lang]}/")
        assert status == 200 and NEW[lang] in page_html, texts[lang].read_text(encoding="utf-8")
        for name, described in PHOTOS.items():
            alt, credit = described[lang]
            assert f'alt="{alt}"' in page_html and credit in page_html, (lang, name)

    # A title edited in the form keeps the address the story was published at.
    generation = json.loads(get(f"{base}/_live/state")[1])["generation"]
    page.get_by_role("link", name=re.compile("Жаңылыктар бөлүмүнө")).click()  # back to the section's list
    page.get_by_text(TITLES["ky"]).click()
    title = page.get_by_label("Аталышы").nth(0)
    expect(title).to_have_value(TITLES["ky"])  # the entry is loaded
    title.fill("Шаардагы сейил бактар толугу менен жаңыланды")
    save(page)
    built(base, generation)
    status, page_html = get(base + old_address)
    assert status == 200 and "толугу менен жаңыланды" in page_html

    # A save that stops the build shows its problem instead of the old page, until it is fixed.
    generation = json.loads(get(f"{base}/_live/state")[1])["generation"]
    text = texts["ru"].read_text(encoding="utf-8")
    texts["ru"].write_text(text.replace("date: 2026-11-26 10:30", "date: 26.11.2026"), encoding="utf-8")
    built(base, generation)
    page.goto(f"{base}/ru/news/2026/{recorded[story_id]['ru']}/")
    problem = page.locator("#build-problems")
    assert "Сайт курулган жок" in problem.inner_text()
    assert "index.ru.md:3" in problem.inner_text() and "26.11.2026" in problem.inner_text()
    texts["ru"].write_text(text, encoding="utf-8")
    page.wait_for_url(re.compile("/ru/"))
    page.get_by_role("heading", name=NEW["ru"]).wait_for(timeout=60_000)  # live.js reloaded it


RUSSIAN_ONLY = "Мэрия открыла пункт приёма старой техники"
KYRGYZ_ONLY = "Ала-Арча паркында муз аянтчасы ачылды"


def test_a_story_written_in_one_language_is_one_file(editor, new_page, tmp_path):
    project, admin = editor
    base = admin.removesuffix("/admin/")
    page = new_page(viewport={"width": 1400, "height": 1000})
    page.goto(admin)
    page.get_by_role("button", name="Кирүү").click()
    page.goto(admin + "#/collections/news/new")
    page.get_by_label("Аталышы").nth(1).fill(RUSSIAN_ONLY)
    page.get_by_label("Жарыялоо убактысы").nth(1).fill("2026-11-26T11:00")
    add_photo(page, 1, photo(tmp_path, "point.jpg", (90, 90, 160)), None, "Пресс-служба мэрии", upload=True)
    save(page)  # the Russian pane's photo has no alt text: Decap checks the first pane only, start.js this one
    page.get_by_text("Орусча текстте толтуруңуз: «Сүрөттөр» № 1: «Сүрөттө эмне көрүнөт».").wait_for()
    assert not list(project.content.glob("news/*/*-punkt*"))
    in_pane(page.get_by_label("Сүрөттө эмне көрүнөт"), 1).fill("Приёмный пункт на улице Ахунбаева")
    save(page)
    saved(page)
    folder = project.content / f"news/2026/11-26-{slugify(RUSSIAN_ONLY)}"  # named from the Russian title
    assert sorted(p.name for p in folder.iterdir()) == ["index.ru.md", "point.jpg"]
    story_id = folder.relative_to(project.content).as_posix()
    recorded = published(project, base, story_id)
    assert set(recorded[story_id]) == {"ru"}
    status, story_page = get(f"{base}/ru/news/2026/{recorded[story_id]['ru']}/")
    assert status == 200 and 'alt="Приёмный пункт на улице Ахунбаева"' in story_page
    assert RUSSIAN_ONLY in get(f"{base}/ru/news/")[1] and RUSSIAN_ONLY in get(f"{base}/ru/")[1]
    assert RUSSIAN_ONLY not in get(f"{base}/ky/news/")[1] + get(f"{base}/ky/")[1]

    # Opened again from the list (loaded anew: it names the story by its Russian title), the Kyrgyz
    # pane is empty, and a save keeps the story one file.
    page.goto(admin + "#/collections/news")
    page.reload()
    page.get_by_text(RUSSIAN_ONLY).click()
    expect(page.get_by_label("Аталышы").nth(1)).to_have_value(RUSSIAN_ONLY)
    expect(page.get_by_label("Аталышы").nth(0)).to_have_value("")
    page.get_by_label("Кыскача").nth(1).fill("Старые холодильники и телевизоры принимают бесплатно.")
    save(page)
    saved(page)
    assert "бесплатно" in (folder / "index.ru.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in folder.iterdir()) == ["index.ru.md", "point.jpg"]

    # In Kyrgyz only: the Russian pane, untouched, is not saved either.
    page.goto(admin + "#/collections/news/new")
    expect(page.get_by_label("Аталышы").nth(1)).to_have_value("")  # the new form, not the story's still shown
    page.get_by_label("Аталышы").nth(0).fill(KYRGYZ_ONLY)
    page.get_by_label("Жарыялоо убактысы").nth(0).fill("2026-11-26T11:30")
    save(page)
    saved(page)
    folder = project.content / f"news/2026/11-26-{slugify(KYRGYZ_ONLY)}"
    assert [p.name for p in folder.iterdir()] == ["index.ky.md"]
