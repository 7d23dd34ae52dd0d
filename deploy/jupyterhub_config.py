"""JupyterHub for kstad: every user signs in and gets the kstad apps as their own page.

Run with ``make hub`` (a trial on http://127.0.0.1:8000) or
``jupyterhub -f deploy/jupyterhub_config.py``; deploy/README.md explains it.

* Each user's server is ``python -m kstad_analysis.hub_app``: the standalone
  Voila apps behind the hub's OAuth (not a Jupyter server: nobody can run
  code), with the user's hub groups (roles, ``data/config/access.toml``)
  and the one shared store in its environment.
* The authenticator is configuration: the trial uses JupyterHub's
  ``DummyAuthenticator`` (any name, one shared password, loopback only);
  a municipality sets LDAP/Active Directory or OIDC in a site file
  (``KSTAD_HUB_SITE``, default ``deploy/jupyterhub_site.py``, loaded last
  so it overrides anything here; examples in deploy/README.md).
* Limits: one server per user, at most ``KSTAD_HUB_MAX_SERVERS`` running
  (``active_server_limit``) with at most ``KSTAD_MAX_KERNELS`` kernels each,
  so at most their product in total; idle servers are stopped by
  jupyterhub-idle-culler after ``KSTAD_HUB_IDLE`` seconds.
* The proxy (configurable-http-proxy) is the one ``make hub-proxy``
  installed from the npm registry into ``deploy/node_modules``; the hub
  never downloads anything when it starts.

Every setting can be overridden by an environment variable (named below) or
the site file, so this file itself stays as shipped.
"""

from __future__ import annotations

import ipaddress
import json
import os
import sys
from pathlib import Path
from urllib.parse import urlparse

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - provided by JupyterHub

DEPLOY = Path(__file__).resolve().parent
REPO = DEPLOY.parent
HUB_DIR = Path(os.environ.get("KSTAD_HUB_DIR", REPO / "var" / "hub"))
HUB_DIR.mkdir(parents=True, exist_ok=True)
STORE_DIR = os.environ.get("KSTAD_STORE_DIR", str(REPO / "var"))
BIND_URL = os.environ.get("KSTAD_HUB_URL", "http://127.0.0.1:8000")
PROXY = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"

# ---------------------------------------------------------------- network and state
c.JupyterHub.bind_url = BIND_URL
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("KSTAD_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = os.environ.get("KSTAD_HUB_PROXY_API", "http://127.0.0.1:8001")
c.ConfigurableHTTPProxy.command = [str(PROXY)]
c.ConfigurableHTTPProxy.pid_file = str(HUB_DIR / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{HUB_DIR / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(HUB_DIR / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(HUB_DIR / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# ---------------------------------------------------------------- each user's kstad server
c.JupyterHub.spawner_class = "simple"  # SimpleLocalProcessSpawner: one OS user runs every server
c.Spawner.cmd = [sys.executable, "-m", "kstad_analysis.hub_app"]
c.Spawner.default_url = "/"  # KstadVoila redirects / to the Swedish start page
c.Spawner.start_timeout = int(os.environ.get("KSTAD_HUB_START_TIMEOUT", "120"))
c.Spawner.http_timeout = c.Spawner.start_timeout
c.Spawner.env_keep.extend(["KSTAD_DATA", "KSTAD_PLANS", "JUPYTER_PATH"])
c.Spawner.environment = {
    "KSTAD_STORE_DIR": STORE_DIR,
    "KSTAD_MAX_KERNELS": os.environ.get("KSTAD_MAX_KERNELS", "6"),
    "KSTAD_APP_KERNEL": "1",  # callback errors logged on the server, never sent to the page
    # the roles come from hub groups (e.g. synchronised from Active Directory)
    "KSTAD_GROUPS": lambda spawner: ",".join(sorted(g.name for g in spawner.user.groups)),
}
c.JupyterHub.allow_named_servers = False  # one kstad server per user
c.JupyterHub.active_server_limit = int(os.environ.get("KSTAD_HUB_MAX_SERVERS", "40"))
c.JupyterHub.concurrent_spawn_limit = int(os.environ.get("KSTAD_HUB_CONCURRENT_SPAWNS", "10"))
c.JupyterHub.redirect_to_server = True  # after login, straight to the user's kstad start page


def _log_login(spawner) -> None:  # noqa: ANN001 - JupyterHub's Spawner
    """Write the login to kstad's audit log before the user's server starts."""
    from kstad_analysis import access
    from kstad_analysis.store import Store

    user = access.user_named(spawner.user.name, [g.name for g in spawner.user.groups])
    with Store(STORE_DIR) as store:
        store.record_event(user, "server_start", detail={"hub": BIND_URL})


c.Spawner.pre_spawn_hook = _log_login

# ---------------------------------------------------------------- idle culler
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                f"--timeout={int(os.environ.get('KSTAD_HUB_IDLE', '1800'))}", "--cull-every=60"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]

# ---------------------------------------------------------------- trial login and groups
# Trial: any user name with the shared password KSTAD_HUB_PASSWORD (at least 8 characters),
# JupyterHub's SharedPasswordAuthenticator (its DummyAuthenticator's successor).
TRIAL_AUTHENTICATORS = ("shared-password", "dummy", "jupyterhub.auth.DummyAuthenticator",
                        "jupyterhub.authenticators.shared.SharedPasswordAuthenticator")
c.JupyterHub.authenticator_class = "shared-password"
if os.environ.get("KSTAD_HUB_PASSWORD"):
    c.SharedPasswordAuthenticator.user_password = os.environ["KSTAD_HUB_PASSWORD"]
c.Authenticator.allow_all = True
# Hub groups for the trial, e.g. '{"kstad-analytiker": ["anna"], "kstad-beslutsfattare": ["dora"]}'
_groups = json.loads(os.environ.get("KSTAD_HUB_GROUPS", "{}") or "{}")
c.JupyterHub.load_groups = {name: {"users": list(users)} for name, users in _groups.items()}

_site = Path(os.environ.get("KSTAD_HUB_SITE", DEPLOY / "jupyterhub_site.py"))
if _site.exists():
    load_subconfig(str(_site))  # type: ignore[name-defined]  # noqa: F821 - provided by traitlets


def _loopback(url: str) -> bool:
    host = urlparse(url).hostname or ""
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_authenticator = c.JupyterHub.authenticator_class
if isinstance(_authenticator, str) and _authenticator in TRIAL_AUTHENTICATORS:
    if not _loopback(BIND_URL):
        sys.exit(f"kstad: testinloggningen (ett gemensamt lösenord) får bara lyssna på loopback, "
                 f"inte {BIND_URL}; ställ in LDAP eller OIDC i {_site} (se deploy/README.md).")
    if _authenticator == "shared-password" and len(os.environ.get("KSTAD_HUB_PASSWORD", "")) < 8:
        sys.exit("kstad: sätt KSTAD_HUB_PASSWORD (testinloggningens lösenord, minst 8 tecken).")
if not PROXY.exists():
    sys.exit(f"kstad: proxyn saknas ({PROXY}); kör make hub-proxy.")
