"""Build the budget-round report: one call from a scenario to HTML, PDF, Excel.

Why a notebook executed by papermill: analysts get the executed notebook
(``rapport.ipynb``) with every number the politicians read, and the same
numbers come out as a self-contained HTML page (no code, charts as inline
SVG, no URL of any kind), a PDF printed from that page by Debian's chromium,
and an Excel workbook. Every number is computed by the package's other
modules (:mod:`kstad_analysis.report`); the notebook only calls them, so tests
check numbers without a kernel and the report cannot drift from them.

Pipeline (each stage announced with :func:`kstad_analysis.progress.step`):

1. resolve the scenario (store or command-line weights) and read the plans,
   failing early with a Swedish :class:`ReportError` (exit code 2 in the CLI);
2. execute ``notebooks/90_rapport.ipynb`` with papermill (kernel ``python3``,
   the venv's own ipykernel); its last cell writes ``rapport.xlsx`` through
   :func:`kstad_analysis.export.write_excel` and ``siffror.json``;
3. join the cells' HTML outputs (no code, no prompts) and wrap them in our
   own page (:func:`notebook_to_html`; nbconvert's templates cost seconds and
   its ``lab``/``classic`` ones load require.js, MathJax and mermaid from CDNs);
4. verify that the HTML references no external resource (``src``/``href``
   attributes, CSS ``url()``, ``@import``) — and again in the browser, where
   every request other than ``file:``/``data:`` is blocked and counted;
5. print the PDF with Playwright (A4, page numbers in the footer).
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from kstad_analysis import __version__, paths
from kstad_analysis.errors import ReportError
from kstad_analysis.escaping import esc
from kstad_analysis.i18n import t
from kstad_analysis.progress import step
from kstad_analysis.report.html import page_css
from kstad_analysis.report.outputs import NUMBERS_NAME, XLSX_NAME
from kstad_analysis.report.settings import DEFAULT_SAMPLES, DEFAULT_SEED, DEFAULT_SPREAD, resolve

NOTEBOOK = paths.REPO_DIR / "notebooks" / "90_rapport.ipynb"
KERNEL = "python3"
HTML_NAME, PDF_NAME, NOTEBOOK_NAME = "rapport.html", "rapport.pdf", "rapport.ipynb"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
)
#: Attributes that make a browser fetch something (``srcset`` holds a list).
_RESOURCE_ATTRS = frozenset({
    "src", "href", "xlink:href", "srcset", "imagesrcset", "poster", "data", "action",
    "formaction", "background", "codebase", "cite", "longdesc", "manifest", "ping", "lowsrc",
    "dynsrc", "archive", "classid",
})
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_LOCAL = ("data:", "#", "about:blank")

_FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#555;'
    'font-family:DejaVu Sans,sans-serif">{label} – <span class="pageNumber"></span> / '
    '<span class="totalPages"></span></div>'
)


@dataclass
class ReportResult:
    """Where the report was written, its key numbers, and how long each stage took
    (``timings``: the build's stages, then the notebook's, see :func:`notebook_timings`)."""

    out_dir: Path
    html: Path
    pdf: Path | None
    xlsx: Path
    notebook: Path
    numbers: dict[str, Any]
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def files(self) -> list[Path]:
        return [p for p in (self.html, self.pdf, self.xlsx, self.notebook) if p is not None]


class _Clock:
    """Stage timings for the benchmark and the result."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.timings: dict[str, float] = {}
        self._start = time.perf_counter()
        self._stage: str | None = None
        self._stage_start = self._start

    def stage(self, name: str) -> None:
        self._close()
        step(t(f"report.step.{name}"), enabled=self.enabled)
        self._stage, self._stage_start = name, time.perf_counter()

    def _close(self) -> None:
        if self._stage is not None:
            self.timings[self._stage] = time.perf_counter() - self._stage_start
            self._stage = None

    def total(self) -> float:
        self._close()
        return time.perf_counter() - self._start


# --------------------------------------------------------------------------- HTML


