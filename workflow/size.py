"""How big the published site is, by kind, how fast it grows, and whether its host takes it.

A static host has limits: GitHub Pages refuses a site over 1 GB and a file
over 100 MB (git itself refuses the file). Photos, press kits and video
grow the site every day, so `check` measures the built site and compares
it with `PORTAL_HOST_LIMITS`: a warning (a note) from `warn` of a limit on,
a problem past it. When media are served from elsewhere
(`PORTAL_MEDIA_URL`), `media/` is not on the host and does not count
against its limits.

Growth is measured per month of content: the files under
`media/<section>/<year>/<mm-dd-…>/` belong to the month of their story.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from portal.localization.editor import Message, _, _n

from .building import RENDITION
from .report import Finding, Note

KINDS = ("pages", "feeds and data", "search index", "theme", "renditions", "originals", "documents", "zips",
         "audio", "video")
AUDIO = {".mp3", ".m4a", ".ogg", ".oga", ".opus", ".wav"}
VIDEO = {".mp4", ".m4v", ".webm", ".mov"}
IMAGES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif"}
STORY_FOLDER = re.compile(r"^media/[^/]+/(\d{4})/(\d{2})-\d{2}-[^/]+/")
MB = 1_000_000
KIND_NAMES = {"pages": _("pages"), "feeds and data": _("feeds and data"), "search index": _("search index"),
              "theme": _("theme"), "renditions": _("renditions"), "originals": _("originals"),
              "documents": _("documents"), "zips": _("zips"), "audio": _("audio"), "video": _("video")}


@dataclass
class SiteSize:
    by_kind: Counter = field(default_factory=Counter)       # kind → bytes
    files: Counter = field(default_factory=Counter)         # kind → files
    by_month: Counter = field(default_factory=Counter)      # "2026-11" → bytes of that month's stories' media
    large: list[tuple[str, int]] = field(default_factory=list)  # files of a megabyte or more on the host, largest first
    media_elsewhere: bool = False

    @property
    def largest(self) -> tuple[str, int]:
        return self.large[0] if self.large else ("", 0)

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())

    @property
    def media(self) -> int:
        return sum(self.by_kind[k] for k in ("renditions", "originals", "documents", "zips", "audio", "video"))

    @property
    def on_host(self) -> int:
        return self.total - self.media if self.media_elsewhere else self.total

    def monthly_growth(self, months: int = 12) -> int:
        """Media bytes a month of content adds: the mean of the last `months` months that have content."""
        recent = [self.by_month[m] for m in sorted(self.by_month)[-months:]]
        return sum(recent) // len(recent) if recent else 0

    def as_dict(self) -> dict:
        return {"total": self.total, "on_host": self.on_host, "by_kind": dict(self.by_kind),
                "files": dict(self.files), "by_month": dict(sorted(self.by_month.items())),
                "monthly_growth": self.monthly_growth(), "largest": {"file": self.largest[0], "bytes": self.largest[1]},
                "media_elsewhere": self.media_elsewhere}

    def as_text(self, limits: dict) -> str:
        """The size by kind, in the editor's language."""
        total = megabytes(self.total)
        heading = _("Site size: %(size)s (%(on_host)s on the host, media elsewhere)", size=total,
                    on_host=megabytes(self.on_host)) if self.media_elsewhere else _("Site size: %(size)s", size=total)
        lines = [str(heading)]
        shown = [kind for kind in KINDS if self.files[kind]]
        names = {kind: str(KIND_NAMES[kind]) for kind in shown}
        width = max(map(len, names.values()), default=0) + 2  # the names' column, in the editor's language
        lines += [f"  {names[kind]:<{width}}{megabytes(self.by_kind[kind])!s:>11}  "
                  + str(_n("%(count)d file", "%(count)d files", self.files[kind])) for kind in shown]
        growth = self.monthly_growth()
        if growth:
            lines.append("  " + str(_("media grow by %(size)s a month of content (the last %(months)d months with "
                                      "stories)", size=megabytes(growth), months=min(12, len(self.by_month)))))
        if limits.get("site"):
            site, file = megabytes(limits["site"]), megabytes(limits["file"])
            limit = _("host limit: %(site)s a site, %(file)s a file; largest file %(largest)s (%(name)s)", site=site,
                      file=file, largest=megabytes(self.largest[1]), name=self.largest[0]) if self.large else \
                _("host limit: %(site)s a site, %(file)s a file; no file reaches 1 MB", site=site, file=file)
            lines.append(f"  {limit}")
            if growth and self.on_host < limits["site"] and not self.media_elsewhere:
                months = (limits["site"] - self.on_host) / growth
                when = _("within about a month") if months < 1.5 else \
                    _("in about %(months)d months", months=round(months))
                lines.append("  " + str(_("at this rate the site reaches the host's limit %(when)s", when=when)))
        return "\n".join(lines) + "\n"


