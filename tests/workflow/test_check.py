"""`invoke check`: safe to publish or not, with the reasons by file, for people (in their language)
and for CI (JSON); without Java the HTML is not validated, and one line says so."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

import fixture_site as fx
from project import Project

BROKEN = "news/2026/11-10-broken-links"
BROKEN_RU = f"content/{BROKEN}/index.ru.md"
BROKEN_BODY = """Постановление: [решение](/ru/decisions/2026/no-such-decision/).

План работ: [PDF](/media/news/2026/11-10-broken-links/plan.pdf).

## Итоги {: #main }

Работы завершат в декабре.
"""


@pytest.fixture(scope="module")
def broken(site, tmp_path_factory):
    """The fixture site, committed, plus a commit of one story with a broken link, a missing file and a
    duplicate id: (text run in Russian, json run, github run, the job summary it wrote)."""
    fixture = type(site.fixture)(tmp_path_factory.mktemp("broken"))
    fx.populate(fixture)
    project = Project(fixture)
    project.git("init", "--quiet", "-b", "main")
    project.git("add", "content", "data")
    project.git("commit", "--quiet", "-m", "The site")
    base = project.git("rev-parse", "HEAD")
    fixture.story(BROKEN, "ru", BROKEN_BODY, title="Ремонт дорог", date="2026-11-10 10:00")
    project.git("add", "content")
    project.git("commit", "--quiet", "-m", "A story with mistakes")
    summary = fixture.root / "summary.md"
    github = project.run("check", "--format", "github", "--since", base, env={"GITHUB_STEP_SUMMARY": str(summary)})
    return (project.run("check", env={"PORTAL_UI_LANG": "ru"}), project.run("check", "--format", "json"), github,
            summary.read_text())


def test_check_passes_on_the_sample_site(project):
    project.copy_sample_content()
    run = project.run("check", "--format", "json", now=None)
    assert run.returncode == 0, run.text
    report = run.json()
    assert report["safe_to_publish"] is True and report["problems"] == []
    assert report["counts"]["pages"] > 100
    size = report["size"]
    assert size["total"] == sum(p.stat().st_size for p in (project.root / ".check").rglob("*") if p.is_file())
    assert {"pages", "renditions", "originals", "zips", "audio"} <= {k for k, v in size["by_kind"].items() if v}
    assert size["monthly_growth"] > 0 and size["on_host"] == size["total"]
    one_language = [n for n in report["notes"] if n["kind"] == "one-language"]
    assert any("no Russian version" in n["message"] for n in one_language)
    assert any("no Kyrgyz version" in n["message"] for n in one_language)


def test_without_java_check_passes_and_says_the_html_was_not_validated(project):
    """An editor's machine: no Java, no npm on the PATH. In CI (PORTAL_CHECK_HTML=required) that is a problem."""
    fx.populate(project.site)
    editor = {"PATH": str(Path(sys.executable).parent), "PORTAL_CHECK_HTML": None}
    run = project.run("check", env=editor)
    assert run.returncode == 0, run.text
    assert "Safe to publish" in run.stdout
    assert "Site size: " in run.stdout and "host limit: 1,000.0 MB a site, 100.0 MB a file" in run.stdout
    assert "The HTML of the pages was not validated here (Java is not installed)" in run.stdout
    assert f"{fx.TREES.id}: no Russian version" in run.stdout
    assert f"{fx.WATER.id}: the Kyrgyz version is a draft" in run.stdout

    run = project.run("check", "--format", "json", env={**editor, "PORTAL_CHECK_HTML": "required"})
    assert run.returncode == 1
    assert [p for p in run.json()["problems"]
            if p["check"] == "html" and p["id"] == "the HTML checker cannot run: %(reason)s"], run.text


