"""Column labels and texts shared by apps, exports and reports."""

TEXTS = {
    "col.id": {"sv": "ID", "en": "ID"},
    "col.department": {"sv": "Förvaltning", "en": "Department"},
    "col.title": {"sv": "Titel", "en": "Title"},
    "col.needs": {"sv": "Behov", "en": "Needs"},
    "col.incomplete": {"sv": "Ofullständiga", "en": "Incomplete"},
    "col.investment": {"sv": "Investering (kr)", "en": "Investment (SEK)"},
    "col.running_cost": {"sv": "Drift per år (kr)", "en": "Running cost per year (SEK)"},
    "col.investment_known": {"sv": "Investering, angiven (kr)", "en": "Investment, stated (SEK)"},
    "col.investment_missing": {"sv": "Saknar investering (antal)", "en": "No investment stated (count)"},
    "col.running_cost_known": {"sv": "Drift per år, angiven (kr)",
                               "en": "Running cost per year, stated (SEK)"},
    "col.running_cost_missing": {"sv": "Saknar driftkostnad (antal)",
                                 "en": "No running cost stated (count)"},
    "start.title": {"sv": "kstad – beslutsstöd för digitalisering", "en": "kstad – decision support"},
    "start.lead": {
        "sv": "Prioritera förvaltningarnas behov, hitta gemensamma behov, "
              "välj portfölj inom budget och följ effekthemtagningen.",
        "en": "Prioritise the departments' needs, find shared needs, choose a portfolio "
              "within budget and follow benefits realisation.",
    },
    "start.per_department": {"sv": "Behov per förvaltning", "en": "Needs per department"},
    "start.errors": {"sv": "Fel i planerna", "en": "Errors in the plans"},
    "start.app.ranking": {"sv": "Prioritering", "en": "Prioritisation"},
    "start.app.shared": {"sv": "Gemensamma behov", "en": "Shared needs"},
    "start.app.budget": {"sv": "Budget", "en": "Budget"},
    "start.app.benefits": {"sv": "Effekthemtagning", "en": "Benefits realisation"},
}
