"""Seeded generator of large synthetic digitaliseringsplaner.

Why: the hand-written sample in ``data/raw/`` has about 200 needs, but the
ranking, shared-need detection and portfolio solvers must be exercised and
benchmarked on thousands of needs. This module produces such sets quickly and
reproducibly (same seed → identical frame) with the template's Swedish
headers, so a generated set can be written to xlsx/csv and read back through
the ordinary intake like any department's plan.

The distributions are chosen to resemble the sample: lognormal costs whose
median depends on the category (an e-service is cheap, a case-management
system costs millions), about 10 % legal requirements, a few dependencies
that only point to lower-indexed needs (so the graph is acyclic by
construction), and a small share of blank optional cells. Titles and
descriptions are combined from Swedish phrase fragments; shared themes are
drawn independently of the department and worded with synonyms, so the same
underlying need recurs across departments in different words.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from kstad_analysis import intake, schema

#: The nine förvaltningar of the sample; more are named generically.
DEPARTMENTS: tuple[tuple[str, str], ...] = (
    ("KLK", "Kommunledningskontoret"),
    ("BUF", "Barn- och ungdomsförvaltningen"),
    ("GVF", "Gymnasie- och vuxenutbildningsförvaltningen"),
    ("ASF", "Arbetsmarknads- och socialförvaltningen"),
    ("VOF", "Vård- och omsorgsförvaltningen"),
    ("KOF", "Kultur- och fritidsförvaltningen"),
    ("MF", "Miljöförvaltningen"),
    ("SBF", "Stadsbyggnadsförvaltningen"),
    ("TFF", "Teknik- och fastighetsförvaltningen"),
)

#: Median investment (kr) and lognormal sigma per category.
CATEGORY_COST: dict[str, tuple[float, float]] = {
    "E-tjänst": (180_000.0, 0.6),
    "Automatisering": (200_000.0, 0.6),
    "Informationshantering": (400_000.0, 0.8),
    "Infrastruktur": (700_000.0, 0.8),
    "Verksamhetssystem": (1_500_000.0, 0.9),
    "Kommunikation": (150_000.0, 0.7),
    "Analys och beslutsstöd": (300_000.0, 0.7),
    "Säkerhet": (500_000.0, 0.8),
}

# A theme: (category, title variants (synonyms), objects, problem sentences).
# Variants and objects combine freely, so one underlying need gets many wordings.
_SHARED_THEMES: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    ("E-tjänst", ("Digital signering", "E-underskrift", "BankID-signering", "E-signatur"),
     ("av avtal", "av beslut", "av ansökningar", "av blanketter"),
     ("Handlingar skrivs i dag ut och skrivs under för hand innan de skannas in.",
      "Underskrifter samlas in på papper, vilket fördröjer ärendet med flera dagar.")),
    ("Informationshantering", ("E-arkiv", "Digital slutarkivering", "E-arkivering",
                               "Informationsförvaltning i e-arkiv"),
     ("för avslutade ärenden", "för akter", "för äldre handlingar"),
     ("Avslutade handlingar skrivs ut och förvaras i pärmar och närarkiv.",
      "Information som bara finns digitalt riskerar att gå förlorad när system avvecklas.")),
    ("Kommunikation", ("Chattbot", "Virtuell assistent", "AI-assistent", "Digital kundtjänstassistent"),
     ("för vanliga frågor", "på webben", "för invånarnas frågor"),
     ("Telefontiden räcker inte till och många frågor är återkommande.",
      "Medarbetarna svarar på samma enkla frågor många gånger per dag.")),
    ("Verksamhetssystem", ("Schemaläggning", "Bemanningsplanering", "Schemaplanering"),
     ("för personalen", "för enheterna", "med vikariebokning"),
     ("Scheman görs i kalkylblad och vikarier bokas per telefon.",
      "Det är svårt att se var det finns personal över när någon är sjuk.")),
    ("Kommunikation", ("Digital brevlåda", "Mina meddelanden", "Digital post"),
     ("för beslut", "för utskick", "för kallelser"),
     ("Beslut och kallelser skickas fortfarande som vanliga brev.",
      "Portokostnaden är hög och besked kommer ofta fram för sent.")),
    ("E-tjänst", ("E-tjänst", "Självserviceportal", "Digital ansökan"),
     ("för ansökningar", "för anmälningar", "för invånare och företag"),
     ("Ansökningar kommer på papper och måste registreras för hand.",
      "Många ansökningar är ofullständiga och kräver kompletteringar.")),
    ("Verksamhetssystem", ("Mobil dokumentation", "Mobilt arbetssätt", "Dokumentation i mobilen"),
     ("vid besök", "ute i verksamheten", "på plats"),
     ("Anteckningar förs på papper och skrivs rent på kontoret i efterhand.",
      "Medarbetarna åker tillbaka till kontoret enbart för att dokumentera.")),
    ("Automatisering", ("E-handel", "Digital fakturahantering", "Automatisk fakturakontroll"),
     ("för inköp", "för leverantörsfakturor", "för förbrukningsmaterial"),
     ("Fakturor granskas manuellt och inköp görs utanför avtalen.",
      "Beställningar görs via mejl och telefon utan spårbarhet.")),
    ("E-tjänst", ("Lokalbokning", "Mötesbokning", "Tidsbokning", "Bokningssystem"),
     ("för lokaler", "för möten", "på webben"),
     ("Bokningar görs via mejl och telefon och dubbelbokningar är vanliga.",
      "Det går inte att se lediga tider utan att kontakta oss.")),
    ("Automatisering", ("RPA", "Mjukvarurobot", "Automatiserad handläggning", "Robotisering"),
     ("av återkommande ärenden", "av kontroller", "av registrering"),
     ("Samma uppgifter knappas in för hand i flera system varje vecka.",
      "Enkla och regelstyrda ärenden tar en stor del av handläggarnas tid.")),
    ("Kommunikation", ("Säkra videomöten", "Digitala möten", "Säker videokommunikation"),
     ("med invånare", "med externa parter", "för uppföljning"),
     ("Möten där känsliga uppgifter tas upp kräver i dag att alla träffas fysiskt.",
      "Resor till möten tar mycket tid och det saknas ett godkänt videoverktyg.")),
    ("Säkerhet", ("Behörighetshantering", "Identitetshantering", "Behörighetsstyrning"),
     ("för medarbetare", "i verksamhetssystemen", "med rollbaserad åtkomst"),
     ("Behörigheter beställs manuellt och ligger kvar när medarbetare slutar.",
      "Det går inte att se vem som har tillgång till vilka uppgifter.")),
    ("Verksamhetssystem", ("Ärendehanteringssystem", "Diarieföring", "Nytt ärendesystem"),
     ("för handläggning", "med digitalt flöde", "med koppling till e-tjänster"),
     ("Ärenden registreras dubbelt i flera system.",
      "Det nuvarande systemet är föråldrat och stöds inte längre.")),
    ("Analys och beslutsstöd", ("Beslutsstöd", "Nyckeltal och analys", "Ledningsinformation"),
     ("för uppföljning", "för planering", "för nämnden"),
     ("Uppgifter sammanställs för hand ur flera system inför varje rapport.",
      "Ledningen saknar en samlad bild av resultat och kostnader.")),
)

#: Department-specific themes (same shape), keyed by prefix.
_UNIQUE_THEMES: dict[str, tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...]] = {
    "KLK": (("Kommunikation", ("Tillgänglighetsanpassning",), ("av webbplatsen", "av e-tjänsterna"),
             ("Webbplatsen uppfyller inte kraven på digital tillgänglighet.",)),),
    "BUF": (("E-tjänst", ("Frånvarohantering",), ("i grundskolan", "för vårdnadshavare"),
             ("Frånvaro anmäls på olika sätt och följs upp för sent.",)),),
    "GVF": (("Verksamhetssystem", ("Digitalt språkstöd",), ("i SFI", "för vuxenstuderande"),
             ("Eleverna behöver öva mer än lektionstiden räcker till.",)),),
    "ASF": (("Automatisering", ("Automatisk kontroll",), ("av försörjningsstöd", "mot andra myndigheter"),
             ("Uppgifter från andra myndigheter hämtas och jämförs manuellt.",)),),
    "VOF": (("Infrastruktur", ("Digital nattillsyn", "Läkemedelsrobot", "Digitala trygghetslarm"),
             ("i ordinärt boende", "för brukare"),
             ("Fysiska besök görs även när brukaren hellre vill slippa bli störd.",)),),
    "KOF": (("E-tjänst", ("Biblioteksapp", "Bokning av idrottshallar"), ("för låntagare", "för föreningar"),
             ("Besökarna efterfrågar att kunna sköta mer själva i mobilen.",)),),
    "MF": (("Verksamhetssystem", ("Digital tillsynsapp",), ("för inspektörer", "vid tillsynsbesök"),
            ("Protokoll från tillsynsbesök skrivs rent på kontoret.",)),),
    "SBF": (("Analys och beslutsstöd", ("3D-stadsmodell", "Digital detaljplan"),
             ("för planering", "för samråd"),
             ("Planförslag är svåra att förstå för den som inte läser ritningar.",)),),
    "TFF": (("Infrastruktur", ("IoT-sensorer", "Energiuppföljning"), ("för fastighetsdrift", "i lokalerna"),
             ("Fel och onödig energianvändning upptäcks först när någon klagar.",)),),
}

_CONTEXT = {
    "KLK": "Behovet är kommunövergripande och bör lösas som en bastjänst.",
    "BUF": "Det berör rektorer, pedagoger och vårdnadshavare i förskola och grundskola.",
    "GVF": "Det berör elever, lärare och studievägledare på gymnasiet och inom vuxenutbildningen.",
    "ASF": "Det berör socialsekreterare och de klienter vi möter.",
    "VOF": "Det berör omsorgspersonal, sjuksköterskor och brukare i hemtjänst och på boenden.",
    "KOF": "Det berör besökare, föreningar och personal på bibliotek och anläggningar.",
    "MF": "Det berör inspektörer och de verksamhetsutövare vi har tillsyn över.",
    "SBF": "Det berör handläggare, planarkitekter och sökande.",
    "TFF": "Det berör fastighetsskötare, arbetsledare och entreprenörer.",
}
_GENERIC_CONTEXT = "Det berör förvaltningens handläggare och de invånare vi möter."

_BENEFITS = (
    "En digital lösning skulle spara tid och ge snabbare besked.",
    "Vi räknar med färre fel och mindre dubbelarbete.",
    "Nyttan är framför allt frigjord tid som kan användas till kärnverksamheten.",
    "Det skulle också minska kostnader för porto och papper.",
    "Lösningen bör kunna återanvändas av andra förvaltningar.",
)

_LEGAL_NOTE = " Behovet följer av lagkrav och måste genomföras."

NEED_HEADERS: tuple[str, ...] = tuple(c.header for c in schema.NEED_COLUMNS)


def _departments(count: int) -> tuple[list[str], list[str]]:
    """Prefixes and names for ``count`` departments (generic beyond nine)."""
    prefixes = [p for p, _ in DEPARTMENTS[:count]]
    names = [name for _, name in DEPARTMENTS[:count]]
    for k in range(len(DEPARTMENTS), count):
        prefixes.append(f"F{k + 1:02d}")
        names.append(f"Förvaltning {k + 1}")
    return prefixes, names


def _themes_for(prefixes: list[str]) -> tuple[list[tuple], np.ndarray]:
    """All themes and, for each, the department index it belongs to (-1 = shared)."""
    themes: list[tuple] = list(_SHARED_THEMES)
    owner = [-1] * len(themes)
    for d, prefix in enumerate(prefixes):
        for theme in _UNIQUE_THEMES.get(prefix, ()):
            themes.append(theme)
            owner.append(d)
    return themes, np.asarray(owner)


def _pick(rng: np.random.Generator, options_per_row: list[tuple[str, ...]]) -> np.ndarray:
    """One random element from each row's option tuple, vectorised by tuple length."""
    sizes = np.fromiter((len(o) for o in options_per_row), dtype=np.int64, count=len(options_per_row))
    index = np.floor(rng.random(len(options_per_row)) * sizes).astype(np.int64)
    return np.array([o[i] for o, i in zip(options_per_row, index, strict=True)], dtype=object)


