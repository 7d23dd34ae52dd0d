"""The facilitator's group view of a viktningsomgång.

Why it looks like this: a group deciding on weights needs to see three
things at once: what each person said (weights side by side, the method and
each CR), where they differ (spread per criterion, who is furthest from the
group), and whether it matters (the top of the ranking under each person's
weights and the group's, and how much of the group's top each shares).
Every ranking comes from the one chain, ``Analysis.ranking(weights)``.

Answers arrive from other kernels, so the view re-reads the store: on
"Uppdatera", and while the page is open by a cheap poll of the answers'
revision counter (``store.answers_version``, a fraction of a millisecond) twice a
second, so the view is redrawn within a second of the last answer
(``benchmarks/viktning.py``).

Closing the round (saving the group's scenario) needs *analytiker*, checked
in ``close`` whatever the page's button showed; the facilitator's link alone
lets its holder watch the answers arrive.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence

import ipywidgets as w

from kstad_analysis.access import User
from kstad_analysis.criteria import Criterion
from kstad_analysis.errors import AccessDenied, NotFound, ScenarioError, WeightError
from kstad_analysis.group_weights import GroupWeights, aggregate, individual, shared_top
from kstad_analysis.i18n import language, t
from kstad_analysis.scenario import NAME_MAX, Scenario
from kstad_analysis.store import Store
from kstad_analysis.ui.common import esc
from kstad_analysis.ui.roles import may, refusal

POLL_SECONDS = 0.5


def fmt(value: float, decimals: int = 2) -> str:
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if language() == "sv" else text


def percent(value: float) -> str:
    return f"{fmt(100 * value, 1)} %"


def weights_table(rows: Mapping[str, Mapping[str, float]], keys: Sequence[str],
                  labels: Mapping[str, str], extra: Mapping[str, Sequence[str]] | None = None,
                  extra_heads: Sequence[str] = (), css: str = "kstad-table") -> str:
    """Weights in percent, one row per name (``data-name`` for tests and styling)."""
    named = any(rows)
    head = (f"<th>{esc(t('viktning.group.col_name'))}</th>" if named else "") + "".join(
        f"<th>{esc(h)}</th>" for h in extra_heads) + "".join(
        f"<th>{esc(labels[k])}</th>" for k in keys)
    body = []
    for name, weights in rows.items():
        cells = (f"<td>{esc(name)}</td>" if named else "") + "".join(
            f"<td>{esc(v)}</td>" for v in (extra or {}).get(name, ())) + "".join(
            f"<td class='kstad-w' data-key='{esc(k)}'>{esc(percent(weights[k]))}</td>" for k in keys)
        body.append(f"<tr data-name='{esc(name)}'>{cells}</tr>")
    return (f"<table class='{esc(css)}'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


class GroupView:
    """Links, answers, agreement and disagreement, and closing the round."""

    def __init__(self, store: Store, round_id: str, token: str,
                 criteria: Mapping[str, Criterion], plans: Callable[[], object], url: str = "",
                 *, user: User | None = None):
        self.store, self.round_id, self.token = store, round_id, token
        self.user = user
        self.round = store.facilitated_round(round_id, token)
        self.keys = list(self.round.criteria)
        self.labels = {k: criteria[k].label() if k in criteria else k for k in self.keys}
        self._plans, self.url = plans, url
        self._analysis = None
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._seen: tuple[int, int] | None = None
        self.group: GroupWeights | None = None
        self.renders = 0  # completed redraws (the benchmark waits on it)
        self.count = w.HTML()
        self.count.add_class("kstad-group-count")
        self.refresh_button = w.Button(description=t("viktning.group.refresh"))
        self.refresh_button.add_class("kstad-refresh")
        self.links = w.HTML()
        self.links.add_class("kstad-links")
        self.result = w.HTML()
        self.result.add_class("kstad-group")
        self.close_name = w.Text(value=t("viktning.group.close_default", round=self.round.name),
                                 description=t("viktning.group.close_name"),
                                 layout=w.Layout(width="460px"), style={"description_width": "160px"})
        self.close_name.add_class("kstad-close-name")
        self.close_button = w.Button(description=t("viktning.group.close"), button_style="warning",
                                     layout=w.Layout(width="auto"))
        self.close_button.add_class("kstad-close")
        self.close_status = w.HTML()
        self.close_status.add_class("kstad-close-status")
        if not may(user, "weighting_round"):  # a hint; ``close`` checks
            self.close_button.disabled = self.close_name.disabled = True
        self.refresh_button.on_click(lambda _: self.refresh())
        self.close_button.on_click(lambda _: self.close())
        heading = w.HTML(f"<h2>{esc(t('viktning.group.heading', round=self.round.name))}</h2>")
        self.widget = w.VBox([heading, self.links, w.HBox([self.count, self.refresh_button]),
                              self.result, self.close_name, self.close_button, self.close_status])
        self.widget.add_class("kstad-group-view")
        self.refresh()

    # ------------------------------------------------------------------ data

    def analysis(self):
        """The one chain for the apps' plans (built once; cached per process too)."""
        if self._analysis is None:
            from kstad_analysis.analysis import Analysis

            self._analysis = Analysis.build(self._plans())
        return self._analysis

    def tops(self, group: GroupWeights) -> tuple[dict[str, list[str]], list[str]]:
        """Top N ids under each participant's weights and under the group's."""
        analysis = self.analysis()
        n = analysis.top_n()

        def top(weights: Mapping[str, float]) -> list[str]:
            table = analysis.ranking(dict(weights)).table
            return table.sort_values("rank", kind="stable")["id"].astype(str).head(n).tolist()

        return {p.name: top(p.weights) for p in group.individuals}, top(group.weights)

    # ------------------------------------------------------------------ rendering

    def refresh(self) -> None:
        """Re-read the round and its answers and redraw everything."""
        with self._lock:
            self._seen = self.store.answers_version(self.round_id)
            self.round = self.store.facilitated_round(self.round_id, self.token)
            answers = self.store.round_answers(self.round_id, self.token)
            self.links.value = self._links_html({a.position: a.revision for a in answers})
            total = len(self.round.participants)
            self.count.value = f"<p>{esc(t('viktning.group.count', answered=len(answers), total=total))}</p>"
            if self.round.closed:
                self._show_closed()
            if not answers:
                self.group = None
                self.result.value = f"<p>{esc(t('viktning.group.none'))}</p>"
                return
            people = [individual(a.name, a.answer, self.keys) for a in answers]
            self.group = aggregate(people, self.keys)
            self.result.value = self._group_html(self.group)
            self.renders += 1

    def _links_html(self, answered: Mapping[int, int]) -> str:
        base = self.url

        def link(query: str, css: str, name: str = "") -> str:
            href = f"?{query}"
            shown = f"{base}{href}" if base else href
            return (f"<a class='{css}' data-name='{esc(name)}' href='{esc(href)}' "
                    f"target='_blank'>{esc(shown)}</a>")

        rid = self.round.id

        def state(position: int) -> str:
            return t("viktning.yes", n=answered[position]) if position in answered \
                else t("viktning.no")

        rows = "".join(
            f"<tr data-name='{esc(p.name)}'><td>{esc(p.name)}</td>"
            f"<td>{link(f'omgang={rid}&nyckel={p.token}', 'kstad-participant-link', p.name)}</td>"
            f"<td>{esc(state(p.position))}</td></tr>"
            for p in self.round.participants)
        heads = "".join(f"<th>{esc(t(k))}</th>" for k in (
            "viktning.links.participant", "viktning.links.link", "viktning.links.answered"))
        return (f"<h3>{esc(t('viktning.links.heading'))}</h3>"
                f"<p>{esc(t('viktning.links.facilitator'))} "
                f"{link(f'omgang={rid}&ledare={self.token}', 'kstad-facilitator-link')}</p>"
                f"<p>{esc(t('viktning.links.hint'))}</p>"
                f"<table class='kstad-table kstad-participants'><thead><tr>{heads}</tr></thead>"
                f"<tbody>{rows}</tbody></table>")

    def _group_html(self, group: GroupWeights) -> str:
        rows = {p.name: p.weights for p in group.individuals}
        rows[t("viktning.group.row_group")] = group.weights
        extra = {p.name: (t(f"viktning.kind.{p.answer.kind}"),
                          "–" if p.consistency_ratio is None else fmt(p.consistency_ratio))
                 for p in group.individuals}
        cr = group.ahp.consistency_ratio if group.ahp is not None else 0.0
        extra[t("viktning.group.row_group")] = (t(f"viktning.agg.{group.method}"),
                                                fmt(cr) if group.ahp else "–")
        heads = (t("viktning.group.col_kind"), t("viktning.group.col_cr"))
        parts = [
            f"<h3>{esc(t('viktning.group.weights'))}</h3>",
            weights_table(rows, self.keys, self.labels, extra, heads, "kstad-table kstad-group-weights"),
            f"<p class='kstad-group-method'>"
            f"{esc(t(f'viktning.group.method.{group.method}', cr=fmt(cr)))}</p>",
            f"<h3>{esc(t('viktning.group.spread'))}</h3>", self._spread_html(group),
            f"<h3>{esc(t('viktning.group.disagree'))}</h3>", self._distance_html(group),
        ]
        tops, group_top = self.tops(group)
        parts.append(self._top_html(tops, group_top))
        return "".join(parts)

    def _spread_html(self, group: GroupWeights) -> str:
        cols = ("min", "max", "range", "std")
        head = "".join(f"<th>{esc(t(f'viktning.group.col_{c}'))}</th>" for c in ("criterion", *cols))
        body = "".join(
            f"<tr data-key='{esc(row.key)}'><td>{esc(self.labels[row.key])}</td>"
            + "".join(f"<td>{esc(percent(getattr(row, c)))}</td>" for c in cols) + "</tr>"
            for row in group.spread.itertuples())
        return (f"<table class='kstad-table kstad-spread'><thead><tr>{head}</tr></thead>"
                f"<tbody>{body}</tbody></table>")

    def _distance_html(self, group: GroupWeights) -> str:
        body = "".join(f"<tr data-name='{esc(name)}'><td>{esc(name)}</td><td>{esc(percent(d))}</td></tr>"
                       for name, d in group.distance.items())
        heads = "".join(f"<th>{esc(t(f'viktning.group.col_{c}'))}</th>" for c in ("name", "distance"))
        apart = ""
        if group.most_apart is not None:
            a, b, d = group.most_apart
            apart = f"<p class='kstad-apart'>{esc(t('viktning.group.apart', a=a, b=b, d=percent(d)))}</p>"
        return (f"<table class='kstad-table kstad-disagree'><thead><tr>{heads}</tr></thead>"
                f"<tbody>{body}</tbody></table>{apart}"
                f"<p>{esc(t('viktning.group.distance_help'))}</p>")

    def _top_html(self, tops: Mapping[str, list[str]], group_top: list[str]) -> str:
        n = len(group_top)
        shared = shared_top(tops, group_top)
        titles = dict(zip(self.analysis().needs["id"].astype(str),
                          self.analysis().needs["title"].astype(str), strict=False))
        group_name = t("viktning.group.row_group")
        rows = [(group_name, group_top, "")] + [(name, ids, str(shared[name])) for name, ids in tops.items()]
        body = "".join(
            f"<tr data-name='{esc(name)}'><td>{esc(name)}</td>"
            f"<td class='kstad-top-ids'>{esc(', '.join(ids))}</td>"
            f"<td class='kstad-shared'>{esc(count)}</td></tr>" for name, ids, count in rows)
        heads = "".join(f"<th>{esc(h)}</th>" for h in (
            t("viktning.group.col_name"), t("viktning.group.col_top", n=n),
            t("viktning.group.col_shared", n=n)))
        listing = "".join(f"<li data-id='{esc(i)}'>{esc(i)} {esc(titles.get(i, ''))}</li>"
                          for i in group_top)
        return (f"<h3>{esc(t('viktning.group.top', n=n))}</h3>"
                f"<table class='kstad-table kstad-top'><thead><tr>{heads}</tr></thead>"
                f"<tbody>{body}</tbody></table><ol class='kstad-group-top'>{listing}</ol>")

    # ------------------------------------------------------------------ closing

    def close(self) -> None:
        """Save the group weights as a scenario and close the round (analytiker)."""
        if not may(self.user, "weighting_round"):
            self.close_status.value = (f"<p class='kstad-error'>"
                                       f"{esc(refusal(self.user, 'weighting_round'))}</p>")
            return
        with self._lock:
            self.refresh()
            if self.round.closed:
                return
            group = self.group
            if group is None:
                self.close_status.value = f"<p class='kstad-error'>{esc(t('viktning.err.no_answers'))}</p>"
                return
            name = self.close_name.value if isinstance(self.close_name.value, str) else ""
            try:
                analysis = self.analysis()
                weights = analysis.weights(dict(group.weights)).as_dict()
                scenario = Scenario(
                    name=name[: NAME_MAX * 4], author=self.round.author, weights=weights,
                    data_fingerprint=analysis.plans.fingerprint or "",
                    note=t("viktning.group.note", round=self.round.name,
                           n=len(group.individuals), method=group.method))
                version = self.store.save_scenario(scenario, user=self.user)
                self.store.close_round(self.round_id, self.token, scenario.name, version,
                                       user=self.user)
            except (ScenarioError, WeightError, NotFound, AccessDenied) as exc:
                self.close_status.value = f"<p class='kstad-error'>{esc(exc)}</p>"
                return
            self.stop_polling()
            self.refresh()

    def _show_closed(self) -> None:
        self.close_button.disabled = self.close_name.disabled = True
        text = t("viktning.group.closed", name=self.round.scenario_name,
                 version=self.round.scenario_version)
        self.close_status.value = f"<p class='kstad-ok kstad-closed'>{esc(text)}</p>"

    # ------------------------------------------------------------------ polling

    def start_polling(self, interval: float = POLL_SECONDS) -> None:
        """Redraw when any participant saves (another kernel writes the store)."""
        def loop() -> None:
            while not self._stop.wait(interval):
                try:
                    if self.store.answers_version(self.round_id) != self._seen:
                        self.refresh()
                except Exception:  # noqa: BLE001, S112 - a poll must never kill the page
                    continue

        if not self.round.closed:
            threading.Thread(target=loop, daemon=True, name="kstad-viktning-poll").start()

    def stop_polling(self) -> None:
        self._stop.set()


__all__ = ["GroupView", "fmt", "percent", "weights_table"]
