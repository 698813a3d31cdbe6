"""`check`: everything the build validates, then the built site itself.

Order: the build's own problems (if it stopped, nothing else can be
checked); then, over the output folder, well-formedness of feeds and data
files, internal links and referenced files, and the Nu HTML Checker; then
the notes on missing languages. `only` narrows the report to some content
files (the pre-commit hook passes the staged stories). Last, the site's size
against its host's limits (`size`).

What a check found in each file is kept (`Checked`, in the site folder's
state) with the file's stamp: a check after an edit reads, and has vnu
validate, only the files the build wrote, while the links of every page
are resolved against the whole site again, so a link that an edit broke on
a page it did not touch is still found. A check of a site whose files are
all as the last check found them gives the same report at once.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from portal.core import sealed
from portal.core.state import state_folder
from portal.localization.editor import _

from . import coverage, links, nuchecker, size, wellformed
from .building import Build
from .progress import Display
from .report import Finding, Note, Report
from .sources import Sources

CHECKED = "checked"  # in the site folder's state
Stamp = tuple[int, int, int, int]


@dataclass
class FileChecks:
    """What the last check found in one file of the site."""

    stamp: Stamp  # the file it was: device, inode, size, modification time
    wellformed: list[Finding]
    links: links.Links
    html: list[nuchecker.Said] | None  # vnu's messages; None when not validated (not a page, or no vnu)


@dataclass
class Checked:
    """The last check of a site folder: each file's findings, where pages come from, and its report."""

    key: bytes  # what else its findings depend on (the site's address, the project's folder, vnu)
    files: dict[str, FileChecks] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    report: Report | None = None


def check(build: Build, root: Path, display: Display, only: list[str] | None = None,
          html_required: bool = False) -> Report:
    from portal.core.settings import host_limits, value  # the build has loaded the plugins by now

    report = Report()
    if not build.ok:
        report.findings += build.problems + build.warnings
        return _narrow(report, only)
    output = build.output
    siteurl, media_url = build.settings["SITEURL"], value(build.settings, "PORTAL_MEDIA_URL")
    limits = host_limits(build.settings)
    why = nuchecker.unavailable(root)
    key = hashlib.blake2b(repr((siteurl, media_url, limits, str(root.resolve()), why is None)).encode(),
                          digest_size=16).digest()
    path = state_folder(Path(build.settings["CACHE_PATH"]), output) / CHECKED
    last = sealed.load(path)
    kept = last if isinstance(last, Checked) and last.key == key else Checked(key)
    every_file = _stamps(output)
    stamps = {name: stamp for name, stamp in every_file.items() if not name.startswith("theme/")}  # ours, not checked
    changed = [name for name, stamp in stamps.items() if name not in kept.files or kept.files[name].stamp != stamp]
    if not changed and stamps.keys() == kept.files.keys() and kept.report is not None and not build.warnings \
            and (why is None or not html_required):
        return _narrow(kept.report, only)
    sources = Sources(build, root)
    if not sources.by_file:  # nothing was built (a site changed by hand): where its pages came from is kept
        sources.by_file = kept.sources
    site = links.Site(siteurl, set(every_file), media_url)
    checked = {name: kept.files[name] for name in stamps if name not in changed}
    with display.step(_("Checking feeds, data files and links")):
        for name in changed:
            file = output / name
            checked[name] = FileChecks(stamps[name], list(wellformed.check_file(file, name, sources.name(name))),
                                       links.read(name, file, site), None)
    pages = [name for name in changed if name.endswith(".html")]
    if why is None and pages:
        with display.step(_("Validating HTML (Nu HTML Checker)")):
            validated = nuchecker.check(output, pages, root)
        if isinstance(validated, Finding):
            report.findings.append(validated)
        else:
            for name in pages:
                checked[name].html = validated.get(name, [])
    elif why is not None and html_required:
        report.findings.append(nuchecker.cannot_run(why))
    elif why is not None:
        report.skipped.append(nuchecker.skipped(why))
    report.counts = build.counts
    report.findings += build.warnings
    for name, found in checked.items():
        report.findings += found.wellformed
        if found.html:
            report.findings += nuchecker.findings(name, found.html, sources.name(name))
    every = {name: found.links for name, found in checked.items()}
    report.findings += links.findings(links.broken(every, site), site, sources.name, sources.line_of)
    report.notes += _notes(build, root, kept)
    report.limits = limits
    report.size = size.of_files({name: stamp[2] for name, stamp in every_file.items()}, bool(media_url))
    too_big, near = size.judge(report.size, limits)
    report.findings += too_big
    report.notes += near
    sealed.save(path, Checked(key, checked, sources.by_file, report))
    return _narrow(report, only)


def _notes(build: Build, root: Path, kept: Checked) -> list[Note]:
    """The missing languages, as the build's stories say; as the last check said if nothing was built."""
    if build.resolver is None:
        return kept.report.notes if kept.report is not None else []
    return list(coverage.notes(build.resolver, Path(build.settings["PATH"]), root))


def _stamps(output: Path) -> dict[str, Stamp]:
    """Every file of the site, by its name relative to `output`."""
    found: dict[str, Stamp] = {}
    todo = [""]
    while todo:
        relative = todo.pop()
        with os.scandir(os.path.join(output, relative)) as entries:
            for entry in entries:
                name = f"{relative}/{entry.name}" if relative else entry.name
                if entry.is_dir(follow_symlinks=False):
                    todo.append(name)
                elif entry.is_file():
                    stat = entry.stat()
                    found[name] = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return found


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
