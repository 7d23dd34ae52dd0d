"""The JupyterHub set-up end to end: two users in two roles log in through a real browser.

Why end to end: the roles are only as good as the login they come from. The
hub (``deploy/jupyterhub_config.py``, its trial shared-password
authenticator, the proxy ``make hub-proxy`` installed) runs on loopback;
each user gets their own kstad server; the login name and hub groups reach
that server's environment (what its kernels act under); and the store,
called with the user ``access.current_user`` builds from that environment,
enforces the roles and records the login names.

Phase B of issue 17 wires the roles into the apps' callbacks: the läsare's
page has the decision controls disabled, and clicking them anyway (the
``disabled`` attribute removed in the page, so the widget message is sent as
a forged one would be) is refused in the kernel; the Granskning page shows
both logins to the analytiker and "Ingen behörighet" to the läsare.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kstad_analysis import access
from kstad_analysis.errors import AccessDenied
from kstad_analysis.scenario import Scenario
from kstad_analysis.shared_needs import GroupingDecision
from kstad_analysis.store import Store
from tests.conftest import REPO, free_port, screenshot

pytestmark = pytest.mark.browser

PASSWORD = "provlosen-17"
PROXY = REPO / "deploy" / "node_modules" / ".bin" / "configurable-http-proxy"
USERS = {"anna": "kstad-analytiker", "lars": None}


def _jupyter_data_dir() -> str:
    """Where nbconvert's templates are installed (``<prefix>/share/jupyter``): the
    same as ``sys.prefix``'s in the project's one venv, spelled out for a hub
    installed in a venv layered on another."""
    import nbconvert

    return str(Path(nbconvert.__file__).resolve().parents[4] / "share" / "jupyter")


class Hub:
    """``jupyterhub -f deploy/jupyterhub_config.py`` on free loopback ports."""

    def __init__(self, root: Path):
        self.root = root
        self.store_dir = root / "store"
        self.url = f"http://127.0.0.1:{free_port()}"
        self.env = {
            **os.environ, "KSTAD_HUB_URL": self.url, "KSTAD_HUB_DIR": str(root / "hub"),
            "KSTAD_HUB_API_PORT": str(free_port()),
            "KSTAD_HUB_PROXY_API": f"http://127.0.0.1:{free_port()}",
            "KSTAD_STORE_DIR": str(self.store_dir), "KSTAD_HUB_PASSWORD": PASSWORD,
            "KSTAD_HUB_GROUPS": json.dumps({"kstad-analytiker": ["anna"]}),
            "KSTAD_HUB_SITE": str(root / "no-site.py"), "KSTAD_HUB_IDLE": "3600",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
            "JUPYTER_PATH": os.pathsep.join(filter(None, [_jupyter_data_dir(),
                                                          os.environ.get("JUPYTER_PATH")])),
        }
        self.log_path = root / "hub.log"
        self._log = self.log_path.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(REPO / "deploy" / "jupyterhub_config.py")],
            cwd=root, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
        )
        try:
            self._wait_ready(timeout=120)
        except RuntimeError:
            self.stop()
            raise RuntimeError(self.log_path.read_text()[-4000:]) from None

    def _wait_ready(self, timeout: float) -> None:
        """Until the hub itself answers through the proxy: the proxy is up (and
        answers 404) a moment before the hub has added its route."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/hub/api/", timeout=5) as answer:  # noqa: S310
                    if "version" in json.loads(answer.read()):
                        return
            except (OSError, ValueError):
                pass
            time.sleep(0.3)
        raise RuntimeError("the hub did not start")

    def servers(self) -> dict[str, dict[str, str]]:
        """The environment of each running kstad server, by login (Linux /proc)."""
        found = {}
        for proc in Path("/proc").iterdir():
            try:
                if b"kstad_analysis.hub_app" not in (proc / "cmdline").read_bytes():
                    continue
                pairs = (proc / "environ").read_bytes().split(b"\0")
            except OSError:
                continue
            env = dict(p.decode(errors="replace").split("=", 1) for p in pairs if b"=" in p)
            if env.get("KSTAD_STORE_DIR") == str(self.store_dir):
                found[env["JUPYTERHUB_USER"]] = env | {"pid": proc.name}
        return found

    def stop(self) -> None:
        self.proc.terminate()  # the hub stops the users' servers (cleanup_servers)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and self.servers():
            time.sleep(0.3)
        pids = [int(env["pid"]) for env in self.servers().values()]  # only what this hub started
        proxy = self.root / "hub" / "proxy.pid"
        if proxy.exists() and proxy.read_text().strip().isdigit():
            pids.append(int(proxy.read_text()))
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._log.close()


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        pytest.fail("jupyterhub saknas; make test installerar extra [hub]")
    if not PROXY.exists():
        pytest.fail(f"proxyn saknas ({PROXY}); kör make hub-proxy")
    server = Hub(tmp_path_factory.mktemp("hub"))
    yield server
    server.stop()


def _log_in(browser, hub: Hub, name: str):
    context = browser.new_context(viewport={"width": 1300, "height": 900}, locale="sv-SE")
    page = context.new_page()
    page.goto(f"{hub.url}/hub/login", timeout=120_000)
    try:
        page.wait_for_selector("#username_input", state="visible", timeout=120_000)
    except Exception:
        screenshot(page, f"hub-login-{name}")
        body = page.inner_text("body")[:1500]
        raise AssertionError(f"{page.url}: {body}\n{hub.log_path.read_text()[-3000:]}") from None
    page.fill("#username_input", name)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    page.wait_for_selector(".kstad-start", state="visible", timeout=180_000)
    page.wait_for_selector("#loading", state="hidden", timeout=180_000)
    return context, page


