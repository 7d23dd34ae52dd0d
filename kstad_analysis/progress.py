"""Progress for long work, on stderr so it never mixes with exported data."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def progress(items: Iterable[T], label: str, total: int | None = None,
             *, enabled: bool = True) -> Iterator[T]:
    """Yield ``items`` while printing ``label k/total`` to stderr.

    Prints at most about ten times a second so it is cheap in tight loops.
    """
    total = total if total is not None else (len(items) if hasattr(items, "__len__") else None)
    last = 0.0
    count = 0
    for count, item in enumerate(items, start=1):
        now = time.monotonic()
        if enabled and (now - last > 0.1 or count == total):
            suffix = f"{count}/{total}" if total else str(count)
            sys.stderr.write(f"\r{label} {suffix}")
            sys.stderr.flush()
            last = now
        yield item
    if enabled and count:
        sys.stderr.write("\n")


def step(message: str, *, enabled: bool = True) -> None:
    """Announce one stage of a multi-stage job."""
    if enabled:
        sys.stderr.write(f"… {message}\n")
        sys.stderr.flush()


class Reporter:
    """A ``(done, total)`` callback printing ``label done/total`` on stderr
    (for work that reports its own progress, e.g. ``embeddings.reporting``).
    ``finish()`` ends a line left open by work that stopped early."""

    def __init__(self, label: str, *, enabled: bool = True) -> None:
        self.label, self.enabled, self._open = label, enabled, False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        sys.stderr.write(f"\r{self.label} {done}/{total}")
        self._open = done < total
        if not self._open:
            sys.stderr.write("\n")
        sys.stderr.flush()

    def finish(self) -> None:
        if self._open:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self._open = False


def reporter(label: str, *, enabled: bool = True) -> Reporter:
    """See :class:`Reporter`."""
    return Reporter(label, enabled=enabled)
