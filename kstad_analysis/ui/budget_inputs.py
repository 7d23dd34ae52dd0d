"""Budget: the inputs that need more than a number box.

``IdPicker`` replaces the 198-row Ctrl-click lists for måste/uteslut: a
search box filters the needs by id or title and a bounded list of
checkboxes (never more than ``rows`` widgets, whatever the data set) ticks
them; the chosen ones stay listed on top. ``default_split`` gives
"Budget per år" a starting split each year can meet.

Every value arriving from the browser is checked here (a visitor can send
any value): search text through ``guards.safe_text``, a tick only when it is
exactly ``True``, ids only when they are known ones (``guards.ids_subset``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

import ipywidgets as w
import pandas as pd

from kstad_analysis import guards
from kstad_analysis.i18n import t
from kstad_analysis.scenario import IDS_MAX
from kstad_analysis.ui.common import esc

SEARCH_MAX = 80
LABEL_MAX = 90
ROWS = 8
CHOSEN_SHOWN = 12


class IdPicker:
    """Search plus checkboxes for a set of need ids; ``value`` is the chosen ids.

    ``value = ids`` (from code) keeps the known ids only and calls the
    ``on_change`` callbacks like a visitor's tick does; the owner decides
    whether to react (the Budget app is quiet while it loads a scenario).
    """

    def __init__(self, description: str, css_class: str, *, rows: int = ROWS,
                 max_items: int = IDS_MAX):
        self.max_items = max_items
        self._labels: dict[str, str] = {}
        self._chosen: tuple[str, ...] = ()
        self._slots: list[str | None] = [None] * rows
        self._callbacks: list[Callable[[tuple[str, ...]], None]] = []
        self._quiet = False
        self.search = w.Text(placeholder=t("apps.budget.pick.search"), continuous_update=True,
                             layout=w.Layout(width="320px"))
        self.search.add_class(f"{css_class}-search")
        self.clear = w.Button(description=t("apps.budget.pick.clear"),
                              layout=w.Layout(width="auto"))
        self.clear.add_class(f"{css_class}-clear")
        self.boxes = [w.Checkbox(value=False, indent=False, layout=w.Layout(width="500px"))
                      for _ in range(rows)]
        for index, box in enumerate(self.boxes):
            box.add_class("kstad-pick-item")
            box.observe(lambda change, i=index: self._ticked(i, change), names="value")
        self.chosen_line = w.HTML()
        self.chosen_line.add_class("kstad-pick-chosen")
        self.more = w.HTML()
        self.more.add_class("kstad-pick-more")
        self.search.observe(lambda _change: self._show(), names="value")
        self.clear.on_click(lambda _button: setattr(self, "value", ()))
        self.widget = w.VBox([
            w.HTML(f"<b>{esc(description)}</b>"), w.HBox([self.search, self.clear]),
            self.chosen_line, w.VBox(self.boxes), self.more])
        self.widget.add_class(css_class)
        self.widget.add_class("kstad-picker")
        self._show()

    # ----------------------------------------------------------------- state

    @property
    def options(self) -> list[tuple[str, str]]:
        return list(self._labels.items())

    @options.setter
    def options(self, pairs: Sequence[tuple[str, str]]) -> None:
        """The pickable needs as (id, title); the choice and search are reset."""
        self._labels = {str(i): f"{i} – {title}"[:LABEL_MAX] for i, title in pairs}
        self._chosen = ()
        self._quiet = True
        try:
            self.search.value = ""
        finally:
            self._quiet = False
        self._show()

    @property
    def value(self) -> tuple[str, ...]:
        return self._chosen

    @value.setter
    def value(self, ids: object) -> None:
        self._set(guards.ids_subset(ids, self._labels, self.max_items))

    def on_change(self, callback: Callable[[tuple[str, ...]], None]) -> None:
        self._callbacks.append(callback)

    def _set(self, chosen: tuple[str, ...]) -> None:
        changed = chosen != self._chosen
        self._chosen = chosen
        self._show()
        if changed:
            for callback in self._callbacks:
                callback(chosen)

    # ----------------------------------------------------------------- view

    def matches(self, text: object) -> list[str]:
        """Ids whose "id – title" contains every word of ``text`` (any case),
        the chosen ones first."""
        words = guards.safe_text(text, SEARCH_MAX).casefold().split()
        found = [i for i, label in self._labels.items()
                 if all(word in label.casefold() for word in words)]
        chosen = set(self._chosen)
        return [i for i in found if i in chosen] + [i for i in found if i not in chosen]

    def _show(self) -> None:
        if self._quiet:
            return
        found = self.matches(self.search.value)
        chosen = set(self._chosen)
        self._quiet = True
        try:
            for index, box in enumerate(self.boxes):
                need = found[index] if index < len(found) else None
                self._slots[index] = need
                box.description = self._labels.get(need, "") if need else ""
                box.value = need in chosen
                box.layout.display = None if need else "none"
        finally:
            self._quiet = False
        hidden = len(found) - len(self.boxes)
        if not found:
            note = t("apps.budget.pick.none")
        elif hidden > 0:
            note = t("apps.budget.pick.more", n=hidden)
        else:
            note = ""
        self.more.value = f"<span class='kstad-muted'>{esc(note)}</span>" if note else ""
        if self._chosen:
            listed = ", ".join(self._chosen[:CHOSEN_SHOWN])
            extra = (f" {t('apps.more', n=len(self._chosen) - CHOSEN_SHOWN)}"
                     if len(self._chosen) > CHOSEN_SHOWN else "")
            self.chosen_line.value = (
                f"<span>{esc(t('apps.budget.pick.chosen', n=len(self._chosen)))} "
                f"<span class='kstad-id'>{esc(listed)}</span>{esc(extra)}</span>")
        else:
            self.chosen_line.value = (
                f"<span class='kstad-muted'>{esc(t('apps.budget.pick.nothing'))}</span>")

    def _ticked(self, index: int, change: dict) -> None:
        if self._quiet:
            return
        need = self._slots[index] if 0 <= index < len(self._slots) else None
        if need is None or need not in self._labels:
            self._show()  # a tick on an empty slot: put the box back
            return
        ticked = change.get("new") is True
        rest = tuple(i for i in self._chosen if i != need)
        self._set((*rest, need)[: self.max_items] if ticked else rest)


def default_split(needs: pd.DataFrame, total: float, years: list[int],
                  must: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
                  commitments: Collection[str] = ()) -> dict[int, float]:
    """A per-year split of ``total`` kr that covers what each year must pay.

    Why: splitting by each year's share of all investment left 2027 with
    less than its lagkrav cost, so ticking "Budget per år" answered "Ingen
    tillåten portfölj" at once. The budget layer's
    :func:`kstad_analysis.budget.default_split` gives each year its lagkrav,
    commitments and (here) måste needs first; when the total cannot even pay
    those, the total is split in proportion to them and the page says why no
    portfolio fits.
    """
    from kstad_analysis import budget

    if not years:
        return {}
    total = max(0.0, float(total))
    forced = (set(commitments) | set(must)) - set(exclude)
    try:
        return budget.default_split(needs, total, years, commitments=forced)
    except ValueError:
        need = budget.required_per_year(needs, years, commitments=forced)
        floor = sum(need.values())
        return {y: (total * need[y] / floor if floor else total / len(years)) for y in years}
