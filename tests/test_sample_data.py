"""The bundled sample plans and the synthetic generator.

Why: every analysis, demo and browser test starts from ``data/raw/``; if the
sample silently loses a department, gets a duplicate ID or a dependency
cycle, everything downstream is judged on broken data. The shared-theme
check guards the point of the sample: real overlaps worded differently.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from kstad_analysis.synthetic import generate_frame, generate_needs, write_needs

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"
PREFIXES = ("klk", "buf", "gvf", "asf", "vof", "kof", "mf", "sbf", "tff")
NEED_HEADERS = [
    "ID", "Förvaltning", "Titel", "Beskrivning", "Kategori", "Investering (kr)",
    "Driftkostnad per år (kr)", "Ärenden per år", "Sparad tid per ärende (min)",
    "Övrig nytta per år (kr)", "Strategisk betydelse (1-5)", "Medborgarnytta (1-5)", "Risk (1-5)",
    "Lagkrav (ja/nej)", "Beroenden", "Startår",
]
REGISTER_HEADERS = [
    "ID", "Nytta", "Nyttotyp", "Ansvarig för realisering", "Ansvarig för mätning", "Mätetal",
    "Nulägesmätning", "Målvärde", "År", "Planerad nytta (kr)", "Realiserad nytta (kr)", "Mätdatum",
]
#: Shared needs and the words departments use for them (lower-case substrings).
THEMES: dict[str, tuple[str, ...]] = {
    "signering": ("signer", "underskrift", "signatur"),
    "e-arkiv": ("e-arkiv", "slutarkiv"),
    "chattbot": ("chattbot", "chatbot", "virtuell assistent", "ai-assistent", "kundtjänstassistent"),
    "schemaläggning": ("schemaläggning", "bemanningsplanering", "schemaplanering", "schemaverktyg"),
    "digital post": ("digital brevlåda", "mina meddelanden", "digital post"),
    "videomöten": ("videomöte", "videosamtal", "videokommunikation", "videobesök", "via video"),
    "e-handel": ("e-handel",),
    "bokning": ("bokningssystem", "lokalbokning", "mötesbokning", "tidsbokning"),
    "behörighet": ("behörighetshantering", "identitetshantering", "behörighetstilldelning",
                   "behörighetsstyrning"),
    "automatisering": ("mjukvarurobot", "rpa", "robotiserad", "automatiserad"),
    "mobil dokumentation": ("mobil dokumentation", "mobilt arbetssätt", "arbetsordern i mobilen",
                            "dokumentera direkt"),
    "diarieföring": ("diarieföring", "ärendehanteringssystem", "diariet"),
}


def _split_ids(value: object) -> list[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return []
    return [s.strip() for s in str(value).replace(";", ",").split(",") if s.strip()]


def _is_acyclic(edges: dict[str, list[str]]) -> bool:
    """Kahn's algorithm: a graph is acyclic iff every node can be removed."""
    nodes = set(edges) | {d for deps in edges.values() for d in deps}
    indegree = dict.fromkeys(nodes, 0)
    for deps in edges.values():
        for d in deps:
            indegree[d] += 1
    queue = [v for v, k in indegree.items() if k == 0]
    removed = 0
    while queue:
        node = queue.pop()
        removed += 1
        for d in edges.get(node, []):
            indegree[d] -= 1
            if indegree[d] == 0:
                queue.append(d)
    return removed == len(nodes)


def _sheet(path: Path, name: str) -> tuple[list[object], list[tuple[object, ...]]]:
    book = load_workbook(path, read_only=True)
    try:
        rows = list(book[name].iter_rows(values_only=True))
    finally:
        book.close()
    return list(rows[0]), rows[1:]


@pytest.fixture(scope="module")
def workbooks() -> dict[str, Path]:
    return {p: RAW / f"digitaliseringsplan_{p}.xlsx" for p in PREFIXES}


@pytest.fixture(scope="module")
def needs(workbooks: dict[str, Path]) -> pd.DataFrame:
    frames = []
    for prefix, path in workbooks.items():
        headers, rows = _sheet(path, "Behov")
        frame = pd.DataFrame(rows, columns=headers)
        frame["_file"] = prefix
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def test_nine_workbooks_exist(workbooks: dict[str, Path]) -> None:
    missing = [str(p) for p in workbooks.values() if not p.is_file()]
    assert not missing


def test_behov_headers_exact(workbooks: dict[str, Path]) -> None:
    for path in workbooks.values():
        book = load_workbook(path, read_only=True)
        try:
            assert "Behov" in book.sheetnames, path.name
        finally:
            book.close()
        headers, _ = _sheet(path, "Behov")
        assert headers == NEED_HEADERS, path.name


def test_total_and_per_department_counts(needs: pd.DataFrame) -> None:
    assert 150 <= len(needs) <= 250
    per_file = needs.groupby("_file").size()
    assert per_file.between(15, 30).all(), per_file.to_dict()
    assert needs.groupby("_file")["Förvaltning"].nunique().eq(1).all()


def test_ids_unique_and_required_filled(needs: pd.DataFrame) -> None:
    assert needs["ID"].is_unique
    for column in ("ID", "Förvaltning", "Titel", "Beskrivning"):
        assert needs[column].map(lambda v: isinstance(v, str) and v.strip() != "").all(), column
    assert all(i.lower().startswith(f + "-") for i, f in zip(needs["ID"], needs["_file"], strict=True))


