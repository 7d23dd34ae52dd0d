"""Texts shared by the Voila apps."""

TEXTS = {
    "app.data.active": {"sv": "Data", "en": "Data"},
    "app.data.more_files": {"sv": "och {count} till", "en": "and {count} more"},
    "app.data.upload": {"sv": "Ladda upp planer", "en": "Upload plans"},
    "app.data.reset": {"sv": "Tillbaka till exempeldata", "en": "Back to sample data"},
    "app.data.rejected": {
        "sv": "Filerna innehåller fel och användes inte. Inget sparades:",
        "en": "The files contain errors and were not used. Nothing was kept:",
    },
    "app.data.more_errors": {"sv": "… och {count} fel till", "en": "… and {count} more errors"},
    "app.data.too_many": {
        "sv": "För många filer (högst {limit}).", "en": "Too many files (at most {limit}).",
    },
    "app.data.bad_suffix": {
        "sv": "{name}: filtypen stöds inte; använd .xlsx eller .csv.",
        "en": "{name}: unsupported file type; use .xlsx or .csv.",
    },
    "app.data.too_big": {"sv": "{name}: filen är för stor.", "en": "{name}: the file is too large."},
}

TEXTS.update({
    "app.scen.title": {"sv": "Scenarier", "en": "Scenarios"},
    "app.scen.name": {"sv": "Namn", "en": "Name"},
    "app.scen.name_hint": {"sv": "t.ex. Budget 2027 förslag A", "en": "e.g. Budget 2027 option A"},
    "app.scen.author": {"sv": "Av", "en": "By"},
    "app.scen.note": {"sv": "Anteckning", "en": "Note"},
    "app.scen.save": {"sv": "Spara scenario", "en": "Save scenario"},
    "app.scen.saved": {"sv": "Sparade", "en": "Saved"},
    "app.scen.load": {"sv": "Öppna", "en": "Open"},
    "app.scen.compare_with": {"sv": "Jämför med", "en": "Compare with"},
    "app.scen.compare": {"sv": "Jämför", "en": "Compare"},
    "app.scen.decide": {"sv": "Markera som beslut", "en": "Mark as decision"},
    "app.scen.store_error": {
        "sv": "Scenarielagret kunde inte läsas: {error}", "en": "The scenario store failed: {error}",
    },
    "app.scen.saved_ok": {
        "sv": "Scenariot {name} sparades (version {version}).",
        "en": "Scenario {name} saved (version {version}).",
    },
    "app.scen.choose": {"sv": "Välj ett sparat scenario.", "en": "Choose a saved scenario."},
    "app.scen.choose_two": {"sv": "Välj två sparade scenarier.", "en": "Choose two saved scenarios."},
    "app.scen.loaded": {"sv": "Scenariot {name} är öppnat.", "en": "Scenario {name} opened."},
    "app.scen.other_data": {
        "sv": "Obs: det sparades med andra indata än de som nu är inlästa.",
        "en": "Note: it was saved with other input data than what is loaded now.",
    },
    "app.scen.setting": {"sv": "Inställning", "en": "Setting"},
    "app.scen.diff_settings": {"sv": "Skillnader i val", "en": "Differences in choices"},
    "app.scen.same": {"sv": "Samma val i båda.", "en": "Same choices in both."},
    "app.scen.need_author": {
        "sv": "Skriv ditt namn i fältet Av innan du markerar ett beslut.",
        "en": "Enter your name in the field By before marking a decision.",
    },
    "app.scen.decided": {
        "sv": "Beslut registrerat: {name} version {version}, av {who}.",
        "en": "Decision recorded: {name} version {version}, by {who}.",
    },
})

