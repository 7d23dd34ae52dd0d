"""Benchmark: the full budget-round report on the bundled sample (target ≤ 20 s).

Ours: ``build_report`` with everything (papermill run, HTML, PDF by chromium,
Excel, notebook), then one row per stage of that same build (where the time
goes: the build's stages and, from papermill's per-cell durations, the
notebook's: kernel start/stop, import, content, each section, outputs).
Baseline measured in the same run: the report content computed in-process
with no kernel, nbconvert or browser (``report.compute`` + every section's
HTML), the floor that the notebook machinery adds to.

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
#: The stages in the order they run, with what each one does.
STAGES = (
    ("resolve", "läs scenario och planer"),
    ("execute.kernel", "notebook: starta/stoppa kärnan, spara notebooken"),
    ("execute.import", "notebook: importera kstad_analysis.report"),
    ("execute.content", "notebook: analyskedjan (rangordning, portfölj, kärna, SMAA, budgetnivåer)"),
    ("execute.section", "notebook: avsnittens HTML och diagram (vl-convert)"),
    ("execute.outputs", "notebook: rapport.xlsx och siffror.json"),
    ("html", "HTML-sidan ur notebookens utdata"),
    ("verify", "kontroll: inga externa resurser"),
    ("pdf", "PDF med Chromium (Playwright, taggad)"),
)


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


def stage_rows(timings: dict[str, float], total: float) -> list[Row]:
    """One row per stage (sections broken down in the note), share of the total."""
    rows = []
    for key, what in STAGES:
        if key not in timings:
            continue
        note = f"{timings[key] / total:.0%} av totalen"
        if key == "execute.section":
            parts = sorted(((k.rsplit(".", 1)[1], v) for k, v in timings.items()
                            if k.startswith("execute.section.")), key=lambda kv: -kv[1])
            note += "; " + ", ".join(f"{k} {v:.1f} s" for k, v in parts)
        rows.append(Row(f"  steg {key}: {what}", timings[key], target="", note=note))
    return rows


def run() -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="kstad-bench-report-") as tmp:
        root = Path(tmp)
        _build(root / "warmup", pdf=True)
        full_s, full = _timed(lambda: _build(root / "full", pdf=True))
        content_s, _ = _timed(lambda: _content_only(root / "lager"))
        pages = len(PdfReader(str(full.pdf)).pages)  # type: ignore[union-attr]
    needs = full.numbers["summary"]["needs"]  # type: ignore[union-attr]
    return [
        Row(f"hel rapport med PDF, exempeldata ({needs} behov, {pages} PDF-sidor)", full_s,
            "bara innehållet i processen (ingen kärna eller webbläsare)", content_s, "≤ 20 s",
            "baslinjen är golvet: samma siffror och HTML-avsnitt; stegen nedan är samma bygge"),
        *stage_rows(full.timings, full_s),  # type: ignore[union-attr]
    ]
