"""Texts of the analysis chain (kstad_analysis.analysis)."""

TEXTS = {
    "analysis.err.no_budget": {
        "sv": "Ingen budget angiven: ange en total budget eller budget per år.",
        "en": "No budget given: give a total budget or a budget per year.",
    },
    "analysis.err.scenario_missing": {
        "sv": "Scenariot \"{name}\" finns inte i lagret {store}. Sparade scenarier: {known}.",
        "en": "The scenario \"{name}\" is not in the store {store}. Saved scenarios: {known}.",
    },
    "analysis.err.none_saved": {"sv": "inga", "en": "none"},
    "analysis.err.scenario_and_weights": {
        "sv": "Ange antingen --scenario eller --weights/--preset, inte båda.",
        "en": "Give either --scenario or --weights/--preset, not both.",
    },
    "analysis.cli.scenario": {
        "sv": "sparat scenario att räkna med (vikter, metod, tröskel, budget, måste/uteslut)",
        "en": "saved scenario to compute with (weights, method, threshold, budget, must/exclude)",
    },
    "analysis.cli.threshold": {
        "sv": "likhetströskel för gemensamma behov (0–1); standard: scenariots eller konfigurationens",
        "en": "similarity threshold for shared needs (0–1); default: the scenario's or the configured one",
    },
    "analysis.cli.store": {
        "sv": "mapp med sparade scenarier och grupperingsbeslut (standard: projektets lager)",
        "en": "folder with saved scenarios and grouping decisions (default: the project store)",
    },
    "analysis.core.scope": {
        "sv": "Vikterna för nyttokriterierna varierar inom ±{spread} %; totalbudget, driftbudget, "
              "lagkrav, måste, uteslut, beroenden och bastjänster gäller; budget per år gäller "
              "som de villkor varje schema inom startfönstret uppfyller (exakt när inget "
              "startår flyttas).",
        "en": "The benefit weights vary within ±{spread} %; total budget, running-cost budget, "
              "legal requirements, must, exclude, dependencies and shared services apply; "
              "budgets per year apply as the conditions every schedule within the start window "
              "meets (exact when no start moves).",
    },
}
