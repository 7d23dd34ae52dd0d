"""Texts for the Excel template."""

TEXTS = {
    "template.help.title": {
        "sv": "Digitaliseringsplan – så fyller du i mallen",
        "en": "Digitalisation plan – how to fill in the template",
    },
    "template.help.body": {
        "sv": (
            "Skriv ett behov per rad i fliken Behov. Rubrikerna får inte ändras.\n"
            "ID måste vara unikt, t.ex. BUF-012. Belopp anges i kronor (1 200 000 går bra).\n"
            "Betyg anges som heltal 1–5. Lagkrav anges som ja eller nej.\n"
            "Beroenden anges som ID:n åtskilda med komma, t.ex. KLK-003, BUF-001.\n"
            "Exempelraden (ID som börjar med EXEMPEL) läses inte in: ersätt den.\n"
            "Fliken Uppföljning fylls i för påbörjade initiativ (nyttorealisering).\n"
            "Kontrollera filen med: kstad validate <fil>"
        ),
        "en": (
            "Write one need per row in the sheet Behov. Do not change the headers.\n"
            "ID must be unique, e.g. BUF-012. Amounts in kronor (1 200 000 is fine).\n"
            "Ratings are whole numbers 1–5. Lagkrav is ja or nej.\n"
            "Dependencies are IDs separated by commas, e.g. KLK-003, BUF-001.\n"
            "The example row (ID starting with EXEMPEL) is not read: replace it.\n"
            "The sheet Uppföljning is filled in for started initiatives.\n"
            "Check the file with: kstad validate <file>"
        ),
    },
    "template.help.column": {"sv": "Kolumn", "en": "Column"},
    "template.help.required": {"sv": "Obligatorisk", "en": "Required"},
    "template.help.rule": {"sv": "Regel", "en": "Rule"},
}
