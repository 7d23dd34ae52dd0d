"""The Prioritering app driven in real Chromium: first render and slider latency.

Why in a browser: the targets are about what a manager sees (issue 7): first
render of an app ≤ 3 s with a preheated kernel, and from a weight-slider key
press to the updated ranking on screen ≤ 300 ms median on the 200-need
sample. Baselines measured in the same run: a cold kernel (Voila with
preheating off) for the first render, and a full page reload for the update
(what a non-live page would cost).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from benchmarks._table import Row
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, VoilaServer

APP = "01_prioritering.ipynb"
READY = ".kstad-ranking tbody tr .kstad-badge"
KEY_PRESSES = 15


def _first_render(page, server: VoilaServer) -> float:
    start = time.perf_counter()
    page.goto(f"{server.url}/voila/render/{APP}", timeout=120_000)
    page.wait_for_selector(READY, state="visible", timeout=120_000)
    return time.perf_counter() - start


def _slider_latencies(page) -> list[float]:
    """Key press on the cost slider → first row set changed on screen."""
    page.evaluate("""() => {
        window.__kstadChanged = 0;
        const target = document.querySelector('.kstad-ranking');
        new MutationObserver(() => { window.__kstadChanged = performance.now(); })
            .observe(target, {childList: true, subtree: true, characterData: true});
    }""")
    handle = page.locator(".kstad-weight-kostnad .noUi-handle")
    handle.focus()
    latencies = []
    for k in range(KEY_PRESSES):
        key = "ArrowRight" if k % 2 == 0 else "ArrowLeft"
        page.evaluate("() => { window.__kstadChanged = 0; }")
        start = page.evaluate("() => performance.now()")
        handle.press(key)
        page.wait_for_function("() => window.__kstadChanged > 0", timeout=30_000)
        latencies.append((page.evaluate("() => window.__kstadChanged") - start) / 1000)
        time.sleep(0.3)  # let SMAA badges settle before the next press
    return latencies


def run() -> list[Row]:
    from playwright.sync_api import sync_playwright

    rows: list[Row] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        hot = VoilaServer(Path(tempfile.mkdtemp()))
        cold = VoilaServer(Path(tempfile.mkdtemp()),
                           extra_args=["--VoilaConfiguration.preheat_kernel=False"])
        try:
            page = browser.new_page()
            time.sleep(20)  # let the preheated pools fill, as on a running server
            _first_render(page, hot)  # warm the browser cache, as a returning visitor
            page.close()
            hot_times, cold_times = [], []
            for _ in range(3):
                page = browser.new_page()
                hot_times.append(_first_render(page, hot))
                page.close()
                time.sleep(15)  # the pool refills
                page = browser.new_page()
                cold_times.append(_first_render(page, cold))
                page.close()
            rows.append(Row("första rendering, förvärmd kärna (median av 3)",
                            statistics.median(hot_times), "kall kärna (utan förvärmning)",
                            statistics.median(cold_times), target="≤ 3 s"))
            page = browser.new_page()
            _first_render(page, hot)
            latencies = _slider_latencies(page)
            start = time.perf_counter()
            page.reload()
            page.wait_for_selector(READY, state="visible", timeout=120_000)
            reload_time = time.perf_counter() - start
            rows.append(Row(f"viktreglage → ny rangordning på skärmen (median av {KEY_PRESSES})",
                            statistics.median(latencies), "omladdning av hela sidan", reload_time,
                            target="≤ 300 ms", note=f"max {max(latencies) * 1000:.0f} ms"))
        finally:
            hot.stop()
            cold.stop()
            browser.close()
    return rows
