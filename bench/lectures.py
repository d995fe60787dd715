"""Lectures of a chosen size, written the way a real one is, so timings mean something.

A generated lecture has what the sample has and more: sections and subsections of
prose with bold key terms, footnotes and citations of front-matter sources, lists,
tables, figures, code, and a slide and notes block per section. The text is nonsense
from a fixed vocabulary, drawn from a seeded generator: the same size gives the same
bytes on every machine.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw  # WeasyPrint's own dependency

# Words of prose per A5 booklet page, and the pages a booklet has besides its prose
# (cover, contents, sources, index): calibrated with `python -m bench.calibrate`.
WORDS_PER_PAGE = 230
FIXED_PAGES = 6
# Slides a deck has besides its slide blocks (title, overview pages, key terms, further
# reading): 13 at 500 slides, where the bench's row prints the count built.
DECK_EXTRA_SLIDES = 13


def _words(text: str) -> list[str]:
    return text.split()


VOCABULARY = _words("""
archive treaty minister parliament coalition trade port harbour capital industry
claim investor government legation envoy recognition league security alliance
neutrality frontier railway coal steel bank currency budget election party press
clergy union strike docker merchant shipping cargo grain timber factory worker
contract credit debt loan bond market price wage tariff quota export import
delegation conference memorandum dispatch cable ambassador consul secretary
cabinet crown king council assembly committee commission inquiry report record
letter diary memoir newspaper pamphlet speech declaration protest petition vote
decade year month season spring summer autumn winter morning evening week
reason cause effect outcome result pressure interest motive fear hope doubt
argument position policy practice principle custom habit rule exception law
the a an of in on at by for with from into over under after before between
during against through about across among around since until without within
was were had has became remained seemed proved stood came went made took gave
kept held brought sent found saw knew thought argued claimed wrote said asked
slowly quickly quietly openly firmly barely largely mostly partly often rarely
early late long short small large old new young first last next final whole
public private foreign domestic economic political religious legal military
careful cautious bold modest sharp steady uneasy reluctant eager hostile
""")

TERMS = """
collective security|de jure recognition|trade monopoly|transit trade|port authority
|war debt|currency crisis|coalition government|national unity|foreign ministry
|mutual assistance|League Assembly|neutral policy|policy of independence|legation
|commercial treaty|most-favoured nation|export credit|state monopoly|claims commission
|press campaign|Catholic opinion|Socialist demand|dockers' strike|grain trade
|shipping line|consular post|diplomatic note|exchange of envoys|ratification
|treaty revision|frontier dispute|arms embargo|customs union|gold standard
|devaluation|public debt|bond holders|trade balance|transit duty|harbour dues
|parliamentary question|cabinet crisis|royal prerogative|election manifesto
|party congress|trade union|labour movement|price control|import quota
""".replace("\n", "").split("|")

HEADINGS = """
Origins|The first contacts|Claims and counterclaims|The port and its trade|A cabinet divided
|Voices in the press|The view from abroad|Negotiations|A first agreement|Setbacks
|Opinion at home|The diplomats|Money and credit|The question of debts|Ships and cargoes
|Parliament decides|Aftermath|A wider view|Comparisons|Turning points
""".replace("\n", "").split("|")


@dataclass(frozen=True)
class Generated:
    folder: Path
    words: int  # words of booklet prose (slides and notes excluded)


class _Writer:
    """Draws text from one seeded generator, so a lecture's bytes depend on its seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.footnotes: list[str] = []
        self.words = 0

    def sentence(self, low: int = 8, high: int = 22) -> str:
        words = self.rng.choices(VOCABULARY, k=self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def paragraph(self, sources: list[str]) -> str:
        sentences = [self.sentence() for _ in range(self.rng.randint(5, 8))]
        if self.rng.random() < 0.6:
            i = self.rng.randrange(len(sentences))
            sentences[i] = sentences[i][:-1] + f" **{self.rng.choice(TERMS)}**."
        if self.rng.random() < 0.45:
            key = self.rng.choice(sources)
            page = f", p. {self.rng.randint(3, 380)}" if self.rng.random() < 0.5 else ""
            sentences[-1] = sentences[-1][:-1] + f" [@{key}{page}]."
        if self.rng.random() < 0.35:
            label = f"n{len(self.footnotes) + 1}"
            self.footnotes.append(f"[^{label}]: {self.sentence()} {self.sentence()}")
            sentences[0] = sentences[0][:-1] + f".[^{label}]"
        text = " ".join(sentences)
        self.words += _count_words(text)
        return text

    def bullets(self, count: int, low: int = 4, high: int = 9) -> str:
        items = [self.sentence(low, high)[:-1] for _ in range(count)]
        return "\n".join(f"- {item}" for item in items)

    def table(self, number: int) -> str:
        rows = [f"| {self.rng.choice(TERMS).capitalize()} | {1900 + self.rng.randint(18, 40)} "
                f"| {self.sentence(3, 7)[:-1]} |" for _ in range(self.rng.randint(4, 8))]
        self.words += sum(_count_words(row) for row in rows)
        return "\n".join([f"Table: {self.sentence(4, 9)[:-1]} ({number})", "",
                          "| Subject | Year | Note |", "|---|---|---|", *rows])

    def code(self) -> str:
        names = self.rng.sample(VOCABULARY[:60], 4)
        lines = [f"{names[0]} = load('{names[1]}.csv')",
                 f"for {names[2]} in {names[0]}:",
                 f"    if {names[2]}.year < {1920 + self.rng.randint(0, 15)}:",
                 f"        print({names[2]}.{names[3]})"]
        return "```python\n" + "\n".join(lines) + "\n```"


def _count_words(text: str) -> int:
    return len(re.findall(r"[A-Za-z]+", text))


def _front_matter(title: str, sources: list[str], rng: random.Random) -> str:
    lines = ["---", f"title: {title}", "subtitle: A generated lecture for timing builds",
             "author: chapbook benchmark", "date: 2026-01-15", "lang: en", "sources:"]
    for key in sources:
        surname = key.rstrip("0123456789").capitalize()
        lines += [f"  - key: {key}", f"    author: A. {surname}",
                  f"    title: {' '.join(rng.choices(VOCABULARY, k=5)).capitalize()}",
                  f"    year: {key[-4:]}", "    publisher: Example Press", "    place: Brussels"]
    return "\n".join([*lines, "---", ""])


def _source_keys(rng: random.Random, count: int = 12) -> list[str]:
    names = rng.sample(["haslam", "witte", "pipes", "coolsaet", "carr", "kennan", "ulam",
                        "deutscher", "jelavich", "lauren", "steiner", "marks", "taylor",
                        "kennedy"], count)
    return [f"{name}{rng.randint(1950, 2020)}" for name in names]


def draw_figure(path: Path, seed: int) -> None:
    """A bar chart as a PNG: a real raster image for both writers to place."""
    rng = random.Random(seed)
    image = Image.new("RGB", (900, 560), "white")
    draw = ImageDraw.Draw(image)
    draw.line([(60, 500), (860, 500)], fill="black", width=3)
    for i in range(12):
        height = rng.randint(40, 420)
        colour = (rng.randint(30, 200), rng.randint(60, 160), rng.randint(90, 220))
        draw.rectangle([70 + i * 65, 500 - height, 115 + i * 65, 499], fill=colour)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG", optimize=False)


def write_lecture(folder: Path, pages: int, seed: int = 1935) -> Generated:
    """A lecture whose booklet runs to about `pages` A5 pages."""
    rng = random.Random(seed)
    writer = _Writer(seed + 1)
    sources = _source_keys(rng)
    figures = [f"figures/chart-{i}.png" for i in range(1, 4)]
    for i, figure in enumerate(figures):
        draw_figure(folder / figure, seed + i)
    target_words = max(1, pages - FIXED_PAGES) * WORDS_PER_PAGE
    parts = [_front_matter(f"A lecture of {pages} pages", sources, rng),
             writer.paragraph(sources), writer.paragraph(sources)]
    number = 0
    while writer.words < target_words:
        number += 1
        parts.append(_section(writer, number, sources, figures))
    parts += writer.footnotes
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lecture.md").write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return Generated(folder, writer.words)


def _section(writer: _Writer, number: int, sources: list[str], figures: list[str]) -> str:
    rng = writer.rng
    title = f"{rng.choice(HEADINGS)} ({number})"
    blocks = [f"## {title}", writer.paragraph(sources)]
    for sub in range(2):
        blocks.append(f"### {rng.choice(HEADINGS)} ({number}.{sub + 1})")
        blocks += [writer.paragraph(sources) for _ in range(rng.randint(2, 4))]
    blocks.append(writer.bullets(rng.randint(3, 5)))
    if number % 3 == 0:
        blocks.append(writer.table(number))
    if number % 4 == 1:
        figure = figures[number % len(figures)]
        blocks.append(f'![A bar chart of twelve values]({figure} "{writer.sentence(4, 9)[:-1]}")')
    if number % 5 == 2:
        blocks += [writer.paragraph(sources), writer.code()]
    blocks += [f"::: slide\n{writer.bullets(4, 3, 7)}\n:::",
               f"::: notes\n{writer.sentence()} {writer.sentence()} {writer.sentence()}\n:::"]
    return "\n\n".join(blocks)


def write_deck_lecture(folder: Path, slides: int, seed: int = 1936) -> Generated:
    """A lecture made for its deck of about `slides` slides.

    Slide blocks with notes, four to a section; the deck adds slides of its own
    (`DECK_EXTRA_SLIDES`).
    """
    blocks = slides - DECK_EXTRA_SLIDES
    rng = random.Random(seed)
    writer = _Writer(seed + 1)
    sources = _source_keys(rng)
    figures = [f"figures/chart-{i}.png" for i in range(1, 4)]
    for i, figure in enumerate(figures):
        draw_figure(folder / figure, seed + i)
    parts = [_front_matter(f"A deck of {slides} slides", sources, rng), writer.paragraph(sources)]
    for number in range(1, blocks + 1):
        if number % 4 == 1:
            parts += [f"## {rng.choice(HEADINGS)} ({number // 4 + 1})", writer.paragraph(sources)]
        if number % 10 == 5:
            slide = f"![A bar chart of twelve values]({figures[number % 3]})"
        else:
            slide = writer.bullets(rng.randint(3, 6), 3, 8)
        notes = " ".join(writer.sentence() for _ in range(4))
        parts += [f"::: slide\n{slide}\n:::", f"::: notes\n{notes}\n:::"]
    parts += writer.footnotes
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lecture.md").write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return Generated(folder, writer.words)
