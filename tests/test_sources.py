"""Sources: one CSL model of a reference, its names, and how the style lists it.

The front matter's short format (author, title, year, publisher...) becomes CSL-JSON
(`source_from_fields`); the bundled Chicago author-date style formats it through
citeproc-py, in the lecture's language. Where the hand-written format chapbook had
before differs from what CSL renders, the test says so.
"""

from __future__ import annotations

import lxml.html
import pytest
from lectures import write_lecture
from markupsafe import Markup

from chapbook.booklet import render_booklet_html
from chapbook.model.sources import author_surnames, parse_name, source_from_fields, split_authors
from chapbook.plan.reader import read_plan
from chapbook.plan.render import render_plan_html
from chapbook.read.csl import Cite, CiteProc
from chapbook.read.parse import parse_lecture
from chapbook.text.labels import labels_for, languages
from chapbook.text.ordering import sort_key


def source(**fields):
    return source_from_fields(key=fields.pop("key", "k"), title=fields.pop("title", "Title"),
                              **fields)


def entry(lang: str = "en", **fields) -> Markup:
    """The source's entry in the list of sources, as the bundled style formats it."""
    one = source(**fields)
    (listed,) = CiteProc([one], lang).references([one.key])
    return listed.html


def label(lang: str = "en", **fields) -> str:
    """The source's parenthetical citation as plain text."""
    one = source(**fields)
    return CiteProc([one], lang).cite([Cite(one.key)]).striptags()


def text_of(html: Markup) -> str:
    return lxml.html.fragment_fromstring(str(html), create_parent="p").text_content()


# -- 1. no double periods ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("author", "start"),
    [
        ("Michael D. Gordin", "Gordin, Michael D. 2004. "),
        ("Д. И. Менделеев", "Менделеев, Д. И. 2004. "),
        ("Jonathan Haslam", "Haslam, Jonathan. 2004. "),
    ],
)
def test_no_period_after_an_initial(author, start):
    assert text_of(entry(author=author, year=2004)).startswith(start)


def test_book_reference_in_full():
    # Chicago's CSL style prints no `note` for a book (the hand-written one did).
    gordin = entry(author="Michael D. Gordin", year=2004, title="A Well-Ordered Thing",
                   place="New York", publisher="Basic Books", note="Revised edition")
    assert gordin == Markup(
        "Gordin, Michael D. 2004. <i>A Well-Ordered Thing</i>. New York: Basic Books.")


@pytest.mark.parametrize(
    ("title", "html"),
    [
        ("Is history a colon?", "<i>Is history a colon?</i> Oxford."),
        ("Stop!", "<i>Stop!</i> Oxford."),
        ("Et cetera etc.", "<i>Et cetera etc.</i> Oxford."),
        ("The Title", "<i>The Title</i>. Oxford."),
        ("He said “No!”", "<i>He said “No!”</i> Oxford."),
    ],
)
def test_no_period_after_a_title_that_ends_a_sentence(title, html):
    assert entry(author="Jane Doe", year=2001, title=title, publisher="Oxford") == Markup(
        f"Doe, Jane. 2001. {html}")


def test_article_title_and_container():
    assert entry(author="Jane Doe", year=2001, title="Why?", container="Past & Present",
                 type="article") == Markup("Doe, Jane. 2001. “Why?” <i>Past &amp; Present</i>.")
    assert entry(author="Jane Doe", year=2001, title="A Note", container="Isis Inc.") == Markup(
        "Doe, Jane. 2001. “A Note.” <i>Isis Inc.</i>")


def test_no_double_period_in_german_quotes():
    assert entry("de", author="Jane Doe", year=2001, title="Why?", container="Isis",
                 type="article") == Markup("Doe, Jane. 2001. „Why?“ <i>Isis</i>.")


@pytest.mark.parametrize(
    ("fields", "tail"),
    [
        ({"place": "London", "publisher": "Dent & Sons Ltd."}, "London: Dent &amp; Sons Ltd."),
        ({"place": "London"}, "London."),
        ({"publisher": "Dent"}, "Dent."),
    ],
)
def test_no_double_period_after_publisher(fields, tail):
    html = entry(author="Jane Doe", year=2001, **fields)
    assert html == Markup(f"Doe, Jane. 2001. <i>Title</i>. {tail}")
    assert ".." not in text_of(html)


