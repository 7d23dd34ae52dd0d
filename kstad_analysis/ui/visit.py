"""A visit: one visitor's flow through the apps, from upload to decision.

Why: each app runs in its own Voila kernel, so without a shared notion of
"this visitor" an upload in Prioritering would be gone in Budget, and the
scenario opened in one app unknown in the next. A visit id (random,
unguessable) travels in the apps' links as ``?besok=<id>``; the store keeps
the visit's validated uploads and its current scenario
(``kstad_analysis.store_visits``). A page opened without an id starts a new
visit, and its links carry that id onward.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs

from kstad_analysis.constants import APPS
from kstad_analysis.i18n import t
from kstad_analysis.intake import Plans, read_plans
from kstad_analysis.store import Store
from kstad_analysis.store_visits import VISIT_ID, VisitState
from kstad_analysis.ui.common import esc, plan_inputs

VISIT_PARAM = "besok"
QUERY_ENV = "QUERY_STRING"
START = "00_start.ipynb"


def visit_id_from_query(query: object) -> str | None:
    """The visit id in a query string, if it looks like one we hand out."""
    if not isinstance(query, str):
        return None
    found = parse_qs(query[:2000]).get(VISIT_PARAM, [])
    return found[0] if found and VISIT_ID.match(found[0]) else None


def new_visit_id() -> str:
    return secrets.token_urlsafe(18)


def plans_of(state: VisitState, base: Sequence[Path] | None = None) -> Plans:
    """The plans a visit shows: its files, beside the base plans (the sample or
    ``kstad app --data``) unless it replaced them."""
    inputs = tuple(str(p) for p in (plan_inputs() if base is None else base))
    digest = hashlib.sha256("\0".join(inputs).encode() if state.with_sample else b"own")
    for name, content in state.files:
        digest.update(name.encode("utf-8", "replace") + b"\0" + hashlib.sha256(content).digest())
    return _plans_cached(digest.hexdigest(), inputs if state.with_sample else (), state.files)


@lru_cache(maxsize=8)
def _plans_cached(_key: str, base: tuple[str, ...],
                  files: tuple[tuple[str, bytes], ...]) -> Plans:
    folder = Path(tempfile.mkdtemp(prefix="kstad-visit-"))
    try:
        for name, content in files:
            target = folder / name
            for n in range(2, len(files) + 2):  # two uploads, one name: keep both
                if not target.exists():
                    break
                target = folder / f"{Path(name).stem}_{n}{Path(name).suffix}"
            target.write_bytes(content)
        inputs: list[str | Path] = list(base)
        if files or not inputs:
            inputs.append(folder)
        plans = read_plans(inputs)
        for problem in (*plans.errors, *plans.warnings):  # no temporary paths in messages
            for attr in ("file", "message"):
                value = getattr(problem, attr, None)
                if isinstance(value, str) and str(folder) in value:
                    object.__setattr__(problem, attr, value.replace(str(folder) + os.sep, ""))
        plans.files = [Path(p.name) for p in plans.files]
        return plans
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class Visit:
    """One visit: its id, its stored state and the links that keep it."""

    def __init__(self, visit_id: str | None = None, store: Store | None = None):
        self.id = visit_id if isinstance(visit_id, str) and VISIT_ID.match(visit_id) \
            else new_visit_id()
        self._store = store

    @classmethod
    def from_request(cls, store: Store | None = None) -> Visit:
        """The visit named in this page's address (Voila puts the query string
        in the kernel's environment), or a new one."""
        return cls(visit_id_from_query(os.environ.get(QUERY_ENV, "")), store)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store()
        return self._store

    def state(self) -> VisitState:
        try:
            return self.store.visit(self.id)
        except Exception:  # noqa: BLE001 - a broken store must not stop the page
            return VisitState(self.id)

    @property
    def scenario_name(self) -> str:
        return self.state().scenario_name

    def remember_scenario(self, name: str) -> None:
        try:
            self.store.set_visit_scenario(self.id, name)
        except Exception:  # noqa: BLE001, S110 - the page goes on; the next app starts fresh
            pass

    def link(self, notebook: str) -> str:
        return f"{notebook}?{VISIT_PARAM}={self.id}"

    def nav_html(self, current: str = "") -> str:
        """Links to every app that keep this visit; the current page unlinked."""
        items = []
        for notebook, key in ((START, "app.nav.start"), *APPS):
            label = esc(t(key))
            if notebook == current:
                items.append(f"<span class='kstad-nav-here' aria-current='page'>{label}</span>")
            else:
                items.append(f"<a class='kstad-nav-link' href='{esc(self.link(notebook))}'>{label}</a>")
        return f"<nav class='kstad-nav' aria-label='{esc(t('app.nav.label'))}'>{''.join(items)}</nav>"
