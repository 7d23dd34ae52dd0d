"""Texts for effekthemtagning: benefit calculation, tracking and ``kstad benefits``."""

TEXTS = {
    # --- parameter errors
    "benefits.error.rate": {
        "sv": "Diskonteringsräntan måste vara ett tal större än -1 (-100 %), fick {value}.",
        "en": "The discount rate must be a number greater than -1 (-100 %), got {value}.",
    },
    "benefits.error.years": {
        "sv": "Kalkylperioden måste vara ett helt antal år mellan 1 och 30, fick {value}.",
        "en": "The calculation period must be a whole number of years from 1 to 30, got {value}.",
    },
    "benefits.error.ramp": {
        "sv": "Nyttjandegraden (ramp) måste ha minst ett värde och alla värden mellan 0 och 1.",
        "en": "The adoption ramp needs at least one value, all between 0 and 1.",
    },
    "benefits.error.factors": {
        "sv": "Osäkerhetsfaktorerna måste uppfylla 0 ≤ låg ≤ 1 ≤ hög (fick låg {low}, hög {high}).",
        "en": "The uncertainty factors must satisfy 0 ≤ low ≤ 1 ≤ high (got low {low}, high {high}).",
    },
    "benefits.error.base_year": {
        "sv": "Basåret måste vara ett år mellan 1990 och 2100, fick {value}.",
        "en": "The base year must be a year from 1990 to 2100, got {value}.",
    },
    "benefits.error.threshold": {
        "sv": "Gränsen för 'under plan' måste vara mellan 0 och 1, fick {value}.",
        "en": "The 'below plan' threshold must be between 0 and 1, got {value}.",
    },
    "benefits.error.columns": {
        "sv": "Tabellen saknar kolumner: {columns}.",
        "en": "The table lacks columns: {columns}.",
    },
    "benefits.missing": {"sv": "Saknar: {fields}", "en": "Missing: {fields}"},
    "benefits.not_stated": {"sv": "ej angiven", "en": "not stated"},
    # --- portfolio NPV (benefits.portfolio_summary / summary_notes)
    "benefits.portfolio.convention": {
        "sv": "Nettonuvärdet är portföljens nettoflöden per kalenderår diskonterade till "
              "{base_year} med {rate} % real ränta: investeringen faller startåret, drift och "
              "nytta varje år därefter, och ett flöde år {base_year} diskonteras inte.",
        "en": "The NPV is the portfolio's net flows per calendar year discounted to {base_year} "
              "at a real rate of {rate} %: the investment falls in the start year, running cost "
              "and benefit in each year after it, and a flow in {base_year} is not discounted.",
    },
    "benefits.portfolio.left_out": {
        "sv": "{n} behov saknar investering eller drift och ingår inte i nettonuvärde eller "
              "återbetalning: {ids}.",
        "en": "{n} needs lack an investment or running cost and are left out of the NPV and "
              "payback: {ids}.",
    },
    "benefits.portfolio.not_stated.benefit_redistribution": {
        "sv": "{n} behov har omfördelningsnytta ej angiven (ärenden eller sparad tid saknas) och "
              "räknas med 0 kr omfördelning; deras finansiella nytta och kostnad ingår: {ids}.",
        "en": "{n} needs have no time-releasing benefit stated (cases or time saved missing) and "
              "count 0 kr of it; their cash-releasing benefit and cost are included: {ids}.",
    },
    "benefits.portfolio.not_stated.benefit_financial": {
        "sv": "{n} behov har finansiell nytta (övrig nytta) ej angiven och räknas med 0 kr "
              "finansiell nytta; deras kostnad ingår: {ids}.",
        "en": "{n} needs have no cash-releasing benefit stated and count 0 kr of it; their cost "
              "is included: {ids}.",
    },
    # --- tracking flags (display; the data values are tracking.FLAG_*)
    "benefits.flag.overdue": {"sv": "försenad", "en": "overdue"},
    "benefits.flag.below_plan": {"sv": "under plan", "en": "below plan"},
    # --- column labels for exports and tables
    "benefits.col.id": {"sv": "ID", "en": "ID"},
    "benefits.col.department": {"sv": "Förvaltning", "en": "Department"},
    "benefits.col.title": {"sv": "Titel", "en": "Title"},
    "benefits.col.year": {"sv": "År", "en": "Year"},
    "benefits.col.t": {"sv": "År efter start", "en": "Years after start"},
    "benefits.col.start_year": {"sv": "Startår", "en": "Start year"},
    "benefits.col.start_year_assumed": {"sv": "Startår antaget", "en": "Start year assumed"},
    "benefits.col.investment": {"sv": "Investering (kr)", "en": "Investment (SEK)"},
    "benefits.col.running_cost": {"sv": "Drift per år (kr)", "en": "Running cost per year (SEK)"},
    "benefits.col.benefit_financial": {
        "sv": "Finansiell nytta (kr/år)", "en": "Cash-releasing benefit (SEK/yr)",
    },
    "benefits.col.benefit_redistribution": {
        "sv": "Omfördelningsnytta (kr/år)", "en": "Time-releasing benefit (SEK/yr)",
    },
    "benefits.col.benefit_financial_full": {
        "sv": "Finansiell nytta fullt utbyggd (kr/år)",
        "en": "Cash-releasing benefit fully built (SEK/yr)",
    },
    "benefits.col.benefit_redistribution_full": {
        "sv": "Omfördelningsnytta fullt utbyggd (kr/år)",
        "en": "Time-releasing benefit fully built (SEK/yr)",
    },
    "benefits.col.benefit_financial_note": {
        "sv": "Anmärkning finansiell nytta", "en": "Note on cash-releasing benefit",
    },
    "benefits.col.benefit_redistribution_note": {
        "sv": "Anmärkning omfördelningsnytta", "en": "Note on time-releasing benefit",
    },
    "benefits.col.pv_cost": {"sv": "Nuvärde kostnader (kr)", "en": "PV of costs (SEK)"},
    "benefits.col.pv_benefit_financial": {
        "sv": "Nuvärde finansiell nytta (kr)", "en": "PV of cash-releasing benefit (SEK)",
    },
    "benefits.col.pv_benefit_redistribution": {
        "sv": "Nuvärde omfördelningsnytta (kr)", "en": "PV of time-releasing benefit (SEK)",
    },
    "benefits.col.npv": {
        "sv": "Nettonuvärde inkl. omfördelning (kr)", "en": "NPV incl. time-releasing (SEK)",
    },
    "benefits.col.npv_low": {"sv": "Nettonuvärde lågt (kr)", "en": "NPV low (SEK)"},
    "benefits.col.npv_high": {"sv": "Nettonuvärde högt (kr)", "en": "NPV high (SEK)"},
    "benefits.col.npv_financial": {
        "sv": "Nettonuvärde endast finansiell nytta (kr)", "en": "NPV cash-releasing only (SEK)",
    },
    "benefits.col.npv_base": {
        "sv": "Nettonuvärde inkl. omfördelning, basår (kr)",
        "en": "NPV incl. time-releasing, base year (SEK)",
    },
    "benefits.col.npv_financial_base": {
        "sv": "Nettonuvärde endast finansiell nytta, basår (kr)",
        "en": "NPV cash-releasing only, base year (SEK)",
    },
    "benefits.col.payback_year": {
        "sv": "Återbetalningsår inkl. omfördelning", "en": "Payback year incl. time-releasing",
    },
    "benefits.col.payback_year_financial": {
        "sv": "Återbetalningsår endast finansiell nytta", "en": "Payback year cash-releasing only",
    },
    "benefits.col.financial_complete": {
        "sv": "Kostnad och finansiell nytta kända", "en": "Cost and cash-releasing benefit known",
    },
    "benefits.col.bcr": {"sv": "Nytta/kostnad", "en": "Benefit/cost ratio"},
    "benefits.col.nnki": {"sv": "NNK-i", "en": "NPV per invested krona"},
    "benefits.col.cost_bearer": {"sv": "Bär kostnaden", "en": "Cost bearer"},
    "benefits.col.benefit_owner": {"sv": "Hämtar hem nyttan", "en": "Benefit owner"},
    "benefits.col.complete": {"sv": "Fullständig", "en": "Complete"},
    "benefits.col.missing_reason": {"sv": "Orsak om värde saknas", "en": "Why values are missing"},
    "benefits.col.it_cost": {"sv": "IT-kostnad (kr)", "en": "IT cost (SEK)"},
    "benefits.col.adoption": {"sv": "Nyttjandegrad", "en": "Adoption"},
    "benefits.col.total_benefit_incl_redistribution": {
        "sv": "Total nytta inkl. omfördelning (kr)", "en": "Total benefit incl. time-releasing (SEK)",
    },
    "benefits.col.net": {
        "sv": "Netto inkl. omfördelning (kr)", "en": "Net incl. time-releasing (SEK)",
    },
    "benefits.col.net_financial": {
        "sv": "Netto endast finansiell nytta (kr)", "en": "Net cash-releasing only (SEK)",
    },
    "benefits.col.cumulative_net": {
        "sv": "Ackumulerat netto inkl. omfördelning (kr)",
        "en": "Cumulative net incl. time-releasing (SEK)",
    },
    "benefits.col.cumulative_net_financial": {
        "sv": "Ackumulerat netto endast finansiell (kr)",
        "en": "Cumulative net cash-releasing only (SEK)",
    },
    "benefits.col.cumulative_net_low": {
        "sv": "Ackumulerat netto lågt (kr)", "en": "Cumulative net low (SEK)",
    },
    "benefits.col.cumulative_net_high": {
        "sv": "Ackumulerat netto högt (kr)", "en": "Cumulative net high (SEK)",
    },
    "benefits.col.discount_factor": {"sv": "Diskonteringsfaktor", "en": "Discount factor"},
    "benefits.col.net_discounted": {
        "sv": "Netto inkl. omfördelning, nuvärde basår (kr)",
        "en": "Net incl. time-releasing, PV base year (SEK)",
    },
    "benefits.col.net_financial_discounted": {
        "sv": "Netto endast finansiell, nuvärde basår (kr)",
        "en": "Net cash-releasing only, PV base year (SEK)",
    },
    "benefits.col.paid_back": {"sv": "Återbetald", "en": "Paid back"},
    "benefits.col.needs": {"sv": "Behov i kalkylen", "en": "Needs in the calculation"},
    "benefits.col.needs_excluded": {
        "sv": "Behov utan fullständiga uppgifter (ej med)",
        "en": "Needs lacking data (left out)",
    },
    "benefits.col.planned": {"sv": "Planerad nytta (kr)", "en": "Planned benefit (SEK)"},
    "benefits.col.realised": {"sv": "Realiserad nytta (kr)", "en": "Realised benefit (SEK)"},
    "benefits.col.planned_measured": {
        "sv": "Planerad nytta, mätta rader (kr)", "en": "Planned benefit, measured rows (SEK)",
    },
    "benefits.col.planned_due": {
        "sv": "Planerad nytta som borde vara mätt (kr)", "en": "Planned benefit due (SEK)",
    },
    "benefits.col.rate": {"sv": "Realiseringsgrad", "en": "Realisation rate"},
    "benefits.col.rows": {"sv": "Nyttor", "en": "Benefits"},
    "benefits.col.unmeasured": {"sv": "Ej mätta", "en": "Not measured"},
    "benefits.col.overdue": {"sv": "Försenad", "en": "Overdue"},
    "benefits.col.below_plan": {"sv": "Under plan", "en": "Below plan"},
    "benefits.col.flags": {"sv": "Flaggor", "en": "Flags"},
    "benefits.col.realiser": {"sv": "Ansvarig för realisering", "en": "Responsible for realising"},
    "benefits.col.measurer": {"sv": "Ansvarig för mätning", "en": "Responsible for measuring"},
    "benefits.col.measured_on": {"sv": "Senaste mätdatum", "en": "Latest measurement"},
    "benefits.col.initiatives": {"sv": "Initiativ", "en": "Initiatives"},
    "benefits.col.years": {"sv": "Antal år", "en": "Years"},
    "benefits.col.overdue_years": {"sv": "År försenade", "en": "Years overdue"},
    "benefits.col.below_plan_years": {"sv": "År under plan", "en": "Years below plan"},
    "benefits.col.overdue_count": {"sv": "Försenade", "en": "Overdue"},
    "benefits.col.below_plan_count": {"sv": "Under plan", "en": "Below plan"},
    # --- sheet names
    "benefits.sheet.needs": {"sv": "Per behov", "en": "Per need"},
    "benefits.sheet.departments": {"sv": "Per förvaltning", "en": "Per department"},
    "benefits.sheet.municipality": {"sv": "Kommunen", "en": "Municipality"},
    "benefits.sheet.realisation": {"sv": "Uppföljning", "en": "Follow-up"},
    "benefits.sheet.realisation_initiatives": {
        "sv": "Uppföljning per initiativ", "en": "Follow-up per initiative",
    },
    "benefits.sheet.realisation_departments": {
        "sv": "Uppföljning per förvaltning", "en": "Follow-up per department",
    },
    # --- command line
    "benefits.cli.help": {
        "sv": "Räkna effekthemtagning: nettonuvärde, återbetalning och uppföljning per behov "
              "och förvaltning.",
        "en": "Compute benefits realisation: NPV, payback and follow-up per need and department.",
    },
    "benefits.cli.years": {
        "sv": "Kalkylperiod i år efter startåret (1–30; standard från data/config/benefits.toml).",
        "en": "Calculation period in years after the start year (1–30; default from config).",
    },
    "benefits.cli.rate": {
        "sv": "Real diskonteringsränta som andel, t.ex. 0.03 eller 0,03 (standard från konfig).",
        "en": "Real discount rate as a fraction, e.g. 0.03 (default from config).",
    },
    "benefits.cli.out": {
        "sv": "Skriv till fil (.csv, .json eller .xlsx) i stället för skärmen.",
        "en": "Write to a file (.csv, .json or .xlsx) instead of the screen.",
    },
    "benefits.cli.format": {"sv": "Utdataformat.", "en": "Output format."},
    "benefits.cli.per": {
        "sv": "Visa per behov (need) eller per förvaltning och år (department).",
        "en": "Show per need or per department and year.",
    },
    "benefits.cli.bad_rate": {
        "sv": "Ogiltig ränta: {value!r}. Ange en andel, t.ex. 0.03 för 3 %.",
        "en": "Invalid rate: {value!r}. Give a fraction, e.g. 0.03 for 3 %.",
    },
    "benefits.cli.bad_years": {
        "sv": "Ogiltigt antal år: {value!r}. Ange ett heltal mellan 1 och 30.",
        "en": "Invalid number of years: {value!r}. Give a whole number from 1 to 30.",
    },
    "benefits.cli.xlsx_needs_out": {
        "sv": "Formatet xlsx kräver --out FIL.xlsx.", "en": "The xlsx format needs --out FILE.xlsx.",
    },
    "benefits.cli.summary": {
        "sv": "Kalkyl: {years} år, ränta {rate} %, {complete} av {needs} behov med fullständiga "
              "uppgifter. Portföljen återbetald (inkl. omfördelning): {payback}; endast "
              "finansiell nytta: {payback_financial}.",
        "en": "Calculation: {years} years, rate {rate} %, {complete} of {needs} needs complete. "
              "Portfolio paid back (incl. time-releasing): {payback}; cash-releasing only: "
              "{payback_financial}.",
    },
    "benefits.cli.never": {"sv": "inte inom perioden", "en": "not within the period"},
    "benefits.cli.written": {"sv": "Skrev {path}", "en": "Wrote {path}"},
}
