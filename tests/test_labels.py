"""Labels and dates in the lecture's language (Babel): complete catalogues for French,
Dutch and German, English for the rest with a warning, and outputs with no English label
left, French typography included."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
from babel.messages.pofile import read_po
from pdftools import page_texts
from pptx import Presentation

from chapbook.build import build
from chapbook.read import parse_lecture
from chapbook.text.labels import ENGLISH, LOCALES, format_date, labels_for, languages

TRANSLATED = ("fr", "nl", "de")
# Labels spelt as in English in a language: "Introduction", "Section"...
SAME = {"fr": {"attention", "danger", "discussion", "figure", "important", "introduction",
               "notes", "questions", "section", "solution", "sources", "ui_pause"},
        "nl": {"checklist", "colon", "hint", "tip", "ui_key_backspace", "ui_key_end",
               "ui_key_enter", "ui_key_escape", "ui_key_home", "ui_key_page_down",
               "ui_key_page_up"},
        "de": {"colon", "ui_key_escape", "ui_pause"}}


def test_the_languages_with_labels():
    assert languages() == ("en", "de", "fr", "nl")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_catalogue_is_complete(lang):
    with (LOCALES / f"{lang}.po").open("rb") as f:
        catalog = read_po(f, locale=lang)
    entries = {m.context: m for m in catalog if m.id}
    assert set(entries) == set(ENGLISH), set(entries) ^ set(ENGLISH)
    for key, message in entries.items():
        assert message.id == ENGLISH[key], key  # the msgid is the English label
        assert message.string.strip() and not message.fuzzy, key
    labels = labels_for(lang)
    changed = {k for k in ENGLISH if labels[k] != ENGLISH[k]}
    assert changed == set(ENGLISH) - SAME[lang]


@pytest.mark.parametrize(("tag", "contents", "colon"), [
    ("en", "Contents", ": "), ("en-US", "Contents", ": "), ("fr", "Table des matières", "\u202f: "),
    ("fr-BE", "Table des matières", "\u202f: "), ("nl-BE", "Inhoud", ": "),
    ("de", "Inhalt", ": "), ("pt", "Contents", ": "), ("zz", "Contents", ": "),
])
def test_labels_by_tag_with_english_as_fallback(tag, contents, colon):
    labels = labels_for(tag)
    assert (labels["contents"], labels["colon"]) == (contents, colon)


@pytest.mark.parametrize(("tag", "first", "later"), [
    ("en", "1 July 1935", "27 November 2026"),
    ("en-US", "July 1, 1935", "November 27, 2026"),
    ("fr", "1er juillet 1935", "27 novembre 2026"),
    ("nl", "1 juli 1935", "27 november 2026"),
    ("de", "1. Juli 1935", "27. November 2026"),
    ("pt", "1 de julho de 1935", "27 de novembro de 2026"),  # Babel knows more than our labels
    ("zz", "1 July 1935", "27 November 2026"),
])
def test_dates_in_the_lectures_language(tag, first, later):
    assert format_date(dt.date(1935, 7, 1), tag) == first
    assert format_date(dt.date(2026, 11, 27), tag) == later


def write(folder, lang: str, title: str = "Le saviez-vous ? Oui"):
    folder.mkdir(parents=True)
    (folder / "data").mkdir()
    (folder / "data" / "d.csv").write_text("x,y\nA,1\nB,2\n", encoding="utf-8")
    (folder / "lecture.md").write_text(textwrap.dedent(f"""\
        ---
        title: Essai
        author: A. Auteur
        date: 2026-07-01
        lang: {lang}
        ---

        Introduction.

        ## Une partie

        Un **terme** et un texte : « citation ».

        Table: Un tableau

        | a | b |
        |---|---|
        | 1 | 2 |

        ::: {{.chart src="data/d.csv" type="bar" alt="Deux barres"}}
        Un graphique.
        :::

        ::: {{.callout title="{title}"}}
        Dedans.
        :::

        ::: {{.callout-note}}
        Une note.
        :::

        ::: slide
        - Un point
        :::

        ::: notes
        Des notes.
        :::
        """), encoding="utf-8")
    return folder


def test_a_language_without_labels_is_warned_of_at_its_line(tmp_path):
    lecture = parse_lecture(write(tmp_path / "pt", "pt"))
    (finding,) = [f for f in lecture.findings if "printed labels" in f.message]
    assert finding.line == 5 and "'pt'; English ones are used" in finding.message
    assert not [f for f in parse_lecture(write(tmp_path / "fr", "fr-BE")).findings
                if "printed labels" in f.message]


ENGLISH_WORDS = ("Contents", "Lecture notes", "Speaker notes", "Key terms", "Index of",
                 "Further reading", "Overview", "Table 1", "Slide", "Note\n", "Set in")


@pytest.fixture(scope="module")
def french(tmp_path_factory):
    where = tmp_path_factory.mktemp("fr")
    built = build(write(where / "essai", "fr"), where / "out", ("pdf", "lecturer", "pptx"))
    return {b.path.name: b.path for b in built}


@pytest.mark.slow
def test_french_outputs_have_no_english_label(french):
    booklet = "\n".join(page_texts(french["essai.pdf"]))
    lecturer = "\n".join(page_texts(french["essai-lecturer.pdf"]))
    deck = Presentation(french["essai.pptx"])
    slides = "\n".join(shape.text_frame.text for slide in deck.slides
                       for shape in slide.shapes if shape.has_text_frame)
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in deck.slides
                      if s.has_notes_slide)
    for text in (booklet, lecturer, slides, notes):
        assert not [w for w in ENGLISH_WORDS if w in text]
    assert "Table des matières" in booklet and "1er juillet 2026" in booklet
    assert "Tableau 1" in booklet and "Remarque" in booklet and "Notions clés" in slides


def test_french_typography_in_labels_and_titles(french):
    lecturer = "\n".join(page_texts(french["essai-lecturer.pdf"]))
    assert "Diapositive\u202f: Une partie" in lecturer
    booklet = "\n".join(page_texts(french["essai.pdf"]))
    assert "Le saviez-vous\u202f? Oui" in booklet  # a callout title, as the text gets it
    assert "texte\u202f: «\u202fcitation\u202f»" in booklet
    deck = Presentation(french["essai.pptx"])
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in deck.slides
                      if s.has_notes_slide)
    assert "Figure 1\u202f: Un graphique" in notes
    assert "'" not in booklet + notes  # apostrophes are typographic


@pytest.mark.parametrize(("lang", "words"), [
    ("nl", ("Inhoud", "Inleiding", "1 juli 2026", "Tabel 1", "Register van kernbegrippen")),
    ("de", ("Inhalt", "Einleitung", "1. Juli 2026", "Tabelle 1", "Hinweis")),
    ("en", ("Contents", "Introduction", "1 July 2026", "Table 1", "Index of key terms")),
])
@pytest.mark.slow
def test_labels_and_dates_in_each_booklet(tmp_path, lang, words):
    (built,) = build(write(tmp_path / "essai", lang, "Titre"), tmp_path / "out", ("pdf",))
    text = "\n".join(page_texts(built.path))
    assert [w for w in words if w not in text] == []
