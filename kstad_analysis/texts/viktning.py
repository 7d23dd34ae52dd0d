"""Texts for Viktning i grupp (the app and ``kstad weights``)."""

TEXTS = {
    # ------------------------------------------------------------ start page and headings
    "viktning.app_name": {"sv": "Viktning i grupp", "en": "Group weighting"},
    "viktning.title": {"sv": "Viktning i grupp", "en": "Group weighting"},
    "viktning.lead": {
        "sv": ("Öppna en viktningsomgång och dela länkarna: varje deltagare sätter vikterna i sin "
               "egen webbläsare, och gruppvyn visar var ni är överens och var ni skiljer er åt. "
               "När omgången stängs sparas gruppens vikter som ett scenario."),
        "en": ("Open a weighting round and share the links: each participant sets the weights in "
               "their own browser, and the group view shows where you agree and where you differ. "
               "Closing the round saves the group's weights as a scenario."),
    },
    # ------------------------------------------------------------ opening a round
    "viktning.new.heading": {"sv": "Ny viktningsomgång", "en": "New weighting round"},
    "viktning.new.name": {"sv": "Omgångens namn", "en": "Round name"},
    "viktning.new.author": {"sv": "Samordnare", "en": "Facilitator"},
    "viktning.new.criteria": {"sv": "Kriterier att vikta", "en": "Criteria to weight"},
    "viktning.new.participants": {"sv": "Deltagare (ett namn per rad)",
                                  "en": "Participants (one name per line)"},
    "viktning.new.count": {"sv": "eller antal deltagare", "en": "or number of participants"},
    "viktning.new.open": {"sv": "Öppna omgången", "en": "Open the round"},
    "viktning.new.default_participant": {"sv": "Deltagare {n}", "en": "Participant {n}"},
    "viktning.field.round": {"sv": "omgångens namn", "en": "round name"},
    "viktning.field.participant": {"sv": "deltagarens namn", "en": "participant name"},
    # ------------------------------------------------------------ links
    "viktning.links.heading": {"sv": "Länkar att dela", "en": "Links to share"},
    "viktning.links.facilitator": {
        "sv": "Din länk som samordnare (dela den inte: den visar allas svar):",
        "en": "Your facilitator link (do not share it: it shows everyone's answers):",
    },
    "viktning.links.participant": {"sv": "Deltagare", "en": "Participant"},
    "viktning.links.link": {"sv": "Personlig länk", "en": "Personal link"},
    "viktning.links.answered": {"sv": "Svarat", "en": "Answered"},
    "viktning.links.hint": {
        "sv": "Varje länk är personlig: den som har den kan bara se och ändra sitt eget svar.",
        "en": "Each link is personal: whoever holds it can see and change only their own answer.",
    },
    "viktning.yes": {"sv": "ja (version {n})", "en": "yes (revision {n})"},
    "viktning.no": {"sv": "inte än", "en": "not yet"},
    # ------------------------------------------------------------ participant page
    "viktning.you": {"sv": "Du svarar som {name} i omgången ”{round}”.",
                     "en": "You are answering as {name} in the round “{round}”."},
    "viktning.kind": {"sv": "Sätt vikterna genom", "en": "Set the weights by"},
    "viktning.kind.rank": {"sv": "rangordning", "en": "ranking"},
    "viktning.kind.direct": {"sv": "direkta poäng", "en": "direct points"},
    "viktning.kind.pairwise": {"sv": "parvisa jämförelser", "en": "pairwise comparisons"},
    "viktning.rank.help": {
        "sv": ("Ge varje kriterium en plats, 1 = viktigast. Vikterna blir rangordningens "
               "tyngdpunktsvikter (rank-order centroid): w = (1/n)·(1/i + … + 1/n) för plats i."),
        "en": ("Give each criterion a place, 1 = most important. The weights are rank-order "
               "centroid weights: w = (1/n)·(1/i + … + 1/n) for place i."),
    },
    "viktning.direct.help": {
        "sv": "Ge varje kriterium 0–100 poäng; vikterna är poängen delade med summan.",
        "en": "Give each criterion 0–100 points; the weights are the points divided by their sum.",
    },
    "viktning.pairwise.help": {
        "sv": ("Jämför kriterierna två och två på Saatys skala: 1 = lika viktiga, 3 = måttligt, "
               "5 = starkt, 7 = mycket starkt, 9 = extremt viktigare. Ett värde större än 1 "
               "betyder att kriteriet till vänster väger tyngre, 1/3 att det till höger väger "
               "måttligt tyngre."),
        "en": ("Compare the criteria two by two on Saaty's scale: 1 = equally important, "
               "3 = moderately, 5 = strongly, 7 = very strongly, 9 = extremely more important. "
               "A value above 1 means the criterion on the left matters more, 1/3 that the one "
               "on the right matters moderately more."),
    },
    "viktning.place": {"sv": "plats", "en": "place"},
    "viktning.versus": {"sv": "jämfört med", "en": "compared with"},
    "viktning.preview": {"sv": "Dina vikter", "en": "Your weights"},
    "viktning.cr": {"sv": "Konsistenskvot (CR): {cr}", "en": "Consistency ratio (CR): {cr}"},
    "viktning.cr_ok": {"sv": "Jämförelserna hänger ihop (CR högst {limit}).",
                       "en": "The comparisons are consistent (CR at most {limit})."},
    "viktning.cr_high": {
        "sv": ("CR är över {limit}: jämförelserna motsäger varandra. Ompröva främst "
               "{a} mot {b}: du angav {given}. Värdet som gör den jämförelsen samstämmig med "
               "dina övriga svar är {value} (närmast på skalan: {nearest})."),
        "en": ("CR is above {limit}: the comparisons contradict each other. Reconsider first "
               "{a} against {b}: you gave {given}. The value that makes this comparison "
               "consistent with your other answers is {value} (nearest on the scale: {nearest})."),
    },
    "viktning.save": {"sv": "Spara mitt svar", "en": "Save my answer"},
    "viktning.saved": {"sv": "Sparat (version {n}). Du kan ändra tills omgången stängs.",
                       "en": "Saved (revision {n}). You can revise until the round is closed."},
    "viktning.loaded": {"sv": "Ditt sparade svar (version {n}) är inläst.",
                        "en": "Your saved answer (revision {n}) is loaded."},
    "viktning.closed_note": {"sv": "Omgången är stängd; svaren kan inte längre ändras.",
                             "en": "The round is closed; answers can no longer be changed."},
    "viktning.bad_link": {
        "sv": "Länken är ogiltig eller omgången finns inte. Be samordnaren om en ny länk.",
        "en": "The link is invalid or the round does not exist. Ask the facilitator for a new link.",
    },
    # ------------------------------------------------------------ group view
    "viktning.group.heading": {"sv": "Gruppvy: {round}", "en": "Group view: {round}"},
    "viktning.group.refresh": {"sv": "Uppdatera", "en": "Refresh"},
    "viktning.group.count": {"sv": "{answered} av {total} har svarat.",
                             "en": "{answered} of {total} have answered."},
    "viktning.group.none": {"sv": "Inga svar än.", "en": "No answers yet."},
    "viktning.group.weights": {"sv": "Vikter per deltagare och för gruppen",
                               "en": "Weights per participant and for the group"},
    "viktning.group.row_group": {"sv": "Gruppen", "en": "The group"},
    "viktning.group.col_name": {"sv": "Deltagare", "en": "Participant"},
    "viktning.group.col_kind": {"sv": "Sätt", "en": "Method"},
    "viktning.group.col_cr": {"sv": "CR", "en": "CR"},
    "viktning.group.method.AIJ": {
        "sv": ("Gruppens vikter: alla svarade med parvisa jämförelser, så bedömningarna slogs "
               "ihop med geometriskt medelvärde (AIJ) och vikterna räknades ur den sammanslagna "
               "matrisen (CR {cr})."),
        "en": ("Group weights: everyone answered with pairwise comparisons, so the judgements "
               "were combined by geometric mean (AIJ) and the weights derived from the combined "
               "matrix (CR {cr})."),
    },
    "viktning.group.method.AIP": {
        "sv": ("Gruppens vikter: varje deltagares vikter ur de parvisa jämförelserna, "
               "sammanvägda med geometriskt medelvärde (AIP)."),
        "en": ("Group weights: each participant's weights from the pairwise comparisons, "
               "combined by geometric mean (AIP)."),
    },
    "viktning.group.method.mean": {
        "sv": ("Gruppens vikter: aritmetiskt medelvärde av deltagarnas normerade vikter "
               "(deltagarna använde olika sätt, eller inte parvisa jämförelser)."),
        "en": ("Group weights: arithmetic mean of the participants' normalised weights (the "
               "participants used different methods, or not pairwise comparisons)."),
    },
    "viktning.agg.AIJ": {"sv": "AIJ (parvisa, geometriskt medel)", "en": "AIJ (pairwise, geometric mean)"},
    "viktning.agg.AIP": {"sv": "AIP (vikter, geometriskt medel)", "en": "AIP (priorities, geometric mean)"},
    "viktning.agg.mean": {"sv": "medelvärde", "en": "mean"},
    "viktning.group.spread": {"sv": "Spridning per kriterium", "en": "Spread per criterion"},
    "viktning.group.col_criterion": {"sv": "Kriterium", "en": "Criterion"},
    "viktning.group.col_min": {"sv": "Lägst", "en": "Lowest"},
    "viktning.group.col_max": {"sv": "Högst", "en": "Highest"},
    "viktning.group.col_range": {"sv": "Skillnad", "en": "Range"},
    "viktning.group.col_std": {"sv": "Standardavvikelse", "en": "Standard deviation"},
    "viktning.group.disagree": {"sv": "Vem skiljer sig mest från gruppen",
                                "en": "Who differs most from the group"},
    "viktning.group.col_distance": {"sv": "Avstånd till gruppen", "en": "Distance to the group"},
    "viktning.group.distance_help": {
        "sv": ("Avståndet är den andel av vikten som skulle behöva flyttas för att nå gruppens "
               "vikter (0 % = samma vikter, 100 % = inget gemensamt)."),
        "en": ("The distance is the share of the weight that would have to move to reach the "
               "group's weights (0 % = the same weights, 100 % = nothing in common)."),
    },
    "viktning.group.apart": {"sv": "Längst ifrån varandra: {a} och {b} ({d}).",
                             "en": "Furthest apart: {a} and {b} ({d})."},
    "viktning.group.top": {"sv": "Topp {n} i rangordningen", "en": "Top {n} of the ranking"},
    "viktning.group.col_top": {"sv": "Topp {n}", "en": "Top {n}"},
    "viktning.group.col_shared": {"sv": "Delar med gruppens topp {n}",
                                  "en": "Shared with the group's top {n}"},
    "viktning.group.close_name": {"sv": "Scenariots namn", "en": "Scenario name"},
    "viktning.group.close_default": {"sv": "Viktning: {round}", "en": "Weighting: {round}"},
    "viktning.group.close": {"sv": "Stäng omgången och spara scenariot",
                             "en": "Close the round and save the scenario"},
    "viktning.group.closed": {
        "sv": ("Omgången är stängd. Gruppens vikter är sparade som scenariot ”{name}” "
               "(version {version}); välj det i Prioritering, Budget eller rapporten."),
        "en": ("The round is closed. The group's weights are saved as the scenario “{name}” "
               "(revision {version}); choose it in Prioritisation, Budget or the report."),
    },
    "viktning.group.note": {
        "sv": "Gruppens vikter från viktningsomgången ”{round}” ({n} svar, {method}).",
        "en": "The group's weights from the weighting round “{round}” ({n} answers, {method}).",
    },
    # ------------------------------------------------------------ errors
    "viktning.err.kind": {"sv": "Okänt sätt att ge vikter: ”{kind}” (kända: {known}).",
                          "en": "Unknown way of giving weights: “{kind}” (known: {known})."},
    "viktning.err.payload": {"sv": "Svaret kunde inte läsas.", "en": "The answer could not be read."},
    "viktning.err.order": {
        "sv": "Varje kriterium ska ha en egen plats ({known}); två kriterier har samma plats.",
        "en": "Each criterion needs a place of its own ({known}); two criteria share a place.",
    },
    "viktning.err.points_keys": {"sv": "Poäng ska ges för varje kriterium: {known}.",
                                 "en": "Points must be given for every criterion: {known}."},
    "viktning.err.points_range": {"sv": "Poängen för {key} ska vara 0–{limit}, inte {value}.",
                                  "en": "The points for {key} must be 0–{limit}, not {value}."},
    "viktning.err.pairs": {"sv": "Alla {count} jämförelser ska vara ifyllda.",
                           "en": "All {count} comparisons must be filled in."},
    "viktning.err.not_number": {"sv": "{where}: ”{value}” är inte ett tal.",
                                "en": "{where}: “{value}” is not a number."},
    "viktning.err.scale": {"sv": "{where}: ”{value}” ligger inte på skalan 1/9–9.",
                           "en": "{where}: “{value}” is not on the scale 1/9–9."},
    "viktning.err.no_answers": {"sv": "Ingen deltagare har svarat än.",
                                "en": "No participant has answered yet."},
    "viktning.err.no_round": {"sv": "Omgången finns inte, eller länken är fel.",
                              "en": "The round does not exist, or the link is wrong."},
    "viktning.err.closed": {"sv": "Omgången är stängd.", "en": "The round is closed."},
    "viktning.err.criteria": {"sv": "Välj minst två olika kriterier.",
                              "en": "Choose at least two different criteria."},
    "viktning.err.duplicate": {"sv": "Deltagaren ”{name}” finns två gånger.",
                               "en": "The participant “{name}” appears twice."},
    "viktning.err.reserved": {"sv": "”{name}” är gruppens namn i gruppvyn; välj ett annat deltagarnamn.",
                              "en": "“{name}” is the group's name in the group view; choose another name."},
    "viktning.err.no_participants": {"sv": "Ange minst en deltagare.",
                                     "en": "Give at least one participant."},
    "viktning.err.too_many": {"sv": "{count} deltagare är för många (högst {limit}).",
                              "en": "{count} participants are too many (at most {limit})."},
    "viktning.err.too_large": {"sv": "Svaret är för stort (högst {limit} kB).",
                               "en": "The answer is too large (at most {limit} kB)."},
}

