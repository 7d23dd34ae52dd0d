"""Planned vs realised: flags with a fixed ``today``, per förvaltning, intake checks."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

from kstad_analysis import schema, tracking
from kstad_analysis.intake import read_plans

TODAY = dt.date(2027, 6, 1)


def make_register(rows: list[tuple]) -> pd.DataFrame:
    """Register rows (id, type, year, planned, realised) in ``Plans.register`` format."""
    frame = pd.DataFrame([{
        "id": rid, "benefit": f"Nytta {rid}", "benefit_type": kind, "realiser": "Enhetschef",
        "measurer": "Controller", "metric": "kr", "baseline": np.nan, "target": np.nan,
        "year": year, "planned": planned, "realised": realised,
        "measured_on": dt.date(year + 1, 2, 1) if not pd.isna(realised) else None,
        "source_file": "plan.xlsx", "source_row": i + 2,
    } for i, (rid, kind, year, planned, realised) in enumerate(rows)])
    for key in ("baseline", "target", "planned", "realised"):
        frame[key] = frame[key].astype("float64")
    frame["year"] = frame["year"].astype("Int64")
    return frame


REGISTER = [
    ("A", "finansiell", 2025, 100.0, 90.0),      # 90 % → on plan
    ("A", "finansiell", 2026, 200.0, np.nan),    # ended 2026, due 2027-03-31 → overdue
    ("B", "omfördelning", 2026, 100.0, 50.0),    # 50 % → under plan
    ("B", "omfördelning", 2027, 100.0, np.nan),  # current year → not due
    ("C", "finansiell", 2026, 100.0, 100.0),     # two benefits, one unmeasured
    ("C", "omfördelning", 2026, 100.0, np.nan),
]


def row(frame: pd.DataFrame, rid: str, year: int) -> pd.Series:
    hit = frame[(frame["id"] == rid) & (frame["year"] == year)]
    assert len(hit) == 1
    return hit.iloc[0]


def test_realisation_flags_with_fixed_today():
    out = tracking.realisation(make_register(REGISTER), today=TODAY, threshold=0.8,
                               grace_months=3)
    assert len(out) == 5
    a25, a26 = row(out, "A", 2025), row(out, "A", 2026)
    assert a25["rate"] == pytest.approx(0.9) and a25["flags"] == ""
    assert a26["overdue"] and a26["flags"] == "försenad" and math.isnan(a26["realised"])
    b26, b27 = row(out, "B", 2026), row(out, "B", 2027)
    assert b26["below_plan"] and not b26["overdue"] and b26["flags"] == "under plan"
    assert not b27["overdue"] and not b27["below_plan"] and b27["flags"] == ""
    c26 = row(out, "C", 2026)
    assert (c26["planned"], c26["realised"], c26["planned_measured"]) == (200, 100, 100)
    assert c26["rate"] == pytest.approx(1.0) and c26["unmeasured"] == 1
    assert c26["overdue"] and c26["flags"] == "försenad"
    assert a25["realiser"] == "Enhetschef" and a25["measured_on"] == dt.date(2026, 2, 1)


def test_grace_period_delays_overdue():
    register = make_register(REGISTER)
    early = tracking.realisation(register, today=dt.date(2027, 3, 15), grace_months=3)
    assert not row(early, "A", 2026)["overdue"]
    strict = tracking.realisation(register, today=dt.date(2027, 1, 2), grace_months=0)
    assert row(strict, "A", 2026)["overdue"]


def test_due_date():
    assert tracking.due_date(2026, 0) == dt.date(2026, 12, 31)
    assert tracking.due_date(2026, 3) == dt.date(2027, 3, 31)
    assert tracking.due_date(2026, 14) == dt.date(2028, 2, 29)


def test_threshold_is_configurable():
    register = make_register(REGISTER)
    assert not row(tracking.realisation(register, TODAY, threshold=0.4), "B", 2026)["below_plan"]
    assert row(tracking.realisation(register, TODAY, threshold=0.95), "A", 2025)["below_plan"]


def test_default_settings_come_from_config():
    threshold, grace = tracking.tracking_settings()
    assert 0 < threshold <= 1 and grace >= 0
    out = tracking.realisation(make_register(REGISTER), today=TODAY)
    assert row(out, "B", 2026)["below_plan"] == (0.5 < threshold)


def test_zero_plan_gives_no_rate():
    out = tracking.realisation(make_register([("A", "finansiell", 2025, 0.0, 10.0)]), TODAY)
    assert math.isnan(out.loc[0, "rate"]) and not out.loc[0, "below_plan"]


def test_by_department():
    needs = pd.DataFrame({"id": ["A", "B", "C"], "department": ["X", "X", "Y"]})
    out = tracking.by_department(make_register(REGISTER), needs, today=TODAY, threshold=0.8,
                                 grace_months=3).set_index("department")
    # X: planned 100+200+100+100 = 500, due (2025, 2026) 400; measured rows A25 and B26:
    #    realised 90 + 50 = 140 over planned 200 → 0.70
    assert out.loc["X", "planned"] == 500 and out.loc["X", "planned_due"] == 400
    assert out.loc["X", "realised"] == 140
    assert out.loc["X", "rate"] == pytest.approx(0.70)
    assert out.loc["X", "overdue_count"] == 1 and out.loc["X", "below_plan_count"] == 1
    assert out.loc["X", "initiatives"] == 2
    assert out.loc["Y", "rate"] == pytest.approx(1.0) and out.loc["Y", "overdue_count"] == 1


def test_empty_register():
    empty = make_register([("A", "finansiell", 2025, 1.0, 1.0)]).iloc[0:0]
    assert tracking.realisation(empty, TODAY).empty
    assert tracking.by_department(empty, pd.DataFrame({"id": [], "department": []}), TODAY).empty


# ---------------------------------------------------------------- register from a workbook


NEED = {
    "id": "MF-001", "department": "Miljöförvaltningen", "title": "E-tjänst för tillsyn",
    "description": "Ansökan om tillstånd digitalt.", "investment": 200000,
    "running_cost": 20000, "cases_per_year": 800, "minutes_saved": 20, "other_benefit": 5000,
    "strategic": 3, "citizen": 4, "risk": 2, "legal": "nej", "start_year": 2025,
}


def write_plan(path: Path, register_rows: list[dict]) -> Path:
    """A workbook with one need and an Uppföljning sheet, Swedish headers from schema."""
    book = Workbook()
    needs = book.active
    needs.title = schema.NEEDS_SHEET
    needs.append([c.header for c in schema.NEED_COLUMNS])
    needs.append([NEED.get(c.key) for c in schema.NEED_COLUMNS])
    register = book.create_sheet(schema.REGISTER_SHEET)
    register.append([c.header for c in schema.REGISTER_COLUMNS])
    for values in register_rows:
        register.append([values.get(c.key) for c in schema.REGISTER_COLUMNS])
    book.save(path)
    return path


GOOD = {"id": "MF-001", "benefit": "Mindre handläggningstid", "benefit_type": "omfördelning",
        "realiser": "Enhetschef tillsyn", "measurer": "Controller", "metric": "timmar",
        "baseline": 1200, "target": 800, "year": 2026, "planned": 60000, "realised": 42000,
        "measured_on": "2027-02-10"}


def test_register_from_workbook_feeds_realisation(tmp_path):
    plans = read_plans([write_plan(tmp_path / "plan.xlsx", [GOOD, {**GOOD, "year": 2027,
                                                                    "realised": None}])])
    assert plans.ok, [str(p) for p in plans.errors]
    out = tracking.realisation(plans.register, today=TODAY, threshold=0.8, grace_months=3)
    assert list(out["year"]) == [2026, 2027]
    assert out.loc[0, "rate"] == pytest.approx(0.7) and out.loc[0, "below_plan"]
    assert out.loc[0, "measured_on"] == dt.date(2027, 2, 10)
    dept = tracking.by_department(plans.register, plans.needs, today=TODAY)
    assert dept.loc[0, "department"] == "Miljöförvaltningen"


def test_bad_register_sheet_reports_file_sheet_row_column(tmp_path, monkeypatch):
    monkeypatch.setenv("KSTAD_LANG", "sv")
    path = write_plan(tmp_path / "plan.xlsx", [
        GOOD,
        {**GOOD, "benefit_type": "besparing"},          # row 3: not a valid choice
        {**GOOD, "year": "tjugo", "planned": None},     # row 4: bad year, missing plan
        {**GOOD, "id": "XX-999"},                       # row 5: unknown need
        {**GOOD, "realised": -5, "measured_on": "igår"},  # row 6: negative, bad date
    ])
    plans = read_plans([path])
    assert not plans.ok
    found = {(p.sheet, p.row, p.column) for p in plans.errors}
    expected = {
        ("Uppföljning", 3, "Nyttotyp"), ("Uppföljning", 4, "År"),
        ("Uppföljning", 4, "Planerad nytta (kr)"), ("Uppföljning", 5, "ID"),
        ("Uppföljning", 6, "Realiserad nytta (kr)"), ("Uppföljning", 6, "Mätdatum"),
    }
    assert expected <= found
    assert all(p.file == str(path) for p in plans.errors)
    text = "\n".join(str(p) for p in plans.errors)
    assert "flik Uppföljning" in text and "rad 4" in text and "kolumn Nyttotyp" in text


def test_by_initiative_over_all_years_hand_computed():
    out = tracking.by_initiative(make_register(REGISTER), today=TODAY, threshold=0.8,
                                 grace_months=3).set_index("id")
    # A: 90 of 100 measured (2026 not measured, overdue); B: 50 of 100; C: 100 of 100
    assert out.loc["A", ["years", "planned", "planned_due", "realised"]].tolist() == [2, 300, 300, 90]
    assert out.loc["A", "rate"] == pytest.approx(0.9) and out.loc["A", "flags"] == tracking.FLAG_OVERDUE
    assert out.loc["B", "planned_due"] == 100 and out.loc["B", "rate"] == pytest.approx(0.5)
    assert out.loc["B", "flags"] == tracking.FLAG_BELOW_PLAN and out.loc["B", "overdue_years"] == 0
    assert out.loc["C", "years"] == 1 and out.loc["C", "rate"] == pytest.approx(1.0)
    assert out.loc["C", "overdue_years"] == 1


def test_by_initiative_empty_register():
    empty = make_register(REGISTER).iloc[0:0]
    assert tracking.by_initiative(empty, today=TODAY).empty