def test_url_at_the_end_and_only_web_links():
    web = entry(author="Jane Doe", year=2001, url="https://example.org/a?b=1&c=2")
    assert web.endswith('<i>Title</i>. <a href="https://example.org/a?b=1&amp;c=2">'
                        "https://example.org/a?b=1&amp;c=2</a>.")
    script = entry(author="Jane Doe", url="javascript:alert(1)")
    assert "<a" not in script and "javascript:alert(1)" in text_of(script)


def test_reference_is_escaped():
    html = entry(author="{<b>Org</b>}", year=2001, title="<script>x</script>")
    assert isinstance(html, Markup)
    assert "<script>" not in html and "<b>" not in html
    assert text_of(html) == "<b>Org</b>. 2001. <script>x</script>."


def test_only_the_styles_formatting_is_kept():
    html = entry(author="Jane Doe", year=2001, title='<i onclick="x">T</i> & <sup>2</sup>')
    assert "<i>" in html and "onclick" not in html.replace("onclick=&#34;", "")
    assert text_of(html) == 'Doe, Jane. 2001. <i onclick="x">T</i> & <sup>2</sup>.'


def test_no_author_puts_the_title_first_and_only_there():
    # citeproc-py would print the title again after the year; chapbook drops the repeat.
    assert entry(title="Annual Report", year=1935) == Markup("<i>Annual Report</i>. 1935.")
    assert entry(title="Why?", container="Isis", type="article", year=1935) == Markup(
        "“Why?” 1935. <i>Isis</i>.")
    assert label(title="Annual Report") == "(Annual Report, n.d.)"


# -- 2. institutional authors -------------------------------------------------------------


def test_braced_author_is_one_literal_name():
    who = source(author="{World Health Organization}", year=2020, title="World Report")
    assert who.csl["author"] == [{"literal": "World Health Organization"}]
    assert label(author="{World Health Organization}", year=2020) == (
        "(World Health Organization 2020)")
    assert entry(author="{World Health Organization}", year=2020, title="World Report") == (
        Markup("World Health Organization. 2020. <i>World Report</i>."))


def test_braces_protect_and_and_commas():
    assert split_authors("{Food and Agriculture Organization}") == [
        "{Food and Agriculture Organization}"]
    assert author_surnames("{Smith, Jones, and Partners}; Jane Doe") == [
        "Smith, Jones, and Partners", "Doe"]
    fields = {"author": "{Food and Agriculture Organization}; Jane Doe", "year": 2001}
    assert label(**fields) == "(Food and Agriculture Organization and Doe 2001)"
    # CSL's Chicago puts a comma before "and" after the first (inverted) name, always.
    assert text_of(entry(**fields)).startswith(
        "Food and Agriculture Organization, and Jane Doe. 2001.")


def test_braced_word_inside_a_name():
    assert parse_name("Paul {Van Zeeland}").surname == "Van Zeeland"
    assert source(author="Paul {Van Zeeland}").csl["author"] == [
        {"family": "Van Zeeland", "given": "Paul"}]
    assert text_of(entry(author="Paul {Van Zeeland}")).startswith("Van Zeeland, Paul.")


def test_particles_are_csl_particles():
    assert parse_name("Paul van Zeeland").csl == {
        "family": "Zeeland", "given": "Paul", "non-dropping-particle": "van"}
    assert parse_name("van der Waals, Johannes").csl == {
        "family": "Waals", "given": "Johannes", "non-dropping-particle": "van der"}
    # In the text the particle stays; the list of sources sorts under the surname.
    assert label(author="Paul van Zeeland", year=1935) == "(van Zeeland 1935)"
    assert text_of(entry(author="Paul van Zeeland", year=1935)).startswith(
        "Zeeland, Paul van. 1935.")


def test_braced_author_through_the_front_matter(tmp_path):
    lecture = parse_lecture(write_lecture(tmp_path, """\
        ---
        title: T
        sources:
          - key: who
            author: "{World Health Organization}"
            title: World Report
            year: 2020
          - key: fao
            author: ["{Food and Agriculture Organization}", Jane Doe]
            title: Food
            year: 2021
        ---
        ## A

        [@who] [@fao]
        """))
    who, fao = lecture.meta.sources
    assert who.authors == ("World Health Organization",)
    assert fao.authors == ("Food and Agriculture Organization", "Jane Doe")
    assert lecture.sections[0].blocks[0].text == (
        "(World Health Organization 2020) (Food and Agriculture Organization and Doe 2021)")


