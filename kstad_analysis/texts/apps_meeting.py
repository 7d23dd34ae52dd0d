"""Texts for the meeting-room layout of the apps (issue 15): the Budget page's
driftbudget and måste/uteslut search, the Prioritering list and its
explanation beside it. Keys under ``apps.`` like the rest of the apps."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "apps.budget.running_typed": {"sv": "Driftbudget/år", "en": "Running budget/yr"},
    "apps.budget.running_help": {
        "sv": ("Tak för tillkommande driftkostnad per år för de behov som väljs "
               "(pågående åtaganden räknas först)."),
        "en": ("Cap on the added running cost per year of the chosen needs "
               "(commitments under way count first)."),
    },
    "apps.budget.pick.help": {
        "sv": "Sök på id eller titel och kryssa i de behov som måste med eller ska uteslutas.",
        "en": "Search by id or title and tick the needs that must be included or excluded.",
    },
    "apps.budget.pick.search": {"sv": "Sök id eller titel …", "en": "Search id or title …"},
    "apps.budget.pick.clear": {"sv": "Töm", "en": "Clear"},
    "apps.budget.pick.none": {"sv": "Inga behov matchar sökningen.",
                              "en": "No needs match the search."},
    "apps.budget.pick.more": {"sv": "{n} till – skriv mer för att hitta dem.",
                              "en": "{n} more – type more to find them."},
    "apps.budget.pick.chosen": {"sv": "Valda ({n}):", "en": "Chosen ({n}):"},
    "apps.budget.pick.nothing": {"sv": "Inga valda.", "en": "None chosen."},
    "apps.budget.frontier_y_unit": {"sv": "Bästa värde ({unit})", "en": "Best value ({unit})"},
    "apps.budget.axis_unit.npv": {"sv": "mnkr nettonuvärde", "en": "MSEK net present value"},
    "apps.budget.axis_unit.npv_financial": {
        "sv": "mnkr nettonuvärde, finansiell nytta", "en": "MSEK net present value, cash-releasing",
    },
    "app.rank.why_row": {"sv": "Visa varför behovet hamnar här",
                         "en": "Show why the need is ranked here"},
    "app.rank.click_hint": {
        "sv": "Klicka på ett id i listan för att se varför behovet hamnar där.",
        "en": "Click an id in the list to see why the need is ranked there.",
    },
    "app.rank.rows_capped": {
        "sv": "De {n} första visas; hela listan finns i Excel-filen.",
        "en": "The first {n} are shown; the whole list is in the Excel file.",
    },
    "apps.benefit.years_period": {"sv": "{n} år ({first}–{last})", "en": "{n} years ({first}–{last})"},
    "apps.benefit.k.cost_period": {"sv": "IT-kostnad {first}–{last}", "en": "IT cost {first}–{last}"},
    "apps.benefit.period_note": {
        "sv": ("Kalkylperioden är {first}–{last}: beslutsåret och {n} år efter. Belopp före "
               "{first} (redan lagda på pågående behov) och efter {last} räknas inte."),
        "en": ("The calculation period is {first}–{last}: the decision year and {n} years after. "
               "Amounts before {first} (already spent on needs under way) and after {last} are "
               "not counted."),
    },
}
