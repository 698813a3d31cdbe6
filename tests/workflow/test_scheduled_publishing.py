"""The scheduled publish (publish.yml, every 15 minutes) against a local bare repository.

The publish workflow runs `make publish`, which builds with publishconf.py
and so with the real clock. Here the same command (`invoke publish`) runs
under libfaketime (Debian's `faketime`): the process, and everything it
starts (git, Java, Pagefind), sees the clock set to a moment of our choice.
No setting or variable of the publisher reads a test clock, so this is the
code the workflow runs, and a clock that a workflow could set by mistake
does not exist.

A tiny site, in git, with `origin` a bare repository: one story published
(its address already in data/permalinks.yml) and one embargoed until T.
Three runs, as the schedule would make them: before T, at T, at T again.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass

import pytest

from portal.stories.permalinks import HEADER
from project import GIT_IDENTITY, INVOKE, Project, Run
from sites import FixtureSite

T_UTC = "2026-11-27 03:00:00 UTC"            # 09:00 in Bishkek, the embargo
BEFORE_UTC = "2026-11-27 02:45:00 UTC"       # the scheduled run a quarter of an hour before
MARKET = "news/2026/11-26-winter-market"
BUDGET = "press-releases/2026/11-27-budget-hearing"
MARKER = "zqbudget6120"  # in the embargoed story's title and text only
LOCK = (f"{HEADER}{MARKET}:\n  ky: kyshky-zharmanke\n  ru: zimniaia-iarmarka\n")


@dataclass
class Published:
    """What the remote holds after a run: its main and gh-pages commits, and gh-pages' files."""

    run: Run
    main: str
    pages: str | None
    files: list[str]


def publish_at(project: Project, bare, moment: str) -> Published:
    env = {k: v for k, v in os.environ.items() if k != "PORTAL_NOW"} | GIT_IDENTITY
    done = subprocess.run(["faketime", moment, str(INVOKE), "publish"], cwd=project.root, capture_output=True,
                          text=True, env=env, timeout=300)
    run = Run(done.returncode, done.stdout, done.stderr)
    assert run.returncode == 0, run.text
    pages = project.git("rev-parse", "--verify", "--quiet", "gh-pages", cwd=bare) if \
        project.git("branch", "--list", "gh-pages", cwd=bare) else None
    files = project.git("ls-tree", "-r", "--name-only", "gh-pages", cwd=bare).splitlines() if pages else []
    return Published(run, project.git("rev-parse", "main", cwd=bare), pages, files)


def write_site(site: FixtureSite) -> None:
    market = {"ky": ("Кышкы жарманке ачылды", "kyshky-zharmanke", "Ала-Тоо аянтында жарманке иштей баштады."),
              "ru": ("Открылась зимняя ярмарка", "zimniaia-iarmarka", "На площади Ала-Тоо заработала ярмарка.")}
    for lang, (title, slug, body) in market.items():
        site.story(MARKET, lang, body, title=title, slug=slug, date="2026-11-26 10:00")
    budget = {"ky": ("Бюджеттик угуулар", "Шаардын 2027-жылдагы бюджети боюнча угуулар өтөт."),
              "ru": ("Бюджетные слушания", "Пройдут слушания по бюджету города на 2027 год.")}
    for lang, (title, body) in budget.items():
        site.story(BUDGET, lang, f"{body} {MARKER}", title=f"{title} {MARKER}", date="2026-11-27 09:00")
    (site.data / "permalinks.yml").write_text(LOCK, encoding="utf-8")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """(project, bare remote, main before the runs, and the three runs: before T, at T, at T again)."""
    root = tmp_path_factory.mktemp("scheduled")
    project = Project(FixtureSite(root / "site"))
    write_site(project.site)
    bare = project.with_remote(root / "remote.git", "Stories, one under embargo")
    start = project.git("rev-parse", "main", cwd=bare)
    before = publish_at(project, bare, BEFORE_UTC)
    at = publish_at(project, bare, T_UTC)
    again = publish_at(project, bare, T_UTC)
    return project, bare, start, (before, at, again)


def files_with(bare, commit: str, text: str) -> list[str]:
    """The text files (pages, feeds, data) of a commit of the remote that contain `text`."""
    found = subprocess.run(["git", "grep", "-l", "-I", "-F", text, commit], cwd=bare, capture_output=True, text=True)
    return found.stdout.split()


def test_a_run_before_the_embargo_publishes_the_site_and_nothing_of_the_story(runs):
    _, bare, start, (before, _, _) = runs
    assert before.pages and "ky/news/2026/kyshky-zharmanke/index.html" in before.files
    assert files_with(bare, before.pages, "zimniaia-iarmarka"), "the search for a published address finds it"
    assert not [f for f in before.files if "budget" in f or MARKER in f]
    assert files_with(bare, before.pages, MARKER) == []
    assert before.main == start, "the lock had every published address: nothing to commit back"


def test_the_run_at_the_embargo_publishes_the_story_and_records_its_address(runs):
    project, bare, _, (before, at, _) = runs
    assert "Published to gh-pages" in at.run.stderr
    assert project.git("rev-parse", f"{at.pages}^", cwd=bare) == before.pages, "one commit on top of the last"
    lock = project.git("show", f"{at.main}:data/permalinks.yml", cwd=bare)
    recorded = {line.split(":")[0].strip(): line.split(":")[1].strip()
                for line in lock.split(f"{BUDGET}:")[1].splitlines()[1:3]}
    for lang in ("ky", "ru"):
        page = f"{lang}/press-releases/2026/{recorded[lang]}/index.html"
        assert page in at.files, (page, recorded)
        assert MARKER in project.git("show", f"gh-pages:{page}", cwd=bare)
    assert f"{MARKET}:\n  ky: kyshky-zharmanke" in lock, "the addresses recorded before are kept"


def test_the_commit_back_is_exactly_one_commit_with_the_lock_only(runs):
    project, bare, start, (_, at, _) = runs
    assert project.git("rev-list", "--count", f"{start}..{at.main}", cwd=bare) == "1"
    assert project.git("diff", "--name-only", start, at.main, cwd=bare) == "data/permalinks.yml"
    assert "[skip ci]" in project.git("log", "-1", "--format=%s", at.main, cwd=bare)
    assert "Recorded the new addresses" in at.run.stderr


def test_a_second_run_at_the_embargo_changes_nothing_and_pushes_nothing(runs):
    project, _, _, (_, at, again) = runs
    assert (again.main, again.pages) == (at.main, at.pages)
    assert "Nothing new to publish" in again.run.stderr and "Recorded" not in again.run.stderr
    assert project.git("status", "--porcelain", "--untracked-files=no") == "", "clean for the next pull"
    assert project.git("rev-parse", "main") == at.main, "the local branch followed the commit-back"
