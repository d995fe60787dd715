"""The parser: `lecture.md` in, the typed `Lecture` model out (chapbook.read.parse).

Every construct of the content format is written into a real lecture folder under
tmp_path and read back through `parse_lecture`; every error is a ContentError
naming the right line of the file and saying what to do.
"""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lectures import line_of, make_image, write_lecture

from chapbook.blocks import (
    Callout,
    Code,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Table,
    walk,
)
from chapbook.booklet import render_booklet_html
from chapbook.errors import ContentError
from chapbook.limits import MAX_TABLE_ROWS
from chapbook.model.document import Lecture
from chapbook.model.sources import source_from_fields
from chapbook.read.csl import Cite, CiteProc
from chapbook.read.parse import parse_lecture

FRONT = """\
---
title: Belgium Recognizes the Soviet Union
sources:
  - key: haslam1984
    author: Jonathan Haslam
    title: Soviet Foreign Policy, 1930-33
    year: 1984
  - key: witte2010
    author: Els Witte, Jan Craeybeckx and Alain Meynen
    title: Political History of Belgium
    year: 2010
  - key: carr1953
    author: E. H. Carr
    title: The Bolshevik Revolution
    year: 1953
---
"""
TINY = "---\ntitle: T\n---\n"
CITED = ("---\ntitle: T\nsources:\n"
         "  - {key: a1, author: Alpha Author, title: First, year: 2001}\n---\n")


def source(body: str, front: str = FRONT) -> str:
    """A whole `lecture.md`: front matter, then the dedented body."""
    return front + textwrap.dedent(body)


def parse(tmp_path: Path, text: str | bytes) -> Lecture:
    return parse_lecture(write_lecture(tmp_path, text))


def parse_body(tmp_path: Path, body: str, front: str = FRONT) -> Lecture:
    return parse(tmp_path, source(body, front))


def warning(tmp_path: Path, text: str | bytes):
    """The one warning reading `text` gives."""
    (finding,) = parse(tmp_path, text).findings
    return finding


def error(tmp_path: Path, text: str | bytes) -> ContentError:
    with pytest.raises(ContentError) as info:
        parse(tmp_path, text)
    return info.value


def htmls(lecture: Lecture) -> str:
    """All booklet html of paragraphs, headings and cells, joined."""
    parts = []
    for block in lecture.all_blocks():
        if isinstance(block, Paragraph | Heading):
            parts.append(str(block.html))
        elif isinstance(block, Table):
            parts.extend(str(c.html) for row in (block.header, *block.rows) for c in row)
    return "\n".join(parts)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A lecture folder with real images, broken ones, and a file outside it."""
    root = tmp_path / "lecture"
    figures = root / "figures"
    make_image(figures / "map.png", (40, 30))
    make_image(figures / "wide.png", (64, 16))
    make_image(figures / "photo.ppm")
    make_image(tmp_path / "outside.png")
    (figures / "notes.png").write_text("a text file renamed .png\n", encoding="utf-8")
    (figures / "broken.svg").write_text("not a drawing\n", encoding="utf-8")
    (figures / "linked.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="4" height="4"><image xlink:href="../../outside.png" width="4" height="4"/>'
        "</svg>\n",
        encoding="utf-8",
    )
    os.symlink(tmp_path / "outside.png", figures / "escape.png")
    os.symlink("map.png", figures / "alias.png")
    return root


# --------------------------------------------------------------------------
# reading the file
# --------------------------------------------------------------------------
def test_folder_name_is_the_slug(tmp_path):
    lecture = parse(tmp_path / "x", TINY + "## A\n")
    assert lecture.slug == "lecture"
    assert lecture.root == tmp_path / "x" / "lecture"
    assert lecture.source == lecture.root / "lecture.md"


def test_missing_lecture_file(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(ContentError, match=r"lecture\.md not found"):
        parse_lecture(tmp_path / "empty")


def test_utf8_bom_is_dropped(tmp_path):
    lecture = parse(tmp_path, ("\ufeff" + TINY + "## A\n\nText.\n").encode("utf-8"))
    assert lecture.meta.title == "T"
    assert "\ufeff" not in lecture.sections[0].blocks[0].text


def test_crlf_line_ends(tmp_path):
    text = TINY + "## Section\n\nFirst line\nsecond line.\n"
    lecture = parse(tmp_path, text.replace("\n", "\r\n").encode("utf-8"))
    (para,) = lecture.sections[0].blocks
    assert lecture.sections[0].title == "Section"
    assert para.text == "First line second line."
    assert "\r" not in para.html
    assert para.line == 6


def test_crlf_keeps_error_lines(tmp_path):
    text = TINY + "## A\n\nFirst line\nsecond [@nope].\n"
    finding = warning(tmp_path, text.replace("\n", "\r\n").encode("utf-8"))
    assert finding.line == 7


def test_control_characters_are_stripped(tmp_path):
    text = "---\ntitle: Ti\x07tle\n---\n## A\n\na\x00b\x08c\x1bd\x0ce\x7ff\x85g\n"
    lecture = parse(tmp_path, text)
    assert lecture.meta.title == "Title"
    assert lecture.sections[0].blocks[0].text == "abcdefg"


def test_cyrillic_greek_and_accents_are_kept(tmp_path):
    decomposed = "Ele\u0301onore"  # e + combining acute, kept as written
    lecture = parse(tmp_path, textwrap.dedent(f"""\
        ---
        title: Признание СССР
        subtitle: Η αναγνώριση
        author: Émile Vandervelde
        ---
        ## Ελλάδα и Россия

        Déjà vu, Ünïcödé, **Šternberk**, {decomposed}.
        """))
    assert lecture.meta.title == "Признание СССР"
    assert lecture.meta.subtitle == "Η αναγνώριση"
    assert lecture.meta.author == "Émile Vandervelde"
    assert lecture.sections[0].title == "Ελλάδα и Россия"
    assert lecture.sections[0].blocks[0].text == f"Déjà vu, Ünïcödé, Šternberk, {decomposed}."
    assert [t.term for t in lecture.key_terms] == ["Šternberk"]


@pytest.mark.parametrize(
    ("data", "line"),
    [
        pytest.param(b"---\ntitle: Caf\xe9\n---\n## A\n", 2, id="in-front-matter"),
        pytest.param(b"---\ntitle: T\n---\n## A\n\nok\ncaf\xe9\n", 7, id="in-body"),
        pytest.param(b"---\r\ntitle: T\r\n---\r\n## A\r\n\xff\r\n", 5, id="crlf"),
        pytest.param((TINY + "## A\n").encode("utf-16"), 1, id="utf-16"),
    ],
)
def test_not_utf8_names_line_of_bad_byte(tmp_path, data, line):
    err = error(tmp_path, data)
    assert err.line == line
    assert "save the file as UTF-8" in err.message


# --------------------------------------------------------------------------
# front matter
# --------------------------------------------------------------------------
def test_front_matter_fields(tmp_path):
    lecture = parse(tmp_path, textwrap.dedent("""\
        ---
        title: Belgium Recognizes the Soviet Union
        subtitle: A diplomatic turn of 1935
        author: Jan Janssens
        date: 2026-11-27
        lang: nl-BE
        ---
        ## A
        """))
    meta = lecture.meta
    assert meta.title == "Belgium Recognizes the Soviet Union"
    assert meta.subtitle == "A diplomatic turn of 1935"
    assert meta.author == "Jan Janssens"
    assert meta.date == dt.date(2026, 11, 27)
    assert meta.date_text == "27 november 2026"  # in the lecture's language (nl-BE)
    assert meta.lang == "nl-BE"


def test_front_matter_defaults(tmp_path):
    meta = parse(tmp_path, TINY + "## A\n").meta
    assert (meta.subtitle, meta.author, meta.date, meta.lang, meta.sources) == (
        "", "", None, "en", ()
    )
    assert meta.date_text == ""


def test_front_matter_closed_by_dots(tmp_path):
    assert parse(tmp_path, "---\ntitle: T\n...\n## A\n").meta.title == "T"


@pytest.mark.parametrize(
    ("value", "author"),
    [
        ("Jonathan Haslam", "Jonathan Haslam"),
        ("[Els Witte, Jan Craeybeckx]", "Els Witte, Jan Craeybeckx"),
        ("\n  - Els Witte\n  - Jan Craeybeckx", "Els Witte, Jan Craeybeckx"),
    ],
    ids=["string", "flow-list", "block-list"],
)
def test_author_string_or_list(tmp_path, value, author):
    lecture = parse(tmp_path, f"---\ntitle: T\nauthor: {value}\n---\n## A\n")
    assert lecture.meta.author == author


@pytest.mark.parametrize(
    "value", ["2026-11-27", "'2026-11-27'", "2026-11-27T10:30:00"], ids=["date", "text", "time"]
)
def test_date_forms(tmp_path, value):
    lecture = parse(tmp_path, f"---\ntitle: T\ndate: {value}\n---\n## A\n")
    assert lecture.meta.date == dt.date(2026, 11, 27)


def test_sources_all_fields(tmp_path):
    lecture = parse(tmp_path, textwrap.dedent("""\
        ---
        title: T
        sources:
          - key: haslam1984
            author: Jonathan Haslam
            title: Soviet Foreign Policy
            year: 1984
            publisher: Macmillan
            place: London
            container: Studies in Soviet History
            note: Chapter 3
            type: chapter
            url: https://example.org/haslam
          - key: doc:1935/ussr
            title: Exchange of notes
        ---
        ## A
        """))
    haslam, doc = lecture.meta.sources
    assert haslam == source_from_fields(
        key="haslam1984", title="Soviet Foreign Policy", author="Jonathan Haslam", year=1984,
        publisher="Macmillan", place="London", container="Studies in Soviet History",
        note="Chapter 3", type="chapter", url="https://example.org/haslam",
    )
    assert haslam.csl["publisher-place"] == "London"
    assert haslam.csl["container-title"] == "Studies in Soviet History"
    assert (doc.key, doc.title, doc.authors, doc.year, doc.csl["type"]) == (
        "doc:1935/ussr", "Exchange of notes", (), None, "book"
    )
    assert cited(doc) == "(Exchange of notes, n.d.)"  # the front matter's title as written


def test_source_author_list(tmp_path):
    lecture = parse(tmp_path, textwrap.dedent("""\
        ---
        title: T
        sources:
          - key: w
            author: [Els Witte, Jan Craeybeckx]
            title: Political History of Belgium
            year: 2010
        ---
        ## A
        """))
    assert lecture.meta.sources[0].authors == ("Els Witte", "Jan Craeybeckx")
    assert cited(lecture.meta.sources[0]) == "(Witte and Craeybeckx 2010)"


def cited(source) -> str:
    """The source's parenthetical citation as the bundled style writes it, in English."""
    return CiteProc([source], "en").cite([Cite(source.key)]).striptags()