def test_ratings_in_range(needs: pd.DataFrame) -> None:
    for column in ("Strategisk betydelse (1-5)", "Medborgarnytta (1-5)", "Risk (1-5)"):
        values = needs[column].dropna()
        assert values.map(lambda v: float(v).is_integer() and 1 <= v <= 5).all(), column


def test_share_of_legal_requirements(needs: pd.DataFrame) -> None:
    share = (needs["Lagkrav (ja/nej)"] == "ja").mean()
    assert 0.08 <= share <= 0.15


def test_dependencies_exist_and_acyclic(needs: pd.DataFrame) -> None:
    ids = set(needs["ID"])
    edges = {i: _split_ids(d) for i, d in zip(needs["ID"], needs["Beroenden"], strict=True)}
    unknown = {(i, d) for i, deps in edges.items() for d in deps if d not in ids}
    assert not unknown
    assert 15 <= sum(bool(d) for d in edges.values()) <= 25
    assert _is_acyclic(edges)


def test_register_ids_exist_in_own_workbook(workbooks: dict[str, Path]) -> None:
    with_register = 0
    for path in workbooks.values():
        book = load_workbook(path, read_only=True)
        try:
            has = "Uppföljning" in book.sheetnames
        finally:
            book.close()
        if not has:
            continue
        with_register += 1
        _, need_rows = _sheet(path, "Behov")
        headers, rows = _sheet(path, "Uppföljning")
        assert headers == REGISTER_HEADERS, path.name
        own = {r[0] for r in need_rows}
        assert rows and all(r[0] in own for r in rows), path.name
        assert all(r[2] in {"finansiell", "omfördelning"} for r in rows)
        assert all(r[9] is not None and r[9] >= 0 for r in rows)
    assert with_register >= 5


def test_shared_themes_span_departments(needs: pd.DataFrame) -> None:
    text = (needs["Titel"] + " " + needs["Beskrivning"]).str.lower()
    spans: dict[str, set[str]] = defaultdict(set)
    for theme, words in THEMES.items():
        hit = text.map(lambda s, words=words: any(w in s for w in words))
        spans[theme] = set(needs.loc[hit, "Förvaltning"])
    wide = [t for t, deps in spans.items() if len(deps) >= 3]
    assert len(wide) >= 5, {t: len(d) for t, d in spans.items()}


def test_sample_passes_intake() -> None:
    from kstad_analysis.intake import read_plans

    plans = read_plans([RAW])
    assert plans.ok, [str(p) for p in plans.errors]
    assert 8 <= int(plans.needs["incomplete"].sum()) <= 12


# --------------------------------------------------------------------------- synthetic


def test_generate_needs_deterministic() -> None:
    a = generate_needs(1000, seed=1)
    b = generate_needs(1000, seed=1)
    c = generate_needs(1000, seed=2)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)
    assert list(a.columns) == NEED_HEADERS
    assert len(a) == 1000


def test_generate_needs_ids_and_dependencies() -> None:
    frame = generate_needs(1000, seed=1)
    assert frame["ID"].is_unique
    ids = list(frame["ID"])
    position = {i: k for k, i in enumerate(ids)}
    edges = {i: _split_ids(d) for i, d in zip(ids, frame["Beroenden"], strict=True)}
    assert any(edges.values())
    assert all(position[d] < position[i] for i, deps in edges.items() for d in deps)
    assert _is_acyclic(edges)
    legal = (frame["Lagkrav (ja/nej)"] == "ja").mean()
    assert 0.05 <= legal <= 0.15
    ratings = frame["Risk (1-5)"].dropna()
    assert ratings.between(1, 5).all()
    assert (frame["Investering (kr)"].dropna() >= 0).all()


def test_generate_needs_more_departments() -> None:
    frame = generate_needs(300, seed=4, departments=12)
    assert frame["Förvaltning"].nunique() == 12
    assert frame["ID"].is_unique


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_write_needs_round_trip_through_intake(tmp_path: Path, suffix: str) -> None:
    from kstad_analysis.intake import read_plans

    frame = generate_needs(200, seed=5)
    path = write_needs(frame, tmp_path / f"plan{suffix}")
    plans = read_plans([path])
    assert plans.ok, [str(p) for p in plans.errors][:5]
    assert list(plans.needs["id"]) == list(frame["ID"])


@pytest.mark.parametrize(("n", "seed", "departments"), [(300, 5, 9), (150, 2, 12), (40, 3, 1)])
def test_generate_frame_equals_read_plans_of_written_file(
    tmp_path: Path, n: int, seed: int, departments: int
) -> None:
    """The benchmarks' shortcut must be exactly what a written file reads as."""
    from kstad_analysis.intake import read_plans

    path = write_needs(generate_needs(n, seed, departments), tmp_path / "synthetic.xlsx")
    plans = read_plans([path])
    assert plans.ok, [str(p) for p in plans.errors][:5]
    frame = generate_frame(n, seed, departments)
    pd.testing.assert_frame_equal(frame, plans.needs)
    # the shortcut keeps the generator's blanks and dependencies
    assert frame["incomplete"].any() and frame["dependencies"].map(len).gt(0).any()
