"""The preview (PORTAL_PREVIEW=True) shows drafts and embargoed stories, bannered as not public.

A public build of the same content shows neither and no banner; the preview
records no address for them in data/permalinks.yml.
"""

from __future__ import annotations

import shutil

import pytest
import yaml

import fixture_site as fx
from helpers import LANGS, normalize, page_text


@pytest.fixture(scope="module")
def preview(site, tmp_path_factory):
    root = tmp_path_factory.mktemp("preview")
    shutil.copytree(site.fixture.root / "content", root / "content")
    shutil.copytree(site.fixture.root / "data", root / "data")
    fixture = type(site.fixture)(root, write_registries=False)
    result = fixture.build(PORTAL_PREVIEW=True)
    assert result.returncode == 0, result.text
    return result


@pytest.mark.parametrize("lang", LANGS)
def test_drafts_and_embargoed_stories_are_shown_with_what_they_are(preview, lang):
    draft = page_text(preview.html(fx.DRAFT.urls[lang]))
    embargoed = page_text(preview.html(fx.EMBARGOED.urls[lang]))
    assert fx.DRAFT.titles[lang] in draft and fx.EMBARGOED.titles[lang] in embargoed
    banner = {"ky": ("долбоор", "эмбаргодо", "27-ноябрь"), "ru": ("черновик", "под эмбарго", "27 ноября")}[lang]
    assert banner[0] in draft.lower()
    assert banner[1] in embargoed and banner[2] in embargoed


@pytest.mark.parametrize("lang", LANGS)
def test_every_preview_page_says_it_is_not_the_public_site(preview, lang):
    for path in (f"/{lang}/", fx.BUS_LANES.urls[lang], f"/{lang}/news/"):
        doc = preview.html(path)
        banner = doc.xpath('//body/div[@class="preview-banner"]')
        assert banner, path
        assert {"ky": "Алдын ала көрүү", "ru": "Предпросмотр"}[lang] in normalize(banner[0].text_content())
        assert doc.xpath('//meta[@name="robots"]/@content') == ["noindex, nofollow"]


def test_the_public_build_has_no_banner(site):
    for path in ("/ky/", fx.BUS_LANES.urls["ru"], "/"):
        doc = site.html(path)
        assert not doc.xpath('//*[contains(@class, "preview-banner")]')
        assert not doc.xpath('//meta[@name="robots"]')


def test_the_preview_records_no_address_for_unpublished_stories(preview):
    recorded = yaml.safe_load((preview.fixture.data / "permalinks.yml").read_text(encoding="utf-8"))
    assert fx.BUS_LANES.id in recorded
    assert fx.DRAFT.id not in recorded and fx.EMBARGOED.id not in recorded
