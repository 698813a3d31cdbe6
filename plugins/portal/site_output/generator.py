"""Opens the build's `Output` before any plugin writes, and commits it after the last one has."""

from __future__ import annotations

from pathlib import Path

from portal.core.context_keys import OUTPUT_KEY
from portal.core.machine import MachineGuard
from portal.core.output import Output


class SiteOutputGenerator(MachineGuard):
    def generate_context(self) -> None:
        """Every plugin has read its content without an error that stops the build: the
        site may now change, so the staging folder is opened (emptied) here, not before."""
        self.context[OUTPUT_KEY] = Output(Path(self.output_path))

    def generate_output(self, writer) -> None:
        self.context[OUTPUT_KEY].commit()