# -- 3. name suffixes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "author",
    ["Martin Luther King Jr.", "Martin Luther King, Jr.", "King, Martin Luther, Jr.",
     "Martin Luther King Jr"],
)
def test_suffix_stays_with_its_name(author):
    assert label(author=author, year=1964, title="Why We Can’t Wait") == "(King 1964)"
    text = text_of(entry(author=author, year=1964, title="Why We Can’t Wait"))
    assert text.startswith("King, Martin Luther, Jr")
    assert ".." not in text


@pytest.mark.parametrize("suffix", ["Sr.", "II", "III", "IV"])
def test_other_suffixes(suffix):
    assert label(author=f"John Smith {suffix}", year=1900) == "(Smith 1900)"
    assert parse_name(f"John Smith, {suffix}").csl == {
        "family": "Smith", "given": "John", "suffix": suffix}


def test_suffix_in_a_list_of_authors():
    both = {"author": "Martin Luther King, Jr. and Coretta Scott King", "year": 1968}
    assert label(**both) == "(King and King 1968)"
    assert text_of(entry(**both)).startswith("King, Martin Luther, Jr., and Coretta Scott King.")
    later = {"author": "Coretta Scott King; Martin Luther King Jr.", "year": 1968}
    assert text_of(entry(**later)).startswith("King, Coretta Scott, and Martin Luther King Jr.")


def test_surname_first_with_a_multiword_given_name():
    assert split_authors("King, Martin Luther") == ["King, Martin Luther"]
    assert split_authors("van Zeeland, Paul") == ["van Zeeland, Paul"]
    assert split_authors("Jonathan Haslam, Els Witte") == ["Jonathan Haslam", "Els Witte"]


# -- 4. the lecture's language ------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "two", "three", "undated"),
    [
        ("en", "(Ventris and Chadwick 1956)", "(B et al. 1956)", "(Mous, n.d.)"),
        ("nl", "(Ventris en Chadwick 1956)", "(B e.a. 1956)", "(Mous, z.d.)"),
        ("nl-BE", "(Ventris en Chadwick 1956)", "(B e.a. 1956)", "(Mous, z.d.)"),
        ("fr", "(Ventris et Chadwick 1956)", "(B et al. 1956)", "(Mous, s. d.)"),
        ("de", "(Ventris und Chadwick 1956)", "(B u. a. 1956)", "(Mous, o. J.)"),
        ("de-AT", "(Ventris und Chadwick 1956)", "(B u. a. 1956)", "(Mous, o. J.)"),
    ],
)
def test_citation_in_the_lectures_language(lang, two, three, undated):
    # The words are the CSL locale's; Chicago's style adds a comma before "n.d.".
    assert label(lang, author="Michael Ventris; John Chadwick", year=1956) == two
    assert label(lang, author="A B; C D; E F", year=1956) == three
    assert label(lang, author="Maarten Mous") == undated


@pytest.mark.parametrize(
    ("lang", "reference"),
    [
        ("en", "Witte, Els, Jan Craeybeckx, and Alain Meynen. 2009."),
        # CSL's Chicago keeps its comma before the last name in every language.
        ("nl", "Witte, Els, Jan Craeybeckx, en Alain Meynen. 2009."),
        ("fr", "Witte, Els, Jan Craeybeckx, et Alain Meynen. 2009."),
        ("de", "Witte, Els, Jan Craeybeckx, und Alain Meynen. 2009."),
    ],
)
def test_reference_authors_in_the_lectures_language(lang, reference):
    assert text_of(entry(lang, author="Els Witte, Jan Craeybeckx and Alain Meynen",
                         year=2009)).startswith(reference)


def test_undated_reference_in_german():
    assert entry("de", author="Maarten Mous", title="Grammatik") == Markup(
        "Mous, Maarten. o.\u00a0J. <i>Grammatik</i>.")  # the locale's no-break space


