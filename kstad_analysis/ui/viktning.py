"""Viktning i grupp: open a round, answer in your own browser, see the group.

Why three views in one page: a link is all a participant gets, so the page
decides from its query string what to show (read when the visitor arrives,
since Voila preheats the kernel before anyone visits):

* no query: the form that opens a round (then the facilitator's group view);
* ``?omgang=ID&nyckel=TOKEN``: that participant's answer, and nothing else;
* ``?omgang=ID&ledare=TOKEN``: the facilitator's group view
  (:mod:`kstad_analysis.ui.viktning_group`).

The kernel holds the token in Python, never in a synced widget, so a visitor
who sends arbitrary widget messages still acts only as the holder of the
link they opened. Every widget value passes through the guards and
:func:`kstad_analysis.group_weights.parse_answer` before it counts.

Roles (issue 17): opening a round, and closing it (which saves the group's
scenario), need *analytiker*; a participant's personal link lets its holder
answer whatever their role. Each callback checks the login itself (a visitor
can click a disabled button by sending its message) and shows the Swedish
refusal; the store checks again. The name recorded is the login; only the
local analyst without a hub types one.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import parse_qs

import ipywidgets as w

from kstad_analysis import guards
from kstad_analysis.access import User
from kstad_analysis.criteria import Criterion, load_criteria
from kstad_analysis.errors import AccessDenied, NotFound, ScenarioError, WeightError
from kstad_analysis.group_weights import (
    KINDS,
    POINTS_MAX,
    individual,
    pair_key,
    pairs,
    pairwise_matrix,
    parse_answer,
)
from kstad_analysis.i18n import t
from kstad_analysis.scenario import AUTHOR_MAX, NAME_MAX
from kstad_analysis.store import Store
from kstad_analysis.store_rounds import PARTICIPANTS_MAX, valid_token
from kstad_analysis.ui.common import esc
from kstad_analysis.ui.roles import current_login, login_html, may, refusal
from kstad_analysis.ui.viktning_group import GroupView, fmt, weights_table
from kstad_analysis.weights import CR_LIMIT, SAATY_SCALE, consistent_value, nearest_saaty

QUERY_MAX = 400
TEXT_MAX = 4_000


def saaty_label(value: float) -> str:
    """``3`` → ``"3"``, ``1/3`` → ``"1/3"`` (how the scale is written)."""
    return str(round(value)) if value >= 1 else f"1/{round(1 / value)}"


def parse_query(query: object) -> dict[str, str]:
    """The first value of each parameter of a (bounded, hostile) query string."""
    if not isinstance(query, str) or len(query) > QUERY_MAX:
        return {}
    return {k: v[0] for k, v in parse_qs(query, max_num_fields=10).items() if v}


def message(exc: BaseException) -> str:
    """The Swedish text of an error (``KeyError`` subclasses quote their argument)."""
    return str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)


class ParticipantView:
    """One participant's answer: three ways to give weights, a live preview, save."""

    def __init__(self, store: Store, round_id: str, token: str,
                 criteria: Mapping[str, Criterion], user: User | None = None):
        self.store, self.round_id, self.token = store, round_id, token
        self.user = user
        found, person = store.participant(round_id, token)
        self.keys = list(found.criteria)
        self.labels = {k: criteria[k].label() if k in criteria else k for k in self.keys}
        n = len(self.keys)
        self.kind = w.ToggleButtons(options=[(t(f"viktning.kind.{k}"), k) for k in KINDS],
                                    value="rank", description=t("viktning.kind"))
        self.kind.add_class("kstad-kind")
        self.ranks = {k: self._dropdown([(str(p), p) for p in range(1, n + 1)], i + 1,
                                        f"kstad-rank-{k}", self.labels[k])
                      for i, k in enumerate(self.keys)}
        self.points = {}
        for k in self.keys:
            slider = w.IntSlider(value=10, min=0, max=int(POINTS_MAX), description=self.labels[k],
                                 style={"description_width": "160px"},
                                 layout=w.Layout(width="460px"))
            slider.add_class(f"kstad-points-{k}")
            slider.observe(self._on_change, names="value")
            self.points[k] = slider
        options = [(saaty_label(v), v) for v in sorted(SAATY_SCALE, reverse=True)]
        self.judgements = {pair_key(a, b): self._dropdown(options, 1.0, f"kstad-pair-{a}-{b}")
                           for a, b in pairs(self.keys)}
        rows = [w.HBox([w.HTML(f"<span class='kstad-pair-left'>{esc(self.labels[a])}</span>",
                               layout=w.Layout(width="180px")),
                        self.judgements[pair_key(a, b)],
                        w.HTML(f"{esc(t('viktning.versus'))} {esc(self.labels[b])}")])
                for a, b in pairs(self.keys)]
        self.panels = {
            "rank": w.VBox([w.HTML(f"<p>{esc(t('viktning.rank.help'))}</p>"),
                            *self.ranks.values()]),
            "direct": w.VBox([w.HTML(f"<p>{esc(t('viktning.direct.help'))}</p>"),
                              *self.points.values()]),
            "pairwise": w.VBox([w.HTML(f"<p>{esc(t('viktning.pairwise.help'))}</p>"), *rows]),
        }
        self.panel = w.Box([self.panels["rank"]])
        self.preview = w.HTML()
        self.preview.add_class("kstad-preview")
        self.consistency = w.HTML()
        self.consistency.add_class("kstad-cr")
        self.save_button = w.Button(description=t("viktning.save"), button_style="primary")
        self.save_button.add_class("kstad-save")
        self.status = w.HTML()
        self.status.add_class("kstad-save-status")
        self.kind.observe(self._on_kind, names="value")
        self.save_button.on_click(lambda _: self.save())
        you = t("viktning.you", name=person.name, round=found.name)
        intro = w.HTML(f"<p class='kstad-you'>{esc(you)}</p>")
        self.widget = w.VBox([intro, self.kind, self.panel, self.preview, self.consistency,
                              self.save_button, self.status])
        self.widget.add_class("kstad-participant")
        self._load()
        if found.closed:
            self._close_controls()
        self.update()

    def _dropdown(self, options: list, value: object, css: str, label: str = "") -> w.Dropdown:
        dropdown = w.Dropdown(options=options, value=value, description=label,
                              style={"description_width": "160px"}, layout=w.Layout(width="260px"))
        dropdown.add_class(css)
        dropdown.observe(self._on_change, names="value")
        return dropdown

    # ------------------------------------------------------------------ answer

    def _kind(self) -> str:
        return self.kind.value if self.kind.value in KINDS else "rank"

    def payload(self) -> dict[str, object]:
        """What the widgets say now, for :func:`parse_answer` to judge."""
        kind = self._kind()
        n = len(self.keys)
        if kind == "rank":
            place = {k: guards.clamp_int(d.value, 1, n, 1) for k, d in self.ranks.items()}
            return {"order": sorted(self.keys, key=lambda k: place[k])
                    if len(set(place.values())) == n else []}
        if kind == "direct":
            return {"points": {k: guards.clamp_number(s.value, 0.0, POINTS_MAX, 0.0)
                               for k, s in self.points.items()}}
        return {"judgements": {k: d.value for k, d in self.judgements.items()}}

    def update(self) -> None:
        """Live preview of the weights (and for pairwise, the consistency ratio)."""
        kind = self._kind()
        self.consistency.value = ""
        try:
            person = individual("", parse_answer(kind, self.payload(), self.keys), self.keys)
        except WeightError as exc:
            self.preview.value = f"<p class='kstad-error'>{esc(exc)}</p>"
            return
        self.preview.value = (f"<h4>{esc(t('viktning.preview'))}</h4>"
                              + weights_table({"": person.weights}, self.keys, self.labels))
        if person.ahp is not None:
            self.consistency.value = self._consistency_text(person.ahp)

    def _consistency_text(self, result) -> str:
        cr = f"<p>{esc(t('viktning.cr', cr=fmt(result.consistency_ratio)))}</p>"
        if result.consistency_ratio <= CR_LIMIT or result.most_inconsistent is None:
            return cr + f"<p class='kstad-ok'>{esc(t('viktning.cr_ok', limit=fmt(CR_LIMIT)))}</p>"
        i, j = result.most_inconsistent
        answer = parse_answer("pairwise", self.payload(), self.keys)
        value = consistent_value(pairwise_matrix(answer.judgements, self.keys), i, j)
        text = t("viktning.cr_high", limit=fmt(CR_LIMIT), a=self.labels[self.keys[i]],
                 b=self.labels[self.keys[j]], given=saaty_label(nearest_saaty(result.judgement)),
                 value=fmt(value), nearest=saaty_label(nearest_saaty(value)))
        return cr + f"<p class='kstad-warning kstad-reconsider'>{esc(text)}</p>"

    def save(self) -> None:
        """Save this link's answer: the link is the permission, any login may answer."""
        if not may(self.user, "answer_round"):
            self.status.value = f"<p class='kstad-error'>{esc(refusal(self.user, 'answer_round'))}</p>"
            return
        try:
            revision = self.store.save_answer(self.round_id, self.token, self._kind(),
                                              self.payload(), user=self.user)
        except (WeightError, ScenarioError, NotFound, AccessDenied) as exc:
            self.status.value = f"<p class='kstad-error'>{esc(message(exc))}</p>"
            return
        self.status.value = f"<p class='kstad-ok'>{esc(t('viktning.saved', n=revision))}</p>"

    def _load(self) -> None:
        """Put the saved answer (if any) back into the widgets: answers survive reloads."""
        saved = self.store.own_answer(self.round_id, self.token)
        if saved is None:
            return
        answer = saved.answer
        if answer.kind == "rank":
            for place, key in enumerate(answer.order, start=1):
                self.ranks[key].value = place
        elif answer.kind == "direct":
            for key, value in answer.points.items():
                self.points[key].value = int(round(value))
        else:
            for key, value in answer.judgements.items():
                self.judgements[key].value = nearest_saaty(value)
        self.kind.value = answer.kind
        self.status.value = f"<p class='kstad-ok'>{esc(t('viktning.loaded', n=saved.revision))}</p>"

    def _close_controls(self) -> None:
        for control in (self.kind, self.save_button, *self.ranks.values(), *self.points.values(),
                        *self.judgements.values()):
            control.disabled = True
        self.status.value = f"<p class='kstad-warning'>{esc(t('viktning.closed_note'))}</p>"

    def _on_kind(self, _change: object) -> None:
        self.panel.children = [self.panels[self._kind()]]
        self.update()

    def _on_change(self, _change: object) -> None:
        self.update()


