"""Who is logged in, for the apps: the login, its refusal messages, closing widgets.

Why a module: every app that changes shared state (scenarios, grouping
decisions, uploads, the audit page) shows the login instead of a name box,
checks the role in its callbacks (a visitor can send any widget message,
even a click on a disabled button) and shows the same Swedish refusal. The
store checks again; these checks only make the refusal reach the page.
"""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as w

from kstad_analysis import access
from kstad_analysis.access import User
from kstad_analysis.errors import AccessDenied
from kstad_analysis.escaping import esc
from kstad_analysis.i18n import t


def current_login() -> User | None:
    """The user this kernel acts for; None (every action refused) if the login is unusable."""
    try:
        return access.current_user()
    except AccessDenied:
        return None


def may(user: User | None, action: str) -> bool:
    return user is not None and user.may(action)


def refusal(user: User | None, action: str) -> str:
    """The Swedish refusal for ``action`` ("" when it is allowed)."""
    try:
        access.require(user, action)  # type: ignore[arg-type]
    except AccessDenied as exc:
        return str(exc)
    return ""


def login_html(user: User | None) -> str:
    """"Inloggad som anna (läsare, analytiker)", escaped."""
    if user is None:
        return f"<span class='kstad-error'>{esc(t('access.no_user'))}</span>"
    key = "sec.local" if user.local else "sec.login"
    return f"<span class='kstad-muted'>{esc(t(key, name=user.name, roles=user.role_labels()))}</span>"


def close_all(widgets: Iterable[w.Widget]) -> None:
    """Close widgets and everything inside them (children, layouts, styles):
    a closed widget's model is dropped from the kernel and the page."""
    for widget in widgets:
        close_all(getattr(widget, "children", ()))
        for part in ("layout", "style"):
            sub = getattr(widget, part, None)
            if isinstance(sub, w.Widget):
                sub.close()
        widget.close()


__all__ = ["close_all", "current_login", "login_html", "may", "refusal"]
