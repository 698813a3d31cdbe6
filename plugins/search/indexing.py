"""Run Pagefind (the `pagefind[extended]` package) over the built site.

Pagefind runs as a separate process, as its own command line does: its
Python API drives the same binary through a service process, which buys
nothing for a one-shot index of a folder.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BUNDLE = "pagefind"  # the folder under the site's root: /pagefind/pagefind.js, the index, the fragments


class SearchIndexFailed(SystemExit):
    """Stops the build with Pagefind's own words instead of a traceback."""


def index_site(output_path: str, settings: dict) -> None:
    site = Path(output_path)
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE, "--silent"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SearchIndexFailed(f"The search index was not built: Pagefind stopped ({done.returncode}).\n"
                                f"{done.stdout}{done.stderr}")
