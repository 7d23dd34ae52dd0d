"""One user's kstad apps under JupyterHub: the standalone Voila apps behind the hub's login.

Why standalone Voila and not ``jupyterhub-singleuser``: a Jupyter server
lets its user start kernels and run any code (REST ``/api/kernels``,
``execute_request`` on the websocket, terminals, the contents API), and
code run as the server's operating-system user can rewrite the shared store
and so every role and audit row. Standalone Voila forwards only widget
(comm) messages to its kernels; ``kstad_analysis.server.KstadVoila`` serves
only the app notebooks. This module puts the hub's OAuth in front of it
(JupyterHub's own identity provider and authorizer for Jupyter servers:
only the server's owner, or whom the hub grants ``access:servers`` to, gets
in) and caps the kernels one user's server may run.

The hub starts it as ``python -m kstad_analysis.hub_app`` with the
``JUPYTERHUB_*`` environment every spawned server gets (API token, OAuth
client, service prefix and URL); ``deploy/jupyterhub_config.py`` adds
``KSTAD_GROUPS`` (the user's hub groups, for ``access.current_user``),
``KSTAD_STORE_DIR`` (the one shared store) and ``KSTAD_MAX_KERNELS``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlparse

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import url_path_join
from jupyterhub.singleuser.extension import JupyterHubIdentityProvider
from tornado.web import HTTPError

from kstad_analysis.i18n import t

MAX_KERNELS_ENV = "KSTAD_MAX_KERNELS"
DEFAULT_MAX_KERNELS = 6


def max_kernels(env: dict[str, str] | None = None) -> int:
    """Kernels one user's server may run at once (``KSTAD_MAX_KERNELS``, at least 1)."""
    raw = (os.environ if env is None else env).get(MAX_KERNELS_ENV, "")
    try:
        return max(1, int(raw))
    except ValueError:
        return DEFAULT_MAX_KERNELS


class CappedKernelManager(AsyncMappingKernelManager):
    """Refuses a kernel beyond the per-user cap with a Swedish 503, instead of
    letting one user's open tabs use the machine's memory."""

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
        if len(self.list_kernel_ids()) >= max_kernels():
            raise HTTPError(503, reason=t("hub.too_many_kernels", limit=max_kernels()).encode(
                "ascii", "xmlcharrefreplace").decode("ascii"))
        return await super().start_kernel(*args, **kwargs)


class KstadHubIdentityProvider(JupyterHubIdentityProvider):
    """JupyterHub's OAuth identity provider, with its handlers under the
    user's prefix: standalone Voila registers them as given (at ``/``),
    whereas the hub redirects to ``<prefix>oauth_callback``."""

    def get_handlers(self) -> list:
        prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")
        return [(url_path_join(prefix, path), *rest) for path, *rest in super().get_handlers()]


def voila_arguments(env: dict[str, str] | None = None) -> tuple[str, int, list[str]]:
    """Host, port and Voila options for the server the hub asked for."""
    environ = os.environ if env is None else env
    prefix = environ.get("JUPYTERHUB_SERVICE_PREFIX", "")
    url = urlparse(environ.get("JUPYTERHUB_SERVICE_URL", ""))
    if not prefix or not url.port:
        raise SystemExit(t("hub.not_under_hub"))
    return url.hostname or "127.0.0.1", int(url.port), [
        f"--Voila.base_url={prefix}",
        f"--Voila.identity_provider_class={__name__}.KstadHubIdentityProvider",
        "--Voila.authorizer_class=jupyterhub.singleuser.extension.JupyterHubAuthorizer",
        # a kernel per page opened, none kept warm: tens of users × five apps would not fit
        "--VoilaConfiguration.preheat_kernel=False",
        f"--VoilaConfiguration.multi_kernel_manager_class={__name__}.CappedKernelManager",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    from kstad_analysis.server import serve

    host, port, options = voila_arguments()
    serve(port=port, host=host, extra_args=[*options, *(argv if argv is not None else sys.argv[1:])])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
