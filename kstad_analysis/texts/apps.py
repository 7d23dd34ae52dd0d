"""Texts for the Voila apps Gemensamma behov, Budget and Effekthemtagning."""

TEXTS = {
    # ------------------------------------------------------------ shared by the three apps
    "apps.msek": {"sv": "mnkr", "en": "MSEK"},
    "apps.all": {"sv": "Alla förvaltningar", "en": "All departments"},
    "apps.none": {"sv": "–", "en": "–"},
    "apps.yes": {"sv": "ja", "en": "yes"},
    "apps.no": {"sv": "nej", "en": "no"},
    "apps.more": {"sv": "… och {n} till", "en": "… and {n} more"},
    "apps.error": {"sv": "Kunde inte räkna: {error}", "en": "Could not compute: {error}"},
}

TEXTS.update({
    # ------------------------------------------------------------ Gemensamma behov
    "apps.shared.title": {"sv": "Gemensamma behov", "en": "Shared needs"},
    "apps.shared.lead": {
        "sv": ("Behov som flera förvaltningar beskriver på olika sätt grupperas efter hur lika "
               "texterna är. Grupper som spänner över flera förvaltningar kan byggas en gång, som "
               "en bastjänst på den gemensamma plattformen. Analytikern har sista ordet: slå ihop, "
               "dela ut eller markera ”inte samma behov”."),
        "en": ("Needs that several departments describe differently are grouped by how alike the "
               "texts are. Groups that span several departments can be built once, as a base "
               "service on the common platform. The analyst has the last word: merge, split or "
               "mark as “not the same need”."),
    },
    "apps.shared.threshold": {"sv": "Likhetströskel", "en": "Similarity threshold"},
    "apps.shared.embedding": {
        "sv": "Läser behovstexterna med meningsmodellen: {done} av {total} nya texter "
              "(görs en gång per text; sparas efter hand).",
        "en": "Reading the need texts with the sentence model: {done} of {total} new texts "
              "(once per text; saved as it goes).",
    },
    "apps.shared.threshold_help": {
        "sv": "Högre tröskel = försiktigare gruppering (färre och mindre grupper).",
        "en": "Higher threshold = more cautious grouping (fewer, smaller groups).",
    },
    "apps.shared.only_shared": {
        "sv": "Visa bara grupper med flera förvaltningar",
        "en": "Only show groups spanning several departments",
    },
    "apps.shared.summary": {
        "sv": ("{needs} behov i {groups} grupper; {shared} grupper delas av flera förvaltningar "
               "(tröskel {threshold}). {candidates} bastjänstkandidater."),
        "en": ("{needs} needs in {groups} groups; {shared} groups are shared by several "
               "departments (threshold {threshold}). {candidates} base-service candidates."),
    },
    "apps.shared.groups": {"sv": "Grupper", "en": "Groups"},
    "apps.shared.no_groups": {
        "sv": "Inga grupper med flera behov vid den här tröskeln.",
        "en": "No groups with several needs at this threshold.",
    },
    "apps.shared.group_head": {
        "sv": "{group} · {label} · {size} behov i {departments} förvaltningar · samstämmighet {cohesion}",
        "en": "{group} · {label} · {size} needs in {departments} departments · cohesion {cohesion}",
    },
    "apps.shared.candidates": {"sv": "Bastjänstkandidater", "en": "Base-service candidates"},
    "apps.shared.candidates_lead": {
        "sv": ("Besparing = separata byggen minus ett gemensamt bygge, investering plus drift över "
               "{years} år (regeln står i shared_needs.toml)."),
        "en": ("Saving = separate builds minus one shared build, investment plus running cost "
               "over {years} years (the rule is in shared_needs.toml)."),
    },
    "apps.shared.no_candidates": {
        "sv": "Inga bastjänstkandidater vid den här tröskeln.",
        "en": "No base-service candidates at this threshold.",
    },
    "apps.shared.incomplete": {
        "sv": "ofullständig: saknar {missing}", "en": "incomplete: missing {missing}",
    },
    "apps.shared.col.candidate": {"sv": "Kandidat", "en": "Candidate"},
    "apps.shared.col.label": {"sv": "Benämning", "en": "Label"},
    "apps.shared.col.departments": {"sv": "Förvaltningar", "en": "Departments"},
    "apps.shared.col.members": {"sv": "Behov", "en": "Needs"},
    "apps.shared.col.separate": {"sv": "Separata byggen", "en": "Separate builds"},
    "apps.shared.col.shared": {"sv": "Gemensamt bygge", "en": "Shared build"},
    "apps.shared.col.saving": {"sv": "Besparing", "en": "Saving"},
    "apps.shared.actions": {"sv": "Analytikerns beslut", "en": "Analyst decisions"},
    "apps.shared.actions_lead": {
        "sv": "Besluten sparas och gäller vid varje ny gruppering, i alla appar.",
        "en": "Decisions are saved and apply to every new grouping, in every app.",
    },
    "apps.shared.kind": {"sv": "Beslut", "en": "Decision"},
    "apps.shared.kind.merge": {"sv": "Slå ihop", "en": "Merge"},
    "apps.shared.kind.split": {"sv": "Dela ut", "en": "Split out"},
    "apps.shared.kind.not_same": {"sv": "Inte samma behov", "en": "Not the same need"},
    "apps.shared.kind_help.merge": {
        "sv": "Grupperna som de två behoven ligger i blir en grupp.",
        "en": "The groups of the two needs become one group.",
    },
    "apps.shared.kind_help.split": {
        "sv": "Behovet flyttas ut till en egen grupp.",
        "en": "The need is moved out to a group of its own.",
    },
    "apps.shared.kind_help.not_same": {
        "sv": "De två behoven hamnar aldrig i samma grupp.",
        "en": "The two needs never end up in the same group.",
    },
    "apps.shared.need_a": {"sv": "Behov", "en": "Need"},
    "apps.shared.need_b": {"sv": "Och behov", "en": "And need"},
    "apps.shared.author": {"sv": "Av", "en": "By"},
    "apps.shared.note": {"sv": "Motivering", "en": "Reason"},
    "apps.shared.save": {"sv": "Spara beslut", "en": "Save decision"},
    "apps.shared.saved_ok": {
        "sv": "Beslutet sparades ({kind}: {ids}).", "en": "Decision saved ({kind}: {ids}).",
    },
    "apps.shared.choose_need": {"sv": "Välj behov i listan.", "en": "Choose needs from the list."},
    "apps.shared.choose_two": {
        "sv": "Välj två olika behov.", "en": "Choose two different needs.",
    },
    "apps.shared.store_error": {
        "sv": "Lagringen kunde inte användas: {error}", "en": "The store could not be used: {error}",
    },
    "apps.shared.decisions": {"sv": "Sparade beslut", "en": "Saved decisions"},
    "apps.shared.no_decisions": {"sv": "Inga sparade beslut.", "en": "No saved decisions."},
    "apps.shared.delete": {"sv": "Ta bort", "en": "Delete"},
    "apps.shared.deleted": {"sv": "Beslut {id} togs bort.", "en": "Decision {id} was deleted."},
    "apps.shared.missing_needs": {
        "sv": "gäller behov som inte finns i datat", "en": "refers to needs not in the data",
    },
    "apps.shared.conflict": {
        "sv": "ej tillämpad: skulle förena behov markerade som inte samma",
        "en": "not applied: would join needs marked as not the same",
    },
    "apps.shared.decision_line": {
        "sv": "{kind}: {ids}", "en": "{kind}: {ids}",
    },
})

