"""The Nu HTML Checker (npm's vnu-jar), run once over the whole built site.

One Java start for every page: vnu checks a folder in a few seconds, where a
start per page would take seconds each.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .report import Finding

VNU_JAR = Path("node_modules") / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check(output: Path, root: Path, name) -> Iterator[Finding]:
    jar = root / VNU_JAR
    java = shutil.which("java")
    if java is None or not jar.is_file():
        missing = "Java" if java is None else str(VNU_JAR)
        yield Finding("(the checker)", None, f"the HTML checker cannot run: {missing} is missing",
                      "Run `make test` once (it installs what checking needs), then check again.", "html")
        return
    done = subprocess.run([java, "-Xss2m", "-jar", str(jar), "--errors-only", "--format", "json",
                           "--skip-non-html", str(output)], capture_output=True, text=True)
    try:
        messages = json.loads(done.stderr or "{}").get("messages", [])
    except ValueError:
        yield Finding("(the checker)", None, "the HTML checker failed", done.stderr[-2000:], "html")
        return
    for message in messages:
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        try:
            relative = path.resolve().relative_to(output.resolve()).as_posix()
        except ValueError:
            relative = path.as_posix()
        extract = (message.get("extract") or "").strip().replace("\n", " ")
        yield Finding(name(relative), None,
                      f"invalid HTML in the built page /{relative}, line {message.get('lastLine', '?')}: "
                      f"{message.get('message', '')}",
                      f"near: {extract}" if extract else "", "html")
