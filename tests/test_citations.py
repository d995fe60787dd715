"""Citations as Pandoc and Quarto write them, formatted by a CSL processor.

`bibliography:` files (BibTeX, CSL-JSON, CSL-YAML) and the front matter's `sources:`
make one set of references; citations in the text and the list of sources are what the
CSL style (the bundled Chicago author-date, or the lecture's `csl:`) makes of them, in
the lecture's language. Whatever is missing or broken is a warning, never a failure.
"""

from __future__ import annotations

import json
import shutil
import textwrap
import time
from pathlib import Path

import lxml.html
import pytest
from conftest import ROOT, SAMPLE
from lectures import line_of, write_lecture
from pdftools import page_texts, squash

from chapbook.booklet import render_booklet_html
from chapbook.build import build
from chapbook.read.parse import parse_lecture

BIBTEX = r"""
@book{haslam1984,
  author    = {Haslam, Jonathan},
  title     = {The {Soviet} Union and the Struggle for Collective Security in Europe, 1933--39},
  publisher = {Macmillan},
  address   = {London},
  year      = 1984
}

@article{carr1953,
  author  = {Carr, E. H. and {Royal Institute of International Affairs}},
  title   = {The Bolshevik Revolution},
  journal = {Soviet Studies \& Reviews},
  volume  = {3},
  pages   = {12--40},
  year    = {1953},
  url     = {https://example.org/carr?a=1&b=2}
}

@book{uncited2001,
  author = {Nobody, Never},
  title  = {Never Cited},
  year   = {2001}
}
"""

CSL_JSON = [
    {"id": "gordin2004", "type": "book", "title": "A Well-Ordered Thing",
     "author": [{"family": "Gordin", "given": "Michael D."}],
     "issued": {"date-parts": [[2004]]}, "publisher": "Basic Books",
     "publisher-place": "New York"},
    {"id": "ventris1956", "type": "book", "title": "Documents in Mycenaean Greek",
     "author": [{"family": "Ventris", "given": "Michael"},
                {"family": "Chadwick", "given": "John"}],
     "issued": {"date-parts": [["1956"]]}, "publisher": "Cambridge University Press"},
]

CSL_YAML = """\
---
references:
- id: mous2003
  type: book
  title: Grammatik
  author:
    - family: Mous
      given: Maarten
  issued:
    date-parts: [[2003]]
...
"""


def lecture_with(tmp_path: Path, front: str, body: str, files: dict[str, str] | None = None):
    """A lecture folder: front matter lines, a body, and other files beside it."""
    folder = write_lecture(tmp_path, f"---\ntitle: T\n{textwrap.dedent(front)}---\n"
                                     f"{textwrap.dedent(body)}")
    for name, text in (files or {}).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def first_text(lecture) -> str:
    return lecture.sections[0].blocks[0].text


def messages(lecture) -> list[str]:
    return [f.message for f in lecture.findings]


# -- reading bibliography files ----------------------------------------------------------


def test_bibtex_file_is_read_and_cited(tmp_path):
    folder = lecture_with(tmp_path, "bibliography: refs.bib\n",
                          "## A\n\nOne [@haslam1984, p. 12]. Two [@carr1953].\n",
                          {"refs.bib": BIBTEX})
    lecture = parse_lecture(folder)
    assert lecture.findings == ()
    assert first_text(lecture) == (
        "One (Haslam 1984, 12). Two (Carr and Royal Institute of International Affairs 1953).")
    haslam = next(s for s in lecture.meta.bibliography if s.key == "haslam1984")
    assert haslam.title == ("The Soviet Union and the Struggle for Collective Security in "
                            "Europe, 1933–39")  # LaTeX braces and dashes turned into text
    assert (haslam.year, haslam.authors, haslam.origin, haslam.line) == (
        1984, ("Jonathan Haslam",), "refs.bib", 2)
    # Only what is cited is listed, as Pandoc does.
    assert [s.key for s in lecture.references] == ["carr1953", "haslam1984"]
    carr = lecture.references[0].html
    assert "Soviet Studies &amp; Reviews" in carr
    assert '<a href="https://example.org/carr?a=1&amp;b=2">' in carr


