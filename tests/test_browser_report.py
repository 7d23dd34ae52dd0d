"""The decision document as printed and as read on screen, on the bundled sample.

One real build (kernel, nbconvert, Debian's chromium) with the PDF; the
pages are rendered with pdftoppm and read back, the HTML is checked with
axe-core (shipped inside the ``axe-playwright-python`` package, nothing
fetched) and at phone width.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from kstad_analysis import report
from kstad_analysis.formatting import mnkr
from tests.test_report import fold, pdf_text

pytestmark = pytest.mark.browser

SECTIONS = ("1. Förslag till beslut", "2. Ekonomiska konsekvenser",
            "3. Pågående initiativ och nyttorealisering", "4. Bastjänster", "5. Robusthet",
            "6. Datakvalitet", "7. Bilagor")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> report.ReportResult:
    out = tmp_path_factory.mktemp("beslut")
    return report.build_report(out, budget=15_000_000, samples=1000,
                               store_dir=tmp_path_factory.mktemp("store"), show_progress=False,
                               built="2027-03-01T09:00:00+01:00")


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} saknas: apt-get install poppler-utils (make chromium installerar det)"
    return path


def test_pdf_is_tagged_titled_swedish_and_has_an_outline(built):
    info = subprocess.run([_tool("pdfinfo"), str(built.pdf)], capture_output=True, text=True,
                          check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Tagged"].strip() == "yes"
    assert fields["Title"].strip().startswith("Budgetrunda")
    reader = PdfReader(str(built.pdf))
    assert reader.trailer["/Root"]["/Lang"] == "sv"
    titles = [fold(item.title) for item in _flat(reader.outline)]
    for heading in SECTIONS:
        assert any(t.startswith(fold(heading)) for t in titles), heading


def _flat(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _flat(item)
        else:
            yield item


def test_page_one_is_the_decision_with_the_samples_numbers(built, tmp_path):
    numbers = built.numbers
    d = numbers["decision"]
    first = fold(PdfReader(str(built.pdf)).pages[0].extract_text())
    assert "1. Förslag till beslut" in first and "Kommunstyrelsen föreslås besluta" in first
    for value in (d["investment_total"], d["running_full_per_year"], d["npv"]):
        assert fold(mnkr(value)) in first, mnkr(value)
    assert f"{numbers['summary']['funded']} av {numbers['summary']['needs']}" in first
    # the page as printed: pdftoppm renders it, and it is not blank
    subprocess.run([_tool("pdftoppm"), "-r", "40", "-gray", "-f", "1", "-l", "1", str(built.pdf),
                    str(tmp_path / "sida")], check=True)
    raw = next(tmp_path.glob("sida*.pgm")).read_bytes()  # P5, width height, 255, then pixels
    magic, width, height, depth, pixels = raw.split(maxsplit=4)
    assert magic == b"P5" and int(depth) == 255
    dark = sum(1 for v in pixels[: int(width) * int(height)] if v < 128)
    assert dark > 0.003 * int(width) * int(height)  # text, not an empty page


def _page_text(pdf: Path, number: int) -> str:
    return subprocess.run([_tool("pdftotext"), "-f", str(number), "-l", str(number), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_the_decision_fits_on_page_one(built):
    """Förslag till beslut ends on page 1 (its last sentence, after table 1.4,
    is there) and page 2 starts with section 2, not with rows left over."""
    from kstad_analysis.i18n import t

    first, second = fold(_page_text(built.pdf, 1)), _page_text(built.pdf, 2)
    assert first.startswith(fold("Budgetrunda"))
    end = fold(t("report.dec.see_details", sheet=t("report.sheet.portfolio")))
    assert end in first
    for caption in ("Tabell 1.1", "Tabell 1.2", "Tabell 1.3", "Tabell 1.4"):
        assert caption in first, caption
    lines = [line.strip() for line in second.splitlines() if line.strip()]
    assert lines[0] == "2. Ekonomiska konsekvenser", lines[:3]
    assert "Tabell 1." not in second and "Motivering" not in fold(second).split("Tabell 2.1")[0]


def test_every_section_is_in_the_pdf_in_order(built):
    text = pdf_text(built.pdf)
    positions = [text.find(fold(h)) for h in SECTIONS]
    assert all(p >= 0 for p in positions), dict(zip(SECTIONS, positions, strict=True))
    body = [text.find(fold(h), positions[0] + 1) for h in SECTIONS[1:]]
    assert body == sorted(body)
    assert fold("Driftbudget per år och nämnd") in text and fold("Årsarbetare") in text


def test_html_passes_axe_with_no_serious_violations(built, page):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(built.html.as_uri())
    results = Axe().run(page, options={"runOnly": {"type": "tag",
                                                   "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    serious = [(v["id"], v["help"], len(v["nodes"])) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert page.evaluate("document.documentElement.lang") == "sv"
    assert page.title().startswith("Budgetrunda")


def test_html_fits_a_phone_width_screen(built, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    try:
        phone = context.new_page()
        phone.goto(built.html.as_uri())
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        for heading in SECTIONS:
            assert phone.get_by_role("heading", name=heading, exact=False).count() >= 1, heading
    finally:
        context.close()


def test_siffror_json_matches_the_page(built):
    numbers = json.loads((built.out_dir / "siffror.json").read_text(encoding="utf-8"))
    html = built.html.read_text(encoding="utf-8")
    assert report.esc(mnkr(numbers["summary"]["npv"])) in html
    assert Path(built.xlsx).stat().st_size > 0
