"""The Gemensamma behov app's list of saved grouping decisions.

Why a view of its own: the list is the page's only set of widgets made per
item (a delete button and a line per decision), so it is the one place where
re-rendering can leak widget models. ``DecisionList`` rebuilds its rows only
when what they show changes (the decisions, which of their needs are in the
data, which conflict, whether the login may delete) and closes the rows it
replaces; before, every threshold move left eight widget models per decision
behind in the kernel and the page (defect 5 of issue 17). Deleting goes
through the app's callback, which checks the role again.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

import ipywidgets as w

from kstad_analysis.i18n import t
from kstad_analysis.shared_needs import GroupingDecision
from kstad_analysis.ui.common import esc
from kstad_analysis.ui.roles import close_all

MAX_DECISIONS_SHOWN = 200


def badge(level: str, text: str) -> str:
    """A small coloured label (``low``/``mid``/``high``), escaped."""
    return f" <span class='kstad-badge kstad-badge-{level}'>{esc(text)}</span>"


class DecisionList:
    """The saved decisions, newest ``MAX_DECISIONS_SHOWN``, each with a delete button
    that calls ``on_delete(decision_id)``."""

    def __init__(self, on_delete: Callable[[int], object]):
        self._on_delete = on_delete
        self._key: object = None
        self.widget = w.VBox()
        self.widget.add_class("kstad-decisions")

    def render(self, decisions: Sequence[tuple[int, GroupingDecision]], known: Collection[str],
               conflicts: Collection[GroupingDecision], may_delete: bool) -> None:
        """Show ``decisions`` (flagging needs not in ``known`` and ``conflicts``);
        a no-op when nothing shown would change."""
        shown = list(decisions[-MAX_DECISIONS_SHOWN:])
        key = (tuple(shown),
               frozenset(i for _, d in shown for i in d.ids if i in known),
               tuple(sorted(i for i, d in shown if d in conflicts)), may_delete)
        if key == self._key and self.widget.children:
            return
        old = self.widget.children
        self._key = key
        if not shown:
            self.widget.children = [
                w.HTML(f"<p class='kstad-muted'>{esc(t('apps.shared.no_decisions'))}</p>")]
            close_all(old)
            return
        self.widget.children = [self._row(i, d, known, conflicts, may_delete) for i, d in shown]
        close_all(old)

    def _row(self, decision_id: int, decision: GroupingDecision, known: Collection[str],
             conflicts: Collection[GroupingDecision], may_delete: bool) -> w.HBox:
        line = esc(t("apps.shared.decision_line", kind=t(f"apps.shared.kind.{decision.kind}"),
                     ids=", ".join(decision.ids)))
        meta = ", ".join(esc(v) for v in (decision.author, decision.created[:16].replace("T", " "),
                                           decision.note) if v)
        flags = ""
        if any(i not in known for i in decision.ids):
            flags += badge("low", t("apps.shared.missing_needs"))
        if decision in conflicts:
            flags += badge("mid", t("apps.shared.conflict"))
        label = w.HTML(f"<span class='kstad-decision' data-decision='{decision_id}'>"
                       f"<b>{line}</b> <span class='kstad-muted'>{meta}</span>{flags}</span>")
        button = w.Button(description=t("apps.shared.delete"), icon="trash",
                          layout=w.Layout(width="110px"), disabled=not may_delete)
        button.add_class("kstad-decision-delete")
        button.on_click(lambda _b, i=decision_id: self._on_delete(i))
        return w.HBox([button, label])


__all__ = ["MAX_DECISIONS_SHOWN", "DecisionList", "badge"]