# -- 5. natural sort ----------------------------------------------------------------------
def test_sort_key_orders_numbers_by_value():
    terms = ["term 10", "Term 2", "term 1", "term 02b", "Éclair", "eclair 3", "apple", "zebra"]
    assert sorted(terms, key=sort_key) == [
        "apple", "Éclair", "eclair 3", "term 1", "Term 2", "term 02b", "term 10", "zebra"]


def test_sort_key_still_ignores_case_and_accents():
    assert sort_key("Émile") == sort_key("emile")
    assert sort_key("ÉCOLE 7") == sort_key("ecole 7")
    assert sort_key("1935") < sort_key("19350")
    assert sort_key("Mendeleev ٣") == sort_key("Mendeleev 3")


def test_key_terms_in_natural_order(tmp_path):
    lecture = parse_lecture(write_lecture(tmp_path, """\
        ---
        title: T
        ---
        ## A

        **Article 10** and **article 2** and **Écu** and **euro**.
        """))
    assert [t.term for t in lecture.key_terms] == ["article 2", "Article 10", "Écu", "euro"]


def test_sources_sort_by_surname_then_year():
    sources = [source(key="b", author="Zed Z", year=2001),
               source(key="c", author="Ann Abel", year=2010),
               source(key="d", title="Annual Report", year=1935),
               source(key="e", author="Ann Abel", year=2002)]
    listed = CiteProc(sources, "en").references(["b", "c", "d", "e"])
    # citeproc-py sorts an entry without author ahead of the others (CSL would sort it
    # by its title, under A; the hand-written order did).
    assert [s.key for s in listed if s.key != "d"] == ["e", "c", "b"]


# -- 6. typographic apostrophes -----------------------------------------------------------


def test_labels_use_typographic_quotes():
    assert labels_for("nl")["kicker"] == "Collegenota’s"
    for lang in languages():
        for key, value in labels_for(lang).items():
            assert "'" not in value and '"' not in value, (lang, key, value)


# -- the templates ------------------------------------------------------------------------


LECTURE = """\
---
title: Linear B
lang: de
sources:
  - key: ventris
    author: [Michael Ventris, John Chadwick]
    title: Evidence for Greek Dialect in the Mycenaean Archives
    container: Journal of Hellenic Studies
    year: 1953
  - key: gordin
    author: Michael D. Gordin
    title: A Well-Ordered Thing
    place: New York
    publisher: Basic Books
    year: 2004
  - key: mous
    author: Maarten Mous
    title: Is this a grammar?
  - key: who
    author: "{World Health Organization}"
    title: World Report
    year: 2020
---
## A

Text [@ventris; @gordin; @mous; @who].
"""
ENTRIES = [
    "Gordin, Michael D. 2004. A Well-Ordered Thing. New York: Basic Books.",
    "Mous, Maarten. o. J. Is this a grammar?",
    # German quotation marks from the CSL locale; the comma before "und" is the style's.
    "Ventris, Michael, und John Chadwick. 1953. „Evidence for Greek Dialect in the "
    "Mycenaean Archives“. Journal of Hellenic Studies.",
    "World Health Organization. 2020. World Report.",
]


def test_booklet_bibliography(tmp_path):
    lecture = parse_lecture(write_lecture(tmp_path, LECTURE))
    root = lxml.html.fromstring(render_booklet_html(lecture))
    entries = root.xpath('//ul[@class="bibliography"]/li')
    assert [li.get("id") for li in entries] == ["ref-gordin", "ref-mous", "ref-ventris",
                                                "ref-who"]
    assert [" ".join(li.text_content().split()) for li in entries] == ENTRIES
    assert entries[0].xpath(".//i")[0].text == "A Well-Ordered Thing"
    citation = root.xpath('//span[@class="citation"]')[0]
    assert [a.get("href") for a in citation.xpath(".//a")] == [
        "#ref-ventris", "#ref-gordin", "#ref-mous", "#ref-who"]


def test_deck_further_reading(tmp_path):
    lecture = parse_lecture(write_lecture(tmp_path, LECTURE))
    plan = read_plan(render_plan_html(lecture))
    (slide,) = [s for s in plan.slides if s.title == "Weiterführende Literatur"]
    paras = slide.content[0].paras
    # The slide lists the same formatted entries as the booklet.
    assert [p.text.replace("\u00a0", " ") for p in paras] == ENTRIES
    assert [r.text for r in paras[0].runs if r.italic] == ["A Well-Ordered Thing"]
