"""The page ``make app`` serves, opened in real Chromium."""

from __future__ import annotations

import pytest

from tests.conftest import open_app, screenshot

pytestmark = pytest.mark.browser


def test_root_redirects_to_swedish_start_page_with_sample(page, voila_server):
    page.goto(voila_server.url + "/", timeout=90_000)
    page.wait_for_selector(".kstad-sample-table", state="visible", timeout=90_000)
    assert page.url.endswith("/voila/render/00_start.ipynb")
    text = page.inner_text(".kstad-start")
    assert "Behov per förvaltning" in text
    for department in ("Barn- och ungdomsförvaltningen", "Vård- och omsorgsförvaltningen",
                       "Teknik- och fastighetsförvaltningen"):
        assert department in text
    rows = page.locator(".kstad-sample-table tbody tr")
    assert rows.count() == 9
    screenshot(page, "00_start")
    assert page.console_errors == []


def test_start_page_shows_no_code(page, voila_server):
    open_app(page, voila_server, "00_start.ipynb", ".kstad-start")
    assert page.locator(".jp-CodeCell .jp-InputArea, .cm-editor").count() == 0
    assert "import" not in page.inner_text("body")


def test_only_the_apps_are_served(voila_server):
    import urllib.error
    import urllib.request

    def status(path: str) -> int:
        try:
            return urllib.request.urlopen(voila_server.url + path, timeout=120).status
        except urllib.error.HTTPError as exc:
            return exc.code

    for path in ("/voila/tree", "/voila/tree/", "/voila/api/contents/",
                 "/voila/render/10_analys.ipynb", "/voila/render/90_rapport.ipynb",
                 "/voila/render/../pyproject.toml"):
        assert status(path) == 404, path
    assert status("/voila/render/04_effekthemtagning.ipynb") == 200
