"""Exports from the Budget and Effekthemtagning apps: Excel and the decision PDF.

Why one module: a budget meeting works in the apps, and what it decides must
leave them as the same numbers the report prints. Both exports come from the
app's own chain (:class:`~kstad_analysis.analysis.Analysis`) and portfolio:
the workbook from ``Analysis.benefits(result)`` (one NPV to the base year,
flows per year, per förvaltning), the PDF from :func:`kstad_analysis.report.build_report`
run on the app's scenario (saved into a private copy of the store, so the
grouping decisions are the same and the user's store is never written).
Effekthemtagning is computed for the chosen portfolio, never for all needs.
Each export records its settings, the date and the data fingerprint.
"""

from __future__ import annotations

import base64
import json
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd

from kstad_analysis.i18n import t
from kstad_analysis.scenario import Scenario, now_utc
from kstad_analysis.ui.common import esc
from kstad_analysis.ui.effekt_period import in_period, period_years

PDF_MIME = "application/pdf"
#: Samples in the exported PDF's robustness analysis (the app is interactive:
#: fewer than the CLI's default, said in the PDF's colophon).
EXPORT_SAMPLES = 1000


def settings_frame(settings: Mapping[str, Any], fingerprint: str, built: str | None = None
                   ) -> pd.DataFrame:
    """The "Om exporten" sheet: every setting, the date and the data fingerprint."""
    rows = [(t("export.setting.built"), built or now_utc()),
            (t("export.setting.fingerprint"), fingerprint)]
    for key, value in settings.items():
        if isinstance(value, list | tuple | dict):
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        rows.append((t("export.setting.named", name=key), "" if value is None else str(value)))
    return pd.DataFrame(rows, columns=[t("export.col.item"), t("export.col.value")])


def _yes(flags: pd.Series) -> list[str]:
    return [t("report.yes") if bool(v) else t("report.no") for v in flags]


def portfolio_sheets(analysis: Any, result: Any, params: Any = None, *,
                     period: bool = False) -> dict[str, pd.DataFrame]:
    """The chosen portfolio from the chain: every need with funded ja/nej, rank
    and reason; per-need economics; the municipality per year; effekthemtagning
    per förvaltning and year (funded needs only).

    ``period``: the yearly sheets cover exactly the calculation period of
    ``params`` (``ui.effekt_period``), as the Effekthemtagning page does, so
    its export sums to the page's figures; otherwise every year with flows."""
    gains = analysis.benefits(result, params)
    if period and params is not None:
        gains = _within_period(gains, params)
    table = result.table.copy()
    table["id"] = table["id"].astype(str)
    ranks = analysis.ranking().table[["id", "rank"]].astype({"id": str})
    table = table.merge(ranks, on="id", how="left").sort_values(["rank", "id"], na_position="last")
    portfolio = pd.DataFrame({
        t("col.id"): table["id"], t("col.title"): table["title"].astype(str),
        t("col.department"): table["department"].astype(str),
        t("report.col.rank"): table["rank"].astype("Float64"),
        t("report.col.cost"): table["cost"].astype(float),
        t("report.col.running"): table["running_cost"].astype(float),
        t("report.col.funded"): _yes(table["served"]),
        t("report.col.reason"): table["reason"].astype("string").fillna(""),
    })
    from kstad_analysis.report.outputs import economics_frame, yes_no

    economics = yes_no(economics_frame(gains.economics, gains.funded_ids))
    flows = gains.portfolio_flows
    years = pd.DataFrame({
        t("report.col.year"): flows["year"].astype(int), t("report.col.cost"): flows["investment"],
        t("report.col.running_added"): flows["running_cost"],
        t("report.col.financial"): flows["benefit_financial"],
        t("report.col.redistribution"): flows["benefit_redistribution"],
        t("report.col.net"): flows["net"],
    })
    return {t("export.sheet.portfolio"): portfolio, t("export.sheet.economics"): economics,
            t("export.sheet.years"): years, **effect_sheets(gains)}


def _within_period(gains: Any, params: Any) -> Any:
    """``gains`` with its yearly frames cut to the calculation period."""
    import dataclasses

    flows = gains.portfolio_flows
    return dataclasses.replace(gains, by_department=in_period(gains.by_department, params),
                               portfolio_flows=None if flows is None else in_period(flows, params))


