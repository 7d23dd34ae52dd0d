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

TEXTS.update({
    "start.warnings": {"sv": "Varningar i planerna", "en": "Warnings in the plans"},
    "start.app.ranking.desc": {
        "sv": "Väg kriterierna och se vilka behov som hamnar först, och varför.",
        "en": "Weigh the criteria and see which needs come first, and why.",
    },
    "start.app.shared.desc": {
        "sv": "Hitta behov som flera förvaltningar har och förslag på bastjänster.",
        "en": "Find needs several departments share, and base-service proposals.",
    },
    "start.app.budget.desc": {
        "sv": "Den bästa portföljen inom budgeten, per år och med lagkraven med.",
        "en": "The best portfolio within the budget, per year and with the legal requirements.",
    },
    "start.app.benefits.desc": {
        "sv": "IT-kostnad mot nytta per förvaltning och år, planerat mot realiserat.",
        "en": "IT cost against benefit per department and year, planned against realised.",
    },
})