@pytest.mark.parametrize(
    ("author", "year", "label"),
    [
        ("Jonathan Haslam", 1984, "(Haslam 1984)"),
        ("Haslam, Jonathan", 1984, "(Haslam 1984)"),
        ("Paul van Zeeland", 1935, "(van Zeeland 1935)"),
        ("Els Witte and Jan Craeybeckx", 2010, "(Witte and Craeybeckx 2010)"),
        ("Els Witte, Jan Craeybeckx and Alain Meynen", 2010, "(Witte et al. 2010)"),
        ("Jonathan Haslam", None, "(Haslam, n.d.)"),  # CSL's Chicago: a comma before n.d.
        ("", 1935, "(The Title 1935)"),
    ],
)
def test_source_label(author, year, label):
    assert cited(source_from_fields(key="k", title="The Title", author=author,
                                    year=year)) == label


@pytest.mark.parametrize(
    ("author", "reference"),
    [
        ("Jonathan Haslam", "Haslam, Jonathan. "),
        ("Haslam, Jonathan", "Haslam, Jonathan. "),
        # Chicago's CSL style sorts and inverts Dutch particles after the given name.
        ("Paul van Zeeland", "Zeeland, Paul van. "),
        ("Els Witte and Jan Craeybeckx", "Witte, Els, and Jan Craeybeckx. "),
        ("Els Witte, Jan Craeybeckx and Alain Meynen",
         "Witte, Els, Jan Craeybeckx, and Alain Meynen. "),
        ("", "T. "),
    ],
)
def test_source_reference_author(author, reference):
    source = source_from_fields(key="k", title="T", author=author, year=2000)
    (entry,) = CiteProc([source], "en").references(["k"])
    assert entry.text.startswith(reference)


def test_source_author_list_of_single_names(tmp_path):
    lecture = parse(tmp_path, textwrap.dedent("""\
        ---
        title: T
        sources:
          - key: p
            author: [Plato, Aristotle]
            title: Dialogues
            year: 1999
        ---
        ## A
        """))
    assert cited(lecture.meta.sources[0]) == "(Plato and Aristotle 1999)"


def test_author_list_of_mappings(tmp_path):
    text = "---\ntitle: T\nauthor:\n  - name: Jane Doe\n    affiliation: KU Leuven\n---\n## A\n"
    try:
        lecture = parse(tmp_path, text)
    except ContentError as err:
        assert err.line == 3
    else:
        assert lecture.meta.author == "Jane Doe"


def test_source_title_as_list(tmp_path):
    text = "---\ntitle: T\nsources:\n  - key: a\n    title: [A, B]\n---\n## A\n"
    err = error(tmp_path, text)
    assert err.line == 5
    assert "must be text" in err.message


def test_lang_norwegian(tmp_path):
    assert parse(tmp_path, "---\ntitle: T\nlang: no\n---\n## A\n").meta.lang == "no"


# yaml text (file line = index + 2), line of the error, what the message must say
FRONT_MATTER_ERRORS = [
    pytest.param("title: T\nauthor: [a, b\nlang: en\n", 3,
                 "not valid YAML: expected ',' or ']'", id="unclosed-bracket"),
    pytest.param("title: T\nsubtitle: \"open\nlang: en\n", 3,
                 "(while scanning a quoted scalar that starts here)", id="unclosed-quote"),
    pytest.param("title: T\n  bad: indent\n", 3, "not valid YAML", id="bad-indent"),
    pytest.param("title: T\nlang: en\ntitle: U\n", 4, "duplicate key 'title'; keep only one",
                 id="duplicate-key"),
    pytest.param("subtitle: S\n", 1, "`title` is required, e.g. `title: My lecture`",
                 id="missing-title"),
    pytest.param("title: ''\n", 2, "`title` must not be empty", id="empty-title"),
    pytest.param("title: '   '\n", 2, "`title` must not be empty", id="blank-title"),
    pytest.param("title: [a, b]\n", 2, "`title` must be text, not a list", id="title-list"),
    pytest.param("title: {a: b}\n", 2, "must be text, not a list or mapping", id="title-map"),
    pytest.param("title: T\nauthor: {affiliation: X}\n", 3, "must be a name, a list of names",
                 id="author-map"),
    pytest.param("", 1, "front matter is empty; it needs at least `title: ...`", id="empty"),
    pytest.param("just words\n", 1, "must be `key: value` lines", id="not-a-mapping"),
    pytest.param("title: T\nsources: haslam\n", 3, "must be a list of `- key: ...` entries",
                 id="sources-not-list"),
    pytest.param("title: T\nsources:\n  - haslam\n", 3, "each source must be a mapping",
                 id="source-not-map"),
    pytest.param("title: T\nsources:\n  - title: X\n    year: 1984\n", 4,
                 "`key` is required, e.g. `key: haslam1984`", id="source-without-key"),
    pytest.param("title: T\nsources:\n  - key: a\n    year: 1984\n", 4,
                 "source 'a': `title` is required", id="source-without-title"),
    pytest.param("title: T\nsources:\n  - key: a\n    key: b\n    title: X\n", 5,
                 "duplicate key 'key'; keep only one", id="duplicate-key-in-source"),
    pytest.param("title: T\nsources:\n  - key: a\n    title: X\n  - key: a\n    title: Y\n", 6,
                 "key 'a' is used twice", id="duplicate-source-key"),
    pytest.param("title: T\nsources:\n  - key: a\n    title: X\n    year: circa 1984\n", 6,
                 "year must be a number like 1984", id="year-text"),
    pytest.param("title: T\nsources:\n  - key: a\n    title: X\n    year: yes\n", 6,
                 "year must be a number like 1984", id="year-bool"),
    pytest.param("title: T\nsources:\n  - key: a\n    title: X\n    pages: 3\n", 6,
                 "unknown field 'pages' (known: author", id="unknown-source-field"),
    pytest.param("title: T\nsources:\n  - key: bad key\n    title: X\n", 4,
                 "may hold only letters, digits", id="source-key-space"),
]