class CreateForm:
    """The facilitator's form: name, criteria, participants (disabled for a läsare)."""

    def __init__(self, criteria: list[Criterion], on_open, user: User | None = None):
        self._on_open = on_open
        self.user = user
        self.name = w.Text(description=t("viktning.new.name"), layout=w.Layout(width="460px"),
                           style={"description_width": "160px"})
        self.name.add_class("kstad-round-name")
        self.author = w.Text(description=t("viktning.new.author"), layout=w.Layout(width="460px"),
                             style={"description_width": "160px"})
        self.criteria = {c.key: w.Checkbox(value=True, description=c.label(), indent=False)
                         for c in criteria}
        self.people = w.Textarea(description=t("viktning.new.participants"),
                                 layout=w.Layout(width="460px", height="120px"),
                                 style={"description_width": "160px"})
        self.people.add_class("kstad-round-people")
        self.count = w.BoundedIntText(value=3, min=1, max=PARTICIPANTS_MAX,
                                      description=t("viktning.new.count"),
                                      style={"description_width": "160px"})
        self.button = w.Button(description=t("viktning.new.open"), button_style="primary")
        self.button.add_class("kstad-round-open")
        self.status = w.HTML()
        self.status.add_class("kstad-round-status")
        self.button.on_click(lambda _: self.submit())
        self.login = w.HTML(login_html(user))
        self.login.add_class("kstad-login")
        self.role_note = w.HTML()
        self.role_note.add_class("kstad-role-note")
        self._apply_role()
        self.widget = w.VBox([
            w.HTML(f"<h2>{esc(t('viktning.new.heading'))}</h2>"), self.login, self.role_note,
            self.name, self.author,
            w.HTML(f"<b>{esc(t('viktning.new.criteria'))}</b>"),
            w.HBox(list(self.criteria.values()), layout=w.Layout(flex_flow="row wrap")),
            self.people, self.count, self.button, self.status])
        self.widget.add_class("kstad-round-form")

    def _apply_role(self) -> None:
        """Disable the form for a läsare (a hint; ``submit`` and the store check)."""
        allowed = may(self.user, "weighting_round")
        for control in (self.name, self.author, self.people, self.count, self.button,
                        *self.criteria.values()):
            control.disabled = not allowed
        if self.user is None or not self.user.local:
            self.author.layout.display = "none"  # the login is recorded, nothing to type
        self.role_note.value = "" if allowed else (
            f"<p class='kstad-muted'>{esc(t('sec.viktning.reader'))}</p>")

    def values(self) -> tuple[str, str, list[str], list[str]]:
        """Name, author, chosen criteria and participant names, bounded (hostile input)."""
        keys = [k for k, box in self.criteria.items() if box.value is True]
        lines = [line.strip() for line in guards.safe_text(
            self.people.value, TEXT_MAX, multiline=True).splitlines() if line.strip()]
        if not lines:
            count = guards.clamp_int(self.count.value, 1, PARTICIPANTS_MAX, 3)
            lines = [t("viktning.new.default_participant", n=k) for k in range(1, count + 1)]
        name = self.name.value if isinstance(self.name.value, str) else ""
        author = self.author.value if isinstance(self.author.value, str) else ""
        return name[: NAME_MAX * 4], author[: AUTHOR_MAX * 4], keys, lines

    def submit(self) -> None:
        if not may(self.user, "weighting_round"):  # a forged click on the disabled button
            self.status.value = (f"<p class='kstad-error'>"
                                 f"{esc(refusal(self.user, 'weighting_round'))}</p>")
            return
        self._on_open(*self.values())


