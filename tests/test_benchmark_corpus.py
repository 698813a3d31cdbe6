"""`make bench` builds a synthetic corpus: it must stay valid content as the content model grows."""

from __future__ import annotations

import json
import subprocess

from benchmarks.corpus import generate
from benchmarks.run import add_photo, edit
from helpers import PELICAN, ROOT


def test_the_synthetic_corpus_and_its_edits_build_with_our_site(tmp_path):
    made = generate(40, seed=7, ours=tmp_path / "ours", pelican=tmp_path / "stock")
    assert {story.section for story in made} >= {"news", "decisions", "announcements", "video", "audio"}
    for number in range(3):  # the benchmark's warm scenarios change the corpus like this
        edit(tmp_path / "ours", made, number, "body")
        add_photo(tmp_path / "ours", made, number)
    overrides = {"PORTAL_DATA": str(tmp_path / "ours" / "data"), "CACHE_PATH": str(tmp_path / "cache"),
                 "PORTAL_NOW": "2030-01-01 00:00"}
    command = [str(PELICAN), str(tmp_path / "ours" / "content"), "-s", str(ROOT / "pelicanconf.py"),
               "-o", str(tmp_path / "output"), "-e", *(f"{k}={json.dumps(v)}" for k, v in overrides.items())]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(list((tmp_path / "output").rglob("index.html"))) > 80
