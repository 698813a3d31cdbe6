"""`make check FORMAT=github`: the report as GitHub Actions shows it.

- Annotations (`::error file=…,line=…::…`) put each problem on its line in
  the pull request's diff. GitHub shows only the first ten errors of a step,
  so the problems in the changed files come first.
- The job summary ($GITHUB_STEP_SUMMARY, Markdown) says in Kyrgyz and
  Russian whether the site is safe to publish, and lists every problem by
  file and line when it is not.
- The report for people follows, for the run's log.

`make links FORMAT=github` (the weekly check of links to other sites) uses
the same: warnings on the lines, and a summary in both languages.

The summary's own words are marked messages (portal.localization.editor),
shown in both languages whatever the runner's locale; the problems and the
report for the log are in the editor's language (PORTAL_UI_LANG), like every
other report.
"""

from __future__ import annotations

import os
from pathlib import Path

from portal.localization.editor import UI_LANGUAGES, Message, _, _n

from .report import Finding, Report

ANNOTATED = 50  # GitHub keeps at most 50 annotations of a job (10 errors per step are shown)
LISTED = 300    # rows of the summary's table; the rest are counted


def annotate(report: Report, changed: list[str], summary_path: str | None = None) -> str:
    """The annotations and the report for the log; the summary appended to `summary_path`
    ($GITHUB_STEP_SUMMARY by default, nothing when it is not set)."""
    findings = in_order(report.unique_findings(), set(changed))
    lines = [annotation(f) for f in findings[:ANNOTATED]]
    summary_path = summary_path or os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with Path(summary_path).open("a", encoding="utf-8") as summary:
            summary.write(job_summary(report, findings, set(changed)))
    return "\n".join([*lines, report.as_text()])


def in_order(findings: list[Finding], changed: set[str]) -> list[Finding]:
    """The changed files' problems first, each file's in line order."""
    return sorted(findings, key=lambda f: (f.file not in changed, f.file, f.line or 0, f.message))


def annotate_links(broken: list[Finding], asked: int, summary_path: str | None = None) -> list[str]:
    """`make links FORMAT=github`: warnings on the lines of the broken links, and a summary of them."""
    summary_path = summary_path or os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        count = len({f.message for f in broken})  # a message names its address: one per broken address
        verdict = _("%(count)d of %(asked)d links to other sites do not work. Publishing does not stop.",
                    count=count, asked=asked) if broken else \
            _("Every link to other sites works (%(asked)d).", asked=asked)
        out = [f"### {'❌' if broken else '✅'} {verdict.text(lang)}\n" for lang in UI_LANGUAGES]
        out += [f"- `{_cell(f.file)}`" + (f", {f.line}" if f.line else "") + f": {_cell(str(f.message))}"
                for f in broken]
        with Path(summary_path).open("a", encoding="utf-8") as summary:
            summary.write("\n".join(out) + "\n")
    return [annotation(f, "warning") for f in broken[:ANNOTATED]]


def annotation(finding: Finding, level: str = "error") -> str:
    message = str(finding.message) + (f"\n{finding.hint}" if finding.hint else "")
    if not finding.file.startswith("/"):  # a file in the repository; a site path names a page the theme made
        place = f"file={_property(finding.file)}" + (f",line={finding.line}" if finding.line else "")
    else:
        place, message = "", f"{finding.file}: {message}"
    title = f"title={_property(finding.check or 'check')}"
    return f"::{level} {','.join(p for p in (place, title) if p)}::{_data(message)}"


def job_summary(report: Report, findings: list[Finding], changed: set[str]) -> str:
    """Markdown: the verdict and the site size in both languages, the problems as a table, the notes folded."""
    out: list[str] = []
    verdict = _("Safe to publish: no problems found.") if report.safe else \
        _n("Not safe to publish: %(count)d problem found. Fix it and push again.",
           "Not safe to publish: %(count)d problems found. Fix them and push again.", len(findings))
    out.extend(f"### {'✅' if report.safe else '❌'} {verdict.text(lang)}\n" for lang in UI_LANGUAGES)
    if report.size and report.limits.get("site"):
        size, limit = f"{report.size.on_host / 1e6:,.0f}", f"{report.limits['site'] / 1e6:,.0f}"
        said = _("Site size: %(size)s MB. The host's limit: %(limit)s MB.", size=size, limit=limit)
        out.extend(said.text(lang) + "\n" for lang in UI_LANGUAGES)
    if findings:
        file, line, problem, changed_file = (both(_("File")), both(_("Line")), both(_("Problem")),
                                             both(_("changed file")))
        out.append(f"| {file} | {line} | {problem} |")
        out.append("|---|---|---|")
        for finding in findings[:LISTED]:
            mark = f" ({changed_file})" if finding.file in changed else ""
            problem = _cell(str(finding.message)) + (f"<br>{_cell(str(finding.hint))}" if finding.hint else "")
            out.append(f"| `{_cell(finding.file)}`{mark} | {finding.line or ''} | {problem} |")
        out.append("")
        if len(findings) > LISTED:
            more = _n("%(count)d more problem: `make check` shows it.",
                      "%(count)d more problems: `make check` shows them.", len(findings) - LISTED)
            out.extend(more.text(lang) + "\n" for lang in UI_LANGUAGES)
    notes = report.unique_notes()
    if notes:
        heading = both(_("Notes (%(count)d): they do not stop publishing.", count=len(notes)))
        out.append(f"<details><summary>{heading}</summary>\n")
        out.extend(f"- {_cell(str(n.message))}" + (f" (`{_cell(n.file)}`)" if n.file else "") for n in notes)
        out.append("\n</details>\n")
    return "\n".join(out) + "\n"


def both(said: Message) -> str:
    """A message in Kyrgyz · Russian."""
    return " · ".join(said.text(lang) for lang in UI_LANGUAGES)


def _data(text: str) -> str:
    """A workflow command's message: %, CR and LF escaped (GitHub's toolkit does the same)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _cell(text: str) -> str:
    """Text in a Markdown table cell: no HTML, no column breaks, no line breaks."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    return escaped.replace("\n", "<br>")