def _round_to(values: np.ndarray, step: float) -> np.ndarray:
    return np.round(values / step) * step


def generate_needs(n: int, seed: int = 0, departments: int = 9) -> pd.DataFrame:
    """Return ``n`` synthetic needs with the template's Swedish headers.

    Deterministic for a given ``(n, seed, departments)``. IDs are
    ``<PREFIX>-<running number>`` and unique; dependencies only point to
    lower-indexed needs, so the dependency graph is acyclic. Blank optional
    cells are NaN/NA (about 3 % of needs have one), never a silent 0.
    """
    if n < 0:
        raise ValueError("n must be non-negative")
    if departments < 1:
        raise ValueError("departments must be at least 1")
    if n == 0:  # the same columns and dtypes, no rows
        return generate_needs(1, seed, departments).iloc[0:0]
    rng = np.random.default_rng(seed)
    prefixes, names = _departments(departments)
    themes, owner = _themes_for(prefixes)
    shared = np.flatnonzero(owner < 0)

    dept = rng.integers(0, departments, n)
    # 75 % shared themes (recurring across departments), else the department's own.
    theme = shared[rng.integers(0, len(shared), n)]
    own_lists = [np.flatnonzero(owner == d) for d in range(departments)]
    use_own = rng.random(n) < 0.25
    for d, own in enumerate(own_lists):
        rows = np.flatnonzero(use_own & (dept == d))
        if len(own) and len(rows):
            theme[rows] = own[rng.integers(0, len(own), len(rows))]

    theme_rows = [themes[t] for t in theme]
    category = np.array([themes[t][0] for t in range(len(themes))], dtype=object)[theme]
    variant = _pick(rng, [t[1] for t in theme_rows])
    obj = _pick(rng, [t[2] for t in theme_rows])
    problem = _pick(rng, [t[3] for t in theme_rows])
    prefix_arr = np.array(prefixes, dtype=object)[dept]
    context = np.array([_CONTEXT.get(p, _GENERIC_CONTEXT) for p in prefixes], dtype=object)[dept]
    benefit = np.array(_BENEFITS, dtype=object)[rng.integers(0, len(_BENEFITS), n)]

    legal_p = np.where(np.isin(category, ["Säkerhet", "Informationshantering"]), 0.3, 0.08)
    legal = rng.random(n) < legal_p

    title = variant + " " + obj
    description = problem + " " + context + " " + benefit + np.where(legal, _LEGAL_NOTE, "").astype(object)

    medians = np.array([CATEGORY_COST[c][0] for c in category])
    sigmas = np.array([CATEGORY_COST[c][1] for c in category])
    investment = _round_to(medians * np.exp(sigmas * rng.standard_normal(n)), 10_000)
    investment = np.clip(investment, 20_000, 12_000_000)
    running = _round_to(investment * np.exp(np.log(0.2) + 0.5 * rng.standard_normal(n)), 5_000)
    running = np.clip(running, 10_000, 800_000)
    cases = np.round(np.exp(np.log(2_500) + 1.3 * rng.standard_normal(n)), -1)
    minutes = np.round(np.exp(np.log(10) + 0.8 * rng.standard_normal(n)), 0)
    minutes = np.where(rng.random(n) < 0.1, 0.5 * np.round(2 * minutes / 3), minutes)
    other = np.where(rng.random(n) < 0.6, 0.0,
                     _round_to(np.exp(np.log(80_000) + 0.9 * rng.standard_normal(n)), 5_000))
    strategic = np.clip(np.round(rng.normal(3.2, 1.0, n)), 1, 5)
    citizen = np.clip(np.round(rng.normal(3.0, 1.1, n)), 1, 5)
    risk = np.clip(np.round(rng.normal(2.4, 0.9, n)), 1, 5)
    start = rng.integers(2027, 2030, n)

    deps = _dependencies(rng, n, prefix_arr)

    frame = pd.DataFrame({
        "ID": _ids(prefix_arr, n),
        "Förvaltning": np.array(names, dtype=object)[dept],
        "Titel": title,
        "Beskrivning": description,
        "Kategori": category,
        "Investering (kr)": investment,
        "Driftkostnad per år (kr)": running,
        "Ärenden per år": cases,
        "Sparad tid per ärende (min)": minutes,
        "Övrig nytta per år (kr)": other,
        "Strategisk betydelse (1-5)": pd.array(strategic.astype(np.int64), dtype="Int64"),
        "Medborgarnytta (1-5)": pd.array(citizen.astype(np.int64), dtype="Int64"),
        "Risk (1-5)": pd.array(risk.astype(np.int64), dtype="Int64"),
        "Lagkrav (ja/nej)": np.where(legal, "ja", "nej").astype(object),
        "Beroenden": deps,
        "Startår": pd.array(start.astype(np.int64), dtype="Int64"),
    })
    _blank_some(rng, frame)
    return frame[list(NEED_HEADERS)]