def effect_sheets(gains: Any) -> dict[str, pd.DataFrame]:
    """Effekthemtagning of a portfolio's benefits (``Analysis.benefits``): per
    förvaltning and year, finansiell and omfördelning apart."""
    frame = gains.by_department
    frame = frame[(frame[["it_cost", "benefit_financial", "benefit_redistribution"]].abs()
                   .sum(axis=1) > 0)]
    per = pd.DataFrame({
        t("col.department"): frame["department"].astype(str),
        t("report.col.year"): frame["year"].astype(int),
        t("report.col.it_cost"): frame["it_cost"].astype(float),
        t("report.col.financial"): frame["benefit_financial"].astype(float),
        t("report.col.redistribution"): frame["benefit_redistribution"].astype(float),
        t("report.col.net"): frame["net"].astype(float),
    })
    summary = gains.summary or {}
    npv = pd.DataFrame([
        (t("export.npv.base_year"), summary.get("base_year")),
        (t("export.npv.npv"), summary.get("npv")),
        (t("export.npv.npv_financial"), summary.get("npv_financial")),
        (t("export.npv.payback"), summary.get("payback_year")),
        (t("export.npv.funded"), len(gains.funded_ids)),
    ], columns=[t("export.col.item"), t("export.col.value")])
    return {t("export.sheet.effect"): per, t("export.sheet.npv"): npv}


def workbook(sheets: Mapping[str, pd.DataFrame], settings: Mapping[str, Any], fingerprint: str,
             path: Path, built: str | None = None) -> Path:
    """Write ``sheets`` plus "Om exporten" with the report's number formats."""
    from kstad_analysis.export import write_excel
    from kstad_analysis.report.outputs import excel_formats

    sheets = {**sheets, t("export.sheet.about"): settings_frame(settings, fingerprint, built)}
    return write_excel(sheets, path, number_formats=excel_formats(dict(sheets)))


def decision_pdf(scenario: Scenario, plans: Any, store_dir: str | Path | None, out_dir: Path,
                 built: str | None = None) -> Path:
    """The decision document for the app's scenario, built like ``kstad report``.

    The scenario is saved into a copy of the store (its grouping decisions and
    names included), so the PDF uses the same chain inputs as the app and the
    user's store is left untouched.
    """
    from kstad_analysis import paths, report, store

    source = Path(store_dir) if store_dir else paths.store_dir()
    private = out_dir / "lager"
    if source.exists():
        shutil.copytree(source, private, dirs_exist_ok=True)
    store.Store(private).save_scenario(scenario)
    files = [str(f) for f in getattr(plans, "files", ())] or None
    result = report.build_report(out_dir / "rapport", scenario_name=scenario.name, data_paths=files,
                                 store_dir=private, samples=EXPORT_SAMPLES, show_progress=False,
                                 built=built)
    assert result.pdf is not None
    return result.pdf


def _link(path: Path, mime: str, name: str) -> str:
    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    return (f"<a class='kstad-download-link' download='{esc(name)}' href='data:{mime};base64,"
            f"{encoded}'>{esc(t('app.download.ready', name=name))}</a>")


