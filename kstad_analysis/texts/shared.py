"""Texts for shared needs (gemensamma behov) and bastjänst candidates."""

TEXTS = {
    "shared.help": {
        "sv": "Hitta gemensamma behov mellan förvaltningar och föreslå bastjänster.",
        "en": "Find needs shared across departments and propose base services.",
    },
    "shared.candidates_help": {
        "sv": "Lista bastjänstkandidater med besparing i stället för behoven.",
        "en": "List base-service candidates with their saving instead of the needs.",
    },
    "shared.out_help": {
        "sv": "Spara resultatet som .csv, .xlsx eller .json.",
        "en": "Save the result as .csv, .xlsx or .json.",
    },
    "shared.no_needs": {
        "sv": "Planerna innehåller inga behov att gruppera.",
        "en": "The plans contain no needs to group.",
    },
    "shared.embedding_progress": {
        "sv": "Läser nya behovstexter med meningsmodellen (en gång per text):",
        "en": "Reading new need texts with the sentence model (once per text):",
    },
    "shared.bad_threshold": {
        "sv": "Tröskeln måste vara ett tal större än 0 och högst 1, fick {value}.",
        "en": "The threshold must be a number above 0 and at most 1, got {value}.",
    },
    "shared.bad_out": {
        "sv": "Okänt filformat för --out: {path} (använd .csv, .xlsx eller .json).",
        "en": "Unknown file format for --out: {path} (use .csv, .xlsx or .json).",
    },
    "shared.summary": {
        "sv": ("{needs} behov i {groups} grupper; {shared} grupper delas av flera förvaltningar "
               "(tröskel {threshold})."),
        "en": ("{needs} needs in {groups} groups; {shared} groups are shared by several departments "
               "(threshold {threshold})."),
    },
    "shared.unresolved": {
        "sv": "Grupperingsbeslut som gäller behov som inte längre finns: {kind} {ids} ({author}, {created})",
        "en": "Grouping decision about needs that no longer exist: {kind} {ids} ({author}, {created})",
    },
    "shared.conflict": {
        "sv": ("Sammanslagning ej gjord, den skulle förena behov markerade som inte samma: "
               "{ids} ({author}, {created})"),
        "en": "Merge not applied; it would join needs marked as not the same: {ids} ({author}, {created})",
    },
    "shared.no_candidates": {
        "sv": "Inga bastjänstkandidater: ingen grupp spänner över minst {minimum} förvaltningar.",
        "en": "No base-service candidates: no group spans at least {minimum} departments.",
    },
    "shared.col.id": {"sv": "ID", "en": "ID"},
    "shared.col.department": {"sv": "Förvaltning", "en": "Department"},
    "shared.col.title": {"sv": "Titel", "en": "Title"},
    "shared.col.group_id": {"sv": "Grupp", "en": "Group"},
    "shared.col.group_label": {"sv": "Gruppnamn", "en": "Group label"},
    "shared.col.group_size": {"sv": "Antal behov i gruppen", "en": "Needs in group"},
    "shared.col.n_departments": {"sv": "Antal förvaltningar", "en": "Departments"},
    "shared.col.cohesion": {"sv": "Sammanhållning", "en": "Cohesion"},
    "shared.col.why": {"sv": "Varför i gruppen", "en": "Why in the group"},
    "shared.why.terms": {
        "sv": "Närmast {other} ”{title}” (likhet {sim}): delar {terms}",
        "en": "Closest to {other} “{title}” (similarity {sim}): shares {terms}",
    },
    "shared.why.semantic": {
        "sv": "Närmast {other} ”{title}” (likhet {sim}): semantisk granne, betydelselikhet {semantic}",
        "en": "Closest to {other} “{title}” (similarity {sim}): semantic neighbour, meaning {semantic}",
    },
    "shared.why.decision": {
        "sv": "Närmast {other} ”{title}” (likhet {sim}); i gruppen genom analytikerns beslut",
        "en": "Closest to {other} “{title}” (similarity {sim}); in the group by the analyst's decision",
    },
    "shared.col.candidate_id": {"sv": "Kandidat", "en": "Candidate"},
    "shared.col.label": {"sv": "Gruppnamn", "en": "Group label"},
    "shared.col.member_ids": {"sv": "Behov", "en": "Needs"},
    "shared.col.departments": {"sv": "Förvaltningar", "en": "Departments"},
    "shared.col.separate_investment": {
        "sv": "Investering var för sig (kr)", "en": "Separate investment (SEK)"},
    "shared.col.shared_investment": {"sv": "Gemensam investering (kr)", "en": "Shared investment (SEK)"},
    "shared.col.saving_investment": {"sv": "Besparing investering (kr)", "en": "Investment saving (SEK)"},
    "shared.col.separate_running": {"sv": "Drift var för sig (kr/år)", "en": "Separate running (SEK/yr)"},
    "shared.col.shared_running": {"sv": "Gemensam drift (kr/år)", "en": "Shared running (SEK/yr)"},
    "shared.col.saving_running": {"sv": "Besparing drift (kr/år)", "en": "Running saving (SEK/yr)"},
    "shared.col.saving": {"sv": "Besparing över kalkylperioden (kr)", "en": "Saving over the period (SEK)"},
    "shared.col.period_years": {"sv": "Kalkylår", "en": "Period (years)"},
    "shared.col.gaining_departments": {"sv": "Förvaltningar som vinner", "en": "Departments that gain"},
    "shared.col.saving_by_department": {
        "sv": "Besparing per förvaltning (kr)", "en": "Saving per department (SEK)"},
    "shared.col.incomplete": {"sv": "Ofullständig", "en": "Incomplete"},
    "shared.col.missing": {"sv": "Saknas", "en": "Missing"},
}
