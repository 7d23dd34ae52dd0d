"""What a report is built from: the scenario, the plans and the analysis settings.

Why apart from the computation: :func:`resolve` checks every parameter, the
plans and the scenario before any notebook starts, so a bad request stops
with one Swedish :class:`ReportError` (exit code 2 in the CLI), and the
notebook kernel resolves exactly the same scenario again from
:meth:`Settings.notebook_parameters`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from kstad_analysis import paths
from kstad_analysis.errors import ReportError
from kstad_analysis.i18n import t
from kstad_analysis.scenario import Scenario, ScenarioError, now_utc

#: Weight samples in the robustness analysis; enough for P(top N) to about ±1 %.
DEFAULT_SAMPLES = 4_000
DEFAULT_SEED = 20_270_101
#: SMAA samples weights within ± this share of each chosen weight.
DEFAULT_SPREAD = 0.2
SAMPLES_MAX = 200_000


@dataclass(frozen=True)
class Settings:
    """Everything a report is built from: scenario, plans and analysis settings.

    ``scenario_name``/``weights``/… record how the scenario was asked for, so
    the notebook kernel can resolve exactly the same scenario again.
    """

    scenario: Scenario
    plans: Any  # kstad_analysis.intake.Plans
    data_paths: tuple[str, ...]
    store_dir: str
    samples: int
    seed: int
    spread: float
    built: str
    from_store: bool
    saved_budget: float | None = None
    request: dict[str, Any] = field(default_factory=dict)

    def notebook_parameters(self, outputs_dir: str | Path = "") -> dict[str, Any]:
        """Papermill parameters for ``notebooks/90_rapport.ipynb`` (JSON-safe)."""
        req = self.request
        return {
            "scenario_name": req.get("scenario_name") or "",
            "weights_json": json.dumps(req.get("weights") or {}, sort_keys=True),
            "preset": req.get("preset") or "",
            "method": req.get("method") or "",
            "budget": -1.0 if req.get("budget") is None else float(req["budget"]),
            "data_paths_json": json.dumps(list(self.data_paths)),
            "store_dir": self.store_dir,
            "samples": int(self.samples), "seed": int(self.seed), "spread": float(self.spread),
            "built": self.built, "outputs_dir": str(outputs_dir),
        }


def _check_settings(samples: object, seed: object, spread: object) -> tuple[int, int, float]:
    def bad(name: str, detail: str) -> ReportError:
        return ReportError(t("report.err.params", name=name, detail=detail))

    if isinstance(samples, bool) or not isinstance(samples, int | np.integer) or not (
        1 <= samples <= SAMPLES_MAX
    ):
        raise bad("samples", f"1–{SAMPLES_MAX}")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise bad("seed", ">= 0")
    if not isinstance(spread, int | float) or not (0.0 <= float(spread) < 1.0):
        raise bad("spread", "0–0,99")
    return int(samples), int(seed), float(spread)


def _check_built(value: str) -> str:
    """The build time: ISO 8601 with a time zone (it is printed in the colophon)."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        moment = None
    if moment is None or moment.utcoffset() is None:
        raise ReportError(t("report.err.params", name="built", detail="ISO 8601 med tidszon"))
    return moment.isoformat(timespec="seconds")


def load_data(data_paths: Sequence[str | Path] | None = None):
    """Validated plans, or a :class:`ReportError` listing every error in Swedish."""
    from kstad_analysis.intake import read_plans

    inputs = [str(p) for p in (data_paths or [paths.raw_dir()])]
    plans = read_plans(inputs)
    if not plans.ok:
        lines = [t("report.err.data"), *(f"  {p}" for p in plans.errors[:50])]
        raise ReportError("\n".join(lines))
    if len(plans.needs) == 0:
        raise ReportError(t("report.err.no_needs"))
    return plans


def _load_scenario(name: str, store_dir: Path) -> Scenario:
    from kstad_analysis.analysis import load_scenario

    try:
        return load_scenario(name, store_dir)
    except ScenarioError as exc:
        raise ReportError(str(exc)) from None


def _check_weights(scenario: Scenario, *, both: bool) -> None:
    """Fail before any notebook runs when the weights or the preset are unusable."""
    from kstad_analysis import weights as weights_mod

    try:
        if both:
            raise weights_mod.WeightError(t("rank.weights.both"))
        if scenario.weights:
            weights_mod.normalise_weights(scenario.weights)
        elif scenario.preset:
            weights_mod.preset(scenario.preset)
    except weights_mod.WeightError as exc:
        raise ReportError(t("report.err.weights", detail=str(exc))) from None


def _adhoc_name(budget: float | None, weights: Mapping[str, float] | None,
                preset: str | None) -> str:
    """A report without a saved scenario is named by its settings (never a
    placeholder such as "Rapport utan sparat scenario")."""
    from kstad_analysis.formatting import mnkr

    if weights:
        chosen = t("report.priority.source.scenario")
    elif preset:
        chosen = t("report.priority.source.preset", name=preset)
    else:
        chosen = t("report.priority.source.default")
    return t("report.doc.adhoc_name", budget=mnkr(budget) if budget is not None else "–",
             weights=chosen)


def resolve(*, scenario_name: str | None = None, weights: Mapping[str, float] | None = None,
            preset: str | None = None, method: str | None = None, budget: float | None = None,
            data_paths: Sequence[str | Path] | None = None, store_dir: str | Path | None = None,
            samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
            spread: float = DEFAULT_SPREAD, built: str | None = None) -> Settings:
    """Read the plans and the scenario (saved, or made from weights and budget).

    Raises :class:`ReportError` for bad data, an unknown scenario, weights
    given beside a scenario, unusable weights or a missing budget.
    """
    samples, seed, spread = _check_settings(samples, seed, spread)
    built = _check_built(built or now_utc())
    # Relative paths mean the caller's working directory, as for ``kstad rank``: the
    # notebooks run in another one, so they get absolute paths.
    data_paths = [Path(p).resolve() for p in data_paths] if data_paths else None
    plans = load_data(data_paths)
    store_path = Path(store_dir).resolve() if store_dir else paths.store_dir()
    saved_budget = None
    try:
        if scenario_name:
            if weights or preset:
                raise ReportError(t("analysis.err.scenario_and_weights"))
            scenario = _load_scenario(scenario_name, store_path)
            changes: dict[str, Any] = {}
            if method:
                changes["method"] = method
            if budget is not None:
                saved_budget, changes["budget"], changes["per_year"] = scenario.budget, budget, {}
            if changes:
                scenario = Scenario.from_dict({**scenario.to_dict(), **changes})
        else:
            scenario = Scenario(
                name=_adhoc_name(budget, weights, preset), created=built, data_fingerprint=plans.fingerprint,
                weights=dict(weights or {}), preset=preset or None, method=method or "wsum",
                budget=budget,
            )
    except ScenarioError as exc:
        raise ReportError(t("report.err.scenario_invalid", detail=str(exc))) from None
    if scenario.budget is None and not scenario.per_year:
        raise ReportError(t("report.err.no_budget", name=scenario.name))
    _check_weights(scenario, both=bool(weights and preset))
    request = {"scenario_name": scenario_name or "", "weights": dict(weights or {}),
               "preset": preset or "", "method": method or "", "budget": budget}
    return Settings(
        scenario=scenario, plans=plans, data_paths=tuple(str(p) for p in (data_paths or [])),
        store_dir=str(store_path), samples=samples, seed=seed, spread=spread, built=built,
        from_store=bool(scenario_name), saved_budget=saved_budget, request=request,
    )
