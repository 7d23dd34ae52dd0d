"""Prioritering in real Chromium: sliders change the ranking, scenarios persist."""

from __future__ import annotations

import pytest

from tests.conftest import open_app, screenshot

pytestmark = pytest.mark.browser

APP = "01_prioritering.ipynb"
READY = ".kstad-ranking tbody tr"


def _ranked_ids(page, n: int = 15) -> list[str]:
    return page.eval_on_selector_all(
        ".kstad-ranking tbody tr", f"rows => rows.slice(0, {n}).map(r => r.dataset.id)")


def test_ranking_renders_without_errors(page, voila_server):
    open_app(page, voila_server, APP, READY)
    assert page.locator(".kstad-weight").count() == 7
    assert len(_ranked_ids(page, 500)) == 25  # the top 25; "Visa alla" shows the rest
    page.wait_for_selector(".kstad-score-chart svg, .kstad-score-chart canvas", timeout=60_000)
    page.wait_for_selector(".kstad-ranking .kstad-badge", timeout=60_000)
    screenshot(page, "01_prioritering")
    assert page.console_errors == []


def test_moving_a_weight_slider_changes_the_ranking(page, voila_server):
    open_app(page, voila_server, APP, READY)
    before = _ranked_ids(page)
    handle = page.locator(".kstad-weight-kostnad .noUi-handle")
    handle.focus()
    handle.press("End")  # cost weight to the maximum, like a user with the keyboard
    page.wait_for_function(
        "before => { const ids = Array.from(document.querySelectorAll('.kstad-ranking tbody tr'))"
        ".slice(0, 15).map(r => r.dataset.id); return ids.join() !== before.join(); }",
        arg=before, timeout=30_000)
    after = _ranked_ids(page)
    assert after != before
    assert page.console_errors == []


def _cost_readout(page) -> str:
    return page.inner_text(".kstad-weight-kostnad-box .kstad-readout").strip()


_SETTLED = """before => {
    const rows = Array.from(document.querySelectorAll('.kstad-ranking tbody tr'));
    const ids = rows.slice(0, 15).map(r => r.dataset.id);
    const ranking = document.querySelector('.kstad-ranking');
    return ids.join() !== before.join() && ranking.querySelectorAll('.kstad-badge').length > 0
        && !ranking.textContent.includes('…');
}"""


def test_saved_scenario_is_there_after_reload(page, voila_server):
    open_app(page, voila_server, APP, READY)
    default_readout = _cost_readout(page)
    before = _ranked_ids(page)
    handle = page.locator(".kstad-weight-kostnad .noUi-handle")
    handle.focus()
    handle.press("End")  # cost weight to the maximum before saving
    # the kernel has answered: a new order, with its robustness badges filled in
    page.wait_for_function(_SETTLED, arg=before, timeout=90_000)
    page.wait_for_function(  # our Swedish readout follows the handle
        "() => document.querySelector('.kstad-weight-kostnad-box .kstad-readout')"
        ".textContent.trim() === '100\u00a0%'", timeout=30_000)
    assert default_readout != "100\u00a0%"
    saved_order = _ranked_ids(page)
    page.fill(".kstad-scenario-name input", "Webbtest <b>A</b>")
    page.click(".kstad-scenario-save")
    page.wait_for_selector(".kstad-scenario-status .kstad-ok", timeout=90_000)
    assert "<b>" not in page.inner_html(".kstad-scenario-status").replace("&lt;b&gt;", "")
    page.reload()
    page.wait_for_selector(READY, state="visible", timeout=120_000)
    # the preheated page re-reads the saved scenarios when the visitor arrives
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.kstad-scenario-list select option'))"
        ".some(o => o.textContent.replace(/\\u00a0/g, ' ') === 'Webbtest <b>A</b>')",
        timeout=90_000)
    assert _cost_readout(page) == default_readout  # a fresh page starts from the defaults
    fresh = _ranked_ids(page)
    page.select_option(".kstad-scenario-list select", label="Webbtest\u00a0<b>A</b>")
    page.click(".kstad-scenario-load")
    page.wait_for_selector(".kstad-scenario-status .kstad-ok", timeout=90_000)
    page.wait_for_function(
        "() => document.querySelector('.kstad-weight-kostnad-box .kstad-readout')"
        ".textContent.trim() === '100\u00a0%'", timeout=90_000)
    page.wait_for_function(_SETTLED, arg=fresh, timeout=90_000)
    assert _ranked_ids(page) == saved_order