def test_past_the_host_s_limit_check_fails_and_near_it_notes(project):
    """PORTAL_HOST_LIMITS as a deployment sets it in pelicanconf.py: a site of a few megabytes is past a
    limit of 100 kB; then, with a limit a little above its size, it is safe with a note."""
    fx.populate(project.site)
    settings = project.root / "pelicanconf.py"
    written = settings.read_text(encoding="utf-8")

    def check_within(site_limit: int) -> dict:
        settings.write_text(written + f'\nPORTAL_HOST_LIMITS = {{"site": {site_limit}, "file": 0, "warn": 0.8}}\n',
                            encoding="utf-8")
        editor = {"PATH": str(Path(sys.executable).parent), "PORTAL_CHECK_HTML": None}  # no HTML checker: quicker
        run = project.run("check", "--format", "json", env=editor)
        assert run.returncode == (0 if run.json()["safe_to_publish"] else 1), run.text
        return run.json()

    report = check_within(100_000)
    assert report["safe_to_publish"] is False and report["size"]["on_host"] > 100_000
    assert [(p["check"], p["file"], p["id"]) for p in report["problems"]] == [
        ("size", "(the site)", "the site is %(size)s, over the host's limit of %(limit)s")]

    report = check_within(int(report["size"]["on_host"] / 0.9))
    assert report["safe_to_publish"] is True
    assert [n["id"] for n in report["notes"] if n["kind"] == "size"] == [
        "the site is %(size)s, %(share)s of the host's limit of %(limit)s: plan the move in docs/publishing.md"]


def test_an_official_with_no_story_in_a_language_is_noted(project):
    fx.populate(project.site)
    officials = {**fx.OFFICIALS, "vice-mayor-economy": {"role": "vice-mayor", "name": {"ky": "Нурлан", "ru": "Нурлан"}}}
    project.site.registries(officials=officials)
    run = project.run("check", "--format", "json")
    assert run.returncode == 0, run.text
    messages = [n["message"] for n in run.json()["notes"] if n["kind"] == "no-story"]
    assert 'official "vice-mayor-economy" has no story in Kyrgyz, Russian' in messages
    assert not [m for m in messages if '"mayor"' in m]


def test_check_fails_and_says_so(broken):
    text, as_json, _, _ = broken
    assert text.returncode == 1 and as_json.returncode == 1
    assert as_json.json()["safe_to_publish"] is False
    assert re.search(r"Публиковать НЕЛЬЗЯ: \d+ ошиб", text.stdout), text.stdout
    assert "Traceback" not in text.text


def test_the_report_speaks_russian_but_for_the_html_checkers_own_words(broken):
    text, as_json, _, _ = broken
    lines = text.text.splitlines()
    checker = {i for i, line in enumerate(lines) if "неверный HTML" in line}  # vnu's words, and its "где:" extract
    ours = [re.sub(r"«[^»]*»", "", line) for i, line in enumerate(lines) if i not in checker and i - 1 not in checker]
    assert not [line for line in ours if re.search(r"[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}", line)], text.text
    assert as_json.json()["language"] == "en" and all(p["id"] and p["message"] for p in as_json.json()["problems"])


def problems_of(report: dict, check: str) -> list[dict]:
    return [p for p in report["problems"] if p["check"] == check]


def test_a_broken_link_is_reported_on_the_editors_file_and_line(broken):
    _, as_json, _, _ = broken
    links = problems_of(as_json.json(), "links")
    page = [p for p in links if "/ru/decisions/2026/no-such-decision/" in p["message"]]
    assert page and page[0]["file"] == BROKEN_RU and page[0]["line"] == 6, links
    assert "does not exist" in page[0]["message"]


def test_a_missing_file_is_reported(broken):
    _, as_json, _, _ = broken
    files = [p for p in problems_of(as_json.json(), "links") if "plan.pdf" in p["message"]]
    assert files and files[0]["file"] == BROKEN_RU and files[0]["line"] == 8, files
    assert "front matter" in files[0]["hint"]


def test_an_invalid_page_is_reported_by_the_html_checker(broken):
    _, as_json, _, _ = broken
    html = problems_of(as_json.json(), "html")
    assert [p for p in html if p["file"] == BROKEN_RU and "Duplicate ID" in p["message"]], html


def test_the_text_report_groups_problems_under_their_file(broken):
    text, _, _, _ = broken
    lines = text.stdout.splitlines()
    assert BROKEN_RU in lines
    start = lines.index(BROKEN_RU)
    block = lines[start + 1:]
    block = block[:next((i for i, line in enumerate(block) if line == ""), len(block))]
    assert any(line.startswith("  строка 6: ссылка «/ru/decisions/2026/no-such-decision/»") for line in block), block
    assert any(line.startswith("  строка 8: ") and "plan.pdf" in line for line in block), block
    assert any("Duplicate ID" in line for line in block), block


