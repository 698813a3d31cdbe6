"""What `check` found, for a person (grouped by file) and for CI (JSON).

A `Finding` makes the site unsafe to publish; a `Note` is worth knowing
(a missing translation) but never stops publishing.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .size import SiteSize


@dataclass(frozen=True, order=True)
class Finding:
    file: str          # a content file (content/…/index.ru.md), or a built page (/ky/news/) for what the theme made
    line: int | None
    message: str
    hint: str = ""
    check: str = ""    # content, links, html, feeds


@dataclass(frozen=True, order=True)
class Note:
    kind: str          # one-language, no-story
    message: str
    file: str = ""


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # pages, feeds, photos checked
    elsewhere: int = 0  # problems outside the files asked about (pre-commit checks staged stories only)
    size: SiteSize | None = None  # the built site's size by kind (workflow.size)
    limits: dict = field(default_factory=dict)  # the host's, from PORTAL_HOST_LIMITS

    @property
    def safe(self) -> bool:
        return not self.findings

    def unique_findings(self) -> list[Finding]:
        return sorted(set(self.findings), key=lambda f: (f.file, f.line or 0, f.message))

    def as_json(self) -> str:
        return json.dumps({"safe_to_publish": self.safe, "counts": self.counts, "problems_elsewhere": self.elsewhere,
                           "problems": [asdict(f) for f in self.unique_findings()],
                           "notes": [asdict(n) for n in sorted(set(self.notes))],
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
                where = f"line {item.line}: " if item.line else ""
                lines.append(f"  {where}{item.message}")
                if item.hint:
                    lines.append("      " + item.hint.replace("\n", "\n      "))
            lines.append("")
        notes: dict[str, list[Note]] = defaultdict(list)
        for note in sorted(set(self.notes)):
            notes[note.kind].append(note)
        for kind, heading in NOTE_HEADINGS.items():
            if notes[kind]:
                lines.append(heading)
                lines.extend(f"  {n.message}" + (f"  ({n.file})" if n.file else "") for n in notes[kind])
                lines.append("")
        if self.size and not self.elsewhere:
            lines.append(self.size.as_text(self.limits))
        count = len(findings)
        if self.elsewhere:
            lines.append(f"{self.elsewhere} more problem{'s' if self.elsewhere != 1 else ''} in other files "
                         "(not yours: run `make check` to see them).")
        if self.safe and self.elsewhere:
            lines.append("No problems in the staged stories.")
        elif self.safe:
            lines.append("Safe to publish: no problems found.")
        else:
            lines.append(f"NOT safe to publish: {count} problem{'s' if count != 1 else ''} (listed above, by file).")
        return "\n".join(lines) + "\n"


NOTE_HEADINGS = {
    "one-language": "Notes (they do not stop publishing): stories in one language only",
    "no-story": "Notes (they do not stop publishing): officials and units with no story in a language",
    "size": "Notes (they do not stop publishing): the site's size and its host's limits",
}
