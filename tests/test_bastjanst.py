"""Bastjänst candidates: the shared-build cost rule, worked by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from kstad_analysis import bastjanst
from kstad_analysis.shared_needs import SharedNeeds

PARAMS = {"min_forvaltningar": 3, "anslutning_per_forvaltning": 50_000,
          "drift_andel_per_forvaltning": 0.10, "ar": 5}


def shared(groups: list[tuple[str, tuple[str, ...], tuple[str, ...]]]) -> SharedNeeds:
    summary = pd.DataFrame([
        {"group_id": g, "label": f"etikett {g}", "size": len(ids), "n_departments": len(set(deps)),
         "departments": tuple(sorted(set(deps))), "cohesion": 0.5, "member_ids": ids}
        for g, ids, deps in groups
    ])
    return SharedNeeds(groups=pd.DataFrame(), summary=summary, threshold=0.2)


def frame(rows: list[tuple[str, str, float, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["id", "department", "investment", "running_cost"])


NEEDS = frame([("A-1", "A", 100_000, 10_000), ("B-1", "B", 200_000, 20_000),
               ("C-1", "C", 300_000, 30_000), ("D-1", "D", 50_000, 5_000),
               ("E-1", "E", 80_000, 8_000)])


def test_rule_worked_by_hand() -> None:
    result = bastjanst.candidates(shared([("G001", ("A-1", "B-1", "C-1"), ("A", "B", "C"))]),
                                  NEEDS, PARAMS)
    row = result.iloc[0]
    assert row["candidate_id"] == "B-G001" and row["member_ids"] == ("A-1", "B-1", "C-1")
    # 300 000 + 2 × 50 000 against 100 000 + 200 000 + 300 000
    assert row["shared_investment"] == 400_000 and row["separate_investment"] == 600_000
    assert row["saving_investment"] == 200_000
    # 30 000 × (1 + 0.1 × 2) against 60 000 per year
    assert row["shared_running"] == pytest.approx(36_000) and row["separate_running"] == 60_000
    assert row["saving_running"] == pytest.approx(24_000)
    assert row["saving"] == pytest.approx(200_000 + 5 * 24_000)
    assert not row["incomplete"] and row["missing"] == ()


def test_saving_split_by_department_sums_to_total() -> None:
    row = bastjanst.candidates(shared([("G001", ("A-1", "B-1", "C-1"), ("A", "B", "C"))]),
                               NEEDS, PARAMS).iloc[0]
    parts = dict(row["saving_by_department"])
    assert sum(parts.values()) == pytest.approx(row["saving"], abs=0.05)
    # A's separate cost 150 000 of 900 000 → one sixth of the saving
    assert parts["A"] == pytest.approx(row["saving"] / 6, abs=0.01)
    assert row["gaining_departments"] == ("A", "B", "C")


def test_groups_below_minimum_are_not_candidates_and_order_is_by_saving() -> None:
    groups = shared([("G001", ("A-1", "B-1", "C-1"), ("A", "B", "C")),
                     ("G002", ("D-1", "E-1"), ("D", "E")),
                     ("G003", ("D-1", "E-1", "A-1"), ("D", "E", "A"))])
    result = bastjanst.candidates(groups, NEEDS, PARAMS)
    assert result["group_id"].tolist() == ["G001", "G003"]
    assert result["saving"].is_monotonic_decreasing


def test_missing_cost_flags_candidate_and_never_counts_zero() -> None:
    needs = NEEDS.copy()
    needs.loc[needs["id"] == "B-1", "investment"] = float("nan")
    row = bastjanst.candidates(shared([("G001", ("A-1", "B-1", "C-1"), ("A", "B", "C"))]),
                               needs, PARAMS).iloc[0]
    assert row["incomplete"] and row["missing"] == ("B-1: investering",)
    assert math.isnan(row["separate_investment"]) and math.isnan(row["saving"])


def test_same_department_twice_pays_no_extra_onboarding() -> None:
    needs = pd.concat([NEEDS, frame([("A-2", "A", 120_000, 1_000)])])
    groups = shared([("G001", ("A-1", "A-2", "B-1", "C-1"), ("A", "A", "B", "C"))])
    row = bastjanst.candidates(groups, needs, PARAMS).iloc[0]
    assert row["n_departments"] == 3 and row["shared_investment"] == 400_000
    assert row["separate_investment"] == 720_000


def test_default_parameters_come_from_config() -> None:
    params = bastjanst.parameters()
    assert params["min_forvaltningar"] == 3 and params["ar"] >= 1
    assert {"anslutning_per_forvaltning", "drift_andel_per_forvaltning"} <= params.keys()


def test_unknown_member_is_an_error() -> None:
    with pytest.raises(ValueError, match="Z-9"):
        bastjanst.candidates(shared([("G001", ("A-1", "B-1", "Z-9"), ("A", "B", "Z"))]),
                             NEEDS, PARAMS)
