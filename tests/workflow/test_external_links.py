"""`invoke links` (weekly in CI): links in stories to other sites, asked for real.

The "other sites" are servers on 127.0.0.1 (the check build's SITEURL is
another port, so they are other hosts to it): one page that is there, one
that is gone, and a port where nothing listens.
"""

from __future__ import annotations

import socket

import pytest

from project import Project
from sites import FixtureSite, StaticServer

STORY = "news/2026/11-20-links-out"
FILE = f"content/{STORY}/index.ru.md"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("links-out")
    (root / "elsewhere").mkdir()
    (root / "elsewhere" / "report.html").write_text("<!doctype html><title>Отчёт</title>", encoding="utf-8")
    elsewhere = StaticServer(root / "elsewhere")
    nobody = f"http://127.0.0.1:{closed_port()}/plan"
    project = Project(FixtureSite(root / "site"))
    body = (f"Отчёт опубликован [здесь]({elsewhere.url}/report.html).\n\n"
            f"Прежний план [удалён]({elsewhere.url}/old-plan.html), а [карта]({nobody}) недоступна.\n\n"
            f"Тот же [отчёт]({elsewhere.url}/report.html) ещё раз.")
    project.site.story(STORY, "ru", body, title="Ссылки на другие сайты", date="2026-11-20 10:00")
    summary = root / "summary.md"
    try:
        yield project.run("links"), project.run("links", "--format", "github",
                                                env={"GITHUB_STEP_SUMMARY": str(summary)}), summary, elsewhere.url
    finally:
        elsewhere.close()


def test_broken_links_are_reported_on_the_editors_line_and_working_ones_are_not(runs):
    text, _, _, url = runs
    assert text.returncode == 1, text.text
    assert FILE in text.stdout
    assert f'line 8: the link "{url}/old-plan.html" is broken: the site answers 404' in text.stdout
    assert "line 8: the link \"http://127.0.0.1:" in text.stdout and "cannot be reached" in text.stdout
    assert "report.html" not in text.stdout
    assert "2 broken of 3 links to other sites." in text.stdout


def test_github_format_warns_on_the_lines_and_summarises_in_kyrgyz_and_russian(runs):
    _, github, summary, url = runs
    warnings = [line for line in github.stdout.splitlines() if line.startswith("::warning ")]
    assert len(warnings) == 2 and all(w.startswith(f"::warning file={FILE},line=8,") for w in warnings), warnings
    written = summary.read_text(encoding="utf-8")
    assert "Башка сайттарга 3 шилтеменин 2 иштебейт" in written
    assert "Не работают ссылки на другие сайты: 2 из 3" in written
    assert f"{url}/old-plan.html" in written
