"""Gemensamma behov, Budget and Effekthemtagning in real Chromium.

Each test waits for the app's real rendered state (its own selector visible
and Voila's ``#loading`` gone), then acts like a user: keys on a slider
handle, a file chosen in the upload picker.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import open_app, screenshot
from tests.plans import need_row, write_xlsx

pytestmark = pytest.mark.browser

SHARED, BUDGET, EFFECT = "02_gemensamma_behov.ipynb", "03_budget.ipynb", "04_effekthemtagning.ipynb"
SHARED_READY = ".kstad-groups .kstad-group"
BUDGET_READY = ".kstad-portfolio tbody tr"
EFFECT_READY = ".kstad-realisation tbody tr"


def _texts(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.dataset.id || e.dataset.group)")


def _wait_changed(page, selector: str, before: list[str], timeout: int = 60_000) -> list[str]:
    page.wait_for_function(
        "([sel, before]) => { const now = Array.from(document.querySelectorAll(sel))"
        ".map(e => e.dataset.id || e.dataset.group); return now.join() !== before.join(); }",
        arg=[selector, before], timeout=timeout)
    return _texts(page, selector)


def _press(page, selector: str, *keys: str) -> None:
    handle = page.locator(f"{selector} .noUi-handle")
    handle.focus()
    for key in keys:
        handle.press(key)


@pytest.mark.parametrize("notebook, ready, chart, name", [
    (SHARED, SHARED_READY, None, "02_gemensamma_behov"),
    (BUDGET, BUDGET_READY, ".kstad-frontier svg", "03_budget"),
    (EFFECT, EFFECT_READY, ".kstad-benefit-chart svg", "04_effekthemtagning"),
])
def test_app_renders_without_javascript_errors(page, voila_server, notebook, ready, chart, name):
    open_app(page, voila_server, notebook, ready)
    if chart:
        page.wait_for_selector(chart, state="visible", timeout=60_000)
    assert page.locator(".jp-CodeCell .jp-InputArea, .cm-editor").count() == 0
    assert "import" not in page.inner_text("body")
    # no stray text output (e.g. solver debug lines) and no tracebacks in the page
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stdout'],"
                        " .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'],"
                        " .jp-RenderedText").count() == 0
    assert "Highs" not in page.inner_text("body") and "Traceback" not in page.inner_text("body")
    screenshot(page, name)
    assert page.console_errors == []


def test_shared_needs_show_candidates_and_members_per_department(page, voila_server):
    open_app(page, voila_server, SHARED, SHARED_READY)
    assert page.locator(".kstad-candidates tbody tr").count() >= 5
    assert "kr" in page.inner_text(".kstad-candidates")
    first = page.locator(".kstad-groups .kstad-group").first
    assert first.locator("tbody tr").count() >= 2
    assert "förvaltning" in first.inner_text()


def test_threshold_slider_changes_the_groups(page, voila_server):
    open_app(page, voila_server, SHARED, SHARED_READY)
    before = _texts(page, ".kstad-groups .kstad-group")
    summary = page.inner_text(".kstad-shared-summary")
    _press(page, ".kstad-threshold", "End")
    after = _wait_changed(page, ".kstad-groups .kstad-group, .kstad-groups p", before)
    assert after != before
    assert page.inner_text(".kstad-shared-summary") != summary
    assert "0,95" in page.inner_text(".kstad-shared-summary")
    assert page.console_errors == []


def test_budget_slider_changes_the_portfolio(page, voila_server):
    open_app(page, voila_server, BUDGET, BUDGET_READY)
    before = _texts(page, ".kstad-portfolio tbody tr")
    assert all(before)  # every row carries its need's ID
    _press(page, ".kstad-budget", "ArrowRight")
    step = _wait_changed(page, ".kstad-portfolio tbody tr", before)
    _press(page, ".kstad-budget", "End")
    everything = _wait_changed(page, ".kstad-portfolio tbody tr", step)
    assert len(everything) > len(before)
    first_id = page.locator(".kstad-portfolio tbody tr td.kstad-id").first.inner_text()
    assert first_id in everything
    _press(page, ".kstad-budget", "Home")  # 0 kr: not even the lagkrav fit, and the page says so
    least = _wait_changed(page, ".kstad-portfolio tbody tr", everything)
    assert len(least) < len(before)
    page.wait_for_selector(".kstad-portfolio .kstad-error", timeout=30_000)
    assert "Highs" not in page.inner_text("body")  # solver noise never reaches the page
    assert page.locator(".jp-RenderedText").count() == 0
    assert page.console_errors == []


def test_must_and_exclude_are_searched_and_ticked(page, voila_server):
    """Issue 15: no 198-row Ctrl-click list; a search box and a few checkboxes,
    the driftbudget typed beside the budget, the frontier's axis in mnkr."""
    open_app(page, voila_server, BUDGET, BUDGET_READY)
    page.wait_for_selector(".kstad-frontier svg", state="visible", timeout=60_000)
    assert page.locator(".kstad-must select, .kstad-exclude select").count() == 0
    items = page.locator(".kstad-must .kstad-pick-item:visible")
    assert 0 < items.count() <= 10
    assert "mnkr" in page.inner_text(".kstad-frontier")  # the budget axis' title
    before = _texts(page, ".kstad-portfolio tbody tr")
    page.wait_for_selector(".kstad-rest details tbody tr", state="attached", timeout=60_000)
    left_out = page.eval_on_selector_all(  # (id, investment) of the needs left out
        ".kstad-rest tbody tr", "els => els.map(e => [e.dataset.id, e.cells[3].textContent])")
    costs = {i: int(re.sub(r"\D", "", c)) for i, c in left_out
             if i and i not in before and re.search(r"\d", c)}
    wanted = min(costs, key=costs.get)  # the cheapest, so forcing it in still fits
    page.fill(".kstad-must-search input", wanted)
    page.wait_for_function("(id) => { const shown = Array.from(document.querySelectorAll("
                           "'.kstad-must .kstad-pick-item')).filter(e => e.offsetParent);"
                           " return shown.length === 1 && shown[0].innerText.startsWith(id); }",
                           arg=wanted, timeout=30_000)
    page.locator(".kstad-must .kstad-pick-item:visible input").first.check()
    page.wait_for_function("(id) => Array.from(document.querySelectorAll('.kstad-portfolio tbody tr'))"
                           ".some(r => r.dataset.id === id)", arg=wanted, timeout=60_000)
    assert "måste" in page.locator(f".kstad-portfolio tr[data-id='{wanted}']").inner_text()
    assert wanted in page.inner_text(".kstad-must .kstad-pick-chosen")
    box = page.locator(".kstad-running-input-text input")
    assert box.input_value() == "6"  # the configured driftbudget, in mnkr
    box.fill("4,0")  # binding (the sample adds 5,93 mnkr at 6 mnkr) yet feasible
    box.press("Enter")
    running = ("() => { const k = Array.from(document.querySelectorAll('.kstad-totals .kstad-kpi'))"
               ".find(e => e.innerText.includes('drift per år'));"
               " return k ? k.querySelector('.kstad-kpi-value').innerText : ''; }")
    before_cap = page.evaluate(running)
    page.wait_for_function(f"() => ({running})() !== {before_cap!r}", timeout=60_000)
    added = float(page.evaluate(running).split()[0].replace(",", "."))
    assert 3 < added <= 4.0 and "Ingen tillåten portfölj" not in page.inner_text(".kstad-totals")
    screenshot(page, "03_budget_picker")
    assert page.console_errors == []


