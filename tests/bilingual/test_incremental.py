"""A rebuild writes only what changed, and gives the same site as a clean build.

A rebuild updates the site folder in place (plugins/portal/site_output): a file that
is still the same file (inode) as before the rebuild was kept, not
written. Each test builds the shared fixture content of its own copy, so
the session's `site` is left alone.
"""

from __future__ import annotations

import gzip
import os
import shutil
import time
from pathlib import Path

import pytest
import yaml

import fixture_site as fx
from helpers import ROOT, url_to_file
from portal.core.render_cache import PAGE_CACHE
from portal.core.state import BuildState
from sites import BuildResult, FixtureSite, assert_built


@pytest.fixture
def fixture(tmp_path) -> FixtureSite:
    site = FixtureSite(tmp_path / "site")
    fx.populate(site)
    return site


def build(site: FixtureSite, output: Path, **settings):
    result = site.build(output=output, **settings)
    assert_built(result)
    return result


def files(output: Path) -> dict[str, os.stat_result]:
    return {p.relative_to(output).as_posix(): p.stat() for p in output.rglob("*") if p.is_file()}


def rebuild(site: FixtureSite, output: Path, **settings) -> tuple[BuildResult, set[str]]:
    """Build again into `output`: the result, and the files that are not the same file as before."""
    old = files(output)
    result = build(site, output, **settings)
    written = {name for name, stat in files(output).items() if name not in old or old[name].st_ino != stat.st_ino}
    return result, written


def same_bytes(one: Path, other: Path) -> dict[str, str]:
    """Differences between two sites outside the search bundle (Pagefind's file names and chunking
    vary from run to run): file name → what differs."""
    a, b = ({n: s for n, s in files(site).items() if not n.startswith("pagefind/")} for site in (one, other))
    differences = dict.fromkeys(set(a) ^ set(b), "only in one")
    for name in set(a) & set(b):
        if (one / name).read_bytes() != (other / name).read_bytes():
            differences[name] = "different bytes"
    return differences


def fragments(output: Path) -> list[bytes]:
    """What the search index holds, page by page (decompressed, in a stable order)."""
    return sorted(gzip.decompress(p.read_bytes()) for p in (output / "pagefind").glob("*/fragment/*"))


def edit_body(site: FixtureSite, story: fx.Story, lang: str, sentence: str) -> None:
    path = site.content / story.id / f"index.{lang}.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")


def test_a_rebuild_with_nothing_changed_writes_nothing(fixture, tmp_path):
    first = build(fixture, tmp_path / "output")
    before = files(first.output)
    _, new = rebuild(fixture, first.output)
    assert not new
    assert {name: (s.st_ino, s.st_mtime_ns) for name, s in files(first.output).items()} == \
        {name: (s.st_ino, s.st_mtime_ns) for name, s in before.items()}


def test_editing_a_story_writes_its_page_and_the_index_not_the_site(fixture, tmp_path):
    first = build(fixture, tmp_path / "output")
    edit_body(fixture, fx.BUS_LANES, "ru", "Работы завершены досрочно.")
    second, new = rebuild(fixture, first.output)
    feeds = {n for n in new if n.endswith((".xml", ".json")) and not n.startswith("pagefind/")}
    assert {n for n in new - feeds if not n.startswith("pagefind/")} == {url_to_file(fx.BUS_LANES.urls["ru"])}
    # the feeds that carry the story's full text change with it, and only those
    assert feeds and all(n.startswith("ru/") for n in feeds), sorted(feeds)
    assert all("Работы завершены досрочно." in (second.output / n).read_text(encoding="utf-8") for n in feeds)
    fragments_written = [n for n in new if "/fragment/" in n]
    assert len(fragments_written) == 1, "the story's search fragment, and only it, is new"
    assert "Работы завершены досрочно." in second.file(fx.BUS_LANES.urls["ru"]).read_text(encoding="utf-8")