TEXTS.update({
    # ------------------------------------------------------------ Budget
    "apps.budget.title": {"sv": "Budget", "en": "Budget"},
    "apps.budget.lead": {
        "sv": ("Vilka behov ger mest värde inom budgeten? Lagkrav tas alltid med, gemensamma behov "
               "kan byggas en gång som bastjänst, och beroenden följs. Portföljen räknas exakt "
               "(heltalsoptimering) och jämförs med att rangordna och fylla på tills pengarna tar slut."),
        "en": ("Which needs give the most value within the budget? Legal requirements are always "
               "included, shared needs can be built once as a base service, and dependencies are "
               "respected. The portfolio is computed exactly (integer optimisation) and compared with "
               "ranking and filling until the money runs out."),
    },
    "apps.budget.budget": {"sv": "Budget (mnkr)", "en": "Budget (MSEK)"},
    "apps.budget.per_year": {"sv": "Budget per år", "en": "Budget per year"},
    "apps.budget.per_year_help": {
        "sv": ("Varje behov betalas sitt startår; behov med annat startår kan inte väljas. "
               "Budgetreglaget ovan är taket för hela perioden."),
        "en": ("Each need is paid in its start year; needs starting in other years cannot be "
               "chosen. The budget slider above caps the whole period."),
    },
    "apps.budget.year": {"sv": "{year} (mnkr)", "en": "{year} (MSEK)"},
    "apps.budget.value": {"sv": "Värde", "en": "Value"},
    "apps.budget.value.benefit": {"sv": "Nyttopoäng", "en": "Benefit points"},
    "apps.budget.value.npv": {"sv": "Nettonuvärde inkl. omfördelning (kr)",
                              "en": "Net present value incl. time savings (SEK)"},
    "apps.budget.value.npv_financial": {"sv": "Nettonuvärde, finansiell nytta (kr)",
                                        "en": "Net present value, cash-releasing (SEK)"},
    "apps.budget.weights_default": {"sv": "Vikter: standardvikterna",
                                    "en": "Weights: the default weights"},
    "apps.budget.weights_preset": {"sv": "Vikter: {name}", "en": "Weights: {name}"},
    "apps.budget.weights_scenario": {"sv": "Vikter: egna vikter från scenario {name}",
                                     "en": "Weights: own weights from scenario {name}"},
    "apps.budget.weights_bad": {
        "sv": "Scenariots vikter kunde inte användas ({error}); standardvikterna används.",
        "en": "The scenario's weights could not be used ({error}); the default weights are used.",
    },
    "apps.budget.must": {"sv": "Måste med", "en": "Must include"},
    "apps.budget.exclude": {"sv": "Uteslut", "en": "Exclude"},
    "apps.budget.rules": {"sv": "Regler", "en": "Rules"},
    "apps.budget.portfolio": {"sv": "Den bästa portföljen", "en": "The best portfolio"},
    "apps.budget.portfolio_caption": {
        "sv": "{n} av {total} behov tillgodoses, varav {shared} via bastjänst.",
        "en": "{n} of {total} needs are served, {shared} of them by a base service.",
    },
    "apps.budget.shared_chosen": {"sv": "Valda bastjänster", "en": "Chosen base services"},
    "apps.budget.totals": {"sv": "Sammanfattning", "en": "Summary"},
    "apps.budget.t.budget": {"sv": "Budget", "en": "Budget"},
    "apps.budget.t.cost": {"sv": "Investering i portföljen", "en": "Investment in the portfolio"},
    "apps.budget.t.remaining": {"sv": "Kvar", "en": "Left"},
    "apps.budget.t.running": {"sv": "Tillkommande drift per år", "en": "Added running cost per year"},
    "apps.budget.t.value": {"sv": "Värde", "en": "Value"},
    "apps.budget.t.status": {"sv": "Lösning", "en": "Solution"},
    "apps.budget.status_line": {
        "sv": "gap {gap}, {seconds} s, lösare {solver}",
        "en": "gap {gap}, {seconds} s, solver {solver}",
    },
    "apps.budget.infeasible": {
        "sv": "Ingen portfölj uppfyller reglerna: {why}",
        "en": "No portfolio satisfies the rules: {why}",
    },
    "apps.budget.naive": {
        "sv": "Jämfört med att rangordna och fylla på", "en": "Compared with rank and fill",
    },
    "apps.budget.naive_text": {
        "sv": ("Att ta behoven i rangordning tills budgeten är slut ger värdet {naive} för "
               "{naive_cost}. Optimeringen ger {value} – {gain} mer ({pct})."),
        "en": ("Taking the needs in rank order until the budget is spent gives the value {naive} "
               "for {naive_cost}. The optimisation gives {value} – {gain} more ({pct})."),
    },
    "apps.budget.naive_none": {
        "sv": "Rangordna och fyll på hittar ingen tillåten portfölj med de här reglerna.",
        "en": "Rank and fill finds no feasible portfolio with these rules.",
    },
    "apps.budget.only_opt": {"sv": "Bara i optimeringen", "en": "Only in the optimisation"},
    "apps.budget.only_naive": {"sv": "Bara i rangordna och fyll", "en": "Only in rank and fill"},
    "apps.budget.frontier": {"sv": "Effektiv front", "en": "Efficient frontier"},
    "apps.budget.frontier_lead": {
        "sv": "Bästa möjliga värde vid varje budgetnivå; den röda linjen är vald budget.",
        "en": "The best possible value at each budget level; the red line is the chosen budget.",
    },
    "apps.budget.frontier_x": {"sv": "Budget (mnkr)", "en": "Budget (MSEK)"},
    "apps.budget.frontier_y": {"sv": "Bästa värde", "en": "Best value"},
    "apps.budget.frontier_none": {
        "sv": "Fronten kunde inte räknas: {error}", "en": "The frontier could not be computed: {error}",
    },
    "apps.budget.warnings": {"sv": "Observera", "en": "Note"},
    "apps.budget.not_chosen": {"sv": "Behov som inte kom med ({n})", "en": "Needs not included ({n})"},
    "apps.budget.compare_title": {"sv": "Portföljskillnader", "en": "Portfolio differences"},
    "apps.budget.compare_only": {"sv": "Bara i {name}", "en": "Only in {name}"},
    "apps.budget.compare_same": {"sv": "Samma portfölj.", "en": "The same portfolio."},
    "apps.budget.col.investment": {"sv": "Investering", "en": "Investment"},
    "apps.budget.col.running": {"sv": "Drift/år", "en": "Running/yr"},
    "apps.budget.col.via": {"sv": "Via bastjänst", "en": "Via base service"},
    "apps.budget.legal": {"sv": "lagkrav", "en": "legal"},
    "apps.budget.forced": {"sv": "måste", "en": "must"},
})

