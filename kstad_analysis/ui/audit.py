"""Granskning: the audit log on a page, filtered, and exported to Excel.

Why a page: decisions taken with kstad are public documents to be archived,
and who saved, deleted or decided what, on which version, is what an
auditor or registrar asks. The log itself is the store's append-only
``audit_log`` (``store_audit``); this page only reads it (``audit_table``:
Swedish headers and action names) and exports it whole through
``export_audit`` (formula-like names made inert).

Who sees it: analytiker and beslutsfattare (``access.ACTIONS["view_audit"]``);
anyone else gets a Swedish "ingen behörighet" message and no rows, and the
callbacks check again (a visitor can send the button's message anyway).
"""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path

import ipywidgets as w
import pandas as pd

from kstad_analysis import guards
from kstad_analysis.access import User
from kstad_analysis.errors import AccessDenied, StoreError
from kstad_analysis.i18n import t
from kstad_analysis.store import Store
from kstad_analysis.store_audit import AUDIT_ACTIONS
from kstad_analysis.ui.common import esc, html_table
from kstad_analysis.ui.downloads import MAX_BYTES, XLSX_MIME
from kstad_analysis.ui.roles import current_login, login_html, may, refusal

PAGE = "06_granskning.ipynb"
ROWS_SHOWN = 500
SEARCH_MAX = 120
DETAIL_SHOWN = 200


class AuditPage:
    """The Granskning page; ``page.widget()`` goes in the notebook."""

    def __init__(self, store: Store | None = None, user: User | None = None):
        self._store = store
        self.user = user if user is not None else current_login()
        self.login = w.HTML(login_html(self.user))
        self.search = w.Text(description=t("sec.audit.search"),
                             placeholder=t("sec.audit.search_hint"), continuous_update=False)
        self.search.add_class("kstad-audit-search")
        self.action = w.Dropdown(description=t("sec.audit.action"), options=[
            (t("sec.audit.all"), ""), *((t(f"audit.action.{a}"), a) for a in AUDIT_ACTIONS)])
        self.action.add_class("kstad-audit-action")
        self.refresh_button = w.Button(description=t("sec.audit.refresh"), icon="refresh")
        self.export_button = w.Button(description=t("sec.audit.export"), icon="download")
        self.export_button.add_class("kstad-audit-export")
        self.count = w.HTML()
        self.count.add_class("kstad-audit-count")
        self.table = w.HTML()
        self.table.add_class("kstad-audit-table")
        self.link = w.HTML()
        self.link.add_class("kstad-audit-link")
        self.status = w.HTML()
        self.status.add_class("kstad-audit-status")
        self.search.observe(lambda _: self.render(), names="value")
        self.action.observe(lambda _: self.render(), names="value")
        self.refresh_button.on_click(lambda _: self.render())
        self.export_button.on_click(lambda _: self.export())
        self.allowed = may(self.user, "view_audit")
        for control in (self.search, self.action, self.refresh_button, self.export_button):
            control.disabled = not self.allowed
        self.render()

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store()
        return self._store

    def _denied(self, action: str) -> bool:
        if may(self.user, action):
            return False
        self.table.value = self.count.value = self.link.value = ""
        self.status.value = (f"<div class='kstad-error kstad-no-access'><b>"
                             f"{esc(t('sec.audit.denied'))}</b> {esc(refusal(self.user, action))}</div>")
        return True

    def rows(self) -> pd.DataFrame:
        """The audit log, newest first, filtered by the page's choices (hostile values ignored)."""
        frame = self.store.audit_table()
        action = guards.choice(self.action.value, ("", *AUDIT_ACTIONS), "")
        if action:
            frame = frame[frame[t("audit.column.action")] == t(f"audit.action.{action}")]
        needle = guards.safe_text(self.search.value, SEARCH_MAX).casefold()
        if needle:
            text = frame.astype(str).agg(" ".join, axis=1).str.casefold()
            frame = frame[text.str.contains(needle, regex=False)]
        return frame.iloc[::-1]

    def render(self) -> None:
        """Show the (filtered) log; refused for roles without ``view_audit``."""
        if self._denied("view_audit"):
            return
        try:
            total = len(self.store.audit_log())
            shown = self.rows()
        except (StoreError, OSError) as exc:
            self.status.value = f"<span class='kstad-error'>{esc(str(exc))}</span>"
            return
        detail = t("audit.column.detail")
        shown = shown.assign(**{detail: shown[detail].astype(str).str.slice(0, DETAIL_SHOWN)})
        count = t("sec.audit.count", shown=min(len(shown), ROWS_SHOWN), matching=len(shown),
                  total=total)
        self.count.value = f"<p class='kstad-muted'>{esc(count)}</p>"
        self.table.value = (html_table(shown, max_rows=ROWS_SHOWN) if len(shown) else
                            f"<p class='kstad-muted'>{esc(t('sec.audit.empty'))}</p>")
        self.status.value = ""

    def export(self) -> str:
        """The whole log as an Excel file behind a download link (for the archive)."""
        if self._denied("export_audit"):
            return ""
        try:
            with tempfile.TemporaryDirectory(prefix="kstad-audit-") as folder:
                path = self.store.export_audit(Path(folder) / "kstad-handelselogg.xlsx", "xlsx",
                                               user=self.user)
                data = path.read_bytes()
        except (AccessDenied, StoreError, OSError, ValueError) as exc:
            self.status.value = f"<span class='kstad-error'>{esc(str(exc))}</span>"
            return ""
        if len(data) > MAX_BYTES:
            self.link.value = f"<span class='kstad-error'>{esc(t('app.download.too_big'))}</span>"
            return self.link.value
        encoded = base64.b64encode(data).decode("ascii")
        self.link.value = (f"<a class='kstad-download-link' download='kstad-handelselogg.xlsx' "
                           f"href='data:{XLSX_MIME};base64,{encoded}'>"
                           f"{esc(t('app.download.ready', name='kstad-handelselogg.xlsx'))}</a>")
        return self.link.value

    def on_visit(self, visit: object = None) -> None:
        """A visitor opened the preheated page: read the log as it is now."""
        self.render()

    def widget(self) -> w.Widget:
        header = w.HTML(f"<h1>{esc(t('sec.audit.title'))}</h1>"
                        f"<p class='kstad-lead'>{esc(t('sec.audit.lead'))}</p>")
        parts: list[w.Widget] = [header, self.login, self.status]
        if self.allowed:
            parts[2:2] = [w.HBox([self.search, self.action, self.refresh_button]),
                          w.HBox([self.export_button, self.link]), self.count, self.table]
        page = w.VBox(parts)
        page.add_class("kstad-audit")
        return page


def audit_app() -> w.Widget:
    """Entry point for notebooks/06_granskning.ipynb."""
    return AuditPage().widget()


__all__ = ["AuditPage", "audit_app"]