def test_csl_json_and_csl_yaml_files(tmp_path):
    as_json = json.dumps(CSL_JSON, indent=1)
    folder = lecture_with(
        tmp_path, "bibliography: [refs.json, more/refs.yaml]\n",
        "## A\n\n[@gordin2004; @ventris1956] and [@mous2003].\n",
        {"refs.json": as_json, "more/refs.yaml": CSL_YAML})
    lecture = parse_lecture(folder)
    assert lecture.findings == ()
    assert first_text(lecture) == "(Gordin 2004; Ventris and Chadwick 1956) and (Mous 2003)."
    assert [(s.key, s.origin, s.line) for s in lecture.references] == [
        ("gordin2004", "refs.json", 3), ("mous2003", "more/refs.yaml", 3),
        ("ventris1956", "refs.json", line_of(as_json, '"ventris1956"'))]
    assert lecture.references[0].text == (
        "Gordin, Michael D. 2004. A Well-Ordered Thing. New York: Basic Books.")


def test_front_matter_sources_always_listed_bibliography_when_cited(tmp_path):
    folder = lecture_with(tmp_path, """\
        bibliography: refs.bib
        sources:
          - key: reading
            author: Jane Doe
            title: Further Reading
            year: 2020
        """, "## A\n\nText [@carr1953].\n", {"refs.bib": BIBTEX})
    lecture = parse_lecture(folder)
    assert [s.key for s in lecture.references] == ["carr1953", "reading"]
    html = lxml.html.fromstring(render_booklet_html(lecture))
    assert html.xpath('//ul[@class="bibliography"]/li/@id') == ["ref-carr1953", "ref-reading"]
    assert html.xpath('//span[@class="citation"]//a/@href') == ["#ref-carr1953"]


def test_a_key_in_both_places_is_the_front_matters(tmp_path):
    folder = lecture_with(tmp_path, """\
        bibliography: refs.bib
        sources:
          - key: haslam1984
            author: Jonathan Haslam
            title: My Own Title
            year: 1985
        """, "## A\n\n[@haslam1984]\n", {"refs.bib": BIBTEX})
    lecture = parse_lecture(folder)
    assert first_text(lecture) == "(Haslam 1985)"
    (finding,) = lecture.findings
    assert finding.line == 3
    assert "'haslam1984' is defined in `sources:` and in refs.bib:2" in finding.message


# -- what is missing or broken warns ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("missing.bib", "'missing.bib' not found"),
        ("../outside.bib", "leaves the lecture folder"),
        ("https://example.org/refs.bib", "never downloads"),
        ("refs.txt", "is not BibTeX (.bib), CSL-JSON (.json) or CSL-YAML (.yaml)"),
    ],
)
def test_a_bibliography_that_cannot_be_used_is_a_warning(tmp_path, value, words):
    (tmp_path / "outside.bib").write_text(BIBTEX, encoding="utf-8")
    folder = lecture_with(tmp_path, f"bibliography: {value}\n", "## A\n\nText [@haslam1984].\n",
                          {"refs.txt": BIBTEX})
    lecture = parse_lecture(folder)
    where, unknown = lecture.findings
    assert (where.path, where.line) == (folder / "lecture.md", 3)
    assert words in where.message
    assert "citation @haslam1984 names no source" in unknown.message
    assert first_text(lecture) == "Text (haslam1984?)."  # as Pandoc shows an unknown key


def test_a_broken_bibtex_entry_is_skipped_with_its_line(tmp_path):
    broken = BIBTEX.replace("  publisher = {Macmillan},", "  publisher = {Macmillan,")
    folder = lecture_with(tmp_path, "bibliography: refs.bib\n", "## A\n\n[@carr1953]\n",
                          {"refs.bib": broken})
    lecture = parse_lecture(folder)
    (finding,) = lecture.findings
    assert finding.path == folder / "refs.bib"
    assert finding.line == 2
    assert "cannot be read and is skipped" in finding.message
    assert first_text(lecture) == "(Carr and Royal Institute of International Affairs 1953)"