TEXTS.update({
    # ------------------------------------------------------------ kstad weights
    "viktning.cli.help": {
        "sv": "viktningsomgång via e-post: skriv arbetsboken (--template) eller läs svaren",
        "en": "weighting round by e-mail: write the workbook (--template) or read the answers",
    },
    "viktning.cli.workbook": {"sv": "ifylld arbetsbok att läsa", "en": "filled-in workbook to read"},
    "viktning.cli.template": {"sv": "skriv en tom arbetsbok hit", "en": "write a blank workbook here"},
    "viktning.cli.participants": {"sv": "deltagarnas namn (ett blad var)",
                                  "en": "the participants' names (one sheet each)"},
    "viktning.cli.count": {"sv": "antal deltagare om inga namn ges (standard 3)",
                           "en": "number of participants if no names are given (default 3)"},
    "viktning.cli.kind": {"sv": "parvisa jämförelser (pairwise) eller direkta vikter (direct)",
                          "en": "pairwise comparisons or direct weights"},
    "viktning.cli.criteria": {"sv": "kriterier att vikta (standard: alla i criteria.toml)",
                              "en": "criteria to weight (default: all in criteria.toml)"},
    "viktning.cli.method": {
        "sv": "sammanvägning när alla svarat parvis: AIJ (bedömningar) eller AIP (vikter)",
        "en": "aggregation when everyone answered pairwise: AIJ (judgements) or AIP (priorities)",
    },
    "viktning.cli.out": {"sv": "skriv gruppens vikter hit (för kstad rank/optimize --weights)",
                         "en": "write the group's weights here (for kstad rank/optimize --weights)"},
    "viktning.cli.both": {"sv": "Ange antingen --template FIL.xlsx eller en ifylld FIL.xlsx, inte båda.",
                          "en": "Give either --template FILE.xlsx or a filled-in FILE.xlsx, not both."},
    "viktning.cli.nothing": {"sv": "Ange en ifylld arbetsbok, eller --template FIL.xlsx för en tom.",
                             "en": "Give a filled-in workbook, or --template FILE.xlsx for a blank one."},
    "viktning.cli.bad_count": {"sv": "--count ska vara 1–50, inte {count}.",
                               "en": "--count must be 1–50, not {count}."},
    "viktning.cli.written": {"sv": "Skrev {path} med {n} deltagarblad.",
                             "en": "Wrote {path} with {n} participant sheets."},
    "viktning.cli.out_written": {"sv": "Skrev gruppens vikter till {path}.",
                                 "en": "Wrote the group's weights to {path}."},
    "viktning.cli.unwritable": {"sv": "Kunde inte skriva {path}: {reason}",
                                "en": "Could not write {path}: {reason}"},
    "viktning.cli.unreadable": {"sv": "Kunde inte läsa arbetsboken {path}: {reason}",
                                "en": "Could not read the workbook {path}: {reason}"},
    "viktning.cli.missing_file": {"sv": "Arbetsboken {path} finns inte.",
                                  "en": "The workbook {path} does not exist."},
    "viktning.cli.skipped": {"sv": "Bladet ”{sheet}” är tomt och räknas inte (deltagaren har inte svarat).",
                             "en": "The sheet “{sheet}” is empty and not counted (no answer)."},
    "viktning.cli.toml_head": {"sv": "Gruppens vikter från {path}: {n} svar, {method}.",
                               "en": "The group's weights from {path}: {n} answers, {method}."},
    "viktning.cli.toml_use": {
        "sv": "Används med kstad rank --weights FIL eller kstad optimize --weights FIL.",
        "en": "Use with kstad rank --weights FILE or kstad optimize --weights FILE.",
    },
    "viktning.cli.where": {"sv": "Blad ”{sheet}”, rad {row}, kolumn {col}",
                           "en": "Sheet “{sheet}”, row {row}, column {col}"},
    "viktning.cli.pair": {"sv": "{a} mot {b}", "en": "{a} against {b}"},
    "viktning.cli.empty": {"sv": "(tom)", "en": "(empty)"},
    "viktning.cli.unknown_key": {"sv": "{where}: ”{value}” är ingen känd kriterienyckel (kända: {known}).",
                                 "en": "{where}: “{value}” is not a known criterion key (known: {known})."},
    "viktning.cli.duplicate_key": {"sv": "{where}: kriteriet ”{value}” står två gånger.",
                                   "en": "{where}: the criterion “{value}” appears twice."},
    "viktning.cli.keys_differ": {
        "sv": ("{where}: värdet ”{value}”, men kolumn A ska ha samma nycklar i samma ordning som "
               "rad 1 (väntat ”{expected}”)."),
        "en": ("{where}: the value “{value}”, but column A must hold the same keys in the same "
               "order as row 1 (expected “{expected}”)."),
    },
    "viktning.cli.too_few_keys": {"sv": "Blad ”{sheet}”: minst två kriterienycklar behövs (rad 1 från B1).",
                                  "en": ("Sheet “{sheet}”: at least two criterion keys are needed "
                                         "(row 1 from B1).")},
    "viktning.cli.missing": {"sv": "{where}: värdet är tomt; fyll i alla jämförelser ovanför diagonalen.",
                             "en": ("{where}: the value is empty; fill in every comparison above "
                                    "the diagonal.")},
    "viktning.cli.date": {
        "sv": "{where}: värdet ”{value}” är ett datum; skriv 1/3 som text (cellformat Text) eller 0,33.",
        "en": "{where}: the value “{value}” is a date; type 1/3 as text (cell format Text) or 0.33.",
    },
    "viktning.cli.bad_weight": {"sv": "{where}: värdet ”{value}” är inte en vikt (ett tal 0 eller större).",
                                "en": "{where}: the value “{value}” is not a weight (a number 0 or above)."},
    "viktning.cli.all_zero": {"sv": "Blad ”{sheet}”: alla vikter är 0.",
                              "en": "Sheet “{sheet}”: every weight is 0."},
    "viktning.cli.other_keys": {
        "sv": "Blad ”{sheet}” har kriterierna {keys}, men det första bladet har {expected}.",
        "en": "Sheet “{sheet}” has the criteria {keys}, but the first sheet has {expected}.",
    },
    "viktning.cli.no_sheets": {
        "sv": "Arbetsboken har inget deltagarblad (blad vars namn börjar med ”{prefix}” räknas inte).",
        "en": ("The workbook has no participant sheet (sheets named starting with "
               "“{prefix}” are not counted)."),
    },
    "viktning.cli.bad_sheet_name": {
        "sv": ("Deltagarnamnet ”{name}” kan inte bli ett bladnamn: högst {limit} tecken, inga "
               "[ ] : * ? / \\ och inte först ”{prefix}”."),
        "en": ("The participant name “{name}” cannot be a sheet name: at most {limit} characters, "
               "no [ ] : * ? / \\ and not starting with “{prefix}”."),
    },
    "viktning.cli.duplicate_names": {"sv": "Deltagarnamnen måste vara olika (och minst ett).",
                                     "en": "The participant names must differ (and be at least one)."},
    "viktning.cli.dropdown_error": {"sv": "Välj ett värde på skalan 1/9–9.",
                                    "en": "Choose a value on the scale 1/9–9."},
    "viktning.cli.direct_error": {"sv": "Skriv en vikt, ett tal 0 eller större.",
                                  "en": "Enter a weight, a number 0 or above."},
    "viktning.cli.instr_title": {
        "sv": "Viktning i grupp: instruktioner",
        "en": "Group weighting: instructions"
    },
    "viktning.cli.instr_pairwise": {
        "sv": ("Fyll i ditt eget blad (bladets namn är ditt namn). Jämför kriteriet på raden med "
               "kriteriet i kolumnen, bara i de vita rutorna ovanför diagonalen: 1 = lika viktiga, "
               "3 = raden måttligt viktigare, 5 = starkt, 7 = mycket starkt, 9 = extremt; "
               "1/3 … 1/9 = kolumnen viktigare. De grå rutorna fylls i automatiskt."),
        "en": ("Fill in your own sheet (the sheet is named after you). Compare the criterion in the "
               "row with the one in the column, only in the white cells above the diagonal: "
               "1 = equally important, 3 = the row moderately more important, 5 = strongly, "
               "7 = very strongly, 9 = extremely; 1/3 … 1/9 = the column more important. The grey "
               "cells are filled in automatically."),
    },
    "viktning.cli.instr_direct": {
        "sv": ("Fyll i ditt eget blad (bladets namn är ditt namn): en vikt per kriterium i kolumn B, "
               "valfri skala (t.ex. poäng 0–100). Vikterna delas med summan."),
        "en": ("Fill in your own sheet (the sheet is named after you): one weight per criterion in "
               "column B, any scale (e.g. points 0–100). The weights are divided by their sum."),
    },
    "viktning.cli.instr_other": {
        "sv": "Blad vars namn börjar med ”{prefix}” (som detta) läses inte som deltagare.",
        "en": "Sheets whose name starts with “{prefix}” (like this one) are not read as participants.",
    },
    "viktning.cli.instr_keys": {"sv": "Kriterienycklar:", "en": "Criterion keys:"},
})
