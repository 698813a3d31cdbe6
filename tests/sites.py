"""Fixture sites built with the real `pelican` command, and served: what tests import.

- `FixtureSite` writes a small site of our own (registries, story folders,
  photos, PDFs) into a temporary folder; `FixtureSite.build()` runs the
  `pelican` command on it exactly as an editor would, and returns what it
  printed and where it wrote (`BuildResult`).
- `serve_and_build` serves the output folder on 127.0.0.1 first, so the
  build can be given that address as SITEURL.

The pytest fixtures made from these are in conftest.py. (A module of its
own: tests that imported these names from `conftest` got tests/workflow's
conftest instead whenever pytest had loaded that one first.)
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml
from lxml import html as lxml_html
from PIL import Image, ImageDraw

from fixture_site import OFFICIALS, SECTIONS, TOPICS, UNITS
from helpers import NOW, PELICAN, ROOT, url_to_file

# --------------------------------------------------------------------------- building


@dataclass
class BuildResult:
    returncode: int
    stdout: str
    stderr: str
    output: Path
    siteurl: str
    fixture: FixtureSite | None = None  # the site that was built

    @property
    def text(self) -> str:
        return self.stdout + self.stderr

    def file(self, url_path: str) -> Path:
        """The output file a site path is served from: `/ky/news/` → ky/news/index.html."""
        return self.output / url_to_file(url_path)

    def exists(self, url_path: str) -> bool:
        return self.file(url_path).is_file()

    def html(self, url_path: str):
        """The parsed page at a site path (lxml)."""
        path = self.file(url_path)
        assert path.is_file(), f"{url_path} was not built ({path} is missing)"
        return lxml_html.fromstring(path.read_bytes(), base_url=self.siteurl + url_path)

    def url(self, url_path: str) -> str:
        return self.siteurl + url_path

    @cached_property
    def html_files(self) -> list[Path]:
        return sorted(self.output.rglob("*.html"))


def front_matter(meta: dict) -> str:
    """One `key: value` line per key; values in JSON, which is valid YAML."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


class _Plain(yaml.SafeDumper):
    """YAML as an editor writes it: a value used twice is written twice, never as an anchor and an alias
    (which the build refuses)."""

    def ignore_aliases(self, data) -> bool:
        return True


class FixtureSite:
    """A site of our own in a temporary folder: content/, data/, cache/."""

    def __init__(self, root: Path, write_registries: bool = True) -> None:
        self.root = root
        self.content = root / "content"
        self.data = root / "data"
        self.cache = root / "cache"
        self.content.mkdir(parents=True, exist_ok=True)
        self.data.mkdir(parents=True, exist_ok=True)
        if write_registries:
            self.registries()

    # registries ---------------------------------------------------------------
    def registries(self, sections=None, officials=None, units=None, topics=None) -> None:
        tables = {"sections": {k: {"name": v} for k, v in (sections or SECTIONS).items()},
                  "officials": officials or OFFICIALS, "units": units or UNITS, "topics": topics or TOPICS}
        for kind, table in tables.items():
            text = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in table.items())
            (self.data / f"{kind}.yml").write_text(text, encoding="utf-8")

    # content ------------------------------------------------------------------
    def folder(self, story_id: str) -> Path:
        path = self.content / story_id
        path.mkdir(parents=True, exist_ok=True)
        return path

    def story(self, story_id: str, lang: str, body: str = "", **meta) -> Path:
        """content/<story_id>/index.<lang>.md with `meta` as front matter."""
        return self.raw(f"{story_id}/index.{lang}.md", front_matter(meta) + "\n" + body.strip() + "\n")

    def page(self, page_id: str, lang: str, body: str = "", **meta) -> Path:
        return self.story(f"pages/{page_id}", lang, body, **meta)

    def raw(self, relative: str, text: str) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def photo(self, story_id: str, name: str, size=(960, 600), color=(40, 110, 160)) -> Path:
        """A real JPEG (or PNG) with some drawing on it."""
        path = self.folder(story_id) / name
        image = Image.new("RGB", size, color)
        draw = ImageDraw.Draw(image)
        width, height = size
        for i in range(0, width, 60):
            draw.line([(i, height), (i + height // 2, 0)], fill=(230, 200, 60), width=8)
        draw.ellipse([width // 3, height // 4, width // 2, height // 2], fill=(250, 250, 250))
        image.save(path, quality=70)
        return path

    def describe_photos(self, story_id: str, photos: dict[str, dict]) -> Path:
        """content/<story_id>/photos.yml: {file name: {alt: {ky: …, ru: …}, credit: …, …}}."""
        path = self.folder(story_id) / "photos.yml"
        path.write_text(yaml.dump(photos, Dumper=_Plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    def pdf(self, story_id: str, name: str, pages: int = 2) -> Path:
        """A real PDF: scanned-looking pages saved by Pillow."""
        path = self.folder(story_id) / name
        sheets = []
        for number in range(pages):
            sheet = Image.new("RGB", (620, 877), "white")
            draw = ImageDraw.Draw(sheet)
            for line in range(8, 60):
                draw.line([(60, line * 13), (560 - (line * 37 + number) % 180, line * 13)], fill="black", width=2)
            sheets.append(sheet)
        sheets[0].save(path, save_all=True, append_images=sheets[1:], resolution=72)
        return path

    # building -----------------------------------------------------------------
    def build(self, output: Path | None = None, siteurl: str | None = None, now: str | None = NOW,
              theme: Path | None = None, setup: Callable[[], None] | None = None, wrap: Sequence[str] = (),
              options: Sequence[str] = (), **settings) -> BuildResult:
        """Run `pelican` as an editor would; extra settings go through `-e KEY=JSON`. `setup` runs in the
        child before `pelican` starts (a umask, a resource limit); `wrap` comes before the command (`unshare …`),
        `options` after it (`--verbose`)."""
        output = output or self.root / "output"
        overrides = {"PORTAL_DATA": str(self.data), "CACHE_PATH": str(self.cache), **settings}
        if now is not None:
            overrides["PORTAL_NOW"] = now
        if siteurl is not None:
            overrides["SITEURL"] = siteurl
        command = [*wrap, str(PELICAN), str(self.content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output),
                   *options]
        if theme is not None:
            command += ["-t", str(theme)]
        command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
        env = {k: v for k, v in os.environ.items() if k != "PORTAL_NOW"}
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=300,
                              preexec_fn=setup)
        return BuildResult(done.returncode, done.stdout, done.stderr, output,
                           siteurl if siteurl is not None else "http://127.0.0.1:8000", self)


def assert_built(result: BuildResult) -> None:
    assert result.returncode == 0, f"pelican failed ({result.returncode}):\n{result.text}"
    assert "Traceback" not in result.text, result.text


# --------------------------------------------------------------------------- serving


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class StaticServer:
    """http.server on 127.0.0.1, an ephemeral port, serving one folder."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(directory)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def serve_and_build(fixture: FixtureSite, **settings) -> tuple[StaticServer, BuildResult]:
    """Start a server first, so the build can be given its address as SITEURL."""
    output = fixture.root / "output"
    server = StaticServer(output)
    result = fixture.build(output=output, siteurl=server.url, **settings)
    return server, result
