"""The browser editor on the public site (PORTAL_CMS): admin/ is in a real build only when the setting
says so, saves to GitHub through the editorial workflow with `make edit`'s form, and loads nothing from
another host. Signing in against GitHub cannot be tested here (docs/publishing.md)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import yaml
from lxml import html as lxml_html

from helpers import ROOT
from portal.admin.config import config
from portal.core.settings import DEFAULTS
from sites import FixtureSite, assert_built, serve_and_build

CMS = {"repo": "meria-kg/portal", "branch": "main", "base_url": "https://cms-auth.meria.kg", "lang": "ru"}
BUNDLE = ROOT / "node_modules/decap-cms/dist"


COLLECT = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline")));
"""


@pytest.fixture(scope="module")
def cms_site(tmp_path_factory):
    server, result = serve_and_build(FixtureSite(tmp_path_factory.mktemp("cms-site")), PORTAL_CMS=CMS)
    assert_built(result)
    yield result
    server.close()


def admin_page(result):
    return lxml_html.fromstring((result.output / "admin/index.html").read_bytes())


def test_without_the_setting_there_is_no_admin_page_and_nothing_links_to_it(site):
    assert not (site.output / "admin").exists()
    for page in site.html_files:
        for link in lxml_html.fromstring(page.read_bytes()).xpath("//@href | //@src | //@action"):
            path = urlsplit(link).path
            assert not (path == "/admin" or path.startswith("/admin/")), (page, link)


def test_the_config_saves_to_github_through_the_editorial_workflow_with_make_edits_form(cms_site):
    made = yaml.safe_load((cms_site.output / "admin/config.yml").read_text(encoding="utf-8"))
    assert made["backend"] == {"name": "github", "repo": "meria-kg/portal", "branch": "main",
                               "base_url": "https://cms-auth.meria.kg"}
    assert made["publish_mode"] == "editorial_workflow" and made["locale"] == "ru"
    assert "local_backend" not in made
    local = config(cms_site.fixture.data, "ru", DEFAULTS["PORTAL_PHOTO_LICENCES"], backend={"name": "git-gateway"},
                   local_backend="http://127.0.0.1:8002/api/v1", preview_url="http://127.0.0.1:8002")
    without_preview = [{k: v for k, v in c.items() if k != "preview_path"} for c in local["collections"]]
    assert made["collections"] == without_preview  # the same sections, fields, help and pick lists
    assert made["i18n"] == local["i18n"]


def test_every_script_of_the_admin_page_is_on_the_site_and_none_from_another_host(cms_site):
    page = admin_page(cms_site)
    sources = page.xpath("//script/@src")
    assert "decap-cms.js" in sources and "start.js" in sources and "form.js" in sources
    for source in sources:
        assert not re.match(r"^(\w+:)?//", source), source
        assert (cms_site.output / "admin" / source).is_file(), source
    chunks = {path.name for path in BUNDLE.glob("*.decap-cms.js")} | {path.name for path in BUNDLE.glob("*.wasm")}
    assert chunks and chunks <= {path.name for path in (cms_site.output / "admin").iterdir()}
    assert not list((cms_site.output / "admin").glob("*.map"))
    assert "PORTAL_FORM" in (cms_site.output / "admin/form.js").read_text(encoding="utf-8")


def test_the_admin_page_has_its_own_strict_policy_and_stays_out_of_search_engines(cms_site):
    page = admin_page(cms_site)
    policy = page.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert directives["script-src"] == "'self' 'unsafe-eval'"  # Decap compiles its config schema (ajv)
    assert directives["connect-src"] == "'self' blob: https://api.github.com"  # the GitHub backend
    hosts = {word for value in directives.values() for word in value.split() if "//" in word}
    assert hosts == {"https://api.github.com"}
    assert page.xpath('//meta[@name="robots"]/@content') == ["noindex"]
    for name in ("sitemap.xml", "news-sitemap.xml", "robots.txt"):
        assert "/admin/" not in (cms_site.output / name).read_text(encoding="utf-8"), name
    for feed in [*cms_site.output.rglob("*.xml"), *cms_site.output.rglob("*.json")]:
        assert "/admin/" not in feed.read_text(encoding="utf-8"), feed


def test_a_wrong_setting_is_named_with_what_to_write(tmp_path):
    result = FixtureSite(tmp_path / "site").build(PORTAL_CMS={"repo": "portal"})
    assert result.returncode != 0 and "Traceback" not in result.text
    assert 'The setting PORTAL_CMS must give the repository as "owner/name"' in result.text


def test_the_admin_page_starts_in_chromium_within_its_policy_and_offers_github_sign_in(cms_site, new_page):
    """As far as it goes without GitHub: Decap starts from the site's own files, reads config.yml and
    shows its sign-in button, in Russian, with no policy violation and no request to another host."""
    page = new_page()
    page.add_init_script(COLLECT)
    hosts: set[str] = set()

    def requested(request) -> None:
        if request.url.startswith(("http:", "https:")):  # not data: or blob:
            hosts.add(urlsplit(request.url).netloc)

    page.on("request", requested)
    page.goto(cms_site.url("/admin/"))
    page.get_by_role("button", name=re.compile("GitHub")).wait_for(timeout=30_000)
    assert page.evaluate("() => window.__violations") == []
    assert hosts == {urlsplit(cms_site.siteurl).netloc}
