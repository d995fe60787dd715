"""Words the outputs print themselves (Contents, Figure, ...), by the lecture's language."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "speaker_notes": "Speaker notes",
        "slide": "Slide",
        "lecturer_edition": "Lecturer’s edition",
        "months": (
            "January February March April May June July August September October November December"
        ),
        "kicker": "Lecture notes",
        "contents": "Contents",
        "introduction": "Introduction",
        "index": "Index of key terms",
        "sources": "Sources",
        "figure": "Figure",
        "table": "Table",
        "key_terms": "Key terms",
        "further_reading": "Further reading",
        "cont": "cont.",
        "notes": "Notes",
        "overview": "Overview",
        "thanks": "Thank you",
        "questions": "Questions and discussion",
        "callout_note": "Note",
        "callout_tip": "Tip",
        "callout_warning": "Warning",
        "callout_important": "Important",
        "callout_caution": "Caution",
        "colophon": "Set in Linux Libertine and Linux Biolinum. Made with chapbook.",
        # Citations and references: "A and B 2004", "A et al. n.d."; the serial comma
        # ("A, B, and C") is English only.
        "and": "and",
        "et_al": "et al.",
        "no_date": "n.d.",
        "serial_comma": ",",
    },
    "nl": {
        "speaker_notes": "Sprekersnotities",
        "slide": "Dia",
        "lecturer_edition": "Editie voor de docent",
        "months": (
            "januari februari maart april mei juni "
            "juli augustus september oktober november december"
        ),
        "kicker": "Collegenota’s",
        "contents": "Inhoud",
        "introduction": "Inleiding",
        "index": "Register van kernbegrippen",
        "sources": "Bronnen",
        "figure": "Figuur",
        "table": "Tabel",
        "key_terms": "Kernbegrippen",
        "further_reading": "Verder lezen",
        "cont": "vervolg",
        "notes": "Notities",
        "overview": "Overzicht",
        "thanks": "Dank u",
        "questions": "Vragen en discussie",
        "callout_note": "Opmerking",
        "callout_tip": "Tip",
        "callout_warning": "Waarschuwing",
        "callout_important": "Belangrijk",
        "callout_caution": "Let op",
        "colophon": "Gezet in Linux Libertine en Linux Biolinum. Gemaakt met chapbook.",
        "and": "en",
        "et_al": "et al.",
        "no_date": "z.d.",
        "serial_comma": "",
    },
    "fr": {
        "speaker_notes": "Notes de l’orateur",
        "slide": "Diapositive",
        "lecturer_edition": "Édition de l’enseignant",
        "months": (
            "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
        ),
        "kicker": "Notes de cours",
        "contents": "Table des matières",
        "introduction": "Introduction",
        "index": "Index des notions",
        "sources": "Sources",
        "figure": "Figure",
        "table": "Tableau",
        "key_terms": "Notions clés",
        "further_reading": "Pour aller plus loin",
        "cont": "suite",
        "notes": "Notes",
        "overview": "Plan",
        "thanks": "Merci",
        "questions": "Questions et discussion",
        "callout_note": "Remarque",
        "callout_tip": "Astuce",
        "callout_warning": "Avertissement",
        "callout_important": "Important",
        "callout_caution": "Attention",
        "colophon": "Composé en Linux Libertine et Linux Biolinum. Réalisé avec chapbook.",
        "and": "et",
        "et_al": "et al.",
        "no_date": "s.d.",
        "serial_comma": "",
    },
    "de": {
        "speaker_notes": "Sprechernotizen",
        "slide": "Folie",
        "lecturer_edition": "Ausgabe für Lehrende",
        "months": (
            "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
        ),
        "kicker": "Vorlesungsskript",
        "contents": "Inhalt",
        "introduction": "Einleitung",
        "index": "Register der Schlüsselbegriffe",
        "sources": "Quellen",
        "figure": "Abbildung",
        "table": "Tabelle",
        "key_terms": "Schlüsselbegriffe",
        "further_reading": "Weiterführende Literatur",
        "cont": "Forts.",
        "notes": "Notizen",
        "overview": "Überblick",
        "thanks": "Vielen Dank",
        "questions": "Fragen und Diskussion",
        "callout_note": "Hinweis",
        "callout_tip": "Tipp",
        "callout_warning": "Warnung",
        "callout_important": "Wichtig",
        "callout_caution": "Vorsicht",
        "colophon": "Gesetzt in Linux Libertine und Linux Biolinum. Erstellt mit chapbook.",
        "and": "und",
        "et_al": "et al.",
        "no_date": "o. J.",
        "serial_comma": "",
    },
}


def labels_for(lang: str) -> dict[str, str]:
    """Labels for a BCP 47 tag, falling back to English."""
    return LABELS.get(lang.split("-")[0].lower(), LABELS["en"])


def format_date(date, lang: str) -> str:
    """`27 November 2026`, with the month in the lecture's language."""
    months = labels_for(lang)["months"].split()
    day = "1er" if date.day == 1 and lang.startswith("fr") else str(date.day)
    sep = ". " if lang.startswith("de") else " "
    return f"{day}{sep}{months[date.month - 1]} {date.year}"
