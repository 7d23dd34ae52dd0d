"""Scenario validation and JSON round-trips."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kstad_analysis.scenario import (
    IDS_MAX,
    OVERRIDES_MAX_BYTES,
    Scenario,
    ScenarioError,
)


def full_scenario(**changes: object) -> Scenario:
    values: dict[str, object] = dict(
        name="Budgetrunda 2027", author="Anna Ek", note="Första förslaget.\nRad två.",
        created="2026-11-03T10:00:00+00:00", data_fingerprint="0123456789abcdef",
        weights={"strategic": 3.0, "citizen": 2.0, "risk": 1.0, "npv_ratio": 0.5},
        method="topsis", preset="ekonomi", budget=12_500_000.0,
        per_year={2027: 5e6, 2028: 4e6}, must=("KLK-001", "BUF-004"), exclude=("MF-002",),
        value="npv", threshold=0.62, overrides={"departments": ["Miljöförvaltningen"], "k": 3},
        top_n=15,
    )
    values.update(changes)
    return Scenario(**values)  # type: ignore[arg-type]


def test_round_trip_through_json_text_is_exact():
    scenario = full_scenario()
    data = json.loads(json.dumps(scenario.to_dict(), allow_nan=False))
    assert Scenario.from_dict(data) == scenario
    assert Scenario.from_json(scenario.to_json()) == scenario
    assert data["per_year"] == {"2027": 5e6, "2028": 4e6}
    assert data["must"] == ["KLK-001", "BUF-004"]


def test_defaults_and_normalisation():
    scenario = Scenario(name="  Plan A  ", weights={"risk": 2}, must=["X", "X", "Y"],
                        per_year={"2030": 7})
    assert scenario.name == "Plan A"
    assert scenario.weights == {"risk": 2.0} and isinstance(scenario.weights["risk"], float)
    assert scenario.must == ("X", "Y")
    assert scenario.per_year == {2030: 7.0}
    assert scenario.method == "wsum" and scenario.value == "benefit" and scenario.top_n == 10
    assert scenario.created.endswith("+00:00")


def test_created_is_converted_to_utc_and_naive_time_refused():
    assert full_scenario(created="2026-11-03T12:00:00+02:00").created == "2026-11-03T10:00:00+00:00"
    assert full_scenario(created="2026-11-03T10:00:00Z").created == "2026-11-03T10:00:00+00:00"
    for bad in ("2026-11-03T10:00:00", "igår", 1730000000, ""):
        with pytest.raises(ScenarioError, match="ISO 8601"):
            full_scenario(created=bad)


def test_frozen_and_mappings_are_private_copies():
    weights = {"risk": 1.0}
    scenario = Scenario(name="x", weights=weights)
    weights["risk"] = 99.0
    assert scenario.weights == {"risk": 1.0}
    with pytest.raises(AttributeError):
        scenario.name = "y"  # type: ignore[misc]


@pytest.mark.parametrize(("changes", "message"), [
    ({"name": "   "}, "Namnet måste anges"),
    ({"name": ""}, "Namnet måste anges"),
    ({"name": "x" * 121}, "högst 120 tecken"),
    ({"name": "rad\nbrytning"}, "styrtecken"),
    ({"name": "nul\x00byte"}, "styrtecken"),
    ({"name": "bidi\u202eevil"}, "styrtecken"),
    ({"name": None}, "måste vara text"),
    ({"name": 42}, "måste vara text"),
    ({"author": "a" * 121}, "Författaren får vara högst 120"),
    ({"note": "n" * 5_001}, "Anteckningen får vara högst 5000"),
    ({"note": "bell\x07"}, "styrtecken"),
    ({"weights": {"Risk": 1.0}}, "Ogiltigt kriterienamn"),
    ({"weights": {"risk-1": 1.0}}, "Ogiltigt kriterienamn"),
    ({"weights": {"a" * 41: 1.0}}, "Ogiltigt kriterienamn"),
    ({"weights": {1: 1.0}}, "Ogiltigt kriterienamn"),
    ({"weights": {"risk": -0.1}}, "mellan 0 och"),
    ({"weights": {"risk": math.nan}}, "ändligt tal"),
    ({"weights": {"risk": math.inf}}, "ändligt tal"),
    ({"weights": {"risk": "1"}}, "måste vara ett tal"),
    ({"weights": {"risk": True}}, "måste vara ett tal"),
    ({"weights": {f"k_{chr(97 + i // 26)}{chr(97 + i % 26)}": 1.0 for i in range(51)}}, "högst 50"),
    ({"weights": [("risk", 1.0)]}, "tabell"),
    ({"method": "ahp"}, "wsum, topsis"),
    ({"value": "profit"}, "benefit, npv, npv_financial"),
    ({"budget": -1.0}, "mellan 0 och 1e\\+12"),
    ({"budget": 1e300}, "mellan 0 och 1e\\+12"),
    ({"budget": math.nan}, "ändligt"),
    ({"budget": -math.inf}, "ändligt"),
    ({"budget": "100"}, "måste vara ett tal"),
    ({"per_year": {1989: 1.0}}, "mellan 1990 och 2100"),
    ({"per_year": {2101: 1.0}}, "mellan 1990 och 2100"),
    ({"per_year": {"tjugo": 1.0}}, "heltal"),
    ({"per_year": {2027.5: 1.0}}, "heltal"),
    ({"per_year": {2027: math.nan}}, "ändligt"),
    ({"per_year": {2027: -5.0}}, "Budgeten för 2027"),
    ({"must": "KLK-001"}, "lista"),
    ({"must": ["x" * 65]}, "högst 64"),
    ({"must": [""]}, "måste anges"),
    ({"must": [f"ID-{i}" for i in range(IDS_MAX + 1)]}, "högst 2000 poster"),
    ({"exclude": [None]}, "måste vara text"),
    ({"must": ["A", "B"], "exclude": ["B"]}, "både måste vara med och uteslutas: B"),
    ({"threshold": 1.01}, "mellan 0 och 1"),
    ({"threshold": -0.01}, "mellan 0 och 1"),
    ({"threshold": math.nan}, "ändligt"),
    ({"overrides": {"x": math.nan}}, "JSON"),
    ({"overrides": {"x": object()}}, "JSON"),
    ({"overrides": {"big": "x" * OVERRIDES_MAX_BYTES}}, "högst 64 kB"),
    ({"overrides": "filters"}, "tabell"),
    ({"top_n": 0}, "mellan 1 och"),
    ({"top_n": 2.5}, "heltal"),
    ({"top_n": "10"}, "heltal"),
    ({"preset": "p" * 81}, "högst 80"),
])
def test_invalid_fields_are_refused_in_swedish(changes, message):
    with pytest.raises(ScenarioError, match=message):
        full_scenario(**changes)


def test_english_messages_are_available(monkeypatch):
    monkeypatch.setenv("KSTAD_LANG", "en")
    with pytest.raises(ScenarioError, match="The budget must be between 0 and 1e\\+12"):
        full_scenario(budget=2e12)


def test_scenario_error_is_a_value_error():
    assert issubclass(ScenarioError, ValueError)


def test_huge_strings_are_refused_without_normalising_them():
    with pytest.raises(ScenarioError, match="högst 120"):
        full_scenario(name="x" * 10_000_000)
    with pytest.raises(ScenarioError, match="högst 5000"):
        full_scenario(note="n" * 10_000_000)


def test_overrides_are_normalised_to_what_json_keeps():
    scenario = full_scenario(overrides={"years": (2027, 2028), 5: "five"})
    assert scenario.overrides == {"years": [2027, 2028], "5": "five"}
    assert Scenario.from_dict(scenario.to_dict()) == scenario


def test_hostile_text_is_kept_verbatim():
    for name in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                 '=HYPERLINK("http://x","y")', "'; DROP TABLE scenarios;--"):
        assert full_scenario(name=name).name == name


def test_from_dict_refuses_unknown_and_missing_fields():
    data = full_scenario().to_dict()
    with pytest.raises(ScenarioError, match="Okända fält i scenariot: weigths"):
        Scenario.from_dict({**data, "weigths": {}})
    data.pop("name")
    with pytest.raises(ScenarioError, match="Namnet måste anges"):
        Scenario.from_dict(data)
    with pytest.raises(ScenarioError, match="inget scenario"):
        Scenario.from_dict(["name", "x"])
    with pytest.raises(ScenarioError, match="inget scenario"):
        Scenario.from_json("{not json")


def test_numpy_numbers_are_accepted():
    scenario = full_scenario(budget=np.float64(5e6), top_n=np.int64(7), weights={"risk": np.float32(1.5)})
    assert scenario.budget == 5e6 and scenario.top_n == 7 and type(scenario.top_n) is int
    assert json.loads(scenario.to_json())["weights"] == {"risk": 1.5}


names = st.text(min_size=1, max_size=100).filter(
    lambda s: s.strip() and s == s.strip() and all(c.isprintable() for c in s)
)
finite = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)


@settings(max_examples=150, deadline=None)
@given(
    name=names,
    weights=st.dictionaries(st.from_regex(r"[a-z_]{1,40}", fullmatch=True),
                            st.floats(min_value=0, max_value=1e6), max_size=8),
    budget=st.none() | finite,
    per_year=st.dictionaries(st.integers(1990, 2100), finite, max_size=5),
    threshold=st.none() | st.floats(min_value=0, max_value=1),
    must=st.lists(st.from_regex(r"[A-Z]{2,4}-[0-9]{3}", fullmatch=True), max_size=5, unique=True),
)
def test_round_trip_property(name, weights, budget, per_year, threshold, must):
    import unicodedata

    scenario = Scenario(name=name, weights=weights, budget=budget, per_year=per_year,
                        threshold=threshold, must=must)
    again = Scenario.from_json(scenario.to_json())
    assert again == scenario
    assert again.name == unicodedata.normalize("NFC", name)
    assert again.per_year == {y: float(v) for y, v in sorted(per_year.items())}


def test_a_saved_score_value_reads_as_benefit():
    """Older scenarios optimised the ranking score, which has no zero; they
    now mean nyttopoäng (see benefit_value)."""
    old = Scenario.from_dict({"name": "Gammalt", "value": "score"})
    assert old.value == "benefit"


def test_allowed_values_are_defined_once():
    from kstad_analysis import budget, constants, ranking, scenario, sensitivity

    assert scenario.METHODS is ranking.METHODS is sensitivity.METHODS is constants.METHODS
    assert scenario.VALUE_KINDS is budget.VALUE_KINDS is constants.VALUE_KINDS
    with pytest.raises(ScenarioError):
        Scenario(name="x", method="electre")
    with pytest.raises(ScenarioError):
        Scenario(name="x", value="lycka")


def test_configured_preset_names_and_criterion_keys_are_accepted():
    from kstad_analysis import config

    presets = list(config.load("presets")["preset"])
    keys = [c["key"] for c in config.load("criteria")["kriterium"]]
    for preset in presets:  # names like "Ekonomi först": free text, not identifiers
        scenario = full_scenario(preset=preset, weights={k: 1.0 for k in keys})
        assert scenario.preset == preset and list(scenario.weights) == keys


def test_compare_settings_lists_exactly_the_differences():
    from kstad_analysis.scenario import compare_settings

    a = full_scenario()
    b = full_scenario(name="Alternativ", method="wsum", budget=9e6,
                      weights={"strategic": 3.0, "citizen": 4.0, "legal": 1.0},
                      per_year={2027: 5e6, 2029: 1e6}, must=("BUF-004", "KLK-001"),
                      exclude=(), overrides={"departments": ["Miljöförvaltningen"], "k": 5})
    diff = compare_settings(a, b)
    assert list(diff.columns) == ["setting", "label", "a", "b"]
    table = {row.setting: (row.label, row.a, row.b) for row in diff.itertuples()}
    assert table == {
        "name": ("Namn", "Budgetrunda 2027", "Alternativ"),
        "method": ("Metod", "topsis", "wsum"),
        "budget": ("Budget (kr)", 12_500_000.0, 9e6),
        "weights.citizen": ("Vikt: citizen", 2.0, 4.0),
        "weights.legal": ("Vikt: legal", None, 1.0),
        "weights.npv_ratio": ("Vikt: npv_ratio", 0.5, None),
        "weights.risk": ("Vikt: risk", 1.0, None),
        "per_year.2028": ("Budget 2028 (kr)", 4e6, None),
        "per_year.2029": ("Budget 2029 (kr)", None, 1e6),
        "exclude": ("Uteslutna", "MF-002", ""),
        "overrides.k": ("Övriga val: k", "3", "5"),
    }  # must differs only in order, so it is the same choice
    assert compare_settings(a, a).empty
