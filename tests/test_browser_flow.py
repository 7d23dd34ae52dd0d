"""Issue 15 in real Chromium: numbers that never silently go wrong, one flow.

Each test acts like the förvaltningschef did: types Swedish numbers, ticks
"Budget per år", uploads a file in one app and opens the next through the
page's own links, saves a scenario and marks it as the decision.
"""

from __future__ import annotations

import re
import secrets

import pytest

from tests.conftest import open_app, screenshot
from tests.plans import need_row, write_xlsx

pytestmark = pytest.mark.browser

PRIO, BUDGET, EFFECT = "01_prioritering.ipynb", "03_budget.ipynb", "04_effekthemtagning.ipynb"
BUDGET_READY = ".kstad-portfolio tbody tr"


def _type(page, selector: str, text: str) -> None:
    box = page.locator(f"{selector} input")
    box.fill(text)
    box.press("Enter")


def test_swedish_numbers_in_the_budget_are_read_or_refused(page, voila_server):
    open_app(page, voila_server, BUDGET, BUDGET_READY)
    _type(page, ".kstad-budget-input-text", "30,5")
    page.wait_for_function("() => document.querySelector('.kstad-totals').innerText"
                           ".includes('30,50')", timeout=60_000)
    assert "30,5" in page.inner_text(".kstad-budget").replace("\u00a0", " ") or \
        "30,5" in page.inner_text(".kstad-slider")
    _type(page, ".kstad-budget-input-text", "tio")  # refused in Swedish, the budget stays
    page.wait_for_selector(".kstad-budget-input .kstad-error", timeout=30_000)
    assert "går inte att läsa som ett tal" in page.inner_text(".kstad-budget-input")
    assert "30,50" in page.inner_text(".kstad-totals")
    _type(page, ".kstad-budget-input-text", "500")  # above every known cost: kept and said
    page.wait_for_selector(".kstad-budget-note span", timeout=60_000)
    assert "större än alla kända investeringar" in page.inner_text(".kstad-budget-note")
    page.wait_for_function("() => document.querySelector('.kstad-totals').innerText"
                           ".includes('500,00')", timeout=60_000)
    # start years as years (2027), never "2 027"
    years = page.eval_on_selector_all(".kstad-portfolio tbody tr td:nth-child(6)",
                                      "tds => tds.map(td => td.innerText)")
    assert years and all(re.fullmatch(r"20\d\d|–", y.strip()) for y in years), years[:5]
    assert page.console_errors == []


def test_budget_per_year_starts_feasible_and_reads_decimal_commas(page, voila_server):
    open_app(page, voila_server, BUDGET, BUDGET_READY)
    page.click(".kstad-per-year-on input")
    page.wait_for_selector(".kstad-per-year", timeout=60_000)  # the per-year table appears
    totals = page.inner_text(".kstad-totals")
    assert "Ingen tillåten portfölj" not in totals and page.locator(".kstad-totals .kstad-error").count() == 0
    page.wait_for_selector(".kstad-year-2027-text input", timeout=30_000)
    _type(page, ".kstad-year-2027-text", "10,5")
    page.wait_for_function("() => document.querySelector('.kstad-per-year').innerText"
                           ".replace(/\\u00a0/g, ' ').includes('10 500 000 kr')", timeout=60_000)
    assert "105 000 000" not in page.inner_text(".kstad-per-year").replace("\u00a0", " ")
    page.wait_for_selector(".kstad-year-note .kstad-warning", timeout=30_000)  # checked against the total
    assert "totalbudgeten" in page.inner_text(".kstad-year-note")
    screenshot(page, "03_budget_per_year")
    assert page.console_errors == []


def test_slider_readouts_are_swedish_and_whole(page, voila_server):
    open_app(page, voila_server, PRIO, ".kstad-ranking tbody tr")
    readouts = page.eval_on_selector_all(".kstad-weight-kostnad-box .kstad-readout, "
                                         ".kstad-slider .kstad-readout",
                                         "els => els.map(e => e.innerText.trim())")
    assert readouts and all(re.fullmatch(r"\d{1,3}\u00a0%", r) for r in readouts), readouts
    for box in page.locator(".kstad-slider .kstad-readout").all():  # not clipped
        assert box.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    assert page.locator(".kstad-ranking tbody tr").count() == 25  # top 25, then "Visa alla"
    page.click(".kstad-show-all")
    page.wait_for_function("() => document.querySelectorAll('.kstad-ranking tbody tr').length > 150",
                           timeout=60_000)


