"""The digitaliseringsplan template: sheets, Swedish headers and rules.

Why one table of columns: the intake validator, the Excel template, the
exports and the tests all need the same headers and rules. Internal code uses
the English ``key``; the Swedish ``header`` is what departments see.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["text", "money", "number", "rating", "yesno", "ids", "year", "date", "choice"]

NEEDS_SHEET = "Behov"
REGISTER_SHEET = "Uppföljning"


@dataclass(frozen=True)
class Column:
    """One template column: its internal key, Swedish header and rule."""

    key: str
    header: str
    kind: Kind
    required: bool = False
    help_sv: str = ""
    choices: tuple[str, ...] = ()


NEED_COLUMNS: tuple[Column, ...] = (
    Column("id", "ID", "text", True, "Unik identitet, t.ex. BUF-012."),
    Column("department", "Förvaltning", "text", True, "Förvaltningens namn."),
    Column("title", "Titel", "text", True, "Kort namn på behovet."),
    Column("description", "Beskrivning", "text", True, "Beskriv behovet med några meningar."),
    Column("category", "Kategori", "text", False, "T.ex. E-tjänst, Automatisering."),
    Column("investment", "Investering (kr)", "money", False, "Engångskostnad för IT, kr."),
    Column("running_cost", "Driftkostnad per år (kr)", "money", False, "Löpande kostnad per år, kr."),
    Column("cases_per_year", "Ärenden per år", "number", False, "Antal ärenden per år."),
    Column("minutes_saved", "Sparad tid per ärende (min)", "number", False, "Minuter per ärende."),
    Column("other_benefit", "Övrig nytta per år (kr)", "money", False, "Porto, licenser m.m., kr/år."),
    Column("strategic", "Strategisk betydelse (1-5)", "rating", False, "1 = låg, 5 = hög."),
    Column("citizen", "Medborgarnytta (1-5)", "rating", False, "1 = låg, 5 = hög."),
    Column("risk", "Risk (1-5)", "rating", False, "1 = låg risk, 5 = hög risk."),
    Column("legal", "Lagkrav (ja/nej)", "yesno", False, "ja om behovet är ett lagkrav."),
    Column("dependencies", "Beroenden", "ids", False, "ID:n åtskilda med komma eller semikolon."),
    Column("start_year", "Startår", "year", False, "År då arbetet startar, t.ex. 2027."),
)

REGISTER_COLUMNS: tuple[Column, ...] = (
    Column("id", "ID", "text", True, "Behovets ID i fliken Behov."),
    Column("benefit", "Nytta", "text", True, "Vilken nytta som ska hämtas hem."),
    Column(
        "benefit_type", "Nyttotyp", "choice", True, "finansiell eller omfördelning.",
        ("finansiell", "omfördelning"),
    ),
    Column("realiser", "Ansvarig för realisering", "text", False, "Roll som hämtar hem nyttan."),
    Column("measurer", "Ansvarig för mätning", "text", False, "Roll som mäter och följer upp."),
    Column("metric", "Mätetal", "text", False, "Vad som mäts, t.ex. handläggningstid."),
    Column("baseline", "Nulägesmätning", "number", False, "Värde före förändringen."),
    Column("target", "Målvärde", "number", False, "Värde som ska nås."),
    Column("year", "År", "year", True, "Uppföljningsår."),
    Column("planned", "Planerad nytta (kr)", "money", True, "Planerad nytta det året, kr."),
    Column("realised", "Realiserad nytta (kr)", "money", False, "Uppmätt nytta, kr."),
    Column("measured_on", "Mätdatum", "date", False, "Datum för mätningen, ÅÅÅÅ-MM-DD."),
)

SHEETS: dict[str, tuple[Column, ...]] = {NEEDS_SHEET: NEED_COLUMNS, REGISTER_SHEET: REGISTER_COLUMNS}

RATING_MIN, RATING_MAX = 1, 5
YEAR_MIN, YEAR_MAX = 1990, 2100


def by_header(columns: tuple[Column, ...]) -> dict[str, Column]:
    """Map a normalised header (case and spacing folded) to its column."""
    return {normalise_header(c.header): c for c in columns}


def normalise_header(header: object) -> str:
    """Fold case and whitespace so ' id ' and 'ID' match, nothing more lenient."""
    return " ".join(str(header).split()).casefold()


NEED_KEYS = tuple(c.key for c in NEED_COLUMNS)
HEADERS_SV = {c.key: c.header for c in NEED_COLUMNS}