@pytest.mark.parametrize(("yaml", "line", "message"), FRONT_MATTER_ERRORS)
def test_front_matter_errors(tmp_path, yaml, line, message):
    err = error(tmp_path, f"---\n{yaml}---\n\n## A\n")
    assert err.line == line
    assert message in err.message
    assert err.path == tmp_path / "lecture" / "lecture.md"


FRONT_MATTER_WARNINGS = [
    pytest.param("title: T\nauthr: X\nformat: revealjs\n", 3,
                 "chapbook does not use authr (did you mean 'author'?), format; kept, ignored",
                 id="unknown-fields"),
    pytest.param("title: T\nlang: en_US\n", 3, "is not a BCP 47 tag like `en` or `nl-BE`",
                 id="bad-lang"),
    pytest.param("title: T\ndate: 2026-13-45\n", 3, "is not a calendar date; printed as given",
                 id="impossible-date"),
]


@pytest.mark.parametrize(("yaml", "line", "message"), FRONT_MATTER_WARNINGS)
def test_front_matter_of_other_tools_is_a_warning(tmp_path, yaml, line, message):
    lecture = parse(tmp_path, f"---\n{yaml}---\n\n## A\n")
    (finding,) = lecture.findings
    assert (finding.line, finding.path.name) == (line, "lecture.md")
    assert message in finding.message


@pytest.mark.parametrize(("given", "shown"), [("27/11/2026", "27/11/2026"),
                                              ("Spring 2026", "Spring 2026"),
                                              ("2026-11-27", "27 November 2026")])
def test_dates_are_printed_as_given(tmp_path, given, shown):
    lecture = parse(tmp_path, f"---\ntitle: T\ndate: {given}\n---\n\n## A\n")
    assert lecture.meta.date_text == shown and not lecture.findings


def test_title_without_value_names_its_line(tmp_path):
    assert error(tmp_path, "---\nlang: en\ntitle:\n---\n## A\n").line == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("", "the file is empty; start it with front matter", id="empty"),
        pytest.param("\n  \n\n", "the file is empty", id="blank"),
        pytest.param("title: T\n\n## A\n", "must start with a `---` line", id="no-front-matter"),
        pytest.param("---\ntitle: T\n\n## A\n", "not closed: add a `---` line after it",
                     id="unclosed-front-matter"),
    ],
)
def test_file_shape_errors(tmp_path, text, message):
    err = error(tmp_path, text)
    assert err.line == 1
    assert message in err.message


def test_comments_and_blank_lines_may_come_before_the_front_matter(tmp_path):
    lecture = parse(tmp_path, "\n<!-- Licence: CC BY 4.0\n     by someone -->\n\n---\n"
                              "title: T\n---\n\n## A\n\n[x](#nowhere)\n")
    assert lecture.meta.title == "T"
    (finding,) = lecture.findings
    assert finding.line == 11 and "#nowhere goes nowhere" in finding.message


def test_errors_after_a_leading_comment_name_the_right_line(tmp_path):
    err = error(tmp_path, "<!-- c -->\n---\ntitle: T\ntitle: U\n---\n\n## A\n")
    assert err.line == 4


def test_a_pandoc_title_block(tmp_path):
    lecture = parse(tmp_path, "% The Title\n  continued\n% Ann Author; Bob Writer\n"
                              "% Spring 2026\n\n## A\n\nText.\n")
    assert lecture.meta.title == "The Title continued"
    assert lecture.meta.author == "Ann Author, Bob Writer"
    assert lecture.meta.date_text == "Spring 2026"
    assert lecture.sections[0].line == 6


# --------------------------------------------------------------------------
# structure: introduction, sections, subsections
# --------------------------------------------------------------------------
STRUCTURE = source("""\
    Opening paragraph of the **introduction**.

    ### Why it matters

    ## First *part*

    Text one.

    ### Sub A

    #### Sub A.1

    ## Second part

    ### Sub B
    """)


def test_intro_is_everything_before_the_first_section(tmp_path):
    lecture = parse(tmp_path, STRUCTURE)
    para, heading = lecture.intro
    assert isinstance(para, Paragraph)
    assert para.text == "Opening paragraph of the introduction."
    assert para.line == line_of(STRUCTURE, "Opening paragraph")
    assert isinstance(heading, Heading)
    assert (heading.text, heading.level, heading.id) == ("Why it matters", 3, "intro-1")
    assert all("Opening" not in b.text for s in lecture.sections for b in s.blocks)


def test_sections_numbers_ids_titles(tmp_path):
    lecture = parse(tmp_path, STRUCTURE)
    first, second = lecture.sections
    assert [(s.number, s.id, s.title) for s in lecture.sections] == [
        (1, "s1", "First part"), (2, "s2", "Second part")
    ]
    assert first.title_html == "First <em>part</em>"
    assert first.line == line_of(STRUCTURE, "## First")
    assert second.line == line_of(STRUCTURE, "## Second")
    assert first.blocks[0].text == "Text one."


def test_subsections_are_headings(tmp_path):
    lecture = parse(tmp_path, STRUCTURE)
    first, second = lecture.sections
    assert [(h.text, h.level, h.id) for h in first.subheadings] == [
        ("Sub A", 3, "s1-1"), ("Sub A.1", 4, "s1-2")
    ]
    assert [(h.text, h.level, h.id) for h in second.subheadings] == [("Sub B", 3, "s2-1")]
    assert first.subheadings[0].line == line_of(STRUCTURE, "### Sub A")


def test_section_titles_are_not_key_terms(tmp_path):
    lecture = parse_body(tmp_path, "## The **bold** title\n\n### A **bold** sub\n")
    assert lecture.sections[0].title == "The bold title"
    assert lecture.key_terms == ()


# --------------------------------------------------------------------------
# slides and notes
# --------------------------------------------------------------------------
SLIDES = source("""\
    Welcome.

    ::: slide
    - Opening point
    :::

    ::: notes
    Say hello first.
    :::

    ## The turn of 1935

    Booklet prose about **recognition**.

    ::: slide
    - Brussels recognises Moscow
    - Trade follows
    :::

    ::: notes
    Mention the *trade* treaty.
    :::

    ::: {.slide title="A map says more" layout="two-content"}
    1. Left
    2. Right
    :::

    ::: {.slide title="  "}
    Blank title falls back.
    :::

    ## Without a slide

    Prose only.

    ::: notes
    Notes for the section as a whole.
    :::
    """)