def kind_of(relative: str) -> str:
    """The kind of an output file by its site path."""
    top, suffix = relative.split("/", 1)[0], Path(relative).suffix.lower()
    if top == "theme":
        return "theme"
    if top == "pagefind":
        return "search index"
    if top == "media":
        if suffix == ".zip":
            return "zips"
        if suffix in AUDIO:
            return "audio"
        if suffix in VIDEO:
            return "video"
        if suffix in IMAGES:
            return "renditions" if RENDITION.search(relative) else "originals"
        return "documents"
    return "pages" if suffix == ".html" else "feeds and data"


def measure(output: Path, media_elsewhere: bool = False) -> SiteSize:
    return of_files({path.relative_to(output).as_posix(): path.stat().st_size
                     for path in output.rglob("*") if path.is_file()}, media_elsewhere)


def of_files(files: dict[str, int], media_elsewhere: bool = False) -> SiteSize:
    """The size of a site whose files (site path → bytes) are `files`."""
    size = SiteSize(media_elsewhere=media_elsewhere)
    for relative, length in files.items():
        kind = kind_of(relative)
        size.by_kind[kind] += length
        size.files[kind] += 1
        month = STORY_FOLDER.match(relative)
        if month:
            size.by_month[f"{month[1]}-{month[2]}"] += length
        if length >= MB and not (media_elsewhere and relative.startswith("media/")):
            size.large.append((relative, length))
    size.large.sort(key=lambda item: (-item[1], item[0]))
    return size


def judge(size: SiteSize, limits: dict) -> tuple[list[Finding], list[Note]]:
    """Problems past the host's limits; notes from `warn` of them on."""
    findings: list[Finding] = []
    notes: list[Note] = []
    site_limit, file_limit, warn = int(limits.get("site") or 0), int(limits.get("file") or 0), limits.get("warn", 0.8)
    hint = _("The host refuses it: see docs/publishing.md, \"When the site grows\" (Git LFS, media on object "
             "storage with PORTAL_MEDIA_URL, another host).")
    if site_limit and size.on_host > site_limit:
        findings.append(Finding(str(_("(the site)")), None,
                                _("the site is %(size)s, over the host's limit of %(limit)s",
                                  size=megabytes(size.on_host), limit=megabytes(site_limit)), hint, "size"))
    elif site_limit and size.on_host > warn * site_limit:
        share = f"{size.on_host / site_limit:.0%}"
        notes.append(Note("size", _("the site is %(size)s, %(share)s of the host's limit of %(limit)s: plan the move "
                                    "in docs/publishing.md", size=megabytes(size.on_host), share=share,
                                    limit=megabytes(site_limit))))
    for name, length in size.large if file_limit else []:  # largest first
        if length > file_limit:
            findings.append(Finding(name, None, _("the file is %(size)s, over the host's limit of %(limit)s a file",
                                                  size=megabytes(length), limit=megabytes(file_limit)),
                                    _("Make it smaller (a video: a lower bitrate), or serve media from elsewhere "
                                      "(PORTAL_MEDIA_URL, docs/publishing.md)."), "size"))
        elif length > warn * file_limit:
            notes.append(Note("size", _("the file is %(size)s, near the host's limit of %(limit)s a file",
                                        size=megabytes(length), limit=megabytes(file_limit)), name))
    return findings, notes


def megabytes(count: int) -> Message:
    """`1 234,5 МБ`: the number and the unit as the editor's language writes them."""
    return _("%(count)s MB", count=count / MB)
