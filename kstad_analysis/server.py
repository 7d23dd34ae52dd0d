"""Start the Voila apps: Voila serving ``notebooks/`` with a Swedish start page.

Why a subclass: Voila's directory mode answers ``/`` with an English file
tree; managers should land on the Swedish start page instead, so ``/``
redirects there. And a closed page must shut its kernel: Voila 0.5.13's page
sends the shutdown on ``beforeunload`` with the ``_xsrf`` cookie's value, but
its render handler never sets that cookie, so every shutdown was refused
(403 "'_xsrf' argument missing", voila-dashboards/voila#1458) and each visit's
kernel lived until the idle cull. Our render handler sets the cookie.
The server also forgets old visits (uploads and current scenario per
visitor, ``store_visits.sweep_old_visits``) when it starts and once a day.
Everything else (``voila.json`` in the repository root: preheated kernels,
culling, hidden tracebacks) is Voila's own configuration.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
from collections.abc import Sequence
from pathlib import Path

from jupyter_server.utils import url_path_join
from tornado.ioloop import IOLoop
from tornado.web import HTTPError, RedirectHandler, RequestHandler
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from kstad_analysis import bind_policy, intake_guard, paths, store_visits
from kstad_analysis.constants import APPS, START_NOTEBOOK
from kstad_analysis.i18n import t
from kstad_analysis.kernel_pool import PoolKeeper, PoolPlan

PLANS_ENV = "KSTAD_PLANS"
POOL_MAX_ENV = "KSTAD_POOL_MAX"  # set by ``kstad app --pool-max``
APP_KERNEL_ENV = "KSTAD_APP_KERNEL"  # = ui.kernel_guard.APP_KERNEL_ENV (server may not import ui)
VISIT_SWEEP_SECONDS = 24 * 3600.0  # how often old visits are forgotten while the server runs


#: The notebooks a visitor may open; the analyst notebooks (10_analys,
#: 90_rapport) are for JupyterLab and ``kstad report``, not for the web.
APP_NOTEBOOKS = (START_NOTEBOOK, *(notebook for notebook, _ in APPS))


def websocket_limit() -> int:
    """Largest websocket message the server accepts: twice the upload limit
    (``intake_guard.limits().file_bytes``, one number for intake and the apps'
    uploads) plus 1 MiB for the message around the file.

    Why twice: Tornado's default (10 MiB) silently dropped the page's
    connection on a 15 MB upload although 20 MB were allowed. With twice the
    limit a file somewhat over the limit still reaches the kernel and is
    refused with a Swedish message; only a far larger one is cut off.
    """
    return 2 * intake_guard.limits().file_bytes + 1024 * 1024


class _NotFound(RequestHandler):
    """404 for everything outside the apps (Voila's English file tree, the
    contents API and the analyst notebooks)."""

    def get(self, *_args: str) -> None:
        raise HTTPError(404)


class _ForeignHost(RequestHandler):
    """403 for a Host header not on the allowlist (``bind_policy``): pages,
    REST and websocket upgrades alike, before any handler runs."""

    def _request_summary(self) -> str:  # the access log: no query string (it may hold the token)
        return f"{self.request.method} {self.request.path} (Host: {self.request.host_name[:80]!r})"

    def prepare(self) -> None:
        self.set_status(403)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(t("sec.host.refused"))


class _PageHandler(TornadoVoilaHandler):
    """Voila's page handler, setting the ``_xsrf`` cookie before the page is
    sent, so the page's kernel-shutdown beacon carries a valid token (the XSRF
    check itself stays on)."""

    async def get(self, path: str | None = None) -> None:
        self.xsrf_token  # noqa: B018 - reading it sets the cookie (tornado)
        await super().get(path)


class KstadVoila(Voila):
    """Voila with ``/`` redirected to the start page, only the apps served,
    and pages that can shut their kernel down; preheated pools are sized and
    filled by :class:`~kstad_analysis.kernel_pool.PoolKeeper`
    (``data/config/apps.toml``)."""

    pool_keeper: PoolKeeper | None = None

    def init_settings(self) -> dict:
        settings = super().init_settings()
        settings["websocket_max_message_size"] = websocket_limit()
        if self.voila_configuration.preheat_kernel and hasattr(self.kernel_manager, "_pools"):
            plan = PoolPlan.load()
            if os.environ.get(POOL_MAX_ENV, "").strip():
                plan = plan.capped(int(os.environ[POOL_MAX_ENV]))
            self.pool_keeper = PoolKeeper(self.kernel_manager, plan, self.log)
            asyncio.get_event_loop().call_soon(self.pool_keeper.start)
        loop = IOLoop.current()  # made if missing (asyncio.get_event_loop may refuse)

        def sweep_daily() -> None:  # off the event loop: a locked store waits up to 15 s
            loop.run_in_executor(None, sweep_visits, self.log)
            loop.call_later(VISIT_SWEEP_SECONDS, sweep_daily)

        loop.add_callback(sweep_daily)
        return settings

    def stop(self) -> None:
        if self.pool_keeper is not None:
            self.pool_keeper.stop()  # no new kernels while Voila shuts the others down
        super().stop()

    def init_handlers(self) -> list:
        app = getattr(self, "app", None)
        # first rule: a foreign Host header never reaches a handler. Not under JupyterHub:
        # there the hub's proxy (with the public name as Host) is the only way in, and
        # every request carries the hub's OAuth login (hub_app)
        if app is not None and not os.environ.get("JUPYTERHUB_SERVICE_PREFIX"):
            names = bind_policy.allowed_hosts(self.ip or "127.0.0.1")
            app.add_handlers(bind_policy.foreign_host_pattern(names), [(r".*", _ForeignHost)])
            self.log.info("kstad: answering the Host names %s", ", ".join(names))
        start = url_path_join(self.server_url, "voila/render", START_NOTEBOOK)
        allowed = "|".join(re.escape(name) for name in APP_NOTEBOOKS)
        blocked = [
            url_path_join(self.server_url, r"voila/tree.*"),
            url_path_join(self.server_url, r"voila/api/contents.*"),
            url_path_join(self.server_url, rf"voila/render/(?!(?:{allowed})$).*"),
        ]
        voila_handlers = [
            (pattern, _PageHandler if handler is TornadoVoilaHandler else handler, *rest)
            for pattern, handler, *rest in super().init_handlers()
        ]
        return [
            (self.server_url, RedirectHandler, {"url": start}),
            *[(pattern, _NotFound) for pattern in blocked],
            *voila_handlers,
        ]


def sweep_visits(log: logging.Logger | None = None) -> int:
    """Forget the visits older than ``[besok] glom_efter_dagar``; how many went.
    A store that cannot be opened is logged and left for the next sweep."""
    from kstad_analysis.errors import StoreError

    logger = log or logging.getLogger(__name__)
    try:
        count = store_visits.sweep_old_visits()
    except (StoreError, OSError) as exc:
        logger.warning("kstad: old visits not forgotten: %s", exc)
        return 0
    if count:
        logger.info("kstad: forgot %d visits older than %g days", count,
                    store_visits.visit_max_age_days())
    return count


def notebooks_dir() -> Path:
    return paths.REPO_DIR / "notebooks"


def serve(port: int = 8866, host: str = "127.0.0.1", data: Sequence[Path] = (),
          extra_args: Sequence[str] = (), pool_max: int | None = None,
          token: str | None = None, allow_hosts: Sequence[str] = ()) -> None:
    """Run the Voila server in this process until interrupted.

    ``data`` (files or folders of plans) reaches every kernel through the
    ``KSTAD_PLANS`` environment variable; without it the apps use the sample.
    ``pool_max`` caps every app's preheated pool (``data/config/apps.toml``).
    ``token`` makes every request need it (``?token=`` or the login page);
    ``allow_hosts`` are Host names answered besides loopback and ``host``
    (``bind_policy``; the CLI has checked the address and the token).
    """
    if allow_hosts:
        current = os.environ.get(bind_policy.ALLOWED_HOSTS_ENV, "")
        os.environ[bind_policy.ALLOWED_HOSTS_ENV] = ",".join(p for p in (current, *allow_hosts) if p)
    os.environ[APP_KERNEL_ENV] = "1"  # the kernels send no tracebacks to the page (ui.kernel_guard)
    if pool_max is not None:
        os.environ[POOL_MAX_ENV] = str(pool_max)
    if data:
        os.environ[PLANS_ENV] = os.pathsep.join(str(Path(p).resolve()) for p in data)
    os.chdir(paths.REPO_DIR)  # voila.json is read from the working directory
    # our Voila template (share/jupyter/voila/templates/kstad) loads nothing from a CDN
    jupyter_path = [str(paths.REPO_DIR / "share" / "jupyter"), os.environ.get("JUPYTER_PATH", "")]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in jupyter_path if p)
    argv = [
        str(notebooks_dir()), f"--port={port}", f"--Voila.ip={host}", "--no-browser",
        *extra_args, *([f"--Voila.token={token}"] if token else []),
    ]
    KstadVoila.launch_instance(argv=argv)
