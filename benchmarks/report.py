"""Benchmark: the full budget-round report on the bundled sample (target ≤ 20 s).

Ours: ``build_report`` with everything (papermill run, HTML, PDF by chromium,
Excel, notebook). Baselines measured in the same run:

* the same build without the PDF (what printing through chromium costs);
* the report content computed in-process with no kernel, nbconvert or
  browser (``report.compute`` + every section's HTML): the floor
  that the notebook machinery adds to.

Builds take seconds, so each is timed once after one warm-up build.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from benchmarks._table import Row
from kstad_analysis import report

BUDGET = 15_000_000.0


def _build(out: Path, pdf: bool) -> report.ReportResult:
    return report.build_report(out, budget=BUDGET, store_dir=out / "lager", pdf=pdf,
                               show_progress=False)


def _content_only(store: Path) -> None:
    content = report.compute(report.resolve(budget=BUDGET, store_dir=store))
    "".join(report.sections(content))


def _timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def run() -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="kstad-bench-report-") as tmp:
        root = Path(tmp)
        _build(root / "warmup", pdf=True)
        full_s, full = _timed(lambda: _build(root / "full", pdf=True))
        no_pdf_s, _ = _timed(lambda: _build(root / "nopdf", pdf=False))
        content_s, _ = _timed(lambda: _content_only(root / "lager"))
        pages = len(PdfReader(str(full.pdf)).pages)  # type: ignore[union-attr]
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in full.timings.items())  # type: ignore[union-attr]
    needs = full.numbers["summary"]["needs"]  # type: ignore[union-attr]
    return [
        Row(f"hel rapport, exempeldata ({needs} behov, {pages} PDF-sidor)", full_s,
            "samma bygge utan PDF", no_pdf_s, "≤ 20 s", stages),
        Row("hel rapport, exempeldata", full_s,
            "bara innehållet i processen (ingen kärna/nbconvert/webbläsare)", content_s, "≤ 20 s",
            "baslinjen är golvet: samma siffror och HTML-avsnitt"),
    ]
