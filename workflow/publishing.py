"""The checked site onto the published branch, and the addresses it made public back into the source.

`stage` has ghp-import write the site folder as one commit on top of what
is published now (fetched first: whichever machine published last, the
new commit follows it), without pushing. When its files are exactly the
published ones the commit is dropped: a scheduled run with nothing new
pushes nothing and needs no check. `push` sends a staged commit, `drop`
forgets one a failed check refused, so a failed build or check leaves the
published branch, remote and local, as it was.

With `PORTAL_MEDIA_URL`, media/ is served from elsewhere: the published
branch gets the site without it (`without_media`), and `copy_media` runs
the command that copies it there, after the check and before the push.

`record_addresses` commits `data/permalinks.yml` back to the source branch
once the build recorded new addresses in it: one commit on top of the
remote branch as it is then, with that file only (the union of the remote's
addresses and this build's, so an editor's push in between loses nothing),
pushed with a retry if the branch moved. Its message carries `[skip ci]`,
and pushes made with a workflow's GITHUB_TOKEN start no workflow runs: the
commit-back never starts a loop of runs (docs/publishing.md).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from portal.localization.editor import Message, _

BIN = Path(sys.executable).parent
RETRIES = 3  # pushes of the permalinks commit while the source branch keeps moving
ADDRESSES_MESSAGE = "Record the addresses of the stories now published [skip ci]"


class PublishError(Exception):
    """Git refused or could not be reached: `message` says what and where, in the editor's language."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.text("en"))
        self.message = message


@dataclass(frozen=True)
class PublishSettings:
    """Where `make publish` puts the site (publishconf.py; defaults in portal/core/settings.py)."""

    remote: str  # PUBLISH_REMOTE
    branch: str  # PUBLISH_BRANCH
    source_branch: str  # PUBLISH_SOURCE_BRANCH
    media_command: str  # PUBLISH_MEDIA_COMMAND
    cname: str | None  # CNAME

    @classmethod
    def read(cls, settings: dict) -> PublishSettings:
        from portal.core.settings import BadSetting, text, value  # the build has loaded the plugins by now

        media_command = text(settings, "PUBLISH_MEDIA_COMMAND", '"rclone copy --checksum {media} storage:meria-media"')
        if value(settings, "PORTAL_MEDIA_URL") and "{media}" not in media_command:
            raise BadSetting("PUBLISH_MEDIA_COMMAND", "must copy {media} (the built media/) to PORTAL_MEDIA_URL's "
                             "storage, or nothing would be where the pages look for it",
                             '"rclone copy --checksum {media} storage:meria-media"')
        cname = value(settings, "CNAME")
        return cls(remote=text(settings, "PUBLISH_REMOTE", '"origin"'),
                   branch=text(settings, "PUBLISH_BRANCH", '"gh-pages"'),
                   source_branch=text(settings, "PUBLISH_SOURCE_BRANCH", '"main"'), media_command=media_command,
                   cname=None if cname is None else text(settings, "CNAME", '"meria.kg"'))


def git(root: Path, *args: str, check: bool = True, env: dict | None = None, stdin: str | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, input=stdin,
                          env={**os.environ, **(env or {})})
    if check and done.returncode != 0:
        raise PublishError(_("git %(command)s: %(said)s", command=" ".join(args),
                             said=done.stderr.strip() or done.stdout.strip()))
    return done.stdout.strip()


def remote_tip(root: Path, remote: str, branch: str) -> str | None:
    """Fetch `branch` from `remote` into its remote-tracking ref; its commit, or None if it has none yet.
    In a shallow clone (a CI checkout) only the tip: the published branch's history holds every file
    ever published, and nothing here needs more than the tip's tree."""
    tracking = f"refs/remotes/{remote}/{branch}"
    if not git(root, "ls-remote", "--heads", remote, f"refs/heads/{branch}"):
        git(root, "update-ref", "-d", tracking, check=False)  # a branch deleted there is gone here too
        return None
    shallow = git(root, "rev-parse", "--is-shallow-repository", check=False) == "true"
    git(root, "fetch", "--quiet", "--no-tags", *(["--depth=1"] if shallow else []), remote,
        f"+refs/heads/{branch}:{tracking}")
    return git(root, "rev-parse", tracking)


# --------------------------------------------------------------------------- the published branch


@dataclass(frozen=True)
class Staged:
    """The published branch before (`parent`) and the commit that would replace it (None: nothing changed)."""

    branch: str
    parent: str | None
    commit: str | None


def stage(folder: Path, root: Path, remote: str, branch: str, cname: str | None) -> Staged:
    """Commit `folder` onto the local `branch` (ghp-import: `.nojekyll`, `CNAME`) on top of the remote's."""
    parent = remote_tip(root, remote, branch)
    local = f"refs/heads/{branch}"
    if parent is None:
        git(root, "update-ref", "-d", local, check=False)  # start afresh, not from a stale local branch
    command = [str(BIN / "ghp-import"), "--no-jekyll", "--remote", remote, "--branch", branch,
               "--message", f"Publish {source_revision(root)}"]
    if cname:
        command += ["--cname", cname]
    done = subprocess.run([*command, str(folder)], cwd=root, capture_output=True, text=True)
    if done.returncode != 0:
        raise PublishError(_("ghp-import: %(said)s", said=done.stderr.strip() or done.stdout.strip()))
    commit = git(root, "rev-parse", local)
    if parent is not None and git(root, "rev-parse", f"{commit}^{{tree}}") == git(root, "rev-parse",
                                                                                 f"{parent}^{{tree}}"):
        git(root, "update-ref", local, parent)
        return Staged(branch, parent, None)
    return Staged(branch, parent, commit)


