"""`invoke publish` to a local bare repository: a gh-pages branch, or nothing at all.

The project's `origin` is a bare repository in a temporary folder, so no
real remote is ever touched.
"""

from __future__ import annotations

import fixture_site as fx


def published(project, bare) -> str | None:
    """The gh-pages commit of the bare remote (None when there is none)."""
    branches = project.git("branch", "--list", "gh-pages", cwd=bare)
    return project.git("rev-parse", "gh-pages", cwd=bare) if branches else None


def test_publish_pushes_the_checked_site_to_gh_pages(project, tmp_path):
    fx.populate(project.site)
    bare = project.with_remote(tmp_path / "remote.git")
    run = project.run("publish", now=None)
    assert run.returncode == 0, run.text
    tip = published(project, bare)
    assert tip
    files = project.git("ls-tree", "-r", "--name-only", "gh-pages", cwd=bare).splitlines()
    assert {".nojekyll", "CNAME", "index.html", "404.html", "ky/index.html", "ru/index.html"} <= set(files)
    assert f"media/{fx.BUS_LANES.id}/lanes.jpg" in files
    assert project.git("show", "gh-pages:CNAME", cwd=bare).strip() == "meria.kg"
    home = project.git("show", "gh-pages:ky/index.html", cwd=bare)
    assert '<link rel="canonical" href="https://meria.kg/ky/">' in home
    assert "Publish " in project.git("log", "-1", "--format=%s", "gh-pages", cwd=bare)
    assert not [f for f in files if fx.DRAFT_MARKER in f]
    assert not (project.root / "output").exists(), "publishing builds in a folder of its own"


def test_a_failing_check_or_build_leaves_the_published_branch_untouched(project, tmp_path):
    fx.populate(project.site)
    bare = project.with_remote(tmp_path / "remote.git")
    assert project.run("publish", now=None).returncode == 0
    before = published(project, bare)

    project.site.story("news/2026/11-12-broken", "ru", "См. [решение](/ru/decisions/2026/none/).",
                       title="Битая ссылка", date="2026-11-12 10:00")
    run = project.run("publish", now=None)
    assert run.returncode == 1
    assert "/ru/decisions/2026/none/" in run.stderr and "Nothing was published" in run.stderr
    assert published(project, bare) == before

    project.site.story("news/2026/11-12-broken", "ru", "Текст.", title="Ошибка", date="завтра")
    run = project.run("publish", now=None)
    assert run.returncode == 1
    assert '"date" is not a date' in run.stderr
    assert published(project, bare) == before
    assert project.git("rev-parse", "gh-pages") == before, "the local branch did not move either"


def test_the_addresses_are_committed_on_top_of_an_editors_push_and_keep_both(project, tmp_path):
    """Main moved between the build and the commit-back: the lock committed is the union of both."""
    from portal.stories.permalinks import dump
    from workflow.publishing import record_addresses

    lock = project.data / "permalinks.yml"
    lock.write_text(dump({"news/2026/11-01-a": {"ky": "a"}}), encoding="utf-8")
    bare = project.with_remote(tmp_path / "remote.git")
    editor = tmp_path / "editor"
    project.git("clone", "--quiet", "-b", "main", str(bare), str(editor))
    (editor / "data" / "permalinks.yml").write_text(dump({"news/2026/11-01-a": {"ky": "a"},
                                                          "news/2026/11-02-b": {"ru": "b"}}), encoding="utf-8")
    project.git("commit", "--quiet", "-am", "An editor's story", cwd=editor)
    project.git("push", "--quiet", "origin", "main", cwd=editor)
    lock.write_text(dump({"news/2026/11-01-a": {"ky": "a", "ru": "a-ru"}}), encoding="utf-8")  # what a build adds

    commit = record_addresses(project.root, lock, "origin", "main", dump)
    assert commit and project.git("rev-parse", "main", cwd=bare) == commit
    assert project.git("log", "-1", "--format=%s", f"{commit}^", cwd=bare) == "An editor's story"
    merged = project.git("show", f"{commit}:data/permalinks.yml", cwd=bare)
    assert merged == dump({"news/2026/11-01-a": {"ky": "a", "ru": "a-ru"}, "news/2026/11-02-b": {"ru": "b"}}).strip()
    assert project.git("status", "--porcelain", "--", "data") == ""
    assert record_addresses(project.root, lock, "origin", "main", dump) is None, "nothing new the second time"


def test_with_media_elsewhere_gh_pages_gets_the_pages_and_the_storage_the_media(project, tmp_path):
    """PORTAL_MEDIA_URL: media/ is copied by PUBLISH_MEDIA_COMMAND (here `cp`), the pages go to gh-pages."""
    fx.populate(project.site)
    storage = tmp_path / "storage"
    storage.mkdir()
    with (project.root / "publishconf.py").open("a", encoding="utf-8") as settings:
        settings.write(f'PORTAL_MEDIA_URL = "https://media.example.org"\n'
                       f'PUBLISH_MEDIA_COMMAND = "cp -R {{media}}/. {storage}"\n')
    bare = project.with_remote(tmp_path / "remote.git")
    run = project.run("publish", now=None)
    assert run.returncode == 0, run.text
    files = project.git("ls-tree", "-r", "--name-only", "gh-pages", cwd=bare).splitlines()
    assert "ky/index.html" in files and not [f for f in files if f.startswith("media/")]
    assert (storage / fx.BUS_LANES.id / "lanes.jpg").is_file()
    page = project.git("show", f"gh-pages:{fx.BUS_LANES.urls['ky'].lstrip('/')}index.html", cwd=bare)
    assert f'href="https://media.example.org/{fx.BUS_LANES.id}/' in page
