"""Save, load, compare and decide scenarios from any app.

Why one panel for every app: a scenario holds all choices (weights, budget,
måste/uteslut, threshold). Each app contributes its own fields through
``collect`` and applies a loaded scenario through ``apply``; fields it does
not own are carried over unchanged from the last loaded scenario, so saving
in the budget app never wipes the weights set in the prioritisation app.
Everything a visitor sends is validated by ``Scenario`` and the guards.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from kstad_analysis import guards
from kstad_analysis.i18n import t
from kstad_analysis.scenario import AUTHOR_MAX, NAME_MAX, NOTE_MAX, Scenario, ScenarioError
from kstad_analysis.scenario import compare_settings as compare_scenario_settings
from kstad_analysis.store import NotFound, Store
from kstad_analysis.ui.common import esc, html_table

Collect = Callable[[], dict[str, Any]]
Apply = Callable[[Scenario], None]
Compare = Callable[[Scenario, Scenario], str]


class ScenarioPanel:
    """Widgets to save/load/compare/decide; ``panel.widget`` goes in the page."""

    def __init__(self, collect: Collect, apply: Apply, fingerprint: Callable[[], str],
                 compare: Compare | None = None, store: Store | None = None):
        self._collect, self._apply, self._fingerprint = collect, apply, fingerprint
        self._compare = compare
        self._store = store
        self.base: dict[str, Any] = {}
        self.name = w.Text(description=t("app.scen.name"), placeholder=t("app.scen.name_hint"))
        self.name.add_class("kstad-scenario-name")
        self.author = w.Text(description=t("app.scen.author"))
        self.note = w.Textarea(description=t("app.scen.note"), layout=w.Layout(width="420px"))
        self.save_button = w.Button(description=t("app.scen.save"), button_style="primary")
        self.save_button.add_class("kstad-scenario-save")
        self.saved = w.Dropdown(description=t("app.scen.saved"), options=[])
        self.saved.add_class("kstad-scenario-list")
        self.load_button = w.Button(description=t("app.scen.load"))
        self.load_button.add_class("kstad-scenario-load")
        self.other = w.Dropdown(description=t("app.scen.compare_with"), options=[])
        self.compare_button = w.Button(description=t("app.scen.compare"))
        self.decide_button = w.Button(description=t("app.scen.decide"), button_style="warning")
        self.status = w.HTML()
        self.status.add_class("kstad-scenario-status")
        self.comparison = w.HTML()
        self.comparison.add_class("kstad-scenario-compare")
        self.save_button.on_click(lambda _: self.save())
        self.load_button.on_click(lambda _: self.load(self.saved.value))
        self.compare_button.on_click(lambda _: self.compare(self.saved.value, self.other.value))
        self.decide_button.on_click(lambda _: self.decide(self.saved.value))
        self.widget = w.VBox([
            w.HTML(f"<h3>{esc(t('app.scen.title'))}</h3>"),
            w.HBox([self.name, self.author]), self.note, self.save_button,
            w.HBox([self.saved, self.load_button, self.decide_button]),
            w.HBox([self.other, self.compare_button]),
            self.status, self.comparison,
        ])
        self.widget.add_class("kstad-scenarios")
        self.refresh()

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store()
        return self._store

    def refresh(self) -> None:
        """Reload the list of saved scenarios (other kernels may have saved)."""
        try:
            names = list(self.store.list_scenarios()["name"])
        except Exception as exc:  # noqa: BLE001 - a broken store is reported, the app goes on
            self._say(t("app.scen.store_error", error=str(exc)[:200]), error=True)
            return
        self.saved.options = names
        self.other.options = names

    def _say(self, text: str, *, error: bool = False) -> None:
        cls = "kstad-error" if error else "kstad-ok"
        self.status.value = f"<span class='{cls}'>{esc(text)}</span>"

    def current(self) -> Scenario:
        """The scenario the page shows now (validated; raises ScenarioError)."""
        data = {**self.base, **self._collect()}
        data.update(
            name=guards.safe_text(self.name.value, NAME_MAX * 2),
            author=guards.safe_text(self.author.value, AUTHOR_MAX),
            note=guards.safe_text(self.note.value, NOTE_MAX, multiline=True),
            data_fingerprint=self._fingerprint(),
        )
        data.pop("created", None)
        return Scenario.from_dict(data)

    def save(self) -> int | None:
        try:
            scenario = self.current()
            version = self.store.save_scenario(scenario)
        except ScenarioError as exc:
            self._say(str(exc), error=True)
            return None
        self.base = scenario.to_dict()
        self.refresh()
        self.saved.value = scenario.name
        self._say(t("app.scen.saved_ok", name=scenario.name, version=version))
        return version

    def load(self, name: object) -> Scenario | None:
        if not isinstance(name, str) or name not in self.saved.options:
            self._say(t("app.scen.choose"), error=True)
            return None
        try:
            scenario = self.store.load_scenario(name)
        except (NotFound, ScenarioError) as exc:
            self._say(str(exc), error=True)
            return None
        self.base = scenario.to_dict()
        self.name.value, self.author.value, self.note.value = (
            scenario.name, scenario.author, scenario.note)
        self._apply(scenario)
        warning = ""
        if scenario.data_fingerprint and scenario.data_fingerprint != self._fingerprint():
            warning = " " + t("app.scen.other_data")
        self._say(t("app.scen.loaded", name=scenario.name) + warning)
        return scenario

    def compare(self, name_a: object, name_b: object) -> str:
        names = set(self.saved.options)
        if not (isinstance(name_a, str) and isinstance(name_b, str)
                and name_a in names and name_b in names):
            self._say(t("app.scen.choose_two"), error=True)
            return ""
        if name_a == name_b:
            self._say(t("app.scen.compare_self"), error=True)
            return ""
        try:
            a, b = self.store.load_scenario(name_a), self.store.load_scenario(name_b)
        except (NotFound, ScenarioError) as exc:
            self._say(str(exc), error=True)
            return ""
        settings = compare_scenario_settings(a, b).drop(columns=["setting"])
        settings.columns = [t("app.scen.setting"), name_a, name_b]
        parts = [f"<h4>{esc(t('app.scen.diff_settings'))}</h4>"]
        parts.append(html_table(settings) if len(settings) else f"<p>{esc(t('app.scen.same'))}</p>")
        if self._compare is not None:
            parts.append(self._compare(a, b))
        self.comparison.value = "".join(parts)
        return self.comparison.value

    def decide(self, name: object) -> None:
        if not isinstance(name, str) or name not in self.saved.options:
            self._say(t("app.scen.choose"), error=True)
            return
        who = guards.safe_text(self.author.value, AUTHOR_MAX)
        if not who:
            self._say(t("app.scen.need_author"), error=True)
            return
        try:
            record = self.store.mark_decision(name, who, guards.safe_text(
                self.note.value, NOTE_MAX, multiline=True))
        except (NotFound, ScenarioError) as exc:
            self._say(str(exc), error=True)
            return
        self._say(t("app.scen.decided", name=record.scenario_name,
                    version=record.scenario_version, who=record.decided_by))