@pytest.mark.parametrize(
    ("name", "text", "line", "words"),
    [
        ("refs.json", '[{"id": "a", "title": "A"},\n {"id": }]', 2, "not valid CSL-JSON"),
        ("refs.json", '{"id": "a"}', None, "holds a list of references"),
        ("refs.json", json.dumps([{"id": "bad", "title": "B", "issued": {
            "date-parts": [["spring"]]}}]), 1, "reference 'bad' skipped: date parts must be"),
        ("refs.yaml", "- id: a\n  title: [unclosed\n", 2, "not valid YAML"),
        ("refs.yaml", "- id: a\n  title: A\n- id: b\n  title: B\n  author: 12\n", 3,
         "reference 'b' skipped: names must be a list"),
        ("refs.bib", "@book{dup, title={A}}\n@book{dup, title={B}}\n", 2, "used twice"),
        ("refs.bib", "@book{ok, title={A}}\n@book{, title={B}}\n", 2, "without a key"),
        ("refs.bib", "@book{notitle, author={Doe, Jane}}\n", 1, "'notitle' skipped: it has "
         "no title"),
        ("refs.bib", b"@book{x, title={Caf\xe9}}".decode("latin-1"), None, None),
    ],
    ids=["json-syntax", "json-not-list", "json-bad-date", "yaml-syntax", "yaml-bad-names",
         "bibtex-duplicate", "bibtex-no-key", "bibtex-no-title", "bibtex-latin1-as-utf8"],
)
def test_malformed_files_and_entries_warn(tmp_path, name, text, line, words):
    folder = lecture_with(tmp_path, f"bibliography: {name}\n", "## A\n\nText.\n",
                          {name: text})
    lecture = parse_lecture(folder)
    if words is None:  # written as UTF-8 here, so it reads
        assert lecture.findings == ()
        return
    (finding,) = lecture.findings
    assert (finding.path, finding.line) == (folder / name, line)
    assert words in finding.message


def test_bibtex_dates(tmp_path):
    bib = """\
        @book{a, author={Doe, Jane}, title={A}, year={forthcoming}}
        @book{b, author={Doe, Jane}, title={B}, year={1984}, month=jul}
        @book{c, author={Roe, Ann}, title={C}, date={2001-99-40}}
        @book{d, author={Poe, Edgar}, title={D}, year={19xx}}
        """
    folder = lecture_with(tmp_path, "bibliography: refs.bib\n", "## A\n\n[@a; @b; @c; @d]\n",
                          {"refs.bib": textwrap.dedent(bib)})
    lecture = parse_lecture(folder)
    assert lecture.findings == ()
    assert first_text(lecture) == "(Doe forthcoming; Doe 1984; Roe 2001; Poe 19xx)"
    dates = {s.key: s.csl["issued"] for s in lecture.meta.bibliography}
    assert dates == {"a": {"literal": "forthcoming"}, "b": {"date-parts": [[1984, 7]]},
                     "c": {"date-parts": [[2001]]}, "d": {"literal": "19xx"}}


def test_a_file_that_is_not_utf8_is_a_warning(tmp_path):
    folder = lecture_with(tmp_path, "bibliography: refs.bib\n", "## A\n\nText.\n")
    (folder / "refs.bib").write_bytes(b"@book{x, title={Caf\xe9}}")
    (finding,) = parse_lecture(folder).findings
    assert finding.path == folder / "refs.bib" and "not UTF-8" in finding.message


# -- the forms of a citation ---------------------------------------------------------------


FRONT = """\
bibliography: refs.bib
sources:
  - key: witte2009
    author: Els Witte, Jan Craeybeckx and Alain Meynen
    title: Political History of Belgium
    year: 2009
  - key: mous
    author: Maarten Mous
    title: Undated
"""


