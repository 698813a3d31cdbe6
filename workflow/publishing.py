"""Hand a checked site to ghp-import: one commit on the gh-pages branch, pushed.

ghp-import writes the folder as a new commit on top of the branch (with
`.nojekyll`, and `CNAME` when the site has its own domain) without touching
the working tree. Nothing calls this unless `check` passed, so a failed
build or check leaves the published branch as it was.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def push(folder: Path, root: Path, remote: str, branch: str, cname: str | None) -> None:
    # Start from what is published now, even if another machine published last.
    subprocess.run(["git", "fetch", "--quiet", remote, f"+{branch}:refs/remotes/{remote}/{branch}"],
                   cwd=root, capture_output=True)
    command = [str(BIN / "ghp-import"), "--no-jekyll", "--push", "--remote", remote, "--branch", branch,
               "--message", f"Publish {source_revision(root)}"]
    if cname:
        command += ["--cname", cname]
    subprocess.run([*command, str(folder)], cwd=root, check=True)


def source_revision(root: Path) -> str:
    """The commit the site was built from (`+ changes` if the work tree differs)."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True)
    revision = head.stdout.strip() or "(no commit)"
    return revision + (" + uncommitted changes" if dirty.stdout.strip() else "")