class ExportPanel:
    """Two buttons: the workbook and the decision PDF of what the app shows.

    ``state()`` returns ``(analysis, result, scenario, settings)`` for the
    current view; the app passes it, so nothing here reads its widgets.
    """

    def __init__(self, state: Callable[[], tuple[Any, Any, Scenario, dict[str, Any]]],
                 name: str, pdf: bool = True, params: Callable[[], Any] = lambda: None,
                 period: bool = False):
        self._state, self._name, self._params, self._period = state, name, params, period
        self.excel = w.Button(description=t("export.button.excel"))
        self.excel.add_class("kstad-export-excel")
        self.pdf = w.Button(description=t("export.button.pdf"))
        self.pdf.add_class("kstad-export-pdf")
        self.link = w.HTML()
        self.link.add_class("kstad-export-link")
        self.excel.on_click(lambda _: self.export_excel())
        self.pdf.on_click(lambda _: self.export_pdf())
        buttons = [self.excel, self.pdf] if pdf else [self.excel]
        self.widget = w.VBox([w.HBox(buttons), self.link])
        self.widget.add_class("kstad-export")

    def export_excel(self) -> Path | None:
        from kstad_analysis import guards

        analysis, result, _scenario, settings = self._state()
        if result is None:
            self.link.value = f"<span class='kstad-error'>{esc(t('export.none'))}</span>"
            return None
        folder = Path(tempfile.mkdtemp(prefix="kstad-export-"))
        name = guards.safe_filename(self._name, default="kstad") + ".xlsx"
        path = workbook(portfolio_sheets(analysis, result, self._params(), period=self._period),
                        settings,
                        analysis.plans.fingerprint, folder / name)
        from kstad_analysis.ui.downloads import XLSX_MIME

        self.link.value = _link(path, XLSX_MIME, name)
        return path

    def export_pdf(self) -> Path | None:
        from kstad_analysis.errors import ReportError

        analysis, result, scenario, _settings = self._state()
        if result is None:
            self.link.value = f"<span class='kstad-error'>{esc(t('export.none'))}</span>"
            return None
        self.link.value = f"<span class='kstad-muted'>{esc(t('export.pdf_building'))}</span>"
        folder = Path(tempfile.mkdtemp(prefix="kstad-export-"))
        try:
            path = decision_pdf(scenario, analysis.plans, analysis.store_dir, folder)
        except ReportError as exc:
            self.link.value = f"<span class='kstad-error'>{esc(str(exc))}</span>"
            return None
        self.link.value = _link(path, PDF_MIME, "beslutsunderlag.pdf")
        return path


def budget_state(app: Any) -> tuple[Any, Any, Scenario, dict[str, Any]]:
    """What the Budget app shows: its chain, its portfolio, and its rules as a
    scenario (named by the loaded one, else by the budget)."""
    from kstad_analysis.formatting import mnkr

    settings = app._collect()
    loaded = app.analysis.scenario
    name = loaded.name if loaded is not None else t("export.name.budget", budget=mnkr(settings["budget"]))
    scenario = Scenario.from_dict({
        **(loaded.to_dict() if loaded is not None else {}), **settings, "name": name,
        "data_fingerprint": app.analysis.plans.fingerprint,
    })
    return app.analysis, app.result, scenario, {"scenario": name, **settings}


class EffectExport:
    """Effekthemtagning's export: the app's parameters, computed for the
    portfolio of a saved scenario (never for all needs)."""

    def __init__(self, app: Any, store: Any = None):
        from kstad_analysis import store as store_mod

        self.app, self.store = app, store or store_mod.Store()
        self.scenario = w.Dropdown(description=t("export.effect.scenario"),
                                   layout=w.Layout(width="520px"))
        self.scenario.add_class("kstad-export-scenario")
        self.refresh_choices()
        self.panel = ExportPanel(self.state, t("export.name.effect"), pdf=True,
                                 params=lambda: self.app.params(), period=True)
        self.widget = w.VBox([w.HTML(f"<p class='kstad-muted'>{esc(t('export.effect.lead'))}</p>"),
                              self.scenario, self.panel.widget])

    def refresh_choices(self) -> None:
        names = [str(n) for n in self.store.list_scenarios().get("name", [])]
        self.scenario.options = names
        if names and self.scenario.value not in names:
            self.scenario.value = names[0]

    def state(self) -> tuple[Any, Any, Scenario | None, dict[str, Any]]:
        from kstad_analysis.analysis import Analysis, load_scenario

        name = self.scenario.value
        if not name:
            return None, None, None, {}
        scenario = load_scenario(name, self.store.directory)
        analysis = Analysis.build(self.app.source.plans, scenario, self.store.directory)
        result = analysis.portfolio()
        params = self.app.params()
        first, last = period_years(params)
        settings = {"scenario": name, "rate": params.rate, "years": params.years,
                    "period": f"{first}–{last}", "budget": scenario.budget,
                    "value": scenario.value}
        return analysis, result, scenario, settings


__all__ = [
    "EffectExport", "budget_state",
    "EXPORT_SAMPLES", "ExportPanel", "decision_pdf", "effect_sheets", "portfolio_sheets",
    "settings_frame", "workbook",
]
