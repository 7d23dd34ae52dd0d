"""Which plans an app shows: the bundled sample, or files uploaded during the visit.

Why validated before use: a manager may upload a broken spreadsheet. The
errors are shown in Swedish in the page, and nothing from a bad upload is kept
(the temporary copies are deleted and the previous data stays active).

Why per visit: an upload is for the whole visit, not one page. A valid upload
is kept in the store under the visit (``ui.visit``), so every app the visitor
opens next (each its own kernel) shows the same plans; the visitor chooses
to add the files to the current data or to replace it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import ipywidgets as w

from kstad_analysis import guards
from kstad_analysis.export import safe_filename
from kstad_analysis.i18n import t
from kstad_analysis.intake import SUFFIXES, Plans
from kstad_analysis.store_visits import VisitState
from kstad_analysis.ui.common import app_plans, esc, plan_inputs
from kstad_analysis.ui.visit import Visit, plans_of

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UPLOAD_FILES = 30


class DataSource:
    """Holds the active plans and tells listeners when they change.

    ``state`` is what the plans are made of (the base plans or not, and the
    uploaded files); with a ``visit`` it is read from and saved to the store.
    """

    MODES = ("replace", "add")

    def __init__(self, plans: Plans | None = None, visit: Visit | None = None):
        self.plans = plans or app_plans()
        self.base = list(self.plans.files) if plans is not None else plan_inputs()
        self.state = VisitState(visit.id if visit else "local")
        self.visit = visit
        self._listeners: list[Callable[[Plans], None]] = []
        self.status = w.HTML(self._status_html())
        self.status.add_class("kstad-data-status")
        self.mode = w.ToggleButtons(
            options=[(t(f"app.data.mode.{m}"), m) for m in self.MODES], value="replace",
            description=t("app.data.mode"), style={"button_width": "190px"})
        self.mode.add_class("kstad-upload-mode")
        self.picker: w.FileUpload | None = None

    def on_change(self, callback: Callable[[Plans], None]) -> None:
        self._listeners.append(callback)

    def attach(self, visit: Visit) -> None:
        """Join a visit: show the plans it uploaded (from any app), if any."""
        self.visit = visit
        state = visit.state()
        if state == self.state or (not state.own_data and not self.state.own_data):
            self.state = state
            return
        plans = plans_of(state, self.base)
        if not plans.ok:  # validated when uploaded; a changed parser may disagree
            self.status.value = self._status_html([str(p) for p in plans.errors])
            return
        self.state = state
        self.set_plans(plans)

    def set_plans(self, plans: Plans) -> None:
        self.plans = plans
        self.status.value = self._status_html()
        for callback in self._listeners:
            callback(plans)

    def _status_html(self, errors: list[str] | None = None, note: str = "") -> str:
        names = [Path(f).name for f in self.plans.files]
        files = ", ".join(esc(n) for n in names[:3])
        if len(names) > 3:
            files += " " + esc(t("app.data.more_files", count=len(names) - 3))
        text = f"<span>{esc(t('app.data.active'))}: {files} – {esc(self.plans.summary())}</span>"
        if self.state.own_data:
            text += f" <span class='kstad-muted kstad-own-data'>{esc(t('app.data.own'))}</span>"
        if note:
            text += f"<div class='kstad-ok kstad-upload-ok'>{esc(note)}</div>"
        if errors:
            items = "".join(f"<li>{esc(e)}</li>" for e in errors[:100])
            more = len(errors) - 100
            if more > 0:
                items += f"<li>{esc(t('app.data.more_errors', count=more))}</li>"
            text += (f"<div class='kstad-upload-errors'><b>{esc(t('app.data.rejected'))}</b>"
                     f"<ul>{items}</ul></div>")
        return text

    def _reject(self, errors: list[str]) -> None:
        self.status.value = self._status_html(errors)
        if self.picker is not None:
            self.picker.value = ()  # the button counts accepted files only

    def load_uploads(self, uploads: list[dict], mode: object = None) -> Plans | None:
        """Validate uploaded files with the data they join; switch to them only
        when everything is valid, and keep them for the visit."""
        if not uploads:
            return None
        replace_all = guards.choice(mode if mode is not None else self.mode.value,
                                    self.MODES, "replace") == "replace"
        if len(uploads) > MAX_UPLOAD_FILES:
            self._reject([t("app.data.too_many", limit=MAX_UPLOAD_FILES)])
            return None
        problems, files = [], []
        for item in uploads:
            name = safe_filename(str(item.get("name", "")), default="plan.xlsx")
            raw = item.get("content", b"")
            # only real file bytes: bytes(10**10) would allocate 10 GB
            content = bytes(raw) if isinstance(raw, bytes | bytearray | memoryview) else b""
            if Path(name).suffix.lower() not in SUFFIXES:
                problems.append(t("app.data.bad_suffix", name=name))
            elif len(content) > MAX_UPLOAD_BYTES:
                problems.append(t("app.data.too_big", name=name))
            else:
                files.append((name, content))
        if problems:
            self._reject(problems)
            return None
        if replace_all:
            state = replace(self.state, with_sample=False, files=tuple(files))
        else:
            state = replace(self.state, files=self.state.files + tuple(files))
        plans = plans_of(state, self.base)
        if not plans.ok:
            self._reject([str(p) for p in plans.errors])
            return None
        if self.visit is not None:
            try:
                state = self.visit.store.save_visit_files(self.visit.id, files, replace=replace_all)
            except (ValueError, OSError) as exc:
                self._reject([t("app.data.store_error", error=str(exc)[:200])])
                return None
        self.state = state
        self.set_plans(plans)
        count = t("intake.files.one" if len(files) == 1 else "intake.files.many", n=len(files))
        self.status.value = self._status_html(note=t("app.data.kept", files=count))
        return plans

    def reset(self) -> None:
        """Back to the base plans, for this page and (with a visit) the others."""
        if self.visit is not None:
            try:
                self.visit.store.reset_visit_data(self.visit.id)
            except (ValueError, OSError):
                pass
        self.state = replace(self.state, with_sample=True, files=())
        if self.picker is not None:
            self.picker.value = ()
        self.set_plans(plans_of(self.state, self.base) if self.base != plan_inputs()
                       else app_plans())

    def upload_widget(self) -> w.Widget:
        """A file picker (xlsx/csv, several files), add-or-replace, and back to the sample."""
        picker = w.FileUpload(accept=",".join(SUFFIXES), multiple=True,
                              description=t("app.data.upload"))
        picker.add_class("kstad-upload")
        self.picker = picker
        reset = w.Button(description=t("app.data.reset"), icon="undo")
        reset.add_class("kstad-upload-reset")

        def _uploaded(change: dict) -> None:
            value = change.get("new") or ()
            if value:
                self.load_uploads([dict(v) for v in value if isinstance(v, dict)])

        picker.observe(_uploaded, names="value")
        reset.on_click(lambda _: self.reset())
        box = w.VBox([w.HBox([picker, self.mode, reset]), self.status])
        box.add_class("kstad-data-source")
        return box
