"""Texts of the budget's value model (kstad_analysis.benefit_value)."""

TEXTS = {
    "value.err.reference": {
        "sv": "value.toml: referensen för {key} ({reference}) måste vara större än nollpunkten ({zero}).",
        "en": "value.toml: the reference for {key} ({reference}) must exceed its zero ({zero}).",
    },
    "value.err.risk_share": {
        "sv": "value.toml: riskandelarna måste ligga mellan 0 och 1.",
        "en": "value.toml: the risk shares must lie between 0 and 1.",
    },
    "value.err.no_weight": {
        "sv": "Budgeten räknar med nyttokriterierna ({keys}), men alla har vikten 0. "
              "Ge minst ett av dem en vikt.",
        "en": "The budget uses the benefit criteria ({keys}), but all have weight 0. "
              "Give at least one of them a weight.",
    },
    "value.err.unknown_criterion": {
        "sv": "value.toml nämner kriteriet {key}, som inte finns i criteria.toml.",
        "en": "value.toml names the criterion {key}, which is not in criteria.toml.",
    },
    "value.kind.benefit": {"sv": "Nyttopoäng", "en": "Benefit points"},
    "value.kind.npv": {"sv": "Nettonuvärde inkl. omfördelningsnytta (kr)",
                       "en": "Net present value incl. time savings (SEK)"},
    "value.kind.npv_financial": {"sv": "Nettonuvärde, endast finansiell nytta (kr)",
                                 "en": "Net present value, cash-releasing benefit only (SEK)"},
    "value.unit.benefit": {"sv": "nyttopoäng", "en": "benefit points"},
    "value.unit.npv": {"sv": "kr nettonuvärde", "en": "SEK net present value"},
    "value.unit.npv_financial": {"sv": "kr nettonuvärde (finansiell nytta)",
                                 "en": "SEK net present value (cash-releasing)"},
    "value.explain.benefit": {
        "sv": "Budgeten maximerar summan av nyttopoäng: nytta mätt från nollpunkten \"behovet görs "
              "inte\" (0 kr per år, betyg 1, en förvaltning), vägd med scenariots vikter för "
              "nyttokriterierna och minskad med risken. Kostnaden är budgetens gräns och räknas "
              "inte som nytta; lagkrav tas med som krav. 1 nyttopoäng = referensnivån på alla "
              "nyttokriterier (t.ex. 1 mnkr per år i ekonomisk nytta) vid lägsta risk.",
        "en": "The budget maximises the sum of benefit points: benefit measured from the zero "
              "\"the need is not done\" (0 SEK a year, rating 1, one department), weighted by the "
              "scenario's weights on the benefit criteria and reduced by risk. Cost is the "
              "budget's limit and is not counted as benefit; legal requirements enter as "
              "constraints. 1 point = the reference level on every benefit criterion.",
    },
    "value.explain.npv": {
        "sv": "Budgeten maximerar summan av behovens nettonuvärden, med omfördelningsnytta "
              "(frigjord tid värderad i kronor).",
        "en": "The budget maximises the sum of the needs' net present values, including time "
              "savings valued in money.",
    },
    "value.explain.npv_financial": {
        "sv": "Budgeten maximerar summan av behovens nettonuvärden med enbart finansiell nytta "
              "(pengar som lämnar en budget).",
        "en": "The budget maximises the sum of the needs' net present values with cash-releasing "
              "benefit only.",
    },
}
