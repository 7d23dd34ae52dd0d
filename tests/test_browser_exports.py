"""The Budget and Effekthemtagning apps' exports, downloaded in real Chromium.

A budget meeting works in the apps, so what it decides must leave them as
files: each test opens the app in Voila, clicks the Excel and the PDF export
(``kstad_analysis.ui.exports``), clicks the download link the app then
shows and captures the file with Playwright's ``expect_download``. The
files are checked as files, not as widget state: openpyxl opens the
workbook (Swedish headers, the funded needs as "ja"), pdftotext reads the
PDF (page 1 is "Förslag till beslut" with the same funded count as the
app). Effekthemtagning exports a saved scenario's portfolio, computed here
again in-process with the same chain.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kstad_analysis import store
from kstad_analysis.i18n import t
from kstad_analysis.scenario import Scenario
from tests.conftest import VoilaServer, open_app, screenshot

pytestmark = pytest.mark.browser

BUDGET, EFFECT = "03_budget.ipynb", "04_effekthemtagning.ipynb"
BUDGET_READY = ".kstad-portfolio tbody tr"
EFFECT_READY = ".kstad-realisation tbody tr"
SCENARIO = "Exporttest 15 mnkr"
#: A PDF export is a whole report build in the app's kernel.
PDF_TIMEOUT_MS = 300_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[VoilaServer, Path]]:
    """A Voila server whose store holds one saved scenario (Effekthemtagning
    exports a saved scenario's portfolio); the session's shared server and
    store are left alone."""
    store_dir = tmp_path_factory.mktemp("export-store")
    store.Store(store_dir).save_scenario(Scenario(name=SCENARIO, budget=15_000_000.0))
    srv = VoilaServer(store_dir)
    yield srv, store_dir
    srv.stop()


def _download(page, button: str, suffix: str, into: Path, timeout_ms: int) -> Path:
    """Click an export button, wait for the app's download link to the new
    file (``download`` ending in ``suffix``; the panel shows one link, the
    last export's) or its error, click the link and save what the browser
    downloads."""
    panel = page.locator(".kstad-export").first
    panel.locator(button).click()
    wanted = f"a.kstad-download-link[download$='{suffix}'][href^='data:']"
    page.wait_for_selector(f".kstad-export .kstad-export-link :is({wanted}, .kstad-error)",
                           timeout=timeout_ms)
    error = panel.locator(".kstad-export-link .kstad-error")
    assert error.count() == 0, error.first.inner_text()
    with page.expect_download(timeout=60_000) as info:
        panel.locator(wanted).click()
    download = info.value
    assert download.suggested_filename.endswith(suffix)
    target = into / download.suggested_filename
    download.save_as(str(target))
    return target


def _pdf_page(pdf: Path, number: int) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext saknas: apt-get install poppler-utils"
    return subprocess.run([tool, "-f", str(number), "-l", str(number), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def _funded_in_pdf(pdf: Path) -> tuple[int, int]:
    first = " ".join(_pdf_page(pdf, 1).split())
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert "1. Förslag till beslut" in first and "Kommunstyrelsen föreslås besluta" in first
    found = re.search(r"att finansiera (\d+) av (\d+) digitaliseringsbehov", first)
    assert found, first[:600]
    return int(found.group(1)), int(found.group(2))


def _portfolio_sheet(xlsx: Path) -> tuple[list[str], dict[str, str]]:
    """Headers and ID → Finansieras of the workbook's portfolio sheet."""
    book = load_workbook(xlsx)
    sheet = book[t("export.sheet.portfolio")]
    header = [c.value for c in sheet[1]]
    ids, funded = header.index(t("col.id")), header.index(t("report.col.funded"))
    rows = {str(r[ids]): str(r[funded]) for r in sheet.iter_rows(min_row=2, values_only=True)
            if r[ids] is not None}
    assert t("export.sheet.about") in book.sheetnames  # settings, date, data fingerprint
    return header, rows


def _assert_swedish(header: list[str]) -> None:
    assert {"ID", "Titel", "Förvaltning", "Finansieras", "Motivering"} <= set(header), header
    assert not any(re.fullmatch(r"[a-z_]+", str(h)) for h in header), header  # no raw column keys


def test_budget_app_exports_the_shown_portfolio_as_excel_and_pdf(page, server, tmp_path):
    srv, _ = server
    open_app(page, srv, BUDGET, BUDGET_READY)
    # the funded needs' table (the bastjänster chosen follow in a second one)
    shown = set(page.eval_on_selector_all(".kstad-portfolio table:first-of-type tbody tr[data-id]",
                                          "els => els.map(e => e.dataset.id)"))
    caption = re.search(r"(\d+) av (\d+) behov tillgodoses", page.inner_text(".kstad-portfolio"))
    assert shown and caption and int(caption.group(1)) == len(shown)
    xlsx = _download(page, ".kstad-export-excel", ".xlsx", tmp_path, 120_000)
    header, rows = _portfolio_sheet(xlsx)
    _assert_swedish(header)
    assert set(rows.values()) == {"ja", "nej"}
    assert {i for i, v in rows.items() if v == "ja"} == shown
    pdf = _download(page, ".kstad-export-pdf", ".pdf", tmp_path, PDF_TIMEOUT_MS)
    funded, total = _funded_in_pdf(pdf)
    assert (funded, total) == (len(shown), len(rows)) == (len(shown), int(caption.group(2)))
    screenshot(page, "03_budget_export")


def test_effekthemtagning_exports_the_saved_scenarios_portfolio(page, server, tmp_path):
    from kstad_analysis.analysis import Analysis, funded_ids, load_scenario
    from kstad_analysis.report import load_data

    srv, store_dir = server
    open_app(page, srv, EFFECT, EFFECT_READY)
    assert page.locator(".kstad-export-scenario select").input_value() == SCENARIO
    # the same chain in-process: the scenario's portfolio, not all needs
    scenario = load_scenario(SCENARIO, store_dir)
    analysis = Analysis.build(load_data(), scenario, store_dir)  # the bundled sample, as the app
    expected = set(funded_ids(analysis.portfolio(reasons=False)))
    assert 0 < len(expected) < len(analysis.needs)

    xlsx = _download(page, ".kstad-export-excel", ".xlsx", tmp_path, 120_000)
    header, rows = _portfolio_sheet(xlsx)
    _assert_swedish(header)
    assert {i for i, v in rows.items() if v == "ja"} == expected
    book = load_workbook(xlsx)
    effect = book[t("export.sheet.effect")]
    effect_header = [c.value for c in effect[1]]
    assert {"Förvaltning", "År"} <= set(effect_header), effect_header
    departments = {str(r[0]) for r in effect.iter_rows(min_row=2, values_only=True) if r[0]}
    funded_departments = set(analysis.needs.loc[analysis.needs["id"].astype(str).isin(expected),
                                                "department"].astype(str))
    assert departments and departments <= funded_departments
    settings = {str(r[0]): r[1] for r in book[t("export.sheet.about")].iter_rows(values_only=True)}
    assert any(str(v) == SCENARIO for v in settings.values()), settings

    pdf = _download(page, ".kstad-export-pdf", ".pdf", tmp_path, PDF_TIMEOUT_MS)
    funded, total = _funded_in_pdf(pdf)
    assert (funded, total) == (len(expected), len(analysis.needs))
    screenshot(page, "04_effekthemtagning_export")
