"""Search: index every build with Pagefind, one index per language.

Signal: `finalized`, because Pagefind reads the finished HTML: it runs once
all generators have written the site, so `make build`, `make serve` and the
plain `pelican` command all index. What gets indexed is decided by the theme
(`data-pagefind-body` on story pages only, filters and sort keys beside it;
see `components/search_fields.html`); Pagefind splits the index by each
page's `<html lang>`, so a reader searches only their language.
Settings: `CACHE_PATH` (Pagefind writes there first) and
`PORTAL_PREVIOUS_OUTPUT` (unchanged index files are linked from the site
this build replaces, see plugins/bilingual/output.py).
"""

from pelican import signals

from .indexing import index_site


def _index(pelican) -> None:
    index_site(pelican.output_path, pelican.settings)


def register() -> None:
    signals.finalized.connect(_index)