@pytest.mark.parametrize(
    ("body", "text", "html"),
    [
        ("[@haslam1984]", "(Haslam 1984)", '(<a href="#ref-haslam1984">Haslam 1984</a>)'),
        ("[@haslam1984, p. 12]", "(Haslam 1984, 12)", None),
        ("[@haslam1984, pp. 12-14]", "(Haslam 1984, 12–14)", None),
        ("[@haslam1984, 33]", "(Haslam 1984, 33)", None),
        ("[@haslam1984, chap. 3]", "(Haslam 1984, chap. 3)", None),
        ("[@haslam1984, chapter 3]", "(Haslam 1984, chap. 3)", None),
        ("[@haslam1984, sec. 2]", "(Haslam 1984, sec. 2)", None),
        ("[@haslam1984, p. 12, emphasis added]", "(Haslam 1984, 12, emphasis added)",
         '(<a href="#ref-haslam1984">Haslam 1984, 12</a>, emphasis added)'),
        ("[@haslam1984, and passim]", "(Haslam 1984, and passim)", None),
        ("[see @haslam1984, p. 3; also @witte2009]",
         "(see Haslam 1984, 3; also Witte et al. 2009)",
         '(see <a href="#ref-haslam1984">Haslam 1984, 3</a>; also '
         '<a href="#ref-witte2009">Witte et al. 2009</a>)'),
        ("[-@haslam1984]", "(1984)", '(<a href="#ref-haslam1984">1984</a>)'),
        ("[-@haslam1984, 7]", "(1984, 7)", None),
        ("[-@mous]", "(n.d.)", None),
        ("[-@haslam1984; -@witte2009, 4]", "(1984; 2009, 4)", None),
        ("@haslam1984 argues", "Haslam (1984) argues",
         '<a href="#ref-haslam1984">Haslam (1984)</a> argues'),
        ("@haslam1984 [p. 4] argues", "Haslam (1984, 4) argues", None),
        ("@witte2009 argue", "Witte et al. (2009) argue", None),
        ("@mous argues", "Mous (n.d.) argues", None),
        ("{cite}`haslam1984`", "(Haslam 1984)", None),
        ("{cite:t}`witte2009`", "Witte et al. (2009)", None),
    ],
)
def test_citation_forms(tmp_path, body, text, html):
    folder = lecture_with(tmp_path, FRONT, f"## A\n\n{body}\n", {"refs.bib": BIBTEX})
    lecture = parse_lecture(folder)
    assert lecture.findings == ()
    (para,) = lecture.sections[0].blocks
    assert para.text == text
    if html is not None:
        assert f'<span class="citation">{html.split(" argues")[0]}</span>' in para.html


def test_prefix_and_suffix_are_escaped(tmp_path):
    folder = lecture_with(tmp_path, FRONT, "## A\n\n[<b>see</b> @haslam1984, 5 & <i>x</i>]\n",
                          {"refs.bib": BIBTEX})
    (para,) = parse_lecture(folder).sections[0].blocks
    assert "&lt;b&gt;see&lt;/b&gt;" in para.html and "&amp; &lt;i&gt;x&lt;/i&gt;" in para.html
    assert para.text == "(<b>see</b> Haslam 1984, 5 & <i>x</i>)"


def test_unknown_key_among_known_ones(tmp_path):
    folder = lecture_with(tmp_path, FRONT, "## A\n\n[@haslam1984; @nope]\n",
                          {"refs.bib": BIBTEX})
    lecture = parse_lecture(folder)
    assert first_text(lecture) == "(Haslam 1984)"
    (finding,) = lecture.findings
    assert "citation @nope names no source (known keys: witte2009, mous, haslam1984" in (
        finding.message)


# -- the lecture's language and style --------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text", "entry"),
    [
        ("nl", "(Witte e.a. 2009; Mous, z.d.; Haslam 1984, hfdst. 2)",
         "Witte, Els, Jan Craeybeckx, en Alain Meynen. 2009."),
        ("fr", "(Witte et al. 2009; Mous, s. d.; Haslam 1984, chap. 2)",
         "Witte, Els, Jan Craeybeckx, et Alain Meynen. 2009."),
        ("de", "(Witte u. a. 2009; Mous, o. J.; Haslam 1984, Kap. 2)",
         "Witte, Els, Jan Craeybeckx, und Alain Meynen. 2009."),
    ],
)
def test_dutch_french_and_german_lectures_get_their_words(tmp_path, lang, text, entry):
    folder = lecture_with(tmp_path, f"lang: {lang}\n{FRONT}",
                          "## A\n\n[@witte2009; @mous; @haslam1984, chap. 2]\n",
                          {"refs.bib": BIBTEX})
    lecture = parse_lecture(folder)
    assert lecture.findings == ()
    assert first_text(lecture).replace("\u00a0", " ") == text
    witte = next(s for s in lecture.references if s.key == "witte2009")
    assert witte.text.startswith(entry)