TEXTS.update({
    # ------------------------------------------------------------ Effekthemtagning
    "apps.benefit.title": {"sv": "Effekthemtagning", "en": "Benefits realisation"},
    "apps.benefit.lead": {
        "sv": ("Kommer IT-kostnaden tillbaka som nytta ute i förvaltningarna? Finansiell nytta "
               "(pengar som lämnar en budget) och omfördelningsnytta (frigjord tid, värderad i "
               "kronor) visas var för sig; en summa av dem är alltid märkt ”inkl. omfördelning”."),
        "en": ("Does the IT cost come back as benefits in the departments? Financial benefit "
               "(money that leaves a budget) and redistribution benefit (time freed, valued in "
               "money) are shown apart; any sum of them is always labelled “incl. redistribution”."),
    },
    "apps.benefit.department": {"sv": "Förvaltning", "en": "Department"},
    "apps.benefit.rate": {"sv": "Diskonteringsränta", "en": "Discount rate"},
    "apps.benefit.years": {"sv": "Kalkylperiod (år)", "en": "Calculation period (years)"},
    "apps.benefit.params_error": {"sv": "Ogiltig parameter: {error}", "en": "Invalid parameter: {error}"},
    "apps.benefit.chart_title": {
        "sv": "IT-kostnad och nytta per år (mnkr) – {who}",
        "en": "IT cost and benefit per year (MSEK) – {who}",
    },
    "apps.benefit.series.cost": {"sv": "IT-kostnad", "en": "IT cost"},
    "apps.benefit.series.financial": {"sv": "Finansiell nytta", "en": "Financial benefit"},
    "apps.benefit.series.redistribution": {"sv": "Omfördelningsnytta", "en": "Redistribution benefit"},
    "apps.benefit.series.cum_fin": {
        "sv": "Ackumulerat netto, endast finansiell", "en": "Cumulative net, financial only",
    },
    "apps.benefit.series.cum_all": {
        "sv": "Ackumulerat netto inkl. omfördelning", "en": "Cumulative net incl. redistribution",
    },
    "apps.benefit.group.cost": {"sv": "Kostnad", "en": "Cost"},
    "apps.benefit.group.benefit": {"sv": "Nytta", "en": "Benefit"},
    "apps.benefit.axis_year": {"sv": "År", "en": "Year"},
    "apps.benefit.axis_msek": {"sv": "mnkr", "en": "MSEK"},
    "apps.benefit.kind": {"sv": "Slag", "en": "Kind"},
    "apps.benefit.payback": {"sv": "Återbetalning", "en": "Payback"},
    "apps.benefit.payback_all": {
        "sv": "Inkl. omfördelningsnytta: {year}.",
        "en": "Incl. redistribution benefit: {year}.",
    },
    "apps.benefit.payback_fin": {
        "sv": "Endast finansiell nytta: {year}.",
        "en": "Financial benefit only: {year}.",
    },
    "apps.benefit.never": {"sv": "inte inom perioden", "en": "not within the period"},
    "apps.benefit.paid_in": {"sv": "återbetald {year}", "en": "paid back in {year}"},
    "apps.benefit.not_paid": {
        "sv": "inte återbetald inom perioden", "en": "not paid back within the period",
    },
    "apps.benefit.excluded": {
        "sv": "{n} behov saknar uppgifter och ingår inte (ingen gissning görs).",
        "en": "{n} needs lack data and are not included (nothing is guessed).",
    },
    "apps.benefit.per_year": {"sv": "Per år", "en": "Per year"},
    "apps.benefit.per_department": {
        "sv": "Per förvaltning (hela perioden)", "en": "Per department (whole period)",
    },
    "apps.benefit.realisation": {
        "sv": "Planerad mot realiserad nytta", "en": "Planned against realised benefit",
    },
    "apps.benefit.realisation_lead": {
        "sv": ("Ur uppföljningsregistret. ”Försenad”: året är slut (plus tid för mätning) och "
               "ett utfall saknas. ”Under plan”: under {threshold} av plan, räknat på det som mätts."),
        "en": ("From the follow-up register. “Overdue”: the year has ended (plus time to measure) "
               "and a result is missing. “Below plan”: under {threshold} of plan, over what has been "
               "measured."),
    },
    "apps.benefit.no_register": {
        "sv": "Det finns ingen uppföljning i datat.", "en": "There is no follow-up in the data.",
    },
    "apps.benefit.col.year": {"sv": "År", "en": "Year"},
    "apps.benefit.col.cost": {"sv": "IT-kostnad", "en": "IT cost"},
    "apps.benefit.col.financial": {"sv": "Finansiell nytta", "en": "Financial benefit"},
    "apps.benefit.col.redistribution": {"sv": "Omfördelningsnytta", "en": "Redistribution benefit"},
    "apps.benefit.col.total": {"sv": "Nytta inkl. omfördelning", "en": "Benefit incl. redistribution"},
    "apps.benefit.col.net_fin": {"sv": "Netto, endast finansiell", "en": "Net, financial only"},
    "apps.benefit.col.net_all": {"sv": "Netto inkl. omfördelning", "en": "Net incl. redistribution"},
    "apps.benefit.col.cum_fin": {"sv": "Ackumulerat, finansiell", "en": "Cumulative, financial"},
    "apps.benefit.col.cum_all": {
        "sv": "Ackumulerat inkl. omfördelning", "en": "Cumulative incl. redistribution",
    },
    "apps.benefit.col.payback": {"sv": "Återbetald (inkl. omf.)", "en": "Paid back (incl. redistr.)"},
    "apps.benefit.col.payback_fin": {"sv": "Återbetald (finansiell)", "en": "Paid back (financial)"},
    "apps.benefit.col.planned": {"sv": "Planerat", "en": "Planned"},
    "apps.benefit.col.planned_due": {"sv": "Planerat, förfallet", "en": "Planned, due"},
    "apps.benefit.col.realised": {"sv": "Realiserat", "en": "Realised"},
    "apps.benefit.col.rate": {"sv": "Andel av plan", "en": "Share of plan"},
    "apps.benefit.col.overdue": {"sv": "Försenade", "en": "Overdue"},
    "apps.benefit.col.below": {"sv": "Under plan", "en": "Below plan"},
    "apps.benefit.col.flags": {"sv": "Flaggor", "en": "Flags"},
    "apps.benefit.col.realiser": {"sv": "Hemtas av", "en": "Realised by"},
    "apps.benefit.col.initiatives": {"sv": "Initiativ", "en": "Initiatives"},
    "apps.benefit.k.cost": {"sv": "IT-kostnad, hela perioden", "en": "IT cost, whole period"},
    "apps.benefit.k.financial": {"sv": "Finansiell nytta", "en": "Financial benefit"},
    "apps.benefit.k.redistribution": {"sv": "Omfördelningsnytta", "en": "Redistribution benefit"},
    "apps.benefit.k.pv_fin": {
        "sv": "Nuvärde netto, endast finansiell", "en": "Net present value, financial only",
    },
    "apps.benefit.k.pv_all": {
        "sv": "Nuvärde netto inkl. omfördelning", "en": "Net present value incl. redistribution",
    },
    "apps.benefit.k.pv_note": {
        "sv": "Nuvärden diskonterade till {year} med {rate} real ränta.",
        "en": "Present values discounted to {year} at a {rate} real rate.",
    },
    "apps.benefit.initiatives": {"sv": "Per initiativ och år", "en": "Per initiative and year"},
})

