"""Excel downloads from the apps: inert text, safe names, real workbooks."""

from __future__ import annotations

import base64
import io
import re

import pandas as pd
from openpyxl import load_workbook

from kstad_analysis.ui.downloads import excel_link


def _workbook(link: str):
    payload = re.search(r"base64,([A-Za-z0-9+/=]+)'", link).group(1)
    return load_workbook(io.BytesIO(base64.b64decode(payload)))


def test_link_holds_a_neutralised_workbook_with_a_safe_name():
    frame = pd.DataFrame({"Titel": ['=HYPERLINK("http://x","y")', "<script>"], "Poäng": [0.5, 0.4]})
    link = excel_link({"Prioritering": frame}, "../../<img onerror=x>")
    assert "download='img_onerror_x.xlsx'" in link
    assert "<img" not in link
    book = _workbook(link)
    cells = [c for row in book["Prioritering"].iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert book["Prioritering"]["A2"].value.startswith("'=")


def test_prioritering_export_matches_the_ranking_shown():
    from kstad_analysis.ui.prioritering import PrioriteringApp

    app = PrioriteringApp()
    app.sliders["kostnad"].value = 1.0
    book = _workbook(app.download.refresh())
    sheet = book["Prioritering"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["ID", "Förvaltning", "Titel", "Plats", "Poäng"]
    first_shown = app.ranking.value.split("data-id='")[1].split("'")[0]
    assert sheet["A2"].value == first_shown
    assert book["Vikter"].max_row == 1 + len(app.sliders)
