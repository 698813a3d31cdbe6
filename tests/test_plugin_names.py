"""Installed Pelican namespace plugins cannot replace ours.

Pelican looks every name in PLUGINS up among the installed namespace
plugins (`pelican.plugins.<name>`) before PLUGIN_PATHS: with pelican-sitemap
or pelican-search installed, a plain "sitemap" or "search" would silently
load theirs. Ours are loaded as "portal.sitemap" and "portal.search".

Here stand-ins of both are installed where Pelican finds namespace plugins
(a `pelican/plugins/` folder of their own, added to the `pelican` package's
path as a second site-packages would be) and the real `pelican` command
builds. Each stand-in leaves a file when Pelican imports it and another
when it is registered. A build by the short names shows they would win; the
site's own build imports them (Pelican scans every namespace plugin) but
registers neither, and writes our sitemaps and search index.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import NOW, ROOT
from sites import BuildResult, FixtureSite, assert_built

STAND_INS = ("sitemap", "search")
STAND_IN = '''"""A stand-in for pelican-{name}: it says when it is imported and when it is registered."""
from pathlib import Path

HERE = Path(__file__).parent
(HERE / "imported").touch()


def register():
    (HERE / "registered").touch()
'''
# The `pelican` command, with the stand-ins' folder as another place the `pelican` package lives.
LAUNCH = '''import sys
import pelican
pelican.__path__.append(sys.argv.pop(1))
sys.argv[0] = "pelican"
sys.exit(pelican.main())
'''


@pytest.fixture(scope="module")
def stand_ins(tmp_path_factory) -> Path:
    """A `pelican` package portion holding pelican.plugins.sitemap and pelican.plugins.search."""
    portion = tmp_path_factory.mktemp("site-packages") / "pelican"
    for name in STAND_INS:
        package = portion / "plugins" / name
        package.mkdir(parents=True)
        (package / "__init__.py").write_text(STAND_IN.format(name=name), encoding="utf-8")
    return portion


def pelican(stand_ins: Path, site: FixtureSite, output: Path, **settings) -> BuildResult:
    overrides = {"PORTAL_DATA": str(site.data), "CACHE_PATH": str(site.cache), "PORTAL_NOW": NOW, **settings}
    command = [sys.executable, "-c", LAUNCH, str(stand_ins), str(site.content), "-s", str(ROOT / "pelicanconf.py"),
               "-o", str(output), "-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    return BuildResult(done.returncode, done.stdout, done.stderr, output, "http://127.0.0.1:8000", site)


def markers(stand_ins: Path, marker: str) -> list[str]:
    return [name for name in STAND_INS if (stand_ins / "plugins" / name / marker).exists()]


def clear(stand_ins: Path) -> None:
    for name in STAND_INS:
        for marker in ("imported", "registered"):
            (stand_ins / "plugins" / name / marker).unlink(missing_ok=True)


def test_the_short_names_would_load_the_installed_plugins(stand_ins, tmp_path):
    """The danger is real: by the names our plugins had, Pelican registers the stand-ins."""
    clear(stand_ins)
    site = FixtureSite(tmp_path / "site")
    assert_built(pelican(stand_ins, site, tmp_path / "output", PLUGINS=list(STAND_INS)))
    assert markers(stand_ins, "registered") == list(STAND_INS)


def test_the_site_loads_its_own_plugins_and_ignores_the_installed_ones(stand_ins, tmp_path):
    clear(stand_ins)
    site = FixtureSite(tmp_path / "site")
    for lang, title, body in (("ky", "Жаңы аялдамалар ачылды", "Шаарда он жаңы аялдама курулду."),
                              ("ru", "Открылись новые остановки", "В городе построили десять новых остановок.")):
        site.story("news/2026/11-20-new-stops", lang, body, title=title, date="2026-11-20 09:00")
    built = pelican(stand_ins, site, tmp_path / "output")
    assert_built(built)
    assert markers(stand_ins, "imported") == list(STAND_INS), "Pelican did not see the stand-ins"
    assert markers(stand_ins, "registered") == [], "an installed namespace plugin replaced ours"
    assert "<sitemapindex" in built.file("/sitemap.xml").read_text(encoding="utf-8"), "not our sitemap"
    assert "hreflang" in built.file("/sitemap-ky-2026.xml").read_text(encoding="utf-8"), "not our sitemap"
    assert built.exists("/news-sitemap.xml")
    assert built.exists("/pagefind/chunks.json"), "not our search index"
