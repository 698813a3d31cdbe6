"""An editor's Markdown cannot put a running script on the site.

Scripts, event handlers, `javascript:` links and embeds stop the build with
the file and line; whatever else raw HTML carries goes through the
allow-list (plugins/portal/stories/sanitize.py).
"""

from __future__ import annotations

import pytest

from helpers import NOW
from portal.stories.sanitize import clean

STORY = "news/2026/11-20-market"
ATTEMPTS = {
    "script": ("Бүгүн базар ачылды.\n\n<script>alert('zq')</script>\n", "<script", "a script"),
    "onerror": ('Сүрөт:\n\n<img src="x.jpg" onerror="alert(1)">\n', "onerror", '"onerror" attribute'),
    "javascript-link": ("Бул [шилтеме](javascript:alert(1)) эмес.\n", "javascript:", '"javascript:" address'),
    "iframe": ('Карта:\n\n<iframe src="https://maps.example.org/embed"></iframe>\n', "<iframe", "<iframe>"),
}


@pytest.mark.parametrize("kind", ATTEMPTS)
def test_a_script_attempt_stops_the_build_with_file_and_line(make_site, kind):
    body, needle, said = ATTEMPTS[kind]
    site = make_site()
    path = site.story(STORY, "ky", "Биринчи абзац.\n\n" + body, title="Базар", date="2026-11-20 10:00")
    result = site.build()
    assert result.returncode == 1, result.text
    assert "Traceback" not in result.text
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text)
    assert f"content/{STORY}/index.ky.md:{line}: " in result.text.replace(str(site.root) + "/", ""), result.text
    assert said in result.text
    assert not (result.output / "ky").exists()


def test_a_script_shown_as_code_is_text_not_a_finding(make_site):
    site = make_site()
    site.story(STORY, "ky", "Мисал: `<script>alert(1)</script>` жана `onerror=`.", title="Базар",
               date="2026-11-20 10:00")
    result = site.build()
    assert result.returncode == 0, result.text
    page = next((result.output / "ky" / "news" / "2026").glob("*/index.html")).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page


def test_harmless_raw_html_is_kept_and_the_rest_dropped(make_site):
    site = make_site()
    site.story(STORY, "ru", '<abbr title="Жилищно-коммунальное хозяйство">ЖКХ</abbr> '
               '<span style="color:red" data-x="1">важно</span>', title="Базар", date="2026-11-20 10:00")
    result = site.build(now=NOW)
    assert result.returncode == 0, result.text
    page = next((result.output / "ru" / "news" / "2026").glob("*/index.html")).read_text(encoding="utf-8")
    assert '<abbr title="Жилищно-коммунальное хозяйство">ЖКХ</abbr>' in page
    assert "<span>важно</span>" in page  # no inline style (the CSP would refuse it), no data attributes


@pytest.mark.parametrize("html", [
    '<p><img src="x" onerror="alert(1)"></p>',
    '<a href="javascript:alert(1)">x</a>',
    "<p><script>alert(1)</script></p>",
    '<svg><script xlink:href="data:text/javascript,alert(1)"></script></svg>',
    '<form action="https://evil.example"><input name="q"></form>',
    '<p style="background:url(https://evil.example/x.png)">x</p>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
])
def test_the_sanitizer_leaves_nothing_that_runs_or_loads(html):
    cleaned = clean(html).lower()
    for bad in ("<script", "onerror", "javascript:", "<svg", "<form", "<input", "style=", "<iframe", "evil"):
        assert bad not in cleaned, (html, cleaned)
