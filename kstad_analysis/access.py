"""Who is acting, and may they: roles from the login, one ``require`` check.

Why here and why one check: the apps run in Voila kernels whose widget
messages a visitor can forge, so a button being hidden proves nothing. Every
action that changes shared state goes through :func:`require` in the kernel
(the store calls it itself), with the user taken from the login, never from
a text box.

Where the login comes from: under JupyterHub every user has their own
server, started by the hub with ``JUPYTERHUB_USER`` (the login name, after
the authenticator has checked it) and ``KSTAD_GROUPS`` (the user's hub
groups, set by ``deploy/jupyterhub_config.py``) in its environment; the
kernels inherit both. Without a hub (``kstad app`` on loopback, the CLI)
the person at the machine is the one analyst on their own computer: the
operating-system login, with the roles ``[lokalt]`` in
``data/config/access.toml`` gives (all of them by default).

Roles (``data/config/access.toml``): every user is a *läsare* (see every
app, move weights, save and delete their own scenarios, upload plans for
their own visit);
*analytiker* (configured users or hub groups) also upload plans for
everyone, take grouping decisions, name groups, run group weighting rounds (open and
close them; answering needs only a participant's personal link, whatever
the role) and save over or delete anyone's scenario; *beslutsfattare* mark a scenario
as beslut. Analytiker and beslutsfattare read and export the audit log (the
Granskning page). Roles add up; none implies another; an action may name
several roles, any one of which suffices.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kstad_analysis import config
from kstad_analysis.errors import AccessDenied
from kstad_analysis.i18n import t

READER, ANALYST, DECIDER = "lasare", "analytiker", "beslutsfattare"
ROLES = (READER, ANALYST, DECIDER)

#: What each action needs (one role, or several of which any suffices).
#: ``*_any`` actions are the ones on another user's work.
ACTIONS: Mapping[str, str | tuple[str, ...]] = {
    "view": READER,
    "save_scenario": READER,
    "delete_scenario": READER,
    "view_audit": (ANALYST, DECIDER),
    "export_audit": (ANALYST, DECIDER),
    "save_scenario_any": ANALYST,
    "delete_scenario_any": ANALYST,
    "upload_plans": ANALYST,
    "save_grouping": ANALYST,
    "delete_grouping": ANALYST,
    "name_group": ANALYST,
    "weighting_round": ANALYST,
    "answer_round": READER,
    "mark_decision": DECIDER,
}

LOGIN_ENV = "JUPYTERHUB_USER"
GROUPS_ENV = "KSTAD_GROUPS"
NAME_MAX = 120


@dataclass(frozen=True)
class User:
    """A logged-in user (or the local analyst) and the roles they hold.

    ``local`` marks the single-user mode without a login: there the name
    typed in a form may still be recorded (it is the analyst's own machine).
    """

    name: str
    roles: frozenset[str] = frozenset({READER})
    groups: tuple[str, ...] = ()
    local: bool = False

    def has(self, role: str) -> bool:
        return role in self.roles

    def may(self, action: str) -> bool:
        """True when :func:`require` would let ``action`` through."""
        return bool(set(_needed(action)) & self.roles)

    def role_labels(self) -> str:
        return ", ".join(t(f"access.role.{r}") for r in ROLES if r in self.roles)


def _needed(action: str) -> tuple[str, ...]:
    try:
        needed = ACTIONS[action]
    except KeyError:
        raise ValueError(f"unknown action {action!r}; known: {', '.join(ACTIONS)}") from None
    return (needed,) if isinstance(needed, str) else tuple(needed)


def require(user: User, action: str) -> User:
    """Let ``user`` do ``action`` or raise :class:`~kstad_analysis.errors.AccessDenied`
    with a Swedish message naming the user, the action and the role it needs."""
    if not isinstance(user, User):
        raise AccessDenied(t("access.no_user"))
    needed = _needed(action)
    if not set(needed) & user.roles:
        role = t("access.or").join(t(f"access.role.{r}") for r in needed)
        raise AccessDenied(t("access.denied", user=user.name, action=t(f"access.action.{action}"),
                             role=role, roles=user.role_labels()))
    return user


def _policy(directory: Any = None) -> dict[str, Any]:
    """``access.toml``; without one nobody gets extra roles under a hub, and
    the local analyst keeps every role (as before roles existed)."""
    try:
        return config.load("access", directory)
    except FileNotFoundError:
        return {}


def _names(values: object) -> set[str]:
    if not isinstance(values, list):
        return set()
    return {str(v).strip().lower() for v in values if str(v).strip()}


def _clean_login(name: object) -> str:
    text = str(name).strip() if isinstance(name, str) else ""
    if not text or len(text) > NAME_MAX or any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in text):
        raise AccessDenied(t("access.no_user"))
    return text


def user_named(name: str, groups: Iterable[str] = (), *, policy: Mapping[str, Any] | None = None) -> User:
    """The user logged in as ``name`` (member of hub ``groups``) with the
    roles ``access.toml`` gives them."""
    login = _clean_login(name)
    group_set = tuple(sorted({g.strip() for g in groups if isinstance(g, str) and g.strip()}))
    rules = (policy if policy is not None else _policy()).get("roller", {})
    roles = {READER}
    for role in (ANALYST, DECIDER):
        rule = rules.get(role, {})
        if login.lower() in _names(rule.get("anvandare")) or _names(rule.get("grupper")) & {
                g.lower() for g in group_set}:
            roles.add(role)
    return User(login, frozenset(roles), group_set)


def local_user(*, policy: Mapping[str, Any] | None = None) -> User:
    """The analyst at their own machine (no hub): the OS login, roles from ``[lokalt]``."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        name = "lokal"
    wanted = (policy if policy is not None else _policy()).get("lokalt", {}).get("roller", list(ROLES))
    roles = {READER} | {r for r in ROLES if r in _names(wanted)}
    return User(_clean_login(name) if name else "lokal", frozenset(roles), (), local=True)


def current_user(env: Mapping[str, str] | None = None) -> User:
    """Who this process acts for: the hub login if there is one, else the local analyst."""
    environ = os.environ if env is None else env
    login = environ.get(LOGIN_ENV, "")
    if login:
        groups = [g for g in environ.get(GROUPS_ENV, "").split(",") if g.strip()]
        return user_named(login, groups)
    return local_user()


def recorded_name(user: User, typed: object = "", *, required: bool = False) -> str:
    """The name to record for an action: the login, except that the local
    analyst (no hub) records what they typed (e.g. "Kommunstyrelsen", or
    nothing; their login when a name is ``required`` and none was typed)."""
    if user.local:
        text = typed.strip() if isinstance(typed, str) else ""
        return text or (user.name if required else "")
    return user.name


__all__ = [
    "ACTIONS", "ANALYST", "DECIDER", "READER", "ROLES", "AccessDenied", "User", "current_user",
    "local_user", "recorded_name", "require", "user_named",
]