def test_a_check_after_an_edit_finds_the_link_it_broke_on_a_page_it_left_alone(project):
    """A check after an edit reads again only the files the build wrote, but resolves every page's
    links anew: taking a story down breaks the link to it in another story's text, whose page the
    build leaves as it was."""
    fx.populate(project.site)
    linking = project.site.story("news/2026/11-12-snow-link", "ru", f"Смотрите [уборку снега]({fx.SNOW.urls['ru']}).",
                                 title="Снег и дороги", date="2026-11-12 10:00", slug="snow-link")
    assert project.run("check").returncode == 0
    page = project.root / ".check" / "ru" / "news" / "2026" / "snow-link" / "index.html"
    before = page.stat().st_ino
    shutil.rmtree(project.content / fx.SNOW.id)
    run = project.run("check", "--format", "json")
    assert run.returncode == 1
    assert page.stat().st_ino == before, "the page that links was not built again"
    broken = [p for p in problems_of(run.json(), "links") if fx.SNOW.urls["ru"] in p["message"]]
    assert broken and broken[0]["file"] == linking.relative_to(project.root).as_posix(), run.text


def test_content_problems_are_reported_without_building_anything_else(project):
    fx.populate(project.site)
    project.site.story("news/2026/11-11-typo", "ky", "Текст.", title="Ката", date="2026-11-11 10:00",
                       officials=["mayr"])
    run = project.run("check", "--format", "json")
    assert run.returncode == 1
    problems = run.json()["problems"]
    assert [p for p in problems if p["check"] == "content" and p["file"] == "content/news/2026/11-11-typo/index.ky.md"
            and p["line"] == 4 and 'unknown official "mayr"' in p["message"]], problems


def test_the_pre_commit_check_reports_only_the_staged_stories(project):
    """`check --staged` (the pre-commit hook) judges what is being committed, not others' work."""
    fx.populate(project.site)
    project.git("init", "--quiet", "-b", "main")
    mine = project.site.story("news/2026/11-13-mine", "ru", "См. [решение](/ru/decisions/2026/none/).",
                              title="Моя история", date="2026-11-13 10:00")
    project.site.story("news/2026/11-14-others", "ky", "[Шилтеме](/ky/news/2026/none/).",
                                title="Башка окуя", date="2026-11-14 10:00")
    project.git("add", str(mine.relative_to(project.root)))
    run = project.run("check", "--staged")
    assert run.returncode == 1
    assert "content/news/2026/11-13-mine/index.ru.md" in run.stdout and "/ru/decisions/2026/none/" in run.stdout
    assert "11-14-others" not in run.stdout and "1 more problem in other files" in run.stdout

    project.git("reset", "--quiet")
    fine = project.site.story("news/2026/11-15-fine", "ky", "Жакшы текст.", title="Жакшы", date="2026-11-15 10:00")
    project.git("add", str(fine.relative_to(project.root)))
    run = project.run("check", "--staged")
    assert run.returncode == 0, run.text
    assert "No problems in the staged stories" in run.stdout and "2 more problems in other files" in run.stdout


def test_github_format_annotates_the_changed_files_lines_first(broken):
    _, as_json, github, _ = broken
    assert github.returncode == 1
    annotations = [line for line in github.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == len(as_json.json()["problems"])
    mine = [a for a in annotations if a.startswith(f"::error file={BROKEN_RU},")]
    assert annotations[:len(mine)] == mine and len(mine) == 3, annotations
    link = next(a for a in mine if a.startswith(f"::error file={BROKEN_RU},line=6,title=links::the link"))
    assert f"::error file={BROKEN_RU},line=8,title=links::" in github.stdout
    assert "%0A" in link and "Check the address" in link, "the hint follows on a line of its own"
    assert "NOT safe to publish" in github.stdout, "the report for people follows, for the log"


def test_github_format_writes_the_job_summary_in_kyrgyz_and_russian(broken):
    _, as_json, _, summary = broken
    count = len(as_json.json()["problems"])
    assert f"Жарыялоого болбойт: {count} көйгөй табылды" in summary
    assert f"Публиковать нельзя: найдено проблем — {count}" in summary
    assert "Сайттын көлөмү: " in summary and "Предел хостинга: 1,000 МБ." in summary
    rows = [line for line in summary.splitlines() if line.startswith(f"| `{BROKEN_RU}`")]
    assert len(rows) == 3 and all("(өзгөртүлгөн файл · изменённый файл)" in row for row in rows), rows
    assert any("| 6 |" in row and "/ru/decisions/2026/no-such-decision/" in row for row in rows), rows


def test_a_safe_site_s_summary_says_so_in_both_languages():
    from workflow.github import job_summary
    from workflow.report import Report

    summary = job_summary(Report(), [], set())
    assert "✅ Жарыялоого болот" in summary and "✅ Можно публиковать" in summary and "|" not in summary
