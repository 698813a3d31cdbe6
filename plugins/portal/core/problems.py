"""Editor-facing problems: collected during a build, reported together.

An editor's mistake is reported like a compiler error a person can act on:
the file, the line, what is wrong and what to write instead. Every problem of
a build is collected first so that one run shows them all.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        if self.hint:
            text += "\n    " + self.hint.replace("\n", "\n    ")
        return text


@dataclass
class Problems:
    """A collector that relative-izes paths against the project root."""

    root: Path
    items: list[Problem] = field(default_factory=list)

    def add(self, path: Path | str, line: int | None, message: str, hint: str = "") -> None:
        shown = Path(path)
        with suppress(ValueError):  # a path outside the root is shown as given
            shown = shown.resolve().relative_to(self.root.resolve())
        self.items.append(Problem(shown.as_posix(), line, message, hint))

    def __bool__(self) -> bool:
        return bool(self.items)

    def report(self) -> str:
        unique = sorted(set(self.items), key=lambda p: (p.path, p.line or 0, p.message))
        count = len(unique)
        header = f"The site was not built: {count} problem{'s' if count != 1 else ''} in the content."
        return "\n\n".join([header, *map(str, unique)]) + "\n"


class BuildStopped(SystemExit):
    """Stops the build with a readable report and exit status 1.

    A SystemExit subclass on purpose: Pelican's command line logs any other
    exception with a traceback, which is the wrong answer to an editor's typo.
    """

    def __init__(self, problems: Problems) -> None:
        super().__init__(problems.report())
        self.problems = problems
