"""A synthetic archive: N story pairs in Kyrgyz and Russian, deterministic from a seed.

Words come from the sample stories in content/ (real Kyrgyz and Russian, real
inflections, so that Markdown, the search index and Russian stemming see
realistic text); each story gets ~400 words in paragraphs, a subheading, a
list or a link now and then, metadata from the real registries in data/,
and every tenth story a 3000×2000 JPEG. The same stories are written twice:
in our layout (YAML front matter) and in the layout a Pelican user would
choose for i18n_subsites (Pelican's `Key: value` metadata, `Lang:` on the
Russian file, translations linked by a shared slug).
"""

from __future__ import annotations

import io
import os
import random
import re
import shutil
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import accumulate
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("ky", "ru")
# How an archive of a press office is made up, roughly (shares of all stories).
SECTIONS = {"news": 45, "press-releases": 15, "announcements": 10, "decisions": 8, "interviews": 5,
            "explainers": 5, "video": 7, "audio": 5}
PHOTO_EVERY = 10
PHOTO_SIZE = (3000, 2000)
WORDS_PER_STORY = 400
LATEST = datetime(2026, 11, 26, 18, 0)
HOURS_BETWEEN = 11  # about two stories a day, every day, going back from LATEST
# The smallest valid PDF: decisions need a signed document to link to.
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
# A recording the build can measure (the sample site's radio spot), and a small poster for linked-out films.
RECORDING = (ROOT / "content" / "audio" / "2026" / "11-14-heating-hotline-radio" / "heating-hotline.mp3").read_bytes()


def _poster() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 360), (30, 80, 140)).save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


POSTER = _poster()


@dataclass
class Story:
    id: str  # section/year/mm-dd-slug
    section: str
    date: datetime
    slug: str
    text: dict[str, dict] = field(default_factory=dict)  # lang -> {title, summary, body}
    meta: dict = field(default_factory=dict)  # language-independent front matter
    photo: str | None = None
    files: dict[str, bytes] = field(default_factory=dict)  # other files in the folder


