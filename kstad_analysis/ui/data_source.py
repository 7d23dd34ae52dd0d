"""Which plans an app shows: the bundled sample, or files uploaded in the page.

Why validated before use: a manager may upload a broken spreadsheet. The
errors are shown in Swedish in the page, and nothing from a bad upload is kept
(the temporary copies are deleted and the previous data stays active).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w

from kstad_analysis.export import safe_filename
from kstad_analysis.i18n import t
from kstad_analysis.intake import SUFFIXES, Plans, read_plans
from kstad_analysis.ui.common import app_plans, esc

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UPLOAD_FILES = 30


class DataSource:
    """Holds the active plans and tells listeners when they change."""

    def __init__(self, plans: Plans | None = None):
        self.plans = plans or app_plans()
        self._listeners: list[Callable[[Plans], None]] = []
        self.status = w.HTML(self._status_html())
        self.status.add_class("kstad-data-status")

    def on_change(self, callback: Callable[[Plans], None]) -> None:
        self._listeners.append(callback)

    def set_plans(self, plans: Plans) -> None:
        self.plans = plans
        self.status.value = self._status_html()
        for callback in self._listeners:
            callback(plans)

    def _status_html(self, errors: list[str] | None = None) -> str:
        names = [Path(f).name for f in self.plans.files]
        files = ", ".join(esc(n) for n in names[:3])
        if len(names) > 3:
            files += " " + esc(t("app.data.more_files", count=len(names) - 3))
        text = f"<span>{esc(t('app.data.active'))}: {files} – {esc(self.plans.summary())}</span>"
        if errors:
            items = "".join(f"<li>{esc(e)}</li>" for e in errors[:100])
            more = len(errors) - 100
            if more > 0:
                items += f"<li>{esc(t('app.data.more_errors', count=more))}</li>"
            text += (f"<div class='kstad-upload-errors'><b>{esc(t('app.data.rejected'))}</b>"
                     f"<ul>{items}</ul></div>")
        return text

    def load_uploads(self, uploads: list[dict]) -> Plans | None:
        """Validate uploaded files; switch to them only when they are valid."""
        if not uploads:
            return None
        if len(uploads) > MAX_UPLOAD_FILES:
            self.status.value = self._status_html([t("app.data.too_many", limit=MAX_UPLOAD_FILES)])
            return None
        tmp = Path(tempfile.mkdtemp(prefix="kstad-upload-"))
        try:
            problems = []
            for item in uploads:
                name = safe_filename(str(item.get("name", "")), default="plan.xlsx")
                raw = item.get("content", b"")
                # only real file bytes: bytes(10**10) would allocate 10 GB
                content = bytes(raw) if isinstance(raw, bytes | bytearray | memoryview) else b""
                if Path(name).suffix.lower() not in SUFFIXES:
                    problems.append(t("app.data.bad_suffix", name=name))
                    continue
                if len(content) > MAX_UPLOAD_BYTES:
                    problems.append(t("app.data.too_big", name=name))
                    continue
                target = tmp / name
                for n in range(2, MAX_UPLOAD_FILES + 2):  # two files, one safe name: keep both
                    if not target.exists():
                        break
                    target = tmp / f"{Path(name).stem}_{n}{Path(name).suffix}"
                target.write_bytes(content)
            plans = read_plans([tmp]) if not problems else None
            if plans is None or not plans.ok:
                errors = problems + ([str(p) for p in plans.errors] if plans else [])
                self.status.value = self._status_html(
                    [e.replace(str(tmp) + "/", "") for e in errors]
                )
                return None
            plans.files = [Path(p.name) for p in plans.files]
            self.set_plans(plans)
            return plans
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def upload_widget(self) -> w.Widget:
        """A file picker (xlsx/csv, several files) plus a reset-to-sample button."""
        picker = w.FileUpload(accept=",".join(SUFFIXES), multiple=True,
                              description=t("app.data.upload"))
        picker.add_class("kstad-upload")
        reset = w.Button(description=t("app.data.reset"), icon="undo")

        def _uploaded(change: dict) -> None:
            value = change.get("new") or ()
            self.load_uploads([dict(v) for v in value if isinstance(v, dict)])

        def _reset(_: object) -> None:
            self.set_plans(app_plans())

        picker.observe(_uploaded, names="value")
        reset.on_click(_reset)
        box = w.VBox([w.HBox([picker, reset]), self.status])
        box.add_class("kstad-data-source")
        return box
