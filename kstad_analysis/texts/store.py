"""Texts for saved scenarios, decision records and the scenario store."""

TEXTS = {
    # Field names, used inside the validation messages below.
    "store.field.name": {"sv": "Namnet", "en": "The name"},
    "store.field.author": {"sv": "Författaren", "en": "The author"},
    "store.field.group_id": {"sv": "Grupp-ID", "en": "The group id"},
    "store.field.group_name": {"sv": "Gruppnamnet", "en": "The group name"},
    "store.field.note": {"sv": "Anteckningen", "en": "The note"},
    "store.field.created": {"sv": "Tidpunkten", "en": "The time"},
    "store.field.data_fingerprint": {"sv": "Datafingeravtrycket", "en": "The data fingerprint"},
    "store.field.weights": {"sv": "Vikterna", "en": "The weights"},
    "store.field.weight": {"sv": "Vikten för {key}", "en": "The weight for {key}"},
    "store.field.method": {"sv": "Metoden", "en": "The method"},
    "store.field.preset": {"sv": "Förinställningen", "en": "The preset"},
    "store.field.budget": {"sv": "Budgeten", "en": "The budget"},
    "store.field.per_year": {"sv": "Budgeten per år", "en": "The budget per year"},
    "store.field.year_budget": {"sv": "Budgeten för {year}", "en": "The budget for {year}"},
    "store.field.year": {"sv": "Året", "en": "The year"},
    "store.field.must": {"sv": "Måste-listan", "en": "The must list"},
    "store.field.exclude": {"sv": "Uteslut-listan", "en": "The exclude list"},
    "store.field.stopped": {"sv": "Listan över stoppade åtaganden", "en": "The stopped commitments"},
    "store.field.stop_reason": {"sv": "Skälet att stoppa", "en": "The reason to stop"},
    "store.field.running_budget": {"sv": "Driftbudgeten", "en": "The running-cost budget"},
    "store.field.id": {"sv": "Behovs-ID:t", "en": "The need ID"},
    "store.field.value": {"sv": "Värdemåttet", "en": "The value measure"},
    "store.field.threshold": {"sv": "Tröskeln för gemensamma behov", "en": "The shared-needs threshold"},
    "store.field.overrides": {"sv": "Övriga val", "en": "The other choices"},
    "store.field.top_n": {"sv": "Antalet i topplistan", "en": "The top-list length"},
    "store.field.version": {"sv": "Versionen", "en": "The version"},
    "store.field.decided_by": {"sv": "Beslutsfattaren", "en": "The decision maker"},
    # Validation messages.
    "store.err.required": {"sv": "{field} måste anges.", "en": "{field} is required."},
    "store.err.not_text": {"sv": "{field} måste vara text.", "en": "{field} must be text."},
    "store.err.too_long": {
        "sv": "{field} får vara högst {limit} tecken (nu {length}).",
        "en": "{field} may be at most {limit} characters (now {length}).",
    },
    "store.err.control": {
        "sv": "{field} innehåller otillåtna styrtecken.",
        "en": "{field} contains forbidden control characters.",
    },
    "store.err.not_number": {"sv": "{field} måste vara ett tal.", "en": "{field} must be a number."},
    "store.err.not_integer": {"sv": "{field} måste vara ett heltal.", "en": "{field} must be an integer."},
    "store.err.not_finite": {
        "sv": "{field} måste vara ett ändligt tal (inte NaN eller oändligt).",
        "en": "{field} must be a finite number (not NaN or infinity).",
    },
    "store.err.range": {
        "sv": "{field} måste ligga mellan {lo} och {hi} (nu {value}).",
        "en": "{field} must be between {lo} and {hi} (now {value}).",
    },
    "store.err.choice": {
        "sv": "{field} måste vara en av: {allowed}.",
        "en": "{field} must be one of: {allowed}.",
    },
    "store.err.not_mapping": {
        "sv": "{field} måste vara en tabell av nycklar och värden.",
        "en": "{field} must be a mapping of keys to values.",
    },
    "store.err.not_list": {"sv": "{field} måste vara en lista.", "en": "{field} must be a list."},
    "store.err.too_many": {
        "sv": "{field} får ha högst {limit} poster (nu {count}).",
        "en": "{field} may hold at most {limit} items (now {count}).",
    },
    "store.err.weight_key": {
        "sv": "Ogiltigt kriterienamn ”{key}”: använd 1–40 gemena bokstäver a–z och understreck.",
        "en": "Invalid criterion name “{key}”: use 1–40 lower-case letters a–z and underscores.",
    },
    "store.err.must_exclude": {
        "sv": "Samma behov kan inte både måste vara med och uteslutas: {ids}.",
        "en": "A need cannot be both forced in and excluded: {ids}.",
    },
    "store.err.created": {
        "sv": "Tidpunkten måste vara ISO 8601 med tidszon, t.ex. 2026-11-03T10:00:00+00:00.",
        "en": "The time must be ISO 8601 with a time zone, e.g. 2026-11-03T10:00:00+00:00.",
    },
    "store.err.overrides_json": {
        "sv": "Övriga val måste gå att spara som JSON (text, tal, listor; inga NaN): {detail}",
        "en": "The other choices must be storable as JSON (text, numbers, lists; no NaN): {detail}",
    },
    "store.err.overrides_size": {
        "sv": "Övriga val får vara högst {limit} kB som JSON (nu {size} kB).",
        "en": "The other choices may be at most {limit} kB as JSON (now {size} kB).",
    },
    "store.err.unknown_keys": {
        "sv": "Okända fält i scenariot: {keys}.",
        "en": "Unknown fields in the scenario: {keys}.",
    },
    "store.err.not_scenario": {
        "sv": "Det som skulle sparas är inget scenario.",
        "en": "What was to be saved is not a scenario.",
    },
    # Store messages.
    "store.not_found": {
        "sv": "Det finns inget sparat scenario med namnet ”{name}”.",
        "en": "There is no saved scenario named “{name}”.",
    },
    "store.version_not_found": {
        "sv": "Scenariot ”{name}” har ingen version {version}.",
        "en": "The scenario “{name}” has no version {version}.",
    },
    "store.decided_no_delete": {
        "sv": "Scenariot ”{name}” är underlag för ett fattat beslut och kan inte raderas.",
        "en": "The scenario “{name}” underlies a decision taken and cannot be deleted.",
    },
    "store.too_new": {
        "sv": "Databasen {path} har schemaversion {found}, men den här versionen av kstad "
              "känner bara till version {known}. Uppdatera kstad innan databasen används.",
        "en": "The database {path} has schema version {found}, but this version of kstad "
              "knows only version {known}. Update kstad before using the database.",
    },
    "store.grouping_not_found": {
        "sv": "Det finns inget sparat grupperingsbeslut med id {id}.",
        "en": "There is no saved grouping decision with id {id}.",
    },
    "store.grouping_invalid": {
        "sv": "Grupperingsbeslutet kan inte sparas: {detail}",
        "en": "The grouping decision cannot be saved: {detail}",
    },
    "store.grouping_too_large": {
        "sv": "Grupperingsbeslutet är för stort ({size} kB; högst {limit} kB).",
        "en": "The grouping decision is too large ({size} kB; at most {limit} kB).",
    },
    # Labels for comparing two scenarios' settings side by side.
    "store.label.name": {"sv": "Namn", "en": "Name"},
    "store.label.author": {"sv": "Författare", "en": "Author"},
    "store.label.note": {"sv": "Anteckning", "en": "Note"},
    "store.label.created": {"sv": "Skapad (UTC)", "en": "Created (UTC)"},
    "store.label.data_fingerprint": {"sv": "Data (fingeravtryck)", "en": "Data (fingerprint)"},
    "store.label.weight": {"sv": "Vikt: {key}", "en": "Weight: {key}"},
    "store.label.method": {"sv": "Metod", "en": "Method"},
    "store.label.preset": {"sv": "Förinställning", "en": "Preset"},
    "store.label.budget": {"sv": "Budget (kr)", "en": "Budget (SEK)"},
    "store.label.year_budget": {"sv": "Budget {year} (kr)", "en": "Budget {year} (SEK)"},
    "store.label.must": {"sv": "Måste med", "en": "Forced in"},
    "store.label.exclude": {"sv": "Uteslutna", "en": "Excluded"},
    "store.label.running_budget": {"sv": "Driftbudget per år", "en": "Running-cost budget per year"},
    "store.label.stopped": {"sv": "Stoppade åtaganden", "en": "Stopped commitments"},
    "store.label.value": {"sv": "Värdemått", "en": "Value measure"},
    "store.label.threshold": {"sv": "Tröskel gemensamma behov", "en": "Shared-needs threshold"},
    "store.label.overrides": {"sv": "Övriga val: {key}", "en": "Other choice: {key}"},
    "store.label.top_n": {"sv": "Topplistans längd", "en": "Top-list length"},
}
