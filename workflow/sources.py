"""Which content file a built page comes from, so findings name the editor's file.

Story and standing pages come from one Markdown file each; every other page
(home, lists, registries) is made by the theme and is named by its address.
"""

from __future__ import annotations

from pathlib import Path


class Sources:
    def __init__(self, build, root: Path) -> None:
        self.by_file: dict[str, Path] = {}  # output-relative file → source
        self.root = root.resolve()
        site, resolver = build.site, build.resolver
        if site is None or resolver is None:
            return
        urls, content = resolver.urls, Path(build.settings["PATH"])
        for lang in site.languages:
            for story in resolver.summaries(lang):
                self.by_file[urls.output_name(story.url)] = content / story.source
        for page in site.pages.values():
            for lang, translation in page.translations.items():
                self.by_file[urls.output_name(urls.page(lang, page.id))] = translation.source

    def source(self, relative: str) -> Path | None:
        return self.by_file.get(relative)

    def name(self, relative: str) -> str:
        """`content/news/…/ru.md` for an editor's page; `/ky/news/` for one the theme made."""
        source = self.source(relative)
        if source is not None:
            try:
                return Path(source).resolve().relative_to(self.root).as_posix()
            except ValueError:
                return str(source)
        return "/" + relative.removesuffix("index.html")

    def line_of(self, relative: str, needle: str) -> int | None:
        """The first line of the page's source that contains `needle` (a link as written)."""
        source = self.source(relative)
        if source is None or not needle:
            return None
        for number, line in enumerate(Path(source).read_text(encoding="utf-8").splitlines(), start=1):
            if needle in line:
                return number
        return None
