"""`make bench [N=…]`: our build against stock Pelican 4.12 + i18n_subsites, same corpus, same run.

Every scenario runs in a fresh process and is measured from outside
(measure.py): wall time and peak memory of the whole process tree. Ratios
are to the stock clean build measured in the same run, because a shared
2-core machine is too noisy for absolute numbers to compare across runs.
"Files written" counts the output files that are not the same file
(inode) as before the build: everything else was kept as it was in the previous
site. The stock baseline is installed in its own virtualenv under .bench/,
never into the project's; "stock + Pagefind" is that build followed by
Pagefind's CLI over its output, what a Pelican user does to get search.
Then `make check` over the site (the whole site once, then after an edit),
and the live preview (live.py): from saving a story to its own page shown,
and to the lists, feeds and search that carry it.
"""

from __future__ import annotations

import compileall
import json
import os
import platform
import runpy
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from . import corpus, live, search
from .measure import Run, run

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / ".bench"
NOW = "2026-11-26 20:00"  # the embargo clock: every generated story is published
STOCK_PACKAGES = ["pelican[markdown]==4.12.0", "pelican-i18n-subsites==1.0.0"]
STOCK_SETTINGS = '''\
# Stock Pelican 4.12 with i18n_subsites, as its documentation sets it up:
# Kyrgyz is the default site, Russian a subsite; translations share a slug.
SITENAME = "Бишкек шаарынын мэриясы"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Bishkek"
DEFAULT_LANG = "ky"
THEME = "simple"
PLUGINS = ["i18n_subsites"]
I18N_SUBSITES = {"ru": {"SITENAME": "Мэрия города Бишкек"}}
ARTICLE_URL = ARTICLE_LANG_URL = "{category}/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = "{category}/{date:%Y}/{slug}/index.html"
STATIC_PATHS = ["."]
DEFAULT_PAGINATION = 12
DELETE_OUTPUT_DIRECTORY = True
'''
WARM_CACHE = ["-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true"]
# Like for like with the stock build, which has no search index: our plugins without the search plugin.
WITHOUT_SEARCH = "PLUGINS=" + json.dumps([name for name in runpy.run_path(str(ROOT / "pelicanconf.py"))["PLUGINS"]
                                          if name != "portal.search"])


@dataclass
class Row:
    name: str
    runs: list[Run] = field(default_factory=list)
    written: list[int] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self.runs)


