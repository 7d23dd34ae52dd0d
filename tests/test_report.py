"""The report pipeline end to end: papermill → HTML → PDF (chromium) → Excel.

Builds are real (a kernel, nbconvert and Debian's chromium), so they are
marked ``browser``; a small plan set keeps most of them to a few seconds, and
one build runs on the bundled sample.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from kstad_analysis import paths, report, store
from kstad_analysis.report import ReportError
from kstad_analysis.scenario import Scenario
from tests.plans import write_csv
from tests.test_report_content import INJECTION, small_rows

pytestmark = pytest.mark.browser

#: Any absolute http(s) URL in an attribute or CSS url(), written independently
#: of ``report.external_references`` so the two check each other.
HTTP_RESOURCE = re.compile(
    r"""(?:src|href|srcset|poster|action)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//"""
    r"""|@import\s+["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def pdf_text(path: Path) -> str:
    """The PDF's text, folded (see ``fold``)."""
    return fold("\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages))


def fold(text: str) -> str:
    """Compare text as printed: NFKC, whitespace collapsed, and "e- arkivet"
    (a line broken after a hyphen) equal to "e-arkivet" on both sides."""
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    return re.sub(r"(?<=\w)- (?=\w)", "-", text)


def strip_built(html: str, built: str) -> str:
    """Drop the build time: in the colophon (full) and the subtitle (its date)."""
    return html.replace(built, "<BYGGD>").replace(f"byggd {built[:10]}", "byggd <DATUM>")


@pytest.fixture(scope="module")
def plans_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report-plans")
    write_csv(folder / "plan.csv", small_rows())
    return folder


@dataclass
class Built:
    """A report built by ``kstad report`` in a subprocess, as a user builds it."""

    out: Path
    store: Path
    stdout: str
    stderr: str

    def __post_init__(self) -> None:
        self.html, self.pdf = self.out / "rapport.html", self.out / "rapport.pdf"
        self.xlsx, self.notebook = self.out / "rapport.xlsx", self.out / "rapport.ipynb"
        self.numbers = json.loads((self.out / "siffror.json").read_text(encoding="utf-8"))


SCENARIO = "Förslag 2027"


@pytest.fixture(scope="module")
def built(plans_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    lager, out = tmp_path_factory.mktemp("lager"), tmp_path_factory.mktemp("rapport")
    store.Store(lager).save_scenario(Scenario(
        name=SCENARIO, budget=600_000, preset="Ekonomi först", author="Ekonomichefen",
        note="Förslag till <b>nämnden</b>",
        # not "now": the build starts within the same second, and strip_built
        # would then blank the saved time too in one report but not the other
        created="2027-01-15T08:00:00+00:00"))
    done = subprocess.run(
        [sys.executable, "-m", "kstad_analysis.cli", "report", "--scenario", SCENARIO,
         "--data", str(plans_dir), "--store", str(lager), "--out", str(out),
         "--samples", "300", "--seed", "3"],
        capture_output=True, text=True, cwd=paths.REPO_DIR, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return Built(out, lager, done.stdout, done.stderr)


def test_the_command_writes_four_files_and_shows_progress(built):
    written = [Path(line) for line in built.stdout.splitlines()]
    assert [p.name for p in written] == ["rapport.html", "rapport.pdf", "rapport.xlsx", "rapport.ipynb"]
    assert all(p.parent == built.out and p.stat().st_size > 0 for p in written)
    for stage in ("Läser scenario och planer", "Kör rapportens notebook", "Skapar HTML utan kod",
                  "Kontrollerar att HTML-filen är fristående", "Skriver PDF", "Rapporten är klar"):
        assert stage in built.stderr
    # the kernel's own chatter stays out of the terminal
    assert "Traceback" not in built.stderr and "KeyboardInterrupt" not in built.stderr


def test_the_saved_scenario_is_reported(built):
    html = built.html.read_text(encoding="utf-8")
    assert SCENARIO in html and "Ekonomichefen" in html and "Ekonomi först" in html
    assert "Förslag till &lt;b&gt;nämnden&lt;/b&gt;" in html
    assert built.numbers["scenario"] == SCENARIO


def test_html_is_self_contained_and_has_no_code(built):
    html = built.html.read_text(encoding="utf-8")
    assert HTTP_RESOURCE.search(html) is None
    assert report.external_references(html) == []
    assert "<script" not in html.lower()
    assert "report.prepare" not in html and "import " not in html
    assert "<svg" in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for heading in ("1. Förslag till beslut", "2. Ekonomiska konsekvenser",
                    "3. Pågående initiativ och nyttorealisering", "4. Bastjänster", "5. Robusthet",
                    "6. Datakvalitet", "7. Bilagor", "Effekthemtagning", "Kolofon"):
        assert heading in html


def test_html_renders_offline_without_requests(built, page):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(built.html.as_uri())
    assert page.locator("figure.kstad-chart svg").count() >= 3
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    assert page.console_errors == []


def test_pdf_has_pages_and_the_funded_titles(built):
    reader = PdfReader(str(built.pdf))
    assert len(reader.pages) >= 2
    text = pdf_text(built.pdf)
    titles = {"A-1": "Digital signering av avtal", "B-1": "Digital signering av beslut",
              "B-2": "<script>alert(1)</script>", "C-2": "Chattbot för invånare",
              "A-3": "Schemaläggning i skolan", "A-2": INJECTION}
    funded = built.numbers["funded_ids"]
    assert funded
    for need_id in funded:
        assert fold(titles[need_id]) in text, need_id
    assert re.search(r"1 / \d+", text)  # the page-number footer


def test_xlsx_opens_and_holds_no_formula(built):
    book = load_workbook(built.xlsx)
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}"
                texts.append(cell.value)
    assert "'" + INJECTION in texts


def test_executed_notebook_keeps_the_parameters(built):
    nb = nbformat.read(built.notebook, as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    values = dict(line.split(" = ", 1) for line in injected[0].source.splitlines() if " = " in line)
    assert ast.literal_eval(values["scenario_name"]) == SCENARIO
    assert ast.literal_eval(values["budget"]) == -1.0  # the scenario's own budget is used
    assert all(not any(o.get("output_type") == "error" for o in c.get("outputs", []))
               for c in nb.cells if c.cell_type == "code")


def test_same_scenario_and_data_give_the_same_report(built, plans_dir, tmp_path):
    """Rebuilt in this process (another hash seed than the command's) without PDF."""
    again = report.build_report(tmp_path, scenario_name=SCENARIO, data_paths=[plans_dir],
                                store_dir=built.store, samples=300, seed=3, pdf=False,
                                show_progress=False, built="2031-05-05T05:05:05+00:00")
    first, second = dict(built.numbers), dict(again.numbers)
    assert first.pop("built") != second.pop("built")
    assert first == second
    html1 = strip_built(built.html.read_text(encoding="utf-8"), built.numbers["built"])
    html2 = strip_built(again.html.read_text(encoding="utf-8"), again.numbers["built"])
    assert html1 == html2


def test_progress_is_shown(plans_dir, tmp_path, capfd):
    with pytest.raises(ReportError, match="finns inte"):
        report.build_report(tmp_path / "out", scenario_name="Saknas", data_paths=[plans_dir],
                            store_dir=tmp_path)
    assert "Läser scenario och planer" in capfd.readouterr().err
    assert not (tmp_path / "out").exists()


def test_full_report_on_the_sample(tmp_path):
    result = report.build_report(tmp_path, budget=15_000_000, samples=1000,
                                 store_dir=tmp_path / "store")
    summary = result.numbers["summary"]
    assert summary["needs"] >= 150 and 0 < summary["funded"] < summary["needs"]
    assert summary["funded_cost"] <= 15_000_000
    text = pdf_text(result.pdf)
    needs = json.loads(json.dumps(result.numbers))["funded_ids"]
    from kstad_analysis.intake import read_plans

    titles = read_plans([paths.raw_dir()]).needs.set_index("id")["title"]
    missing = [i for i in needs if fold(str(titles[i])) not in text]
    assert missing == []
    assert report.external_references(result.html.read_text(encoding="utf-8")) == []


def test_plan_text_that_looks_like_markup_does_not_stop_the_report(tmp_path):
    from tests.test_report_content import HOSTILE_TEXTS

    rows = small_rows()
    rows[0]["Titel"], rows[0]["Beskrivning"] = HOSTILE_TEXTS[0], " ".join(HOSTILE_TEXTS)
    rows[7]["Titel"] = "Lagring av data = 2 TB"
    (tmp_path / "plans").mkdir()
    write_csv(tmp_path / "plans" / "plan.csv", rows)
    result = report.build_report(tmp_path / "out", budget=600_000, samples=100,
                                 data_paths=[tmp_path / "plans"], store_dir=tmp_path / "store",
                                 show_progress=False)
    html = result.html.read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "Lagring av data = 2 TB" in html
    assert report.external_references(html) == []
    assert HTTP_RESOURCE.search(html) is None
    assert result.pdf is not None and result.pdf.stat().st_size > 0


def test_page_is_the_notebooks_html_outputs_only(tmp_path):
    """Without nbconvert: code, markdown notes and stray text output (a warning
    on stderr) stay in the notebook; the HTML outputs make the page, in order."""
    nb = {"cells": [
        {"cell_type": "markdown", "source": ["<!-- anteckning -->"], "metadata": {}},
        {"cell_type": "code", "source": ["import os"], "metadata": {}, "outputs": [
            {"output_type": "stream", "name": "stderr", "text": ["UserWarning: x\n"]}]},
        {"cell_type": "code", "source": ["display(HTML(a))"], "metadata": {}, "outputs": [
            {"output_type": "display_data", "data": {"text/html": ["<h2>1. ", "Förslag</h2>"],
                                                     "text/plain": ["<HTML>"]}, "metadata": {}}]},
        {"cell_type": "code", "source": ["b"], "metadata": {}, "execution_count": 3, "outputs": [
            {"output_type": "execute_result", "data": {"text/html": "<p>&lt;b&gt;</p>"},
             "metadata": {}, "execution_count": 3}]},
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "rapport.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    page = report.notebook_to_html(path, "Titel <x>")
    body = page.split('<main class="kstad-report">', 1)[1].split("</main>", 1)[0]
    assert body.strip() == "<h2>1. Förslag</h2>\n<p>&lt;b&gt;</p>"
    assert "<title>Titel &lt;x&gt;</title>" in page and '<html lang="sv">' in page
    assert "UserWarning" not in page and "anteckning" not in page and "import os" not in page
    (tmp_path / "trasig.ipynb").write_text("{", encoding="utf-8")
    with pytest.raises(report.ReportError):
        report.notebook_to_html(tmp_path / "trasig.ipynb", "x")