def _ids(prefix: np.ndarray, n: int) -> np.ndarray:
    """Unique IDs: the department prefix and a zero-padded global running number."""
    width = max(3, len(str(n)))
    numbers = np.char.zfill(np.arange(1, n + 1).astype(str), width).astype(object)
    return prefix + "-" + numbers


def _dependencies(rng: np.random.Generator, n: int, prefix: np.ndarray) -> np.ndarray:
    """About 10 % of needs depend on one or two lower-indexed needs.

    Targets are biased towards early needs (``floor(i * u²)``), which play
    the role of shared base services that many later needs build on.
    """
    out = np.full(n, None, dtype=object)
    if n < 2:
        return out
    ids = _ids(prefix, n)
    has = np.flatnonzero(rng.random(n) < 0.1)
    has = has[has > 0]
    first = np.floor(has * rng.random(len(has)) ** 2).astype(np.int64)
    second = np.floor(has * rng.random(len(has)) ** 2).astype(np.int64)
    two = (rng.random(len(has)) < 0.3) & (second != first)
    single = ids[first]
    both = ids[first] + ", " + ids[second]
    out[has] = np.where(two, both, single)
    return out


#: Optional columns that are sometimes left blank, as in real plans.
_BLANKABLE = (
    "Ärenden per år", "Sparad tid per ärende (min)", "Övrig nytta per år (kr)",
    "Risk (1-5)", "Medborgarnytta (1-5)", "Driftkostnad per år (kr)", "Startår",
)