def test_a_language_without_a_locale_falls_back_to_english(tmp_path):
    folder = lecture_with(tmp_path, f"lang: tlh\n{FRONT}", "## A\n\n[@witte2009; @mous]\n",
                          {"refs.bib": BIBTEX})
    lecture = parse_lecture(folder)
    assert first_text(lecture) == "(Witte et al. 2009; Mous, n.d.)"
    locale, labels = sorted(lecture.findings, key=lambda f: "printed labels" in f.message)
    assert "no citation locale for language 'tlh'" in locale.message
    assert "no printed labels (Contents, Figure...) in 'tlh'" in labels.message


STYLE = """\
<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Test style</title><id>test</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation et-al-min="3" et-al-use-first="1">
    <layout prefix="[" suffix="]" delimiter=" | ">
      <group delimiter=": ">
        <names variable="author"><name form="short" and="symbol"/></names>
        <date variable="issued"><date-part name="year"/></date>
      </group>
      <text variable="locator" prefix=" at "/>
    </layout>
  </citation>
  <bibliography>
    <sort><key variable="title"/></sort>
    <layout suffix=".">
      <text variable="title" font-variant="small-caps"/>
      <names variable="author" prefix=" by "><name and="symbol"/></names>
    </layout>
  </bibliography>
</style>
"""


def test_a_style_given_by_csl_is_used(tmp_path):
    folder = lecture_with(tmp_path, f"csl: styles/test.csl\n{FRONT}",
                          "## A\n\n[@haslam1984, p. 9; @witte2009] and @haslam1984 said.\n",
                          {"refs.bib": BIBTEX, "styles/test.csl": STYLE})
    lecture = parse_lecture(folder)
    assert lecture.findings == ()
    assert first_text(lecture) == ("[Haslam: 1984 at 9 | Witte et al.: 2009] and "
                                   "Haslam [1984] said.")
    assert [s.key for s in lecture.references] == ["witte2009", "haslam1984", "mous"]  # by title
    assert lecture.references[0].html == (
        '<span style="font-variant:small-caps">Political History of Belgium</span> by '
        "Els Witte, Jan Craeybeckx, &amp; Alain Meynen.")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("files", "value", "words"),
    [
        ({}, "none.csl", "'none.csl' not found"),
        ({"s.csl": "<style>not csl</style>"}, "s.csl", "is not a CSL style"),
        ({"s.csl": "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
                   "<x>&e;</x>"}, "s.csl", "declares a DOCTYPE"),
        ({"s.csl": "<style"}, "s.csl", "not valid XML"),
        ({"s.csl": STYLE.replace("<citation ", "<nocitation ").replace(
            "</citation>", "</nocitation>")}, "s.csl", "has no <citation>"),
    ],
)
def test_an_unusable_style_warns_and_the_bundled_one_is_used(tmp_path, files, value, words):
    folder = lecture_with(tmp_path, f"csl: {value}\n{FRONT}", "## A\n\n[@haslam1984]\n",
                          {"refs.bib": BIBTEX, **files})
    lecture = parse_lecture(folder)
    (finding,) = lecture.findings
    assert finding.line == 3 and words in finding.message
    assert "bundled Chicago author-date style is used" in finding.message
    assert first_text(lecture) == "(Haslam 1984)"


# -- real lectures -------------------------------------------------------------------------


@pytest.mark.slow
def test_quarto_demo_reads_its_refs_bib():
    lecture = parse_lecture(ROOT / "tests" / "corpus" / "quarto-clean-demo")
    assert not [m for m in messages(lecture) if "bibliography" in m or "citation @" in m]
    assert [s.key for s in lecture.references] == [
        "Fajgelbaum_Morales_Serrato_Zidar_2018", "Hsieh_Moretti_2019", "Moretti_2011",
        "Suárez_Serrato_Zidar_2016"]
    assert lecture.references[1].text.startswith(
        "Hsieh, Chang-Tai, and Enrico Moretti. 2019. “Housing Constraints and Spatial "
        "Misallocation.” American Economic Journal: Macroeconomics 11 (2): 39.")


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["belgium-ussr-1935", "belgique-urss-1935"])
def test_sample_sources_page_keeps_its_facts(tmp_path, slug):
    """Both editions of the sample build, and their sources page lists every source of
    the front matter with its author, title and year as written there."""
    folder = SAMPLE.parent / slug
    lecture = parse_lecture(folder)
    assert [s.key for s in lecture.references] == [
        "coolsaet2014", "haslam1984", "pipes1994", "seberechts", "witte2009"]
    (pdf,) = [b.path for b in build(folder, tmp_path, formats=("pdf",))]
    pages = page_texts(pdf)
    at = next(n for n, page in enumerate(pages) if "Witte, Els, Jan Craeybeckx" in page)
    page = "\n".join(pages[at:at + 2])  # the sources (before the index of key terms)
    sources_page = squash(page)
    for source in lecture.meta.sources:
        assert squash(source.title) in sources_page, source.key
        family = source.csl["author"][0]["family"]
        assert squash(f"{family}, {source.authors[0].split()[0]}") in sources_page
        if source.year:
            assert str(source.year) in page


