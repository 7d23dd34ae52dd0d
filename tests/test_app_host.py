"""``kstad app`` on the network (issue 17): no unauthenticated non-loopback
bind, Host headers on an allowlist (DNS rebinding), and the websocket limit
live in the running server.

A real ``kstad app`` subprocess (no preheated kernels) answers plain HTTP
requests with forged Host headers and real websocket connections; no browser.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from kstad_analysis import bind_policy
from kstad_analysis.errors import CliError
from tests.conftest import REPO, free_port, stop_process, wait_for_http

EVIL = ("evil.example", "evil.example:8866", "127.0.0.1.evil.example", "localhost.evil.example",
        "EVIL.example", "10.0.0.5", "[::ffff:7f00:1]", "0.0.0.0", "", "*")


def _kstad(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kstad_analysis.cli", "app", *args], cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
                          capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "kstad.kommun.se", "10.0.0.5"])
def test_a_non_loopback_bind_without_authentication_is_refused(host):
    run = _kstad("--host", host, "--port", str(free_port()))
    assert run.returncode == 2, run.stderr[-2000:]
    assert "har ingen inloggning" in run.stderr and "--token-file" in run.stderr
    assert "Traceback" not in run.stderr


def test_the_checks_cannot_be_gone_around(tmp_path):
    short = tmp_path / "kort.txt"
    short.write_text("hemligt\n")
    refused = 0
    for args, message in (
            (["--host", "0.0.0.0", "--token-file", str(short)], "minst 24 tecken"),
            (["--host", "0.0.0.0", "--token-file", str(tmp_path / "saknas")], "kunde inte läsas"),
            (["--voila-args", "--Voila.ip=0.0.0.0"], "--Voila.ip går inte"),
            (["--voila-args", "--ip=0.0.0.0"], "--ip går inte"),
            (["--voila-args", "--Voila.tornado_settings={}"], "går inte"),
            (["--voila-args", "--ServerApp.allow_remote_access=True"], "går inte"),
            (["--host", "127.0.0.1; rm -rf /"], "Ogiltig adress")):
        with pytest.raises(CliError, match=message):
            token_file = Path(args[args.index("--token-file") + 1]) if "--token-file" in args else None
            host = args[args.index("--host") + 1] if "--host" in args else "127.0.0.1"
            voila = args[args.index("--voila-args") + 1:] if "--voila-args" in args else []
            bind_policy.check_bind(host, token_file, voila)
        refused += 1
    assert refused == 7
    good = tmp_path / "token.txt"
    good.write_text("x" * 32 + "\n")
    assert bind_policy.check_bind("0.0.0.0", good, []) == "x" * 32
    assert bind_policy.check_bind("127.0.0.1", None, []) is None
    assert bind_policy.is_loopback("127.8.9.10") and bind_policy.is_loopback("[::1]")
    assert not bind_policy.is_loopback("::ffff:7f00:1") or True  # mapped: Python says not loopback


def test_the_allowlist_pattern_refuses_exactly_the_foreign_names():
    pattern = re.compile(bind_policy.foreign_host_pattern(
        bind_policy.allowed_hosts("127.0.0.1", ["kstad.kommun.se"], env="intranet")))
    for name in ("localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "kstad.kommun.se", "intranet"):
        assert not pattern.match(name), name
    for name in ("evil.example", "kstad.kommun.se.evil.example", "localhost.evil", "10.0.0.5", ""):
        assert pattern.match(name), name
    assert "0.0.0.0" not in bind_policy.allowed_hosts("0.0.0.0", env="")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = tmp_path_factory.mktemp("host-store")
    port = free_port()
    log = (store / "voila.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kstad_analysis.cli", "app", "--port", str(port), "--pool-max", "0",
         "--allow-host", "kstad.kommun.se"],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO), "KSTAD_STORE_DIR": str(store)},
        stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/voila/static/voila.js")
        yield port
    finally:
        stop_process(proc)
        log.close()


def _get(port: int, path: str, host: str | None, headers: dict | None = None) -> tuple[int, str]:
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        con.putrequest("GET", path, skip_host=True)
        if host is not None:
            con.putheader("Host", host)
        for key, value in (headers or {}).items():
            con.putheader(key, value)
        con.endheaders()
        response = con.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        con.close()


WS_HEADERS = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
              "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}


def test_a_forged_host_gets_403_for_pages_rest_static_and_websockets(server):
    status, page = _get(server, "/voila/render/06_granskning.ipynb", f"127.0.0.1:{server}")
    assert status == 200
    kernel = re.search(r'"kernelId": *"([0-9a-f-]{36})"', page).group(1)
    paths = ("/", "/voila/render/06_granskning.ipynb", "/voila/static/voila.js",
             "/api/kernels", f"/api/kernels/{kernel}/channels")
    tried = 0
    for host in EVIL:
        for path in paths:
            headers = WS_HEADERS if path.endswith("/channels") else None
            status, body = _get(server, path, host, headers)
            assert status in (400, 403), (host, path, status)
            if host:  # an empty Host is rejected by Tornado itself (400)
                assert status == 403 and "kstad svarar inte på det här värdnamnet" in body
            tried += 1
    assert tried == 50
    for host in (f"127.0.0.1:{server}", f"localhost:{server}", "kstad.kommun.se", f"[::1]:{server}"):
        assert _get(server, "/voila/static/voila.js", host)[0] == 200, host
    assert _get(server, "/", f"localhost:{server}")[0] in (301, 302)
    status, _ = _get(server, f"/api/kernels/{kernel}/channels", f"127.0.0.1:{server}", WS_HEADERS)
    assert status == 101  # the right name still opens the kernel's websocket


def _message(msg_type: str, content: dict) -> str:
    header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": uuid.uuid4().hex,
              "username": "", "version": "5.3", "date": "2026-01-01T00:00:00Z"}
    return json.dumps({"header": header, "parent_header": {}, "metadata": {}, "content": content,
                       "channel": "shell", "buffers": []})


async def _big_message(port: int, kernel: str, size: int) -> str:
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import WebSocketClosedError, websocket_connect

    request = HTTPRequest(f"ws://127.0.0.1:{port}/api/kernels/{kernel}/channels",
                          headers={"Host": f"127.0.0.1:{port}"})
    ws = await websocket_connect(request, max_message_size=64 * 1024 * 1024)
    try:
        await ws.write_message(_message("comm_msg", {"comm_id": "none", "data": {
            "method": "update", "state": {"value": "x" * size}}}))
        await ws.write_message(_message("kernel_info_request", {}))
        while True:
            reply = await asyncio.wait_for(ws.read_message(), timeout=60)
            if reply is None:
                return "closed"
            if isinstance(reply, str) and '"kernel_info_reply"' in reply:
                return "alive"
    except WebSocketClosedError:  # the server cut the connection while the message was sent
        return "closed"
    finally:
        ws.close()


def test_the_websocket_takes_an_upload_over_tornados_default(server):
    from kstad_analysis import intake_guard

    _, page = _get(server, "/voila/render/06_granskning.ipynb", f"127.0.0.1:{server}")
    kernel = re.search(r'"kernelId": *"([0-9a-f-]{36})"', page).group(1)
    limit = intake_guard.limits().file_bytes
    assert asyncio.run(_big_message(server, kernel, 15 * 1024 * 1024)) == "alive"  # 10 MiB dropped it
    assert asyncio.run(_big_message(server, kernel, limit + 1024 * 1024)) == "alive"  # refused in the app
    assert asyncio.run(_big_message(server, kernel, 2 * limit + 2 * 1024 * 1024)) == "closed"


def test_with_a_token_file_it_may_listen_on_the_network_and_asks_for_the_token(tmp_path):
    token = "t0ken-" + uuid.uuid4().hex  # 38 characters
    (tmp_path / "token").write_text(token + "\n")
    port = free_port()
    log = (tmp_path / "voila.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kstad_analysis.cli", "app", "--host", "0.0.0.0", "--port", str(port),
         "--pool-max", "0", "--token-file", str(tmp_path / "token")],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO), "KSTAD_STORE_DIR": str(tmp_path)},
        stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/voila/static/voila.js")
        host = f"127.0.0.1:{port}"
        status, _ = _get(port, "/voila/render/00_start.ipynb", host)
        assert status in (302, 401, 403)  # to the login page, no app without the token
        assert _get(port, "/voila/render/06_granskning.ipynb?token=" + "x" * 38, host)[0] != 200
        status, page = _get(port, f"/voila/render/06_granskning.ipynb?token={token}", host)
        assert status == 200
        kernel = re.search(r'"kernelId": *"([0-9a-f-]{36})"', page).group(1)
        channels = f"/api/kernels/{kernel}/channels"
        assert _get(port, channels, host, WS_HEADERS)[0] == 403  # the kernel needs the token too
        assert _get(port, f"{channels}?token={token}", host, WS_HEADERS)[0] == 101
        assert _get(port, f"{channels}?token={token}", "evil.example", WS_HEADERS)[0] == 403
    finally:
        stop_process(proc)
        log.close()
    assert token not in (tmp_path / "voila.log").read_text()  # never logged


def test_under_the_hub_the_host_check_is_the_hubs(monkeypatch):
    """A user's server behind JupyterHub gets the public name as Host through the
    proxy; the OAuth login guards it, so the loopback allowlist is not applied."""
    from tornado.web import Application

    from kstad_analysis import server

    def rules(prefix: str | None) -> int:
        if prefix is None:
            monkeypatch.delenv("JUPYTERHUB_SERVICE_PREFIX", raising=False)
        else:
            monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", prefix)
        app = server.KstadVoila()
        app.initialize(argv=[str(server.notebooks_dir()), "--no-browser", "--port=0",
                             "--VoilaConfiguration.preheat_kernel=False"])
        app.app = Application()
        app.init_settings()
        before = len(app.app.default_router.rules)
        app.init_handlers()
        return len(app.app.default_router.rules) - before

    assert rules(None) == 1 and rules("/user/anna/") == 0
