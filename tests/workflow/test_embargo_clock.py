"""Embargo and drafts against a frozen clock, on both sides of the embargo time.

Every output file (pages, feeds, search index, media: whatever the site
writes) is searched for the story's unique marker, in its path and bytes.
"""

from __future__ import annotations

import shutil

import pytest

import fixture_site as fx

EMBARGO = "2026-11-27 09:00"
FUTURE_DRAFT = "news/2026/12-01-zqfuturedraft5150"


def traces(output, marker: str) -> list[str]:
    needle = marker.encode()
    return [p.relative_to(output).as_posix() for p in sorted(output.rglob("*"))
            if marker in p.relative_to(output).as_posix() or (p.is_file() and needle in p.read_bytes())]


@pytest.fixture(scope="module")
def content(site, tmp_path_factory):
    """The shared fixture site's content plus a draft dated after the embargo."""
    root = tmp_path_factory.mktemp("embargo")
    shutil.copytree(site.fixture.root / "content", root / "content")
    shutil.copytree(site.fixture.root / "data", root / "data")
    fixture = type(site.fixture)(root, write_registries=False)
    fixture.story(FUTURE_DRAFT, "ky", "zqfuturedraft5150", title="Келечек zqfuturedraft5150",
                  date="2026-11-27 08:00", status="draft")
    return fixture


def build_at(content, now: str):
    output = content.root / f"output-{now.replace(' ', '-').replace(':', '')}"
    result = content.build(output=output, now=now)
    assert result.returncode == 0, result.text
    return result


def test_one_second_before_the_embargo_nothing_leaks(content):
    result = build_at(content, "2026-11-27 08:59:59")
    assert traces(result.output, fx.EMBARGO_MARKER) == []
    assert traces(result.output, fx.DRAFT_MARKER) == []
    assert traces(result.output, "zqfuturedraft5150") == []


def test_at_the_embargo_time_the_story_is_everywhere_and_drafts_still_nowhere(content):
    result = build_at(content, EMBARGO)
    found = traces(result.output, fx.EMBARGO_MARKER)
    for lang in ("ky", "ru"):
        assert result.file(fx.EMBARGOED.urls[lang]).relative_to(result.output).as_posix() in found
        assert f"{lang}/index.html" in found and f"{lang}/news/index.html" in found
    assert f"media/{fx.EMBARGOED.id}/{fx.EMBARGO_MARKER}.jpg" in found
    assert traces(result.output, fx.DRAFT_MARKER) == []             # a draft dated in the past
    assert traces(result.output, "zqfuturedraft5150") == []         # a draft whose date has passed
