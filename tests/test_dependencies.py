"""The lock files: every dependency of pyproject.toml pinned with hashes, the editors' install
without the test tools, and the Makefile installing from the locks alone."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SITE_LOCK, DEV_LOCK = ROOT / "requirements.txt", ROOT / "requirements-dev.txt"
PIN = re.compile(r"^([A-Za-z0-9._-]+)==(\S+)(?: ; (.+?))? \\$", re.M)
TEST_TOOLS = {"pytest", "playwright", "ruff", "mypy", "pre-commit", "uv"}  # (feedparser: make monitor reads feeds)


def pins(lock: Path) -> dict[str, str]:
    """name → version of every package the lock installs; each must carry its hashes."""
    text = lock.read_text(encoding="utf-8")
    found = {canonicalize_name(name): version for name, version, _marker in PIN.findall(text)}
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    unhashed = [block.split()[0] for block in blocks if "==" in block and "--hash=sha256:" not in block]
    assert not unhashed, f"{lock.name}: pinned without a hash: {unhashed}"
    return found


def assert_locked(requirements: list[str], locked: dict[str, str], lock: Path) -> None:
    assert requirements
    for written in requirements:
        requirement = Requirement(written)
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{lock.name} has no {name}: run `make lock`"
        assert requirement.specifier.contains(locked[name], prereleases=True), \
            f"{lock.name} pins {name} {locked[name]}, pyproject.toml asks for {requirement.specifier}: run `make lock`"


def test_the_editors_lock_holds_every_dependency_and_no_test_tool():
    locked = pins(SITE_LOCK)
    assert_locked(PROJECT["project"]["dependencies"], locked, SITE_LOCK)
    assert not TEST_TOOLS & set(locked)


def test_the_developers_lock_holds_the_same_pins_and_the_tools():
    site, dev = pins(SITE_LOCK), pins(DEV_LOCK)
    assert_locked(PROJECT["dependency-groups"]["dev"], dev, DEV_LOCK)
    assert {name: dev.get(name) for name in site} == site  # one version of a package whatever the install
    assert set(dev) >= TEST_TOOLS


def test_pagefind_is_pinned_exactly():
    """Its service protocol (portal/search/service.py) is not a public API: a new release may change it."""
    (pagefind,) = [Requirement(r) for r in PROJECT["project"]["dependencies"] if r.startswith("pagefind")]
    assert [spec.operator for spec in pagefind.specifier] == ["=="]


@pytest.mark.parametrize("command, lock", [("serve", "requirements.txt"), ("build", "requirements.txt"),
                                           ("edit", "requirements.txt"), ("test", "requirements-dev.txt"),
                                           ("bench", "requirements-dev.txt")])  # its search row drives Chromium
def test_make_installs_from_the_lock_alone(tmp_path, command, lock):
    """`make -n` on a fresh copy: the environment is made from the one lock, with hashes, and nothing else."""
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    planned = subprocess.run(["make", "-n", command], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    installs = [line for line in planned.splitlines() if "pip install" in line]
    assert len(installs) == 1, planned
    assert "--require-hashes" in installs[0] and "--no-deps" in installs[0], installs
    assert installs[0].endswith(f"-r {lock}"), installs
