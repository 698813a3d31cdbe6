"""The same commit builds to the same bytes: a deploy diff shows only what editors changed.

Two builds of the shared fixture site with the same clock, one with a cold
and one with a warm content cache, under different hash seeds (so any set or
dict order that leaks into a page shows up), must match file for file.
"""

from __future__ import annotations

import shutil

import pytest


def tree(output) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("preview", [False, True], ids=["public", "preview"])
def test_two_builds_are_byte_identical(site, tmp_path, monkeypatch, preview):
    shutil.copytree(site.fixture.root / "content", tmp_path / "content")
    shutil.copytree(site.fixture.root / "data", tmp_path / "data")
    fixture = type(site.fixture)(tmp_path, write_registries=False)
    builds = []
    for number, seed in enumerate(("1", "4242")):
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        result = fixture.build(output=tmp_path / f"output{number}", PORTAL_PREVIEW=preview)
        assert result.returncode == 0, result.text
        builds.append(tree(result.output))
    first, second = builds
    assert len(first) > 50
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert not differing
