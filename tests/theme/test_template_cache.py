"""Compiled templates are kept between builds, and never used for settings they were not compiled under."""

from __future__ import annotations

import shutil

import fixture_site as fx
from sites import FixtureSite, assert_built

LOOSE = {"autoescape": True, "trim_blocks": False, "lstrip_blocks": False, "auto_reload": False}


def test_a_changed_syntax_option_compiles_the_templates_again(tmp_path):
    site = FixtureSite(tmp_path / "site")
    fx.populate(site)
    first = site.build(output=tmp_path / "output")
    assert_built(first)
    compiled = sorted((site.cache / "jinja").iterdir())
    assert len(compiled) > 20, "every template the build loaded is kept compiled"
    page = first.file(fx.BUS_LANES.urls["ru"]).read_bytes()

    loose = site.build(output=first.output, JINJA_ENVIRONMENT=LOOSE)
    assert_built(loose)
    shutil.rmtree(site.cache)
    clean = site.build(output=tmp_path / "clean", JINJA_ENVIRONMENT=LOOSE)
    assert_built(clean)
    rebuilt = loose.file(fx.BUS_LANES.urls["ru"]).read_bytes()
    assert rebuilt != page and rebuilt == clean.file(fx.BUS_LANES.urls["ru"]).read_bytes()
