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

The summary's own words are in workflow/texts.py (`github_…`), with the
other words of the workflow that wait for the editors' catalogs (issue 15);
the problems themselves are written by the checks that found them.
"""

from __future__ import annotations

import os
from pathlib import Path

from .report import Finding, Report
from .texts import LANGUAGES, WORDS

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
        key = "github_links_broken" if broken else "github_links_ok"
        count = len({f.message for f in broken})  # a message names its address: one per broken address
        out = [f"### {'❌' if broken else '✅'} {WORDS[lang][key].format(count=count, asked=asked)}\n"
               for lang in LANGUAGES]
        out += [f"- `{_cell(f.file)}`" + (f", {f.line}" if f.line else "") + f": {_cell(f.message)}" for f in broken]
        with Path(summary_path).open("a", encoding="utf-8") as summary:
            summary.write("\n".join(out) + "\n")
    return [annotation(f, "warning") for f in broken[:ANNOTATED]]


def annotation(finding: Finding, level: str = "error") -> str:
    message = finding.message + (f"\n{finding.hint}" if finding.hint else "")
    if not finding.file.startswith("/"):  # a file in the repository; a site path names a page the theme made
        place = f"file={_property(finding.file)}" + (f",line={finding.line}" if finding.line else "")
    else:
        place, message = "", f"{finding.file}: {message}"
    title = f"title={_property(finding.check or 'check')}"
    return f"::{level} {','.join(p for p in (place, title) if p)}::{_data(message)}"


def job_summary(report: Report, findings: list[Finding], changed: set[str]) -> str:
    """Markdown: the verdict and the site size in both languages, the problems as a table, the notes folded."""
    out: list[str] = []
    for lang in LANGUAGES:
        words = WORDS[lang]
        verdict = words["github_safe"] if report.safe else words["github_unsafe"].format(count=len(findings))
        out.append(f"### {'✅' if report.safe else '❌'} {verdict}\n")
    if report.size and report.limits.get("site"):
        size, limit = f"{report.size.on_host / 1e6:,.0f}", f"{report.limits['site'] / 1e6:,.0f}"
        out.extend(WORDS[lang]["github_size"].format(size=size, limit=limit) + "\n" for lang in LANGUAGES)
    if findings:
        out.append(f"| {both('github_file')} | {both('github_line')} | {both('github_problem')} |")
        out.append("|---|---|---|")
        for finding in findings[:LISTED]:
            mark = f" ({both('github_changed')})" if finding.file in changed else ""
            problem = _cell(finding.message) + (f"<br>{_cell(finding.hint)}" if finding.hint else "")
            out.append(f"| `{_cell(finding.file)}`{mark} | {finding.line or ''} | {problem} |")
        out.append("")
        if len(findings) > LISTED:
            out.extend(WORDS[lang]["github_more"].format(count=len(findings) - LISTED) + "\n" for lang in LANGUAGES)
    notes = sorted(set(report.notes))
    if notes:
        out.append(f"<details><summary>{both('github_notes', count=len(notes))}</summary>\n")
        out.extend(f"- {_cell(n.message)}" + (f" (`{_cell(n.file)}`)" if n.file else "") for n in notes)
        out.append("\n</details>\n")
    return "\n".join(out) + "\n"


def both(key: str, **values) -> str:
    """The words `key` in Kyrgyz · Russian."""
    return " · ".join(WORDS[lang][key].format(**values) for lang in LANGUAGES)


def _data(text: str) -> str:
    """A workflow command's message: %, CR and LF escaped (GitHub's toolkit does the same)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _cell(text: str) -> str:
    """Text in a Markdown table cell: no HTML, no column breaks, no line breaks."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    return escaped.replace("\n", "<br>")