TEXTS.update({
    "apps.budget.budget_typed": {"sv": "eller skriv", "en": "or type"},
    "apps.budget.above_all": {
        "sv": "Beloppet är större än alla kända investeringar ({total} mnkr): allt med känd "
              "kostnad ryms.",
        "en": "The amount exceeds every known investment ({total} MSEK): everything with a known "
              "cost fits.",
    },
    "apps.budget.years_above": {
        "sv": "Årsbudgetarna summerar till {years} mnkr, mer än totalbudgeten {total} mnkr; "
              "totalbudgeten begränsar.",
        "en": "The yearly budgets add up to {years} MSEK, more than the total {total} MSEK; the "
              "total limits.",
    },
    "apps.budget.years_below": {
        "sv": "Årsbudgetarna summerar till {years} mnkr, mindre än totalbudgeten {total} mnkr; "
              "högst {years} mnkr kan användas.",
        "en": "The yearly budgets add up to {years} MSEK, less than the total {total} MSEK; at "
              "most {years} MSEK can be spent.",
    },
})

TEXTS.update({
    "apps.benefit.years_readout": {"sv": "{n} år", "en": "{n} years"},
})

TEXTS.update({
    "apps.benefit.basis": {"sv": "Visa", "en": "Show"},
    "apps.benefit.basis.all": {"sv": "Alla behov", "en": "All needs"},
    "apps.benefit.basis.scenario": {"sv": "Portföljen i {name}", "en": "The portfolio of {name}"},
    "apps.benefit.basis_note": {
        "sv": "Nytta och kostnad för de {n} behov som portföljen i scenariot {name} finansierar.",
        "en": "Benefit and cost of the {n} needs the portfolio of scenario {name} funds.",
    },
    "apps.benefit.basis_failed": {
        "sv": "Portföljen i {name} kunde inte beräknas ({error}); alla behov visas.",
        "en": "The portfolio of {name} could not be computed ({error}); all needs are shown.",
    },
})

TEXTS.update({
    "apps.shared.col.why": {"sv": "Varför i gruppen", "en": "Why in the group"},
    "apps.shared.named_by_analyst": {"sv": "namn satt av analytiker", "en": "named by an analyst"},
    "apps.shared.rename_title": {"sv": "Namnge en grupp", "en": "Name a group"},
    "apps.shared.rename_group": {"sv": "Grupp", "en": "Group"},
    "apps.shared.rename_name": {"sv": "Nytt namn", "en": "New name"},
    "apps.shared.rename": {"sv": "Spara namnet", "en": "Save the name"},
    "apps.shared.unname": {"sv": "Automatiskt namn", "en": "Automatic name"},
    "apps.shared.choose_group": {"sv": "Välj en grupp i listan.", "en": "Choose a group in the list."},
    "apps.shared.name_needed": {
        "sv": "Skriv ett namn (högst {limit} tecken).", "en": "Enter a name (at most {limit} characters).",
    },
    "apps.shared.renamed": {"sv": "{group} heter nu {name}.", "en": "{group} is now called {name}."},
    "apps.shared.unnamed": {
        "sv": "{group} har åter sitt automatiska namn.", "en": "{group} has its automatic name again.",
    },
})
