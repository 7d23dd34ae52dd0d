"""Kernel lifecycle in real Chromium: a closed page gives its kernel back.

Why: every visit to an app holds a kernel of a few hundred MB. Voila 0.5.13's
page asks the server to shut it down on ``beforeunload``, but the request was
refused (403, no ``_xsrf`` cookie), so a meeting's page views piled up
kernels until the idle cull. These tests close pages as a visitor does and
ask the server whether the kernel still exists.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import open_app

pytestmark = pytest.mark.browser

GONE_WITHIN = 60.0


def _status(url: str, method: str = "GET", data: bytes | None = None) -> int:
    request = urllib.request.Request(url, method=method, data=data)  # noqa: S310 - loopback
    try:
        return urllib.request.urlopen(request, timeout=30).status  # noqa: S310
    except urllib.error.HTTPError as exc:
        return exc.code


def _kernel_id(page) -> str:
    return json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]


def _wait_gone(server, kernel_id: str) -> float | None:
    """Seconds until the server no longer knows the kernel (None: still alive)."""
    start = time.monotonic()
    while time.monotonic() - start < GONE_WITHIN:
        if _status(f"{server.url}/api/kernels/{kernel_id}") == 404:
            return time.monotonic() - start
        time.sleep(0.5)
    return None


def _shutdown_refusals(server, *kernel_ids: str) -> list[str]:
    return [line for line in server.log_path.read_text().splitlines()
            if "403" in line and any(f"/voila/api/shutdown/{k}" in line for k in kernel_ids)]


def test_closing_the_page_shuts_its_kernel_down(browser, voila_server):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    open_app(page, voila_server, "00_start.ipynb", ".kstad-start")
    kernel_id = _kernel_id(page)
    assert _status(f"{voila_server.url}/api/kernels/{kernel_id}") == 200
    assert any(c["name"] == "_xsrf" for c in context.cookies()), context.cookies()

    page.close(run_before_unload=True)  # as when a visitor closes the tab
    gone = _wait_gone(voila_server, kernel_id)
    context.close()

    assert gone is not None, f"kernel {kernel_id} still alive {GONE_WITHIN:.0f} s after close"
    assert f"Kernel shutdown: {kernel_id}" in voila_server.log_path.read_text()
    assert _shutdown_refusals(voila_server, kernel_id) == []


def test_leaving_for_another_app_shuts_the_first_kernel_down(page, voila_server):
    open_app(page, voila_server, "00_start.ipynb", ".kstad-start")
    first = _kernel_id(page)
    open_app(page, voila_server, "01_prioritering.ipynb", ".kstad-ranking")
    second = _kernel_id(page)

    assert first != second
    assert _wait_gone(voila_server, first) is not None
    assert _status(f"{voila_server.url}/api/kernels/{second}") == 200
    assert _shutdown_refusals(voila_server, first) == []


def test_a_shutdown_without_the_pages_token_is_still_refused(page, voila_server):
    """The fix sets the token the page sends back; it does not switch the
    XSRF check off, so another site cannot stop a visitor's kernel."""
    open_app(page, voila_server, "00_start.ipynb", ".kstad-start")
    kernel_id = _kernel_id(page)

    status = _status(f"{voila_server.url}/voila/api/shutdown/{kernel_id}", method="POST",
                     data=b"_xsrf=forged")
    assert status == 403
    assert _status(f"{voila_server.url}/api/kernels/{kernel_id}") == 200
