"""Excel out of the apps: a download link that works offline.

Why a data URI: Voila serves no files from the kernel, and the apps must work
without internet; a base64 ``data:`` link in the page needs neither. The
workbook goes through ``export.write_excel`` (formula injection neutralised)
and the file name through ``guards.safe_filename``.
"""

from __future__ import annotations

import base64
import tempfile
from collections.abc import Mapping
from pathlib import Path

import ipywidgets as w
import pandas as pd

from kstad_analysis import guards
from kstad_analysis.export import write_excel
from kstad_analysis.i18n import t
from kstad_analysis.ui.common import esc

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_BYTES = 15 * 1024 * 1024


def excel_link(sheets: Mapping[str, pd.DataFrame], name: str) -> str:
    """An ``<a download>`` with the workbook inline, or a Swedish error."""
    filename = guards.safe_filename(name, default="kstad") + ".xlsx"
    with tempfile.TemporaryDirectory(prefix="kstad-export-") as folder:
        path = write_excel(sheets, Path(folder) / filename)
        data = path.read_bytes()
    if len(data) > MAX_BYTES:
        return f"<span class='kstad-error'>{esc(t('app.download.too_big'))}</span>"
    encoded = base64.b64encode(data).decode("ascii")
    return (f"<a class='kstad-download-link' download='{esc(filename)}' "
            f"href='data:{XLSX_MIME};base64,{encoded}'>{esc(t('app.download.ready', name=filename))}</a>")


class ExcelDownload:
    """A button that builds the workbook on demand and shows the link."""

    def __init__(self, build: callable, name: callable):
        self._build, self._name = build, name
        self.button = w.Button(description=t("app.download.button"))
        self.button.add_class("kstad-download")
        self.link = w.HTML()
        self.button.on_click(lambda _: self.refresh())
        self.widget = w.HBox([self.button, self.link])

    def refresh(self) -> str:
        self.link.value = excel_link(self._build(), self._name())
        return self.link.value
