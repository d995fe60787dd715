"""Sources: citation labels, bibliography entries and their order (chapbook.model.document.Source).

Chicago author-date: `(Gordin 2004)` in the text, `Gordin, Michael D. 2004. *Title*.
Place: Publisher.` in the booklet, in the lecture's language ("and", "no date").
"""

from __future__ import annotations

import lxml.html
import pytest
from lectures import write_lecture
from markupsafe import Markup

from chapbook.booklet import render_booklet_html
from chapbook.model.sources import Source, author_surnames, parse_name, split_authors
from chapbook.plan.reader import read_plan
from chapbook.plan.render import render_plan_html
from chapbook.read.parse import parse_lecture
from chapbook.text.labels import LABELS
from chapbook.text.ordering import sort_key


def source(**fields) -> Source:
    return Source(key=fields.pop("key", "k"), title=fields.pop("title", "Title"), **fields)


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
    assert text_of(source(author=author, year=2004).reference_html("en")).startswith(start)


def test_book_reference_in_full():
    gordin = source(author="Michael D. Gordin", year=2004, title="A Well-Ordered Thing",
                    place="New York", publisher="Basic Books", note="Revised edition")
    assert gordin.reference_html("en") == Markup(
        "Gordin, Michael D. 2004. <i>A Well-Ordered Thing</i>. New York: Basic Books. "
        "Revised edition.")


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
    entry = source(author="Jane Doe", year=2001, title=title, publisher="Oxford")
    assert entry.reference_html("en") == Markup(f"Doe, Jane. 2001. {html}")


def test_article_title_and_container():
    article = source(author="Jane Doe", year=2001, title="Why?", container="Past & Present",
                     type="article")
    assert article.reference_html("en") == Markup(
        "Doe, Jane. 2001. “Why?” <i>Past &amp; Present</i>.")
    plain = source(author="Jane Doe", year=2001, title="A Note", container="Isis Inc.")
    assert plain.reference_html("en") == Markup(
        "Doe, Jane. 2001. “A Note.” <i>Isis Inc.</i>")


@pytest.mark.parametrize(
    ("fields", "tail"),
    [
        ({"place": "London", "publisher": "Dent & Sons Ltd."}, "London: Dent &amp; Sons Ltd."),
        ({"place": "London"}, "London."),
        ({"publisher": "Dent"}, "Dent."),
        ({"note": "In Dutch."}, "In Dutch."),
        ({"note": "Is it?"}, "Is it?"),
        ({"note": "Reprint"}, "Reprint."),
    ],
)
def test_no_double_period_after_publisher_or_note(fields, tail):
    html = source(author="Jane Doe", year=2001, **fields).reference_html("en")
    assert html == Markup(f"Doe, Jane. 2001. <i>Title</i>. {tail}")
    assert ".." not in text_of(html)


def test_url_at_the_end_and_only_web_links():
    web = source(author="Jane Doe", year=2001, url="https://example.org/a?b=1&c=2")
    assert web.reference_html("en").endswith(
        '<i>Title</i>. <a href="https://example.org/a?b=1&amp;c=2">'
        "https://example.org/a?b=1&amp;c=2</a>")
    script = source(author="Jane Doe", url="javascript:alert(1)")
    assert "<a" not in script.reference_html("en")


def test_reference_is_escaped():
    entry = source(author="{<b>Org</b>}", year=2001, title="<script>x</script>")
    html = entry.reference_html("en")
    assert isinstance(html, Markup)
    assert "<script>" not in html and "<b>" not in html
    assert text_of(html) == "<b>Org</b>. 2001. <script>x</script>."


def test_no_author_puts_the_title_first():
    assert source(title="Annual Report", year=1935).reference_html("en") == Markup(
        "<i>Annual Report</i>. 1935.")
    assert source(title="Annual Report").label == "Annual Report n.d."


# -- 2. institutional authors -------------------------------------------------------------


