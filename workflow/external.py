"""`make links`: do the links stories make to other sites still work?

Run weekly (.github/workflows/links.yml), apart from publishing: a site
elsewhere that is down for an hour must not stop a press release. Every
link to another site written in an editor's text is asked for once (HEAD,
then GET if the site refuses HEAD), a few at a time, each within a
timeout. A link is broken when the site says the page is gone (404, 410),
fails (5xx) or cannot be reached; a site that refuses robots (401, 403,
429) tells us nothing and is not reported. Broken links are reported on
the editor's file and line, like `check`'s problems.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from lxml import html as lxml_html

from portal.localization.editor import Message, _, _n

from .links import page_references
from .report import Finding

TIMEOUT = 20  # seconds for one site to answer
AT_ONCE = 8  # addresses asked at the same time
NO_ANSWER = {401, 403, 405, 429}  # the site refuses robots or this method: that says nothing about the page
USER_AGENT = "Mozilla/5.0 (compatible; meria.kg link check)"


@dataclass(frozen=True)
class Link:
    url: str
    file: str       # the editor's file (content/…/index.ru.md)
    line: int | None


def links_out(output: Path, siteurl: str, name, line_of) -> list[Link]:
    """Every link to another site inside the editors' text of the built pages."""
    own = urlsplit(siteurl).netloc
    found: list[Link] = []
    for path in sorted(output.rglob("*.html")):
        relative = path.relative_to(output).as_posix()
        if relative.split("/", 1)[0] in ("theme", "media"):
            continue
        for url, loaded, in_text, _line in page_references(lxml_html.fromstring(path.read_bytes())):
            parts = urlsplit(url)
            if in_text and not loaded and parts.scheme in ("http", "https") and parts.netloc != own:
                found.append(Link(url, name(relative), line_of(relative, url)))
    return found


def problem(url: str) -> Message | None:
    """What is wrong with the page at `url`, or None if it answers (or cannot tell)."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT):
                return None
        except urllib.error.HTTPError as error:
            if error.code in NO_ANSWER:
                if method == "HEAD":
                    continue  # some sites refuse HEAD only
                return None
            return _("the site answers %(code)s (%(reason)s)", code=error.code, reason=error.reason)
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            return _("the site cannot be reached (%(reason)s)", reason=reason)
    return None


def check(links: Iterable[Link]) -> list[Finding]:
    """One finding per place a broken address is written."""
    places: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        places[link.url].append(link)
    with ThreadPoolExecutor(AT_ONCE) as pool:
        answers = dict(zip(places, pool.map(problem, places), strict=True))
    hint = _("Open the link in a browser: if the page moved, write its new address; if it is gone, remove the link.")
    return sorted((Finding(link.file, link.line, _('the link "%(url)s" is broken: %(reason)s', url=url, reason=answer),
                           hint, "external links")
                   for url, answer in answers.items() if answer for link in places[url]),
                  key=lambda f: (f.file, f.line or 0, f.message))


def as_text(broken: list[Finding], asked: int) -> str:
    """The broken links by file, then the count."""
    lines: list[str] = []
    for file in sorted({f.file for f in broken}):
        lines.append(file)
        for finding in (f for f in broken if f.file == file):
            where = _("line %(line)s", line=finding.line) if finding.line else None
            lines.append(f"  {where}: {finding.message}" if where else f"  {finding.message}")
        lines.append("")
    count = len({f.message for f in broken})
    lines.append(str(_n("%(count)d broken of %(asked)d links to other sites.",
                        "%(count)d broken of %(asked)d links to other sites.", count, asked=asked) if broken
                     else _n("The %(count)d link to other sites works.", "All %(count)d links to other sites work.",
                             asked)))
    return "\n".join(lines) + "\n"