def test_slide_block(tmp_path):
    section = parse(tmp_path, SLIDES).sections[0]
    slide = section.slides[0]
    assert slide.title == "The turn of 1935"
    assert slide.layout == ""
    assert slide.line == line_of(SLIDES, "- Brussels") - 1
    (bullets,) = slide.blocks
    assert isinstance(bullets, ListBlock)
    assert [i.text for i in bullets.items] == ["Brussels recognises Moscow", "Trade follows"]


def test_slide_content_stays_out_of_the_booklet(tmp_path):
    section = parse(tmp_path, SLIDES).sections[0]
    assert [b.text for b in section.blocks] == ["Booklet prose about recognition."]


def test_slide_title_and_layout_attributes(tmp_path):
    slides = parse(tmp_path, SLIDES).sections[0].slides
    assert [(s.title, s.layout) for s in slides[1:]] == [
        ("A map says more", "two-content"), ("The turn of 1935", "")
    ]
    assert slides[1].blocks[0].ordered


def test_notes_attach_to_the_preceding_slide(tmp_path):
    section = parse(tmp_path, SLIDES).sections[0]
    (note,) = section.slides[0].notes
    assert note.text == "Mention the trade treaty."
    assert note.html == "Mention the <em>trade</em> treaty."
    assert section.slides[1].notes == ()
    assert section.notes == ()


def test_notes_without_a_slide_belong_to_the_section(tmp_path):
    section = parse(tmp_path, SLIDES).sections[1]
    assert section.slides == ()
    assert [b.text for b in section.notes] == ["Notes for the section as a whole."]
    assert [b.text for b in section.blocks] == ["Prose only."]


def test_notes_before_any_slide_belong_to_the_section(tmp_path):
    section = parse_body(tmp_path, """\
        ## A

        ::: notes
        Early notes.
        :::

        ::: slide
        Shown.
        :::
        """).sections[0]
    assert [b.text for b in section.notes] == ["Early notes."]
    assert section.slides[0].notes == ()


def test_intro_slide_and_notes(tmp_path):
    lecture = parse(tmp_path, SLIDES)
    (slide,) = lecture.intro_slides
    assert slide.title == "Belgium Recognizes the Soviet Union"
    assert slide.blocks[0].items[0].text == "Opening point"
    assert [b.text for b in slide.notes] == ["Say hello first."]
    assert lecture.intro_notes == ()
    assert [b.text for b in lecture.intro] == ["Welcome."]


def test_intro_notes_without_slide(tmp_path):
    lecture = parse_body(tmp_path, "Welcome.\n\n::: notes\nGreet the room.\n:::\n\n## A\n")
    assert lecture.intro_slides == ()
    assert [b.text for b in lecture.intro_notes] == ["Greet the room."]


def test_slide_and_notes_text_are_not_key_terms(tmp_path):
    lecture = parse_body(tmp_path, """\
        ## A

        ::: slide
        **slide bold**
        :::

        ::: notes
        **notes bold**
        :::
        """)
    assert lecture.key_terms == ()
    assert lecture.sections[0].slides[0].blocks[0].html == "<strong>slide bold</strong>"


# --------------------------------------------------------------------------
# callouts and nested divs
# --------------------------------------------------------------------------
CALLOUTS = source("""\
    ## A

    ::: {.callout title="Fun fact"}
    Outside **box term**.

    ::: {.callout #inner title="Inner box"}
    Nested with the same fence.
    :::

    After the inner box.
    :::

    Back in the section.
    """)


def test_callout(tmp_path):
    lecture = parse(tmp_path, CALLOUTS)
    outer = lecture.sections[0].blocks[0]
    assert isinstance(outer, Callout)
    assert outer.title == "Fun fact"
    assert outer.line == line_of(CALLOUTS, "Fun fact")
    assert outer.blocks[0].text == "Outside box term."
    assert [t.term for t in lecture.key_terms] == ["box term"]


def test_nested_divs_with_same_length_fences(tmp_path):
    lecture = parse(tmp_path, CALLOUTS)
    outer, after = lecture.sections[0].blocks
    _, inner, last = outer.blocks
    assert isinstance(inner, Callout)
    assert (inner.title, inner.id) == ("Inner box", "inner")
    assert [b.text for b in inner.blocks] == ["Nested with the same fence."]
    assert last.text == "After the inner box."
    assert after.text == "Back in the section."
    assert lecture.callouts == (outer, inner)


def test_callout_without_title_gets_numbered_id(tmp_path):
    lecture = parse_body(tmp_path, "## A\n\n::: callout\nBoxed.\n:::\n")
    (callout,) = lecture.callouts
    assert (callout.title, callout.id) == ("", "callout-1")


def test_nested_callouts_get_distinct_ids(tmp_path):
    lecture = parse_body(tmp_path, """\
        ## A

        ::: callout
        ::: callout
        Inner.
        :::
        :::
        """)
    assert [c.id for c in lecture.callouts] == ["callout-1", "callout-2"]


def test_div_syntax_inside_code_block(tmp_path):
    lecture = parse_body(tmp_path, """\
        ## A

        ::: slide
        ```markdown
        ::: notes
        ```
        :::
        """)
    (code,) = lecture.sections[0].slides[0].blocks
    assert code.text == "::: notes"


# --------------------------------------------------------------------------
# footnotes and citations
# --------------------------------------------------------------------------
def test_footnote_inline_in_html_absent_from_text(tmp_path):
    lecture = parse_body(tmp_path, """\
        ## A

        A claim[^src] and more.

        [^src]: The *evidence* is thin.
        """)
    (para,) = lecture.sections[0].blocks
    assert para.html == (
        'A claim<span class="footnote">The <em>evidence</em> is thin.</span> and more.'
    )
    assert para.text == "A claim and more."


def test_inline_footnote(tmp_path):
    (para,) = parse_body(tmp_path, "## A\n\nA claim^[Inline note.] here.\n").sections[0].blocks
    assert para.html == 'A claim<span class="footnote">Inline note.</span> here.'


CITATIONS = source("""\
    ## A

    One [@witte2010]. Two [@haslam1984, p. 3].
    Three [see @witte2010; @haslam1984, 12-14].
    """)


def test_citation_text(tmp_path):
    (para,) = parse(tmp_path, CITATIONS).sections[0].blocks
    # As CSL's Chicago author-date writes them: no "p." before a page, an en dash in ranges.
    assert para.text == (
        "One (Witte et al. 2010). Two (Haslam 1984, 3). "
        "Three (see Witte et al. 2010; Haslam 1984, 12–14)."
    )


def test_citation_links(tmp_path):
    (para,) = parse(tmp_path, CITATIONS).sections[0].blocks
    assert '<span class="citation">(<a href="#ref-witte2010">Witte et al. 2010</a>)</span>' in (
        para.html
    )
    # The link covers the cited item with its locator, as Pandoc's does; not the prefix.
    assert '(<a href="#ref-haslam1984">Haslam 1984, 3</a>)' in para.html
    assert ('(see <a href="#ref-witte2010">Witte et al. 2010</a>; '
            '<a href="#ref-haslam1984">Haslam 1984, 12–14</a>)') in para.html


def test_cited_keys_in_order_of_first_use(tmp_path):
    assert parse(tmp_path, CITATIONS).cited == ("witte2010", "haslam1984")


def test_citation_in_footnote_counts_as_cited(tmp_path):
    lecture = parse_body(tmp_path, "## A\n\nClaim[^1].\n\n[^1]: As argued [@carr1953].\n")
    assert lecture.cited == ("carr1953",)
    assert '<a href="#ref-carr1953">Carr 1953</a>' in lecture.sections[0].blocks[0].html


def test_links_with_at_sign_are_not_citations(tmp_path):
    lecture = parse_body(tmp_path, "## A\n\nWrite [j@kuleuven.be](mailto:j@kuleuven.be).\n")
    assert lecture.sections[0].blocks[0].html == (
        'Write <a href="mailto:j@kuleuven.be">j@kuleuven.be</a>.'
    )
    assert lecture.cited == ()


