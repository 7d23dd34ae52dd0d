"""Texts for the budget-round report (``kstad report``, notebooks/90_rapport.ipynb)."""

TEXTS = {
    # ----------------------------------------------------------------- command line
    "report.cli.help": {
        "sv": "Bygg budgetrundans rapport (HTML, PDF, Excel och körd notebook) från ett scenario.",
        "en": "Build the budget-round report (HTML, PDF, Excel and executed notebook) from a scenario.",
    },
    "report.cli.scenario": {
        "sv": "Namn på ett sparat scenario i lagret.",
        "en": "Name of a saved scenario in the store.",
    },
    "report.cli.weights": {
        "sv": "Vikter utan sparat scenario, t.ex. \"nytta=3,kostnad=2\".",
        "en": "Weights without a saved scenario, e.g. \"nytta=3,kostnad=2\".",
    },
    "report.cli.preset": {"sv": "Namngiven viktprofil (presets.toml).", "en": "Named weight preset."},
    "report.cli.method": {"sv": "Rangordningsmetod.", "en": "Ranking method."},
    "report.cli.budget": {
        "sv": "Budget i kronor (ersätter scenariots budget om --scenario anges).",
        "en": "Budget in SEK (replaces the scenario's budget when --scenario is given).",
    },
    "report.cli.data": {
        "sv": "Planer (.xlsx/.csv) eller mappar; utan --data används exempeldata i data/raw.",
        "en": "Plans (.xlsx/.csv) or folders; without --data the sample in data/raw is used.",
    },
    "report.cli.store": {"sv": "Mapp med scenariolagret.", "en": "Folder holding the scenario store."},
    "report.cli.out": {
        "sv": "Utmapp (standard reports/<scenarionamn>/).",
        "en": "Output folder (default reports/<scenario name>/).",
    },
    "report.cli.samples": {
        "sv": "Antal viktdragningar i robusthetsanalysen (SMAA).",
        "en": "Number of weight samples in the robustness analysis (SMAA).",
    },
    "report.cli.seed": {"sv": "Slumpfrö för robusthetsanalysen.", "en": "Random seed for SMAA."},
    "report.cli.no_pdf": {"sv": "Hoppa över PDF-utskriften.", "en": "Skip the PDF."},
    "report.cli.done": {
        "sv": "Rapporten är klar på {seconds} s: {out}",
        "en": "The report is ready in {seconds} s: {out}",
    },
    "report.cli.file": {"sv": "  {label}: {path}", "en": "  {label}: {path}"},
    # ----------------------------------------------------------------- build steps
    "report.step.resolve": {"sv": "Läser scenario och planer", "en": "Reading scenario and plans"},
    "report.step.execute": {
        "sv": "Kör rapportens notebook (papermill): beräkningar, diagram och Excel-fil",
        "en": "Executing the report notebook (papermill): calculations, charts and Excel file",
    },
    "report.step.html": {"sv": "Skapar HTML utan kod", "en": "Writing HTML without code"},
    "report.step.verify": {
        "sv": "Kontrollerar att HTML-filen är fristående",
        "en": "Checking that the HTML is self-contained",
    },
    "report.step.pdf": {"sv": "Skriver PDF (Chromium)", "en": "Printing PDF (Chromium)"},
    # ----------------------------------------------------------------- errors
    "report.err.scenario_invalid": {
        "sv": "Scenariot går inte att använda: {detail}", "en": "The scenario cannot be used: {detail}",
    },
    "report.err.weights": {
        "sv": "Vikterna går inte att använda: {detail}",
        "en": "Unusable weights: {detail}",
    },
    "report.err.no_budget": {
        "sv": "Rapporten behöver en budget: scenariot \"{name}\" saknar budget. Ange --budget KRONOR.",
        "en": "The report needs a budget: the scenario \"{name}\" has none. Give --budget SEK.",
    },
    "report.err.data": {
        "sv": "Planerna innehåller fel och rapporten byggs inte:",
        "en": "The plans contain errors and the report is not built:",
    },
    "report.err.no_needs": {
        "sv": "Planerna innehåller inga behov; det finns inget att rapportera.",
        "en": "The plans hold no needs; there is nothing to report.",
    },
    "report.err.params": {
        "sv": "Ogiltig rapportparameter {name}: {detail}", "en": "Invalid report parameter {name}: {detail}",
    },
    "report.err.execute": {
        "sv": "Rapportens notebook stoppade med ett fel: {detail}",
        "en": "The report notebook stopped with an error: {detail}",
    },
    "report.err.external": {
        "sv": "HTML-filen är inte fristående: den hänvisar till {urls}",
        "en": "The HTML is not self-contained: it refers to {urls}",
    },
    "report.err.browser": {
        "sv": "PDF:en kunde inte skrivas med Chromium ({path}): {detail}",
        "en": "The PDF could not be printed with Chromium ({path}): {detail}",
    },
    "report.err.out": {
        "sv": "Utmappen går inte att skriva: {path} ({detail})",
        "en": "The output folder cannot be written: {path} ({detail})",
    },
    # ----------------------------------------------------------------- document
    "report.doc.title": {
        "sv": "Budgetrunda – prioritering av digitaliseringsinitiativ",
        "en": "Budget round – prioritising digital initiatives",
    },
    "report.doc.subtitle": {
        "sv": "Scenario: {name} · byggd {built}", "en": "Scenario: {name} · built {built}",
    },
    "report.doc.adhoc_name": {
        "sv": "Budgetförslag {budget}, {weights}", "en": "Budget proposal {budget}, {weights}",
    },
    "report.doc.note": {"sv": "Scenariots anteckning", "en": "Scenario note"},
    "report.doc.toc": {"sv": "Innehåll", "en": "Contents"},
    # summary
    "report.summary.heading": {"sv": "1. Sammanfattning", "en": "1. Summary"},
    "report.summary.lead": {
        "sv": "Budgeten är {budget}. Förslaget finansierar {funded} av {total} behov för "
              "{cost} ({share} av budgeten). {unfunded} behov ryms inte eller väljs bort.",
        "en": "The budget is {budget}. The proposal funds {funded} of {total} needs for "
              "{cost} ({share} of the budget). {unfunded} needs do not fit or are left out.",
    },
    "report.summary.per_year": {
        "sv": "Budget per år: {years}.", "en": "Budget per year: {years}.",
    },
    "report.summary.value": {
        "sv": "Urvalet maximerar {value} inom budgeten med en exakt optimering (lösarstatus: {status}).",
        "en": "The selection maximises {value} within the budget with an exact optimisation "
              "(solver status: {status}).",
    },
    "report.status.optimal": {"sv": "optimal lösning", "en": "optimal solution"},
    "report.status.time_limit": {
        "sv": "tidsgränsen nåddes – bästa funna urval, kanske inte optimalt",
        "en": "time limit reached – best selection found, possibly not optimal",
    },
    "report.status.infeasible": {"sv": "inget tillåtet urval", "en": "no feasible selection"},
    "report.status.heuristic": {"sv": "ungefärlig lösning (heuristik)", "en": "approximate (heuristic)"},
    "report.status.unknown": {"sv": "okänd ({status})", "en": "unknown ({status})"},
    "report.summary.value.benefit": {
        "sv": "summan av nyttopoäng (nytta räknad från nollpunkten \"behovet görs inte\"; "
              "kostnaden är budgetens gräns och räknas inte som nytta)",
        "en": "the sum of benefit points (benefit counted from the zero \"the need is not done\"; "
              "cost is the budget's limit, not a benefit)",
    },
    "report.summary.value.npv_financial": {
        "sv": "summan av nettonuvärdena med enbart finansiell nytta",
        "en": "the sum of net present values with cash-releasing benefit only",
    },
    "report.summary.value.npv": {
        "sv": "summan av nettonuvärdena inkl. omfördelningsnytta",
        "en": "the sum of net present values incl. time-releasing benefit",
    },
    "report.summary.gain": {
        "sv": "Att i stället fylla budgeten uppifrån i rangordningen hade gett {naive}; "
              "optimeringen ger {optimal} ({gain} bättre).",
        "en": "Filling the budget from the top of the ranking would have given {naive}; "
              "the optimisation gives {optimal} ({gain} better).",
    },
    "report.summary.benefit": {
        "sv": "Finansierade behov ger fullt utbyggda {financial} per år i finansiell nytta och "
              "{redistribution} per år i omfördelningsnytta (frigjord tid). Nettonuvärde för "
              "portföljen inkl. omfördelningsnytta: {npv} (endast finansiell nytta: {npv_financial}).",
        "en": "Funded needs give, at full use, {financial} per year in cash-releasing benefit and "
              "{redistribution} per year in time-releasing benefit. Portfolio NPV incl. "
              "time-releasing benefit: {npv} (cash-releasing benefit only: {npv_financial}).",
    },
    "report.summary.payback": {
        "sv": "Återbetalningsår för portföljen inkl. omfördelningsnytta: {year}; endast finansiell "
              "nytta: {year_financial}.",
        "en": "Portfolio payback year incl. time-releasing benefit: {year}; cash-releasing "
              "benefit only: {year_financial}.",
    },
    "report.summary.no_payback": {"sv": "inte inom kalkylperioden", "en": "not within the period"},
    "report.summary.funded": {"sv": "Finansieras", "en": "Funded"},
    "report.summary.unfunded": {"sv": "Finansieras inte – och varför", "en": "Not funded – and why"},
    "report.summary.none": {"sv": "Inga.", "en": "None."},
    "report.summary.closest": {
        "sv": "De {n} högst rankade av {total} behov som inte finansieras (hela listan finns i avsnitt 2 "
              "och i Excel-filen):",
        "en": "The {n} best-ranked of {total} unfunded needs (the full list is in section 2 and the "
              "Excel file):",
    },
    "report.summary.fingerprint_mismatch": {
        "sv": "Observera: scenariot sparades mot andra planer (fingeravtryck {saved}) än de som "
              "rapporten bygger på ({current}). Siffrorna gäller de aktuella planerna.",
        "en": "Note: the scenario was saved against other plans (fingerprint {saved}) than those "
              "this report uses ({current}). The numbers are for the current plans.",
    },
    "report.summary.budget_override": {
        "sv": "Budgeten {budget} angavs vid byggtillfället och ersätter scenariots {saved}.",
        "en": "The budget {budget} was given at build time and replaces the scenario's {saved}.",
    },
    # priority
    "report.priority.heading": {"sv": "2. Prioriteringslista", "en": "2. Priority list"},
    "report.priority.lead": {
        "sv": "Behoven rangordnas med {method} och vikterna nedan ({source}). "
              "Diagrammet visar de {n} högst rankade och hur varje kriterium bidrar till poängen.",
        "en": "The needs are ranked with {method} and the weights below ({source}). "
              "The chart shows the top {n} and how each criterion contributes to the score.",
    },
    "report.priority.method.wsum": {"sv": "viktad summa", "en": "weighted sum"},
    "report.priority.method.topsis": {"sv": "TOPSIS", "en": "TOPSIS"},
    "report.priority.source.preset": {"sv": "viktprofilen \"{name}\"", "en": "the preset \"{name}\""},
    "report.priority.source.scenario": {"sv": "scenariots vikter", "en": "the scenario's weights"},
    "report.priority.source.default": {"sv": "standardvikterna", "en": "the default weights"},
    "report.priority.weights": {"sv": "Vikter", "en": "Weights"},
    "report.priority.unranked": {
        "sv": "{n} behov kan inte rangordnas eftersom uppgifter saknas (se tabellen).",
        "en": "{n} needs cannot be ranked because data are missing (see the table).",
    },
    "report.priority.list": {"sv": "Rangordning", "en": "Ranking"},
    # bastjänst
    "report.shared.heading": {"sv": "4. Bastjänster – bygg en gång", "en": "4. Base services – build once"},
    "report.shared.lead": {
        "sv": "{groups} grupper av liknande behov från flera förvaltningar hittades. Byggs de som "
              "gemensamma bastjänster i stället för var för sig sparas {saving} över {years} år "
              "(varav {investment} i investering).",
        "en": "{groups} groups of similar needs from several departments were found. Built as shared "
              "base services instead of separately, they save {saving} over {years} years "
              "({investment} of it in investment).",
    },
    "report.shared.chosen": {
        "sv": "Budgetförslaget bygger {n} av dem som bastjänst: {labels}.",
        "en": "The budget proposal builds {n} of them as base services: {labels}.",
    },
    "report.shared.split": {
        "sv": "En vald bastjänst byggs en gång: dess gemensamma investering och drift fördelas på "
              "behoven i den i proportion till vad de hade kostat var för sig, så att IT-kostnaden per "
              "förvaltning i avsnitt 2 summerar till bastjänstens kostnad. Nyttan är behovens egen. "
              "Kolumnen \"Vinner\" visar förvaltningar vars andel av besparingen är positiv.",
        "en": "A chosen base service is built once: its shared investment and running cost are split "
              "over its needs in proportion to what they would have cost separately, so the IT cost "
              "per department in section 2 sums to the base service's cost. Benefits are the needs' "
              "own. The column \"Gains\" lists departments whose share of the saving is positive.",
    },
    "report.shared.incomplete": {
        "sv": "{n} grupper saknar kostnadsuppgifter och kan inte värderas som bastjänst.",
        "en": "{n} groups lack cost data and cannot be valued as base services.",
    },
    "report.shared.none": {
        "sv": "Inga gemensamma behov mellan förvaltningar hittades med nuvarande tröskel.",
        "en": "No needs shared between departments were found with the current threshold.",
    },
    "report.shared.chart": {
        "sv": "Besparing per bastjänst över {years} år", "en": "Saving per base service over {years} years",
    },
    # benefits
    "report.benefits.heading": {
        "sv": "4. Effekthemtagning per förvaltning och år",
        "en": "4. Benefits realisation per department and year",
    },
    "report.benefits.lead": {
        "sv": "Nyttan av de finansierade behoven, per förvaltning och år. Finansiell nytta (pengar som "
              "lämnar en budget) och omfördelningsnytta (frigjord tid, värderad i kronor) redovisas "
              "var för sig och läggs inte ihop.",
        "en": "Benefits of the funded needs per department and year. Cash-releasing and "
              "time-releasing benefit are shown apart and not added together.",
    },
    "report.benefits.excluded": {
        "sv": "{n} finansierade behov saknar uppgifter för kalkylen och ingår inte i summorna.",
        "en": "{n} funded needs lack data for the calculation and are not in the sums.",
    },
    "report.benefits.chart": {"sv": "Nytta och IT-kostnad per år", "en": "Benefit and IT cost per year"},
    "report.benefits.per_department": {
        "sv": "Per förvaltning och år", "en": "Per department and year",
    },
    "report.benefits.pivot": {
        "sv": "{kind} per förvaltning och år (tkr)", "en": "{kind} per department and year (kSEK)",
    },
    "report.benefits.total": {"sv": "Hela kommunen per år", "en": "Whole municipality per year"},
    # robustness
    "report.robust.heading": {
        "sv": "5. Robusthet – beror valen på vikterna och budgeten?", "en": "5. Robustness",
    },
    "report.robust.lead": {
        "sv": "Vikterna drogs slumpvis {samples} gånger inom ±{spread} av de valda vikterna "
              "(SMAA, slumpfrö {seed}). Tabellen visar hur ofta varje behov hamnade bland de {n} "
              "högst rankade. Behov nära 100 % är säkra val; behov mellan {lo} och {hi} beror på vikterna.",
        "en": "The weights were sampled {samples} times within ±{spread} of the chosen weights "
              "(SMAA, seed {seed}). The table shows how often each need was among the top {n}. "
              "Needs near 100 % are safe; needs between {lo} and {hi} depend on the weights.",
    },
    "report.robust.funding": {
        "sv": "Kärna, gränsfall och utanför", "en": "Core, borderline and outside",
    },
    "report.robust.levels_heading": {"sv": "Andra budgetnivåer", "en": "Other budget levels"},
    "report.robust.funding_lead": {
        "sv": "Klassningen gäller alla tillåtna vikter inom ±{spread} av de valda, inte ett urval "
              "slumpade vikter. Andelen i tabellen är behovets kärnindex: hur stor del av de "
              "{portfolios} icke-dominerade portföljerna (förslaget inräknat) som finansierar det; "
              "kärna har 100 %, utanför 0 %.",
        "en": "The classification holds for every admissible weight within ±{spread} of the chosen "
              "ones, not for a sample of random weights. The share in the table is the need's core "
              "index: the share of the {portfolios} non-dominated portfolios (the proposal included) "
              "that fund it; core needs have 100 %, outside needs 0 %.",
    },
    "report.robust.funding_summary": {
        "sv": "{funded} finansierade och {unfunded} ej finansierade behov beror på vikterna:",
        "en": "{funded} funded and {unfunded} unfunded needs depend on the weights:",
    },
    "report.robust.funding_npv": {
        "sv": "Urvalet maximerar nettonuvärdet, som inte beror på vikterna: vikterna ändrar "
              "rangordningen men inte vilka behov som finansieras.",
        "en": "The selection maximises net present value, which does not depend on the weights: "
              "the weights change the ranking but not which needs are funded.",
    },
    "report.robust.funding_nospread": {
        "sv": "Ingen viktosäkerhet angavs (±0 %), så urvalet prövades inte mot andra vikter.",
        "en": "No weight uncertainty was given (±0 %), so the selection was not tested against "
              "other weights.",
    },
    "report.robust.top": {
        "sv": "7.3 Rangordningens stabilitet (SMAA)", "en": "7.3 Ranking stability (SMAA)",
    },
    "report.robust.safe": {"sv": "Säkert", "en": "Safe"},
    "report.robust.depends": {"sv": "Beror på vikterna", "en": "Depends on the weights"},
    "report.robust.unlikely": {"sv": "Sällan bland de främsta", "en": "Rarely at the top"},
    "report.robust.summary": {
        "sv": "{safe} behov är säkra val, {depends} beror på vikterna. Av de finansierade behoven "
              "beror {funded_depends} på vikterna.",
        "en": "{safe} needs are safe choices, {depends} depend on the weights. Of the funded "
              "needs, {funded_depends} depend on the weights.",
    },
    "report.robust.chart": {
        "sv": "Andel dragningar bland de {n} främsta",
        "en": "Share of samples in top {n}",
    },
    # assumptions
    "report.assume.heading": {"sv": "6. Antaganden", "en": "6. Assumptions"},
    "report.assume.lead": {
        "sv": "Alla antaganden kommer från data/config/benefits.toml och kan ändras av en analytiker.",
        "en": "All assumptions come from data/config/benefits.toml and can be changed by an analyst.",
    },
    "report.assume.formula": {
        "sv": "Timkostnad = månadslön / {hours} h × {markup} (Inera, nyttokalkyl).",
        "en": "Hourly cost = monthly salary / {hours} h × {markup} (Inera).",
    },
    "report.assume.time_formula": {
        "sv": "Tidsnytta (kr/år) = ärenden per år × sparade minuter / 60 × timkostnad × nyttjandegrad.",
        "en": "Time benefit (SEK/yr) = cases per year × minutes saved / 60 × hourly cost × digital use.",
    },
    "report.assume.rate": {"sv": "Diskonteringsränta (real)", "en": "Discount rate (real)"},
    "report.assume.years": {"sv": "Kalkylperiod", "en": "Calculation period"},
    "report.assume.years_value": {"sv": "{years} år efter startåret", "en": "{years} years after start"},
    "report.assume.base_year": {"sv": "Basår (diskontering)", "en": "Base year (discounting)"},
    "report.assume.ramp": {"sv": "Nyttjandegrad år 1, 2, 3 …", "en": "Digital use year 1, 2, 3 …"},
    "report.assume.spread": {"sv": "Låg/hög skattning av nyttan", "en": "Low/high benefit estimate"},
    "report.assume.salary": {"sv": "Månadslön (standard)", "en": "Monthly salary (default)"},
    "report.assume.hourly": {"sv": "Timkostnad (standard)", "en": "Hourly cost (default)"},
    "report.assume.missing": {
        "sv": "Saknade värden räknas aldrig som 0: behov utan kalkylunderlag redovisas men ingår inte "
              "i summorna, och behov som inte kan rangordnas visas med orsak.",
        "en": "Missing values never count as 0: needs without data are shown but not summed, "
              "and needs that cannot be ranked are shown with a reason.",
    },
    "report.assume.parameter": {"sv": "Antagande", "en": "Assumption"},
    "report.assume.value": {"sv": "Värde", "en": "Value"},
    "report.assume.salaries": {
        "sv": "Månadslön och timkostnad per förvaltning",
        "en": "Salary per department",
    },
    "report.assume.monthly": {"sv": "Månadslön (kr)", "en": "Monthly salary (SEK)"},
    "report.assume.hourly_col": {"sv": "Timkostnad (kr)", "en": "Hourly cost (SEK)"},
    # colophon
    "report.colophon.heading": {"sv": "Kolofon", "en": "Colophon"},
    "report.colophon.item": {"sv": "Uppgift", "en": "Item"},
    "report.colophon.scenario": {"sv": "Scenario", "en": "Scenario"},
    "report.colophon.author": {"sv": "Skapat av", "en": "Author"},
    "report.colophon.created": {"sv": "Scenariot sparat", "en": "Scenario saved"},
    "report.colophon.fingerprint": {"sv": "Datafingeravtryck", "en": "Data fingerprint"},
    "report.colophon.saved_fingerprint": {
        "sv": "Fingeravtryck när scenariot sparades", "en": "Fingerprint when the scenario was saved",
    },
    "report.colophon.files": {"sv": "Planfiler", "en": "Plan files"},
    "report.colophon.version": {"sv": "kstad-version", "en": "kstad version"},
    "report.colophon.built": {"sv": "Byggd", "en": "Built"},
    "report.colophon.smaa": {"sv": "Robusthetsanalys", "en": "Robustness analysis"},
    "report.colophon.smaa_value": {
        "sv": "{samples} dragningar, slumpfrö {seed}", "en": "{samples} samples, seed {seed}",
    },
    "report.colophon.reproduce": {
        "sv": "Samma scenario och samma planer ger samma siffror.",
        "en": "The same scenario and plans give the same numbers.",
    },
    # table columns
    "report.col.rank": {"sv": "Rang", "en": "Rank"},
    "report.col.score": {"sv": "Poäng", "en": "Score"},
    "report.col.cost": {"sv": "Investering (kr)", "en": "Investment (SEK)"},
    "report.col.running": {"sv": "Drift per år (kr)", "en": "Running cost per year (SEK)"},
    "report.col.funded": {"sv": "Finansieras", "en": "Funded"},
    "report.col.reason": {"sv": "Motivering", "en": "Reason"},
    "report.col.criterion": {"sv": "Kriterium", "en": "Criterion"},
    "report.col.weight": {"sv": "Vikt", "en": "Weight"},
    "report.col.direction": {"sv": "Riktning", "en": "Direction"},
    "report.col.benefit_dir": {"sv": "mer är bättre", "en": "more is better"},
    "report.col.cost_dir": {"sv": "mindre är bättre", "en": "less is better"},
    "report.col.label": {"sv": "Bastjänst", "en": "Base service"},
    "report.col.gaining": {"sv": "Vinner", "en": "Gains"},
    "report.col.departments": {"sv": "Förvaltningar", "en": "Departments"},
    "report.col.members": {"sv": "Behov", "en": "Needs"},
    "report.col.separate": {"sv": "Investering, var för sig (kr)", "en": "Investment, separately (SEK)"},
    "report.col.shared": {"sv": "Investering, gemensamt (kr)", "en": "Investment, shared (SEK)"},
    "report.col.saving": {"sv": "Besparing {years} år (kr)", "en": "Saving {years} years (SEK)"},
    "report.col.saving_running": {"sv": "Besparing drift per år (kr)", "en": "Running saving per year (SEK)"},
    "report.col.year": {"sv": "År", "en": "Year"},
    "report.col.it_cost": {"sv": "IT-kostnad (kr)", "en": "IT cost (SEK)"},
    "report.col.financial": {"sv": "Finansiell nytta (kr)", "en": "Cash-releasing (SEK)"},
    "report.col.redistribution": {"sv": "Omfördelningsnytta (kr)", "en": "Time-releasing (SEK)"},
    "report.col.net_financial": {"sv": "Netto, bara finansiell (kr)", "en": "Net, cash only (SEK)"},
    "report.col.net": {"sv": "Netto inkl. omfördelning (kr)", "en": "Net incl. time (SEK)"},
    "report.col.cumulative": {
        "sv": "Ackumulerat netto inkl. omfördelning (kr)", "en": "Cumulative net incl. time (SEK)",
    },
    "report.col.p_top": {"sv": "Andel bland topp {n}", "en": "Share in top {n}"},
    "report.col.p_funded": {
        "sv": "Andel icke-dominerade portföljer", "en": "Share of non-dominated portfolios",
    },
    "report.col.verdict": {"sv": "Bedömning", "en": "Verdict"},
    "report.col.npv": {"sv": "Nettonuvärde (kr)", "en": "NPV (SEK)"},
    "report.col.kind": {"sv": "Nyttotyp", "en": "Benefit type"},
    "report.col.amount": {"sv": "Belopp (kr)", "en": "Amount (SEK)"},
    "report.yes": {"sv": "ja", "en": "yes"},
    "report.no": {"sv": "nej", "en": "no"},
    "report.reason.funded": {"sv": "ryms i budgeten", "en": "fits the budget"},
    "report.reason.legal": {"sv": "lagkrav – måste finansieras", "en": "legal requirement – must be funded"},
    "report.reason.unranked": {"sv": "kan inte rangordnas: {why}", "en": "cannot be ranked: {why}"},
    # excel sheets
    "report.sheet.ranking": {"sv": "7 Rangordning", "en": "7 Ranking"},
    "report.sheet.portfolio": {"sv": "7 Portfölj", "en": "7 Portfolio"},
    "report.sheet.shared": {"sv": "4 Gemensamma behov", "en": "4 Shared needs"},
    "report.sheet.bastjanst": {"sv": "4 Bastjänster", "en": "4 Base services"},
    "report.sheet.benefits": {"sv": "Nytta per förvaltning", "en": "Benefit per department"},
    "report.sheet.robust": {"sv": "5 Robusthet", "en": "5 Robustness"},
    "report.sheet.funding": {"sv": "Beror på vikterna", "en": "Depends on weights"},
    "report.sheet.weights": {"sv": "7 Vikter", "en": "7 Weights"},
    "report.sheet.about": {"sv": "7 Om rapporten", "en": "7 About"},
    "report.robust.core_method": {
        "sv": "Kärna, gränsfall och utanför bestäms med robust portföljmodellering (Liesiö, Mild "
              "& Salo 2007): kärna finansieras i varje portfölj som inte kan förbättras för alla "
              "tillåtna vikter, utanför i ingen, gränsfallen i vissa. {sentence}",
        "en": "Core, borderline and outside follow Robust Portfolio Modeling (Liesiö, Mild & Salo "
              "2007): core needs are funded in every non-dominated portfolio under the admissible "
              "weights, outside needs in none, borderline needs in some. {sentence}",
    },
}
