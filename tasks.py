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


def pelican(*args: str, content: str = "content", output: Path = OUTPUT) -> bool:
    """Build into a fresh folder and swap it in only if the build succeeds.

    Pelican empties its output folder before reading content, so a build that
    stops on an editor's mistake would otherwise leave no site at all. The
    fresh folder takes every unchanged file from the current site as a hard
    link (PORTAL_PREVIOUS_OUTPUT, see plugins/bilingual/output.py), so only
    what changed is written. Returns False (after Pelican printed the
    editor's report) on bad content.
    """
    fresh, previous = output.with_name(".output-new"), output.with_name(".output-old")
    shutil.rmtree(fresh, ignore_errors=True)
    command = [str(BIN / "pelican"), content, "-s", "pelicanconf.py", "-o", str(fresh), *args]
    env = {**os.environ, "PORTAL_PREVIOUS_OUTPUT": str(output)}
    if subprocess.run(command, cwd=ROOT, env=env).returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        return False
    shutil.rmtree(previous, ignore_errors=True)
    if output.exists():
        output.rename(previous)
    fresh.rename(output)
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


@task(help={"n": "story pairs in the synthetic corpus (default 1000)", "runs": "runs per scenario (median)"})
def bench(c, n=1000, runs=3, seed=1):
    """Time our build against stock Pelican + i18n_subsites on a synthetic corpus (see benchmarks/)."""
    from benchmarks.run import main

    main(int(n), int(seed), int(runs))


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


def ensure_node_modules() -> None:
    """axe-core (accessibility checks) comes from npm, pinned by package-lock.json."""
    if not (ROOT / "node_modules" / "axe-core").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)


@task(help={"k": "only tests matching this pytest -k expression"})
def test(c, k=""):
    """Run the whole test suite (installing chromium and axe-core if missing)."""
    ensure_chromium()
    ensure_node_modules()
    args = [str(BIN / "pytest"), *(["-k", k] if k else [])]
    sys.exit(subprocess.run(args, cwd=ROOT).returncode)