def test_a_correction_of_the_text_alone_renders_no_list_that_shows_the_story(fixture, tmp_path):
    """A list counts a story by all but its text (portal.pages.digests.ViewDigests.listed): after
    a correction of the text, the lists that show the story keep their fingerprints (they are not
    rendered, nor the other stories they show read back), and its own page's changes."""
    def fingerprints() -> dict[str, bytes]:
        return BuildState(fixture.cache, tmp_path / "output").load(PAGE_CACHE)[1]  # (salt, digests)

    first = build(fixture, tmp_path / "output")
    before = fingerprints()
    edit_body(fixture, fx.BUS_LANES, "ru", "Работы завершены досрочно.")
    build(fixture, first.output)
    after = fingerprints()
    lists = [url_to_file(u) for u in ("/ru/", "/ru/news/", "/ru/archive/2026/", "/ru/topics/transport/")]
    assert [name for name in lists if name in before and after[name] == before[name]] == lists
    assert [name for name in after if after[name] != before.get(name)] == [url_to_file(fx.BUS_LANES.urls["ru"])]


def test_a_decision_retitled_rewrites_the_explainer_that_links_to_it(fixture, tmp_path):
    """A page counts a story it links to by what the link shows (portal.pages.digests.ViewDigests)."""
    first = build(fixture, tmp_path / "output")
    path = fixture.content / fx.PARKING.id / "index.ru.md"
    path.write_text(path.read_text(encoding="utf-8").replace(fx.PARKING.titles["ru"], "Новые тарифы на парковку"),
                    encoding="utf-8")
    second, new = rebuild(fixture, first.output)
    html = {n for n in new if n.endswith(".html")}
    assert url_to_file(fx.EXPLAINER.urls["ru"]) in html
    assert "Новые тарифы на парковку" in second.file(fx.EXPLAINER.urls["ru"]).read_text(encoding="utf-8")
    assert url_to_file(fx.EXPLAINER.urls["ky"]) not in html


def test_a_new_title_rewrites_the_listings_it_appears_in(fixture, tmp_path):
    first = build(fixture, tmp_path / "output")
    path = fixture.content / fx.SNOW.id / "index.ru.md"
    path.write_text(path.read_text(encoding="utf-8").replace(fx.SNOW.titles["ru"], "Снег уберут 120 машин"),
                    encoding="utf-8")
    _, new = rebuild(fixture, first.output)
    html = {n for n in new if n.endswith(".html")}
    expected = {url_to_file(u) for u in (fx.SNOW.urls["ru"], "/ru/press-releases/", "/ru/archive/2026/",
                                         "/ru/units/transport-roads/")}
    assert expected <= html
    assert url_to_file("/ru/decisions/") not in html
    assert not [n for n in html if n.startswith("ky/") and n != url_to_file(fx.SNOW.urls["ky"])]


def test_a_rebuild_gives_the_same_site_as_a_clean_build(fixture, tmp_path):
    first = build(fixture, tmp_path / "output")
    edit_body(fixture, fx.BUS_LANES, "ky", "Иштер мөөнөтүнөн мурда бүттү.")
    (fixture.content / fx.WATER.id / "index.ru.md").unlink()  # a story taken down
    fixture.photo(fx.SNOW.id, "snow.jpg")
    fixture.describe_photos(fx.SNOW.id, {"snow.jpg": {"alt": {"ky": "Кар", "ru": "Снег"}, "credit": "Пресс-служба"}})
    for lang in ("ky", "ru"):
        path = fixture.content / fx.SNOW.id / f"index.{lang}.md"
        path.write_text(path.read_text(encoding="utf-8").replace("\n---\n", "\nimage: snow.jpg\n---\n", 1),
                        encoding="utf-8")
    rebuilt, _ = rebuild(fixture, first.output)
    shutil.rmtree(fixture.cache)
    clean = build(fixture, tmp_path / "clean")
    assert not same_bytes(rebuilt.output, clean.output)
    assert fragments(rebuilt.output) == fragments(clean.output)
    assert not rebuilt.exists(fx.WATER.urls["ru"])
    assert (rebuilt.output / "media" / fx.SNOW.id / "snow.jpg").is_file()