def test_uploading_a_bad_file_shows_the_swedish_error(page, voila_server, tmp_path: Path):
    open_app(page, voila_server, BUDGET, BUDGET_READY)
    before = _texts(page, ".kstad-portfolio tbody tr")
    bad = write_xlsx(tmp_path / "felaktig_plan.xlsx", [need_row("FEL-1", **{"Risk (1-5)": 9})])
    # ipywidgets 8 keeps the FileUpload's <input type=file> out of the DOM and clicks it
    # from the button, so choose the file through the browser's file chooser like a user
    with page.expect_file_chooser(timeout=30_000) as chooser:
        page.click(".kstad-upload")
    chooser.value.set_files(str(bad))
    page.wait_for_selector(".kstad-upload-errors", state="visible", timeout=60_000)
    errors = page.inner_text(".kstad-upload-errors")
    assert "felaktig_plan.xlsx" in errors and "rad 2" in errors and "Risk (1-5)" in errors
    assert "användes inte" in errors
    assert _texts(page, ".kstad-portfolio tbody tr") == before  # nothing kept from the bad file
    screenshot(page, "03_budget_bad_upload")


def test_an_upload_over_the_limit_is_refused_in_the_page_and_the_page_lives_on(
        page, voila_server, tmp_path: Path):
    # 45 MB: over the apps' 20 MB limit and over the websocket's message limit
    # (2 × 20 MB + 1 MiB), where the page used to lose its connection silently.
    open_app(page, voila_server, BUDGET, BUDGET_READY)
    big = tmp_path / "stor_plan.xlsx"
    big.write_bytes(b"\0" * (45 * 1024 * 1024))
    with page.expect_file_chooser(timeout=30_000) as chooser:
        page.click(".kstad-upload")
    chooser.value.set_files(str(big))
    refused = page.wait_for_selector(".kstad-upload-refused", state="visible", timeout=30_000)
    text = refused.inner_text()
    assert "45 MB" in text and "högst 20 MB" in text, text
    assert refused.get_attribute("role") == "alert"
    # the kernel is still connected: the next (bad) file is read by the app
    bad = write_xlsx(tmp_path / "felaktig_plan.xlsx", [need_row("FEL-1", **{"Risk (1-5)": 9})])
    with page.expect_file_chooser(timeout=30_000) as chooser:
        page.click(".kstad-upload")
    chooser.value.set_files(str(bad))
    page.wait_for_selector(".kstad-upload-errors", state="visible", timeout=60_000)
    assert "felaktig_plan.xlsx" in page.inner_text(".kstad-upload-errors")
    assert page.locator(".kstad-upload-refused").count() == 0  # the old refusal is gone
    assert not [e for e in page.console_errors if "WebSocket" in e or "websocket" in e]


