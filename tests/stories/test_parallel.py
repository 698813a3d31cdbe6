"""Reading and rendering on several cores changes nothing but the time it takes.

Markdown files and pages are shared between forked worker processes
(portal/core/parallel.py, setting PORTAL_PROCESSES): the site must be byte for
byte the one a single process builds, and a mistake found in a worker must
be reported like any other.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import fixture_site as fx
from portal.core.parallel import SHARE, beside, split
from sites import FixtureSite, assert_built


def site_files(output: Path) -> dict[str, bytes]:
    """Every file outside the search bundle (Pagefind names some files differently on each run)."""
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*")
            if p.is_file() and not p.relative_to(output).as_posix().startswith("pagefind/")}


def test_one_process_and_three_build_the_same_site(tmp_path):
    site = FixtureSite(tmp_path / "site")
    fx.populate(site)
    sites = {}
    for processes in (1, 3):
        shutil.rmtree(site.cache, ignore_errors=True)  # nothing read or rendered is reused
        result = site.build(output=tmp_path / f"output{processes}", PORTAL_PROCESSES=processes)
        assert_built(result)
        sites[processes] = site_files(result.output)
    assert len(sites[1]) > 100
    assert sites[3].keys() == sites[1].keys()
    assert [name for name in sites[1] if sites[1][name] != sites[3][name]] == []


def test_mistakes_found_in_every_worker_are_all_reported(make_site):
    site = make_site()
    broken = []
    for day in range(1, 3 * SHARE + 1):  # SHARE files per process: each worker parses broken ones
        path = site.raw(f"news/2026/11-{day:02}-story/index.ky.md",
                        f"---\ntitle: Жаңылык {day}\ndate: 2026-11-{day:02}\n")
        broken.append(path)
    result = site.build(PORTAL_PROCESSES=3)
    assert result.returncode != 0
    assert "Traceback" not in result.text, result.text
    for path in broken:
        assert re.search(rf"{re.escape(path.name)}|{re.escape(str(path.parent.name))}", result.text), result.text
    assert result.text.count("the front matter is not closed") == len(broken), result.text


def test_an_exception_in_a_worker_reaches_the_parent():
    def work(number: int) -> int:
        if number == 4:  # jobs 1, 4, 7 … go to the first worker (the parent does 0, 3, 6 …)
            raise ValueError(f"job {number} failed")
        return os.getpid()

    jobs = list(range(3 * SHARE))
    assert len(set(split(jobs, lambda n: os.getpid(), processes=3))) == 3, "three processes did the jobs"
    assert split(jobs, lambda n: n * 2, processes=3) == [n * 2 for n in jobs]
    with pytest.raises(ValueError, match="job 4 failed"):
        split(jobs, work, processes=3)


def test_a_few_jobs_are_done_here_without_a_worker():
    assert set(split(list(range(SHARE)), lambda n: os.getpid(), processes=2)) == {os.getpid()}


def test_a_group_of_jobs_is_done_in_one_process():
    """Feed files are grouped by language, so that each language's items are built in one process."""
    jobs = [(lang, number) for number in range(2 * SHARE) for lang in ("ky", "ru", "en")]
    done = split(jobs, lambda job: (job, os.getpid()), processes=2, group=lambda job: job[0])
    assert [job for job, _ in done] == jobs, "results in the order of the jobs"
    process_of = {}
    for (lang, _), pid in done:
        assert process_of.setdefault(lang, pid) == pid, f"every {lang} job in one process"
    assert process_of["ky"] == process_of["en"] == os.getpid() != process_of["ru"], "groups dealt in turn"
    one_group = split(jobs[:3 * SHARE:3], lambda job: os.getpid(), processes=2, group=lambda job: job[0])
    assert set(one_group) == {os.getpid()}, "a single group forks no worker"


def test_a_process_running_beside_the_build_keeps_a_core():
    """While Pagefind's feeder indexes beside the rendering (search.indexing), the pages leave it a core."""
    jobs = list(range(3 * SHARE))
    feeder = subprocess.Popen(["sleep", "60"])
    beside(feeder)
    try:
        assert len(set(split(jobs, lambda n: os.getpid(), processes=3))) == 2, "two of three cores left"
        assert set(split(jobs, lambda n: os.getpid(), processes=2)) == {os.getpid()}, "one of two: no worker"
        assert set(split(jobs, lambda n: os.getpid(), processes=1)) == {os.getpid()}, "always one at least"
    finally:
        feeder.kill()
        feeder.wait()
    assert len(set(split(jobs, lambda n: os.getpid(), processes=2))) == 2, "the core is back once it ends"
