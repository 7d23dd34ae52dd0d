"""Where ``kstad app`` may listen, and which Host headers it answers.

Why: ``kstad app`` is the single-user way (one analyst, their own machine);
it has no login. Bound to anything but loopback, anyone on the network could
mark beslut or delete decisions, so that is refused unless an explicit
authentication is configured (a token file; many users belong behind
JupyterHub, ``deploy/``). And a page on another site can make the analyst's
browser talk to ``127.0.0.1`` under its own name (DNS rebinding: the browser
sends ``Host: evil.example``), so the server answers only Host names on an
allowlist: the loopback names, the address it is bound to, and the names
given with ``--allow-host`` or ``KSTAD_ALLOWED_HOSTS``; anything else gets
403, for pages, REST and the kernels' websockets alike.

Light on purpose: the CLI imports it to check its arguments before Voila is
imported.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Iterable
from pathlib import Path

from kstad_analysis.errors import CliError
from kstad_analysis.i18n import t

ALLOWED_HOSTS_ENV = "KSTAD_ALLOWED_HOSTS"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
TOKEN_MIN = 24
#: Voila options that would undo the checks if passed through ``--voila-args``.
GUARDED_VOILA_OPTIONS = re.compile(r"^--(?:Voila\.)?(?:ip|token|auto_token|tornado_settings)\b|"
                                   r"^--(?:ServerApp|Voila)\.allow_remote_access\b|^--token\b")
_HOST_NAME = re.compile(r"^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}))$")


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def read_token(path: Path) -> str:
    """The token in ``path`` (first line), at least ``TOKEN_MIN`` characters, else ``CliError``."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        token = lines[0].strip() if lines else ""
    except OSError as exc:
        raise CliError(t("sec.cli.token_unreadable", path=str(path), error=exc.strerror or exc)) from None
    if len(token) < TOKEN_MIN or any(c.isspace() for c in token):
        raise CliError(t("sec.cli.token_short", path=str(path), min=TOKEN_MIN))
    return token


def check_bind(host: str, token_file: Path | None, voila_args: Iterable[str]) -> str | None:
    """Refuse what would expose the apps without a login; the token (or None).

    Loopback needs nothing; any other address needs ``--token-file``. Voila
    flags that set the address or the authentication are refused, so they
    cannot go around this check.
    """
    for arg in voila_args:
        if GUARDED_VOILA_OPTIONS.match(str(arg)):
            raise CliError(t("sec.cli.voila_arg", arg=str(arg).split("=", 1)[0]))
    if not _HOST_NAME.match(host.strip()) and not _is_address(host):
        raise CliError(t("sec.cli.bad_host", host=host))
    if is_loopback(host):
        return read_token(token_file) if token_file is not None else None
    if token_file is None:
        raise CliError(t("sec.cli.remote_needs_auth", host=host))
    return read_token(token_file)


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip().strip("[]"))
        return True
    except ValueError:
        return False


def allowed_hosts(bound: str = "127.0.0.1", extra: Iterable[str] = (),
                  env: str | None = None) -> tuple[str, ...]:
    """The Host names answered: loopback, the bound address (unless a wildcard),
    ``extra`` and ``KSTAD_ALLOWED_HOSTS`` (comma-separated), lower case."""
    names = list(LOOPBACK_NAMES)
    text = bound.strip().lower()
    if text and not _is_wildcard(text):
        names.append(text)
        if ":" in text and not text.startswith("["):
            names.append(f"[{text}]")
    configured = os.environ.get(ALLOWED_HOSTS_ENV, "") if env is None else env
    names += [n.strip().lower() for n in (*extra, *configured.split(",")) if n.strip()]
    return tuple(dict.fromkeys(names))


def _is_wildcard(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def foreign_host_pattern(names: Iterable[str]) -> str:
    """A regex matching every Host name *not* allowed (Tornado's ``HostMatches``
    gets the name without port, lower case); any 127.x.y.z counts as loopback."""
    allowed = "|".join([r"127(?:\.\d{1,3}){3}", *(re.escape(n) for n in names)])
    return rf"^(?!(?:{allowed})$).*$"


__all__ = ["ALLOWED_HOSTS_ENV", "allowed_hosts", "check_bind", "foreign_host_pattern", "is_loopback",
           "read_token"]
