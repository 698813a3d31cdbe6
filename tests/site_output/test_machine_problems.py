"""The computer's problems are reported as the computer's, and the site stays as it was.

A full disk, a read-only disk, a folder the build may not write and a file
size limit each stop a build that would otherwise have succeeded. The
editor must read one clear message that it is not their content (never
"the photo is damaged", never a traceback), and the site must be exactly
the previous one; once the computer is fixed, the next build succeeds.

The disk is a small tmpfs mounted for the module (root only: without it,
those tests are skipped); no permission is simulated by running the build
in a user namespace as an unprivileged user where the tests run as root
(root may write anywhere); the file size limit is RLIMIT_FSIZE, set in the
build's process, which gets EFBIG.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest

import feeds_fixture
import fixture_site as fx
from sites import FixtureSite, assert_built

NOT_YOURS = "This is not a problem with your content"
UNCHANGED = "The site was not changed"


def state(site: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(site).as_posix(): (p.read_bytes(), p.stat().st_ino) for p in sorted(site.rglob("*"))
            if p.is_file()}


def mount(*options: str, at: Path) -> bool:
    return subprocess.run(["mount", *options, at], capture_output=True).returncode == 0


@pytest.fixture(scope="module")
def disk():
    """A 48 MB tmpfs, world-readable; skips without the right to mount."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small disk needs root")
    at = Path(tempfile.mkdtemp(prefix="portal-disk-"))
    if not mount("-t", "tmpfs", "-o", "size=48m,mode=0755", "tmpfs", at=at):
        at.rmdir()
        pytest.skip("this machine does not let the tests mount a tmpfs")
    yield at
    subprocess.run(["umount", at], check=True)
    at.rmdir()


@pytest.fixture(scope="module")
def site(disk) -> FixtureSite:
    """The feeds fixture site on the small disk, built once."""
    built = FixtureSite(disk / "site")
    feeds_fixture.populate(built)
    assert_built(built.build())
    return built


def edit(site: FixtureSite, marker: str) -> None:
    """A change that needs new files everywhere: a page, a photo's renditions, the search index."""
    path = site.content / fx.BUS_LANES.id / "index.ru.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\nДополнение {marker}.\n", encoding="utf-8")
    site.photo(fx.BUS_LANES.id, f"{marker}.jpg", size=(1600, 1000), color=(10, 20, len(marker) * 9 % 256))
    photos = site.content / fx.BUS_LANES.id / "photos.yml"
    photos.write_text(photos.read_text(encoding="utf-8") + f"{marker}.jpg:\n  alt: {{ky: Сүрөт, ru: Фото}}\n"
                      "  credit: Пресс-служба\n", encoding="utf-8")


def assert_reported_as_the_computers(result, what: str, before: dict) -> None:
    assert result.returncode == 1, result.text
    assert "Traceback" not in result.text and "damaged" not in result.text, result.text
    assert what in result.text and NOT_YOURS in result.text and UNCHANGED in result.text, result.text
    assert state(result.output) == before


def test_a_full_disk(site, disk):
    before = state(site.root / "output")
    edit(site, "full")
    free = shutil.disk_usage(disk).free
    filler = disk / "filler"
    with filler.open("wb") as file:  # leave a few kilobytes: enough to start, not to finish
        file.truncate(0)
        file.write(b"\0" * (free - 200_000))
    try:
        assert_reported_as_the_computers(site.build(), "the disk is full", before)
    finally:
        filler.unlink()
    assert_built(site.build())


def test_a_read_only_disk(site, disk):
    before = state(site.root / "output")
    edit(site, "readonly")
    assert mount("-o", "remount,ro", at=disk)
    try:
        assert_reported_as_the_computers(site.build(), "the disk is read-only", before)
    finally:
        assert mount("-o", "remount,rw", at=disk)
    assert_built(site.build())


def test_no_permission_to_write(site):
    """Root may write anywhere: the build then runs as an unprivileged user (a user namespace)."""
    before = state(site.root / "output")
    edit(site, "locked")
    wrap = []
    if os.geteuid() == 0:
        if subprocess.run(["unshare", "--user", "--map-user=65534", "true"], capture_output=True).returncode:
            pytest.skip("no user namespaces here: root cannot be refused a write")
        wrap = ["unshare", "--user", "--map-user=65534", "--map-group=65534"]
    folders = [site.cache, *(p for p in site.cache.rglob("*") if p.is_dir())]
    for folder in folders:
        folder.chmod(0o555)
    try:
        assert_reported_as_the_computers(site.build(wrap=wrap), "no permission to use", before)
    finally:
        for folder in folders:
            folder.chmod(0o755)
    assert_built(site.build())


def test_a_file_size_limit(make_site, tmp_path):
    site = make_site()
    fx.populate(site)
    assert_built(site.build())
    before = state(site.root / "output")
    edit(site, "large")

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of the signal that ends the process

    assert_reported_as_the_computers(site.build(setup=limited), "larger than this computer allows", before)
    assert_built(site.build())
