"""Texts for the robust core (``kstad_analysis.robust``): labels, method sentences, errors."""

TEXTS = {
    # --- the three classes (Liesiö, Mild & Salo 2007: core, borderline, exterior)
    "robust.label.core": {"sv": "kärna", "en": "core"},
    "robust.label.borderline": {"sv": "gränsfall", "en": "borderline"},
    "robust.label.exterior": {"sv": "utanför", "en": "exterior"},
    "robust.label.core.help": {
        "sv": "Finns med i varje icke-dominerad portfölj: väljs vilka tillåtna vikter som än gäller.",
        "en": "In every non-dominated portfolio: chosen whatever the admissible weights.",
    },
    "robust.label.borderline.help": {
        "sv": "Finns med i vissa icke-dominerade portföljer men inte i alla: beror på vikterna.",
        "en": "In some non-dominated portfolios but not all: depends on the weights.",
    },
    "robust.label.exterior.help": {
        "sv": "Finns inte med i någon icke-dominerad portfölj: väljs inte för några tillåtna vikter.",
        "en": "In no non-dominated portfolio: not chosen for any admissible weights.",
    },
    # --- method sentences (the result's ``sentence()``)
    "robust.method.enumeration": {
        "sv": "Exakt: alla {feasible} tillåtna portföljer räknades upp och de {nd} icke-dominerade "
              "valdes ut genom jämförelse i viktmängdens {vertices} hörn (Liesiö, Mild & Salo "
              "2007). Kärnindex är exakta.",
        "en": "Exact: all {feasible} feasible portfolios were enumerated and the {nd} non-dominated "
              "ones kept by comparison at the {vertices} extreme points of the weight set "
              "(Liesiö, Mild & Salo 2007). Core indices are exact.",
    },
    "robust.method.supported.exact": {
        "sv": "{nd} icke-dominerade portföljer hittades som optimum i viktmängdens inre; att "
              "ingen annan icke-dominerad portfölj ändrar klassningen bevisades med övre gränser "
              "(LP-relaxation och dynamisk programmering i vart och ett av {vertices} hörn) och "
              "{rounds} kontroller (heltalsoptimering mot hörnen). Klassningen är exakt; "
              "kärnindex visar andelen bland de funna portföljerna.",
        "en": "{nd} non-dominated portfolios were found as optima inside the weight set; that no "
              "other non-dominated portfolio changes the classes was proven with upper bounds (LP "
              "relaxation and dynamic programming at each of {vertices} extreme points) and "
              "{rounds} checks (integer programs against them). The classes are exact; the "
              "core index shows the share among the portfolios found.",
    },
    "robust.method.supported.partial": {
        "sv": "{nd} icke-dominerade portföljer hittades; övre gränser (LP-relaxation och "
              "dynamisk programmering i vart och ett av {vertices} hörn) bevisade de flesta "
              "klasser, men kontrollen gjordes inte klart inom sin arbetsgräns ({rounds} kontroller). "
              "{unresolved} behov är obekräftade: en obekräftad kärna kan vara "
              "gränsfall och ett obekräftat utanför kan vara gränsfall, aldrig tvärtom. "
              "Gränsfallen är säkra.",
        "en": "{nd} non-dominated portfolios were found; upper bounds (LP relaxation and "
              "dynamic programming at each of {vertices} extreme points) proved most classes, "
              "but the check did not finish within its work limit ({rounds} checks). "
              "{unresolved} needs are unconfirmed: an unconfirmed core need may be "
              "borderline and an unconfirmed exterior need may be borderline, never the "
              "other way round. The borderline needs are certain.",
    },
    "robust.method.time_net": {
        "sv": "Beräkningen avbröts av sin tidsgräns (skyddsnät), inte av sin arbetsgräns, "
              "så antalet bekräftade klasser kan skilja mellan körningar.",
        "en": "The computation was stopped by its time limit (safety net), not by its work "
              "limit, so the number of confirmed classes may differ between runs.",
    },
    "robust.feasible_at.nominal": {
        "sv": "En portfölj ryms om den ryms i budgeten till sin beräknade kostnad.",
        "en": "A portfolio is feasible if it fits the budget at its estimated cost.",
    },
    "robust.feasible_at.high": {
        "sv": "En portfölj ryms bara om den ryms i budgeten även till den höga kostnaden "
              "(kostnadsosäkerheten fullt utslagen).",
        "en": "A portfolio is feasible only if it fits the budget even at its high cost "
              "(the full cost uncertainty).",
    },
    # --- errors (ValueError messages)
    "robust.err.bounds": {
        "sv": "Viktintervallen går inte ihop: varje undre gräns måste vara ≥ 0 och ≤ den övre, "
              "och summan av de undre ≤ 1 ≤ summan av de övre.",
        "en": "The weight intervals do not fit together: each lower bound must be ≥ 0 and ≤ its "
              "upper bound, and the sum of the lower ≤ 1 ≤ the sum of the upper.",
    },
    "robust.err.values": {
        "sv": "Nyttopoängen måste vara en tabell behov × kriterier med ändliga tal ≥ 0 "
              "(0 = ingen nytta); fick form {shape}.",
        "en": "Benefit scores must be a needs × criteria table of finite numbers ≥ 0 "
              "(0 = no benefit); got shape {shape}.",
    },
    "robust.err.criteria": {
        "sv": "Nyttopoängen har {m} kriterier men viktintervallen {k}.",
        "en": "The benefit scores have {m} criteria but the weight intervals {k}.",
    },
    "robust.err.too_many": {
        "sv": "Exakt uppräkning klarar högst {limit} fria behov; här finns {n}. Använd "
              "metoden för stora fall (supported).",
        "en": "Exact enumeration handles at most {limit} free needs; there are {n}. Use the "
              "method for large cases (supported).",
    },
    "robust.err.infeasible": {
        "sv": "Ingen portfölj uppfyller reglerna: {reason}",
        "en": "No portfolio satisfies the rules: {reason}",
    },
    "robust.err.feasible_at": {
        "sv": "Okänd kostnadsgrund {value}; välj nominal (beräknad kostnad) eller high (hög kostnad).",
        "en": "Unknown cost basis {value}; choose nominal (estimated cost) or high (high cost).",
    },
    "robust.err.method": {
        "sv": "Okänd metod {value}; välj auto, enumeration eller supported.",
        "en": "Unknown method {value}; choose auto, enumeration or supported.",
    },
}