TEXTS.update({
    "app.rank.title": {"sv": "Prioritering", "en": "Prioritisation"},
    "app.rank.lead": {
        "sv": "Flytta reglagen för att väga kriterierna. Listan uppdateras direkt; pilarna visar "
              "förflyttning mot standardvikterna och robustheten hur säkert behovet hamnar bland de "
              "N främsta om vikterna varierar ±20 %.",
        "en": "Move the sliders to weigh the criteria. The list updates at once; arrows show the "
              "change against the default weights, robustness how surely a need stays in the top N "
              "when the weights vary ±20 %.",
    },
    "app.rank.weights": {"sv": "Vikter", "en": "Weights"},
    "app.rank.custom": {"sv": "Egna vikter", "en": "Custom weights"},
    "app.rank.preset": {"sv": "Profil", "en": "Preset"},
    "app.rank.method": {"sv": "Metod", "en": "Method"},
    "app.rank.method_wsum": {"sv": "Viktad summa", "en": "Weighted sum"},
    "app.rank.method_topsis": {"sv": "TOPSIS", "en": "TOPSIS"},
    "app.rank.filters": {"sv": "Urval", "en": "Filters"},
    "app.rank.category": {"sv": "Kategori", "en": "Category"},
    "app.rank.all": {"sv": "Alla", "en": "All"},
    "app.rank.top_n": {"sv": "Topp N", "en": "Top N"},
    "app.rank.shares": {"sv": "Andel av vikten", "en": "Share of weight"},
    "app.rank.col_rank": {"sv": "Plats", "en": "Rank"},
    "app.rank.col_change": {"sv": "Ändring", "en": "Change"},
    "app.rank.col_score": {"sv": "Poäng", "en": "Score"},
    "app.rank.col_robust": {"sv": "Säkerhet topp N", "en": "P(top N)"},
    "app.rank.caption": {
        "sv": "{n} behov visas; de {top} främsta är markerade.",
        "en": "{n} needs shown; the top {top} are marked.",
    },
    "app.rank.excluded": {
        "sv": "{n} behov kan inte rangordnas (visa varför)",
        "en": "{n} needs cannot be ranked (show why)",
    },
    "app.rank.explain_title": {"sv": "Varför hamnar behovet där?", "en": "Why is it ranked there?"},
    "app.rank.explain_a": {"sv": "Behov", "en": "Need"},
    "app.rank.explain_b": {"sv": "Jämför med", "en": "Compare with"},
    "app.rank.explain_hint": {
        "sv": "Välj ett behov för att se vilka kriterier som placerar det före eller efter "
              "behovet ovanför, och hur mycket en vikt måste ändras för att de ska byta plats.",
        "en": "Choose a need to see which criteria put it before or after the need above, and how "
              "much one weight must change for them to swap.",
    },
    "app.rank.criterion": {"sv": "Kriterium", "en": "Criterion"},
    "app.rank.difference": {"sv": "Skillnad", "en": "Difference"},
    "app.rank.contribution": {"sv": "Bidrag", "en": "Contribution"},
    "app.rank.chart_title": {
        "sv": "Poäng per kriterium för de {n} främsta", "en": "Score by criterion, top {n}",
    },
    "app.rank.compare_title": {"sv": "Största förflyttningar", "en": "Largest moves"},
})

TEXTS.update({
    "app.download.button": {"sv": "Exportera till Excel", "en": "Export to Excel"},
    "app.download.ready": {"sv": "Ladda ned {name}", "en": "Download {name}"},
    "app.download.too_big": {
        "sv": "Exporten blev för stor för att laddas ned i sidan; använd kommandoraden.",
        "en": "The export is too large to download in the page; use the command line.",
    },
    "app.rank.sheet": {"sv": "Prioritering", "en": "Prioritisation"},
    "app.rank.sheet_weights": {"sv": "Vikter", "en": "Weights"},
    "app.rank.file": {"sv": "prioritering", "en": "prioritisation"},
})

TEXTS.update({
    "app.scen.compare_self": {
        "sv": "Välj två olika scenarier att jämföra.",
        "en": "Choose two different scenarios to compare.",
    },
})

