"""The same commit builds to the same bytes: a deploy diff shows only what editors changed.

Builds of the shared fixture site with the same clock, each with a cache of
its own made from nothing, then one again with a warm cache, under
different hash seeds (so any set or dict order that leaks into a page
shows up), must match file for file: pages, feeds, media and the search
index (Pagefind writes its filters in hash-map order; the search plugin
puts them in order, see search/normalise.py).
"""

from __future__ import annotations

import shutil

import pytest


def tree(output) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("preview", [False, True], ids=["public", "preview"])
def test_builds_are_byte_identical_from_any_cache(site, tmp_path, monkeypatch, preview):
    fixtures = []
    for name in ("a", "b"):
        shutil.copytree(site.fixture.root / "content", tmp_path / name / "content")
        shutil.copytree(site.fixture.root / "data", tmp_path / name / "data")
        fixtures.append(type(site.fixture)(tmp_path / name, write_registries=False))
    builds = []
    for number, (fixture, seed) in enumerate(zip([*fixtures, fixtures[0]], ("1", "4242", "77"), strict=True)):
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        result = fixture.build(output=tmp_path / f"output{number}", PORTAL_PREVIEW=preview, PORTAL_SEARCH_CHUNK=3)
        assert result.returncode == 0, result.text
        builds.append(tree(result.output))
    first = builds[0]
    assert len(first) > 50 and any(name.endswith(".pf_filter") for name in first)
    for other in builds[1:]:
        assert sorted(first) == sorted(other)
        differing = [name for name in first if first[name] != other[name]]
        assert not differing