class _ReferenceParser(HTMLParser):
    """Collects what real tags would fetch; escaped text is never a tag.

    Why a parser and not a regex over the page: a plan's title such as
    ``<img src=x>`` or "Lagring av data = 2 TB" reaches the page escaped
    (``&lt;img src=x&gt;``) and fetches nothing, yet a regex over the raw
    text finds ``src=x`` / ``data = 2`` in it and would stop the report.
    CSS is read only where a browser reads it: ``<style>`` elements and
    ``style`` attributes.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            name = name.lower()
            if name in ("srcset", "imagesrcset"):
                self.urls += [part.strip().split()[0] for part in value.split(",") if part.strip()]
            elif name == "archive":
                self.urls += value.split()
            elif name in _RESOURCE_ATTRS:
                self.urls.append(value)
            elif name == "style":
                self.urls += _css_urls(value)
        if tag.lower() == "style":
            self._in_style = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag.lower() == "style":
            self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        if tag.lower() == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += _css_urls(data)


def _css_urls(css: str) -> list[str]:
    return [next((g for g in m.groups() if g is not None), "")
            for pattern in (_CSS_URL, _CSS_IMPORT) for m in pattern.finditer(css)]


def external_references(html: str) -> list[str]:
    """Every URL in ``html`` that would make a browser fetch from outside the file.

    Looks at real tags' resource attributes (``src``, ``href``, ``xlink:href``,
    ``srcset``, ``data``, ``action``, ``poster`` …) and at CSS ``url(...)`` and
    ``@import`` inside ``<style>`` elements and ``style`` attributes; text
    (escaped user strings included) is not markup and is ignored.
    ``data:`` URIs and in-page anchors are fine; anything else (``http:``,
    ``https:``, protocol-relative ``//``, ``file:``, ``javascript:`` or a
    relative path that would not travel with the file) is listed.
    XML namespace declarations (``xmlns=``) are names, not fetches.
    """
    parser = _ReferenceParser()
    parser.feed(html)
    parser.close()
    found = {value.strip() for value in parser.urls}
    return sorted(v for v in found if v and not v.lower().startswith(_LOCAL))


def notebook_to_html(notebook: Path, title: str) -> str:
    """The executed notebook as a standalone page without code or prompts.

    The page is the cells' HTML outputs in order, nothing else: every
    section is a ``display(HTML(...))`` of :mod:`kstad_analysis.report`, so
    code, prompts, markdown notes for analysts and any stray text output
    (a warning on stderr) stay in ``rapport.ipynb``. Why not nbconvert's
    ``basic`` template any more (issue 13): importing nbconvert and
    rendering through its Jinja templates took 1–3 s of every build to wrap
    the same HTML in ``div``s; the outputs are already escaped HTML.
    """
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ReportError(t("report.err.execute", detail=f"{notebook.name}: {exc}")) from None
    parts = []
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") not in ("display_data", "execute_result"):
                continue
            html = output.get("data", {}).get("text/html")
            if html is not None:
                parts.append("".join(html) if isinstance(html, list) else str(html))
    return wrap_page("\n".join(parts), title)


def wrap_page(body: str, title: str) -> str:
    """Our own HTML shell: charset, title, print CSS; nothing fetched."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="kstad {esc(__version__)}">\n'
        f"<title>{esc(title)}</title>\n<style>{page_css()}</style>\n</head>\n"
        f'<body>\n<main class="kstad-report">\n{body}\n</main>\n</body>\n</html>\n'
    )


# --------------------------------------------------------------------------- PDF


