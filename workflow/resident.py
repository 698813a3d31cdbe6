"""The live preview's builds, in one process that stays: `python -m workflow.resident SETTINGS SITE [KEY=JSON …]`.

`make serve`, `make preview` and `make edit` used to start a new process for
each build: the imports alone, and reading back what the last build left,
cost more than an edit's own work. This process imports Pelican and the
plugins once, lists the content folders once and then only where a save
changed them (the server's watcher says which paths, see watching.py), and
keeps the state each build leaves (portal.core.state: the stories' facts,
summaries and views, each page's key) in memory for the next one. With
`PORTAL_LIVE`, the pages plugin writes the edited stories' own pages into
the site first, before the listings, feeds and search that carry them.

Its protocol, a JSON line per message: on stdin, for each build, the list of
the paths that changed; on stdout, for each build, `{"event": "pages",
"pages": [site paths]}` once the edited stories' own pages are in the site,
then `{"event": "built", "ok": …, "report": …, "seconds": …, "read": …}` at its end (`read`: the
story folders it read again, None when it read every one).
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path

from . import building, manifest
from .progress import summary


def main(settings_file: Path, site: Path, overrides: dict) -> None:
    from portal.core import memory  # plugins/ is importable once manifest is imported
    from portal.core.inputs import list_content, relist
    from portal.core.output import published
    from portal.core.state import keep_in_memory

    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")  # stdout as it came: the server reads it
    os.dup2(2, 1)  # anything else a build prints goes where its report goes, not into the protocol

    def say(message: dict) -> None:
        protocol.write(json.dumps(message, ensure_ascii=False) + "\n")
        protocol.flush()

    keep_in_memory()
    overrides = {**overrides, "PORTAL_LIVE": True}
    content = manifest.content_folder(settings_file, overrides)
    listing = list_content(content)
    published.connect(lambda _sender, pages: say({"event": "pages", "pages": pages}), weak=False)
    for line in sys.stdin:
        listing = relist(content, listing, [Path(path) for path in json.loads(line)])
        try:
            done = building.build(settings_file, site, overrides, listing=listing)
        except Exception:
            report = traceback.format_exc()
            print(report, file=sys.stderr, flush=True)
            say({"event": "built", "ok": False, "report": report, "seconds": 0})
            continue
        if done.ok:
            print(summary(site, done.seconds, done.counts), file=sys.stderr, flush=True)
        else:
            print(done.stopped, file=sys.stderr, flush=True)
        read = sorted(done.site.changed) if done.site is not None and done.site.changed is not None else None
        say({"event": "built", "ok": done.ok, "report": done.stopped, "seconds": round(done.seconds, 3),
             "read": read})
        memory.new_build()  # the last build's objects freed while the editor looks at the page


if __name__ == "__main__":
    settings, site, *given = sys.argv[1:]
    os.chdir(Path(settings).resolve().parent)  # like `make`: PORTAL_DATA is relative to the project
    main(Path(settings), Path(site), {key: json.loads(value) for key, value in (g.split("=", 1) for g in given)})
