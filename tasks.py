"""Every command an editor or developer runs (`make <task>` calls these)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).parent
BIN = Path(sys.executable).parent
OUTPUT = ROOT / "output"
HOST, PORT = "127.0.0.1", 8000


def pelican(*args: str) -> bool:
    """Build into a fresh folder and swap it in only if the build succeeds.

    Pelican empties its output folder before reading content, so a build that
    stops on an editor's mistake would otherwise leave no site at all.
    Returns False (after Pelican printed the editor's report) on bad content.
    """
    fresh, previous = OUTPUT.with_name(".output-new"), OUTPUT.with_name(".output-old")
    shutil.rmtree(fresh, ignore_errors=True)
    command = [str(BIN / "pelican"), "content", "-s", "pelicanconf.py", "-o", str(fresh), *args]
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        return False
    shutil.rmtree(previous, ignore_errors=True)
    if OUTPUT.exists():
        OUTPUT.rename(previous)
    fresh.rename(OUTPUT)
    shutil.rmtree(previous, ignore_errors=True)
    return True


@task
def build(c):
    """Build the site from content/ into output/."""
    if not pelican():
        sys.exit(1)


@task
def serve(c):
    """Build, serve at http://127.0.0.1:8000 and rebuild + reload the browser on every change."""
    from livereload import Server

    pelican()
    server = Server()
    for watched in ("content/**/*", "data/*.yml", "theme/**/*", "plugins/**/*.py", "pelicanconf.py"):
        server.watch(watched, lambda *_changed: pelican())
    print(f"Serving the site at http://{HOST}:{PORT}/ (Ctrl+C to stop)")
    server.serve(host=HOST, port=PORT, root=str(OUTPUT), open_url_delay=None)


@task
def clean(c):
    """Remove the built site (the content cache stays, so the next build is fast)."""
    shutil.rmtree(OUTPUT, ignore_errors=True)


def ensure_chromium() -> None:
    """Browser tests drive Debian's chromium; install it when it is missing."""
    if shutil.which("chromium"):
        return
    apt = ["apt-get"] if os.geteuid() == 0 else ["sudo", "apt-get"]
    print("Installing Debian's chromium for the browser tests…")
    subprocess.run([*apt, "update", "-qq"], check=True)
    subprocess.run([*apt, "install", "-y", "-qq", "chromium"], check=True)


def ensure_newsboat() -> None:
    """The feed tests load every RSS feed in Debian's newsboat, a real feed reader."""
    if shutil.which("newsboat"):
        return
    apt = ["apt-get"] if os.geteuid() == 0 else ["sudo", "apt-get"]
    print("Installing Debian's newsboat for the feed tests…")
    subprocess.run([*apt, "update", "-qq"], check=True)
    subprocess.run([*apt, "install", "-y", "-qq", "newsboat"], check=True)


def ensure_node_modules() -> None:
    """axe-core (accessibility checks) comes from npm, pinned by package-lock.json."""
    if not (ROOT / "node_modules" / "axe-core").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)


@task(help={"k": "only tests matching this pytest -k expression"})
def test(c, k=""):
    """Run the whole test suite (installing chromium, newsboat and axe-core if missing)."""
    ensure_chromium()
    ensure_newsboat()
    ensure_node_modules()
    args = [str(BIN / "pytest"), *(["-k", k] if k else [])]
    sys.exit(subprocess.run(args, cwd=ROOT).returncode)