@pytest.mark.slow
def test_formatting_the_samples_citations_is_quick():
    """Measured, loosely bounded: parsing the sample, citations and list included."""
    start = time.perf_counter()
    lecture = parse_lecture(SAMPLE)
    assert time.perf_counter() - start < 5
    assert len(lecture.references) == 5


def test_no_bibliography_no_style_loaded(tmp_path, monkeypatch):
    """A lecture that cites nothing never loads the citation style."""
    import chapbook.read.csl as csl

    monkeypatch.setattr(csl, "CitationStylesStyle", None)
    folder = lecture_with(tmp_path, "", "## A\n\nNo citations.\n")
    assert parse_lecture(folder).references == ()


@pytest.mark.slow
def test_a_copied_sample_with_a_bibliography_instead_of_sources(tmp_path):
    """The sample's sources moved to a CSL-JSON file: the same citations and list."""
    folder = tmp_path / "copy"
    shutil.copytree(SAMPLE, folder)
    original = parse_lecture(SAMPLE)
    items = [{"id": s.key, **s.csl} for s in original.meta.sources]
    (folder / "refs.json").write_text(json.dumps(items), encoding="utf-8")
    text = (folder / "lecture.md").read_text(encoding="utf-8")
    head, _, rest = text.partition("sources:\n")
    body = rest[rest.index("---\n"):]
    (folder / "lecture.md").write_text(f"{head}bibliography: refs.json\n{body}",
                                       encoding="utf-8")
    copy = parse_lecture(folder)
    assert [s.key for s in copy.references] == [s.key for s in original.references]
    assert [b.html for b in copy.sections[1].blocks] == [
        b.html for b in original.sections[1].blocks]


# -- what the list's order decides -----------------------------------------------------------


def test_same_authors_and_year_are_told_apart(tmp_path):
    folder = lecture_with(tmp_path, """\
        sources:
          - key: later
            author: Jonathan Haslam
            title: Bolder Title
            year: 1984
          - key: earlier
            author: Jonathan Haslam
            title: Another Title
            year: 1984
          - key: other
            author: Jonathan Haslam
            title: Other
            year: 1990
        """, "## A\n\n[@later] and [@earlier; @other] and @later.\n")
    lecture = parse_lecture(folder)
    # As Pandoc does: letters in the list's order (by author, year, title).
    assert first_text(lecture) == (
        "(Haslam 1984b) and (Haslam 1984a; Haslam 1990) and Haslam (1984b).")
    assert [s.text.rstrip(".").split(". ") for s in lecture.references] == [
        ["Haslam, Jonathan", "1984a", "Another Title"],
        ["Haslam, Jonathan", "1984b", "Bolder Title"],
        ["Haslam, Jonathan", "1990", "Other"]]


def test_items_keep_the_order_they_are_written_in(tmp_path):
    folder = lecture_with(tmp_path, FRONT, "## A\n\n[@haslam1984] [@witte2009; @haslam1984]\n",
                          {"refs.bib": BIBTEX})
    assert first_text(parse_lecture(folder)) == "(Haslam 1984) (Witte et al. 2009; Haslam 1984)"


NUMERIC = STYLE.replace("""      <group delimiter=": ">
        <names variable="author"><name form="short" and="symbol"/></names>
        <date variable="issued"><date-part name="year"/></date>
      </group>""", """      <text variable="citation-number"/>""").replace(
    "<sort><key variable=\"title\"/></sort>", "").replace(
    '<layout suffix=".">', '<layout suffix="."><text variable="citation-number" suffix=". "/>')