def inodes(folder: Path) -> set[int]:
    return {p.stat().st_ino for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def checked(result: Run, what: str) -> Run:
    """The run, if it built: Pelican carries on without a plugin it cannot load, but that is no build."""
    if result.returncode != 0 or "Cannot load plugin" in result.output:
        sys.exit(f"{what} failed ({result.returncode}):\n{result.output[-3000:]}")
    return result


PAGEFIND_CLI = [sys.executable, "-m", "pagefind", "--site", "output"]  # run where stock built ("output")
# What `make build` does (tasks.build: one process, workflow.building) without its progress
# display, for another content folder and output: `python -c BUILD CONTENT OUTPUT KEY=JSON…`.
BUILD = """\
import json, sys
from pathlib import Path
from workflow.building import build, leave
content, output, *settings = sys.argv[1:]
overrides = {key: json.loads(value) for key, value in (setting.split("=", 1) for setting in settings)}
done = build(Path("pelicanconf.py"), Path(output), {"PATH": content, **overrides})
for said in [done.stopped, *(warning.message for warning in done.warnings)]:
    print(said, file=sys.stderr)
leave(0 if done.ok else 1)
"""
# What `make check` does (tasks.check): BUILD, then workflow.check over the site. Its verdict on the
# corpus does not matter here (its text links to meria.kg, and the theme may change): only its time.
CHECK = BUILD.replace("leave(0 if done.ok else 1)", """\
from workflow.check import check
from workflow.progress import Display
with Display() as display:
    report = check(done, Path("."), display)
print(len(report.findings), "findings", file=sys.stderr)
leave(0 if done.ok else 1)""")


class Ours:
    """Our build, the way `make build` runs it (BUILD)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.output = root / "output"

    def build(self, *settings: str, script: str = BUILD, output: Path | None = None) -> tuple[Run, int]:
        """`settings`: more `KEY=JSON` overrides, as Pelican's -e takes them."""
        output = output or self.output
        before = inodes(output)
        result = checked(run([sys.executable, "-c", script, str(self.root / "content"), str(output),
                              f"PORTAL_DATA={json.dumps(str(self.root / 'data'))}",
                              f"CACHE_PATH={json.dumps(str(self.root / 'cache'))}", *settings],
                             cwd=ROOT, env={"PORTAL_NOW": NOW}), "our build")
        return result, len(inodes(output) - before)

    def check(self) -> Run:
        """`make check`: a build into .check/ and the checks of it."""
        return self.build(script=CHECK, output=self.root / ".check")[0]

    def clean(self, keep_photos: bool) -> None:
        """No output and no caches; with `keep_photos`, the photo renditions stay cached
        (the issue's "clean build": stock Pelican does not resize photos at all)."""
        shutil.rmtree(self.output, ignore_errors=True)
        cache = self.root / "cache"
        for entry in cache.iterdir() if cache.is_dir() else ():
            if not (keep_photos and entry.name == "photos"):
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


class Stock:
    """Stock Pelican + i18n_subsites in a virtualenv of its own."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.venv = BENCH / "stock-venv"
        (root / "pelicanconf.py").write_text(STOCK_SETTINGS, encoding="utf-8")

    def install(self) -> None:
        stamp = self.venv / "installed.json"
        if stamp.is_file() and json.loads(stamp.read_text()) == STOCK_PACKAGES:
            return
        shutil.rmtree(self.venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(self.venv)], check=True)
        subprocess.run([str(self.venv / "bin" / "pip"), "install", "--quiet", *STOCK_PACKAGES], check=True)
        stamp.write_text(json.dumps(STOCK_PACKAGES))

    def build(self, *args: str, then: list[str] | None = None) -> Run:
        """A build (`then`: and this command after it, measured as one)."""
        command = [str(self.venv / "bin" / "pelican"), "content", "-s", "pelicanconf.py", "-o", "output", *args]
        if then:
            command = ["sh", "-c", f'"$0" "$@" && {" ".join(then)}', *command]
        return checked(run(command, cwd=self.root), "stock Pelican")

    def clean(self) -> None:
        shutil.rmtree(self.root / "output", ignore_errors=True)
        shutil.rmtree(self.root / "cache", ignore_errors=True)


def edit(folder: Path, stories: list[corpus.Story], number: int, flavour: str) -> None:
    """Change one story's text (both languages, as an editor's correction would)."""
    story = stories[(number * 7 + 3) % len(stories)]
    for lang in corpus.LANGS:
        path = folder / "content" / story.id / f"index.{lang}.md"
        path.write_text(path.read_text(encoding="utf-8") + f"\n{flavour} {number}.\n", encoding="utf-8")


def add_photo(folder: Path, stories: list[corpus.Story], number: int) -> None:
    """Give a story without a photo a new 3000×2000 one."""
    story = [s for s in stories if not s.photo][(number * 11 + 5) % len(stories)]
    corpus.write_photo(folder / "content" / story.id / "added.jpg", 7_000 + number)
    corpus.describe_photos(folder / "content" / story.id, ["added.jpg"])
    for lang in corpus.LANGS:
        path = folder / "content" / story.id / f"index.{lang}.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\n---\n", "\nimage: added.jpg\n---\n", 1), encoding="utf-8")


def bench(n: int, seed: int, runs: int) -> list[Row]:
    ours_root, stock_root = BENCH / "ours", BENCH / "stock"
    print(f"Generating {n} story pairs (seed {seed})…", flush=True)
    stories = corpus.generate(n, seed, ours_root, stock_root)
    stock = Stock(stock_root)
    print("Installing the stock baseline (once)…", flush=True)
    stock.install()
    ours = Ours(ours_root)
    # Python caches our modules' bytecode after their first import, as pip did stock Pelican's at
    # install, unless PYTHONDONTWRITEBYTECODE is set (as on our machines): then every build of
    # ours would compile them anew (~0.13 s). Compile them once, as any machine's first build would.
    for folder in ("plugins", "workflow"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    rows = {name: Row(name) for name in ("stock: clean build",
                                          "stock + Pagefind's CLI over its output: clean build",
                                          "stock: rebuild after editing one story (content cache on)",
                                          "ours: cold build (photo cache empty too)",
                                          "ours: clean build without the search index (photos cached)",
                                          "ours: clean build (photos cached)",
                                          "ours: rebuild, nothing changed",
                                          "ours: rebuild after editing one story",
                                          "ours: rebuild after adding one photo",
                                          "ours: check, the whole site",
                                          "ours: check after editing one story")}
    for number in range(runs):
        print(f"Run {number + 1} of {runs}…", flush=True)
        stock.clean()
        rows["stock: clean build"].runs.append(stock.build())
        stock.clean()
        rows["stock + Pagefind's CLI over its output: clean build"].runs.append(stock.build(then=PAGEFIND_CLI))
        stock.build(*WARM_CACHE)  # fills the content cache
        edit(stock_root, stories, number, "Түзөтүү")
        rows["stock: rebuild after editing one story (content cache on)"].runs.append(stock.build(*WARM_CACHE))
        def clean() -> None:
            ours.clean(keep_photos=True)

        for name, change, settings in (
                ("ours: cold build (photo cache empty too)", lambda: ours.clean(keep_photos=False), ()),
                ("ours: clean build without the search index (photos cached)", clean, (WITHOUT_SEARCH,)),
                ("ours: clean build (photos cached)", clean, ()),
                ("ours: rebuild, nothing changed", None, ()),
                ("ours: rebuild after editing one story", partial(edit, ours_root, stories, number, "Түзөтүү"), ()),
                ("ours: rebuild after adding one photo", partial(add_photo, ours_root, stories, number), ())):
            if change:
                change()
            result, written = ours.build(*settings)
            rows[name].runs.append(result)
            rows[name].written.append(written)
        shutil.rmtree(ours_root / ".check", ignore_errors=True)
        rows["ours: check, the whole site"].runs.append(ours.check())
        edit(ours_root, stories, number, "Текшерүү")
        rows["ours: check after editing one story"].runs.append(ours.check())
    print("The live preview…", flush=True)
    page, listing = live.measure(ours_root, NOW, [
        (partial(edit, ours_root, stories, runs + number, "Жандуу"), *story_page(stories, runs + number))
        for number in range(max(3, runs))])
    rows["ours: live preview, from a save to the story's own page shown"] = Row("", [Run(page, 0, 0, "")])
    rows["ours: live preview, … to its lists, feeds and search current"] = Row("", [Run(listing, 0, 0, "")])
    for name, row in rows.items():
        row.name = name
    return list(rows.values())


def story_page(stories: list[corpus.Story], number: int) -> tuple[str, str]:
    """The Russian page of the story `edit` changes, and its section's first page (which lists it)."""
    story = stories[(number * 7 + 3) % len(stories)]
    return f"/ru/{story.section}/{story.date:%Y}/{story.slug}/", f"/ru/{story.section}/"


def table(rows: list[Row], n: int) -> str:
    base = rows[0].seconds
    pages = sum(1 for _ in (BENCH / "ours" / "output").rglob("*.html"))
    files = sum(1 for p in (BENCH / "ours" / "output").rglob("*") if p.is_file())
    lines = [f"{n} story pairs ({2 * n} stories; our site: {pages} pages, {files} files)", "",
             "| build | wall time (median) | peak memory | files written | time vs stock clean |",
             "|---|---|---|---|---|"]
    for row in rows:
        written = f"{statistics.median(row.written):.0f}" if row.written else "all"
        peak = f"{row.peak_mb:.0f} MB" if row.peak_mb else "—"
        lines.append(f"| {row.name} | {row.seconds:.2f} s | {peak} | {written} | {row.seconds / base:.2f}× |")
    return "\n".join(lines)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))) // 1024 ** 2
    return (f"{os.cpu_count()} cores ({cpu}), {memory} GB, Linux {platform.release()}, "
            f"Python {platform.python_version()}")


def main(n: int, seed: int, runs: int) -> None:
    rows = bench(n, seed, runs)
    print()
    print(f"Machine: {machine()}")
    print(table(rows, n))
    print()
    print(search.table(BENCH / "ours" / "output"))
