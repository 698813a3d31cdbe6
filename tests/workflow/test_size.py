"""The site's size by kind, its growth per month, and the host's limits (workflow.size).

Measured on folders laid out as the build lays them out; large files are
sparse, so a 150 MB video costs no disk.
"""

from __future__ import annotations

from pathlib import Path

from workflow.size import judge, measure

MB = 1_000_000
GITHUB_PAGES = {"site": 1_000 * MB, "file": 100 * MB, "warn": 0.8}


def lay_out(output: Path, files: dict[str, int]) -> Path:
    for name, length in files.items():
        path = output / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            f.truncate(length)
    return output


SITE = {
    "index.html": 2_000, "ky/news/index.html": 30_000, "ky/rss.xml": 9_000, "pagefind/pagefind.js": 40_000,
    "theme/css/site.css": 12_000,
    "media/news/2026/10-02-bridge/bridge.jpg": 5 * MB,
    "media/news/2026/10-02-bridge/bridge-800.0123456789.webp": 80_000,
    "media/news/2026/10-02-bridge/2026-10-02-bridge-photos.zip": 5 * MB + 2_000,
    "media/news/2026/11-20-park/park.jpg": 4 * MB,
    "media/decisions/2026/11-21-tariff/decision.pdf": 300_000,
    "media/audio/2026/11-22-radio/spot.mp3": 2 * MB,
    "media/video/2026/11-23-film/film.mp4": 60 * MB,
}


def test_the_site_is_measured_by_kind_and_by_month_of_content(tmp_path):
    size = measure(lay_out(tmp_path, SITE))
    assert size.by_kind["pages"] == 32_000 and size.by_kind["feeds and data"] == 9_000
    assert size.by_kind["search index"] == 40_000 and size.by_kind["theme"] == 12_000
    assert size.by_kind["originals"] == 9 * MB and size.by_kind["renditions"] == 80_000
    assert size.by_kind["zips"] == 5 * MB + 2_000 and size.by_kind["documents"] == 300_000
    assert size.by_kind["audio"] == 2 * MB and size.by_kind["video"] == 60 * MB
    assert size.total == sum(SITE.values())
    assert size.by_month == {"2026-10": 10 * MB + 82_000, "2026-11": 66 * MB + 300_000}
    assert size.monthly_growth() == (76 * MB + 382_000) // 2
    assert size.largest == ("media/video/2026/11-23-film/film.mp4", 60 * MB)


def test_a_site_within_its_host_s_limits_passes_quietly(tmp_path):
    assert judge(measure(lay_out(tmp_path, SITE)), GITHUB_PAGES) == ([], [])


def test_near_a_limit_is_a_note_and_past_it_a_problem(tmp_path):
    near = measure(lay_out(tmp_path / "near", {**SITE, "media/video/2026/11-24-long/long.mp4": 85 * MB}))
    findings, notes = judge(near, GITHUB_PAGES)
    assert findings == [] and [n.file for n in notes] == ["media/video/2026/11-24-long/long.mp4"]

    photos = {f"media/news/2026/11-{d:02}-x/x.jpg": 99 * MB for d in range(1, 10)}
    over = measure(lay_out(tmp_path / "over", {**SITE, "media/video/2026/11-24-long/long.mp4": 150 * MB, **photos}))
    findings, _ = judge(over, GITHUB_PAGES)
    assert {f.file for f in findings} == {"(the site)", "media/video/2026/11-24-long/long.mp4"}
    assert all(f.check == "size" and "docs/publishing.md" in str(f.hint) for f in findings)
    assert "over the host's limit of 1,000.0 MB" in str(next(f.message for f in findings if f.file == "(the site)"))


def test_media_served_from_elsewhere_do_not_count_against_the_host(tmp_path):
    over = measure(lay_out(tmp_path, {**SITE, "media/video/2026/11-24-long/long.mp4": 1_200 * MB}),
                   media_elsewhere=True)
    assert over.on_host == 93_000 and judge(over, GITHUB_PAGES) == ([], [])
