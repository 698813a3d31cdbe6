"""Photos and press kits on real output: what is published, what never is, what is not redone.

A press site of its own (built once per module with the real `pelican`
command): a story with a camera JPEG carrying GPS and device data, one
whose EXIF says "rotate 90°", a CMYK print file, a PNG with EXIF and an
8000×6000 photo, and a Kyrgyz-only story with one photo. Every published
file is opened and read back.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from PIL import Image, ImageChops

import fixture_site as fx
from helpers import LANGS, NOW, PELICAN, ROOT, jsonld, links, text_of
from photo_files import GPS_IFD, MAKE, MODEL, SECRETS, bomb_png, camera_jpeg, camera_png, scene, truncated_jpeg
from portal.core import sealed
from sites import FixtureSite, assert_built

PARK = "news/2026/11-20-park-opening"
TREES = "news/2026/11-18-trees"
PARK_URLS = {"ky": "/ky/news/2026/park-opening/", "ru": "/ru/news/2026/park-opening/"}
CREDIT = {"ky": "Бишкек шаарынын мэриясынын басма сөз кызматы", "ru": "Пресс-служба мэрии Бишкека"}
ASCII_CREDIT = "Bishkek shaarynyn meriiasynyn basma soz kyzmaty"
CAPTION = {"ky": "Паркты ачуу аземи", "ru": "Открытие парка"}
PHOTOS = ["opening.jpg", "portrait.jpg", "print.jpg", "plan.png", "aerial.jpg"]
IMAGE_SUFFIXES = (".jpg", ".webp", ".png", ".avif")
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
WIDTHS = [480, 800, 1200, 1600]


def describe(name: str, languages=LANGS, **extra) -> dict:
    return {"alt": {lang: f"{name}: {CAPTION[lang]}" for lang in languages}, "credit": CREDIT, **extra}


def press_site(root: Path) -> FixtureSite:
    site = FixtureSite(root)
    folder = site.folder(PARK)
    camera_jpeg(folder / "opening.jpg", size=(1800, 1200))
    camera_jpeg(folder / "portrait.jpg", size=(900, 600), orientation=6)  # shown 600 × 900
    camera_jpeg(folder / "print.jpg", size=(1000, 700), mode="CMYK")
    camera_png(folder / "plan.png")
    camera_jpeg(folder / "aerial.jpg", size=(8000, 6000), quality=70)
    site.describe_photos(PARK, {
        "opening.jpg": describe("opening.jpg", caption=CAPTION, date="2026-11-20"),
        **{name: describe(name) for name in PHOTOS[1:]}})
    for lang in LANGS:
        site.story(PARK, lang, {"ky": "Паркта жаңы аллеялар ачылды.", "ru": "В парке открылись новые аллеи."}[lang],
                   title={"ky": "Парк ачылды", "ru": "Парк открыт"}[lang], date="2026-11-20 12:00",
                   slug="park-opening", image="opening.jpg")
    camera_jpeg(site.folder(TREES) / "trees.jpg", size=(1000, 750))
    site.describe_photos(TREES, {"trees.jpg": describe("trees.jpg", languages=("ky",))})
    site.story(TREES, "ky", "Көчөттөр отургузулду.", title="Көчөттөр", date="2026-11-18 10:00", slug="trees")
    return site


def build_measured(site: FixtureSite, output: Path, **settings):
    """Build through a small Python that reports the largest resident size of any process of the build."""
    overrides = {"PORTAL_DATA": str(site.data), "CACHE_PATH": str(site.cache), "PORTAL_NOW": NOW, **settings}
    command = [str(PELICAN), str(site.content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output),
               "-e", *(f"{k}={json.dumps(v)}" for k, v in overrides.items())]
    probe = ("import json, resource, subprocess, sys; done = subprocess.run(json.loads(sys.argv[1]));"
             "print('MAXRSS', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(done.returncode)")
    done = subprocess.run([sys.executable, "-c", probe, json.dumps(command)], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, env={k: v for k, v in os.environ.items() if k != "PORTAL_NOW"})
    maxrss_kb = int(done.stdout.split("MAXRSS")[-1].split()[0])
    return done, maxrss_kb


def stats(site: FixtureSite) -> dict:
    """What the last build made (on how many processes: test_pool.py)."""
    made = json.loads((site.cache / "photos" / "stats.json").read_text(encoding="utf-8"))
    return {key: value for key, value in made.items() if key != "processes"}


@pytest.fixture(scope="module")
def press(tmp_path_factory):
    site = press_site(tmp_path_factory.mktemp("press"))
    done, maxrss_kb = build_measured(site, site.root / "output")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    return site, site.root / "output", maxrss_kb, stats(site)


def published_images(output: Path) -> dict[str, bytes]:
    """Every image file of the output, and every image inside a press kit zip: name -> bytes."""
    found = {}
    for path in sorted(output.rglob("*")):
        if path.suffix.lower() in IMAGE_SUFFIXES:
            found[path.relative_to(output).as_posix()] = path.read_bytes()
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as kit:
                for member in kit.namelist():
                    if member.lower().endswith(IMAGE_SUFFIXES):
                        found[f"{path.name}:{member}"] = kit.read(member)
    return found


def kit(output: Path, story_id: str) -> zipfile.ZipFile:
    zips = list((output / "media" / story_id).glob("*.zip"))
    assert len(zips) == 1, f"press kits of {story_id}: {zips}"
    return zipfile.ZipFile(zips[0])


# --------------------------------------------------------------------------- what is published


def test_no_published_file_keeps_gps_device_data_or_comments(press):
    _, output, _, _ = press
    images = published_images(output)
    assert len(images) >= 5 * (1 + 2 * 3) + 5, f"too few images were checked: {sorted(images)}"
    leaks = {}
    for name, data in images.items():
        exif = Image.open(io.BytesIO(data)).getexif()
        found = [s for s in SECRETS if s.encode() in data]
        if exif.get_ifd(GPS_IFD) or MAKE in exif or MODEL in exif or found:
            leaks[name] = (dict(exif.get_ifd(GPS_IFD)), exif.get(MAKE), exif.get(MODEL), found)
    assert not leaks, leaks
    # the sources did carry all of it: the check above can fail
    source = (press[0].content / PARK / "opening.jpg").read_bytes()
    assert Image.open(io.BytesIO(source)).getexif().get_ifd(GPS_IFD)
    assert all(s.encode() in source for s in SECRETS)


def test_the_credit_survives_in_every_published_photo(press):
    _, output, _, _ = press
    missing = {}
    for name, data in published_images(output).items():
        if name.startswith("theme/"):
            continue  # the theme's own images (the podcast artwork) are not press photos
        image = Image.open(io.BytesIO(data))
        artist = image.getexif().get(0x013B)
        xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""  # JPEG, WebP / PNG
        xmp = xmp.decode("utf-8") if isinstance(xmp, bytes) else xmp
        if artist != ASCII_CREDIT or CREDIT["ky"] not in xmp or "© 2026" not in xmp or CC_BY not in xmp:
            missing[name] = (artist, xmp[:200])
    assert not missing, missing


def test_the_zip_holds_full_resolution_originals_and_the_captions(press):
    site, output, _, _ = press
    with kit(output, PARK) as archive:
        assert sorted(archive.namelist()) == sorted([*PHOTOS, "captions.txt"])
        for name in PHOTOS:
            source = Image.open(site.content / PARK / name)
            original = Image.open(io.BytesIO(archive.read(name)))
            assert original.size == source.size, name
            assert ImageChops.difference(original.convert("RGB"), source.convert("RGB")).getbbox() is None, \
                f"{name}: the original's pixels changed"
            alone = output / "media" / PARK / name  # each photo also downloads alone
            assert alone.read_bytes() == archive.read(name)
        jpeg = archive.read("opening.jpg")
        assert jpeg[jpeg.index(b"\xff\xda"):] == (site.content / PARK / "opening.jpg").read_bytes()[
            (site.content / PARK / "opening.jpg").read_bytes().index(b"\xff\xda"):], "JPEG image data was re-encoded"
        captions = archive.read("captions.txt").decode("utf-8")
    for lang in LANGS:
        assert CAPTION[lang] in captions and CREDIT[lang] in captions
        assert f"opening.jpg: {CAPTION[lang]}" in captions  # the alt text
    assert "CC BY 4.0" in captions and CC_BY in captions
    assert "8000 × 6000" in captions


def test_a_one_language_story_kit_says_nothing_in_the_other_language(press):
    _, output, _, _ = press
    with kit(output, TREES) as archive:
        captions = archive.read("captions.txt").decode("utf-8")
    assert CREDIT["ky"] in captions and CREDIT["ru"] not in captions
    assert "Фото" not in captions and "Сүрөт" in captions


def test_exif_orientation_is_applied(press):
    _, output, _, _ = press
    renditions = sorted((output / "media" / PARK).glob("portrait-*.jpg"))
    assert renditions
    for path in renditions:
        image = Image.open(path)
        assert image.height > image.width, f"{path.name} is {image.size}: not turned upright"
        assert 0x0112 not in image.getexif()
        top, bottom = image.getpixel((image.width // 2, 5)), image.getpixel((image.width // 2, image.height - 5))
        assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0], "the photo was turned the wrong way"
    doc_img = [i for i in _page(output, PARK_URLS["ru"]).iter("img") if "portrait-" in (i.get("src") or "")]
    assert doc_img and int(doc_img[0].get("height")) > int(doc_img[0].get("width"))


def test_a_cmyk_photo_is_published_in_rgb(press):
    _, output, _, _ = press
    renditions = sorted((output / "media" / PARK).glob("print-*.*"))
    assert len(renditions) >= 4
    for path in renditions:
        image = Image.open(path)
        assert image.mode == "RGB", f"{path.name} is {image.mode}"
        left = image.getpixel((5, image.height // 2))
        assert left[0] > 150 > left[2], f"{path.name}: red came out as {left}"


def test_renditions_never_upscale_and_cover_each_width(press):
    _, output, _, _ = press
    doc = _page(output, PARK_URLS["ky"])
    lead = doc.xpath("//main//figure[not(contains(@class, 'figure--thumb'))]//img")[0]
    widths = [int(part.split()[-1][:-1]) for part in lead.get("srcset").split(",")]
    assert widths == [480, 800, 1200, 1600]  # a 1800-pixel photo
    webp = doc.xpath("//main//figure[not(contains(@class, 'figure--thumb'))]//source[@type='image/webp']")
    assert webp and len(webp[0].get("srcset").split(",")) == 4
    assert lead.get("fetchpriority") == "high" and lead.get("loading") is None
    gallery = doc.xpath("//main//section[contains(@class, 'gallery')]//img")
    assert gallery and all(img.get("loading") == "lazy" for img in gallery)
    plan = next(i for i in doc.iter("img") if "plan-" in (i.get("src") or ""))
    assert [int(p.split()[-1][:-1]) for p in plan.get("srcset").split(",")] == [480, 800, 900]  # 900 wide


# --------------------------------------------------------------------------- the cache


def copy_of(site: FixtureSite, root: Path) -> FixtureSite:
    for part in ("content", "data", "cache"):
        shutil.copytree(site.root / part, root / part)
    return FixtureSite(root, write_registries=False)


def renditions(output: Path) -> list[Path]:
    return [p for p in output.rglob("*") if re.search(r"-\d+\.[0-9a-f]{10}\.(jpg|webp)$", p.name)]


def test_the_first_build_decodes_each_photo_once_within_memory(press):
    _, output, maxrss_kb, first = press
    # one decode per photo, one more for the PNG original (re-encoded losslessly, unlike JPEGs)
    assert first == {"photos": 6, "kits": 2, "decoded": 7, "encoded": len(renditions(output)) + 1}, first
    processes = 1 + (os.cpu_count() or 1)  # the build and its workers, each at most this large
    assert maxrss_kb * 1024 * processes < 1_000_000_000, f"largest process {maxrss_kb} kB"


def test_a_second_build_decodes_and_encodes_nothing(press, tmp_path):
    site = copy_of(press[0], tmp_path)
    result = site.build(output=tmp_path / "again")
    assert_built(result)
    assert stats(site) == {"photos": 6, "kits": 2, "decoded": 0, "encoded": 0}
    first = sorted(p.relative_to(press[1]).as_posix() for p in press[1].rglob("*") if p.is_file())
    again = sorted(p.relative_to(result.output).as_posix() for p in result.output.rglob("*") if p.is_file())
    assert again == first


def test_a_setting_change_re_encodes_exactly_what_it_affects(press, tmp_path):
    site = copy_of(press[0], tmp_path)
    result = site.build(output=tmp_path / "q70", PORTAL_PHOTO_FORMATS={"webp": 70, "jpeg": 82})
    assert_built(result)
    webp = list(result.output.rglob("*.webp"))
    # every photo decoded once more for its WebP renditions; the JPEG ones come from the cache
    assert stats(site) == {"photos": 6, "kits": 2, "decoded": 6, "encoded": len(webp)}
    assert len(webp) == len(renditions(result.output)) // 2


def test_a_caption_edit_re_encodes_no_rendition(press, tmp_path):
    site = copy_of(press[0], tmp_path)
    photos = site.content / PARK / "photos.yml"
    photos.write_text(photos.read_text(encoding="utf-8").replace(CAPTION["ru"], "Открытие обновлённого парка"),
                      encoding="utf-8")
    result = site.build(output=tmp_path / "edited")
    assert_built(result)
    assert stats(site)["encoded"] == 1  # only the PNG original, re-encoded losslessly with the new caption
    with kit(result.output, PARK) as archive:
        assert "Открытие обновлённого парка" in archive.read("captions.txt").decode("utf-8")


# --------------------------------------------------------------------------- pages


def _page(output: Path, url: str):
    from lxml import html

    return html.fromstring((output / url.lstrip("/") / "index.html").read_bytes())


@pytest.mark.parametrize("lang", LANGS)
def test_the_story_offers_its_press_kit_and_each_photo_at_full_resolution(press, lang):
    _, output, _, _ = press
    doc = _page(output, PARK_URLS[lang])
    hrefs = links(doc)
    kit_links = [h for h in hrefs if h.endswith(".zip")]
    assert kit_links == [f"/media/{PARK}/2026-11-20-park-opening-photos.zip"]
    assert (output / kit_links[0].lstrip("/")).is_file()
    for name in PHOTOS:
        assert f"/media/{PARK}/{name}" in hrefs, f"no full-resolution link to {name}"
    gallery = doc.xpath("//main//section[contains(@class, 'gallery')]//a[@data-photo]")
    assert len(gallery) == len(PHOTOS) - 1  # the lead photo is shown above the text


@pytest.mark.parametrize("lang", LANGS)
def test_image_objects_carry_the_licence(press, lang):
    _, output, _, _ = press
    images = [b for b in jsonld(_page(output, PARK_URLS[lang])) if b.get("@type") == "ImageObject"]
    assert len(images) == len(PHOTOS)
    for image in images:
        assert image["creditText"] == CREDIT[lang]
        assert image["copyrightNotice"] == f"© 2026 {CREDIT[lang]}"
        assert image["license"] == CC_BY
        assert image["acquireLicensePage"].endswith(PARK_URLS[lang] + "#press-kit")
        assert image["contentUrl"].endswith(".jpg") or image["contentUrl"].endswith(".png")


@pytest.mark.parametrize("lang", LANGS)
def test_the_photo_section_lists_press_kits_newest_first(press, lang):
    _, output, _, _ = press
    doc = _page(output, f"/{lang}/photo/")
    titles = [text_of(a) for a in doc.xpath("//main//h2/a")]
    expected = {"ky": ["Парк ачылды", "Көчөттөр"], "ru": ["Парк открыт"]}[lang]
    assert titles == expected
    assert len([h for h in links(doc) if h.endswith(".zip")]) == len(expected)


def test_every_img_has_alt_and_srcset(site):
    missing = []
    for page in site.html_files:
        for img in site.html("/" + page.relative_to(site.output).as_posix()).iter("img"):
            if img.get("alt") is None or not img.get("srcset"):
                missing.append(f"{page.relative_to(site.output)}: {img.get('src')}")
    assert not missing
    # the check is not empty: the story with a photo has one
    assert site.html(fx.BUS_LANES.urls["ky"]).xpath("//main//img[@srcset]")


def test_drafts_and_embargoed_photos_are_never_processed(site):
    cache = site.fixture.cache / "photos"
    read = " ".join(sealed.load(cache / "hashes.pickle")[1])  # the files whose digest was read
    assert "lanes.jpg" in read
    assert fx.DRAFT_MARKER not in read and fx.EMBARGO_MARKER not in read


# --------------------------------------------------------------------------- bad files


def test_unreadable_photos_stop_the_build_all_named_in_one_run(make_site):
    site = make_site()
    folder = site.folder(PARK)
    bomb_png(folder / "bomb.png")
    (folder / "empty.jpg").write_bytes(b"")
    scene((60, 40)).save(folder / "gif.jpg", "GIF")
    (folder / "phone.heic").write_bytes(b"\x00\x00\x00\x18ftypheic")
    site.describe_photos(PARK, {name: describe(name) for name in ("bomb.png", "empty.jpg", "gif.jpg")})
    for lang in LANGS:
        site.story(PARK, lang, "Текст.", title={"ky": "Парк", "ru": "Парк"}[lang], date="2026-11-20 12:00",
                   slug="park-opening")
    result = site.build()
    assert result.returncode != 0 and "Traceback" not in result.text, result.text
    for name, says in (("bomb.png", "too many pixels"), ("empty.jpg", "empty file"), ("gif.jpg", "GIF image"),
                       ("phone.heic", "not a photo format")):
        lines = [line for line in result.text.splitlines() if f"{PARK}/{name}:" in line]
        assert lines and says in lines[0], f"{name}: {lines}\n{result.text}"
    assert not list(result.output.rglob("*.html"))


def test_a_damaged_photo_stops_the_build_and_leaves_nothing_half_written(make_site):
    site = make_site()
    folder = site.folder(PARK)
    camera_jpeg(folder / "good.jpg", size=(1000, 700))
    truncated_jpeg(folder / "cut.jpg")
    site.describe_photos(PARK, {"good.jpg": describe("good.jpg"), "cut.jpg": describe("cut.jpg")})
    site.story(PARK, "ru", "Текст.", title="Парк", date="2026-11-20 12:00", slug="park-opening")
    result = site.build()
    assert result.returncode != 0 and "Traceback" not in result.text, result.text
    assert f"{PARK}/cut.jpg: the photo \"cut.jpg\" is damaged" in result.text
    assert "replace the file" in result.text
    assert not list(result.output.rglob("*.html"))
    assert not list(result.output.rglob("*.jpg"))
    leftovers = [p for p in site.cache.rglob("*") if p.name.startswith(".tmp-")]
    assert not leftovers
    probes = [sealed.load(p) for p in site.cache.rglob("probe.pickle")]
    assert len(probes) == 1 and probes[0]["width"] == 1000  # good.jpg only


def test_files_named_with_spaces_commas_and_cyrillic_get_addresses_that_resolve(make_site):
    """Editors name files as they like; a srcset splits its candidates at commas and spaces, and a
    rendition's name, longer than its photo's, must still fit a file system's 255 bytes."""
    site = make_site()
    story, photo = "news/2026/11-21-meeting", "Жыйын, 21-ноябрь.jpg"
    long_name = "Тургундар менен жыйын " * 6 + ".jpg"  # 250 bytes: "<name>-1200.<hash>.webp" would be 267
    for name in (photo, long_name):
        camera_jpeg(site.folder(story) / name, size=(1000, 700))
    site.describe_photos(story, {name: describe(name) for name in (photo, long_name)})
    for lang in LANGS:
        site.story(story, lang, {"ky": "Тургундар менен жыйын өттү.", "ru": "Прошла встреча с жителями."}[lang],
                   title={"ky": "Жыйын", "ru": "Встреча"}[lang], date="2026-11-21 10:00", slug="meeting", image=photo)
    decision, document = "decisions/2026/11-20-parking", "Токтом №5 от 20.11.pdf"
    site.pdf(decision, document)
    site.story(decision, "ru", "Постановление вступает в силу с 1 января.", title="Тарифы на парковку",
               date="2026-11-20 16:00", number="№ 5", signed="2026-11-20", signatory="mayor", document=document,
               slug="parking")
    result = site.build()
    assert_built(result)

    def resolves(url: str) -> bool:
        return (result.output / unquote(urlsplit(url).path).lstrip("/")).is_file()

    named = []
    for page in ("/ky/news/2026/meeting/", "/ru/news/2026/meeting/", "/ru/decisions/2026/parking/"):
        html = result.html(page)
        for srcset in html.xpath("//img/@srcset | //source/@srcset"):
            for candidate in srcset.split(","):
                url, width = candidate.split()  # exactly an address and a width: no space left in the address
                assert re.fullmatch(r"\d+w", width) and resolves(url), (page, candidate)
        for url in html.xpath("//img/@src | //a/@href[contains(., '/media/')]"):
            assert " " not in url and resolves(url), (page, url)
            named.append(unquote(url))
    assert any(name.endswith("/" + photo) for name in named), "the photo's full-resolution link"
    assert any(name.endswith("/" + long_name) for name in named), "the long-named photo's"
    assert any(name.endswith("/" + document) for name in named), "the decision's document"