class Vocabulary:
    """Words of one language with Zipf's frequencies, as in real text.

    The sample stories give the common words (in their own order of
    frequency); rarer words are made by joining the start of one real word to
    the end of another, so that the archive has the long tail of names,
    numbers and rare forms that real text has: the search index's size and
    cost depend on it.
    """

    SIZE = 40_000

    def __init__(self, words: list[str], rng: random.Random) -> None:
        common = [w for w, _ in Counter(w.lower() for w in words).most_common()]
        rare: set[str] = set()
        while len(common) + len(rare) < self.SIZE:
            a, b = rng.choice(common), rng.choice(common)
            word = a[: max(2, len(a) // 2)] + b[len(b) // 2:]
            if word not in common:
                rare.add(word)
        self.words = common + sorted(rare)
        self.weights = list(accumulate(1 / rank for rank in range(1, len(self.words) + 1)))

    def pick(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.weights, k=count)


def vocabulary(rng: random.Random) -> dict[str, Vocabulary]:
    """The words of the sample stories, per language (front matter and Markdown left out)."""
    words: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for lang in LANGS:
        for path in sorted((ROOT / "content").rglob(f"index.{lang}.md")):
            body = path.read_text(encoding="utf-8").split("\n---", 1)[-1]
            words[lang] += re.findall(r"[А-Яа-яЁёҢңӨөҮү]{3,}", body)
    return {lang: Vocabulary(words[lang], rng) for lang in LANGS}


def sentence(rng: random.Random, words: Vocabulary, count: int) -> str:
    return " ".join(words.pick(rng, count)).capitalize() + "."


def body(rng: random.Random, words: Vocabulary, total: int) -> str:
    """Paragraphs of 40–80 words, a subheading, sometimes a list or a link: ~`total` words."""
    parts, written = [], 0
    while written < total:
        if written and rng.random() < 0.2:
            parts.append("## " + sentence(rng, words, rng.randint(3, 6)).rstrip("."))
        if rng.random() < 0.15:
            items = [sentence(rng, words, rng.randint(4, 9)) for _ in range(rng.randint(3, 5))]
            parts.append("\n".join(f"- {item}" for item in items))
            written += sum(len(i.split()) for i in items)
            continue
        paragraph = " ".join(sentence(rng, words, rng.randint(8, 16)) for _ in range(rng.randint(4, 6)))
        if rng.random() < 0.2:
            word = words.pick(rng, 1)[0]
            paragraph += f" [{word}](https://meria.kg/{rng.randint(1000, 9999)})."
        parts.append(paragraph)
        written += len(paragraph.split())
    return "\n\n".join(parts)


def registries() -> dict[str, list[str]]:
    return {kind: list(yaml.safe_load((ROOT / "data" / f"{kind}.yml").read_text(encoding="utf-8")))
            for kind in ("officials", "units", "topics")}


def stories(n: int, seed: int) -> list[Story]:
    """N story pairs, newest first; the same N and seed give the same stories."""
    rng = random.Random(seed)
    words = vocabulary(rng)
    reg = registries()
    sections = rng.choices(list(SECTIONS), weights=list(SECTIONS.values()), k=n)
    made: list[Story] = []
    decisions: list[Story] = []
    for i, drawn in enumerate(reversed(sections)):  # oldest first, so explainers can name older decisions
        date = LATEST - timedelta(hours=HOURS_BETWEEN * (n - 1 - i), minutes=rng.randint(0, 50))
        section = "news" if drawn == "explainers" and not decisions else drawn
        slug = f"story-{i:05d}-{section}"
        story = Story(f"{section}/{date:%Y}/{date:%m-%d}-{slug}", section, date, slug)
        for lang in LANGS:
            story.text[lang] = {"title": sentence(rng, words[lang], rng.randint(6, 10)).rstrip("."),
                                "summary": sentence(rng, words[lang], rng.randint(12, 20)),
                                "body": body(rng, words[lang], WORDS_PER_STORY)}
        story.meta = {"officials": rng.sample(reg["officials"], rng.randint(0, 2)),
                      "units": rng.sample(reg["units"], rng.randint(0, 2)),
                      "topics": rng.sample(reg["topics"], rng.randint(1, 2))}
        if section == "decisions":
            story.meta.update(number=f"№ {100 + i}", signed=f"{date:%Y-%m-%d}", signatory=rng.choice(reg["officials"]),
                              legal_status="in-force", document="decision.pdf")
            story.files["decision.pdf"] = PDF
            decisions.append(story)
        elif section == "announcements":
            starts = date + timedelta(days=2)
            story.meta.update(starts=f"{starts:%Y-%m-%d} 10:00", ends=f"{starts:%Y-%m-%d} 11:00",
                              speakers=rng.sample(reg["officials"], 1))
        elif section == "explainers":
            story.meta["explains"] = rng.choice(decisions[-20:]).id
        elif section == "video":
            story.meta.update(video_url=f"https://www.youtube.com/watch?v=meria{i:05d}", duration="02:40",
                              poster="poster.jpg")
            story.files["poster.jpg"] = POSTER
        elif section == "audio":
            story.meta.update(audio="spot.mp3")  # its length is measured from the file
            story.files["spot.mp3"] = RECORDING
        if i % PHOTO_EVERY == 0:
            story.photo = "photo.jpg"
        made.append(story)
    return list(reversed(made))


VENUE = {"ky": "Мэриянын чоң залы, Чүй проспекти, 166", "ru": "Большой зал мэрии, проспект Чуй, 166"}
ALT = {"ky": "Иш-чаранын сүрөтү", "ru": "Фотография с мероприятия"}
CREDIT = "Пресс-служба мэрии Бишкека"


def write_photo(path: Path, seed: int) -> None:
    """A 3000×2000 JPEG that differs from every other one (a photo-sized file to copy and read)."""
    rng = random.Random(seed)
    image = Image.new("RGB", PHOTO_SIZE, tuple(rng.randrange(40, 200) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y = rng.randrange(PHOTO_SIZE[0]), rng.randrange(PHOTO_SIZE[1])
        draw.ellipse([x, y, x + rng.randrange(50, 600), y + rng.randrange(50, 400)],
                     fill=tuple(rng.randrange(256) for _ in range(3)))
    image.save(path, quality=85)


def write_ours(story: Story, content: Path) -> None:
    folder = content / story.id
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in story.files.items():
        (folder / name).write_bytes(data)
    describe_photos(folder, [name for name in (story.photo, story.meta.get("poster")) if name])
    for lang in LANGS:
        text = story.text[lang]
        meta = {"title": text["title"], "date": f"{story.date:%Y-%m-%d %H:%M}", "summary": text["summary"],
                "slug": story.slug, **story.meta}
        if story.section == "announcements":
            meta["venue"] = VENUE[lang]
        if story.photo:
            meta["image"] = story.photo
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
        (folder / f"index.{lang}.md").write_text(f"---\n{front}---\n\n{text['body']}\n", encoding="utf-8")


def describe_photos(folder: Path, names: list[str]) -> None:
    """Add photos to the folder's photos.yml: every photo is described, in both languages."""
    if not names:
        return
    path = folder / "photos.yml"
    described = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    described.update({name: {"alt": dict(ALT), "credit": CREDIT} for name in names})
    path.write_text(yaml.safe_dump(described, allow_unicode=True), encoding="utf-8")


def write_pelican(story: Story, content: Path, names: dict[str, dict]) -> None:
    """The same story as a Pelican user writes it: Category = section, Tags = topic names."""
    folder = content / story.id
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in story.files.items():
        (folder / name).write_bytes(data)
    for lang in LANGS:
        text = story.text[lang]
        lines = [f"Title: {text['title']}", f"Date: {story.date:%Y-%m-%d %H:%M}", f"Category: {story.section}",
                 f"Slug: {story.slug}", f"Lang: {lang}", f"Summary: {text['summary']}",
                 f"Tags: {', '.join(names['topics'][t][lang] for t in story.meta['topics'])}"]
        if story.meta["officials"]:
            lines.append(f"Authors: {', '.join(names['officials'][o][lang] for o in story.meta['officials'])}")
        extra = ""
        if story.photo:
            extra += f"![{ALT[lang]}]({{static}}{story.photo})\n\n"
        for name in story.files:
            extra += f"[{name}]({{static}}{name})\n\n"
        (folder / f"index.{lang}.md").write_text("\n".join(lines) + f"\n\n{extra}{text['body']}\n", encoding="utf-8")


def generate(n: int, seed: int, ours: Path, pelican: Path) -> list[Story]:
    """Write the corpus twice (ours: content/ + data/; Pelican's: content/); photos in parallel.

    The photos are drawn once per seed and kept beside the corpus (`photos-<seed>/`, linked into
    both copies): at 20,000 story pairs, drawing the 2,000 of them took longer than writing the rest."""
    for root in (ours, pelican):
        shutil.rmtree(root, ignore_errors=True)
    made = stories(n, seed)
    shutil.copytree(ROOT / "data", ours / "data", ignore=shutil.ignore_patterns("permalinks.yml"))
    names = {kind: {key: value["name"] for key, value in
                    yaml.safe_load((ROOT / "data" / f"{kind}.yml").read_text(encoding="utf-8")).items()}
             for kind in ("officials", "topics")}
    for story in made:
        write_ours(story, ours / "content")
        write_pelican(story, pelican / "content", names)
    drawn = ours.parent / f"photos-{seed}"
    drawn.mkdir(exist_ok=True)
    photos = [(ours / "content" / s.id / s.photo, seed * 100_003 + i) for i, s in enumerate(made) if s.photo]
    missing = [(drawn / f"{number}.jpg", number) for _, number in photos if not (drawn / f"{number}.jpg").exists()]
    if missing:
        with ProcessPoolExecutor(max_workers=2) as pool:
            list(pool.map(write_photo, *zip(*missing, strict=True)))
    for path, number in photos:
        os.link(drawn / f"{number}.jpg", path)
        os.link(drawn / f"{number}.jpg", pelican / "content" / path.relative_to(ours / "content"))
    return made