def print_pdf(html_path: Path, pdf_path: Path, *, footer_label: str = "",
              chromium: str = CHROMIUM) -> int:
    """Print ``html_path`` to an A4 PDF with page numbers; returns the page count.

    The PDF is tagged (its structure follows the page's headings, tables and
    figures, with the charts' Swedish text alternatives) and has an outline
    of the headings; its title and language come from the page's ``<title>``
    and ``lang="sv"``.

    Every request other than the file itself and ``data:`` URIs is aborted
    and reported as a :class:`ReportError`: the page must render offline.
    Runs in a worker thread: Playwright's sync API refuses to start in a
    thread that already runs an asyncio loop (a notebook, or another
    Playwright session such as a test's browser).
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kstad-pdf") as pool:
        return pool.submit(_print_pdf, html_path, pdf_path, footer_label, chromium).result()


def _print_pdf(html_path: Path, pdf_path: Path, footer_label: str, chromium: str) -> int:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    if not Path(chromium).exists():
        raise ReportError(t("report.err.browser", path=chromium, detail="saknas (apt-get install chromium)"))
    blocked: list[str] = []

    def guard(route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS),
                                         headless=True)
            try:
                page = browser.new_page(locale="sv-SE")
                page.route("**/*", guard)
                page.goto(html_path.resolve().as_uri(), wait_until="load")
                page.emulate_media(media="print")
                page.pdf(
                    path=str(pdf_path), format="A4", print_background=True,
                    display_header_footer=True, header_template="<div></div>",
                    footer_template=_FOOTER.format(label=esc(footer_label)),
                    margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
                    tagged=True, outline=True,  # a tagged PDF with bookmarks (DOS-lagen, WCAG 2.1 AA)
                )
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise ReportError(t("report.err.browser", path=chromium, detail=str(exc)[:300])) from exc
    if blocked:
        raise ReportError(t("report.err.external", urls=", ".join(sorted(set(blocked))[:5])))
    from pypdf import PdfReader

    return len(PdfReader(str(pdf_path)).pages)


# --------------------------------------------------------------------------- pipeline


@contextmanager
def _kernel_log() -> Iterator[Path]:
    """Send this process's stderr (inherited by the kernel) to a log file.

    Why: the kernel writes start-up and shutdown chatter ("running over TCP",
    "KeyboardInterrupt caught") straight to the terminal, between our
    progress lines. The log's tail is kept for error messages.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.NamedTemporaryFile("w+b", prefix="kstad-kernel-", suffix=".log",
                                     delete=False) as log:
        path = Path(log.name)
        os.dup2(log.fileno(), 2)
    try:
        yield path
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


def _execute(parameters: dict[str, Any], output: Path) -> None:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    try:
        with _kernel_log() as log:
            try:
                papermill.execute_notebook(
                    str(NOTEBOOK), str(output), parameters=parameters, kernel_name=KERNEL,
                    progress_bar=False, log_output=False, cwd=str(NOTEBOOK.parent),
                )
            except PapermillExecutionError:
                raise
            except Exception as exc:  # kernel did not start, timed out, died
                tail = log.read_text(encoding="utf-8", errors="replace")[-800:]
                raise ReportError(t("report.err.execute", detail=f"{exc} {tail}".strip()[:1200])) from exc
            finally:
                log.unlink(missing_ok=True)
    except PapermillExecutionError as exc:
        detail = f"{exc.ename}: {exc.evalue}"
        if exc.ename == "ReportError":  # our own Swedish message, raised in the kernel
            raise ReportError(str(exc.evalue)) from None
        raise ReportError(t("report.err.execute", detail=detail[:500])) from None


def notebook_timings(notebook: Path, execute_s: float) -> dict[str, float]:
    """Where the notebook's time went, from papermill's per-cell durations.

    Why: the notebook stage is most of the report's time, and the benchmark
    must say which part (issue 13). Cells carry ``metadata.kstad.stage``
    (``import``, ``content``, ``section`` with a ``name``, ``outputs``);
    ``execute.kernel`` is what no cell accounts for: starting the kernel,
    connecting, shutting it down and writing the notebook. Keys are
    ``execute.<stage>`` and ``execute.section.<name>``; an unreadable
    notebook gives ``{}`` (timings are a report, never a failure).
    """
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    out: dict[str, float] = {}
    counted = 0.0
    for cell in cells:
        meta = cell.get("metadata", {})
        seconds = (meta.get("papermill") or {}).get("duration")
        if cell.get("cell_type") != "code" or not isinstance(seconds, (int, float)):
            continue
        stage = (meta.get("kstad") or {}).get("stage", "other")
        counted += seconds
        out[f"execute.{stage}"] = out.get(f"execute.{stage}", 0.0) + seconds
        if stage == "section":
            out[f"execute.section.{meta['kstad'].get('name', '?')}"] = seconds
    out["execute.kernel"] = max(0.0, execute_s - counted)
    return out