def test_two_users_in_two_roles_through_the_hub(hub, browser):
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    anna_context, anna = _log_in(browser, hub, "anna")
    lars_context, lars = _log_in(browser, hub, "lars")
    try:
        anonymous = urllib.request.build_opener(NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as refused:  # anna's running server, no login
            anonymous.open(f"{hub.url}/user/anna/voila/render/00_start.ipynb")
        assert refused.value.code == 302
        assert refused.value.headers["Location"].startswith("/hub/api/oauth2/authorize")
        assert anna.url == f"{hub.url}/user/anna/voila/render/00_start.ipynb"
        assert lars.url == f"{hub.url}/user/lars/voila/render/00_start.ipynb"
        screenshot(lars, "hub-lars-start")
        # each one's server is theirs alone, and no server lets anyone start a kernel to run code
        assert lars.goto(f"{hub.url}/user/anna/voila/render/00_start.ipynb").status == 403
        assert lars.locator(".kstad-start").count() == 0
        assert lars.request.post(f"{hub.url}/user/lars/api/kernels", data="{}").status == 404
        assert lars.request.get(f"{hub.url}/user/lars/api/contents").status == 404

        # the login and groups reach each server's environment: what its kernels act as
        servers = hub.servers()
        assert set(servers) == {"anna", "lars"}
        assert servers["anna"]["KSTAD_GROUPS"] == "kstad-analytiker" and servers["lars"]["KSTAD_GROUPS"] == ""
        as_anna, as_lars = access.current_user(servers["anna"]), access.current_user(servers["lars"])
        assert as_anna.roles == {access.READER, access.ANALYST} and as_lars.roles == {access.READER}

        store = Store(hub.store_dir)
        logins = store.audit_log()
        assert logins[["user", "roles", "action"]].values.tolist() == [
            ["anna", "analytiker,lasare", "server_start"], ["lars", "lasare", "server_start"]]
        store.save_scenario(Scenario("Lars förslag", author="Kommunstyrelsen"), user=as_lars)
        with pytest.raises(AccessDenied, match="lars får inte markera ett scenario som beslut"):
            store.mark_decision("Lars förslag", "Kommunstyrelsen", user=as_lars, loaded_version=1)
        with pytest.raises(AccessDenied, match="lars får inte spara grupperingsbeslut"):
            store.save_grouping_decision(GroupingDecision("split", ("KLK-001",)), user=as_lars)
        saved = store.save_grouping_decision(GroupingDecision("split", ("KLK-001",), author="X"),
                                             user=as_anna)
        with pytest.raises(AccessDenied, match="lars får inte ta bort grupperingsbeslut"):
            store.delete_grouping_decision(saved, user=as_lars)
        store.delete_grouping_decision(saved, user=as_anna)
        log = store.audit_log()
        assert log[["user", "action"]].values.tolist()[2:] == [
            ["lars", "save_scenario"], ["anna", "save_grouping"], ["anna", "delete_grouping"]]
        assert store.load_scenario("Lars förslag").author == "lars"  # the login, not the text box
    finally:
        anna_context.close()
        lars_context.close()


def _open_app(page, hub: Hub, user: str, notebook: str, ready: str) -> None:
    page.goto(f"{hub.url}/user/{user}/voila/render/{notebook}", timeout=180_000)
    page.wait_for_selector(ready, state="visible", timeout=180_000)
    page.wait_for_selector("#loading", state="hidden", timeout=180_000)


def _force_click(page, selector: str) -> None:
    """Click a disabled widget button the way a hostile visitor would: enable it in the page."""
    page.evaluate("s => { const b = document.querySelector(s); b.disabled = false; "
                  "b.classList.remove('mod-disabled'); }", selector)
    page.click(selector, timeout=30_000)


def test_the_reader_is_refused_in_the_kernel_and_the_audit_page_shows_both(hub, browser):
    lars_context, lars = _log_in(browser, hub, "lars")
    anna_context, anna = _log_in(browser, hub, "anna")
    try:
        _open_app(lars, hub, "lars", "02_gemensamma_behov.ipynb", ".kstad-gemensamma")
        assert "Inloggad som lars (läsare)" in lars.inner_text(".kstad-login")
        lars.fill(".kstad-scenario-name input", "Lars tröskel")
        lars.click(".kstad-scenario-save")
        lars.wait_for_selector(".kstad-scenario-status:has-text('sparades')", timeout=60_000)
        assert lars.is_disabled(".kstad-decide") and lars.is_disabled(".kstad-decision-save")
        _force_click(lars, ".kstad-decide")  # the mark-beslut message, sent anyway
        lars.wait_for_selector(".kstad-scenario-status:has-text('lars får inte markera')",
                               timeout=60_000)
        _force_click(lars, ".kstad-decision-save")  # a grouping decision, sent anyway
        lars.wait_for_selector(".kstad-decision-status:has-text('lars får inte spara')",
                               timeout=60_000)
        screenshot(lars, "hub-lars-refused")
        store = Store(hub.store_dir)
        assert store.decisions() == [] and store.grouping_decisions() == []

        _open_app(lars, hub, "lars", "06_granskning.ipynb", ".kstad-audit")
        assert "Ingen behörighet" in lars.inner_text(".kstad-audit")
        assert lars.locator(".kstad-audit-table td").count() == 0

        _open_app(anna, hub, "anna", "06_granskning.ipynb", ".kstad-audit-table")
        table = anna.inner_text(".kstad-audit-table")
        assert "lars" in table and "anna" in table and "sparade scenario" in table
        screenshot(anna, "hub-anna-granskning")
        users = set(store.audit_log()["user"])
        assert {"anna", "lars"} <= users
    finally:
        lars_context.close()
        anna_context.close()