class ViktningApp:
    """The page: chooses the view from the link, see the module docstring."""

    def __init__(self, store: Store | None = None, plans=None, user: User | None = None):
        self.store = store or Store()
        self.user = user if user is not None else current_login()
        self._plans = plans
        self.criteria = load_criteria()
        self.by_key = {c.key: c for c in self.criteria}
        self.view: object | None = None
        self.poll = False  # redraw the group view when answers arrive (on in Voila)
        self.body = w.VBox()
        header = w.HTML(f"<h1>{esc(t('viktning.title'))}</h1><p>{esc(t('viktning.lead'))}</p>")
        self.root = w.VBox([header, self.body])
        self.root.add_class("kstad-viktning")
        self.show_form()

    def widget(self) -> w.Widget:
        return self.root

    def plans(self):
        if self._plans is None:
            from kstad_analysis.ui.common import app_plans

            self._plans = app_plans()
        return self._plans

    def on_visit(self) -> None:
        """Choose the view from the visitor's link (Voila sets ``QUERY_STRING``)."""
        self.poll = True
        self.open_query(os.environ.get("QUERY_STRING", ""), poll=True)

    def open_query(self, query: object, poll: bool = False) -> None:
        params = parse_query(query)
        round_id = valid_token(params.get("omgang"))
        ours = {"omgang", "nyckel", "ledare"} & set(params)
        if not isinstance(query, str) or not query or (params and not ours):
            self.show_form()  # no link (or only Voila's own parameters): open a round
            return
        try:
            if round_id and valid_token(params.get("nyckel")):
                self._show(ParticipantView(self.store, round_id, params["nyckel"], self.by_key,
                                           self.user))
                return
            if round_id and valid_token(params.get("ledare")):
                self.show_group(round_id, params["ledare"], poll=poll)
                return
        except NotFound:
            pass
        self._show(None, f"<p class='kstad-error kstad-bad-link'>{esc(t('viktning.bad_link'))}</p>")

    def show_form(self) -> None:
        self._show(CreateForm(self.criteria, self._open_round, self.user))

    def show_group(self, round_id: str, token: str, poll: bool = False) -> GroupView:
        view = GroupView(self.store, round_id, token, self.by_key, self.plans, page_url(),
                         user=self.user)
        self._show(view)
        if poll:
            view.start_polling()
        return view

    def _open_round(self, name: str, author: str, keys: list[str], people: list[str]) -> None:
        form = self.view
        try:
            if not may(self.user, "weighting_round"):
                raise AccessDenied(refusal(self.user, "weighting_round"))
            created = self.store.create_round(name, keys, people, author, user=self.user)
        except (ScenarioError, WeightError, AccessDenied) as exc:
            if isinstance(form, CreateForm):
                form.status.value = f"<p class='kstad-error'>{esc(exc)}</p>"
            return
        self.show_group(created.id, created.facilitator_token, poll=self.poll)

    def _show(self, view: object | None, html: str = "") -> None:
        old = self.view
        if old is not None:
            stop = getattr(old, "stop_polling", None)
            if stop is not None:
                stop()
        self.view = view
        self.body.children = [view.widget] if view is not None else [w.HTML(html)]


def page_url() -> str:
    """This page's address as the visitor's browser sees it (for links to copy);
    relative when the server's name is unknown (outside Voila)."""
    host = os.environ.get("SERVER_NAME", "")
    port = os.environ.get("SERVER_PORT", "")
    script = os.environ.get("SCRIPT_NAME", "")
    if not host or not script:
        return ""
    netloc = host if port in ("", "80") else f"{host}:{port}"
    return f"http://{netloc}{script}"


__all__ = ["CreateForm", "ParticipantView", "ViktningApp", "page_url", "parse_query", "saaty_label"]