def test_one_visit_from_upload_to_decision(page, voila_server, tmp_path):
    """Upload in Prioritering, follow the page's link to Budget (same plans),
    save a scenario there, see it named in Effekthemtagning, decide it."""
    visit = secrets.token_urlsafe(18)
    plan = write_xlsx(tmp_path / "egen_plan.xlsx", [
        need_row(f"EGEN-{k}", Titel=f"Eget behov {k}", **{"Investering (kr)": 100_000 * k,
                                                          "Startår": 2027})
        for k in range(1, 4)])
    page.goto(f"{voila_server.url}/voila/render/{PRIO}?besok={visit}", timeout=90_000)
    page.wait_for_selector(".kstad-ranking tbody tr", state="visible", timeout=90_000)
    page.wait_for_selector(".kstad-nav a", timeout=90_000)  # the visit joined
    assert page.get_attribute("html", "lang") == "sv" and page.title() == "Prioritering – kstad"
    with page.expect_file_chooser(timeout=30_000) as chooser:
        page.click(".kstad-upload")
    chooser.value.set_files(str(plan))
    page.wait_for_selector(".kstad-upload-ok", timeout=90_000)
    status = page.inner_text(".kstad-data-status")
    assert "1 fil godkändes" in status and "1 filer" not in status
    page.wait_for_function("() => Array.from(document.querySelectorAll('.kstad-ranking tbody tr'))"
                           ".every(r => r.dataset.id.startsWith('EGEN-'))", timeout=60_000)
    assert "(1)" in page.inner_text(".kstad-upload")  # the button counts the accepted file
    href = page.get_attribute(".kstad-nav a[href^='03_budget']", "href")
    assert href == f"03_budget.ipynb?besok={visit}"
    page.click(".kstad-nav a[href^='03_budget']")
    page.wait_for_function("() => { const rows = document.querySelectorAll('.kstad-portfolio tbody tr');"
                           " return rows.length > 0 && Array.from(rows).every(r => r.dataset.id"
                           ".startsWith('EGEN-')); }", timeout=120_000)
    assert "egen_plan.xlsx" in page.inner_text(".kstad-data-status")
    assert "Inget scenario öppnat" in page.inner_text(".kstad-topbar")
    assert page.get_attribute("html", "lang") == "sv" and page.title() == "Budget – kstad"
    page.fill(".kstad-scenario-name input", "Webbflöde <i>A</i>")
    page.fill(".kstad-scenarios .widget-text:has-text('Av') input", "Eva")
    page.click(".kstad-scenario-save")
    page.wait_for_selector(".kstad-scenario-status .kstad-ok", timeout=90_000)
    page.wait_for_function("() => document.querySelector('.kstad-current-name')?.textContent"
                           " === 'Webbflöde <i>A</i>'", timeout=30_000)
    page.select_option(".kstad-scenario-list select", label="Webbflöde\u00a0<i>A</i>")
    page.click(".kstad-decide")  # asks first
    page.wait_for_selector(".kstad-decision-ask", state="visible", timeout=30_000)
    assert "version 1" in page.inner_text(".kstad-decision-ask")
    assert "Inga beslut" in page.inner_text(".kstad-decision-list")
    page.fill(".kstad-decider input", "Kommunstyrelsen")
    page.click(".kstad-decision-confirm")
    page.wait_for_function("() => document.querySelector('.kstad-decision-list').innerText"
                           ".includes('Kommunstyrelsen')", timeout=30_000)
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", page.inner_text(".kstad-decision-list"))
    screenshot(page, "03_budget_decided")
    page.click(".kstad-nav a[href^='04_effekt']")
    page.wait_for_function("() => document.querySelector('.kstad-current-name')?.textContent"
                           " === 'Webbflöde <i>A</i>'", timeout=120_000)
    page.wait_for_selector(".kstad-basis", timeout=60_000)
    assert "Portföljen i Webbflöde" in page.inner_text(".kstad-basis")
    assert "egen_plan.xlsx" in page.inner_text(".kstad-data-status")
    screenshot(page, "04_effekt_visit")
    # every app page is Swedish for screen readers and hyphenation, its title too
    assert page.get_attribute("html", "lang") == "sv"
    assert page.title() == "Effekthemtagning – kstad"
    # leaving a page shuts its kernel down without a 403 (the _xsrf cookie is set)
    assert page.console_errors == []


def test_start_page_cards_warnings_and_swedish_title(page, voila_server):
    open_app(page, voila_server, "00_start.ipynb", ".kstad-start")
    cards = page.locator(".kstad-app-card")
    from kstad_analysis.constants import APPS

    assert cards.count() == len(APPS)
    for card in cards.all():
        text = card.inner_text()
        assert len(text.splitlines()) >= 2  # a name and a one-line description
        assert "besok=" in card.get_attribute("href")  # the visit starts here
        assert card.evaluate("e => getComputedStyle(e.querySelector('b')).textDecorationLine")\
            == "underline"
    details = page.locator(".kstad-problems").first
    assert not details.evaluate("e => e.open")
    details.locator("summary").click()
    assert details.evaluate("e => e.open") and details.locator("li").count() > 0
    assert page.title() == "kstad – start"
    assert page.get_attribute("html", "lang") == "sv"
