"""Ranking: criteria values, policies, contributions, rank changes, explanations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kstad_analysis import criteria as criteria_mod
from kstad_analysis.criteria import decision_matrix, load_criteria
from kstad_analysis.ranking import Ranker, explain, rank
from kstad_analysis.scoring import topsis
from kstad_analysis.valuation import annual_benefit
from kstad_analysis.weights import WeightError
from tests.plans import needs_frame

DEPARTMENTS = ["Kommunledningskontoret", "Barn- och ungdomsförvaltningen", "Miljöförvaltningen",
               "Vård- och omsorgsförvaltningen"]


def make_needs(rows: list[dict] | None = None, n: int | None = None, seed: int = 0,
               department: str | None = None) -> pd.DataFrame:
    """A needs frame in the intake format (same columns and dtypes as intake).

    ``department`` puts every need in one förvaltning (same timkostnad)."""
    if rows is None:
        rng = np.random.default_rng(seed)
        rows = [dict(
            id=f"N-{i:04d}",
            investment=float(rng.choice([5e4, 2e5, 1e6, 4e6]) * rng.uniform(0.5, 2)),
            running_cost=float(rng.uniform(0, 3e5)),
            cases_per_year=float(rng.integers(10, 20000)), minutes_saved=float(rng.integers(1, 60)),
            other_benefit=float(rng.uniform(0, 2e5)),
            strategic=int(rng.integers(1, 6)), citizen=int(rng.integers(1, 6)),
            risk=int(rng.integers(1, 6)), legal=bool(rng.random() < 0.1),
        ) for i in range(n or 0)]
    rows = [{"id": f"N-{i:04d}", "department": department or DEPARTMENTS[i % len(DEPARTMENTS)],
             **row} for i, row in enumerate(rows)]
    return needs_frame(rows, description="Beskrivning.", citizen=3, risk=3)


KEYS = [c.key for c in load_criteria()]


def test_result_columns_and_contributions_sum_to_score():
    result = rank(make_needs(n=40))
    table = result.table
    expected = ["id", "department", "title", "rank", "score",
                *[f"contrib_{k}" for k in KEYS], "rank_change", "imputed"]
    assert list(table.columns) == expected
    contrib = table[[f"contrib_{k}" for k in KEYS]].sum(axis=1)
    np.testing.assert_allclose(contrib, table["score"], rtol=1e-12)
    assert table["rank"].is_monotonic_increasing and table["rank"].iloc[0] == 1
    assert table["score"].is_monotonic_decreasing
    assert list(result.excluded.columns) == ["id", "reason"]


def test_criterion_values_follow_the_configuration():
    needs = make_needs([dict(id="A", investment=200000.0, running_cost=10000.0, cases_per_year=600.0,
                             minutes_saved=10.0, other_benefit=0.0, strategic=5, citizen=1, risk=2,
                             legal=True)])
    matrix, directions, excluded = decision_matrix(needs, load_criteria())
    row = dict(zip(KEYS, matrix[0]))
    assert row["nytta"] == pytest.approx(annual_benefit(needs).iloc[0])
    assert row["kostnad"] == 200000 + 10000 * criteria_mod.calculation_years()
    assert (row["strategi"], row["medborgare"], row["risk"], row["lagkrav"]) == (5, 1, 2, 1)
    assert row["koncernnytta"] == 1
    assert directions.tolist() == [1, -1, 1, 1, -1, 1, 1]
    assert excluded.empty
    ranker = Ranker(needs)
    u = dict(zip(KEYS, ranker.utilities[0]))
    assert u["strategi"] == 1.0 and u["medborgare"] == 0.0 and u["risk"] == 0.75
    nytta = next(c for c in load_criteria() if c.key == "nytta")
    expected = np.log10(row["nytta"] / nytta.lower) / np.log10(nytta.upper / nytta.lower)
    assert u["nytta"] == pytest.approx(expected)


def test_missing_values_exclude_or_use_a_visible_neutral_value():
    needs = make_needs([
        dict(id="OK"),
        dict(id="NO-COST", investment=np.nan),
        dict(id="NO-BENEFIT", cases_per_year=np.nan, other_benefit=np.nan),
        dict(id="NO-RATING", strategic=pd.NA, legal=pd.NA),
    ], department="Miljöförvaltningen")
    result = rank(needs)
    table, excluded = result.table, result.excluded.set_index("id")["reason"]
    assert set(excluded.index) == {"NO-COST", "NO-BENEFIT"}
    assert "Kostnad" in excluded["NO-COST"] and "Ekonomisk nytta" in excluded["NO-BENEFIT"]
    assert set(table["id"]) == {"OK", "NO-RATING"}
    imputed = table.set_index("id")["imputed"]
    assert imputed["OK"] == ""
    assert "Strategisk betydelse" in imputed["NO-RATING"] and "Lagkrav" in imputed["NO-RATING"]
    # The neutral rating 3 is used, exactly like a need that states 3.
    scores = table.set_index("id")["score"]
    assert scores["NO-RATING"] == pytest.approx(scores["OK"])


def test_adding_a_need_does_not_change_other_scores_under_weighted_sum():
    needs = make_needs(n=30, seed=3)
    before = rank(needs).table.set_index("id")["score"]
    extreme = make_needs([dict(id="NEW", investment=5e7, other_benefit=9e6, strategic=5, citizen=5,
                               risk=1, legal=True)])
    after = rank(pd.concat([needs, extreme], ignore_index=True)).table.set_index("id")["score"]
    pd.testing.assert_series_equal(after.drop("NEW").loc[before.index], before)


def test_topsis_method_matches_kernel_and_contributions_sum():
    needs = make_needs(n=25, seed=4)
    ranker = Ranker(needs)
    table = ranker.rank(method="topsis").table
    w = ranker.weight_vector()
    kernel = pd.Series(topsis(ranker.matrix, w, ranker.directions), index=ranker.ids)
    np.testing.assert_allclose(table["score"], kernel.loc[table["id"]].to_numpy(), rtol=1e-12)
    contrib = table[[f"contrib_{k}" for k in KEYS]].sum(axis=1)
    np.testing.assert_allclose(contrib, table["score"], rtol=1e-10)


def test_rank_change_against_reference():
    needs = make_needs(n=20, seed=5)
    ranker = Ranker(needs)
    first = ranker.rank(preset="Ekonomi först")
    second = ranker.rank(preset="Medborgaren först", reference=first)
    merged = second.table.merge(first.table[["id", "rank"]], on="id", suffixes=("", "_ref"))
    assert (merged["rank_change"] == merged["rank_ref"] - merged["rank"]).all()
    series_ref = pd.Series({"N-0000": 1})
    third = ranker.rank(reference=series_ref).table.set_index("id")["rank_change"]
    assert third.isna().sum() == 19
    assert third["N-0000"] == 1 - ranker.rank().table.set_index("id").loc["N-0000", "rank"]


def test_koncernnytta_series_raises_shared_needs():
    needs = make_needs([dict(id="A"), dict(id="B")], department="Miljöförvaltningen")
    plain = rank(needs).table.set_index("id")["score"]
    assert plain["A"] == plain["B"]
    shared = rank(needs, koncernnytta=pd.Series({"A": 5, "B": 1})).table.set_index("id")
    assert shared.loc["A", "rank"] == 1 and shared.loc["B", "rank"] == 2
    assert shared.loc["A", "contrib_koncernnytta"] > 0 == shared.loc["B", "contrib_koncernnytta"]


def test_weights_presets_and_errors():
    needs = make_needs(n=10)
    only_citizen = rank(needs, weights={"medborgare": 1}).table.set_index("id")
    assert (only_citizen["score"] == only_citizen["contrib_medborgare"]).all()
    with pytest.raises(WeightError):
        rank(needs, weights={"nytta": 1}, preset="Balanserad")
    with pytest.raises(WeightError, match="Okänt kriterium"):
        rank(needs, weights={"pengar": 1})
    with pytest.raises(ValueError):
        rank(needs, method="electre")
    assert rank(needs, preset="Balanserad").weights["koncernnytta"] == pytest.approx(0.15)


def test_equal_needs_share_a_rank():
    needs = make_needs([dict(id="A"), dict(id="B"), dict(id="C", strategic=5)],
                       department="Miljöförvaltningen")
    table = rank(needs).table
    assert table["rank"].tolist() == [1, 2, 2]


def test_explain_finds_the_triantaphyllou_sanchez_critical_change():
    needs = make_needs([
        dict(id="A", strategic=5, citizen=2),
        dict(id="B", strategic=2, citizen=5, risk=4),
    ])
    ranker = Ranker(needs)
    weights = {"strategi": 0.5, "medborgare": 0.3, "risk": 0.2}
    exp = ranker.explain("A", "B", weights)
    assert exp.score_a > exp.score_b
    assert exp.criteria.iloc[0]["criterion"] == "strategi"
    crit = exp.critical
    assert crit is not None and crit["feasible"]
    # Apply the change (others rescaled proportionally): A and B tie there and
    # swap just beyond it.
    def scores_with(share: float) -> pd.Series:
        others = {k: v for k, v in weights.items() if k != crit["criterion"]}
        total = sum(others.values())
        w = {k: v / total * (1 - share) for k, v in others.items()}
        w[crit["criterion"]] = share
        return ranker.rank(w).table.set_index("id")["score"]

    at = scores_with(crit["new_share"])
    assert at["A"] == pytest.approx(at["B"], abs=1e-12)
    step = 1e-6 * np.sign(crit["new_share"] - crit["weight"])
    beyond = scores_with(crit["new_share"] + step)
    assert beyond["B"] > beyond["A"]
    # No feasible single change is smaller (relative) than the critical one.
    feasible = exp.swaps[exp.swaps["feasible"]]
    assert abs(crit["relative"]) == pytest.approx(feasible["relative"].abs().min())
    text = exp.text()
    assert "A rankas före B" in text and "vikten för" in text


def test_explain_reports_none_when_a_need_dominates():
    needs = make_needs([dict(id="A", strategic=5, citizen=5, risk=1), dict(id="B")])
    exp = explain(Ranker(needs), "A", "B", {"strategi": 1, "medborgare": 1, "risk": 1})
    assert exp.critical is None
    assert "ingen" in exp.text()


def test_explain_from_result_matches_ranker():
    needs = make_needs(n=15, seed=9)
    ranker = Ranker(needs)
    result = ranker.rank(preset="Balanserad")
    table = result.table
    a, b = table["id"].iloc[0], table["id"].iloc[4]
    from_result = result.explain(a, b)
    from_ranker = explain(ranker, a, b, dict(result.weights))
    pd.testing.assert_frame_equal(from_result.swaps, from_ranker.swaps)
    # The result is frozen, and its table an ordinary frame for pandas operations.
    with pytest.raises(AttributeError):
        result.method = "topsis"  # type: ignore[misc]
    with pytest.raises(TypeError):
        result.weights["nytta"] = 1.0  # type: ignore[index]
    merged = table.merge(table[["id", "rank"]], on="id", suffixes=("", "_again"))
    assert len(merged) == len(table) and len(pd.concat([table, table.head(2)])) == len(table) + 2
    with pytest.raises(KeyError):
        result.explain(a, "nope")
