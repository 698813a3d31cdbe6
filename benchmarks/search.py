"""What Kyrgyz stemming costs the search: the index's size, and what a search downloads and waits.

Run by `make bench` on the site it built. Each query is searched twice in
Chromium, each time in a fresh browser context (nothing cached): as the
search page does it, and with the stemmer's files (kyrgyz.js, kyrgyz.json)
refused, so that the page searches as it did before (the forms typed, as
Pagefind matches them); then both again on a CPU four times slower
(Chromium's throttling: a slow phone). Bytes are those the browser received
for the page and everything it loaded, fragments the stories' Pagefind
fragments among them (the stemmed search reads some to rank the results);
sizes are stable, times are not on a shared machine.
"""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

# Forms of two words the corpus has (its words come from the sample stories), as the issue names them.
QUERIES = ("мэрия", "мэриясы", "мэриясынын", "мэрияга", "автобус", "автобустар", "автобустарды", "автобустардын")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
STEMMER = "**/kyrgyz.js*"  # the engine and its rules (kyrgyz.json)
RULES = "kyrgyz.json"
SLOW_PHONE = 4  # how many times slower Chromium runs the page's CPU work


@dataclass
class Searched:
    found: list[int] = field(default_factory=list)
    downloaded: list[int] = field(default_factory=list)
    fragments: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    slow_seconds: list[float] = field(default_factory=list)  # on a CPU SLOW_PHONE times slower


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def index_bytes(output: Path) -> tuple[int, int]:
    """The Kyrgyz search index (every ky chunk's index, fragments, filters and metadata: not Pagefind's
    own scripts) and what stemming adds to it (its rules)."""
    bundle = output / "pagefind"
    index = sum(p.stat().st_size for p in bundle.glob("ky-*/**/*.pf_*"))
    return index, (bundle / RULES).stat().st_size


def searches(output: Path) -> dict[bool, Searched]:
    """Every query, stemmed (True) and not: stories found, bytes and fragments downloaded, seconds to the
    answer, and on a slow phone's CPU."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{server.server_address[1]}"
    measured = {True: Searched(), False: Searched()}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for number, query in enumerate(QUERIES):
                for slow in (False, True):
                    for stemmed in (number % 2 == 0, number % 2 == 1):  # each goes first half the time
                        _search(browser, f"{address}/ky/search/?q={quote(query)}", stemmed, slow, measured[stemmed])
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return measured


def _search(browser, url: str, stemmed: bool, slow: bool, into: Searched) -> None:
    context = browser.new_context()
    page = context.new_page()
    if slow:
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": SLOW_PHONE})
    if not stemmed:
        page.route(STEMMER, lambda route: route.abort())
    received = []
    page.on("requestfinished", lambda request: received.append((request.url, request.sizes()["responseBodySize"])))
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function("() => { const results = document.querySelector('[data-search-results]');"
                           " const said = results.querySelector('.search-results__status').textContent;"
                           " return said.startsWith(results.dataset.textFound) || said === results.dataset.textNone; }")
    seconds = time.perf_counter() - start
    if slow:
        into.slow_seconds.append(seconds)
        context.close()
        return
    into.seconds.append(seconds)
    status = page.locator(".search-results__status").inner_text()  # "Found: 21", or that nothing was
    into.found.append(int("".join(filter(str.isdigit, status)) or 0))
    page.wait_for_load_state("networkidle")  # the results' fragments and excerpts are in
    into.downloaded.append(sum(size for _, size in received))
    into.fragments.append(sum(1 for address, _ in received if address.endswith(".pf_fragment")))
    context.close()


def table(output: Path) -> str:
    index, rules = index_bytes(output)
    measured = searches(output)
    plain, stemmed = measured[False], measured[True]
    lines = ["Kyrgyz search (queries: " + ", ".join(QUERIES) + ")", "",
             "| | without stemming | with stemming | ratio |", "|---|---|---|---|",
             f"| Kyrgyz index, bytes | {index} | {index + rules} | {(index + rules) / index:.3f}× |",
             f"| downloaded per search, bytes (mean) | {statistics.mean(plain.downloaded):.0f} "
             f"| {statistics.mean(stemmed.downloaded):.0f} "
             f"| {sum(stemmed.downloaded) / sum(plain.downloaded):.3f}× |",
             f"| fragments downloaded per search (mean) | {statistics.mean(plain.fragments):.1f} "
             f"| {statistics.mean(stemmed.fragments):.1f} "
             f"| {sum(stemmed.fragments) / sum(plain.fragments):.2f}× |",
             f"| seconds to the answer (median) | {statistics.median(plain.seconds):.2f} "
             f"| {statistics.median(stemmed.seconds):.2f} "
             f"| {statistics.median(stemmed.seconds) / statistics.median(plain.seconds):.2f}× |",
             f"| the same, CPU {SLOW_PHONE}× slower (median) | {statistics.median(plain.slow_seconds):.2f} "
             f"| {statistics.median(stemmed.slow_seconds):.2f} "
             f"| {statistics.median(stemmed.slow_seconds) / statistics.median(plain.slow_seconds):.2f}× |",
             "", "| query | stories found without stemming | with stemming |", "|---|---|---|"]
    lines += [f"| {query} | {a} | {b} |" for query, a, b in zip(QUERIES, plain.found, stemmed.found, strict=True)]
    return "\n".join(lines)
