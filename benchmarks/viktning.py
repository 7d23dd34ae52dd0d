"""Viktning i grupp: from a participant's save to the redrawn group view (server side).

Why this measure: the facilitator shows the group view while people answer,
so the target (issue 16) is that the view for 15 participants is redrawn
within 1 s of the last answer. Measured in one process as in a Voila
kernel: the last participant saves through the store (as their own kernel
would), the group view's poll notices and redraws (aggregation, the top 10
under 16 weight sets through ``Analysis.ranking``, the HTML). Baseline in
the same run: the same round with one participant. Mixed answers (rank,
direct, pairwise) and all-pairwise (AIJ over 15 matrices) are both timed.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks._table import Row

REPEAT = 5


def _payload(kind: str, keys: list[str], rng: np.random.Generator) -> dict:
    from kstad_analysis.group_weights import pair_key, pairs

    if kind == "rank":
        return {"order": list(rng.permutation(keys))}
    if kind == "direct":
        return {"points": {k: int(rng.integers(0, 101)) for k in keys}}
    scale = [1 / 9, 1 / 5, 1 / 3, 1, 3, 5, 9]
    return {"judgements": {pair_key(a, b): float(rng.choice(scale)) for a, b in pairs(keys)}}


def _latency(participants: int, kinds: tuple[str, ...], plans) -> tuple[float, float]:
    """Median seconds from the last save to the redrawn view, and of the redraw alone."""
    from kstad_analysis.store import Store
    from kstad_analysis.ui.viktning_group import GroupView
    from kstad_analysis.weights import criterion_keys

    keys = criterion_keys()
    rng = np.random.default_rng(participants)
    store = Store(Path(tempfile.mkdtemp()))
    created = store.create_round("Benchmark", keys, [f"P{k}" for k in range(participants)])
    people = created.participants
    for k, person in enumerate(people[:-1]):
        kind = kinds[k % len(kinds)]
        store.save_answer(created.id, person.token, kind, _payload(kind, keys, rng))
    view = GroupView(store, created.id, created.facilitator_token, {}, lambda: plans)
    view.analysis()  # built when the facilitator opened the view
    view.start_polling()
    last, kind = people[-1], kinds[(participants - 1) % len(kinds)]
    latencies, redraws = [], []
    try:
        for _ in range(REPEAT):
            before = view.renders
            start = time.perf_counter()
            store.save_answer(created.id, last.token, kind, _payload(kind, keys, rng))
            while view.renders == before:
                time.sleep(0.002)
            latencies.append(time.perf_counter() - start)
            begin = time.perf_counter()
            view.refresh()
            redraws.append(time.perf_counter() - begin)
            time.sleep(0.6)  # let the poll see this redraw's state
    finally:
        view.stop_polling()
    return statistics.median(latencies), statistics.median(redraws)


def run() -> list[Row]:
    from kstad_analysis.intake import load_sample

    plans = load_sample()
    rows = []
    for label, kinds in (("blandade svar", ("rank", "direct", "pairwise")),
                         ("alla parvisa (AIJ)", ("pairwise",))):
        one, one_draw = _latency(1, kinds, plans)
        many, many_draw = _latency(15, kinds, plans)
        rows.append(Row(f"sista svaret → ny gruppvy, 15 deltagare, {label} (median av {REPEAT})",
                        many, "samma för 1 deltagare", one, target="≤ 1 s",
                        note=f"själva omritningen {many_draw * 1000:.0f} ms "
                             f"(1 deltagare {one_draw * 1000:.0f} ms); avfrågning var 0,5 s"))
    return rows