def test_citation_suppressing_author(tmp_path):
    (para,) = parse_body(tmp_path, "## A\n\nHaslam argues [-@haslam1984].\n").sections[0].blocks
    assert para.text == "Haslam argues (1984)."


def test_email_in_brackets_is_not_a_citation(tmp_path):
    (para,) = parse_body(tmp_path, "## A\n\nQuestions [to j@kuleuven.be].\n").sections[0].blocks
    assert para.text == "Questions [to j@kuleuven.be]."


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("## A\n\nFirst line\nsecond [@nope] line.\n", id="paragraph-line-2"),
        pytest.param("## A\n\n[@nope] opens it.\n", id="paragraph-line-1"),
        pytest.param("## A\n\n- item\n  continued [@nope]\n", id="list-item"),
        pytest.param("## A\n\n> quoted\n> more [@nope]\n", id="block-quote"),
        pytest.param("## A\n\n| h |\n|---|\n| a |\n| [@nope] |\n", id="table-row"),
        pytest.param("## A\n\nx[^1]\n\n[^1]: a\n    b [@nope]\n", id="footnote"),
        pytest.param("## A\n\n*em\nphasis [@nope]*\n", id="inside-emphasis"),
        pytest.param("## Title [@nope]\n", id="section-title"),
        pytest.param("## A\n\n::: slide\n- a\n- b [@nope]\n:::\n", id="slide"),
        pytest.param('## A\n\n::: {.callout title="c"}\np\n\nq\nr [@nope]\n:::\n', id="callout"),
    ],
)
def test_unknown_citation_key_names_its_line(tmp_path, body):
    """Shown as written, as Pandoc does, with a warning naming the line."""
    text = source(body)
    finding = warning(tmp_path, text)
    assert finding.line == line_of(text, "[@nope]")
    assert "citation @nope names no source" in finding.message
    assert "known keys: haslam1984, witte2010, carr1953" in finding.message


def test_citation_without_sources_says_to_add_them(tmp_path):
    finding = warning(tmp_path, TINY + "## A\n\nText [@haslam1984].\n")
    assert finding.line == 6
    assert "add `sources:` or `bibliography:`" in finding.message


# --------------------------------------------------------------------------
# figures
# --------------------------------------------------------------------------
FIGURES = source("""\
    ![Map of *Europe*](figures/map.png "Europe in 1935")

    ## A

    Text.

    ![A wide strip](figures/wide.png)

    ::: slide
    ![On a slide](figures/map.png "Slide caption")
    :::

    ::: notes
    ![In notes](figures/map.png)
    :::

    ::: {.callout title="Aside"}
    ![In a callout](figures/alias.png)
    :::

    - ![In a list](figures/map.png)
    """)


def test_figure_fields(folder, tmp_path):
    first = parse(tmp_path, FIGURES).intro[0]
    assert isinstance(first, Figure)
    assert first.alt == "Map of Europe"
    assert first.caption_text == "Europe in 1935"
    assert first.caption_html == "Europe in 1935"
    assert (first.src, first.url) == ("figures/map.png",
                                 (folder / "figures" / "map.png").resolve().as_uri())
    assert (first.width, first.height) == (40, 30)
    assert (first.number, first.id) == (1, "fig-1")
    assert first.line == line_of(FIGURES, "Map of")


def test_figure_numbers_count_booklet_figures_only(folder, tmp_path):
    lecture = parse(tmp_path, FIGURES)
    assert [(f.alt, f.number, f.id) for f in lecture.figures] == [
        ("Map of Europe", 1, "fig-1"),
        ("A wide strip", 2, "fig-2"),
        ("In a callout", 3, "fig-3"),
        ("In a list", 4, "fig-4"),
    ]
    assert (lecture.figures[1].width, lecture.figures[1].height) == (64, 16)


def test_figures_in_slides_and_notes_are_not_numbered(folder, tmp_path):
    slide = parse(tmp_path, FIGURES).sections[0].slides[0]
    (figure,) = slide.blocks
    assert (figure.alt, figure.caption_text, figure.number) == ("On a slide", "Slide caption", None)
    assert figure.id == f"img-{line_of(FIGURES, 'On a slide')}"
    (in_notes,) = slide.notes
    assert (in_notes.alt, in_notes.number) == ("In notes", None)


def test_symlink_inside_the_folder_is_followed(folder, tmp_path):
    callout = parse(tmp_path, FIGURES).callouts[0]
    assert callout.blocks[0].url == (folder / "figures" / "map.png").resolve().as_uri()


@pytest.mark.parametrize("name", ["kaart.jpg", "kaart.gif", "kaart.webp", "kaart ä.png"])
def test_figure_formats_and_names(tmp_path, name):
    make_image(tmp_path / "lecture" / "figures" / name, (12, 8))
    lecture = parse_body(tmp_path, f"## A\n\n![Kaart](<figures/{name}>)\n")
    (figure,) = lecture.figures
    assert Path(unquote(urlsplit(figure.url).path)).name == name
    assert (figure.width, figure.height) == (12, 8)


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        pytest.param("../outside.png", "leaves the lecture folder; keep it under lecture/",
                     id="dot-dot"),
        pytest.param("figures/../../outside.png", "leaves the lecture folder", id="dot-dot-deep"),
        pytest.param("{outside}", "is an absolute path; use a path relative to the lecture",
                     id="absolute"),
        pytest.param("%2e%2e/outside.png", "leaves the lecture folder", id="percent-encoded"),
        pytest.param("figures/%2E%2E/%2e%2e/outside.png", "leaves the lecture folder",
                     id="percent-encoded-deep"),
        pytest.param("figures/escape.png", "leaves the lecture folder", id="symlink-out"),
        pytest.param("data:image/png;base64,iVBORw0KGgo=",
                     "only paths inside the lecture folder are allowed", id="data-uri"),
        pytest.param("figures/notes.png", "is not an image chapbook can read (PNG, JPEG",
                     id="text-as-png"),
        pytest.param("figures/broken.svg", "is not an SVG drawing chapbook can read; fix it "
                     "or export it as PNG", id="broken-svg"),
        pytest.param("figures/linked.svg", "refers to '../../outside.png'; chapbook only draws "
                     "self-contained SVG", id="svg-linking-out"),
        pytest.param("figures/photo.ppm", "is PPM; use PNG", id="ppm"),
        pytest.param("figures", "is not a regular file", id="directory"),
    ],
)
def test_image_errors(folder, tmp_path, ref, message):
    ref = ref.format(outside=tmp_path / "outside.png")
    text = source(f"## A\n\nSome text.\n\n![A figure]({ref})\n")
    err = error(tmp_path, text)
    assert err.line == line_of(text, "![A figure]")
    assert message in err.message


@pytest.mark.parametrize(("ref", "message"), [
    pytest.param("figures/missing.png", "'figures/missing.png' not found", id="missing"),
    pytest.param("http://example.org/map.png",
                 "is a remote URL; chapbook never downloads: save it into the lecture folder",
                 id="http"),
    pytest.param("https://example.org/map.png", "is a remote URL", id="https"),
    pytest.param("//example.org/map.png", "is a remote URL", id="protocol-relative"),
])
def test_a_picture_that_is_not_there_gets_a_placeholder(folder, tmp_path, ref, message):
    """As Pandoc shows the alt text, the booklet shows a placeholder; nothing is fetched."""
    text = source(f"## A\n\nSome text.\n\n![A figure]({ref})\n")
    lecture = parse(tmp_path, text)
    (finding,) = lecture.findings
    assert finding.line == line_of(text, "![A figure]") and message in finding.message
    (figure,) = lecture.figures
    assert (figure.url, figure.file, figure.alt) == ("", "", "A figure")