def test_a_numeric_style_numbers_in_the_order_of_first_citation(tmp_path):
    folder = lecture_with(tmp_path, f"csl: numeric.csl\n{FRONT}",
                          "## A\n\n[@witte2009], [@haslam1984, p. 2], [@witte2009].\n",
                          {"refs.bib": BIBTEX, "numeric.csl": NUMERIC})
    lecture = parse_lecture(folder)
    assert lecture.findings == ()
    assert first_text(lecture) == "[1], [2 at 2], [1]."
    assert [s.text[:3] for s in lecture.references] == ["1. ", "2. ", "3. "]
    assert [s.key for s in lecture.references] == ["witte2009", "haslam1984", "mous"]


@pytest.mark.slow
def test_citations_in_slides_and_tables_build_every_format(tmp_path):
    folder = write_lecture(tmp_path, "---\ntitle: T\nsources:\n"
                           "  - {key: a1, author: Alpha Author, title: First, year: 2001}\n---\n"
                           "\n## S\n\nText [@a1].\n\n| x | y |\n|---|---|\n| 1 | see [@a1] |\n"
                           "\n::: slide\n- A point [@a1]\n:::\n")
    built = build(folder, tmp_path / "out", ("pdf", "pptx", "handout", "lecturer"))
    assert len(built) == 4
    handout = " ".join(page_texts(tmp_path / "out" / "lecture-handout.pdf"))
    assert "A point (Author 2001)" in handout


def test_a_style_that_asks_where_an_item_was_cited_before_is_asked_each_time(tmp_path):
    """Citations are formatted once each where the style cannot tell two alike apart; one
    that says `ibid.` for a repeat must say it on the repeat, not the first form again."""
    ibid = STYLE.replace(
        '<layout prefix="[" suffix="]" delimiter=" | ">',
        '<layout prefix="[" suffix="]" delimiter=" | "><choose><if position="ibid">'
        '<text value="ibid."/></if><else>').replace(
        '<text variable="locator" prefix=" at "/>\n    </layout>\n  </citation>',
        '<text variable="locator" prefix=" at "/></else></choose>\n    </layout>\n'
        '  </citation>')
    body = "## A\n\nOne [@witte2009]. Two [@witte2009]. Three [@haslam1984].\n"
    for style, expected in ((STYLE, "One [Witte et al.: 2009]. Two [Witte et al.: 2009]. "
                                    "Three [Haslam: 1984]."),
                            (ibid, "One [Witte et al.: 2009]. Two [ibid.]. "
                                   "Three [Haslam: 1984].")):
        folder = lecture_with(tmp_path / str(len(style)), f"csl: styles/test.csl\n{FRONT}",
                              body, {"refs.bib": BIBTEX, "styles/test.csl": style})
        lecture = parse_lecture(folder)
        assert first_text(lecture) == expected


def test_the_styles_lookups_answered_once_give_what_citeproc_finds(monkeypatch):
    """citeproc's XPath searches in a style, each answered once (`csl_lookups`): the
    sample's citations and sources the same, from a tenth of the searches."""
    from citeproc.model import CitationStylesElement

    from chapbook.read import csl_lookups

    asked, searched = [], []
    kept, search = CitationStylesElement.xpath_search, csl_lookups._search
    monkeypatch.setattr(CitationStylesElement, "xpath_search",
                        lambda e, x: asked.append(x) or kept(e, x))
    monkeypatch.setattr(csl_lookups, "_search",
                        lambda e, x: searched.append((e, x)) or search(e, x))
    parse_lecture(SAMPLE)  # a style read before: its answers go
    asked.clear()
    searched.clear()
    html = render_booklet_html(parse_lecture(SAMPLE))
    assert len(searched) == len(set(searched))  # each asked of citeproc once
    assert set(csl_lookups._found) <= set(searched)  # only this style's answers kept
    assert len(asked) > 5 * len(searched) > 0
    monkeypatch.setattr(CitationStylesElement, "xpath_search", search)  # citeproc's own
    assert render_booklet_html(parse_lecture(SAMPLE)) == html