TEXTS.update({
    "app.num.empty": {"sv": "Skriv ett tal.", "en": "Enter a number."},
    "app.num.unreadable": {
        "sv": "”{text}” går inte att läsa som ett tal; skriv t.ex. 10,5.",
        "en": "“{text}” cannot be read as a number; write e.g. 10.5.",
    },
    "app.num.range": {
        "sv": "{text} ligger utanför det tillåtna intervallet {lo}–{hi}.",
        "en": "{text} is outside the allowed range {lo}–{hi}.",
    },
})

TEXTS.update({
    "app.nav.label": {"sv": "Apparna", "en": "The apps"},
    "app.nav.start": {"sv": "Start", "en": "Start"},
    "app.data.mode": {"sv": "Uppladdning", "en": "Upload"},
    "app.data.mode.replace": {"sv": "Ersätt nuvarande data", "en": "Replace current data"},
    "app.data.mode.add": {"sv": "Lägg till i nuvarande data", "en": "Add to current data"},
    "app.data.sample": {"sv": "exempeldata", "en": "sample data"},
    "app.data.own": {
        "sv": "Egen data för hela besöket: de andra apparna visar samma.",
        "en": "Own data for the whole visit: the other apps show the same.",
    },
    "app.data.kept": {
        "sv": "{files} godkändes och används nu i alla appar under besöket.",
        "en": "{files} accepted and now used in every app during the visit.",
    },
    "app.data.store_error": {
        "sv": "Uppladdningen kunde inte sparas för besöket: {error}",
        "en": "The upload could not be kept for the visit: {error}",
    },
})

TEXTS.update({
    "app.scen.current": {"sv": "Scenario", "en": "Scenario"},
    "app.scen.none": {
        "sv": "Inget scenario öppnat – standardvalen visas.",
        "en": "No scenario opened – the defaults are shown.",
    },
    "app.scen.decider": {"sv": "Beslutat av", "en": "Decided by"},
    "app.scen.confirm": {"sv": "Ja, registrera beslutet", "en": "Yes, record the decision"},
    "app.scen.cancel": {"sv": "Avbryt", "en": "Cancel"},
    "app.scen.ask": {
        "sv": "Markera {name} version {version} som beslut? Beslutet registreras med namn och "
              "tid och kan inte tas bort. Skriv vem som beslutar.",
        "en": "Mark {name} version {version} as the decision? It is recorded with name and time "
              "and cannot be removed. Enter who decides.",
    },
    "app.scen.decisions": {"sv": "Beslut", "en": "Decisions"},
    "app.scen.no_decisions": {"sv": "Inga beslut registrerade ännu.", "en": "No decisions yet."},
    "app.scen.col.scenario": {"sv": "Scenario", "en": "Scenario"},
    "app.scen.col.version": {"sv": "Version", "en": "Version"},
    "app.scen.col.who": {"sv": "Beslutat av", "en": "Decided by"},
    "app.scen.col.when": {"sv": "När", "en": "When"},
    "app.scen.weight_label": {"sv": "Vikt: {name}", "en": "Weight: {name}"},
})

TEXTS.update({
    "app.scen.label.budget": {"sv": "Budget", "en": "Budget"},
    "app.scen.label.year_budget": {"sv": "Budget {year}", "en": "Budget {year}"},
})

TEXTS.update({
    "app.rank.changed": {
        "sv": "koncernnytta {before} → {after}, ändrad av analytiker",
        "en": "shared benefit {before} → {after}, changed by an analyst",
    },
    "app.rank.changed_detail": {
        "sv": "Ett beslut i Gemensamma behov (slå ihop/dela) ändrade antalet förvaltningar som "
              "delar behovet från {before} till {after}.",
        "en": "A decision in Shared needs (merge/split) changed the number of departments sharing "
              "the need from {before} to {after}.",
    },
})

TEXTS.update({
    "app.rank.show_all": {"sv": "Visa alla", "en": "Show all"},
    "app.rank.first_rows": {
        "sv": "De {n} första visas; tryck Visa alla för resten.",
        "en": "The first {n} are shown; press Show all for the rest.",
    },
})