def test_braced_author_is_one_literal_name():
    who = source(author="{World Health Organization}", year=2020, title="World Report")
    assert who.label == "World Health Organization 2020"
    assert who.reference_author == "World Health Organization"
    assert who.reference_html("en") == Markup(
        "World Health Organization. 2020. <i>World Report</i>.")


def test_braces_protect_and_and_commas():
    assert split_authors("{Food and Agriculture Organization}") == [
        "{Food and Agriculture Organization}"]
    assert author_surnames("{Smith, Jones, and Partners}; Jane Doe") == [
        "Smith, Jones, and Partners", "Doe"]
    two = source(author="{Food and Agriculture Organization}; Jane Doe", year=2001)
    assert two.label == "Food and Agriculture Organization and Doe 2001"
    assert two.reference_author == "Food and Agriculture Organization and Jane Doe"


def test_braced_word_inside_a_name():
    assert parse_name("Paul {Van Zeeland}").surname == "Van Zeeland"
    assert source(author="Paul {Van Zeeland}").reference_author == "Van Zeeland, Paul"


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
        """))
    who, fao = lecture.meta.sources
    assert who.label == "World Health Organization 2020"
    assert fao.label == "Food and Agriculture Organization and Doe 2021"


# -- 3. name suffixes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "author",
    ["Martin Luther King Jr.", "Martin Luther King, Jr.", "King, Martin Luther, Jr.",
     "Martin Luther King Jr"],
)
def test_suffix_stays_with_its_name(author):
    king = source(author=author, year=1964, title="Why We Can’t Wait")
    assert king.label == "King 1964"
    assert king.reference_author.startswith("King, Martin Luther, Jr")
    assert text_of(king.reference_html("en")).startswith("King, Martin Luther, Jr")
    assert ".." not in text_of(king.reference_html("en"))


@pytest.mark.parametrize("suffix", ["Sr.", "II", "III", "IV"])
def test_other_suffixes(suffix):
    assert source(author=f"John Smith {suffix}", year=1900).label == "Smith 1900"
    assert source(author=f"John Smith, {suffix}").reference_author == f"Smith, John, {suffix}"


def test_suffix_in_a_list_of_authors():
    both = source(author="Martin Luther King, Jr. and Coretta Scott King", year=1968)
    assert both.label == "King and King 1968"
    assert both.reference_author == "King, Martin Luther, Jr., and Coretta Scott King"
    later = source(author="Coretta Scott King; Martin Luther King Jr.", year=1968)
    assert later.reference_author == "King, Coretta Scott, and Martin Luther King Jr."


def test_surname_first_with_a_multiword_given_name():
    assert split_authors("King, Martin Luther") == ["King, Martin Luther"]
    assert split_authors("van Zeeland, Paul") == ["van Zeeland, Paul"]
    assert split_authors("Jonathan Haslam, Els Witte") == ["Jonathan Haslam", "Els Witte"]


# -- 4. the lecture's language ------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "two", "undated"),
    [
        ("en", "Ventris and Chadwick 1956", "Mous n.d."),
        ("nl", "Ventris en Chadwick 1956", "Mous z.d."),
        ("nl-BE", "Ventris en Chadwick 1956", "Mous z.d."),
        ("fr", "Ventris et Chadwick 1956", "Mous s.d."),
        ("de", "Ventris und Chadwick 1956", "Mous o. J."),
        ("xx", "Ventris and Chadwick 1956", "Mous n.d."),
    ],
)
def test_label_in_the_lectures_language(lang, two, undated):
    assert source(author="Michael Ventris; John Chadwick", year=1956).label_in(lang) == two
    assert source(author="A B; C D; E F", year=1956).label_in(lang) == "B et al. 1956"
    assert source(author="Maarten Mous").label_in(lang) == undated


def test_english_defaults():
    mous = source(author="Maarten Mous")
    assert mous.label == "Mous n.d." == mous.label_in("en")
    assert mous.year_text == "n.d."
    assert source(author="Maarten Mous", year=2003).year_text == "2003"
    assert source(author="Maarten Mous", year=2003).year_text_in("de") == "2003"
    assert mous.year_text_in("de") == "o. J."


@pytest.mark.parametrize(
    ("lang", "reference"),
    [
        ("en", "Witte, Els, Jan Craeybeckx, and Alain Meynen"),
        ("nl", "Witte, Els, Jan Craeybeckx en Alain Meynen"),
        ("fr", "Witte, Els, Jan Craeybeckx et Alain Meynen"),
        ("de", "Witte, Els, Jan Craeybeckx und Alain Meynen"),
    ],
)
def test_reference_authors_in_the_lectures_language(lang, reference):
    witte = source(author="Els Witte, Jan Craeybeckx and Alain Meynen")
    assert witte.reference_author_in(lang) == reference


def test_two_authors_serial_comma_only_after_an_inverted_name():
    assert source(author="Els Witte and Jan Craeybeckx").reference_author == (
        "Witte, Els, and Jan Craeybeckx")
    assert source(author="Plato; Aristotle").reference_author == "Plato and Aristotle"
    assert source(author="Els Witte and Jan Craeybeckx").reference_author_in("de") == (
        "Witte, Els und Jan Craeybeckx")


def test_undated_reference_in_german():
    mous = source(author="Maarten Mous", title="Grammatik")
    assert mous.reference_html("de") == Markup("Mous, Maarten. o. J. <i>Grammatik</i>.")


def test_every_language_has_the_citation_labels():
    for lang, labels in LABELS.items():
        for key in ("and", "et_al", "no_date", "serial_comma"):
            assert key in labels, (lang, key)


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
    assert [s.key for s in sorted(sources, key=lambda s: s.sort_key)] == ["e", "c", "d", "b"]


# -- 6. typographic apostrophes -----------------------------------------------------------


def test_labels_use_typographic_quotes():
    assert LABELS["nl"]["kicker"] == "Collegenota’s"
    for lang, labels in LABELS.items():
        for key, value in labels.items():
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


def test_booklet_bibliography(tmp_path):
    lecture = parse_lecture(write_lecture(tmp_path, LECTURE))
    root = lxml.html.fromstring(render_booklet_html(lecture))
    entries = root.xpath('//ul[@class="bibliography"]/li')
    assert [li.get("id") for li in entries] == ["ref-gordin", "ref-mous", "ref-ventris",
                                                "ref-who"]
    texts = [" ".join(li.text_content().split()) for li in entries]
    assert texts == [
        "Gordin, Michael D. 2004. A Well-Ordered Thing. New York: Basic Books.",
        "Mous, Maarten. o. J. Is this a grammar?",
        "Ventris, Michael und John Chadwick. 1953. “Evidence for Greek Dialect in the "
        "Mycenaean Archives.” Journal of Hellenic Studies.",
        "World Health Organization. 2020. World Report.",
    ]
    assert entries[0].xpath(".//i")[0].text == "A Well-Ordered Thing"


def test_deck_further_reading(tmp_path):
    lecture = parse_lecture(write_lecture(tmp_path, LECTURE))
    plan = read_plan(render_plan_html(lecture))
    (slide,) = [s for s in plan.slides if s.title == "Weiterführende Literatur"]
    paras = slide.content[0].paras
    assert [p.text for p in paras] == [
        "Gordin, Michael D., A Well-Ordered Thing (Basic Books, 2004)",
        "Mous, Maarten, Is this a grammar? (o. J.)",
        "Ventris, Michael und John Chadwick, “Evidence for Greek Dialect in the Mycenaean "
        "Archives,” Journal of Hellenic Studies (1953)",
        "World Health Organization, World Report (2020)",
    ]
    assert [r.text for r in paras[0].runs if r.italic] == ["A Well-Ordered Thing"]
