"""The photo pool forks its workers on PORTAL_PROCESSES cores, like the other pools, even where
the interpreter's default start method is spawn (macOS) or forkserver (Linux from Python 3.14)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from helpers import NOW, ROOT
from sites import FixtureSite

STORY = "news/2026/11-26-park"
# The `pelican` command, with another default start method for every pool that does not name its own.
LAUNCH = '''import multiprocessing, sys
multiprocessing.set_start_method(sys.argv.pop(1))
import pelican
sys.argv[0] = "pelican"
sys.exit(pelican.main())
'''


@pytest.fixture(scope="module")
def park(tmp_path_factory) -> FixtureSite:
    """A story with three photos: three tasks for the pool."""
    site = FixtureSite(tmp_path_factory.mktemp("pool"))
    names = [f"park-{n}.jpg" for n in range(3)]
    for number, name in enumerate(names):
        site.photo(STORY, name, color=(40 + 60 * number, 110, 160))
    described = [{"file": name, "alt": "Жаңы парктын аллеясы", "credit": "Мэриянын басма сөз кызматы"}
                 for name in names]
    for lang, title in (("ky", "Жаңы парк ачылды"), ("ru", "Открылся новый парк")):
        site.story(STORY, lang, f"{title}.", title=title, date="2026-11-26 10:00", image=names[0],
                   photos=[{**photo, "alt": f"{photo['alt']} ({lang})"} for photo in described])
    return site


@pytest.mark.parametrize("start_method, processes", [("spawn", 2), ("forkserver", 1)])
def test_the_photo_pool_forks_on_the_cores_it_is_given(park, tmp_path, start_method, processes):
    cache = tmp_path / "cache"  # nothing made yet: every photo is a task
    overrides = {"PORTAL_DATA": str(park.data), "CACHE_PATH": str(cache), "PORTAL_NOW": NOW,
                 "PORTAL_PROCESSES": processes}
    command = [sys.executable, "-c", LAUNCH, start_method, str(park.content), "-s", str(ROOT / "pelicanconf.py"),
               "-o", str(tmp_path / "output"), "-e", *(f"{key}={json.dumps(v)}" for key, v in overrides.items())]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={k: v for k, v in os.environ.items() if k != "PORTAL_NOW"})
    assert done.returncode == 0, done.stdout + done.stderr
    stats = json.loads((cache / "photos" / "stats.json").read_text(encoding="utf-8"))
    assert stats["processes"] == processes
    assert stats["photos"] == 3 and stats["encoded"] >= 3 * 2  # each photo in two formats at least
    assert len(list((tmp_path / "output" / "media" / STORY).glob("park-*-480.*.webp"))) == 3
