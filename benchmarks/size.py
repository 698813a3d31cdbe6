"""How big a year of this office's output makes the published site (docs/publishing.md, "When the site grows").

`python -m benchmarks.size [--months 1]` writes the synthetic corpus
(benchmarks/corpus.py: ~2 story pairs a day) for that many months, with
photos as the press office takes them: 40 % of stories have 3 photos of
4–6 MB (12-megapixel JPEGs), builds it as `make build` does, measures the
site by kind (workflow.size) and projects a year: each kind scaled by
12 / months (pages, photos and files all grow with the number of stories).
The numbers go into docs/publishing.md.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image

from workflow.size import KINDS, measure, megabytes

from . import corpus

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / ".bench" / "size"
PAIRS_A_MONTH = round(30.4 * 24 / corpus.HOURS_BETWEEN)  # the corpus's pace: a story pair every 11 hours
WITH_PHOTOS = 0.4
PHOTOS_A_STORY = 3
PHOTO_PIXELS = (4000, 3000)


def write_photo(path: Path, seed: int) -> None:
    """A 12-megapixel JPEG of 4–6 MB: grain compresses as badly as a real photo's detail does."""
    rng = random.Random(seed)
    width, height = PHOTO_PIXELS
    grain = Image.effect_noise((width // 2, height // 2), rng.uniform(26, 36)).resize(PHOTO_PIXELS)
    light = Image.linear_gradient("L").resize(PHOTO_PIXELS).rotate(rng.choice((0, 90, 180, 270)))
    Image.merge("RGB", (Image.blend(light, grain, 0.5), grain, light)).save(path, quality=90)


def generate(months: int, seed: int) -> Path:
    """The corpus in FOLDER/site (content/, data/); the photos as the press office takes them."""
    site = FOLDER / "site"
    shutil.rmtree(FOLDER, ignore_errors=True)
    shutil.copytree(ROOT / "data", site / "data", ignore=shutil.ignore_patterns("permalinks.yml"))
    rng = random.Random(seed)
    photos: list[tuple[Path, int]] = []
    for story in corpus.stories(PAIRS_A_MONTH * months, seed):
        story.photo = None
        names = [f"photo-{n}.jpg" for n in range(1, PHOTOS_A_STORY + 1)] if rng.random() < WITH_PHOTOS else []
        if names:
            story.photo = names[0]
        corpus.write_ours(story, site / "content")
        corpus.describe_photos(site / "content" / story.id, names[1:])
        photos += [(site / "content" / story.id / name, rng.randrange(1 << 30)) for name in names]
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(write_photo, [path for path, _ in photos], [seed for _, seed in photos]))
    return site


def build(site: Path) -> Path:
    output = site / "output"
    command = [str(Path(sys.executable).with_name("pelican")), str(site / "content"), "-s", "pelicanconf.py",
               "-o", str(output), "-e", f'PORTAL_DATA="{site / "data"}"', f'CACHE_PATH="{site / "cache"}"']
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--months", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    site = generate(args.months, args.seed)
    originals = [p.stat().st_size for p in (site / "content").rglob("photo-*.jpg")]
    size = measure(build(site))
    year = 12 / args.months
    print(f"{PAIRS_A_MONTH * args.months} story pairs ({args.months} month(s)), {len(originals)} photos, "
          f"originals {min(originals) / 1e6:.1f}–{max(originals) / 1e6:.1f} MB (mean "
          f"{sum(originals) / len(originals) / 1e6:.1f} MB)")
    print(f"{'kind':<15}{'measured':>12}{'a year':>12}")
    for kind in KINDS:
        print(f"{kind:<15}{megabytes(size.by_kind[kind]):>12}{megabytes(round(size.by_kind[kind] * year)):>12}")
    print(f"{'total':<15}{megabytes(size.total):>12}{megabytes(round(size.total * year)):>12}")
    (FOLDER / "size.json").write_text(json.dumps(size.as_dict(), indent=2))


if __name__ == "__main__":
    main()