def test_svg_figure(tmp_path):
    drawing = tmp_path / "lecture" / "figures" / "drawing.svg"
    drawing.parent.mkdir(parents=True)
    drawing.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80">'
        '<rect width="120" height="80" fill="#a33"/></svg>\n',
        encoding="utf-8",
    )
    (figure,) = parse_body(tmp_path, '## A\n\n![Drawing](figures/drawing.svg "Drawn")\n').figures
    assert (figure.url, figure.width, figure.height) == (drawing.resolve().as_uri(), 120, 80)
    assert (figure.caption_text, figure.number) == ("Drawn", 1)


def test_image_with_too_many_pixels(tmp_path):
    make_image(tmp_path / "lecture" / "figures" / "huge.png", (10_000, 7_000), mode="1")
    text = source("## A\n\n![Huge](figures/huge.png)\n")
    err = error(tmp_path, text)
    assert err.line == line_of(text, "![Huge]")
    assert "is 10000x7000 pixels, more than 60,000,000; scale it down" in err.message


def test_image_inside_running_text_stays_inline(folder, tmp_path):
    (para,) = parse(tmp_path, source("## A\n\nSee ![the map](figures/map.png) here.\n")
                    ).sections[0].blocks
    assert para.kind == "paragraph" and para.text == "See the map here."
    assert '<img class="inline" src="file://' in para.html and 'alt="the map"' in para.html


def test_an_inline_image_is_checked_like_a_figure(folder, tmp_path):
    text = source("## A\n\nFirst line,\nthen ![the map](figures/none.png) inline.\n")
    finding = warning(tmp_path, text)
    assert finding.line == line_of(text, "then ![") and "not found" in finding.message
    text = source("## A\n\nFirst line,\nthen ![the map](../outside.png) inline.\n")
    assert error(tmp_path, text).line == line_of(text, "then ![")


# --------------------------------------------------------------------------
# tables
# --------------------------------------------------------------------------
TABLES = source("""\
    ## A

    Table: Recognition of the *USSR*

    | Country | Recognised | Votes |
    |:--------|:----------:|------:|
    | France  | 1924       | 12    |
    | Belgium | 1935       |       |

    | Plain | Cell |
    |-------|------|
    | a     | **cell term** |

    : Second caption, after the table

    Table: not next to a table, so a paragraph

    ::: slide
    | On | Slide |
    |----|-------|
    | x  | y     |
    :::
    """)


def test_table_cells_and_alignment(tmp_path):
    table = parse(tmp_path, TABLES).tables[0]
    assert [(c.text, c.align) for c in table.header] == [
        ("Country", "left"), ("Recognised", "center"), ("Votes", "right")
    ]
    assert [[c.text for c in row] for row in table.rows] == [
        ["France", "1924", "12"], ["Belgium", "1935", ""]
    ]
    assert [c.align for c in table.rows[0]] == ["left", "center", "right"]
    assert table.line == line_of(TABLES, "| Country")


def test_table_caption_before(tmp_path):
    table = parse(tmp_path, TABLES).tables[0]
    assert table.caption_text == "Recognition of the USSR"
    assert table.caption_html == "Recognition of the <em>USSR</em>"
    assert (table.number, table.id) == (1, "tab-1")


def test_table_caption_after(tmp_path):
    table = parse(tmp_path, TABLES).tables[1]
    assert table.caption_text == "Second caption, after the table"
    assert (table.number, table.id) == (2, "tab-2")
    assert table.rows[0][1].html == '<strong class="term" id="term-1">cell term</strong>'


def test_caption_paragraphs_are_consumed(tmp_path):
    blocks = parse(tmp_path, TABLES).sections[0].blocks
    assert [type(b).__name__ for b in blocks] == ["Table", "Table", "Paragraph"]
    assert blocks[2].text == "Table: not next to a table, so a paragraph"


def test_table_caption_in_intro_and_callout(tmp_path):
    lecture = parse_body(tmp_path, """\
        | Year |
        |------|
        | 1935 |

        Table: In the introduction

        ## A

        ::: {.callout title="Box"}
        Table: In a callout

        | Year |
        |------|
        | 1924 |
        :::
        """)
    assert [(t.caption_text, t.number) for t in lecture.tables] == [
        ("In the introduction", 1), ("In a callout", 2)
    ]
    assert len(lecture.intro) == 1
    assert len(lecture.callouts[0].blocks) == 1


def test_table_with_too_many_rows(tmp_path):
    rows = "".join(f"| {i} |\n" for i in range(MAX_TABLE_ROWS + 1))
    text = source(f"## A\n\nText.\n\n| Row |\n|-----|\n{rows}")
    err = error(tmp_path, text)
    assert err.line == line_of(text, "| Row |")
    assert f"more than {MAX_TABLE_ROWS}; keep long data in data/" in err.message


def test_table_in_slide_is_not_numbered(tmp_path):
    (table,) = parse(tmp_path, TABLES).sections[0].slides[0].blocks
    assert isinstance(table, Table)
    assert table.number is None
    assert table.id == f"table-{line_of(TABLES, '| On')}"
    assert [c.text for c in table.rows[0]] == ["x", "y"]


# --------------------------------------------------------------------------
# quotes, lists, code, rules
# --------------------------------------------------------------------------
BLOCKS = source("""\
    ## A

    > Quoted **term**
    > continues.
    >
    > Second paragraph.

    - one
    - two
      1. nested a
      2. nested b

    3. three
    4. four

    ```python
    x = "a" -- 'b'
    ```

        indented code

    ***
    """)


def test_block_quote(tmp_path):
    quote = parse(tmp_path, BLOCKS).sections[0].blocks[0]
    assert isinstance(quote, Quote)
    assert [b.text for b in quote.blocks] == ["Quoted term continues.", "Second paragraph."]
    assert quote.line == line_of(BLOCKS, "> Quoted")


def test_bullet_list_with_nested_ordered_list(tmp_path):
    bullets = parse(tmp_path, BLOCKS).sections[0].blocks[1]
    assert isinstance(bullets, ListBlock)
    assert (bullets.ordered, bullets.start) == (False, 1)
    one, two = bullets.items
    assert one.text == "one"
    para, nested = two.blocks
    assert para.text == "two"
    assert (nested.ordered, [i.text for i in nested.items]) == (True, ["nested a", "nested b"])


def test_ordered_list_start(tmp_path):
    ordered = parse(tmp_path, BLOCKS).sections[0].blocks[2]
    assert (ordered.ordered, ordered.start) == (True, 3)
    assert [i.text for i in ordered.items] == ["three", "four"]


def test_code_blocks_are_kept_verbatim(tmp_path):
    fenced, indented = parse(tmp_path, BLOCKS).sections[0].blocks[3:5]
    assert isinstance(fenced, Code)
    assert (fenced.language, fenced.text) == ("python", "x = \"a\" -- 'b'")
    assert (indented.language, indented.text) == ("", "indented code")


@pytest.mark.parametrize(("info", "language", "ident"), [
    ("{#lst-x .python}", "python", "lst-x"),
    ("{.r #lst-y}", "r", "lst-y"),
    ("{python}", "python", ""),
    ("{r setup, echo=FALSE}", "r", ""),
    ("{#lst-z}", "", "lst-z"),
])
def test_a_fence_in_attribute_form_gives_its_language_and_id(tmp_path, info, language, ident):
    (code,) = parse_body(tmp_path, f"## A\n\n```{info}\nx = 1\n```\n").sections[0].blocks
    assert (code.language, code.id, code.text) == (language, ident, "x = 1")


def test_a_myst_code_directive_takes_its_name_as_id(tmp_path):
    body = "## A\n\n```{code-block} python\n:name: lst-a\n\nx = 1\n```\n"
    (code,) = parse_body(tmp_path, body).sections[0].blocks
    assert (code.language, code.id, code.text) == ("python", "lst-a", "x = 1")