def _prepare_out(out_dir: Path) -> Path:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / ".kstad-write-test"
        probe.write_text("", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        raise ReportError(t("report.err.out", path=str(out_dir), detail=exc.strerror or exc)) from None
    return out_dir


def default_out_dir(scenario_name: str) -> Path:
    """``reports/<scenario name as a safe folder name>/``."""
    from kstad_analysis.export import safe_filename

    return paths.reports_dir() / safe_filename(scenario_name, default="rapport")


def _read_numbers(path: Path) -> dict[str, Any]:
    """``siffror.json`` as the notebook wrote it; a missing or unreadable file
    (the notebook stopped before its last cell, a full disk) is a Swedish
    ReportError naming the file, never a bare OS error."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportError(t("report.err.execute", detail=f"{path.name} saknas")) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ReportError(t("report.err.execute", detail=f"{path.name}: {exc}")) from None


def build_report(
    out_dir: str | Path | None = None, *, scenario_name: str | None = None,
    weights: Mapping[str, float] | None = None, preset: str | None = None,
    method: str | None = None, budget: float | None = None,
    data_paths: Sequence[str | Path] | None = None, store_dir: str | Path | None = None,
    samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
    spread: float = DEFAULT_SPREAD, pdf: bool = True, show_progress: bool = True,
    built: str | None = None,
) -> ReportResult:
    """Build ``rapport.html``, ``rapport.pdf``, ``rapport.xlsx`` and ``rapport.ipynb``.

    Either ``scenario_name`` (a saved scenario, read from ``store_dir``) or
    ``weights``/``preset``/``method``/``budget`` for a report without one;
    ``budget`` given with a scenario replaces its budget (the report says so).
    ``data_paths`` default to the bundled sample. Raises :class:`ReportError`
    (Swedish message) for a missing scenario, bad data or a failed stage.
    """
    clock = _Clock(show_progress)
    clock.stage("resolve")
    settings = resolve(
        scenario_name=scenario_name, weights=weights, preset=preset, method=method,
        budget=budget, data_paths=data_paths, store_dir=store_dir, samples=samples,
        seed=seed, spread=spread, built=built,
    )
    out = _prepare_out(Path(out_dir) if out_dir else default_out_dir(settings.scenario.name))
    notebook = out / NOTEBOOK_NAME
    for stale in (out / HTML_NAME, out / PDF_NAME, out / XLSX_NAME, out / NUMBERS_NAME):
        stale.unlink(missing_ok=True)

    clock.stage("execute")
    _execute(settings.notebook_parameters(outputs_dir=out), notebook)

    clock.stage("html")
    title = f"{t('report.doc.title')} – {settings.scenario.name}"
    page = notebook_to_html(notebook, title)
    html_path = out / HTML_NAME

    clock.stage("verify")
    refs = external_references(page)
    if refs:
        raise ReportError(t("report.err.external", urls=", ".join(refs[:5])))
    html_path.write_text(page, encoding="utf-8")

    pdf_path: Path | None = None
    if pdf:
        clock.stage("pdf")
        pdf_path = out / PDF_NAME
        print_pdf(html_path, pdf_path, footer_label=settings.scenario.name)

    xlsx = out / XLSX_NAME
    numbers = _read_numbers(out / NUMBERS_NAME)
    if not xlsx.exists():  # written by the notebook's last cell
        raise ReportError(t("report.err.execute", detail=f"{XLSX_NAME} saknas"))
    seconds = clock.total()
    timings = dict(clock.timings)
    timings.update(notebook_timings(notebook, timings.get("execute", 0.0)))
    return ReportResult(out, html_path, pdf_path, xlsx, notebook, numbers, seconds, timings)
