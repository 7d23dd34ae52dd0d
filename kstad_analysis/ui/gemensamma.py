"""Gemensamma behov: groups of similar needs, bastjänst candidates, analyst decisions.

Why it is built this way: a detection run on the 200-need sample takes about
half a second, so the threshold slider only reports when it is released
(``continuous_update=False``) and each (data, threshold, decisions) result is
kept by the analysis chain (``Analysis.build``), so going back to a threshold
already seen is instant. The analyst's
merge / split / "inte samma behov" decisions are saved in the shared store
(every kernel and the other apps see them) and replayed by ``detect`` on the
next run; decisions naming needs that are no longer in the data are listed
with a warning, never dropped silently.

Decisions are analysts' work: the controls are disabled for anyone without
the analytiker role, and every callback checks the role again (a visitor can
send any widget message, including a click on a disabled button); the store
checks it a third time and records the login as the author. The decision
list (``gemensamma_decisions.DecisionList``) is rebuilt only when it
changes, and the widgets it replaces are closed (each left open is a widget
model kept in the kernel and the page).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd

from kstad_analysis import config, embeddings, guards
from kstad_analysis.access import User
from kstad_analysis.analysis import Analysis
from kstad_analysis.errors import StoreError
from kstad_analysis.i18n import t
from kstad_analysis.intake import Plans
from kstad_analysis.scenario import AUTHOR_MAX, Scenario
from kstad_analysis.shared_needs import DECISION_KINDS, GroupingDecision, SharedNeeds
from kstad_analysis.store import NotFound, Store
from kstad_analysis.store_shared import GROUP_NAME_MAX
from kstad_analysis.ui.common import esc, format_value
from kstad_analysis.ui.data_source import DataSource
from kstad_analysis.ui.gemensamma_decisions import MAX_DECISIONS_SHOWN as MAX_DECISIONS_SHOWN
from kstad_analysis.ui.gemensamma_decisions import DecisionList, badge
from kstad_analysis.ui.inputs import readout, swedish_number
from kstad_analysis.ui.roles import current_login, may, refusal
from kstad_analysis.ui.scenarios import ScenarioPanel
from kstad_analysis.ui.visit import Visit

THRESHOLD_MIN, THRESHOLD_MAX = 0.05, 0.95
NOTE_MAX = 500
MAX_GROUPS_SHOWN = 200


def default_threshold() -> float:
    """The configured threshold (``shared_needs.toml``), kept inside the slider range."""
    value = config.load("shared_needs").get("gruppering", {}).get("troskel", 0.2)
    return guards.clamp_number(value, THRESHOLD_MIN, THRESHOLD_MAX, 0.2)


class GemensammaApp:
    """The widgets and callbacks of the Gemensamma behov app."""

    def __init__(self, source: DataSource | None = None, store: Store | None = None,
                 user: User | None = None):
        self.source = source or DataSource()
        self._store = store
        self.user = user if user is not None else current_login()
        self._quiet = False
        self.shared: SharedNeeds | None = None
        self.candidates_frame = pd.DataFrame()
        self.decisions: list[tuple[int, GroupingDecision]] = []
        self._default = default_threshold()
        self.threshold = w.FloatSlider(
            value=self._default, min=THRESHOLD_MIN, max=THRESHOLD_MAX, step=0.01,
            continuous_update=False, description=t("apps.shared.threshold"),
            style={"description_width": "130px"}, layout=w.Layout(width="400px"))
        self.threshold.add_class("kstad-threshold")
        self.threshold_box = readout(self.threshold, lambda v: swedish_number(v, 2))
        self.only_shared = w.Checkbox(value=True, description=t("apps.shared.only_shared"),
                                      indent=False)
        self.summary = w.HTML()
        self.summary.add_class("kstad-shared-summary")
        self.groups = w.HTML()
        self.groups.add_class("kstad-groups")
        self.candidates = w.HTML()
        self.candidates.add_class("kstad-candidates")
        self.kind = w.ToggleButtons(
            options=[(t(f"apps.shared.kind.{k}"), k) for k in DECISION_KINDS], value="merge",
            description=t("apps.shared.kind"))
        self.kind.add_class("kstad-decision-kind")
        self.kind_help = w.HTML()
        self.need_a = w.Dropdown(description=t("apps.shared.need_a"), layout=w.Layout(width="560px"))
        self.need_a.add_class("kstad-need-a")
        self.need_b = w.Dropdown(description=t("apps.shared.need_b"), layout=w.Layout(width="560px"))
        self.need_b.add_class("kstad-need-b")
        self.author = w.Text(description=t("apps.shared.author"))
        self.note = w.Text(description=t("apps.shared.note"), layout=w.Layout(width="560px"))
        self.save_button = w.Button(description=t("apps.shared.save"), button_style="primary",
                                    icon="check")
        self.save_button.add_class("kstad-decision-save")
        self.action_status = w.HTML()
        self.action_status.add_class("kstad-decision-status")
        self.decision_view = DecisionList(self.delete_decision)
        self.decision_list = self.decision_view.widget
        self.rename_group = w.Dropdown(description=t("apps.shared.rename_group"),
                                       layout=w.Layout(width="560px"))
        self.rename_group.add_class("kstad-rename-group")
        self.rename_name = w.Text(description=t("apps.shared.rename_name"),
                                  layout=w.Layout(width="560px"))
        self.rename_name.add_class("kstad-rename-name")
        self.rename_button = w.Button(description=t("apps.shared.rename"), icon="pencil")
        self.rename_button.add_class("kstad-rename-save")
        self.unname_button = w.Button(description=t("apps.shared.unname"), icon="undo")
        self.rename_button.on_click(lambda _: self.rename(
            self.rename_group.value, self.rename_name.value, self.author.value))
        self.unname_button.on_click(lambda _: self.unname(self.rename_group.value))
        self.scenarios = ScenarioPanel(self._collect, self._apply,
                                       lambda: self.source.plans.fingerprint, store=store,
                                       page="02_gemensamma_behov.ipynb", user=self.user)
        self.role_note = w.HTML()
        self.role_note.add_class("kstad-role-note")
        self._apply_role()
        self.threshold.observe(self._on_threshold, names="value")
        self.only_shared.observe(lambda _: self.render(), names="value")
        self.kind.observe(lambda _: self._render_kind(), names="value")
        self.save_button.on_click(lambda _: self.save_decision(
            self.kind.value, self.need_a.value, self.need_b.value, self.author.value,
            self.note.value))
        self.source.on_change(self._on_data)
        self._fill_needs()
        self._render_kind()
        self.reload_decisions()
        self.update()

    # ------------------------------------------------------------------ roles

    def _may(self, action: str) -> bool:
        return may(self.user, action)

    def _refused(self, action: str) -> bool:
        """True (with the Swedish refusal shown) when the login may not do ``action``;
        checked in every callback, whatever the page's buttons showed."""
        if self._may(action):
            return False
        self._say(refusal(self.user, action), error=True)
        return True

    def _apply_role(self) -> None:
        """Disable the decision controls for a läsare (a hint, not the check)."""
        may_decide, may_name = self._may("save_grouping"), self._may("name_group")
        for control in (self.kind, self.need_a, self.need_b, self.author, self.note,
                        self.save_button):
            control.disabled = not may_decide
        for control in (self.rename_group, self.rename_name, self.rename_button, self.unname_button):
            control.disabled = not may_name
        if self.user is None or not self.user.local:
            self.author.layout.display = "none"  # the login is recorded, nothing to type
        self.role_note.value = ("" if may_decide and may_name else
                                f"<p class='kstad-muted'>{esc(t('sec.shared.reader'))}</p>")

    # ------------------------------------------------------------------ state

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store()
        return self._store

    @property
    def needs(self) -> pd.DataFrame:
        return self.source.plans.needs

    def known_ids(self) -> set[str]:
        return set(self.needs["id"].astype(str))

    def current_threshold(self) -> float:
        return round(guards.clamp_number(self.threshold.value, THRESHOLD_MIN, THRESHOLD_MAX,
                                         self._default), 2)

    def _collect(self) -> dict[str, Any]:
        return {"threshold": self.current_threshold()}

    def _apply(self, scenario: Scenario) -> None:
        if scenario.threshold is not None:
            self.threshold.value = guards.clamp_number(scenario.threshold, THRESHOLD_MIN,
                                                       THRESHOLD_MAX, self._default)

    # ------------------------------------------------------------------ computing

    def detect(self, threshold: float) -> tuple[SharedNeeds, pd.DataFrame]:
        """Grouping and candidates for ``threshold`` with the saved decisions,
        from the analysis chain (which caches each data/threshold/decisions build)."""
        try:
            with embeddings.reporting(self._embedding_progress):
                analysis = Analysis.build(self.source.plans, store_dir=self.store.directory,
                                          threshold=threshold, decisions=[d for _, d in self.decisions])
        except BaseException:
            self.summary.value = ""  # never leave "n av N" standing after a failure
            raise
        return analysis.shared, analysis.candidates

    def _embedding_progress(self, done: int, total: int) -> None:
        """New plans' texts go through the model once (about 0.05–0.1 s each):
        say so while it runs, since a first upload of 200 needs takes seconds."""
        self.summary.value = (f"<p class='kstad-muted kstad-embedding'>"
                              f"{esc(t('apps.shared.embedding', done=done, total=total))}</p>")

    def update(self) -> SharedNeeds | None:
        """Detect with the current threshold and refresh the page."""
        if self.needs.empty:
            self.shared, self.candidates_frame = None, pd.DataFrame()
            self.summary.value = f"<p class='kstad-muted'>{esc(self.source.plans.summary())}</p>"
            self.groups.value = self.candidates.value = ""
            return None
        try:
            self.shared, self.candidates_frame = self.detect(self.current_threshold())
        except ValueError as exc:
            self.summary.value = f"<p class='kstad-error'>{esc(t('apps.error', error=exc))}</p>"
            return None
        self.render()
        return self.shared

    # ------------------------------------------------------------------ callbacks

    def _on_threshold(self, _change: dict) -> None:
        if not self._quiet:
            self.update()

    def _on_data(self, _plans: Plans) -> None:
        self._fill_needs()
        self.update()
        self._render_decisions()

    def save_decision(self, kind: object, need_a: object, need_b: object, author: object = "",
                      note: object = "") -> int | None:
        """Validate and save one decision, then regroup; every value may be hostile."""
        if self._refused("save_grouping"):
            return None
        kind = guards.choice(kind, DECISION_KINDS, "")
        known = self.known_ids()
        a = guards.choice(need_a, sorted(known), "")
        b = guards.choice(need_b, sorted(known), "")
        if not kind or not a or (kind != "split" and not b):
            return self._say(t("apps.shared.choose_need"), error=True)
        if kind != "split" and a == b:
            return self._say(t("apps.shared.choose_two"), error=True)
        ids = (a,) if kind == "split" else (a, b)
        try:
            decision = GroupingDecision(kind, ids, author=guards.safe_text(author, AUTHOR_MAX),
                                        note=guards.safe_text(note, NOTE_MAX))
            decision_id = self.store.save_grouping_decision(decision, user=self.user)
        except (ValueError, OSError, StoreError) as exc:
            return self._say(t("apps.shared.store_error", error=str(exc)[:300]), error=True)
        self._say(t("apps.shared.saved_ok", kind=t(f"apps.shared.kind.{kind}"), ids=", ".join(ids)))
        self.reload_decisions()
        self.update()
        return decision_id

    def delete_decision(self, decision_id: object) -> bool:
        """Remove a saved decision (only ids listed in the page) and regroup."""
        if self._refused("delete_grouping"):
            return False
        listed = [i for i, _ in self.decisions]
        chosen = guards.choice(decision_id, listed, None)
        if chosen is None:
            shown = guards.safe_text(str(decision_id)[:40], 40)
            self._say(t("apps.shared.store_error", error=t("store.grouping_not_found", id=shown)),
                      error=True)
            return False
        try:
            self.store.delete_grouping_decision(chosen, user=self.user)
        except (NotFound, OSError, ValueError, StoreError) as exc:
            self._say(t("apps.shared.store_error", error=str(exc)[:300]), error=True)
            return False
        self._say(t("apps.shared.deleted", id=chosen))
        self.reload_decisions()
        self.update()
        return True

    def rename(self, group_id: object, name: object, author: object = "") -> bool:
        """Save an analyst's name for a group shown in the page (every value may be hostile)."""
        if self._refused("name_group"):
            return False
        shared = self.shared
        if shared is None:
            return False
        allowed = [g for _, g in _group_choices(shared)]
        chosen = guards.choice(group_id, allowed, None)
        text = guards.safe_text(name, GROUP_NAME_MAX)
        if chosen is None:
            self._say(t("apps.shared.choose_group"), error=True)
            return False
        if not text:
            self._say(t("apps.shared.name_needed", limit=GROUP_NAME_MAX), error=True)
            return False
        members = shared.summary.set_index("group_id").loc[chosen, "member_ids"]
        try:
            self.store.save_group_name(chosen, text, list(members),
                                       guards.safe_text(author, AUTHOR_MAX), user=self.user)
        except (ValueError, OSError, StoreError) as exc:
            self._say(t("apps.shared.store_error", error=str(exc)[:300]), error=True)
            return False
        self._say(t("apps.shared.renamed", group=chosen, name=text))
        self.rename_name.value = ""
        self.update()
        return True

    def unname(self, group_id: object) -> bool:
        """Forget the analyst's name of a group (the automatic name returns)."""
        if self._refused("name_group"):
            return False
        shared = self.shared
        chosen = guards.choice(group_id, [g for _, g in _group_choices(shared)] if shared else [],
                               None)
        if chosen is None:
            self._say(t("apps.shared.choose_group"), error=True)
            return False
        try:
            self.store.delete_group_name(chosen, user=self.user)
        except (ValueError, OSError, StoreError) as exc:
            self._say(t("apps.shared.store_error", error=str(exc)[:300]), error=True)
            return False
        self._say(t("apps.shared.unnamed", group=chosen))
        self.update()
        return True

    def _fill_rename(self, shared: SharedNeeds) -> None:
        choices = _group_choices(shared)
        keep = self.rename_group.value
        self.rename_group.options = [("", "")] + choices
        self.rename_group.value = keep if keep in {g for _, g in choices} else ""

    def on_visit(self, visit: Visit | None = None) -> None:
        """A visitor opened the preheated page: decisions and scenarios saved
        by other kernels since it was built are read again; the visit's
        uploaded plans and current scenario are joined."""
        visit = visit or Visit.from_request(self._store)
        self.reload_decisions()
        self.source.attach(visit)
        self.scenarios.attach(visit)
        self.update()

    def reload_decisions(self) -> None:
        """Read the saved decisions (other kernels may have added some)."""
        try:
            self.decisions = list(self.store.grouping_decisions(with_ids=True))
        except Exception as exc:  # noqa: BLE001 - a broken store is reported, the app goes on
            self.decisions = []
            self._say(t("apps.shared.store_error", error=str(exc)[:300]), error=True)
        self._render_decisions()

    def _say(self, text: str, *, error: bool = False) -> None:
        cls = "kstad-error" if error else "kstad-ok"
        self.action_status.value = f"<span class='{cls}'>{esc(text)}</span>"

    # ------------------------------------------------------------------ rendering

    def _fill_needs(self) -> None:
        needs = self.needs.sort_values("id")
        labels = [(f"{i} – {title}"[:100], str(i)) for i, title in
                  zip(needs["id"].astype(str), needs["title"].fillna("").astype(str), strict=True)]
        self.need_a.options = [("", "")] + labels
        self.need_b.options = [("", "")] + labels
        self.need_a.value = self.need_b.value = ""

    def _render_kind(self) -> None:
        kind = guards.choice(self.kind.value, DECISION_KINDS, "merge")
        self.need_b.layout.display = "none" if kind == "split" else None
        self.kind_help.value = f"<span class='kstad-muted'>{esc(t(f'apps.shared.kind_help.{kind}'))}</span>"

    def render(self) -> None:
        shared = self.shared
        if shared is None:
            return
        summary = shared.summary
        n_shared = int((summary["n_departments"] > 1).sum())
        self.summary.value = "<p>" + esc(t(
            "apps.shared.summary", needs=len(shared.groups), groups=len(summary), shared=n_shared,
            threshold=format_value(shared.threshold, ".2"),
            candidates=len(self.candidates_frame))) + "</p>"
        self.groups.value = self._groups_html(shared)
        self._fill_rename(shared)
        self.candidates.value = self._candidates_html(self.candidates_frame)
        self._render_decisions()

    def _groups_html(self, shared: SharedNeeds) -> str:
        summary = shared.summary
        minimum = 2 if self.only_shared.value is True else 1
        shown = summary[(summary["n_departments"] >= minimum) & (summary["size"] > 1)]
        shown = shown.sort_values(["n_departments", "size", "group_id"],
                                  ascending=[False, False, True], kind="stable")
        if shown.empty:
            return f"<p class='kstad-muted'>{esc(t('apps.shared.no_groups'))}</p>"
        members = shared.groups.set_index("group_id")
        cards = []
        for row in shown.head(MAX_GROUPS_SHOWN).itertuples(index=False):
            head = esc(t("apps.shared.group_head", group=row.group_id, label=row.label,
                         size=row.size, departments=row.n_departments,
                         cohesion=format_value(float(row.cohesion), ".2")))
            if row.name_source == "analyst":
                head += badge("high", t("apps.shared.named_by_analyst"))
            rows_of = members.loc[[row.group_id]].sort_values(["department", "id"])
            body = "".join(
                f"<tr data-id='{esc(m.id)}'><td>{esc(m.department)}</td>"
                f"<td class='kstad-id'>{esc(m.id)}</td><td>{esc(m.title)}</td>"
                f"<td class='kstad-why'>{esc(m.why)}</td></tr>"
                for m in rows_of.itertuples(index=False))
            cards.append(
                f"<div class='kstad-group' data-group='{esc(row.group_id)}'>"
                f"<div class='kstad-group-head'>{head}</div>"
                f"<table class='kstad-table'><thead><tr><th>{esc(t('col.department'))}</th>"
                f"<th>{esc(t('col.id'))}</th><th>{esc(t('col.title'))}</th>"
                f"<th>{esc(t('apps.shared.col.why'))}</th></tr></thead>"
                f"<tbody>{body}</tbody></table></div>")
        more = len(shown) - MAX_GROUPS_SHOWN
        tail = f"<p class='kstad-muted'>{esc(t('apps.more', n=more))}</p>" if more > 0 else ""
        return f"<div class='kstad-group-list'>{''.join(cards)}</div>{tail}"

    def _candidates_html(self, frame: pd.DataFrame) -> str:
        if frame.empty:
            return f"<p class='kstad-muted'>{esc(t('apps.shared.no_candidates'))}</p>"
        years = int(frame["period_years"].iloc[0])
        head = "".join(f"<th>{esc(t(k))}</th>" for k in (
            "apps.shared.col.candidate", "apps.shared.col.label", "apps.shared.col.departments",
            "apps.shared.col.members", "apps.shared.col.separate", "apps.shared.col.shared",
            "apps.shared.col.saving"))
        rows = []
        for c in frame.itertuples(index=False):
            separate = c.separate_investment + c.separate_running * c.period_years
            together = c.shared_investment + c.shared_running * c.period_years
            saving = format_value(c.saving, "kr")
            if c.incomplete:
                missing = t("apps.shared.incomplete", missing=", ".join(map(str, c.missing)))
                saving = f"<span class='kstad-muted'>{esc(missing)}</span>"
            else:
                saving = f"<b>{esc(saving)}</b>"
            rows.append(
                f"<tr data-id='{esc(c.candidate_id)}'><td class='kstad-id'>{esc(c.candidate_id)}</td>"
                f"<td>{esc(c.label)}</td><td>{int(c.n_departments)}</td>"
                f"<td>{esc(', '.join(map(str, c.member_ids)))}</td>"
                f"<td>{esc(format_value(separate, 'kr'))}</td>"
                f"<td>{esc(format_value(together, 'kr'))}</td><td>{saving}</td></tr>")
        lead = esc(t("apps.shared.candidates_lead", years=years))
        return (f"<p class='kstad-muted'>{lead}</p><table class='kstad-table'><thead><tr>{head}"
                f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")

    def _render_decisions(self) -> None:
        """The saved decisions with a delete button each (``DecisionList``)."""
        self.decision_view.render(
            self.decisions, self.known_ids(),
            set(self.shared.conflicting_decisions) if self.shared else set(),
            self._may("delete_grouping"))

    # ------------------------------------------------------------------ layout

    def widget(self) -> w.Widget:
        controls = w.VBox([
            w.HBox([self.threshold_box, self.only_shared]),
            w.HTML(f"<span class='kstad-muted'>{esc(t('apps.shared.threshold_help'))}</span>"),
            self.summary,
        ])
        controls.add_class("kstad-controls")
        actions = w.VBox([
            w.HTML(f"<h2>{esc(t('apps.shared.actions'))}</h2>"
                   f"<p class='kstad-muted'>{esc(t('apps.shared.actions_lead'))}</p>"),
            self.role_note, self.kind, self.kind_help, self.need_a, self.need_b,
            w.HBox([self.author, self.note]),
            self.save_button,
            w.HTML(f"<h3>{esc(t('apps.shared.rename_title'))}</h3>"), self.rename_group,
            self.rename_name, w.HBox([self.rename_button, self.unname_button]),
            self.action_status,
            w.HTML(f"<h3>{esc(t('apps.shared.decisions'))}</h3>"), self.decision_list,
        ])
        actions.add_class("kstad-actions")
        page = w.VBox([
            self.scenarios.topbar,
            w.HTML(f"<h1>{esc(t('apps.shared.title'))}</h1><p class='kstad-lead'>"
                   f"{esc(t('apps.shared.lead'))}</p>"),
            self.source.upload_widget(), controls,
            w.HTML(f"<h2>{esc(t('apps.shared.candidates'))}</h2>"), self.candidates,
            w.HTML(f"<h2>{esc(t('apps.shared.groups'))}</h2>"), self.groups,
            actions, self.scenarios.widget,
        ])
        page.add_class("kstad-gemensamma")
        return page


def _group_choices(shared: SharedNeeds) -> list[tuple[str, str]]:
    """(label, group id) of every group of two or more needs, for the rename list."""
    summary = shared.summary[shared.summary["size"] > 1].sort_values("group_id")
    return [(f"{g} – {label}"[:100], str(g)) for g, label in
            zip(summary["group_id"], summary["label"], strict=True)]


def gemensamma_app() -> w.Widget:
    """Entry point for notebooks/02_gemensamma_behov.ipynb."""
    return GemensammaApp().widget()
