"""Which plans an app shows: the bundled sample, or files uploaded during the visit.

Why validated before use: a manager may upload a broken spreadsheet. The
errors are shown in Swedish in the page, and nothing from a bad upload is kept
(the temporary copies are deleted and the previous data stays active).

Why per visit: an upload is for the whole visit, not one page. A valid upload
is kept in the store under the visit (``ui.visit``), so every app the visitor
opens next (each its own kernel) shows the same plans; the visitor chooses
to add the files to the current data or to replace it.

Who may upload what (issue 17): every visitor may upload for their own visit
(it changes only what they see); an analytiker may also upload plans *for
everyone* (kept in the store, audited): every visit without its own data
then shows them instead of the base plans. The size limit is one number,
``intake_guard.limits().file_bytes`` (``data/config/intake.toml``), stated
beside the upload button; the server lets messages of twice that through
(``kstad_analysis.server.websocket_limit``) so that a file over the limit
reaches the kernel and is refused with a message instead of dropping the
page's connection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import ipywidgets as w

from kstad_analysis import embeddings, guards, intake_guard
from kstad_analysis.access import User
from kstad_analysis.errors import AccessDenied, StoreError
from kstad_analysis.export import safe_filename
from kstad_analysis.i18n import t
from kstad_analysis.intake import SUFFIXES, Plans
from kstad_analysis.store_visits import VisitState
from kstad_analysis.ui.common import app_plans, esc, plan_inputs
from kstad_analysis.ui.roles import current_login, may, refusal
from kstad_analysis.ui.visit import Visit, plans_of

MAX_UPLOAD_FILES = 30
_MB = 1024 * 1024


def upload_limit() -> int:
    """Most bytes one upload (all files chosen at once) may have: the intake limit."""
    return intake_guard.limits().file_bytes


def _mb(size: int) -> str:
    return f"{size / _MB:.1f}".rstrip("0").rstrip(".").replace(".", ",")


#: The limit when this module was imported (kept for callers; ``upload_limit()`` reads the config).
MAX_UPLOAD_BYTES = upload_limit()


class DataSource:
    """Holds the active plans and tells listeners when they change.

    ``state`` is what the plans are made of (the base plans or not, and the
    uploaded files); with a ``visit`` it is read from and saved to the store.
    """

    MODES = ("replace", "add")

    def __init__(self, plans: Plans | None = None, visit: Visit | None = None,
                 user: User | None = None):
        self.user = user if user is not None else current_login()
        self.shared = False  # showing the plans an analyst uploaded for everyone
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
        self.for_all = w.Checkbox(value=False, description=t("sec.upload.for_all"), indent=False)
        self.for_all.add_class("kstad-upload-for-all")
        if not may(self.user, "upload_plans"):
            self.for_all.layout.display = "none"  # a hint only: load_uploads checks the role
        limit = upload_limit()
        limit_text = t("sec.upload.limit", limit=_mb(limit), files=MAX_UPLOAD_FILES)
        # the page's script (kstad.js) refuses a larger upload in the browser,
        # before it is sent: over the websocket's limit the page would only
        # lose its connection, with no message
        refused = t("sec.upload.too_big", size="{size}", limit=_mb(limit))
        self.limit_note = w.HTML(f"<span class='kstad-muted' data-max-bytes='{limit}' "
                                 f"data-refused='{esc(refused)}'>{esc(limit_text)}</span>")
        self.limit_note.add_class("kstad-upload-limit")
        self.picker: w.FileUpload | None = None

    def on_change(self, callback: Callable[[Plans], None]) -> None:
        self._listeners.append(callback)

    def attach(self, visit: Visit) -> None:
        """Join a visit: show the plans it uploaded (from any app), if any."""
        self.visit = visit
        state = visit.state()
        if not state.own_data and self._show_shared(visit):
            self.state = state
            return
        if state == self.state or (not state.own_data and not self.state.own_data):
            self.state = state
            return
        plans = plans_of(state, self.base)
        if not plans.ok:  # validated when uploaded; a changed parser may disagree
            self.status.value = self._status_html([str(p) for p in plans.errors])
            return
        self.state = state
        self.set_plans(plans)

    def _show_shared(self, visit: Visit) -> bool:
        """Show the plans uploaded for everyone, if there are any (True when shown)."""
        try:
            shared = visit.store.shared_plans()
        except (ValueError, OSError, StoreError):
            return False
        if not shared.own_data:
            return False
        plans = plans_of(shared, self.base)
        if not plans.ok:
            return False
        self.shared = True
        self.set_plans(plans)
        return True

    def set_plans(self, plans: Plans) -> None:
        self.plans = plans
        self.status.value = self._status_html()
        try:
            with embeddings.reporting(self._embedding_progress):
                for callback in self._listeners:
                    callback(plans)
        finally:
            self.status.value = self._status_html()  # no "n av N" left standing

    def _embedding_progress(self, done: int, total: int) -> None:
        """New plans' texts go through the sentence model once (seconds for a
        few hundred): the page says how far it is, under the upload button."""
        message = esc(t("apps.shared.embedding", done=done, total=total))
        self.status.value = f"<p class='kstad-muted kstad-embedding'>{message}</p>"

    def _status_html(self, errors: list[str] | None = None, note: str = "") -> str:
        names = [Path(f).name for f in self.plans.files]
        files = ", ".join(esc(n) for n in names[:3])
        if len(names) > 3:
            files += " " + esc(t("app.data.more_files", count=len(names) - 3))
        text = f"<span>{esc(t('app.data.active'))}: {files} – {esc(self.plans.summary())}</span>"
        if self.state.own_data:
            text += f" <span class='kstad-muted kstad-own-data'>{esc(t('app.data.own'))}</span>"
        elif self.shared:
            text += f" <span class='kstad-muted kstad-shared-data'>{esc(t('sec.upload.shared'))}</span>"
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

    def load_uploads(self, uploads: list[dict], mode: object = None,
                     for_all: object = None) -> Plans | None:
        """Validate uploaded files with the data they join; switch to them only
        when everything is valid, and keep them for the visit (or, for an
        analytiker who asked, for everyone)."""
        if not uploads:
            return None
        replace_all = guards.choice(mode if mode is not None else self.mode.value,
                                    self.MODES, "replace") == "replace"
        everyone = (for_all if for_all is not None else self.for_all.value) is True
        if everyone and not may(self.user, "upload_plans"):
            self._reject([refusal(self.user, "upload_plans")])
            return None
        if len(uploads) > MAX_UPLOAD_FILES:
            self._reject([t("app.data.too_many", limit=MAX_UPLOAD_FILES)])
            return None
        limit = upload_limit()
        sizes = [_size(item.get("content")) if isinstance(item, dict) else 0 for item in uploads]
        if sum(sizes) > limit:  # before copying anything
            self._reject([t("sec.upload.too_big", size=_mb(sum(sizes)), limit=_mb(limit))])
            return None
        problems, files = [], []
        for item in uploads:
            name = safe_filename(str(item.get("name", "")), default="plan.xlsx")
            raw = item.get("content", b"")
            # only real file bytes: bytes(10**10) would allocate 10 GB
            content = bytes(raw) if isinstance(raw, bytes | bytearray | memoryview) else b""
            if Path(name).suffix.lower() not in SUFFIXES:
                problems.append(t("app.data.bad_suffix", name=name))
            elif len(content) > limit:
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
        try:
            if everyone:
                self._store().save_shared_plans(files, user=self.user, replace=replace_all)
            elif self.visit is not None:
                state = self.visit.store.save_visit_files(self.visit.id, files, replace=replace_all)
        except AccessDenied as exc:
            self._reject([str(exc)])
            return None
        except (ValueError, OSError, StoreError) as exc:
            self._reject([t("app.data.store_error", error=str(exc)[:200])])
            return None
        self.state = state
        self.set_plans(plans)
        count = t("intake.files.one" if len(files) == 1 else "intake.files.many", n=len(files))
        kept = t("sec.upload.kept_all", files=count) if everyone else t("app.data.kept", files=count)
        self.status.value = self._status_html(note=kept)
        return plans

    def _store(self):  # noqa: ANN202 - the Store type would import the store at module load
        if self.visit is not None:
            return self.visit.store
        from kstad_analysis.store import Store

        return Store()

    def reset(self) -> None:
        """Back to the base plans, for this page and (with a visit) the others;
        with "för alla" (analytiker) the plans for everyone are reset too."""
        if self.for_all.value is True:
            if not may(self.user, "upload_plans"):
                self._reject([refusal(self.user, "upload_plans")])
                return
            try:
                self._store().reset_shared_plans(user=self.user)
            except (ValueError, OSError, StoreError) as exc:
                self._reject([t("app.data.store_error", error=str(exc)[:200])])
                return
            self.shared = False
        if self.visit is not None:
            try:
                self.visit.store.reset_visit_data(self.visit.id)
            except (ValueError, OSError):
                pass
        self.state = replace(self.state, with_sample=True, files=())
        if self.picker is not None:
            self.picker.value = ()
        self.shared = False
        if self.visit is not None and self._show_shared(self.visit):
            return
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
        box = w.VBox([w.HBox([picker, self.mode, reset]), w.HBox([self.limit_note, self.for_all]),
                      self.status])
        box.add_class("kstad-data-source")
        return box


def _size(raw: object) -> int:
    """Bytes of an uploaded file's content without copying it (0 for anything else)."""
    if isinstance(raw, memoryview):
        return raw.nbytes
    if isinstance(raw, bytes | bytearray):
        return len(raw)
    return 0
