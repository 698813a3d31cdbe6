"""Run Pagefind (the `pagefind[extended]` package) over the built site.

Pagefind runs as a separate process, as its own command line does (its
Python API drives the same binary through a service process: nothing to
gain for indexing a finished folder). It writes its bundle into a
staging folder in the cache; the files are then moved into the site, or
linked from the previous site where Pagefind made the same file again (its
fragment and index files are named by their content): an edited story
changes a handful of the index's files, not all of them; when no page
changed at all, Pagefind does not run. Pagefind's ready-made UIs are left
out: the theme's search.js uses its JS API.

Pagefind writes its filter files in hash-map order, so two runs over the same
pages can give differently named files. The last bundle is therefore kept in
the cache under a digest of every page it indexed: the same pages reuse the
same bundle, and the same commit builds to the same bytes.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from bilingual.output import Output

BUNDLE = "pagefind"  # the folder under the site's root: /pagefind/pagefind.js, the index, the fragments
UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")


class SearchIndexFailed(SystemExit):
    """Stops the build with Pagefind's own words instead of a traceback."""


def index_site(output_path: str, settings: dict) -> None:
    site = Path(output_path)
    output = Output(site, settings.get("PORTAL_PREVIOUS_OUTPUT"))
    if output.previous is not None and pages_unchanged(site, output.previous):
        for old in sorted(p for p in (output.previous / BUNDLE).rglob("*") if p.is_file()):
            output.link(old.relative_to(output.previous).as_posix())
        return
    bundle = cached_bundle(site, Path(settings["CACHE_PATH"]).resolve() / "pagefind")
    for made in sorted(p for p in bundle.rglob("*") if p.is_file()):
        if not made.name.startswith(UNUSED):
            output.write(f"{BUNDLE}/{made.relative_to(bundle).as_posix()}", made.read_bytes())


def cached_bundle(site: Path, cache: Path) -> Path:
    """Pagefind's bundle for exactly these pages: the kept one, or a new run's (which replaces it)."""
    digest = hashlib.blake2b(version("pagefind").encode())
    for page in sorted(site.rglob("*.html")):
        digest.update(page.relative_to(site).as_posix().encode())
        digest.update(page.read_bytes())
    kept = cache / digest.hexdigest()[:32]
    if kept.is_dir():
        return kept
    staging = cache / "staging"
    shutil.rmtree(staging, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(staging), "--silent"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SearchIndexFailed(f"The search index was not built: Pagefind stopped ({done.returncode}).\n"
                                f"{done.stdout}{done.stderr}")
    for older in cache.iterdir():
        if older != staging:
            shutil.rmtree(older)
    staging.rename(kept)
    return kept


def pages_unchanged(site: Path, previous: Path) -> bool:
    """Every page is the very file of the previous site, none was removed, and that site has an index:
    Pagefind would make the same bundle again."""
    if not (previous / BUNDLE / "pagefind-entry.json").is_file():
        return False
    pages = {p.relative_to(site): p.stat().st_ino for p in site.rglob("*.html")}
    before = {p.relative_to(previous): p.stat().st_ino for p in previous.rglob("*.html")
              if p.relative_to(previous).parts[0] != BUNDLE}
    return pages == before
