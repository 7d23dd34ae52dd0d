"""Timing helpers and the table every benchmark prints."""

from __future__ import annotations

import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Row:
    """One measured case: ours vs a named baseline from the same run."""

    case: str
    ours_s: float
    baseline: str = ""
    baseline_s: float | None = None
    target: str = ""
    note: str = ""

    @property
    def ratio(self) -> str:
        if self.baseline_s is None or self.ours_s == 0:
            return "–"
        return f"{self.baseline_s / self.ours_s:.1f}×"


def timeit(fn: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    """Median wall time of ``repeat`` calls after ``warmup`` calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_memory_mb(fn: Callable[[], object]) -> float:
    """Peak Python heap allocation (tracemalloc; numpy reports through it)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _fmt(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def print_rows(rows: list[Row]) -> None:
    header = ("fall", "kstad", "baslinje", "baslinjens tid", "kvot (baslinje/kstad)", "mål", "not")
    lines = [header] + [
        (r.case, _fmt(r.ours_s), r.baseline or "–", _fmt(r.baseline_s), r.ratio, r.target, r.note)
        for r in rows
    ]
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    for k, line in enumerate(lines):
        print(" | ".join(str(c).ljust(widths[i]) for i, c in enumerate(line)))
        if k == 0:
            print("-+-".join("-" * wd for wd in widths))