def without_media(site: Path, folder: Path) -> Path:
    """`folder`: the site less media/ (served from PORTAL_MEDIA_URL), made of hard links, not copies."""
    shutil.rmtree(folder, ignore_errors=True)
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site)
        if relative.parts[0] == "media" or not path.is_file():
            continue
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        os.link(path, folder / relative)
    folder.mkdir(exist_ok=True)
    return folder


def copy_media(command: str, media: Path, root: Path) -> None:
    """Run PUBLISH_MEDIA_COMMAND, `{media}` being the built media/ folder: the storage gets the files
    before any page that names them goes live."""
    done = subprocess.run(shlex.split(command.format(media=shlex.quote(str(media)))), cwd=root,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise PublishError(_("copying media/ failed (%(command)s): %(said)s", command=command,
                             said=done.stderr.strip() or done.stdout.strip()))


def push(staged: Staged, root: Path, remote: str) -> None:
    """Send the staged commit; refused (not forced) if someone published since `stage`."""
    git(root, "push", "--quiet", remote, f"{staged.commit}:refs/heads/{staged.branch}")


def drop(staged: Staged, root: Path) -> None:
    """Forget a staged commit: the local branch is where it was before `stage`."""
    local = f"refs/heads/{staged.branch}"
    if staged.parent is None:
        git(root, "update-ref", "-d", local, check=False)
    else:
        git(root, "update-ref", local, staged.parent)


def source_revision(root: Path, ignored: tuple[str, ...] = ("data/permalinks.yml",)) -> str:
    """The commit the site was built from (`+ changes` if the work tree differs from it in more than
    the files the build itself writes)."""
    head = git(root, "rev-parse", "--short", "HEAD", check=False) or "(no commit)"
    dirty = git(root, "status", "--porcelain", "--", ".", *(f":(exclude){path}" for path in ignored), check=False)
    return head + (" + uncommitted changes" if dirty else "")


# --------------------------------------------------------------------------- the addresses, back to the source


def record_addresses(root: Path, lock: Path, remote: str, branch: str, render) -> str | None:
    """Commit the lock's new addresses onto `remote`'s `branch`; the commit, or None if it had them all.

    `render(slugs) -> str` writes the lock as the build does. Afterwards the work tree's lock is the
    committed one again and the local branch is fast-forwarded to the new commit when it can be, so a
    server's next `git pull --ff-only` finds nothing in its way.
    """
    relative = lock.relative_to(root).as_posix()
    if not git(root, "status", "--porcelain", "--", relative):
        return None
    ours = _slugs(lock.read_text(encoding="utf-8"))
    for _attempt in range(RETRIES):
        tip = remote_tip(root, remote, branch)
        if tip is None:
            raise PublishError(_('the branch "%(branch)s" is not on "%(remote)s": nowhere to record the addresses',
                                 branch=branch, remote=remote))
        theirs = _slugs(git(root, "show", f"{tip}:{relative}", check=False))
        merged = dict(theirs)
        for story, langs in ours.items():
            merged[story] = {**theirs.get(story, {}), **langs}
        if merged == theirs:
            _catch_up(root, relative, tip)
            return None
        commit = _commit_file(root, tip, relative, render(merged), ADDRESSES_MESSAGE)
        pushed = subprocess.run(["git", "push", "--quiet", remote, f"{commit}:refs/heads/{branch}"], cwd=root,
                                capture_output=True, text=True)
        if pushed.returncode == 0:
            _catch_up(root, relative, commit)
            return commit
    raise PublishError(_('"%(branch)s" on "%(remote)s" kept moving: the addresses in %(file)s were not committed '
                         "(the next run records them again)", branch=branch, remote=remote, file=relative))


def _slugs(text: str) -> dict[str, dict[str, str]]:
    loaded = yaml.safe_load(text) if text else None
    return loaded if isinstance(loaded, dict) else {}


def _commit_file(root: Path, parent: str, relative: str, text: str, message: str) -> str:
    """A commit on `parent` whose tree is the parent's with `relative` replaced by `text` (the work tree
    and the index stay as they are)."""
    blob = git(root, "hash-object", "-w", "--stdin", stdin=text)
    with tempfile.TemporaryDirectory() as folder:
        index = {"GIT_INDEX_FILE": str(Path(folder) / "index")}
        git(root, "read-tree", parent, env=index)
        git(root, "update-index", "--add", "--cacheinfo", f"100644,{blob},{relative}", env=index)
        tree = git(root, "write-tree", env=index)
    return git(root, "commit-tree", tree, "-p", parent, "-m", message)


def _catch_up(root: Path, relative: str, commit: str) -> None:
    """The work tree's lock back to HEAD's, then HEAD fast-forwarded to `commit` if nothing is in the way."""
    if subprocess.run(["git", "cat-file", "-e", f"HEAD:{relative}"], cwd=root, capture_output=True).returncode:
        (root / relative).unlink(missing_ok=True)  # the first lock: the commit brings it
    else:
        git(root, "checkout", "--quiet", "HEAD", "--", relative, check=False)
    if git(root, "symbolic-ref", "--quiet", "HEAD", check=False):
        git(root, "merge", "--quiet", "--ff-only", commit, check=False)
    else:
        git(root, "checkout", "--quiet", "--detach", commit, check=False)
