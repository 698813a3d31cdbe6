"""The shared fixture site itself builds cleanly (every other test reads its output)."""

from __future__ import annotations

import fixture_site as fx
from helpers import LANGS


def test_the_fixture_site_builds_without_warnings(site):
    assert site.returncode == 0
    noisy = [line for line in site.text.splitlines() if "WARNING" in line or "ERROR" in line]
    assert not noisy, site.text


def test_every_published_story_has_its_pages(site):
    missing = [url for story in fx.PUBLISHED for url in story.urls.values() if not site.exists(url)]
    assert not missing
    built = [p for lang in LANGS for p in (site.output / lang).glob("*/2026/*/index.html")]
    assert len(built) == sum(len(story.urls) for story in fx.PUBLISHED)
