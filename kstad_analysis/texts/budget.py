"""Texts for the budget optimisation (portfolio kernel, budget layer, ``kstad optimize``)."""

TEXTS = {
    # --- input validation in the kernel (ValueError messages)
    "budget.err.values": {
        "sv": "Värdena måste vara ändliga tal; ogiltigt värde (NaN/oändligt) på plats {positions}.",
        "en": "Values must be finite numbers; invalid value (NaN/inf) at position {positions}.",
    },
    "budget.err.costs": {
        "sv": "Kostnaderna måste vara ändliga tal ≥ 0; ogiltig kostnad på plats {positions}.",
        "en": "Costs must be finite numbers ≥ 0; invalid cost at position {positions}.",
    },
    "budget.err.running": {
        "sv": "Driftkostnaderna måste vara ändliga tal ≥ 0; ogiltig driftkostnad på plats "
              "{positions}.",
        "en": "Running costs must be finite numbers ≥ 0; invalid running cost at position "
              "{positions}.",
    },
    "budget.err.shape": {
        "sv": "Värden ({n} st) och kostnader ({m} rader) har olika antal behov.",
        "en": "Values ({n}) and costs ({m} rows) have different numbers of needs.",
    },
    "budget.err.budget_shape": {
        "sv": "Budgeten har {got} belopp men kostnaderna har {want} år (kolumner).",
        "en": "The budget has {got} amounts but the costs have {want} years (columns).",
    },
    "budget.err.negative_budget": {
        "sv": "Budgeten måste vara ett ändligt belopp ≥ 0, inte {budget}.",
        "en": "The budget must be a finite amount ≥ 0, not {budget}.",
    },
    "budget.err.running_cap": {
        "sv": "Taket för driftkostnad måste vara ett ändligt belopp ≥ 0, inte {cap}.",
        "en": "The running-cost ceiling must be a finite amount ≥ 0, not {cap}.",
    },
    "budget.err.running_missing": {
        "sv": "Ett tak för driftkostnad kräver driftkostnader per behov (running).",
        "en": "A running-cost ceiling needs running costs per need (running).",
    },
    "budget.err.index": {
        "sv": "Regeln {rule} pekar på behov nummer {index}, som inte finns (giltiga 0–{last}).",
        "en": "The rule {rule} refers to need number {index}, which does not exist "
              "(valid 0–{last}).",
    },
    "budget.err.solver": {
        "sv": "Okänd lösare {solver}; välj highs eller cbc.",
        "en": "Unknown solver {solver}; choose highs or cbc.",
    },
    "budget.err.time_limit": {
        "sv": "Tidsgränsen måste vara ett positivt antal sekunder, inte {value}.",
        "en": "The time limit must be a positive number of seconds, not {value}.",
    },
    "budget.err.node_limit": {
        "sv": "Nodgränsen måste vara ett positivt heltal, inte {value}.",
        "en": "The node limit must be a positive whole number, not {value}.",
    },
    "budget.err.resolution": {
        "sv": "Upplösningen måste vara ett positivt belopp, inte {value}.",
        "en": "The resolution must be a positive amount, not {value}.",
    },
    "budget.err.dp_size": {
        "sv": "Dynamisk programmering skulle kräva {cells} celler; välj en grövre upplösning.",
        "en": "Dynamic programming would need {cells} cells; choose a coarser resolution.",
    },
    "budget.err.by": {
        "sv": "Okänd ordning {by}; välj value eller ratio.",
        "en": "Unknown order {by}; choose value or ratio.",
    },
    "budget.err.levels": {
        "sv": "Budgetnivåerna måste vara ändliga belopp ≥ 0 med rätt antal år.",
        "en": "The budget levels must be finite amounts ≥ 0 with the right number of years.",
    },
    # --- infeasibility explanations (PortfolioResult.explanation)
    "budget.inf.must_excluded": {
        "sv": "{item} är både tvingat in (måste/lagkrav) och uteslutet.",
        "en": "{item} is both forced in (must/legal requirement) and excluded.",
    },
    "budget.inf.requires_excluded": {
        "sv": "{item} måste med, men det kräver {dep}, som är uteslutet.",
        "en": "{item} must be included, but it requires {dep}, which is excluded.",
    },
    "budget.inf.exclusive": {
        "sv": "{a} och {b} måste båda med, men de är ömsesidigt uteslutande "
              "(högst ett av dem får väljas).",
        "en": "{a} and {b} must both be included, but they are mutually exclusive "
              "(at most one may be chosen).",
    },
    "budget.inf.over_budget": {
        "sv": "Det som måste med ({items}) kostar redan {cost}, mer än budgeten {budget}{period}.",
        "en": "What must be included ({items}) already costs {cost}, more than the budget "
              "{budget}{period}.",
    },
    "budget.inf.over_running": {
        "sv": "Det som måste med ({items}) har driftkostnad {cost} per år{period}, mer än "
              "taket {cap}.",
        "en": "What must be included ({items}) has running costs {cost} per year{period}, "
              "more than the ceiling {cap}.",
    },
    "budget.inf.min_over_budget": {
        "sv": "Reglerna (lagkrav, måste, beroenden) kräver minst {cost}{period}, mer än "
              "budgeten {budget}; billigaste sättet omfattar {items}.",
        "en": "The rules (legal requirements, must, dependencies) need at least {cost}{period}, "
              "more than the budget {budget}; the cheapest way covers {items}.",
    },
    "budget.inf.min_running": {
        "sv": "Reglerna (lagkrav, måste, beroenden) ger minst {cost} i driftkostnad per "
              "år{period}, mer än taket {cap}; billigaste sättet omfattar {items}.",
        "en": "The rules (legal requirements, must, dependencies) add at least {cost} running "
              "cost per year{period}, more than the ceiling {cap}; the cheapest way covers "
              "{items}.",
    },
    "budget.inf.period": {"sv": " för {period}", "en": " for {period}"},
    "budget.inf.generic": {
        "sv": "Reglerna går inte att uppfylla samtidigt: lösaren fann ingen portfölj som "
              "håller budgeten och alla regler (måste, uteslut, beroenden, val mellan "
              "alternativ).",
        "en": "The rules cannot all be met: the solver found no portfolio that keeps the "
              "budget and every rule (must, exclude, dependencies, choices between options).",
    },
    "budget.inf.none_found": {
        "sv": "Lösarens gräns (noder eller tid) nåddes innan någon tillåten portfölj hittades.",
        "en": "The solver's limit (nodes or time) was reached before any feasible portfolio "
              "was found.",
    },
    "budget.item": {"sv": "behov {index}", "en": "need {index}"},
    "budget.year": {"sv": "år {year}", "en": "year {year}"},
    "budget.total_period": {"sv": "hela perioden", "en": "the whole period"},
    "budget.inf.must_blocked": {
        "sv": "{id} ska med (måste), men kan inte finansieras: {reason}.",
        "en": "{id} must be included but cannot be funded: {reason}.",
    },
    # --- the budget layer
    "budget.err.value_kind": {
        "sv": "Okänt värdemått {value}; välj ett av: {known} (benefit = nyttopoäng, npv = "
              "nettonuvärde inkl. omfördelningsnytta, npv_financial = nettonuvärde av finansiell "
              "nytta).",
        "en": "Unknown value measure {value}; choose one of: {known} (benefit = benefit points, "
              "npv = net present value incl. time savings, npv_financial = cash-releasing only).",
    },
    "budget.reason.no_benefit": {
        "sv": "ger ingen nytta att vinna (värde 0 eller lägre); tas bara med om det krävs",
        "en": "has no benefit to gain (value 0 or less); taken only if required",
    },
    "budget.err.unknown_ids": {
        "sv": "Okända behov i {rule}: {ids}.",
        "en": "Unknown needs in {rule}: {ids}.",
    },
    "budget.warn.candidate_unknown": {
        "sv": "Bastjänstkandidaten {candidate} nämner okända behov ({ids}); de räknas inte med.",
        "en": "The base-service candidate {candidate} names unknown needs ({ids}); they are "
              "left out.",
    },
    "budget.warn.legal_excluded": {
        "sv": "Lagkravet {id} är uteslutet av analytikern och tas inte med.",
        "en": "The legal requirement {id} is excluded by the analyst and not included.",
    },
    "budget.warn.legal_blocked": {
        "sv": "Lagkravet {id} kan inte tas med: {reason}. Komplettera planen.",
        "en": "The legal requirement {id} cannot be included: {reason}. Complete the plan.",
    },
    "budget.reason.excluded": {"sv": "uteslutet", "en": "excluded"},
    "budget.reason.no_cost": {"sv": "saknar kostnad", "en": "cost missing"},
    "budget.reason.no_running": {"sv": "saknar driftkostnad", "en": "running cost missing"},
    "budget.reason.no_start": {"sv": "saknar startår", "en": "start year missing"},
    "budget.reason.outside_years": {
        "sv": "startår {year} utanför budgetåren", "en": "start year {year} outside the budget years",
    },
    "budget.reason.no_value": {"sv": "saknar värde", "en": "value missing"},
    "budget.reason.unknown_dep": {
        "sv": "beror på okänt behov {ids}", "en": "depends on unknown need {ids}",
    },
    "budget.reason.member_excluded": {
        "sv": "omfattar uteslutet behov", "en": "covers an excluded need",
    },
    "budget.reason.in_shared": {
        "sv": "ingår i bastjänst {candidate}", "en": "part of base service {candidate}",
    },
    "budget.reason.infeasible": {
        "sv": "ingen portfölj uppfyller reglerna", "en": "no portfolio meets the rules",
    },
    "budget.reason.dependency": {
        "sv": "beror på ej valt behov {ids}", "en": "depends on unchosen need {ids}",
    },
    "budget.reason.no_gain": {"sv": "tillför inget värde", "en": "adds no value"},
    "budget.reason.running_cap": {
        "sv": "ryms inte under taket för driftkostnad",
        "en": "does not fit under the running-cost ceiling",
    },
    "budget.reason.time_limit": {
        "sv": "ej vald när lösaren stoppade vid sin gräns",
        "en": "not chosen when the solver stopped at its limit",
    },
    "budget.reason.alternative": {
        "sv": "ett alternativ i samma val (t.ex. bastjänst eller separata byggen) gav mer",
        "en": "an alternative in the same choice (e.g. shared or separate builds) gave more",
    },
    "budget.reason.over_budget": {"sv": "ryms inte i budget", "en": "does not fit the budget"},
    # --- kstad optimize
    "budget.cli.help": {
        "sv": "Välj den bästa portföljen inom budget (lagkrav, beroenden, bastjänster).",
        "en": "Choose the best portfolio within the budget (legal requirements, dependencies, "
              "base services).",
    },
    "budget.cli.budget_required": {
        "sv": "Ange --budget (eller --scenario med ett sparat scenario som har en budget).",
        "en": "Give --budget (or --scenario with a saved scenario that has a budget).",
    },
    "budget.cli.budget": {
        "sv": "Total budget i kr (t.ex. 12000000 eller \"12 mkr\").",
        "en": "Total budget in SEK (e.g. 12000000 or \"12 mkr\").",
    },
    "budget.cli.per_year": {
        "sv": "Budget per år, t.ex. 2027=5000000,2028=4000000; behov betalas sitt startår.",
        "en": "Budget per year, e.g. 2027=5000000,2028=4000000; needs are paid in their "
              "start year.",
    },
    "budget.cli.must": {"sv": "Behov som måste med (ID, kommaseparerade).",
                        "en": "Needs that must be included (IDs, comma-separated)."},
    "budget.cli.exclude": {"sv": "Behov som ska uteslutas (ID, kommaseparerade).",
                           "en": "Needs to exclude (IDs, comma-separated)."},
    "budget.cli.value": {
        "sv": "Värdemått: score (rangordningens poäng, standard) eller npv (nettonuvärde).",
        "en": "Value measure: score (ranking score, default) or npv (net present value).",
    },
    "budget.cli.running_cap": {"sv": "Tak för tillkommande driftkostnad per år (kr).",
                               "en": "Ceiling on added running cost per year (SEK)."},
    "budget.cli.frontier": {"sv": "Visa effektiv front: bästa värde per budgetnivå.",
                            "en": "Show the efficient frontier: best value per budget level."},
    "budget.cli.levels": {"sv": "Antal budgetnivåer i fronten (standard 20).",
                          "en": "Number of budget levels in the frontier (default 20)."},
    "budget.cli.time_limit": {"sv": "Skyddsnät: tidsgräns för lösaren i sekunder (standard 10). "
                                    "Arbetsgränsen är noder, budget.toml [losare] noder.",
                              "en": "Safety net: solver time limit in seconds (default 10). The "
                                    "work limit is nodes, budget.toml [losare] noder."},
    "budget.cli.no_shared": {"sv": "Ta inte med bastjänstkandidater.",
                             "en": "Leave out base-service candidates."},
    "budget.cli.format": {"sv": "Utdataformat.", "en": "Output format."},
    "budget.cli.out": {"sv": "Skriv resultatet till fil (.csv, .json, .xlsx).",
                       "en": "Write the result to a file (.csv, .json, .xlsx)."},
    "budget.cli.bad_amount": {
        "sv": "{option} måste vara ett belopp ≥ 0 i kr, inte \"{value}\".",
        "en": "{option} must be an amount ≥ 0 in SEK, not \"{value}\".",
    },
    "budget.cli.bad_per_year": {
        "sv": "Felaktig --per-year \"{value}\"; skriv t.ex. 2027=5000000,2028=4000000.",
        "en": "Malformed --per-year \"{value}\"; write e.g. 2027=5000000,2028=4000000.",
    },
    "budget.cli.duplicate_year": {"sv": "År {year} anges två gånger i --per-year.",
                                  "en": "Year {year} is given twice in --per-year."},
    "budget.cli.bad_levels": {"sv": "--levels måste vara minst 2.",
                              "en": "--levels must be at least 2."},
    "budget.cli.xlsx_needs_out": {"sv": "xlsx kräver --out FIL.xlsx.",
                                  "en": "xlsx needs --out FILE.xlsx."},
    "budget.cli.unknown_ids": {"sv": "Okända behov i {option}: {ids}.",
                               "en": "Unknown needs in {option}: {ids}."},
    "budget.cli.infeasible": {"sv": "Ingen portfölj uppfyller reglerna. {explanation}",
                              "en": "No portfolio meets the rules. {explanation}"},
    "budget.cli.portfolio_head": {"sv": "Vald portfölj ({n} behov):",
                                  "en": "Chosen portfolio ({n} needs):"},
    "budget.cli.status": {
        "sv": "Lösarstatus: {status} (gap {gap}, {solver}, {seconds} s).",
        "en": "Solver status: {status} (gap {gap}, {solver}, {seconds} s).",
    },
    "budget.cli.totals": {
        "sv": "Budget {budget}, kostnad {cost}, kvar {remaining}; värde {value}; "
              "{served} av {needs} behov tillgodoses, {shared} bastjänster.",
        "en": "Budget {budget}, cost {cost}, left {remaining}; value {value}; "
              "{served} of {needs} needs served, {shared} base services.",
    },
    "budget.cli.naive": {
        "sv": "Rangordna och fyll på (som i dag): värde {naive} för {cost}; "
              "optimeringen vinner {gain}.",
        "en": "Rank and fill (as today): value {naive} for {cost}; the optimisation "
              "gains {gain}.",
    },
    "budget.cli.per_year_head": {"sv": "Per år:", "en": "Per year:"},
    "budget.cli.shared_head": {"sv": "Bastjänstkandidater:", "en": "Base-service candidates:"},
    "budget.cli.rest_head": {"sv": "Ej valda ({n} behov) och varför:",
                             "en": "Not chosen ({n} needs) and why:"},
    "budget.cli.frontier_head": {
        "sv": "Effektiv front (marginalvärde per extra miljon kr):",
        "en": "Efficient frontier (marginal value per extra million SEK):",
    },
    "budget.cli.written": {"sv": "Resultatet skrevs till {path}", "en": "Result written to {path}"},
    "budget.status.optimal": {"sv": "optimal", "en": "optimal"},
    "budget.status.time_limit": {"sv": "gräns nådd (noder eller tid), bästa funna",
                                  "en": "limit reached (nodes or time), best found"},
    "budget.status.infeasible": {"sv": "ingen tillåten portfölj", "en": "infeasible"},
    "budget.status.heuristic": {"sv": "heuristik", "en": "heuristic"},
    "budget.col.start_year": {"sv": "Startår", "en": "Start year"},
    "budget.col.value": {"sv": "Värde", "en": "Value"},
    "budget.col.legal": {"sv": "Lagkrav", "en": "Legal requirement"},
    "budget.col.chosen": {"sv": "Vald", "en": "Chosen"},
    "budget.col.served": {"sv": "Tillgodosedd", "en": "Served"},
    "budget.col.served_by": {"sv": "Bastjänst", "en": "Base service"},
    "budget.col.reason": {"sv": "Skäl", "en": "Reason"},
    "budget.col.candidate": {"sv": "Kandidat", "en": "Candidate"},
    "budget.col.label": {"sv": "Benämning", "en": "Label"},
    "budget.col.members": {"sv": "Ingående behov", "en": "Member needs"},
    "budget.col.period": {"sv": "Period", "en": "Period"},
    "budget.col.budget": {"sv": "Budget (kr)", "en": "Budget (SEK)"},
    "budget.col.remaining": {"sv": "Kvar (kr)", "en": "Left (SEK)"},
    "budget.col.status": {"sv": "Status", "en": "Status"},
    "budget.col.gap": {"sv": "Gap", "en": "Gap"},
    "budget.col.solver": {"sv": "Lösare", "en": "Solver"},
    "budget.col.marginal": {"sv": "Marginalvärde per mkr", "en": "Marginal value per MSEK"},
    "budget.col.entered": {"sv": "Tillkommer", "en": "Enters"},
    "budget.col.left": {"sv": "Faller bort", "en": "Drops out"},
    "budget.col.n_chosen": {"sv": "Antal valda", "en": "Number chosen"},
    "budget.col.seconds": {"sv": "Sekunder", "en": "Seconds"},
    "budget.sheet.portfolio": {"sv": "Portfölj", "en": "Portfolio"},
    "budget.sheet.per_year": {"sv": "Per år", "en": "Per year"},
    "budget.sheet.shared": {"sv": "Bastjänster", "en": "Base services"},
    "budget.sheet.totals": {"sv": "Totaler", "en": "Totals"},
    "budget.sheet.frontier": {"sv": "Front", "en": "Frontier"},
    "budget.cli.weights_need_score": {
        "sv": "--weights och --preset gäller bara --value benefit (nyttopoäng).",
        "en": "--weights and --preset only apply to --value benefit (benefit points).",
    },
    # --- issue 12: driftbudget, commitments, scheduling, computed reasons
    "budget.err.running_twice": {
        "sv": "Ange driftbudgeten en gång: running_budget eller running_cap, inte båda.",
        "en": "Give the running-cost budget once: running_budget or running_cap, not both.",
    },
    "budget.err.running_years": {
        "sv": "En driftbudget per år kräver en investeringsbudget per år (samma år).",
        "en": "A running-cost budget per year needs an investment budget per year (same years).",
    },
    "budget.err.running_years_missing": {
        "sv": "Driftbudgeten saknar belopp för budgetår {years}.",
        "en": "The running-cost budget has no amount for budget year {years}.",
    },
    "budget.err.stop_reason": {
        "sv": "Att stoppa ett pågående behov är ett beslut: ange ett skäl för {id}.",
        "en": "Stopping a need under way is a decision: give a reason for {id}.",
    },
    "budget.err.split_short": {
        "sv": "Totalen {total} räcker inte: lagkrav och pågående behov kräver {required} "
              "({detail}).",
        "en": "The total {total} is not enough: legal requirements and needs under way "
              "need {required} ({detail}).",
    },
    "budget.warn.committed_blocked": {
        "sv": "Det pågående behovet {id} kan inte tas med: {reason}. Komplettera planen.",
        "en": "The need under way {id} cannot be included: {reason}. Complete the plan.",
    },
    "budget.inf.shortfall": {
        "sv": "Det som saknas: {parts}.", "en": "What is missing: {parts}.",
    },
    "budget.inf.lacks": {"sv": "{period} saknar {amount}", "en": "{period} lacks {amount}"},
    "budget.inf.lacks_running": {
        "sv": "driftbudgeten {period} saknar {amount}",
        "en": "the running-cost budget {period} lacks {amount}",
    },
    "budget.inf.lacks_running_all": {
        "sv": "driftbudgeten saknar {amount}",
        "en": "the running-cost budget lacks {amount}",
    },
    "budget.reason.stopped": {"sv": "stoppat: {reason}", "en": "stopped: {reason}"},
    "budget.reason.member_committed": {
        "sv": "omfattar pågående behov (byggs redan separat)",
        "en": "covers a need under way (already built separately)",
    },
    "budget.reason.over_budget_by": {
        "sv": "ryms inte i budget: kostar {cost}, kvar {left}{period}",
        "en": "does not fit the budget: costs {cost}, {left} left{period}",
    },
    "budget.reason.over_running_by": {
        "sv": "ryms inte i driftbudgeten: drift {cost} per år, kvar {left}{period}",
        "en": "does not fit the running-cost budget: {cost} per year, {left} left{period}",
    },
    "budget.reason.counterfactual": {
        "sv": "med det blir värdet {lost} lägre och dessa faller bort: {ids}",
        "en": "with it the value is {lost} lower and these drop out: {ids}",
    },
    "budget.reason.not_computed": {
        "sv": "ej vald; omräkningen med behovet tvingat in ryms inte i antalet omräkningar",
        "en": "not chosen; the re-solve with it forced in was beyond the number of re-solves",
    },
    "budget.reason.nobody": {"sv": "inga", "en": "none"},
    "budget.reason.tie": {
        "sv": "med det blir värdet lika högt (ett likvärdigt val)",
        "en": "with it the value is as high (an equivalent choice)",
    },
    "budget.reason.cannot": {
        "sv": "kan inte tas med: {explanation}", "en": "cannot be included: {explanation}",
    },
    "budget.reason.cf_time_limit": {
        "sv": "omräkningen nådde sin gräns, noder eller tid (bästa funna)",
        "en": "the re-solve reached its limit, nodes or time (best found)",
    },
    "budget.reason.no_saving": {
        "sv": "gemensamt bygge sparar inget: kostar {extra} mer än separata byggen över {years} år",
        "en": "a shared build saves nothing: it costs {extra} more than separate builds over "
              "{years} years",
    },
    "budget.reason.chosen_no_saving": {
        "sv": "vald för att den ger mest inom budgeten, inte som besparing ({note})",
        "en": "chosen because it gives most within the budget, not as a saving ({note})",
    },
    "budget.basis.given": {"sv": "kvarstående belopp enligt analytikern",
                           "en": "remaining amount given by the analyst"},
    "budget.basis.paid": {
        "sv": "investeringen betald startåret {year}, före basåret {base}; driften fortsätter",
        "en": "investment paid in its start year {year}, before the base year {base}; "
              "running cost continues",
    },
    "budget.basis.full": {
        "sv": "hela investeringen kvar (inget visat betalt)",
        "en": "the whole investment remains (nothing shown as paid)",
    },
    "budget.status.committed": {"sv": "pågående", "en": "under way"},
    "budget.status.new": {"sv": "ny", "en": "new"},
    "budget.status.stopped": {"sv": "stoppad", "en": "stopped"},
    "budget.note.committed": {"sv": "pågående ({basis})", "en": "under way ({basis})"},
    "budget.note.moved": {"sv": "start flyttad från {planned} till {year}",
                          "en": "start moved from {planned} to {year}"},
    "budget.note.platform": {"sv": "plattform för {ids}", "en": "platform for {ids}"},
    "budget.note.separate": {
        "sv": "byggs separat; bastjänst {candidate} ej vald: {why}",
        "en": "built separately; base service {candidate} not chosen: {why}",
    },
}
