"""Shared fixtures: a running Voila server and a real Chromium page.

Why real: the apps are judged by what a manager sees in a browser, so browser
tests start ``kstad app`` exactly as ``make app`` does (on a free port, with a
throw-away store) and drive Debian's chromium through Playwright.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("KSTAD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
]


@pytest.fixture(autouse=True, scope="session")
def _private_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every test reads and writes a throw-away store unless it names its own:
    the commands and apps now read the project store by default, and a
    developer's saved decisions in ``var/`` must not change test results."""
    before = os.environ.get("KSTAD_STORE_DIR")
    os.environ["KSTAD_STORE_DIR"] = str(tmp_path_factory.mktemp("default-store"))
    yield
    if before is None:
        os.environ.pop("KSTAD_STORE_DIR", None)
    else:
        os.environ["KSTAD_STORE_DIR"] = before


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, timeout: float = 90.0) -> None:
    """Poll until the server answers (any HTTP status) or fail loudly."""
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)  # noqa: S310 - loopback only
            return
        except urllib.error.HTTPError:
            return
        except OSError as exc:
            last = exc
            time.sleep(0.3)
    raise RuntimeError(f"server at {url} did not start: {last}")


class VoilaServer:
    """A ``kstad app`` subprocess; its log is kept for failure messages.

    ``pool_max`` caps the preheated kernels per app (one by default, so a test
    run does not warm a meeting room's worth of kernels; None: the configured
    sizes, as the benchmark uses)."""

    def __init__(self, store_dir: Path, extra_env: dict[str, str] | None = None,
                 extra_args: list[str] | None = None, pool_max: int | None = 1):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = store_dir / "voila.log"
        env = {**os.environ, "KSTAD_STORE_DIR": str(store_dir), **(extra_env or {})}
        self._log = self.log_path.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kstad_analysis.cli", "app", "--port", str(self.port),
             *(["--pool-max", str(pool_max)] if pool_max is not None else []),
             *(["--voila-args", *extra_args] if extra_args else [])],
            cwd=REPO, env=env, stdout=self._log, stderr=subprocess.STDOUT,
        )
        try:
            wait_for_http(self.url + "/voila/api/themes/")
        except RuntimeError:
            self.stop()
            raise RuntimeError(self.log_path.read_text()[-4000:]) from None

    def stop(self) -> None:
        stop_process(self.proc)
        self._log.close()


def stop_process(proc: subprocess.Popen, timeout: float = 15) -> None:
    """Terminate a server subprocess; kill it if it does not exit in time."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def voila_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    server = VoilaServer(tmp_path_factory.mktemp("voila-store"))
    yield server
    server.stop()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """A failed test that used the app server gets the server log's tail as
    a report section: a browser failure on a CI machine is otherwise
    impossible to diagnose (which kernel, which request, which error)."""
    outcome = yield
    report = outcome.get_result()
    server = getattr(item, "funcargs", {}).get("voila_server")
    if report.failed and isinstance(server, VoilaServer) and server.log_path.exists():
        tail = server.log_path.read_text(errors="replace").splitlines()[-120:]
        report.sections.append(("voila log (tail)", "\n".join(tail)))


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian chromium saknas ({CHROMIUM}); kör 'make test' som root")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh page that records console errors in ``page.console_errors``."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE")
    pg = context.new_page()
    pg.console_errors = []  # type: ignore[attr-defined]
    pg.on("console", lambda msg: msg.type == "error" and pg.console_errors.append(msg.text))
    pg.on("pageerror", lambda exc: pg.console_errors.append(str(exc)))
    yield pg
    context.close()


def screenshot(pg, name: str) -> Path:
    """Save a full-page screenshot as a test artefact."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path


def open_app(pg, server: VoilaServer, notebook: str, ready_selector: str,
             timeout_ms: int = 90_000) -> None:
    """Open an app and wait for its real rendered state, as Voila's own UI
    tests do: the loading spinner gone and our widget visible. The navigation
    itself waits only for the response to start ("commit"): a Voila page
    streams while its kernel runs, so the rendered widget, not the browser's
    ``load`` event, is the state to wait for."""
    pg.goto(f"{server.url}/voila/render/{notebook}", timeout=timeout_ms, wait_until="commit")
    pg.wait_for_selector(ready_selector, state="visible", timeout=timeout_ms)
    pg.wait_for_selector("#loading", state="hidden", timeout=timeout_ms)