RAW = """\
## A

```{=latex}
\\vspace{1em}
```

```{=html}
<p>Hello <b>there</b></p>
```

```{=markdown}
Some *read* text.
```

```{=openxml}
<w:p/>
```

Inline `\\pause`{=latex}and `<b>bold</b>`{=html} done.
"""


def test_raw_blocks_are_read_as_pandoc_reads_another_format(tmp_path):
    """TeX left out, HTML its text, Markdown read; never shown as code; each warned."""
    lecture = parse_body(tmp_path, RAW)
    blocks = walk(lecture.sections[0].blocks)
    assert not any(isinstance(b, Code) for b in blocks)
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert texts == ["Hello there", "Some read text.", "Inline and bold done."]
    assert "<em>read</em>" in next(b.html for b in blocks if isinstance(b, Paragraph)
                                   and "read" in b.text)
    at = source(RAW, FRONT)
    warned = [(f.line, f.message.split(" only")[0].split(": chapbook")[0])
              for f in lecture.findings]
    assert warned == [(line_of(at, "{=latex}"), "raw latex block '\\\\vspace{1em}'"),
                      (line_of(at, "{=html}"), "raw HTML '<p>Hello <b>there</b></p>'…"),
                      (line_of(at, "{=openxml}"), "raw openxml block '<w:p/>'"),
                      (line_of(at, "Inline"), "raw latex '\\\\pause'"),
                      (line_of(at, "Inline"), "raw HTML '<b>bold</b>'")]
    assert "pause" not in lecture.sections[0].blocks[-1].html


COLON_FENCES = """\
## A

:::{admonition} A titled aside
Body.
:::

::::{tip} Nested tip
Outer.

:::{note}
Inner note.
:::
::::

:::{glossary} Terms
Recognition
: Accepting.
:::

:::{sidenote}
Side.
:::

:::{math}
:label: eq-one
x = 1
:::
"""


def test_myst_colon_fences_are_the_directives_backtick_fences_are(tmp_path):
    """MyST's colon_fence: `:::{name} argument` reads as ```` ```{name} argument ````;
    nothing of it is printed as `:::` text, and an unknown name keeps its argument."""
    lecture = parse_body(tmp_path, COLON_FENCES)
    aside, tip, glossary, sidenote, maths = lecture.sections[0].blocks
    assert (aside.title, [b.text for b in aside.blocks]) == ("A titled aside", ["Body."])
    assert (tip.title, tip.variant) == ("Nested tip", "tip")
    assert [type(b).__name__ for b in tip.blocks] == ["Paragraph", "Callout"]
    assert (tip.blocks[1].variant, tip.blocks[1].blocks[0].text) == ("note", "Inner note.")
    assert glossary.classes == "glossary" and glossary.blocks[0].text == "Terms"
    assert sidenote.classes == "sidenote"
    assert (maths.kind, maths.id) == ("maths", "eq-one")
    assert not any(":::" in (getattr(b, "text", "") or "") for b in walk(lecture.all_blocks()))
    at = source(COLON_FENCES, FRONT)
    assert [(f.line, f.message.split(": its")[0]) for f in lecture.findings] == [
        (line_of(at, "{glossary}"), "MyST directive {glossary} is not supported"),
        (line_of(at, "{sidenote}"), "`::: {.sidenote}` has no meaning for chapbook"),
    ]


def test_an_unclosed_colon_fence_is_an_error(tmp_path):
    err = error(tmp_path, source("## A\n\n:::{admonition} Open\nText.\n"))
    assert err.line == line_of(source("## A\n\n:::{admonition} Open\n"), "Open")
    assert "never closed" in err.message


def test_inline_code_is_kept_verbatim(tmp_path):
    (para,) = parse_body(tmp_path, '## A\n\nRun `a -- "b" <i>`.\n').sections[0].blocks
    assert para.text == 'Run a -- "b" <i>.'
    assert "<code>a -- &#34;b&#34; &lt;i&gt;</code>" in para.html


def test_thematic_break(tmp_path):
    rule = parse(tmp_path, BLOCKS).sections[0].blocks[-1]
    assert isinstance(rule, Rule)
    assert rule.line == line_of(BLOCKS, "***")


# --------------------------------------------------------------------------
# key terms
# --------------------------------------------------------------------------
TERMS = source("""\
    Intro on the **Soviet Union**.

    ## A

    The **soviet
    union** again; **Zeeland**, **Étatisme** and **année**.

    - a **list term**

    ::: {.callout title="Aside"}
    A **callout term**.
    :::

    ### **Heading bold**

    Footnote[^1].

    [^1]: **footnote bold**
    """)


def test_key_terms_sorted_ignoring_case_and_accents(tmp_path):
    terms = parse(tmp_path, TERMS).key_terms
    assert [t.term for t in terms] == [
        "année", "callout term", "Étatisme", "list term", "Soviet Union", "Zeeland"
    ]


def test_key_terms_grouped_case_insensitively(tmp_path):
    terms = {t.term: t for t in parse(tmp_path, TERMS).key_terms}
    assert terms["Soviet Union"].anchors == ("term-1", "term-2")
    assert terms["Zeeland"].anchors == ("term-3",)


def test_key_term_anchors_are_in_the_html(tmp_path):
    lecture = parse(tmp_path, TERMS)
    html = htmls(lecture)
    anchors = [a for t in lecture.key_terms for a in t.anchors]
    assert len(anchors) == 7
    for anchor in anchors:
        assert f'<strong class="term" id="{anchor}">' in html
    assert '<strong class="term" id="term-1">Soviet Union</strong>' in html


def test_bold_in_headings_and_footnotes_is_not_a_key_term(tmp_path):
    lecture = parse(tmp_path, TERMS)
    assert not {"Heading bold", "footnote bold"} & {t.term for t in lecture.key_terms}
    assert "<strong>footnote bold</strong>" in htmls(lecture)


# --------------------------------------------------------------------------
# typography and safety
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "“Quoted” and ‘single’ – en — em… it’s"),
        ("de", "„Quoted“ and ‚single‘ – en — em… it’s"),
        ("ru", "«Quoted» and „single“ – en — em… it’s"),
        ("fr", "«\u202fQuoted\u202f» and ‹\u202fsingle\u202f› – en — em… it’s"),
        ("nl-BE", "“Quoted” and ‘single’ – en — em… it’s"),
    ],
)
def test_smart_quotes_and_dashes(tmp_path, lang, expected):
    front = f"---\ntitle: T\nlang: {lang}\n---\n"
    body = "## A\n\n\"Quoted\" and 'single' -- en --- em... it's\n"
    assert parse_body(tmp_path, body, front).sections[0].blocks[0].text == expected


def test_raw_html_is_escaped(tmp_path):
    lecture = parse_body(tmp_path, """\
        ## A

        <div class="x">
        <b>block</b>
        </div>

        Inline <b>tag</b> and <script>alert(1)</script> <!-- comment -->.
        """)
    block, inline = lecture.sections[0].blocks
    html = htmls(lecture)
    for tag in ("<div", "<b>", "<script", "<!--"):
        assert tag not in html
    assert "&lt;b&gt;tag&lt;/b&gt;" in inline.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in inline.html
    assert inline.text == "Inline <b>tag</b> and <script>alert(1)</script> ."  # comment dropped
    assert block.text == "block"  # a raw HTML block: its text, not its tags (a warning)
    assert any("raw HTML" in f.message for f in lecture.findings)


def test_only_safe_links_become_links(tmp_path):
    (para,) = parse_body(tmp_path, """\
        ## A

        [site](https://example.org) [rel](other.md) [bad](javascript:alert(1))
        """).sections[0].blocks
    assert para.html.count("<a ") == 1
    assert '<a href="https://example.org">site</a>' in para.html
    assert "href=\"javascript" not in para.html
    assert para.text == "site rel bad"  # the unsafe target is dropped, its text kept


