"""Embargoed and draft stories leave no trace in the built site.

The fixture site has a story dated 2026-11-27 09:00 (after PORTAL_NOW,
2026-11-26 12:00) and a `status: draft` story; each carries a unique marker
in its title, summary, body, photo's file name and alt text, and folder.
"""

from __future__ import annotations

import shutil

import pytest

import fixture_site as fx
from helpers import LANGS


def files_containing(output, marker: str) -> list[str]:
    """Every output file whose path or bytes contain the marker."""
    needle = marker.encode()
    hits = []
    for path in sorted(output.rglob("*")):
        relative = path.relative_to(output).as_posix()
        if marker in relative or (path.is_file() and needle in path.read_bytes()):
            hits.append(relative)
    return hits


@pytest.mark.parametrize("marker", [fx.EMBARGO_MARKER, fx.DRAFT_MARKER], ids=["embargoed", "draft"])
def test_no_trace_in_any_output_file(site, marker):
    assert not files_containing(site.output, marker)


@pytest.mark.parametrize("story, marker", [(fx.EMBARGOED, fx.EMBARGO_MARKER), (fx.DRAFT, fx.DRAFT_MARKER)],
                         ids=["embargoed", "draft"])
def test_their_photos_are_not_copied(site, story, marker):
    assert not (site.output / "media" / story.id).exists()
    photos = list(site.output.rglob("*.jpg"))
    assert photos and not [p for p in photos if marker in p.name]
    # the published story's photo next to it is copied: the check above can fail
    assert (site.output / "media" / fx.BUS_LANES.id / "lanes.jpg").is_file()


def test_the_embargo_lifts_when_the_clock_passes_it(site, tmp_path):
    """The same content built with PORTAL_NOW after the embargo publishes the story (not the draft)."""
    copy = tmp_path / "later"
    shutil.copytree(site.fixture.root / "content", copy / "content")
    shutil.copytree(site.fixture.root / "data", copy / "data")
    later = type(site.fixture)(copy, write_registries=False)
    result = later.build(now="2026-11-27 09:00")
    assert result.returncode == 0, result.text
    for lang in LANGS:
        page = result.file(fx.EMBARGOED.urls[lang])
        assert page.is_file(), f"{fx.EMBARGOED.urls[lang]} should be published at 09:00"
        assert fx.EMBARGOED.titles[lang] in page.read_text(encoding="utf-8")
        home = result.file(f"/{lang}/").read_text(encoding="utf-8")
        assert fx.EMBARGOED.urls[lang] in home
    assert (result.output / "media" / fx.EMBARGOED.id / f"{fx.EMBARGO_MARKER}.jpg").is_file()
    assert not files_containing(result.output, fx.DRAFT_MARKER)