def test_a_theme_or_code_change_renders_every_page_again(fixture, tmp_path):
    """What the last build kept is not trusted with another template, or other plugin code (built here
    with a copy of the plugins: the same code until it is changed)."""
    plugins = tmp_path / "plugins"
    shutil.copytree(ROOT / "plugins", plugins, ignore=shutil.ignore_patterns("__pycache__"))
    first = build(fixture, tmp_path / "output", PLUGIN_PATHS=[str(plugins)])
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    footer = theme / "templates" / "components" / "site_footer.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace("</footer>", "<!-- changed --></footer>"),
                      encoding="utf-8")
    second, new = rebuild(fixture, first.output, theme=theme, PLUGIN_PATHS=[str(plugins)])
    pages = {n for n in files(second.output) if n.endswith(".html")}
    footed = {n for n in pages if "<!-- changed -->" in (second.output / n).read_text(encoding="utf-8")}
    assert len(footed) > 50 and url_to_file(fx.SNOW.urls["ky"]) in footed
    assert footed <= new
    jsonld = plugins / "portal" / "pages" / "jsonld.py"  # the publisher's address, on every page of a language
    jsonld.write_text(jsonld.read_text(encoding="utf-8").replace('"Bishkek"', '"Bishkek City"'), encoding="utf-8")
    third, new = rebuild(fixture, first.output, theme=theme, PLUGIN_PATHS=[str(plugins)])
    stories = {url_to_file(story.urls[lang]) for story in (fx.SNOW, fx.BUS_LANES, fx.PARKING) for lang in ("ky", "ru")}
    assert stories <= new and all("Bishkek City" in (third.output / n).read_text(encoding="utf-8") for n in stories)


def test_a_folder_whose_files_look_unchanged_is_not_read_again(fixture, tmp_path):
    """A story folder whose files have the names, sizes and modification times the last build read
    is not read again: its file changed behind the build's back still shows the text it had. (Its files
    are dated a minute back: a folder changed just before a build is read again by the next one.)"""
    for written in (fixture.content / fx.SNOW.id).iterdir():
        os.utime(written, (time.time() - 60, time.time() - 60))
    first = build(fixture, tmp_path / "output")
    path = fixture.content / fx.SNOW.id / "index.ru.md"
    stamp, text = path.stat(), path.read_text(encoding="utf-8")
    old = text.splitlines()[-1]
    new = "".join("ж" if "а" <= c.lower() <= "я" else c for c in old)  # as many bytes: a Cyrillic letter for one
    assert len(new.encode()) == len(old.encode())
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    second = build(fixture, first.output)
    assert new not in second.file(fx.SNOW.urls["ru"]).read_text(encoding="utf-8")
    os.utime(path)  # now it looks changed: read again
    third = build(fixture, first.output)
    assert new in third.file(fx.SNOW.urls["ru"]).read_text(encoding="utf-8")


def test_an_edit_leaves_the_fingerprints_of_unrelated_pages_alone(fixture, tmp_path):
    """A page is re-rendered only when its fingerprint changes: editing a story's text or a photo's
    caption must not change that of a page that shows neither (the feed catalog and the photo
    library are in every page's context, but not what they carry)."""
    def fingerprints() -> dict[str, bytes]:
        return BuildState(fixture.cache, tmp_path / "output").load(PAGE_CACHE)[1]  # (salt, digests)

    first = build(fixture, tmp_path / "output")
    before = fingerprints()
    edit_body(fixture, fx.BUS_LANES, "ru", "Работы завершены досрочно.")
    described = yaml.safe_load((fixture.content / fx.BUS_LANES.id / "photos.yml").read_text(encoding="utf-8"))
    described["lanes.jpg"]["caption"]["ru"] = "Проспект Чуй, раннее утро"
    fixture.describe_photos(fx.BUS_LANES.id, described)
    build(fixture, first.output)
    after = fingerprints()
    unrelated = url_to_file("/ru/about/")
    assert unrelated in before and after[unrelated] == before[unrelated]
    assert after[url_to_file(fx.BUS_LANES.urls["ru"])] != before[url_to_file(fx.BUS_LANES.urls["ru"])]
