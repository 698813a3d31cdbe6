"""`check`: everything the build validates, then the built site itself.

Order: the build's own problems (if it stopped, nothing else can be
checked); then, over the output folder, well-formedness of feeds and data
files, internal links and referenced files, and the Nu HTML Checker; then
the notes on missing languages. `only` narrows the report to some content
files (the pre-commit hook passes the staged stories). Without Java or
vnu.jar the HTML is not validated (one line says so) unless `html_required`.
Last, the site's size against its host's limits (`size`).
"""

from __future__ import annotations

from pathlib import Path

from portal.localization.editor import _

from . import coverage, links, nuchecker, size, wellformed
from .building import Build
from .progress import Display, counts
from .report import Report
from .sources import Sources


def check(build: Build, root: Path, display: Display, only: list[str] | None = None,
          html_required: bool = False) -> Report:
    from portal.core.settings import host_limits, value  # the build has loaded the plugins by now

    report = Report()
    if not build.ok:
        report.findings += build.problems + build.warnings
        return _narrow(report, only)
    output = build.output
    sources = Sources(build, root)
    report.counts = counts(output)
    report.findings += build.warnings
    with display.step(_("Checking feeds and data files")):
        report.findings += wellformed.check(output, sources.name)
    with display.step(_("Checking links and files")):
        report.findings += links.check(output, build.settings["SITEURL"], sources.name, sources.line_of,
                                       value(build.settings, "PORTAL_MEDIA_URL"))
    if (why := nuchecker.unavailable(root)) is None:
        with display.step(_("Validating HTML (Nu HTML Checker)")):
            report.findings += nuchecker.check(output, root, sources.name)
    elif html_required:
        report.findings.append(nuchecker.cannot_run(why))
    else:
        report.skipped.append(nuchecker.skipped(why))
    report.notes += coverage.notes(build.resolver, root)
    report.limits = host_limits(build.settings)
    report.size = size.measure(output, media_elsewhere=bool(value(build.settings, "PORTAL_MEDIA_URL")))
    too_big, near = size.judge(report.size, report.limits)
    report.findings += too_big
    report.notes += near
    return _narrow(report, only)


def _narrow(report: Report, only: list[str] | None) -> Report:
    """Keep what concerns the story folders of `only`; count the rest as elsewhere."""
    if not only:
        return report
    folders = {str(Path(p).parent if Path(p).suffix else Path(p)) for p in only}

    def mine(file: str) -> bool:
        return any(file == folder or file.startswith(folder + "/") for folder in folders)

    kept = [f for f in report.findings if mine(f.file)]
    return Report(findings=kept, notes=[n for n in report.notes if mine(n.file)], skipped=report.skipped,
                  counts=report.counts, elsewhere=len(set(report.findings)) - len(set(kept)), size=report.size,
                  limits=report.limits)
