"""Writes admin/ into the site when PORTAL_CMS is set: the editor served from our own origin, never a CDN."""

from __future__ import annotations

from pathlib import Path

from portal.core.context_keys import OUTPUT_KEY
from portal.core.machine import MachineGuard
from portal.core.output import Output
from portal.core.settings import SiteSettings, cms, licences
from portal.localization.editor import _

from .config import config_yaml
from .scripts import DECAP_BUNDLE, form_script, slugs_script

PROJECT = Path(__file__).resolve().parents[3]  # where admin/ and node_modules/ (npm ci) are
ADMIN = PROJECT / "admin"
FOLDER = "admin/"
# The admin page's own policy (admin/index.html) allows only this server; on the public site Decap's
# GitHub backend also reads and writes the repository through GitHub's API (REST and GraphQL), from
# the browser. Sign-in opens the OAuth proxy (base_url) in a window of its own: no policy entry.
LOCAL_CONNECT = "connect-src 'self' blob:"
PUBLIC_CONNECT = "connect-src 'self' blob: https://api.github.com"


def decap_files(bundle: Path) -> list[Path]:
    """Decap's bundle, the chunks it loads from beside itself, its WebAssembly and its licence notice;
    not the source maps, nor the `cms.js` build of the same code."""
    return sorted(path for path in bundle.iterdir()
                  if path.name.endswith(("decap-cms.js", ".wasm")) or path.name == "decap-cms.js.LICENSE.txt")


def admin_page() -> bytes:
    """admin/index.html with the public site's policy."""
    page = (ADMIN / "index.html").read_text(encoding="utf-8")
    if LOCAL_CONNECT not in page:  # a developer changed the page's policy: this must change with it
        raise RuntimeError(f"admin/index.html has no {LOCAL_CONNECT!r} in its Content-Security-Policy")
    return page.replace(LOCAL_CONNECT, PUBLIC_CONNECT).encode()


class AdminGenerator(MachineGuard):
    """Reads PORTAL_CMS and finds Decap's bundle before any page is made, so that a wrong setting or a
    missing bundle stops the build at once; writes admin/ with the other files."""

    chosen: dict[str, str] | None = None

    def generate_context(self) -> None:
        self.chosen = cms(self.settings)
        if self.chosen is not None and not (PROJECT / DECAP_BUNDLE / "decap-cms.js").is_file():
            raise SystemExit(_("The browser editor (PORTAL_CMS) cannot be put on the site: Decap CMS is not "
                               "installed (%(folder)s is missing). `make edit` and `make publish` install it; "
                               "run one of them, or ask a developer.", folder=PROJECT / DECAP_BUNDLE))

    def generate_output(self, writer) -> None:
        if self.chosen is None:
            return
        site, known = SiteSettings.read(self.settings), licences(self.settings)[0]
        backend = {"name": "github", **{key: value for key, value in self.chosen.items() if key != "lang"}}
        lang = self.chosen["lang"]
        output: Output = self.context[OUTPUT_KEY]
        output.write(FOLDER + "index.html", admin_page())
        config = config_yaml(site.data, lang, known, backend=backend, workflow=True)
        output.write(FOLDER + "config.yml", config.encode())
        output.write(FOLDER + "slugs.js", slugs_script())
        output.write(FOLDER + "form.js", form_script(site.data, lang, known))
        for script in sorted(ADMIN.glob("*.js")):
            output.copy(FOLDER + script.name, script)
        for file in decap_files(PROJECT / DECAP_BUNDLE):
            output.copy(FOLDER + file.name, file)
