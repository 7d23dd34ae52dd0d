"""Texts for prioritisation: weights, AHP, ranking, explanations, robustness, CLI."""

TEXTS = {
    # weights
    "rank.weights.unknown": {
        "sv": "Okänt kriterium i vikterna: {keys}. Kända kriterier: {known}.",
        "en": "Unknown criterion in the weights: {keys}. Known criteria: {known}.",
    },
    "rank.weights.not_number": {
        "sv": "Vikten för {key} är inget tal: {value!r}.",
        "en": "The weight for {key} is not a number: {value!r}.",
    },
    "rank.weights.negative": {
        "sv": "Vikten för {key} är negativ ({value}); vikter måste vara 0 eller större.",
        "en": "The weight for {key} is negative ({value}); weights must be 0 or more.",
    },
    "rank.weights.all_zero": {
        "sv": "Alla vikter är 0; minst ett kriterium måste ha en vikt större än 0.",
        "en": "All weights are 0; at least one criterion needs a weight above 0.",
    },
    "rank.weights.syntax": {
        "sv": "Kan inte tolka vikten {part!r}; skriv t.ex. nytta=3,kostnad=2.",
        "en": "Cannot read the weight {part!r}; write e.g. nytta=3,kostnad=2.",
    },
    "rank.weights.unknown_preset": {
        "sv": "Okänd viktprofil: {name!r}. Finns: {known}.",
        "en": "Unknown weight preset: {name!r}. Available: {known}.",
    },
    "rank.weights.both": {
        "sv": "Ange antingen egna vikter eller en viktprofil, inte båda.",
        "en": "Give either your own weights or a preset, not both.",
    },
    # AHP
    "rank.ahp.not_square": {
        "sv": "Parvisa jämförelser måste vara en kvadratisk matris med ett namn per rad (fick {shape}).",
        "en": "Pairwise comparisons must be a square matrix with one label per row (got {shape}).",
    },
    "rank.ahp.not_positive": {
        "sv": "Alla parvisa jämförelser måste vara positiva tal.",
        "en": "All pairwise comparisons must be positive numbers.",
    },
    "rank.ahp.not_reciprocal": {
        "sv": "Jämförelsen {a} mot {b} ({aij}) och {b} mot {a} ({aji}) är inte varandras inverser.",
        "en": "The comparison {a} vs {b} ({aij}) and {b} vs {a} ({aji}) are not reciprocal.",
    },
    "rank.ahp.inconsistent": {
        "sv": "De parvisa jämförelserna är inte tillräckligt konsekventa (CR = {cr}, gräns {limit}). "
              "Mest inkonsekvent är jämförelsen {a} mot {b}: angivet {given}, men de övriga "
              "svaren motsvarar ungefär {implied}. Se över den jämförelsen.",
        "en": "The pairwise comparisons are not consistent enough (CR = {cr}, limit {limit}). "
              "The most inconsistent is {a} vs {b}: given {given}, but the other answers imply "
              "about {implied}. Review that comparison.",
    },
    "rank.ahp.columns_differ": {
        "sv": "Jämförelsematrisens kolumner ({columns}) måste vara samma kriterier som raderna "
              "({rows}).",
        "en": "The comparison matrix's columns ({columns}) must be the same criteria as its "
              "rows ({rows}).",
    },
    "rank.ahp.labels_differ": {
        "sv": "Jämförelsematrisens kriterier ({got}) stämmer inte med de väntade ({expected}).",
        "en": "The comparison matrix's criteria ({got}) do not match the expected ({expected}).",
    },
    "rank.ahp.no_matrices": {
        "sv": "Inga jämförelsematriser att väga samman.",
        "en": "No comparison matrices to combine.",
    },
    "rank.ahp.sizes_differ": {
        "sv": "Bedömarnas matriser har olika storlek.",
        "en": "The evaluators' matrices differ in size.",
    },
    "rank.ahp.bad_method": {
        "sv": "Okänd sammanvägning {method!r}; använd AIJ eller AIP.",
        "en": "Unknown aggregation {method!r}; use AIJ or AIP.",
    },
    # configuration and ranking
    "rank.config.bad_criterion": {
        "sv": "Felaktigt kriterium {key} i criteria.toml (kontrollera: {fields}).",
        "en": "Invalid criterion {key} in criteria.toml (check: {fields}).",
    },
    "rank.excluded.missing": {
        "sv": "Rangordnas inte: värde saknas för {criteria}.",
        "en": "Not ranked: value missing for {criteria}.",
    },
    "rank.bad_method": {
        "sv": "Okänd metod {method!r}; använd {known}.",
        "en": "Unknown method {method!r}; use {known}.",
    },
    # explanation
    "rank.explain.head": {
        "sv": "{hi} rankas före {lo} (poäng {hi_score} mot {lo_score}).",
        "en": "{hi} ranks above {lo} (score {hi_score} vs {lo_score}).",
    },
    "rank.explain.tie": {
        "sv": "{a} och {b} har samma poäng ({score}).",
        "en": "{a} and {b} have the same score ({score}).",
    },
    "rank.explain.pro": {
        "sv": "Det som främst talar för {hi}: {items}.",
        "en": "Mainly in favour of {hi}: {items}.",
    },
    "rank.explain.con": {
        "sv": "{lo} är bättre på: {items}.",
        "en": "{lo} is better on: {items}.",
    },
    "rank.explain.no_swap": {
        "sv": "Minsta ändring av en enda vikt som byter plats på dem: ingen – ingen enskild vikt "
              "kan ändra ordningen.",
        "en": "Smallest single-weight change that swaps them: none – no single weight can "
              "change the order.",
    },
    "rank.explain.raise": {"sv": "höj", "en": "raise"},
    "rank.explain.lower": {"sv": "sänk", "en": "lower"},
    "rank.explain.swap": {
        "sv": "Minsta ändring av en enda vikt som byter plats på dem: {verb} vikten för {label} "
              "från {old} till förbi {new} (en ändring med {rel} av vikten; övriga vikter skalas "
              "om proportionellt).",
        "en": "Smallest single-weight change that swaps them: {verb} the weight of {label} "
              "from {old} past {new} (a change of {rel} of the weight; the other weights are "
              "rescaled proportionally).",
    },
    "rank.explain.swap_from_zero": {
        "sv": "Minsta ändring av en enda vikt som byter plats på dem: ge {label} vikt, till en "
              "andel förbi {new} (i dag väger kriteriet 0, så ändringen anges som ny andel; "
              "övriga vikter skalas om proportionellt).",
        "en": "Smallest single-weight change that swaps them: give {label} weight, a share past "
              "{new} (it weighs 0 today, so the change is given as the new share; the other "
              "weights are rescaled proportionally).",
    },
    "rank.explain.tie_break": {
        "sv": "En ändring av vikten för {labels} skiljer dem åt.",
        "en": "A change in the weight of {labels} separates them.",
    },
    "rank.explain.no_utilities": {
        "sv": "Resultatet saknar underlag för förklaring; använd en Ranker eller ett resultat från rank().",
        "en": "The result has no data to explain; use a Ranker or a result from rank().",
    },
    "rank.explain.unknown_id": {
        "sv": "Behovet {id} finns inte bland de rangordnade behoven.",
        "en": "Need {id} is not among the ranked needs.",
    },
    # robustness
    "rank.smaa.bounds_shape": {
        "sv": "Viktgränserna måste ha en rad [min, max] per kriterium ({m} st), fick {shape}.",
        "en": "Weight bounds need one row [min, max] per criterion ({m}), got {shape}.",
    },
    "rank.smaa.bounds_infeasible": {
        "sv": "Viktgränserna går inte ihop: minsta vikterna får summera till högst 1 och de "
              "största till minst 1.",
        "en": "The weight bounds are infeasible: the lower bounds must sum to at most 1 and "
              "the upper bounds to at least 1.",
    },
    "rank.smaa.bounds_tight": {
        "sv": "Viktgränserna är för snäva för simuleringen; vidga dem.",
        "en": "The weight bounds are too tight to sample; widen them.",
    },
    "rank.smaa.empty": {
        "sv": "Inga behov eller inga simuleringar att räkna på.",
        "en": "No needs or no samples to compute.",
    },
    # columns
    "rank.col.rank": {"sv": "Rang", "en": "Rank"},
    "rank.col.score": {"sv": "Poäng", "en": "Score"},
    "rank.col.contrib": {"sv": "Bidrag: {label}", "en": "Contribution: {label}"},
    "rank.col.rank_change": {"sv": "Förändring", "en": "Rank change"},
    "rank.col.imputed": {"sv": "Neutralt värde för", "en": "Neutral value used for"},
    "rank.col.p_top": {"sv": "Sannolikhet topp {n}", "en": "Probability top {n}"},
    "rank.col.reason": {"sv": "Orsak", "en": "Reason"},
    "rank.col.criterion": {"sv": "Kriterium", "en": "Criterion"},
    "rank.col.weight": {"sv": "Vikt", "en": "Weight"},
    "rank.col.lower": {"sv": "Lägsta vikt (samma topp {n})", "en": "Lowest weight (same top {n})"},
    "rank.col.upper": {"sv": "Högsta vikt (samma topp {n})", "en": "Highest weight (same top {n})"},
    "rank.sheet.ranking": {"sv": "Prioritering", "en": "Ranking"},
    "rank.sheet.excluded": {"sv": "Ej rangordnade", "en": "Not ranked"},
    "rank.sheet.stability": {"sv": "Stabilitet", "en": "Stability"},
    "rank.sheet.weights": {"sv": "Vikter", "en": "Weights"},
    # CLI
    "rank.cli.help": {
        "sv": "Rangordna behoven efter viktade kriterier (viktad summa eller TOPSIS).",
        "en": "Rank the needs by weighted criteria (weighted sum or TOPSIS).",
    },
    "rank.cli.weights": {
        "sv": "Vikter: en fil (.toml/.json) eller nyckel=värde,... t.ex. nytta=3,kostnad=2 "
              "(kriterier som inte nämns får vikten 0).",
        "en": "Weights: a file (.toml/.json) or key=value,... e.g. nytta=3,kostnad=2 "
              "(criteria not named get weight 0).",
    },
    "rank.cli.preset": {"sv": "Namngiven viktprofil: {names}.", "en": "Named weight preset: {names}."},
    "rank.cli.method": {
        "sv": "Metod: wsum (viktad summa, standard) eller topsis.",
        "en": "Method: wsum (weighted sum, default) or topsis.",
    },
    "rank.cli.top": {
        "sv": "Visa bara de N främsta (och räkna robusthet för topp N; standard 10).",
        "en": "Show only the top N (and compute robustness for the top N; default 10).",
    },
    "rank.cli.robustness": {
        "sv": "Räkna sannolikheten att hamna bland de N främsta (SMAA-2) och viktintervall.",
        "en": "Compute the probability of landing in the top N (SMAA-2) and weight intervals.",
    },
    "rank.cli.samples": {"sv": "Antal viktsimuleringar (standard 10 000).",
                         "en": "Number of weight samples (default 10,000)."},
    "rank.cli.spread": {
        "sv": "Simulera vikter inom ±ANDEL av de valda (standard 0,2; 1 eller mer = helt fritt).",
        "en": "Sample weights within ±SHARE of the chosen ones (default 0.2; 1 or more = unrestricted).",
    },
    "rank.cli.seed": {"sv": "Slumpfrö för simuleringen (standard 0).",
                      "en": "Random seed for the simulation (default 0)."},
    "rank.cli.format": {"sv": "Utdataformat.", "en": "Output format."},
    "rank.cli.out": {"sv": "Skriv till fil i stället för till skärmen.",
                     "en": "Write to a file instead of the screen."},
    "rank.cli.weights_file_missing": {
        "sv": "Viktfilen finns inte: {path}", "en": "The weights file does not exist: {path}",
    },
    "rank.cli.weights_file_bad": {
        "sv": "Viktfilen {path} kunde inte läsas: {reason}",
        "en": "The weights file {path} could not be read: {reason}",
    },
    "rank.cli.xlsx_needs_out": {
        "sv": "Formatet xlsx kräver --out FIL.xlsx.", "en": "The xlsx format needs --out FILE.xlsx.",
    },
    "rank.cli.bad_top": {"sv": "--top måste vara minst 1.", "en": "--top must be at least 1."},
    "rank.cli.bad_samples": {"sv": "--samples måste vara minst 1.", "en": "--samples must be at least 1."},
    "rank.cli.used_weights": {"sv": "Vikter ({method}): {weights}", "en": "Weights ({method}): {weights}"},
    "rank.cli.excluded": {
        "sv": "Ej rangordnade ({n}):", "en": "Not ranked ({n}):",
    },
    "rank.cli.stability": {
        "sv": "Viktintervall där topp {n} är oförändrad:",
        "en": "Weight ranges over which the top {n} is unchanged:",
    },
    "rank.cli.nothing": {
        "sv": "Inga behov kunde rangordnas.", "en": "No needs could be ranked.",
    },
}
