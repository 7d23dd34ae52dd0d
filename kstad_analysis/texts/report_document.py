"""Texts of the report's decision document (page 1, economics, follow-up,
data quality, appendices), its chart text alternatives and the app exports."""

TEXTS = {
    # ----------------------------------------------------------------- tables and charts
    "report.table.unit": {"sv": "Belopp i {unit}.", "en": "Amounts in {unit}."},
    "report.table.region": {"sv": "Tabell", "en": "Table"},
    "report.alt.priority": {
        "sv": "Stapeldiagram över de {n} högst rankade behoven och deras poäng: {values}.",
        "en": "Bar chart of the top {n} needs and their scores: {values}.",
    },
    "report.alt.benefits": {
        "sv": "Stapeldiagram per år, mnkr: {values}.", "en": "Bar chart per year, MSEK: {values}.",
    },
    "report.alt.benefits_year": {
        "sv": "IT-kostnad {cost}, finansiell nytta {financial}, omfördelningsnytta {redistribution}",
        "en": "IT cost {cost}, cash-releasing {financial}, time-releasing {redistribution}",
    },
    "report.alt.robust": {
        "sv": "Stapeldiagram: andel viktdragningar där behovet hamnar bland de {n} främsta: {values}.",
        "en": "Bar chart: share of weight draws with the need in the top {n}: {values}.",
    },
    "report.alt.bastjanst": {
        "sv": "Stapeldiagram: besparing över {years} år per bastjänst: {values}.",
        "en": "Bar chart: saving over {years} years per base service: {values}.",
    },
    # ----------------------------------------------------------------- document header
    "report.doc.settings": {
        "sv": "Budget {budget} · urvalet maximerar {value} · {weights} · {method}",
        "en": "Budget {budget} · the selection maximises {value} · {weights} · {method}",
    },
    "report.doc.value.benefit": {"sv": "nyttopoäng", "en": "benefit points"},
    "report.doc.value.npv": {"sv": "nettonuvärde inkl. omfördelningsnytta", "en": "NPV incl. time"},
    "report.doc.value.npv_financial": {"sv": "nettonuvärde, finansiell nytta", "en": "NPV, cash only"},
    "report.priority.chart": {
        "sv": "De {n} högst rankade behoven och kriteriernas bidrag till poängen",
        "en": "The top {n} needs and each criterion's contribution",
    },
    "report.shared.table": {"sv": "Föreslagna bastjänster", "en": "Proposed base services"},
    # ----------------------------------------------------------------- 1. decision
    "report.dec.heading": {"sv": "1. Förslag till beslut", "en": "1. Proposed decision"},
    "report.dec.lead": {
        "sv": "Kommunstyrelsen föreslås besluta", "en": "The executive board is asked to decide",
    },
    "report.dec.fund": {
        "sv": "att finansiera {funded} av {total} digitaliseringsbehov med en investering om "
              "{investment} ({years}) och en ökad driftkostnad om högst {running} per år,",
        "en": "to fund {funded} of {total} digital needs with an investment of {investment} "
              "({years}) and added running costs of at most {running} a year,",
    },
    "report.dec.bastjanst": {
        "sv": "att bygga {n} bastjänster gemensamt för flera förvaltningar – {labels} – vilket "
              "sparar {saving} över {years} år jämfört med att bygga var för sig,",
        "en": "to build {n} base services shared by several departments – {labels} – saving "
              "{saving} over {years} years against building separately,",
    },
    "report.dec.benefit": {
        "sv": "att förvaltningarna tar hem nyttan enligt tabellerna nedan: finansiell nytta om "
              "{financial} per år när den är fullt utbyggd, som kan minska budgetramarna, och "
              "omfördelningsnytta om {redistribution} per år (frigjord tid motsvarande {fte} "
              "årsarbetare) som stannar i verksamheten,",
        "en": "that the departments take the benefit home as in the tables below: {financial} a "
              "year cash-releasing once fully built, which can reduce budget frames, and "
              "{redistribution} a year time-releasing ({fte} full-time staff) kept in the services,",
    },
    "report.dec.unfunded": {
        "sv": "att de {n} behov som inte ryms prövas på nytt i nästa budgetrunda.",
        "en": "that the {n} needs that do not fit are reconsidered in the next budget round.",
    },
    "report.dec.basis": {"sv": "Underlag för beslutet", "en": "Basis for the decision"},
    "report.dec.budget": {
        "sv": "Budgetramen är {budget}; förslaget använder {cost} ({share}).",
        "en": "The budget frame is {budget}; the proposal uses {cost} ({share}).",
    },
    "report.dec.locked": {
        "sv": "{share} av investeringen är låst: {legal} behov är lagkrav ({legal_kr}) och {must} "
              "behov är beslutade åtaganden i scenariot ({must_kr}).",
        "en": "{share} of the investment is locked: {legal} needs are legal requirements "
              "({legal_kr}) and {must} are commitments in the scenario ({must_kr}).",
    },
    "report.dec.npv": {
        "sv": "Nettonuvärde till basår {base_year}: {npv} inkl. omfördelningsnytta (låg–hög "
              "{low} till {high}); med enbart finansiell nytta {npv_financial}.",
        "en": "Net present value at base year {base_year}: {npv} incl. time-releasing benefit "
              "(low–high {low} to {high}); cash-releasing only {npv_financial}.",
    },
    "report.dec.payback": {
        "sv": "Portföljen är återbetald {year} räknat med omfördelningsnytta; med enbart finansiell "
              "nytta: {year_financial}.",
        "en": "The portfolio pays back in {year} incl. time-releasing benefit; cash-releasing "
              "only: {year_financial}.",
    },
    "report.dec.robust": {
        "sv": "Robusthet: {core} av de {funded} finansierade behoven är kärna (finansieras med alla "
              "tillåtna vikter inom ±{spread}); {border} finansierade och {outside} ej finansierade "
              "behov är gränsfall (avsnitt 5).",
        "en": "Robustness: {core} of the {funded} funded needs are core (funded for every admissible "
              "weight within ±{spread}); {border} funded and {outside} unfunded needs are borderline "
              "(section 5).",
    },
    "report.dec.robust_fixed": {
        "sv": "Robusthet: urvalet beror inte på vikterna (se avsnitt 5 för budgetnivåerna).",
        "en": "Robustness: the selection does not depend on the weights (section 5: budget levels).",
    },
    "report.dec.per_year": {"sv": "Per år", "en": "Per year"},
    "report.dec.per_year_caption": {
        "sv": "Tabell 1.1 Investering, ökad drift och nytta per år.",
        "en": "Table 1.1 Investment, added running cost and benefit per year.",
    },
    "report.dec.per_department": {"sv": "Nytta per förvaltning", "en": "Benefit per department"},
    "report.dec.per_department_caption": {
        "sv": "Tabell 1.2 Nytta per förvaltning och år när den är fullt utbyggd.",
        "en": "Table 1.2 Benefit per department and year once fully built.",
    },
    "report.dec.not_funded": {"sv": "Medvetet ej finansierat", "en": "Deliberately not funded"},
    "report.dec.not_funded_lead": {
        "sv": "{n} behov finansieras inte. Skälen:", "en": "{n} needs are not funded. The reasons:",
    },
    "report.dec.reasons_caption": {
        "sv": "Tabell 1.3 Skäl, antal behov och deras investering.",
        "en": "Table 1.3 Reasons, number of needs and their investment.",
    },
    "report.dec.see_details": {
        "sv": "Varje behovs eget skäl står i Excel-filen (rapport.xlsx, bladet {sheet}); hela "
              "rangordningen i avsnitt 7 och bastjänsterna i avsnitt 4.",
        "en": "Each need's own reason is in the Excel file (rapport.xlsx, sheet {sheet}); the full "
              "ranking is in section 7 and the base services in section 4.",
    },
    "report.dec.bastjanst_more": {
        "sv": "och {n} till (avsnitt 4)", "en": "and {n} more (section 4)",
    },
    "report.dec.closest_caption": {
        "sv": "Tabell 1.4 De {n} högst rankade behov som inte finansieras.",
        "en": "Table 1.4 The {n} best-ranked needs not funded.",
    },
    # ----------------------------------------------------------------- 2. economics
    "report.econ.heading": {"sv": "2. Ekonomiska konsekvenser", "en": "2. Financial consequences"},
    "report.econ.lead": {
        "sv": "Investering faller i behovets startår, drift och nytta de följande åren. Finansiell "
              "nytta (pengar som kan lämna en budget) och omfördelningsnytta (frigjord tid värderad i "
              "kronor) redovisas var för sig och läggs aldrig ihop i en budgetram.",
        "en": "Investment falls in the need's start year, running cost and benefit in the years "
              "after. Cash-releasing and time-releasing benefit are shown apart.",
    },
    "report.econ.investment": {"sv": "Investeringsbudget per år", "en": "Investment budget per year"},
    "report.econ.investment_caption": {
        "sv": "Tabell 2.1 Investering per förvaltning och år.",
        "en": "Table 2.1 Investment per department and year.",
    },
    "report.econ.running": {"sv": "Driftbudget per år och nämnd", "en": "Running budget per year and board"},
    "report.econ.running_lead": {
        "sv": "Ökad driftkostnad per förvaltning (dess nämnd) och år. Kostnaden bärs av {bearers}; "
              "nyttan tas hem av förvaltningen.",
        "en": "Added running cost per department (its board) and year, carried by {bearers}; the "
              "benefit is taken home by the department.",
    },
    "report.econ.running_caption": {
        "sv": "Tabell 2.2 Ökad driftkostnad per förvaltning, betalare och år.",
        "en": "Table 2.2 Added running cost per department, payer and year.",
    },
    "report.econ.effect": {
        "sv": "Effekthemtagning per förvaltning och år", "en": "Benefit realisation per department and year",
    },
    "report.econ.effect_lead": {
        "sv": "Den finansiella nyttan är den minskning av budgetramen som nyttan medger. "
              "Omfördelningsnyttan är tid som frigörs i verksamheten; den visas också som "
              "årsarbetare, med {hours} timmar per årsarbetare (benefits.toml).",
        "en": "Cash-releasing benefit is the budget-frame reduction it allows. Time-releasing "
              "benefit is freed time, also shown as full-time staff at {hours} hours each.",
    },
    "report.econ.financial_caption": {
        "sv": "Tabell 2.3 Finansiell nytta (möjlig ramminskning) per förvaltning och år.",
        "en": "Table 2.3 Cash-releasing benefit per department and year.",
    },
    "report.econ.redistribution_caption": {
        "sv": "Tabell 2.4 Omfördelningsnytta per förvaltning och år.",
        "en": "Table 2.4 Time-releasing benefit per department and year.",
    },
    "report.econ.fte_caption": {
        "sv": "Tabell 2.5 Frigjord tid i årsarbetare per förvaltning och år.",
        "en": "Table 2.5 Freed time in full-time staff per department and year.",
    },
    "report.econ.municipality": {"sv": "Hela kommunen per år", "en": "Whole municipality per year"},
    "report.econ.municipality_caption": {
        "sv": "Tabell 2.6 Kommunen per år, med låg och hög skattning av nettot.",
        "en": "Table 2.6 The municipality per year with low and high net.",
    },
    "report.econ.npv": {"sv": "Nuvärde och osäkerhet", "en": "Present value and range"},
    "report.econ.npv_lead": {
        "sv": "Portföljens nettonuvärde till basår {base_year} med {rate} % real ränta är {npv} "
              "inkl. omfördelningsnytta och {npv_financial} med enbart finansiell nytta. Med nyttan "
              "skattad låg (× {low_factor}) eller hög (× {high_factor}) blir det {low} respektive {high}.",
        "en": "The portfolio's NPV at base year {base_year} at {rate} % real is {npv} incl. time "
              "and {npv_financial} cash only; low (× {low_factor}) / high (× {high_factor}): "
              "{low} / {high}.",
    },
    "report.econ.appendix": {
        "sv": "Nettonuvärde och återbetalningsår per behov finns i bilaga 7.2.",
        "en": "NPV and payback per need are in appendix 7.2.",
    },
    # ----------------------------------------------------------------- 3. follow-up
    "report.track.heading": {
        "sv": "3. Pågående initiativ och nyttorealisering", "en": "3. Ongoing initiatives and benefits",
    },
    "report.track.none": {
        "sv": "Planerna innehåller inga uppföljningsrader (bladet Uppföljning).",
        "en": "The plans hold no follow-up rows (the Uppföljning sheet).",
    },
    "report.track.lead": {
        "sv": "Planerad mot realiserad nytta för {n} initiativ enligt bladen Uppföljning, bedömt "
              "per {built}. \"försenad\": året är slut (plus tid att mäta) utan uppmätt värde; "
              "\"under plan\": realiserat under gränsen i benefits.toml.",
        "en": "Planned against realised benefit for {n} initiatives, as of {built}.",
    },
    "report.track.summary": {
        "sv": "Förfallen planerad nytta {planned}, realiserat hittills {realised}; {flagged} "
              "initiativ är flaggade.",
        "en": "Planned benefit due {planned}, realised {realised}; {flagged} initiatives flagged.",
    },
    "report.track.caption": {
        "sv": "Tabell 3.1 Planerat och realiserat per initiativ.",
        "en": "Table 3.1 Planned and realised per initiative.",
    },
    # ----------------------------------------------------------------- 5. robustness
    "report.core.core": {"sv": "kärna", "en": "core"},
    "report.core.borderline": {"sv": "gränsfall", "en": "borderline"},
    "report.core.outside": {"sv": "utanför", "en": "outside"},
    "report.robust.core_summary": {
        "sv": "Kärna: {core} finansierade behov. Gränsfall: {border_funded} finansierade och "
              "{border_unfunded} ej finansierade behov. Utanför: {outside} behov.",
        "en": "Core: {core} funded needs. Borderline: {border_funded} funded and "
              "{border_unfunded} unfunded. Outside: {outside}.",
    },
    "report.robust.border_caption": {
        "sv": "Tabell 5.1 Gränsfall: behov vars finansiering beror på vikterna.",
        "en": "Table 5.1 Borderline needs.",
    },
    "report.robust.levels": {
        "sv": "Tabell 5.2 Urvalet vid andra budgetnivåer.", "en": "Table 5.2 The selection at other budgets.",
    },
    "report.robust.levels_lead": {
        "sv": "Hela urvalet optimerades på nytt vid lägre och högre budget med scenariots regler. "
              "Kolumnerna visar vilka behov som tillkommer eller faller bort jämfört med förslaget.",
        "en": "The whole selection was optimised again at lower and higher budgets; the columns "
              "show which needs enter or leave.",
    },
    "report.robust.see_appendix": {
        "sv": "Hur stabil själva rangordningen är (SMAA) redovisas i bilaga 7.3; den gäller listans "
              "ordning, inte vilka behov som finansieras.",
        "en": "The ranking's own stability (SMAA) is in appendix 7.3.",
    },
    "report.robust.rank_summary": {
        "sv": "{safe} behov hamnar nästan alltid bland de {n} främsta och {depends} ibland. Det "
              "gäller rangordningen; vilka behov som finansieras avgörs av budgeten (avsnitt 5).",
        "en": "{safe} needs are almost always in the top {n} and {depends} sometimes; funding is "
              "decided by the budget (section 5).",
    },
    "report.col.level": {"sv": "Budgetnivå", "en": "Budget level"},
    "report.col.budget": {"sv": "Budget (kr)", "en": "Budget (SEK)"},
    "report.col.n_funded": {"sv": "Finansierade behov", "en": "Funded needs"},
    "report.col.added": {"sv": "Tillkommer", "en": "Added"},
    "report.col.removed": {"sv": "Faller bort", "en": "Removed"},
    # ----------------------------------------------------------------- 6. data quality
    "report.quality.heading": {"sv": "6. Datakvalitet", "en": "6. Data quality"},
    "report.quality.lead": {
        "sv": "Valideringen gav {warnings} varningar; {unranked} behov kunde inte rangordnas; "
              "{assumed} antagna värden används; {gaps} luckor i kalkylunderlaget.",
        "en": "Validation gave {warnings} warnings; {unranked} needs could not be ranked; "
              "{assumed} assumed values are used; {gaps} gaps in the calculation data.",
    },
    "report.quality.gaps": {"sv": "Luckor i kalkylen", "en": "Gaps in the calculation"},
    "report.quality.gaps_lead": {
        "sv": "Ett finansierat behov med okänd kostnad ingår inte i summorna; en nytta som inte "
              "anges räknas som 0 kr, så summorna kan bara bli för låga, aldrig för höga.",
        "en": "A funded need with unknown cost is left out of the sums; an unstated benefit counts "
              "as 0 kr, so the sums can only be too low.",
    },
    "report.quality.assumed": {"sv": "Antagna värden", "en": "Assumed values"},
    "report.quality.unranked": {"sv": "Behov som inte kunde rangordnas", "en": "Needs not ranked"},
    "report.quality.warnings": {"sv": "Valideringsvarningar", "en": "Validation warnings"},
    "report.quality.start_year": {"sv": "Startår antaget: {year}", "en": "Start year assumed: {year}"},
    "report.quality.neutral": {"sv": "Neutralt värde för: {criteria}", "en": "Neutral value for: {criteria}"},
    "report.quality.left_out": {
        "sv": "Kostnad okänd: ingår inte i kalkylen", "en": "Cost unknown: left out",
    },
    "report.quality.not_stated.benefit_financial": {
        "sv": "Finansiell nytta ej angiven (0 kr)", "en": "Cash-releasing benefit not stated (0)",
    },
    "report.quality.not_stated.benefit_redistribution": {
        "sv": "Omfördelningsnytta ej angiven (0 kr)", "en": "Time-releasing benefit not stated (0)",
    },
    # ----------------------------------------------------------------- 7. appendices
    "report.appx.heading": {"sv": "7. Bilagor", "en": "7. Appendices"},
    "report.appx.lead": {
        "sv": "7.1 Hela rangordningen · 7.2 Ekonomi per behov · 7.3 Rangordningens stabilitet · "
              "7.4 Metod och parametrar · 7.5 Data och spårbarhet.",
        "en": "7.1 Full ranking · 7.2 Economics per need · 7.3 Ranking stability · "
              "7.4 Method and parameters · 7.5 Data and traceability.",
    },
    "report.appx.ranking": {"sv": "7.1 Hela rangordningen", "en": "7.1 Full ranking"},
    "report.appx.economics": {"sv": "7.2 Ekonomi per finansierat behov", "en": "7.2 Economics per need"},
    "report.appx.economics_lead": {
        "sv": "Nettonuvärde per behov diskonteras till behovets eget startår (* = antaget startår) "
              "och kan därför inte summeras; portföljens nettonuvärde i avsnitt 2 är diskonterat "
              "till ett basår.",
        "en": "Per-need NPV is discounted to the need's own start year (* = assumed) and cannot be "
              "added up; the portfolio NPV in section 2 uses one base year.",
    },
    "report.appx.method": {"sv": "7.4 Metod och parametrar", "en": "7.4 Method and parameters"},
    # ----------------------------------------------------------------- columns
    "report.col.running_added": {"sv": "Ökad drift (kr)", "en": "Added running cost (SEK)"},
    "report.col.financial_year": {
        "sv": "Finansiell nytta per år (kr)", "en": "Cash-releasing per year (SEK)",
    },
    "report.col.redistribution_year": {
        "sv": "Omfördelningsnytta per år (kr)", "en": "Time-releasing per year (SEK)",
    },
    "report.col.fte": {"sv": "Årsarbetare", "en": "Full-time staff"},
    "report.col.total": {"sv": "Summa", "en": "Total"},
    "report.col.bearer": {"sv": "Betalas av", "en": "Paid by"},
    "report.col.net_low": {"sv": "Netto, låg (kr)", "en": "Net, low (SEK)"},
    "report.col.net_high": {"sv": "Netto, hög (kr)", "en": "Net, high (SEK)"},
    "report.col.owner": {"sv": "Ansvarig", "en": "Owner"},
    "report.col.planned": {"sv": "Planerat (kr)", "en": "Planned (SEK)"},
    "report.col.planned_due": {"sv": "Planerat, förfallet (kr)", "en": "Planned, due (SEK)"},
    "report.col.realised": {"sv": "Realiserat (kr)", "en": "Realised (SEK)"},
    "report.col.share": {"sv": "Andel realiserad", "en": "Share realised"},
    "report.col.flags": {"sv": "Flaggor", "en": "Flags"},
    "report.col.file": {"sv": "Fil", "en": "File"},
    "report.col.row": {"sv": "Rad", "en": "Row"},
    "report.col.message": {"sv": "Meddelande", "en": "Message"},
    "report.col.assumed": {"sv": "Antagande", "en": "Assumption"},
    "report.col.gap": {"sv": "Lucka", "en": "Gap"},
    "report.col.start_year": {"sv": "Startår", "en": "Start year"},
    "report.col.npv_financial": {"sv": "Nettonuvärde, finansiell (kr)", "en": "NPV, cash only (SEK)"},
    "report.col.payback": {"sv": "Återbetalningsår", "en": "Payback year"},
    "report.col.class": {"sv": "Klass", "en": "Class"},
    "report.col.issue": {"sv": "Lucka eller antagande", "en": "Gap or assumption"},
    "report.col.hours": {"sv": "Frigjorda timmar", "en": "Hours freed"},
    "report.col.start_assumed": {"sv": "Startår antaget", "en": "Start year assumed"},
    "report.col.payback_financial": {
        "sv": "Återbetalningsår, finansiell", "en": "Payback year, cash only",
    },
    "report.col.level_share": {"sv": "Andel av budgeten", "en": "Share of budget"},
    "report.col.weight_share": {"sv": "Vikt (andel)", "en": "Weight (share)"},
    # ----------------------------------------------------------------- Excel
    "report.sheet.decision": {"sv": "1 Förslag per år", "en": "1 Proposal per year"},
    "report.sheet.decision_departments": {"sv": "1 Nytta per förvaltning", "en": "1 Benefit per dept"},
    "report.sheet.costs": {"sv": "2 Investering och drift", "en": "2 Investment and running"},
    "report.sheet.effect": {"sv": "2 Effekthemtagning", "en": "2 Benefit realisation"},
    "report.sheet.municipality": {"sv": "2 Kommunen per år", "en": "2 Municipality per year"},
    "report.sheet.need_economics": {"sv": "2 Ekonomi per behov", "en": "2 Economics per need"},
    "report.sheet.tracking": {"sv": "3 Uppföljning", "en": "3 Follow-up"},
    "report.sheet.levels": {"sv": "5 Budgetnivåer", "en": "5 Budget levels"},
    "report.sheet.quality": {"sv": "6 Luckor och antaganden", "en": "6 Gaps and assumptions"},
    "report.sheet.warnings": {"sv": "6 Valideringsvarningar", "en": "6 Validation warnings"},
    "report.sheet.unranked": {"sv": "6 Ej rangordnade", "en": "6 Not ranked"},
    "report.sheet.stability": {"sv": "7 Rangordningens stabilitet", "en": "7 Ranking stability"},
    "report.xl.contrib": {"sv": "Bidrag: {c}", "en": "Contribution: {c}"},
    "report.xl.rank_change": {"sv": "Rangändring", "en": "Rank change"},
    "report.xl.imputed": {"sv": "Neutrala värden", "en": "Neutral values"},
    "report.xl.served_by": {"sv": "Byggs som bastjänst", "en": "Built as base service"},
    "report.xl.settings": {"sv": "Inställningar", "en": "Settings"},
    "report.xl.hours_per_fte": {"sv": "Timmar per årsarbetare", "en": "Hours per full-time post"},
    "report.xl.shared.group_id": {"sv": "Grupp-ID", "en": "Group ID"},
    "report.xl.shared.label": {"sv": "Gemensamt behov", "en": "Shared need"},
    "report.xl.shared.size": {"sv": "Antal behov", "en": "Needs"},
    "report.xl.shared.n_departments": {"sv": "Antal förvaltningar", "en": "Departments"},
    "report.xl.shared.departments": {"sv": "Förvaltningar", "en": "Department names"},
    "report.xl.shared.member_ids": {"sv": "Behov (ID)", "en": "Needs (ID)"},
    "report.xl.shared.cohesion": {"sv": "Likhet inom gruppen", "en": "Cohesion"},
    "report.xl.shared.keywords": {"sv": "Nyckelord", "en": "Keywords"},
    # ----------------------------------------------------------------- app exports
    "export.button.excel": {"sv": "Exportera Excel", "en": "Export Excel"},
    "export.button.pdf": {"sv": "Exportera beslutsunderlag (PDF)", "en": "Export decision PDF"},
    "export.pdf_building": {
        "sv": "Bygger beslutsunderlaget (samma kedja som kstad report, cirka 20 s)…",
        "en": "Building the decision document (about 20 s)…",
    },
    "export.none": {"sv": "Det finns inget urval att exportera än.", "en": "Nothing to export yet."},
    "export.name.budget": {"sv": "Budgetförslag {budget}", "en": "Budget proposal {budget}"},
    "export.name.effect": {"sv": "Effekthemtagning", "en": "Benefit realisation"},
    "export.effect.scenario": {"sv": "Portfölj från scenario", "en": "Portfolio of scenario"},
    "export.effect.lead": {
        "sv": "Exporten räknas för portföljen i ett sparat scenario (spara det i Budget-appen), "
              "med räntan och kalkylperioden ovan – inte för alla behov.",
        "en": "The export is computed for a saved scenario's portfolio with the rate and period above.",
    },
    "export.sheet.portfolio": {"sv": "Portfölj", "en": "Portfolio"},
    "export.sheet.economics": {"sv": "Ekonomi per behov", "en": "Economics per need"},
    "export.sheet.years": {"sv": "Kommunen per år", "en": "Municipality per year"},
    "export.sheet.effect": {"sv": "Effekthemtagning", "en": "Benefit realisation"},
    "export.sheet.npv": {"sv": "Nuvärde", "en": "Present value"},
    "export.sheet.about": {"sv": "Om exporten", "en": "About the export"},
    "export.col.item": {"sv": "Uppgift", "en": "Item"},
    "export.col.value": {"sv": "Värde", "en": "Value"},
    "export.setting.built": {"sv": "Exporterad", "en": "Exported"},
    "export.setting.fingerprint": {"sv": "Datafingeravtryck", "en": "Data fingerprint"},
    "export.setting.named": {"sv": "Inställning: {name}", "en": "Setting: {name}"},
    "export.npv.base_year": {"sv": "Basår", "en": "Base year"},
    "export.npv.npv": {"sv": "Nettonuvärde inkl. omfördelning (kr)", "en": "NPV incl. time (SEK)"},
    "export.npv.npv_financial": {"sv": "Nettonuvärde, finansiell (kr)", "en": "NPV, cash (SEK)"},
    "export.npv.payback": {"sv": "Återbetalningsår", "en": "Payback year"},
    "export.npv.funded": {"sv": "Finansierade behov", "en": "Funded needs"},
}
