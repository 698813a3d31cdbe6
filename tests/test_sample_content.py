"""The sample content in content/ builds cleanly and shows what the portal can do.

Built with the real pelicanconf.py and the real clock (PORTAL_NOW unset),
from a copy of data/ so that the build's permalink lock does not touch the
working tree, and served over http (its address is the build's SITEURL) for
the search in Chromium.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
import yaml

from helpers import LANGS, PELICAN, ROOT
from portal.core.dates import parse_datetime
from portal.stories.frontmatter import parse
from sites import StaticServer

CONTENT = ROOT / "content"
SECTIONS = list(yaml.safe_load((ROOT / "data" / "sections.yml").read_text(encoding="utf-8")))
STANDING_PAGES = ("about", "contacts", "accreditation")
BISHKEK = ZoneInfo("Asia/Bishkek")


def story_folders() -> dict[str, dict[str, dict]]:
    """story id → {lang: front matter} for every story folder under content/<section>/."""
    stories: dict[str, dict[str, dict]] = {}
    for section in SECTIONS:
        for md in sorted((CONTENT / section).glob("*/*/index.*.md")):
            lang = md.name.split(".")[1]
            if lang in LANGS:
                story_id = md.parent.relative_to(CONTENT).as_posix()
                stories.setdefault(story_id, {})[lang] = parse(md.read_text(encoding="utf-8")).meta
    return stories


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("sample")


@pytest.fixture(scope="module")
def server(work):
    served = StaticServer(work / "output")
    yield served
    served.close()


@pytest.fixture(scope="module")
def sample(work, server):
    shutil.copytree(ROOT / "data", work / "data")
    command = [str(PELICAN), "content", "-s", "pelicanconf.py", "-o", str(work / "output"),
               "-e", f"PORTAL_DATA={json.dumps(str(work / 'data'))}", f"CACHE_PATH={json.dumps(str(work / 'cache'))}",
               f"SITEURL={json.dumps(server.url)}"]
    env = {k: v for k, v in os.environ.items() if k != "PORTAL_NOW"}
    started = datetime.now(BISHKEK)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    return done, work / "output", started


def test_the_sample_content_builds_cleanly(sample):
    done, _, _ = sample
    printed = done.stdout + done.stderr
    assert done.returncode == 0, printed
    noisy = [line for line in printed.splitlines() if "WARNING" in line or "ERROR" in line or "Traceback" in line]
    assert not noisy, printed


def test_enough_stories_in_every_section():
    stories = story_folders()
    assert len(stories) >= 24, f"only {len(stories)} stories"
    covered = {story_id.split("/")[0] for story_id in stories}
    assert covered == set(SECTIONS), f"sections without a story: {set(SECTIONS) - covered}"


def test_most_stories_are_in_both_languages_and_some_in_one():
    stories = story_folders()
    both = [s for s, versions in stories.items() if set(versions) == set(LANGS)]
    assert 3 * len(both) >= 2 * len(stories), f"{len(both)} of {len(stories)} stories are in both languages"
    assert [s for s, v in stories.items() if set(v) == {"ky"}], "no Kyrgyz-only story"
    assert [s for s, v in stories.items() if set(v) == {"ru"}], "no Russian-only story"


def test_at_least_half_the_stories_have_a_photo():
    stories = story_folders()
    with_photo = [s for s, versions in stories.items()
                  if any(meta.get("image") and (CONTENT / s / str(meta["image"])).is_file()
                         for meta in versions.values())]
    assert 2 * len(with_photo) >= len(stories), f"{len(with_photo)} of {len(stories)} stories have a photo"


def test_every_published_version_is_built(sample):
    done, output, started = sample
    assert done.returncode == 0
    expected = dict.fromkeys(LANGS, 0)
    for versions in story_folders().values():
        for lang, meta in versions.items():
            when = parse_datetime(str(meta.get("date")), BISHKEK)
            if meta.get("status", "published") == "published" and when <= started:
                expected[lang] += 1
    for lang in LANGS:
        built = [p for section in SECTIONS for p in (output / lang / section).glob("*/*/index.html")
                 if p.parent.parent.name.isdigit()]
        assert len(built) == expected[lang], f"{lang}: {len(built)} story pages built, {expected[lang]} published"


def test_the_standing_pages_exist_in_both_languages(sample):
    done, output, _ = sample
    assert done.returncode == 0
    for page in STANDING_PAGES:
        for lang in LANGS:
            assert (CONTENT / "pages" / page / f"index.{lang}.md").is_file()
            assert (output / lang / page / "index.html").is_file(), f"/{lang}/{page}/ was not built"


def test_published_addresses_stay_as_recorded_when_slugs_are_made_differently(sample):
    """The heating-season decision was published when an en dash vanished from slugs ("20262027"):
    new titles make "2026-2027", but data/permalinks.yml keeps its address."""
    done, output, _ = sample
    assert done.returncode == 0
    recorded = yaml.safe_load((ROOT / "data" / "permalinks.yml").read_text(encoding="utf-8"))
    slugs = recorded["decisions/2026/09-15-heating-season-dates"]
    assert slugs["ru"] == "o-nachale-otopitelnogo-sezona-20262027-godov"
    for lang, slug in slugs.items():
        assert (output / lang / "decisions" / "2026" / slug / "index.html").is_file(), slug


def every_story_found(page, address: str) -> set[str]:
    """What the search page finds, on every page of its results ("more" clicked until it hides)."""
    page.goto(address)
    page.wait_for_function("() => /[0-9]/.test(document.querySelector('.search-results__status').textContent)")
    found = int("".join(filter(str.isdigit, page.locator(".search-results__status").inner_text())))
    more = page.locator(".search-results__more")
    while more.is_visible():
        shown = page.locator(".search-result").count()
        more.click()
        page.wait_for_function("shown => document.querySelectorAll('.search-result').length > shown", arg=shown)
    paths = page.locator(".search-result a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert len(paths) == found, address
    return set(paths)


@pytest.mark.parametrize("forms", [("мэрия", "мэриясы", "мэриясынын", "мэрияга"),
                                   ("автобус", "автобустар", "автобустарды", "автобустардын")],
                         ids=["мэрия", "автобус"])
def test_every_kyrgyz_form_of_a_word_finds_the_same_stories(sample, server, new_page, forms):
    """Issue 21, on the bundled content: the bare word, its plural and its cases find the same stories."""
    done, _, _ = sample
    assert done.returncode == 0
    page = new_page()
    found = {form: every_story_found(page, f"{server.url}/ky/search/?q={quote(form)}") for form in forms}
    assert len(found[forms[0]]) >= 2
    assert found == dict.fromkeys(forms, found[forms[0]])