def _blank_some(rng: np.random.Generator, frame: pd.DataFrame, share: float = 0.03) -> None:
    """Blank one optional cell in about ``share`` of the rows (in place)."""
    n = len(frame)
    rows = np.flatnonzero(rng.random(n) < share)
    columns = rng.integers(0, len(_BLANKABLE), len(rows))
    for k, name in enumerate(_BLANKABLE):
        target = rows[columns == k]
        if len(target):
            frame.loc[target, name] = pd.NA if str(frame[name].dtype) == "Int64" else np.nan


def generate_frame(n: int, seed: int = 0, departments: int = 9) -> pd.DataFrame:
    """``generate_needs`` as the internal needs frame, without a file.

    Why: benchmarks and scale tests need thousands of needs in the frame
    ``intake.read_plans`` returns (internal keys, typed columns, tuple
    dependencies, ``incomplete``/``missing``), and writing and re-reading a
    10 000-row workbook only to get there would dominate their set-up. The
    result equals ``read_plans`` of ``write_needs`` to ``synthetic.xlsx``
    (checked in the tests).
    """
    sheet = generate_needs(n, seed, departments)
    sheet = sheet.rename(columns={header: key for key, header in schema.HEADERS_SV.items()})
    records = sheet.astype(object).where(sheet.notna(), None).to_dict(orient="records")
    for row, rec in enumerate(records, start=2):  # row 1 holds the headers
        legal, deps = rec["legal"], rec["dependencies"]
        rec["legal"] = None if legal is None else legal == "ja"
        rec["dependencies"] = tuple(d.strip() for d in deps.split(",")) if deps else ()
        missing = tuple(k for k in intake.COMPLETENESS_KEYS if rec[k] is None)
        rec.update(incomplete=bool(missing), missing=missing, source_file="synthetic.xlsx",
                   source_sheet=schema.NEEDS_SHEET, source_row=row, extra={})
    return intake.needs_frame(records)  # the exact constructor read_plans uses


def write_needs(df: pd.DataFrame, path: str | Path) -> Path:
    """Write needs to ``.xlsx`` (sheet ``Behov``) or ``.csv`` by suffix.

    CSV is written with ``;`` and a UTF-8 byte-order mark, as Swedish Excel
    expects, so the file opens correctly there and in the intake.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            df.to_excel(writer, sheet_name=schema.NEEDS_SHEET, index=False)
    elif suffix == ".csv":
        df.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    else:
        raise ValueError(f"unsupported suffix {path.suffix!r}: use .xlsx or .csv")
    return path


__all__ = ["generate_frame", "generate_needs", "write_needs", "DEPARTMENTS", "CATEGORY_COST"]
