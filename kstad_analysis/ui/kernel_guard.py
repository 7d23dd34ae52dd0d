"""No tracebacks over the websocket: callback errors logged in the kernel, a Swedish message sent.

Why: standalone Voila forwards every widget message, and when a value is
rejected (a slider sent a text) or a callback raises, ipywidgets calls the
shell's ``showtraceback``, which sends the whole traceback (file paths,
source lines, the values) to the page as an ``error`` message. The page
hides it, but it has been sent (defect 6 of issue 17). Every widget path
ends in ``showtraceback`` (``Widget._handle_msg`` and the click dispatcher
both call it), so that is the one place guarded: :func:`install` replaces it
on the kernel's shell with :func:`report`, which

* logs the traceback with a short reference on the server side: the
  kernel's original stderr (the Voila/hub server log), never the captured
  stderr that ipykernel forwards to the page;
* sends an ``error`` message whose only text is a Swedish sentence (the
  user-facing message of our own errors, else "something went wrong,
  reference abc123");
* shows that sentence in the status widgets the apps registered
  (:func:`add_sink`).

A rejected widget value also puts the kernel's value back on the page
(``send_state``), so the page never shows a value the kernel refused.
Installed when ``kstad_analysis.ui`` is imported inside a kernel the apps'
server started (``KSTAD_APP_KERNEL=1``, set by ``kstad app`` and the hub's
spawner), so an analyst in JupyterLab keeps real tracebacks.
"""

from __future__ import annotations

import logging
import os
import secrets
import sys
import weakref
from types import MethodType
from typing import Any

from kstad_analysis.errors import (
    AccessDenied,
    BenefitParamError,
    NotFound,
    NumberError,
    ReportError,
    ScenarioError,
    StoreError,
    WeightError,
)
from kstad_analysis.escaping import esc
from kstad_analysis.i18n import t

LOG = logging.getLogger("kstad_analysis.apps")
#: Set in the environment of the apps' kernels (``server.serve``, ``deploy/jupyterhub_config.py``).
APP_KERNEL_ENV = "KSTAD_APP_KERNEL"
#: Our errors carry a Swedish message meant for the user; others get the generic one.
USER_ERRORS = (AccessDenied, StoreError, ScenarioError, WeightError, NotFound, ReportError,
               BenefitParamError, NumberError)
MESSAGE_MAX = 500
_SINKS: weakref.WeakSet[Any] = weakref.WeakSet()
_PATCHED = {"set_state": False}


class KstadError(Exception):
    """The exception class named in the ``error`` message sent (not the real one)."""


def _server_stream() -> Any:
    """The kernel's own stderr, not the one ipykernel forwards to the page."""
    copy = getattr(sys.stderr, "_original_stdstream_copy", None)
    if isinstance(copy, int):
        try:
            return open(os.dup(copy), "w", encoding="utf-8", errors="replace", buffering=1)  # noqa: SIM115
        except OSError:
            pass
    return sys.__stderr__


def _ensure_handler() -> None:
    if any(getattr(h, "_kstad", False) for h in LOG.handlers):
        return
    handler = logging.StreamHandler(_server_stream())
    handler.setFormatter(logging.Formatter("%(asctime)s kstad %(levelname)s %(message)s"))
    handler._kstad = True  # type: ignore[attr-defined]
    LOG.addHandler(handler)
    LOG.setLevel(logging.INFO)
    LOG.propagate = False  # the root logger's last resort writes to the forwarded stderr
    comm_log = logging.getLogger("Comm")  # "Exception in comm_msg …" with a traceback
    comm_log.propagate = False
    comm_log.addHandler(handler)


def user_message(exc: BaseException, reference: str) -> str:
    """What the visitor is told: our own Swedish message, or a generic one with a reference."""
    from traitlets import TraitError

    if isinstance(exc, USER_ERRORS):
        text = str(exc).strip()
        if text:
            return text[:MESSAGE_MAX]
    if isinstance(exc, TraitError):
        return t("sec.guard.rejected", ref=reference)
    return t("sec.guard.error", ref=reference)


def report(exc: BaseException, where: str = "") -> str:
    """Log ``exc`` with its traceback on the server, show the Swedish message
    in the registered status widgets, and return that message."""
    reference = secrets.token_hex(4)
    LOG.error("fel %s i %s", reference, where or "widget", exc_info=(type(exc), exc, exc.__traceback__))
    message = user_message(exc, reference)
    for sink in list(_SINKS):
        try:
            sink.value = f"<span class='kstad-error'>{esc(message)}</span>"
        except Exception:  # noqa: BLE001, S112 - a closed widget cannot show it; others still do
            continue
    return message


def add_sink(widget: Any) -> None:
    """Show guarded errors in ``widget`` (an ``HTML`` status line) too."""
    _SINKS.add(widget)


def _guarded_showtraceback(shell: Any, exc_tuple: Any = None, *_args: Any, **_kwargs: Any) -> None:
    etype, value, _tb = exc_tuple if exc_tuple else sys.exc_info()
    if value is None:
        return
    message = report(value, getattr(etype, "__name__", ""))
    send = getattr(shell, "_showtraceback", None)
    if callable(send):
        send(KstadError, message, [message])


def _patch_set_state() -> None:
    """A rejected value puts the kernel's value back on the page (then is reported)."""
    if _PATCHED["set_state"]:
        return
    import ipywidgets as w
    from traitlets import TraitError

    original = w.Widget.set_state

    def set_state(self: Any, sync_data: Any) -> None:
        try:
            original(self, sync_data)
        except TraitError:
            keys = [k for k in sync_data if k in self.keys] if isinstance(sync_data, dict) else None
            try:
                self.send_state(keys or None)
            except Exception:  # noqa: BLE001 - the report below still reaches the server log
                LOG.warning("kunde inte återställa widgetens värde", exc_info=True)
            raise

    set_state.__doc__ = original.__doc__
    w.Widget.set_state = set_state  # type: ignore[method-assign]
    _PATCHED["set_state"] = True


def install(shell: Any = None) -> bool:
    """Guard the running kernel (no-op outside one, or if already guarded);
    without an explicit ``shell`` only in an app kernel (``APP_KERNEL_ENV``)."""
    if shell is None:
        if os.environ.get(APP_KERNEL_ENV) != "1":
            return False
        ipython = sys.modules.get("IPython")  # a kernel has imported it; never import it here
        shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or not hasattr(shell, "_showtraceback") or getattr(shell, "_kstad_guarded", False):
        return False
    _ensure_handler()
    shell.showtraceback = MethodType(_guarded_showtraceback, shell)
    shell._kstad_guarded = True
    _patch_set_state()
    return True


__all__ = ["APP_KERNEL_ENV", "KstadError", "add_sink", "install", "report", "user_message"]
