"""The settings layer (portal/core/settings.py): defaults in one place, paths from the settings
file's folder, one parser for the embargo clock, and a wrong setting named in a clear error."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pelican.settings import read_settings

from helpers import NOW, PELICAN, ROOT
from portal.core import context_keys
from portal.core.settings import DEFAULTS, BadSetting, SiteSettings, host_limits, licences
from portal.feeds.config import FeedSettings
from portal.photos.settings import RenditionSettings
from sites import assert_built
from workflow.publishing import PublishSettings

PLUGINS = ROOT / "plugins" / "portal"
CONTEXT_KEYS = {key for name, key in vars(context_keys).items() if name.endswith("_KEY")}  # what plugins share
ENVIRONMENT = {"PORTAL_UI_LANG", "PORTAL_CHECK_HTML"}  # not settings: the editors' language, CI's HTML check
SETTING = r'"((?:PORTAL|PUBLISH)_[A-Z_]+|CNAME)"'  # a name of ours as the code reads it: in quotes
BISHKEK = ZoneInfo("Asia/Bishkek")


def settings(**changes) -> dict:
    """pelicanconf.py as Pelican reads it, with `changes`."""
    return read_settings(str(ROOT / "pelicanconf.py"), override=changes)


def test_relative_paths_start_at_the_settings_file_not_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    site = SiteSettings.read(settings(PORTAL_TRANSLATIONS="theme/translations"))
    assert site.data == ROOT / "data"
    assert site.translations == ROOT / "theme" / "translations"
    assert SiteSettings.read(settings(PORTAL_DATA=str(tmp_path))).data == tmp_path
    with pytest.raises(BadSetting, match="PORTAL_ROOT is missing: PORTAL_DATA"):
        SiteSettings.read(settings(PORTAL_ROOT=None))


def test_a_build_run_from_another_folder_reads_the_folders_its_settings_file_names(make_site, tmp_path):
    """The project's own pelicanconf.py, every path in it relative (content, data, cache, theme,
    plugins), run from a working folder that holds nothing: the site is built from the settings
    file's folder, and nothing is read from or written to the working folder."""
    site = make_site()
    for lang, title in (("ky", "Жаңы автобус тилкелери"), ("ru", "Новые автобусные полосы")):
        site.story("news/2026/11-26-bus-lanes", lang, f"{title}.", title=title, date="2026-11-26 10:00")
    shutil.copy(ROOT / "pelicanconf.py", site.root / "pelicanconf.py")
    for shared in ("theme", "plugins"):
        (site.root / shared).symlink_to(ROOT / shared)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run([str(PELICAN), "-s", str(site.root / "pelicanconf.py"), "-o", str(site.root / "output"),
                           "-e", f'PORTAL_NOW="{NOW}"'], cwd=elsewhere, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stdout + done.stderr
    (story,) = (site.root / "output" / "ky" / "news" / "2026").glob("*/index.html")
    assert "Жаңы автобус тилкелери" in story.read_text(encoding="utf-8")  # with the registries of the site's data/
    assert (site.root / "cache").is_dir()
    assert not list(elsewhere.iterdir())


def test_unset_settings_take_the_defaults():
    bare = {"PORTAL_LANGUAGES": settings()["PORTAL_LANGUAGES"], "TIMEZONE": "Asia/Bishkek", "PORTAL_ROOT": "/site",
            "PORTAL_FEED_ID_AUTHORITY": "meria.kg,2026"}
    site = SiteSettings.read(bare)
    assert (site.page_size, site.story_url, site.now, site.preview, site.data) == \
        (DEFAULTS["PORTAL_PAGE_SIZE"], DEFAULTS["PORTAL_STORY_URL"], None, False, Path("/site/data"))
    assert FeedSettings.read(bare).kinds == tuple(DEFAULTS["PORTAL_FEED_KINDS"])
    assert RenditionSettings.from_settings(bare).widths == tuple(DEFAULTS["PORTAL_PHOTO_WIDTHS"])


@pytest.mark.parametrize("written, expected", [
    ("2026-11-26 10:30", datetime(2026, 11, 26, 10, 30, tzinfo=BISHKEK)),
    ("2026-11-26 9:05", datetime(2026, 11, 26, 9, 5, tzinfo=BISHKEK)),  # what `make new` refused
    ("2026-11-26T04:30:00+00:00", datetime(2026, 11, 26, 10, 30, tzinfo=BISHKEK)),
])
def test_the_embargo_clock_reads_what_editors_write(written, expected):
    assert SiteSettings.read(settings(PORTAL_NOW=written)).clock() == expected


@pytest.mark.parametrize("name, wrong, read", [
    ("PORTAL_PAGE_SIZE", "12", SiteSettings.read),
    ("PORTAL_NOW", "tomorrow", SiteSettings.read),
    ("PORTAL_PREVIEW", "yes", SiteSettings.read),
    ("PORTAL_PROCESSES", 0, SiteSettings.read),
    ("PORTAL_LANGUAGES", {"ky": {"name": "Кыргызча"}}, SiteSettings.read),
    ("PORTAL_STORY_URL", "{lang}/{section}/{year}", SiteSettings.read),
    ("TIMEZONE", "Bishkek", SiteSettings.read),
    ("DEFAULT_LANG", "ru", SiteSettings.read),
    ("PORTAL_FEED_KINDS", ["all", "sectons"], FeedSettings.read),
    ("PORTAL_FEED_ID_AUTHORITY", "meria.kg", FeedSettings.read),
    ("PORTAL_FEED_MAX_ITEMS", 0, FeedSettings.read),
    ("PORTAL_PHOTO_FORMATS", {"webp": 80}, RenditionSettings.from_settings),
    ("PORTAL_PHOTO_WIDTHS", "480, 800", RenditionSettings.from_settings),
    ("PORTAL_PHOTO_LICENCE", "CC-BY", licences),
    ("PORTAL_HOST_LIMITS", {"site": "1 GB"}, host_limits),
    ("PUBLISH_BRANCH", None, PublishSettings.read),
    ("PUBLISH_MEDIA_COMMAND", "rclone sync", lambda raw: PublishSettings.read({**raw, "PORTAL_MEDIA_URL": "https://m.kg"})),
])
def test_a_wrong_setting_is_named_with_what_to_write(name, wrong, read):
    with pytest.raises(BadSetting) as stopped:
        read(settings(**{name: wrong}))
    assert stopped.value.name == name
    assert re.match(rf"The setting {name} .+\. Write, for example: {name} = .+", str(stopped.value.code))


def test_a_wrong_setting_stops_the_build_with_its_name_and_no_traceback(make_site):
    """Also the embargo clock: the build refuses and takes the values `make new` refuses and takes."""
    site = make_site()
    result = site.build(PORTAL_PAGE_SIZE="twelve")
    assert result.returncode != 0
    assert "The setting PORTAL_PAGE_SIZE must be a whole number of at least 1, not 'twelve'" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    clock = site.build(now="tomorrow")  # make new refuses it in the same words (tests/workflow/test_new.py)
    assert clock.returncode != 0 and "Traceback" not in clock.text
    assert 'The setting PORTAL_NOW is not a date: "tomorrow". Write, for example: PORTAL_NOW = "2026-11-26 10:30"' \
        in clock.stderr
    assert_built(site.build(now="2026-11-26 9:05"))  # and the clock make new takes, which it once refused


def test_every_setting_has_its_default_and_its_line_in_the_architecture():
    """docs/architecture.md lists every setting DEFAULTS has, and the code (plugins, the editors' commands)
    reads no other of ours."""
    code = [*PLUGINS.rglob("*.py"), *(ROOT / "workflow").rglob("*.py"), *(ROOT / "monitoring").rglob("*.py"),
            ROOT / "tasks.py"]
    read = {name for path in code for name in re.findall(SETTING, path.read_text(encoding="utf-8"))}
    read -= CONTEXT_KEYS | ENVIRONMENT
    assert {"PORTAL_NOW", "PORTAL_HOST_LIMITS", "PUBLISH_BRANCH"} <= read, "the code reads settings"
    ours = set(DEFAULTS) | {"PORTAL_LANGUAGES"}
    assert read <= ours, f"give these a default in portal/core/settings.py's DEFAULTS: {sorted(read - ours)}"
    architecture = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    documented = set(re.findall(rf"^\| `{SETTING[1:-1]}`", architecture, re.M)) - CONTEXT_KEYS
    assert documented == ours, ("the Settings table of docs/architecture.md lacks "
                                f"{sorted(ours - documented)}, lists unknown {sorted(documented - ours)}")
    not_settings = architecture[architecture.index("Not settings, though named"):].split("\n\n")[0]
    named = set(re.findall(r"`(PORTAL_[A-Z_]+)`", not_settings))
    assert named == CONTEXT_KEYS, ("docs/architecture.md's 'Not settings, though named alike' paragraph lacks "
                                   f"{sorted(CONTEXT_KEYS - named)}, names {sorted(named - CONTEXT_KEYS)}")


def test_the_plugins_read_no_setting_but_through_the_settings_layer():
    """Pelican's own settings too (CACHE_PATH, SITEURL, DEFAULT_LANG): `SiteSettings` has them, checked."""
    raw = [f"{path.relative_to(PLUGINS)}:{number}" for path in PLUGINS.rglob("*.py")
           if path != PLUGINS / "core" / "settings.py"
           for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
           if re.search(r"settings(\[|\.get\()", line)]
    assert not raw, raw
