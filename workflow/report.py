"""What `check` found, for a person (grouped by file) and for CI (JSON).

A `Finding` makes the site unsafe to publish; a `Note` is worth knowing
(a missing translation) but never stops publishing; a skipped check (the
Nu HTML Checker without Java on an editor's machine) is said in one line.
Their words are marked messages (localization.editor): the text report is
in the editor's language; the JSON carries that text and, as `id`, the
message's msgid, which is the same in every language (for CI annotations).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .size import SiteSize

from portal.localization.editor import Message, _, _n, ui_language


@dataclass(frozen=True)
class Finding:
    file: str          # a content file (content/…/index.ru.md), or a built page (/ky/news/) for what the theme made
    line: int | None
    message: Message
    hint: Message | None = None
    check: str = ""    # content, links, html, feeds

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "check": self.check, "id": self.message.msgid,
                "message": str(self.message), "hint": str(self.hint) if self.hint else ""}


@dataclass(frozen=True)
class Note:
    kind: str          # one-language, no-story
    message: Message
    file: str = ""

    def as_dict(self) -> dict:
        return {"kind": self.kind, "file": self.file, "id": self.message.msgid, "message": str(self.message)}


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    skipped: list[Message] = field(default_factory=list)  # checks that could not run here, and why
    counts: dict[str, int] = field(default_factory=dict)  # pages, feeds, photos checked
    elsewhere: int = 0  # problems outside the files asked about (pre-commit checks staged stories only)
    size: SiteSize | None = None  # the built site's size by kind (workflow.size)
    limits: dict = field(default_factory=dict)  # the host's, from PORTAL_HOST_LIMITS

    @property
    def safe(self) -> bool:
        return not self.findings

    def unique_findings(self) -> list[Finding]:
        return sorted(set(self.findings), key=lambda f: (f.file, f.line or 0, f.message))

    def unique_notes(self) -> list[Note]:
        return sorted(set(self.notes), key=lambda n: (n.kind, n.file, n.message))

    def as_json(self) -> str:
        return json.dumps({"safe_to_publish": self.safe, "language": ui_language(), "counts": self.counts,
                           "problems_elsewhere": self.elsewhere,
                           "problems": [f.as_dict() for f in self.unique_findings()],
                           "notes": [n.as_dict() for n in self.unique_notes()],
                           "skipped": [{"id": s.msgid, "message": str(s)} for s in self.skipped],
                           "size": self.size.as_dict() if self.size else None},
                          ensure_ascii=False, indent=2) + "\n"

    def as_text(self) -> str:
        lines: list[str] = []
        findings = self.unique_findings()
        by_file: dict[str, list[Finding]] = defaultdict(list)
        for finding in findings:
            by_file[finding.file].append(finding)
        for file, items in by_file.items():
            lines.append(file)
            for item in items:
                where = _("line %(line)s", line=item.line) if item.line else None
                lines.append(f"  {where}: {item.message}" if where else f"  {item.message}")
                if item.hint:
                    lines.append("      " + str(item.hint).replace("\n", "\n      "))
            lines.append("")
        notes: dict[str, list[Note]] = defaultdict(list)
        for note in self.unique_notes():
            notes[note.kind].append(note)
        for kind, heading in NOTE_HEADINGS.items():
            if notes[kind]:
                lines.append(str(heading))
                lines.extend(f"  {n.message}" + (f"  ({n.file})" if n.file else "") for n in notes[kind])
                lines.append("")
        lines.extend(map(str, self.skipped))
        if self.size and not self.elsewhere:
            lines.append(self.size.as_text(self.limits))
        if self.elsewhere:
            lines.append(str(_n("%(count)d more problem in other files (not yours: run `make check` to see it).",
                                "%(count)d more problems in other files (not yours: run `make check` to see them).",
                                self.elsewhere)))
        if self.safe and self.elsewhere:
            lines.append(str(_("No problems in the staged stories.")))
        elif self.safe:
            lines.append(str(_("Safe to publish: no problems found.")))
        else:
            lines.append(str(_n("NOT safe to publish: %(count)d problem (listed above, by file).",
                                "NOT safe to publish: %(count)d problems (listed above, by file).", len(findings))))
        return "\n".join(lines) + "\n"


NOTE_HEADINGS = {
    "one-language": _("Notes (they do not stop publishing): stories in one language only"),
    "no-story": _("Notes (they do not stop publishing): officials and units with no story in a language"),
    "size": _("Notes (they do not stop publishing): the site's size and its host's limits"),
}
