"""Save, load, compare and decide scenarios from any app.

Why one panel for every app: a scenario holds all choices (weights, budget,
måste/uteslut, threshold). Each app contributes its own fields through
``collect`` and applies a loaded scenario through ``apply``; fields it does
not own are carried over unchanged from the last loaded scenario, so saving
in the budget app never wipes the weights set in the prioritisation app.
Everything a visitor sends is validated by ``Scenario`` and the guards.

The scenario is the thread of a visit: the one opened or saved last is
named at the top of every page (``topbar``), remembered for the visit
(``ui.visit``) so the next app opens it too, and "Markera som beslut" asks
for confirmation before it records anything; the decisions taken are listed
with who and when.

Who acts comes from the login (``access.current_user``), shown on the panel,
never from a text box: only the local analyst without a hub may type a name
(e.g. "Kommunstyrelsen"). Text is validated strictly (``scenario.check_text``):
a name with a line break or a note that is too long is refused with a
message, never silently changed. A decision records the exact version that
is open on the page (``loaded_version``), and is refused if someone saved a
newer one meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w
import pandas as pd

from kstad_analysis.access import User
from kstad_analysis.criteria import load_criteria
from kstad_analysis.errors import AccessDenied, StoreError
from kstad_analysis.i18n import t
from kstad_analysis.scenario import AUTHOR_MAX, NAME_MAX, NOTE_MAX, Scenario, ScenarioError, check_text
from kstad_analysis.scenario import compare_settings as compare_scenario_settings
from kstad_analysis.store import NotFound, Store
from kstad_analysis.ui import kernel_guard
from kstad_analysis.ui.common import esc, format_value, html_table
from kstad_analysis.ui.roles import current_login, login_html, may, refusal
from kstad_analysis.ui.visit import Visit

Collect = Callable[[], dict[str, Any]]
Apply = Callable[[Scenario], None]
Compare = Callable[[Scenario, Scenario], str]


class ScenarioPanel:
    """Widgets to save/load/compare/decide; ``panel.widget`` goes in the page."""

    def __init__(self, collect: Collect, apply: Apply, fingerprint: Callable[[], str],
                 compare: Compare | None = None, store: Store | None = None, page: str = "",
                 user: User | None = None):
        self._collect, self._apply, self._fingerprint = collect, apply, fingerprint
        self.user = user if user is not None else current_login()
        self.loaded: tuple[str, int] | None = None  # (name, version) open on the page
        self._compare = compare
        self._store = store
        self.page = page
        self.visit: Visit | None = None
        self.base: dict[str, Any] = {}
        self.topbar = w.HTML()
        self.topbar.add_class("kstad-topbar")
        self.decider = w.Text(description=t("app.scen.decider"))
        self.decider.add_class("kstad-decider")
        self.confirm_button = w.Button(description=t("app.scen.confirm"), button_style="danger")
        self.confirm_button.add_class("kstad-decision-confirm")
        self.cancel_button = w.Button(description=t("app.scen.cancel"))
        self.confirm_text = w.HTML()
        self.confirm_box = w.VBox([self.confirm_text, self.decider,
                                   w.HBox([self.confirm_button, self.cancel_button])],
                                  layout=w.Layout(display="none"))
        self.confirm_box.add_class("kstad-decision-ask")
        self.decision_list = w.HTML()
        self.decision_list.add_class("kstad-decision-list")
        self._pending: tuple[str, int] | None = None
        self.name = w.Text(description=t("app.scen.name"), placeholder=t("app.scen.name_hint"))
        self.name.add_class("kstad-scenario-name")
        self.author = w.Text(description=t("app.scen.author"))
        self.login = w.HTML(login_html(self.user))
        self.login.add_class("kstad-login")
        if self.user is None or not self.user.local:  # the login is the author; nothing to type
            self.author.layout.display = "none"
            self.decider.layout.display = "none"
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
        kernel_guard.add_sink(self.status)  # callback errors of the whole app show here too
        self.comparison = w.HTML()
        self.comparison.add_class("kstad-scenario-compare")
        self.save_button.on_click(lambda _: self.save())
        self.load_button.on_click(lambda _: self.load(self.saved.value))
        self.compare_button.on_click(lambda _: self.compare(self.saved.value, self.other.value))
        self.decide_button.on_click(lambda _: self.decide(self.saved.value))
        self.decide_button.add_class("kstad-decide")
        self.decide_button.disabled = not self._may("mark_decision")  # the store checks again
        self.confirm_button.on_click(lambda _: self.confirm_decision())
        self.cancel_button.on_click(lambda _: self.cancel_decision())
        self.widget = w.VBox([
            w.HTML(f"<h3>{esc(t('app.scen.title'))}</h3>"),
            self.login, w.HBox([self.name, self.author]), self.note, self.save_button,
            w.HBox([self.saved, self.load_button, self.decide_button]), self.confirm_box,
            w.HBox([self.other, self.compare_button]),
            self.status, self.comparison,
            w.HTML(f"<h4>{esc(t('app.scen.decisions'))}</h4>"), self.decision_list,
        ])
        self.widget.add_class("kstad-scenarios")
        self.refresh()
        self._render_topbar()

    def attach(self, visit: Visit) -> None:
        """Join a visit: its links in the top bar, and the scenario it opened
        in another app opened here too."""
        self.visit = visit
        self.refresh()
        wanted = visit.scenario_name
        if wanted and wanted != self.base.get("name") and wanted in self.saved.options:
            self.load(wanted)
        self._render_topbar()

    def current_name(self) -> str:
        name = self.base.get("name")
        return name if isinstance(name, str) else ""

    def _render_topbar(self) -> None:
        nav = self.visit.nav_html(self.page) if self.visit is not None else ""
        name = self.current_name()
        text = (f"{esc(t('app.scen.current'))}: <b class='kstad-current-name'>{esc(name)}</b>"
                if name else esc(t("app.scen.none")))
        self.topbar.value = f"{nav}<div class='kstad-current-scenario'>{text}</div>"

    def _remember(self, name: str) -> None:
        if self.visit is not None:
            self.visit.remember_scenario(name)
        self._render_topbar()

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
        self._render_decisions()

    def _say(self, text: str, *, error: bool = False) -> None:
        cls = "kstad-error" if error else "kstad-ok"
        self.status.value = f"<span class='{cls}'>{esc(text)}</span>"

    def _may(self, action: str) -> bool:
        return may(self.user, action)

    def _acting(self) -> User:
        if self.user is None:
            raise AccessDenied(t("access.no_user"))
        return self.user

    def _author(self) -> str:
        """What is recorded as the author: the login, or what the local analyst typed."""
        user = self._acting()
        if not user.local:
            return user.name
        return check_text(self.author.value, "author", AUTHOR_MAX)

    def current(self) -> Scenario:
        """The scenario the page shows now (validated; raises ScenarioError).

        Strict, not lenient: ``"a\nb"`` as a name or a note over the limit is
        refused with a message, so what is saved is exactly what was typed.
        """
        data = {**self.base, **self._collect()}
        data.update(
            name=check_text(self.name.value, "name", NAME_MAX, required=True),
            author=self._author(),
            note=check_text(self.note.value, "note", NOTE_MAX, multiline=True),
            data_fingerprint=self._fingerprint(),
        )
        data.pop("created", None)
        return Scenario.from_dict(data)

    def save(self) -> int | None:
        try:
            scenario = self.current()
            version = self.store.save_scenario(scenario, user=self._acting())
        except (ScenarioError, StoreError) as exc:
            self._say(str(exc), error=True)
            return None
        self.loaded = (scenario.name, version)
        self.base = scenario.to_dict()
        self.refresh()
        self.saved.value = scenario.name
        self._remember(scenario.name)
        self._say(t("app.scen.saved_ok", name=scenario.name, version=version))
        return version

    def load(self, name: object) -> Scenario | None:
        if not isinstance(name, str) or name not in self.saved.options:
            self._say(t("app.scen.choose"), error=True)
            return None
        try:
            scenario, version = self.store.load_with_version(name)
        except (NotFound, ScenarioError, StoreError) as exc:
            self._say(str(exc), error=True)
            return None
        self.loaded = (scenario.name, version)
        self.base = scenario.to_dict()
        self.name.value, self.author.value, self.note.value = (
            scenario.name, scenario.author, scenario.note)
        self._apply(scenario)
        self._remember(scenario.name)
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
        except (NotFound, ScenarioError, StoreError) as exc:
            self._say(str(exc), error=True)
            return ""
        raw = compare_scenario_settings(a, b)
        settings = pd.DataFrame({
            t("app.scen.setting"): [_setting_label(s, label) for s, label in
                                     zip(raw["setting"], raw["label"], strict=True)],
            name_a: [show_setting(s, v) for s, v in zip(raw["setting"], raw["a"], strict=True)],
            name_b: [show_setting(s, v) for s, v in zip(raw["setting"], raw["b"], strict=True)],
        }) if len(raw) else raw
        parts = [f"<h4>{esc(t('app.scen.diff_settings'))}</h4>"]
        parts.append(html_table(settings) if len(settings) else f"<p>{esc(t('app.scen.same'))}</p>")
        if self._compare is not None:
            parts.append(self._compare(a, b))
        self.comparison.value = "".join(parts)
        return self.comparison.value

    def decide(self, name: object) -> None:
        """Ask before recording: which scenario and version, and who decides.

        The version asked about is the one open on the page (the scenario is
        opened first if another one is shown), so the decider sees the
        choices they decide on; a newer version saved meanwhile makes
        ``confirm_decision`` refuse.
        """
        if not isinstance(name, str) or name not in self.saved.options:
            self._say(t("app.scen.choose"), error=True)
            return
        if not self._may("mark_decision"):
            self._say(refusal(self.user, "mark_decision"), error=True)
            return
        if self.loaded is None or self.loaded[0] != name:
            if self.load(name) is None:
                return
        assert self.loaded is not None
        self._pending = self.loaded  # the version shown is the version recorded
        user = self._acting()
        if user.local and not self.decider.value:
            self.decider.value = self.author.value if isinstance(self.author.value, str) else ""
        self.confirm_text.value = (f"<p class='kstad-warning'>"
                                   f"{esc(t('app.scen.ask', name=name, version=self._pending[1]))}</p>")
        self.confirm_box.layout.display = None

    def cancel_decision(self) -> None:
        self._pending = None
        self.confirm_box.layout.display = "none"

    def confirm_decision(self) -> None:
        """Record the decision asked about in ``decide``, on the version loaded.

        Checked here again (a visitor can click a hidden button by sending its
        widget message); the store checks the role once more.
        """
        if self._pending is None or self._pending[0] not in self.saved.options:
            self._say(t("app.scen.choose"), error=True)
            return
        name, version = self._pending
        try:
            user = self._acting()
            typed = None
            if user.local:
                typed = check_text(self.decider.value, "decided_by", AUTHOR_MAX)
                if not typed:
                    self._say(t("app.scen.need_author"), error=True)
                    return
            record = self.store.mark_decision(
                name, typed, check_text(self.note.value, "note", NOTE_MAX, multiline=True),
                user=user, loaded_version=version)
        except (NotFound, ScenarioError, StoreError) as exc:  # AccessDenied, StaleScenario too
            self._say(str(exc), error=True)
            return
        self.cancel_decision()
        self._render_decisions()
        self._say(t("app.scen.decided", name=record.scenario_name,
                    version=record.scenario_version, who=record.decided_by))

    def _render_decisions(self) -> None:
        """The decisions taken, newest first, with who and when."""
        try:
            records = self.store.decisions()
        except Exception:  # noqa: BLE001 - reported by refresh; the list just stays empty
            records = []
        if not records:
            self.decision_list.value = f"<p class='kstad-muted'>{esc(t('app.scen.no_decisions'))}</p>"
            return
        rows = "".join(
            f"<tr><td>{esc(r.scenario_name)}</td><td>{r.scenario_version}</td>"
            f"<td>{esc(r.decided_by)}</td><td>{esc(show_time(r.decided_at))}</td>"
            f"<td>{esc(r.note)}</td></tr>" for r in reversed(records[-DECISIONS_SHOWN:]))
        head = "".join(f"<th>{esc(t(k))}</th>" for k in (
            "app.scen.col.scenario", "app.scen.col.version", "app.scen.col.who",
            "app.scen.col.when", "app.scen.note"))
        self.decision_list.value = (f"<table class='kstad-table'><thead><tr>{head}</tr></thead>"
                                    f"<tbody>{rows}</tbody></table>")


DECISIONS_SHOWN = 20


def show_time(value: object) -> str:
    """``2026-05-01T12:30:05.123Z`` → ``2026-05-01 12:30 UTC`` (the store keeps UTC)."""
    text = str(value or "")
    if len(text) >= 16 and text[10] == "T":
        return f"{text[:10]} {text[11:16]} UTC"
    return text


def _setting_label(setting: str, label: str) -> str:
    if setting.startswith("weights."):
        key = setting.split(".", 1)[1]
        names = {c.key: c.label() for c in load_criteria()}
        return t("app.scen.weight_label", name=names.get(key, key))
    if setting == "budget":
        return t("app.scen.label.budget")
    if setting.startswith("per_year."):
        return t("app.scen.label.year_budget", year=setting.split(".", 1)[1])
    overrides = {"overrides.category": "app.rank.category", "overrides.department": "col.department"}
    return t(overrides[setting]) if setting in overrides else label


def show_setting(setting: str, value: object) -> str:
    """A scenario setting as a manager reads it: mnkr, percent, Swedish names."""
    if value is None or value == "":
        return "–"
    if setting == "budget" or setting.startswith("per_year."):
        return f"{format_value(value / 1e6, ',.1')} {t('apps.msek')}" \
            if isinstance(value, int | float) else str(value)
    if setting.startswith("weights.") and isinstance(value, int | float):
        return format_value(value, "pct")
    if setting == "threshold" and isinstance(value, int | float):
        return format_value(value, ".2")
    if setting == "created":
        return show_time(value)
    if setting == "value":
        return t(f"apps.budget.value.{value}")
    if setting == "method":
        return t(f"app.rank.method_{value}")
    if setting == "data_fingerprint":
        return str(value)[:8]
    if setting.startswith("overrides."):
        text = str(value).strip('"')
        return t("app.rank.all") if text == "__alla__" else text
    return str(value)