def test_effect_period_is_the_charts_years(page, voila_server):
    """Issue 15: "Kalkylperiod 5 år" beside a chart of 2023–2034 — now the
    readout, the per-year table and the chart's year axis are the same years."""
    open_app(page, voila_server, EFFECT, EFFECT_READY)
    page.wait_for_selector(".kstad-benefit-chart svg", state="visible", timeout=60_000)

    def shown() -> tuple[str, list[str], list[str]]:
        readout = page.inner_text(".kstad-slider:has(.kstad-years) .kstad-readout").strip()
        table = page.eval_on_selector_all(".kstad-benefit-years tbody tr",
                                          "rows => rows.map(r => r.dataset.year)")
        axis = page.eval_on_selector_all(
            ".kstad-benefit-chart svg .role-axis text", "els => els.map(e => e.textContent)")
        return readout, table, [a for a in axis if re.fullmatch(r"20\d\d", a)]

    readout, table, axis = shown()
    first, last = re.search(r"\((\d{4})–(\d{4})\)", readout).groups()
    period = [str(y) for y in range(int(first), int(last) + 1)]
    assert readout.startswith(f"{len(period) - 1}\u00a0år") or readout.startswith(f"{len(period) - 1} år")
    assert table == period and axis == period, (readout, table, axis)
    assert f"IT-kostnad {first}–{last}" in page.inner_text(".kstad-benefit-kpis")
    _press(page, ".kstad-years", "ArrowRight", "ArrowRight")  # two years longer
    page.wait_for_function("n => document.querySelectorAll('.kstad-benefit-years tbody tr').length === n",
                           arg=len(period) + 2, timeout=60_000)
    page.wait_for_function(  # the chart follows
        "n => Array.from(document.querySelectorAll('.kstad-benefit-chart svg .role-axis text'))"
        ".filter(e => /^20\\d\\d$/.test(e.textContent)).length === n", arg=len(period) + 2,
        timeout=60_000)
    readout, table, axis = shown()
    assert table == axis and table[0] == first and f"–{table[-1]})" in readout
    assert page.console_errors == []
