"""Hostile plan files are refused or cleaned at intake, cheaply (issue 17, defects 1, 4, 10)."""

from __future__ import annotations

import csv
import dataclasses
import re
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from kstad_analysis import intake, intake_guard
from tests.plans import HEADERS, need_row, write_csv, write_xlsx

SHEET = "xl/worksheets/sheet1.xml"


def rewrite(path: Path, member: str, change) -> Path:
    """Rewrite one member of an xlsx (zip) archive with ``change(text) -> text``."""
    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in items:
            if info.filename == member:
                data = change(data.decode("utf-8")).encode("utf-8")
            archive.writestr(info.filename, data)
    return path


def peak_mib(run) -> tuple[object, float]:
    tracemalloc.start()
    try:
        result = run()
        return result, tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def errors(plans: intake.Plans) -> list[str]:
    return [p.message for p in plans.errors]


@pytest.fixture
def small_limits(monkeypatch):
    lim = dataclasses.replace(intake_guard.limits(), unpacked_bytes=2 * 2**20, rows=500, columns=50)
    monkeypatch.setattr(intake_guard, "limits", lambda: lim)
    return lim


def test_limits_come_from_the_config_file():
    lim = intake_guard.limits()
    assert (lim.file_bytes, lim.rows, lim.columns) == (20 * 2**20, 60_000, 200)


def test_declared_whole_sheet_dimension_is_ignored_and_the_plan_reads(tmp_path):
    path = write_xlsx(tmp_path / "dim.xlsx", [need_row("KLK-001"), need_row("KLK-002")])
    rewrite(path, SHEET, lambda x: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', x))
    assert path.stat().st_size < 10_000
    plans, peak = peak_mib(lambda: intake.read_plans([path]))
    assert plans.ok and plans.needs["id"].tolist() == ["KLK-001", "KLK-002"]
    assert peak < 40  # it built a 16,384 × 1,048,576 grid before (MemoryError)


def test_a_cell_in_the_last_row_or_column_is_refused_without_building_the_grid(tmp_path, small_limits):
    far_row = write_xlsx(tmp_path / "rad.xlsx", [need_row("KLK-001")])
    rewrite(far_row, SHEET, lambda x: x.replace(
        "</sheetData>",
        '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'))
    far_col = write_xlsx(tmp_path / "kolumn.xlsx", [need_row("KLK-002")])
    rewrite(far_col, SHEET, lambda x: x.replace(
        "</row>", '<c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>', 1))
    plans, peak = peak_mib(lambda: intake.read_plans([far_row, far_col]))
    assert errors(plans) == ["Fliken har fler än 500 rader; dela upp planen.",
                             "Rad 1 har fler än 50 kolumner."]
    assert peak < 40 and len(plans.needs) == 0


def test_deflate_bomb_is_refused_from_the_declared_sizes_before_unpacking(tmp_path, small_limits):
    path = write_xlsx(tmp_path / "bomb.xlsx", [need_row("KLK-001")])
    rewrite(path, SHEET, lambda x: x.replace("</worksheet>", " " * (8 * 2**20) + "</worksheet>"))
    assert path.stat().st_size < 100_000  # 8 MB of blanks deflate to a few KB
    plans, peak = peak_mib(lambda: intake.read_plans([path]))
    assert errors(plans) == ["Filen skulle bli 8,0 MB uppackad (högst 2,0 MB); den läses inte."]
    assert peak < 5


def test_too_large_and_too_many_parts_and_too_long_csv_are_refused(tmp_path, monkeypatch):
    lim = dataclasses.replace(intake_guard.limits(), file_bytes=200_000, members=5, rows=3)
    monkeypatch.setattr(intake_guard, "limits", lambda: lim)
    big = tmp_path / "stor.csv"
    big.write_text("ID;Titel\n" + "x;y\n" * 75_000, encoding="utf-8")
    parts = write_xlsx(tmp_path / "delar.xlsx", [need_row("KLK-001")])
    with zipfile.ZipFile(parts, "a") as archive:
        for k in range(6):
            archive.writestr(f"extra/{k}.xml", "<x/>")
    long = write_csv(tmp_path / "lang.csv", [need_row(f"KLK-{k:03d}") for k in range(5)])
    count = len(zipfile.ZipFile(parts).infolist())
    plans = intake.read_plans([big, parts, long])
    assert errors(plans) == [
        "Filen är för stor (0,3 MB, högst 0,2 MB).",
        f"Filen består av för många delar ({count}, högst 5); den läses inte.",
        "Fliken har fler än 3 rader; dela upp planen.",
    ]


def _csv(path: Path, rows: list[dict[str, object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADERS)
        writer.writerows([[row.get(h) for h in HEADERS] for row in rows])
    return path


def test_control_and_bidi_characters_are_removed_with_a_warning_naming_the_cell(tmp_path):
    path = _csv(tmp_path / "styr.csv", [
        need_row("KLK-001", Titel="E-arkiv\x00 med \x1b[31mröd\x1b[0m text\x0b"),
        need_row("KLK-002", Beskrivning="Rad ett\r\nRad två\tmed tab"),
        need_row("KLK-003", Titel="Faktura \u202egnirts\u202c och \u2066isolat\u2069 \u200fmärke"),
    ])
    plans = intake.read_plans([path])
    assert plans.ok, [str(p) for p in plans.errors]
    titles = plans.needs.set_index("id")["title"]
    assert titles["KLK-001"] == "E-arkiv med [31mröd[0m text"
    assert titles["KLK-003"] == "Faktura gnirts och isolat \u200fmärke"  # the RLM mark is kept
    assert plans.needs.set_index("id")["description"]["KLK-002"] == "Rad ett\nRad två\tmed tab"
    warnings = [(p.row, p.column, p.message) for p in plans.warnings if "styrtecken" in p.message]
    assert warnings == [
        (2, "C", "Cell C2 innehöll styrtecken eller riktningstecken (U+0000, U+000B, U+001B); "
                 "de togs bort."),
        (4, "C", "Cell C4 innehöll styrtecken eller riktningstecken (U+202C, U+202E, U+2066, "
                 "U+2069); de togs bort."),
    ]


def test_c1_controls_and_overrides_in_xlsx_strings_are_removed_too(tmp_path):
    # XML 1.0 cannot carry C0 controls (such a file is unreadable), but C1 ones (U+009B is the
    # 8-bit form of ESC [) and bidi overrides it can
    path = write_xlsx(tmp_path / "esc.xlsx", [need_row("KLK-001", Titel="A\u009b2JB \u202dC")])
    plans = intake.read_plans([path])
    assert plans.needs["title"].tolist() == ["A2JB C"]
    assert [p.message for p in plans.warnings if p.message.startswith("Cell C2")] == [
        "Cell C2 innehöll styrtecken eller riktningstecken (U+009B, U+202D); de togs bort."]


def test_cached_formula_values_are_used_and_said_to_be_used(tmp_path):
    path = write_xlsx(tmp_path / "formel.xlsx", [need_row("KLK-001", **{"Investering (kr)": "=1+1"})])
    rewrite(path, SHEET, lambda x: re.sub(r"<c r=\"F2\"([^>]*)><f>1\+1</f><v>\s*</v></c>",
                                          r'<c r="F2"\1><f>1+1</f><v>999</v></c>', x))
    plans = intake.read_plans([path])
    infos = [p.message for p in plans.problems if p.severity == "info" and "formler" in p.message]
    assert infos == ["1 celler har formler; kstad använder de värden Excel senast sparade "
                     "och räknar inte om."]
