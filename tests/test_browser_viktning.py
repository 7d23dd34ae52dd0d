"""Viktning i grupp in real Chromium: three participants in three browsers, then the group.

Each participant opens their personal link in a browser context of their own
(own cookies, own kernel), answers in a different way, one of them with
inconsistent pairwise comparisons; the facilitator's group view then shows
all three, and closing the round saves a scenario the Prioritering app lists.
"""

from __future__ import annotations

import pytest

from tests.conftest import open_app, screenshot

pytestmark = pytest.mark.browser

APP = "05_viktning.ipynb"


def _context_page(browser):
    context = browser.new_context(viewport={"width": 1300, "height": 1000}, locale="sv-SE")
    pg = context.new_page()
    pg.console_errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda exc: pg.console_errors.append(str(exc)))
    return context, pg


def _open_link(pg, server, href: str) -> None:
    pg.goto(f"{server.url}/voila/render/{APP}{href}", timeout=120_000, wait_until="commit")
    pg.wait_for_selector(".kstad-participant .kstad-save", state="visible", timeout=120_000)
    pg.wait_for_selector("#loading", state="hidden", timeout=120_000)


def _save(pg) -> None:
    pg.click(".kstad-save")
    pg.wait_for_selector(".kstad-save-status .kstad-ok", timeout=60_000)


def _choose(pg, selector: str, label: str) -> None:
    pg.select_option(f"{selector} select", label=label)


def test_three_participants_then_the_group_view_and_the_saved_scenario(browser, page, voila_server):
    from kstad_analysis.group_weights import aggregate, individual
    from kstad_analysis.store import Store

    open_app(page, voila_server, APP, ".kstad-round-form")
    page.fill(".kstad-round-name input", "Ledningsgruppen <b>2026</b>")
    page.fill(".kstad-round-people textarea", "Anna\nBo\nCecilia")
    page.click(".kstad-round-open")
    page.wait_for_selector(".kstad-participant-link", timeout=60_000)
    links = dict(page.eval_on_selector_all(
        ".kstad-participant-link", "els => els.map(e => [e.dataset.name, e.getAttribute('href')])"))
    assert sorted(links) == ["Anna", "Bo", "Cecilia"] and len(set(links.values())) == 3
    assert "<b>2026</b>" in page.inner_text(".kstad-group-view")  # escaped, shown as text

    contexts = []
    try:
        # Anna ranks: kostnad first, nytta second (swapping their places)
        ctx, anna = _context_page(browser)
        contexts.append(ctx)
        _open_link(anna, voila_server, links["Anna"])
        assert "Anna" in anna.inner_text(".kstad-you") and "Bo" not in anna.inner_text(".kstad-participant")
        _choose(anna, ".kstad-rank-kostnad", "1")
        _choose(anna, ".kstad-rank-nytta", "2")
        anna.wait_for_function("() => !document.querySelector('.kstad-preview .kstad-error')"
                               " && document.querySelector('.kstad-preview table')", timeout=60_000)
        _save(anna)
        # Bo gives direct points: everything to nytta
        ctx, bo = _context_page(browser)
        contexts.append(ctx)
        _open_link(bo, voila_server, links["Bo"])
        bo.click(".kstad-kind button:has-text('direkta poäng')")
        handle = bo.locator(".kstad-points-nytta .noUi-handle")
        handle.wait_for(state="visible", timeout=30_000)
        handle.focus()
        handle.press("End")
        bo.wait_for_function("() => document.querySelector('.kstad-points-nytta .widget-readout')"
                             ".textContent.trim() === '100'", timeout=30_000)
        _save(bo)
        # Cecilia compares pairwise, inconsistently: nytta ≫ kostnad ≫ strategi ≫ nytta
        ctx, cecilia = _context_page(browser)
        contexts.append(ctx)
        _open_link(cecilia, voila_server, links["Cecilia"])
        cecilia.click(".kstad-kind button:has-text('parvisa jämförelser')")
        cecilia.wait_for_selector(".kstad-pair-nytta-kostnad select", state="visible", timeout=30_000)
        _choose(cecilia, ".kstad-pair-nytta-kostnad", "9")
        _choose(cecilia, ".kstad-pair-kostnad-strategi", "9")
        _choose(cecilia, ".kstad-pair-nytta-strategi", "1/9")
        cecilia.wait_for_selector(".kstad-cr .kstad-reconsider", timeout=60_000)
        advice = cecilia.inner_text(".kstad-cr")
        assert "Ompröva" in advice and "närmast på skalan" in advice
        screenshot(cecilia, "05_viktning_inconsistent")
        _save(cecilia)
        # a reload shows Anna her own saved answer
        anna.reload()
        anna.wait_for_selector(".kstad-save-status .kstad-ok", timeout=120_000)
        assert "version 1" in anna.inner_text(".kstad-save-status")
        assert anna.eval_on_selector(".kstad-rank-kostnad select",
                                     "s => s.selectedOptions[0].textContent") == "1"

        # the group view sees all three by itself (it polls the store)
        page.wait_for_function("() => document.querySelector('.kstad-group-count')"
                               ".textContent.includes('3 av 3')", timeout=20_000)
        page.wait_for_selector(".kstad-top tbody tr", timeout=60_000)
        weights = page.inner_text(".kstad-group-weights")
        for name in ("Anna", "Bo", "Cecilia", "Gruppen"):
            assert name in weights
        cecilia_row = page.inner_text(".kstad-group-weights tr[data-name='Cecilia']")
        cr = float(cecilia_row.split("\t")[2].replace(",", "."))
        assert cr > 0.10
        assert "aritmetiskt medelvärde" in page.inner_text(".kstad-group-method")
        assert page.locator(".kstad-top tbody tr").count() == 4
        assert page.locator(".kstad-group-top li").count() == 10
        assert "Längst ifrån varandra" in page.inner_text(".kstad-disagree + p")
        screenshot(page, "05_viktning_group")

        page.fill(".kstad-close-name input", "Webbviktning")
        page.click(".kstad-close")
        page.wait_for_selector(".kstad-closed", timeout=60_000)
        store = Store(voila_server.log_path.parent)
        scenario = store.load_scenario("Webbviktning")
        round_id = links["Anna"].split("omgang=")[1].split("&")[0]
        closed = store.weight_round(round_id)
        assert closed.closed and closed.scenario_name == "Webbviktning"
        answers = store.round_answers(round_id, closed.facilitator_token)
        assert [a.answer.kind for a in answers] == ["rank", "direct", "pairwise"]
        group = aggregate([individual(a.name, a.answer, closed.criteria) for a in answers],
                          closed.criteria)
        assert scenario.weights == pytest.approx(dict(group.weights), abs=1e-12)
        # a participant can no longer change their answer
        bo.reload()
        bo.wait_for_selector(".kstad-save-status .kstad-warning", timeout=120_000)
        assert bo.locator(".kstad-save").is_disabled()
        assert anna.console_errors == [] and bo.console_errors == [] and cecilia.console_errors == []
    finally:
        for ctx in contexts:
            ctx.close()

    assert page.console_errors == [], page.console_errors
    page.console_errors.clear()  # from here on: the Prioritering page's own errors
    # the Prioritering app lists the scenario like any other
    open_app(page, voila_server, "01_prioritering.ipynb", ".kstad-ranking tbody tr")
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.kstad-scenario-list select option'))"
        ".some(o => o.textContent === 'Webbviktning')", timeout=90_000)
    assert page.console_errors == [], page.console_errors
