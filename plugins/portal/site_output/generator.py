"""Opens the build's `Output` before any plugin writes, and commits it after the last one has."""

from __future__ import annotations

from pathlib import Path

from portal.core.context_keys import OUTPUT_KEY
from portal.core.machine import MachineGuard
from portal.core.output import Output, survey
from portal.core.state import build_state

NAMES = "site-files"  # in the site folder's state: the files of the site as committed, with their stamps


class SiteOutputGenerator(MachineGuard):
    def __init__(self, *args, **kwargs) -> None:
        """Made with the other generators, before any reads the content: the files of the site as
        the last build left them are looked at from now on, on another core (output.survey)."""
        super().__init__(*args, **kwargs)
        state = build_state(self.context)
        self.previous = state.load(NAMES) if state.trusted else None
        self.differing = survey(Path(self.output_path), self.previous) if self.previous else None

    def generate_context(self) -> None:
        """Every plugin has read its content without an error that stops the build: the
        site may now change, so the staging folder is opened (emptied) here, not before."""
        self.context[OUTPUT_KEY] = Output(Path(self.output_path), self.previous, self.differing)

    def generate_output(self, writer) -> None:
        """Commit the site, then write what every plugin kept for the next build (portal.core.state)."""
        output: Output = self.context[OUTPUT_KEY]
        state = build_state(self.context)
        state.before_commit()
        output.commit()
        state.keep(NAMES, output.stamps)
        state.after_commit()