def _no_horizontal_overflow(page) -> bool:
    """Neither the document nor Voila's own scrolling panel (the page scrolls
    inside it, so the document alone never shows a scrollbar) nor the app is
    wider than the window."""
    sizes = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth,"
        " ...['.lm-BoxPanel-child', '.kstad-prioritering'].flatMap(sel => {"
        "   const e = document.querySelector(sel); return e ? [e.scrollWidth, e.clientWidth] : []; })]")
    assert len(sizes) == 6, sizes
    assert all(sizes[i] <= sizes[i + 1] for i in (0, 2, 4)), sizes
    return True


@pytest.mark.parametrize("width", [1024, 1280])
def test_layout_fits_and_a_row_opens_its_explanation(page, voila_server, width):
    """Issue 15: a meeting room's 1024–1280 px screen shows the list without
    a horizontal scrollbar, the explanation beside it (below it under
    1100 px), and a click on a row's id explains that need."""
    page.set_viewport_size({"width": width, "height": 900})
    open_app(page, voila_server, APP, READY)
    page.wait_for_selector(".kstad-score-chart svg, .kstad-score-chart canvas", timeout=60_000)
    page.wait_for_selector(".kstad-ranking .kstad-badge", timeout=60_000)
    assert _no_horizontal_overflow(page)
    listing = page.locator(".kstad-rank-list").bounding_box()
    side = page.locator(".kstad-rank-side").bounding_box()
    if width >= 1100:  # side by side
        assert side["x"] >= listing["x"] + listing["width"] - 1 and side["y"] < listing["y"] + 200
    else:  # below the list
        assert side["y"] >= listing["y"] + listing["height"] - 1
    # no red "0 %" badges outside the top N
    badges = page.eval_on_selector_all(
        ".kstad-ranking tbody tr:not(.kstad-top) .kstad-badge", "els => els.map(e => e.innerText)")
    assert all(b.strip() not in ("0\u00a0%", "0 %") for b in badges), badges
    row = page.locator(".kstad-ranking tbody tr").nth(4)
    need = row.get_attribute("data-id")
    row.locator(".kstad-why").click()
    page.wait_for_function(
        "id => document.querySelector('.kstad-explanation table th:nth-child(2)')?.innerText === id",
        arg=need, timeout=30_000)
    assert need in page.inner_text(".kstad-explanation")
    assert page.locator(".kstad-rank-side .kstad-explanation").count() == 1
    assert page.locator(".kstad-rank-side .kstad-scenarios").count() >= 1
    if width >= 1100:  # a row far down: its explanation shows beside it, both in view
        last = page.locator(".kstad-ranking tbody tr").nth(22)
        low = last.get_attribute("data-id")
        last.locator(".kstad-why").scroll_into_view_if_needed()
        last.locator(".kstad-why").click()
        page.wait_for_function(
            "id => document.querySelector('.kstad-explanation table th:nth-child(2)')?.innerText === id",
            arg=low, timeout=30_000)
        page.wait_for_timeout(600)  # the page's own scroll after a click
        row_box = last.bounding_box()
        shown = page.locator(".kstad-explanation").bounding_box()
        assert 0 <= row_box["y"] <= 900 - row_box["height"], row_box
        assert shown["y"] < 900 and shown["y"] + shown["height"] > 0, shown
    # "Visa alla" at the same width still fits
    page.click(".kstad-show-all")
    page.wait_for_function("() => document.querySelectorAll('.kstad-ranking tbody tr').length > 25",
                           timeout=60_000)
    assert _no_horizontal_overflow(page)
    screenshot(page, f"01_prioritering_{width}")
    assert page.console_errors == []
