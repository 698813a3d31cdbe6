"""The Nu HTML Checker (npm's vnu-jar), run once over the pages to validate.

One Java start for every page: vnu checks a folder in a few seconds, where a
start per page would take seconds each. `check` validates the pages it is
given (a build's changed pages) or, when there are many, the whole site. An
editor's machine may have neither Java nor the npm packages: there `check`
says in one line that it did not validate the HTML, and goes on. Where
`PORTAL_CHECK_HTML=required` (CI: .ci/run) or when publishing, a checker
that cannot run is a problem.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from portal.localization.editor import Message, _

from .report import Finding

VNU_JAR = Path("node_modules") / "vnu-jar" / "build" / "dist" / "vnu.jar"
SETTING = "PORTAL_CHECK_HTML"
ONE_BY_ONE = 400  # pages named one by one on vnu's command line; more, and the whole folder is checked
Said = tuple[int | None, str, str]  # (line, message, extract) as vnu gives them


def required(environ: Mapping[str, str] = os.environ) -> bool:
    return environ.get(SETTING, "").strip().lower() == "required"


def unavailable(root: Path) -> Message | None:
    """Why the checker cannot run here, or None."""
    if shutil.which("java") is None:
        return _("Java is not installed")
    if not (root / VNU_JAR).is_file():
        return _("%(file)s is missing", file=VNU_JAR)
    return None


def cannot_run(why: Message) -> Finding:
    return Finding(str(_("(the checker)")), None, _("the HTML checker cannot run: %(reason)s", reason=why),
                   _("Run `make test` once (it installs Java and the npm packages), then check again."), "html")


def skipped(why: Message) -> Message:
    return _("The HTML of the pages was not validated here (%(reason)s): the check in CI does it.", reason=why)


def check(output: Path, pages: list[str], root: Path) -> dict[str, list[Said]] | Finding:
    """vnu's messages for each of `pages` (names relative to `output`), or why it failed."""
    java = shutil.which("java") or "java"
    targets = [str(output / page) for page in pages] if len(pages) <= ONE_BY_ONE else [str(output)]
    done = subprocess.run([java, "-Xss2m", "-jar", str(root / VNU_JAR), "--errors-only", "--format", "json",
                           "--skip-non-html", *targets], capture_output=True, text=True)
    try:
        messages = json.loads(done.stderr or "{}").get("messages", [])
    except ValueError:
        return Finding(str(_("(the checker)")), None, _("the HTML checker failed: %(output)s",
                                                        output=done.stderr[-2000:]), None, "html")
    found: dict[str, list[Said]] = {page: [] for page in pages}
    for message in messages:
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        try:
            relative = path.resolve().relative_to(output.resolve()).as_posix()
        except ValueError:
            relative = path.as_posix()
        extract = (message.get("extract") or "").strip().replace("\n", " ")
        found.setdefault(relative, []).append((message.get("lastLine"), message.get("message", ""), extract))
    return found


def findings(relative: str, messages: list[Said], shown: str) -> list[Finding]:
    """A page's messages as findings (`shown`: the page's name in the report)."""
    return [Finding(shown, None, _("invalid HTML in the built page /%(page)s, line %(line)s: %(reason)s",
                                   page=relative, line=line or "?", reason=message),
                    _("near: %(extract)s", extract=extract) if extract else None, "html")
            for line, message, extract in messages]