def test_internal_links_to_real_anchors_are_fine(tmp_path):
    lecture = parse(tmp_path, CITED + "\n## S\n\nSee [the next part](#s2).\n\n## U\n\nx\n")
    assert '<a href="#s2">' in lecture.sections[0].blocks[0].html


def test_a_file_url_is_refused(tmp_path):
    err = error(tmp_path, CITED + "\n## S\n\n![A map](file:///etc/hostname)\n")
    assert err.line == 9
    assert "only paths inside the lecture folder" in str(err)


def test_french_spaces_and_thousands_do_not_break(tmp_path):
    front = CITED.replace("title: T\n", "title: T\nlang: fr\n")
    lecture = parse(tmp_path, front + "\n## S\n\nPourquoi ? « Train » ; 50 000 km !\n")
    text = lecture.sections[0].blocks[0].text
    assert "Pourquoi\u202f?" in text and "«\u202fTrain\u202f»\u202f;" in text
    assert "50\u202f000" in text and "km\u202f!" in text


def test_figure_caption_is_escaped(folder, tmp_path):
    (figure,) = parse_body(
        tmp_path, '## A\n\n![x](figures/map.png "A <b> & B")\n'
    ).figures
    assert figure.caption_text == "A <b> & B"
    assert figure.caption_html == "A &lt;b&gt; &amp; B"


# --------------------------------------------------------------------------
# body errors
# --------------------------------------------------------------------------
BODY_ERRORS = [
    pytest.param("## A\n\ntext\n\n::: slide\n- x\n", "::: slide",
                 "never closed; add a `:::` line after it", id="unclosed-slide"),
    pytest.param('## A\n\n::: {.callout title="c"}\nx\n', "::: {.callout",
                 "never closed; add a `:::` line after it", id="unclosed-callout"),
    pytest.param("## A\n\n::: notes\nx\n", "::: notes", "never closed", id="unclosed-notes"),
]


@pytest.mark.parametrize(("body", "needle", "message"), BODY_ERRORS)
def test_body_errors(tmp_path, body, needle, message):
    text = source(body)
    err = error(tmp_path, text)
    assert err.line == line_of(text, needle)
    assert message in err.message


BODY_WARNINGS = [
    pytest.param("## A\n\n::: {.sidebar}\nx\n:::\n", "::: {.sidebar}",
                 "`::: {.sidebar}` has no meaning for chapbook", id="unknown-div"),
    pytest.param("## A\n\n::: callout\n::: {.mystery}\nx\n:::\n:::\n", "{.mystery}",
                 "`::: {.mystery}` has no meaning", id="unknown-nested-div"),
    pytest.param("## A\n\n::: callout\n::: slide\nx\n:::\n:::\n", "::: slide",
                 "belongs at the top level of a section", id="slide-in-callout"),
]


@pytest.mark.parametrize(("body", "needle", "message"), BODY_WARNINGS)
def test_body_warnings(tmp_path, body, needle, message):
    """What Pandoc accepts builds, with its content, and a warning naming the line."""
    text = source(body)
    finding = warning(tmp_path, text)
    assert finding.line == line_of(text, needle)
    assert message in finding.message


@pytest.mark.parametrize(("body", "line", "words"), [
    ("\n## S\n\nClearly.[^nosuch]\n", 9, "[^nosuch] is never defined"),
    ("\n## S\n\nSee [there](#nowhere).\n", 9, "#nowhere goes nowhere"),
    ('\n## S\n\n::: {.slide layout="bogus"}\n- x\n:::\n', 9, "unknown slide layout 'bogus'"),
])
def test_mistakes_pandoc_passes_silently_are_reported(tmp_path, body, line, words):
    """They build (as Pandoc would), with a path:line warning that `check --strict` fails."""
    finding = warning(tmp_path, CITED + body)
    assert finding.line == line
    assert words in finding.message


def test_two_notes_blocks_for_one_slide_are_joined(tmp_path):
    (slide,) = parse_body(tmp_path, "## A\n\n::: slide\nx\n:::\n\n::: notes\na\n:::\n\n"
                          "::: {.notes}\nb\n:::\n").sections[0].slides
    assert [b.text for b in slide.notes] == ["a", "b"]


def test_notes_inside_a_slide_block_are_its_notes(tmp_path):
    (slide,) = parse_body(tmp_path, "## A\n\n::: slide\n- x\n\n::: notes\nSay it.\n:::\n:::\n"
                          ).sections[0].slides
    assert [b.text for b in slide.notes] == ["Say it."]
    assert [b.kind for b in slide.blocks] == ["list"]


def test_hash_headings_make_sections_when_they_are_not_the_title(tmp_path):
    lecture = parse_body(tmp_path, "Intro.\n\n# Big title\n\n## A\n\nText.\n\n# Next\n")
    assert [s.title for s in lecture.sections] == ["Big title", "Next"]
    (head, _) = lecture.sections[0].blocks
    assert (head.kind, head.text, head.level) == ("heading", "A", 3)


def test_a_hash_heading_repeating_the_title_is_the_title(tmp_path):
    lecture = parse(tmp_path, "---\ntitle: The Talk\n---\n\n# The talk\n\n## A\n\nx\n")
    assert [s.title for s in lecture.sections] == ["A"] and not lecture.intro


def test_a_lecture_without_headings_is_one_section(tmp_path):
    lecture = parse(tmp_path, "---\ntitle: Notes\n---\n\nOnly text.\n\nMore text.\n")
    (section,) = lecture.sections
    assert section.title == "Notes" and len(section.blocks) == 2


def test_no_section_in_empty_body_names_a_line(tmp_path):
    assert error(tmp_path, TINY).line is not None


# --------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------
def test_walk_reaches_nested_blocks(tmp_path):
    lecture = parse(tmp_path, BLOCKS)
    kinds = [b.kind for b in walk(lecture.sections[0].blocks)]
    assert kinds.count("paragraph") == 2 + 2 + 2 + 2
    assert kinds.count("list") == 3


def test_pandoc_crossref_ids_with_colons_are_whole_ids(tmp_path):
    """`{#sec:data}`, `{#fig:map}` and `@fig:map` (pandoc-crossref's spelling) work as
    Quarto's `{#fig-map}` and `@fig-map` do: one id each, a numbered reference."""
    folder = write_lecture(tmp_path, """\
        ---
        title: Colons
        ---

        ## Data {#sec:data}

        See @fig:map, @tbl:numbers and [the data](#sec:data).

        ![A map](map.png){#fig:map}

        | a | b |
        |---|---|
        | 1 | 2 |

        : Numbers {#tbl:numbers}
        """)
    make_image(folder / "map.png")
    lecture = parse_lecture(folder)
    assert [f.message for f in lecture.findings] == []
    assert lecture.sections[0].anchors[0] == "sec:data"
    html = render_booklet_html(lecture)
    assert '<a class="crossref" href="#fig:map">Figure 1</a>' in html
    assert '<a class="crossref" href="#tbl:numbers">Table 1</a>' in html
    assert '<a href="#sec:data">the data</a>' in html
    assert 'id="fig:map"' in html and 'id="sec"' not in html


def test_only_a_table_whose_words_cannot_stand_side_by_side_breaks_inside_them(tmp_path):
    plain, wide, captioned = parse_body(tmp_path, """\
        ## A

        | Country | Recognised | Note |
        |---|---|---|
        | Belgium | 1935 | after a long debate in the cabinet |

        | Company | Captain |
        |---|---|
        | Donaudampfschifffahrtsgesellschaft | Donaudampfschifffahrtskapitän |

        Table: Checksum e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495 (sha256)

        | A | B |
        |---|---|
        | a | b |
        """).tables
    assert (plain.breaks_words, wide.breaks_words, captioned.breaks_words) == (
        False, True, True)
