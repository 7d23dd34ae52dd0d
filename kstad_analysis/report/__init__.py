"""The budget-round report: from plans + scenario to HTML, PDF, Excel and ``siffror.json``.

Why a package by job, so each part has one room:

* :mod:`~kstad_analysis.report.settings` – :class:`Settings`, :func:`resolve`,
  :func:`load_data`: every parameter, the plans and the scenario checked
  before a notebook starts;
* :mod:`~kstad_analysis.report.content` – :class:`ReportContent`,
  :func:`compute`, :func:`prepare`: one run of the analysis chain
  (:class:`~kstad_analysis.analysis.Analysis`, nothing rebuilt here);
* :mod:`~kstad_analysis.report.tables` – the ``*_frame`` and ``*_table``
  functions (facts per need, then the tables people read);
* :mod:`~kstad_analysis.report.charts` – Vega-Lite charts as inline SVG;
* :mod:`~kstad_analysis.report.economics` – the figures per year, förvaltning
  and nämnd that page 1 and section 2 state (from the chain's flows);
* :mod:`~kstad_analysis.report.html` – escaped tables with units, figures with
  Swedish text alternatives, the analysis sections and the stylesheet;
* :mod:`~kstad_analysis.report.document` – the decision document's own
  sections: Förslag till beslut, Ekonomiska konsekvenser, Pågående initiativ,
  Datakvalitet, Bilagor;
* :mod:`~kstad_analysis.report.outputs` – :func:`numbers` (``siffror.json``),
  the Excel sheets, :func:`save_outputs`;
* :mod:`~kstad_analysis.report.build` – :func:`build_report`: papermill runs
  ``notebooks/90_rapport.ipynb``, its HTML outputs make the page, Playwright prints
  the PDF.

Rules kept throughout: every user string is escaped before it becomes HTML,
and the page holds no JavaScript and fetches nothing; finansiell nytta and
omfördelningsnytta are never added up; the same scenario and plans give the
same numbers (only the colophon's date depends on the clock).

Importing this package loads pandas and the analysis chain (not altair: the
charts are plain Vega-Lite specs); ``kstad --help`` must not, so the CLI
imports it inside ``kstad report``'s ``run``.
"""

from __future__ import annotations

from kstad_analysis.analysis import charged_needs
from kstad_analysis.errors import ReportError
from kstad_analysis.escaping import esc
from kstad_analysis.report.build import (
    CHROMIUM,
    HTML_NAME,
    KERNEL,
    NOTEBOOK,
    NOTEBOOK_NAME,
    PDF_NAME,
    ReportResult,
    build_report,
    default_out_dir,
    external_references,
    notebook_timings,
    notebook_to_html,
    print_pdf,
    wrap_page,
)
from kstad_analysis.report.content import ReportContent, compute, prepare
from kstad_analysis.report.document import (
    appendix_html,
    decision_html,
    economics_html,
    quality_html,
    tracking_html,
)
from kstad_analysis.report.html import (
    assumptions_html,
    benefits_html,
    colophon_html,
    header_html,
    page_css,
    priority_html,
    robustness_html,
    sections,
    shared_html,
    summary_html,
)
from kstad_analysis.report.outputs import NUMBERS_NAME, XLSX_NAME, excel_sheets, numbers, save_outputs
from kstad_analysis.report.settings import (
    DEFAULT_SAMPLES,
    DEFAULT_SEED,
    DEFAULT_SPREAD,
    SAMPLES_MAX,
    Settings,
    load_data,
    resolve,
)

__all__ = [
    "CHROMIUM", "DEFAULT_SAMPLES", "DEFAULT_SEED", "DEFAULT_SPREAD", "HTML_NAME",
    "KERNEL", "NOTEBOOK", "NOTEBOOK_NAME", "NUMBERS_NAME", "PDF_NAME", "SAMPLES_MAX", "XLSX_NAME",
    "ReportContent", "ReportError", "appendix_html", "decision_html", "economics_html",
    "quality_html", "tracking_html", "ReportResult", "Settings", "assumptions_html", "benefits_html",
    "build_report", "charged_needs", "colophon_html", "compute", "default_out_dir", "esc",
    "excel_sheets", "external_references", "header_html", "load_data", "notebook_timings",
    "notebook_to_html",
    "numbers", "page_css", "prepare", "print_pdf", "priority_html", "resolve", "robustness_html",
    "save_outputs", "sections", "shared_html", "summary_html", "wrap_page",
]
