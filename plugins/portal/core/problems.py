"""Editor-facing problems: collected during a build, reported together.

An editor's mistake is reported like a compiler error a person can act on:
the file, the line, what is wrong and what to write instead. Every problem of
a build is collected first so that one run shows them all. The message and
the hint are marked messages (portal.localization.editor), shown in the editor's
language; a plain string is refused (a TypeError, in the tests that
exercise it), so an untranslated sentence cannot reach an editor through here.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from portal.localization.editor import Message, _n


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: Message
    hint: Message | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        if self.hint:
            text += "\n    " + str(self.hint).replace("\n", "\n    ")
        return text


@dataclass
class Problems:
    """A collector that relative-izes paths against the project root."""

    root: Path
    items: list[Problem] = field(default_factory=list)

    def add(self, path: Path | str, line: int | None, message: Message, hint: Message | None = None) -> None:
        for said in (message, hint):
            if said is not None and not isinstance(said, Message):
                raise TypeError(f"mark an editor's words with portal.localization.editor's _(): {said!r}")
        shown = Path(path)
        with suppress(ValueError):  # a path outside the root is shown as given
            shown = shown.resolve().relative_to(self.root.resolve())
        self.items.append(Problem(shown.as_posix(), line, message, hint))

    def __bool__(self) -> bool:
        return bool(self.items)

    def report(self) -> str:
        unique = sorted(set(self.items), key=lambda p: (p.path, p.line or 0, p.message))
        header = _n("The site was not built: %(count)d problem in the content.",
                    "The site was not built: %(count)d problems in the content.", len(unique))
        return "\n\n".join([str(header), *map(str, unique)]) + "\n"


class BuildStopped(SystemExit):
    """Stops the build with a readable report and exit status 1.

    A SystemExit subclass on purpose: Pelican's command line logs any other
    exception with a traceback, which is the wrong answer to an editor's typo.
    """

    def __init__(self, problems: Problems) -> None:
        super().__init__(problems.report())
        self.problems = problems
