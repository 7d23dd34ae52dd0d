"""The hub set-up's pieces without a browser: the per-user server's options, its kernel
cap, and the hub configuration's refusals (issue 17)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from tornado.web import HTTPError

from kstad_analysis import hub_app
from tests.conftest import REPO

HUB_ENV = {"JUPYTERHUB_SERVICE_PREFIX": "/user/anna/",
           "JUPYTERHUB_SERVICE_URL": "http://127.0.0.1:41234/user/anna/"}


def test_the_server_listens_where_the_hub_said_behind_its_oauth():
    host, port, options = hub_app.voila_arguments(HUB_ENV)
    assert (host, port) == ("127.0.0.1", 41234)
    assert "--Voila.base_url=/user/anna/" in options
    assert "--Voila.identity_provider_class=kstad_analysis.hub_app.KstadHubIdentityProvider" in options
    assert "--VoilaConfiguration.preheat_kernel=False" in options
    with pytest.raises(SystemExit, match="startas av JupyterHub"):
        hub_app.voila_arguments({})


def test_kernels_beyond_the_per_user_cap_are_refused_in_swedish(monkeypatch):
    assert hub_app.max_kernels({"KSTAD_MAX_KERNELS": "3"}) == 3
    assert hub_app.max_kernels({"KSTAD_MAX_KERNELS": "x"}) == hub_app.DEFAULT_MAX_KERNELS
    assert hub_app.max_kernels({"KSTAD_MAX_KERNELS": "0"}) == 1
    monkeypatch.setenv("KSTAD_MAX_KERNELS", "2")
    manager = hub_app.CappedKernelManager()
    monkeypatch.setattr(manager, "list_kernel_ids", lambda: ["k1", "k2"])
    with pytest.raises(HTTPError) as refused:  # in a thread: a browser test may hold this one's loop
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, manager.start_kernel(kernel_name="python3")).result()
    assert refused.value.status_code == 503 and "2 appar" in refused.value.reason


def _config_run(**env: str) -> subprocess.CompletedProcess:
    """Load deploy/jupyterhub_config.py in a real jupyterhub, which stops at the refusal."""
    return subprocess.run(
        [sys.executable, "-m", "jupyterhub", "-f", str(REPO / "deploy" / "jupyterhub_config.py")],
        env={**os.environ, "KSTAD_HUB_SITE": "/nonexistent.py", **env}, capture_output=True,
        text=True, timeout=120, cwd=REPO,
    )


def test_the_trial_login_is_refused_off_loopback_and_without_a_password(tmp_path):
    off = _config_run(KSTAD_HUB_URL="http://0.0.0.0:18999", KSTAD_HUB_PASSWORD="langtlosen",
                      KSTAD_HUB_DIR=str(tmp_path))
    assert off.returncode != 0 and "får bara lyssna på loopback" in off.stderr + off.stdout
    short = _config_run(KSTAD_HUB_URL="http://127.0.0.1:18999", KSTAD_HUB_PASSWORD="kort",
                        KSTAD_HUB_DIR=str(tmp_path))
    assert short.returncode != 0 and "minst 8 tecken" in short.stderr + short.stdout
