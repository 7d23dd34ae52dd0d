"""Keep preheated kernels ready for a room of visitors, a few at a time.

Why not Voila's own pool filling: Voila starts every pool's kernels at once
when the server starts and again whenever visitors take them. With pools
sized for a meeting (ten for Prioritering) that is twenty kernels importing
pandas and building the apps together on two cores: the first visitor waits
for all of them, and a visitor's page competes with a burst of refills.

:class:`PoolKeeper` fills the pools itself, in a priority order (the start
page, where ``/`` lands, then Prioritering, …), one kernel per round-robin
turn, with at most ``parallel`` kernels warming at the same time. A kernel
counts as warm when its process has been quiet for a moment (the notebook has
run and waits for its visitor) or after ``warm_timeout``. Voila's refill
after a visit goes through the keeper too, after ``refill_delay`` seconds,
so the visitor's own page is built first, and no kernel starts warming while
the open pages' kernels are busy (a slider being moved), for up to 30 s.

Sizes and order are policy (memory against waiting) and live in
``data/config/apps.toml``. The keeper uses two details of Voila 0.5's
preheating kernel manager — ``kernel_pools_config`` and ``_pools`` (a list
of tasks per notebook) — and ``fill_if_needed``, its method to add kernels;
a test starts a real server and checks the pools fill.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, replace
from typing import Any

from kstad_analysis import config

QUIET_CPU = 0.10  # share of one core below which a kernel counts as idle
QUIET_FOR = 1.5  # seconds of idleness that mean the notebook has run
TICK = 0.5
VISITOR_CPU = 0.5  # visitors' kernels busier than half a core: warming waits …
YIELD_MAX = 30.0  # … but at most this long


@dataclass(frozen=True)
class PoolPlan:
    """What ``data/config/apps.toml`` asks for (see that file)."""

    sizes: dict[str, int]
    order: tuple[str, ...]
    parallel: int
    refill_delay: float
    warm_timeout: float

    @classmethod
    def load(cls) -> PoolPlan:
        raw = config.load("apps")
        pools = raw.get("pool", {})
        sizes = {str(k): max(int(v), 0) for k, v in pools.get("size", {}).items()}
        order = tuple(str(n) for n in pools.get("order", ()) if str(n) in sizes)
        order += tuple(n for n in sizes if n not in order)
        return cls(sizes, order, max(int(pools.get("parallel", 2)), 1),
                   max(float(pools.get("refill_delay", 3.0)), 0.0),
                   max(float(pools.get("warm_timeout", 90.0)), 5.0))

    def capped(self, most: int) -> PoolPlan:
        """The same plan with no pool above ``most`` kernels (a small machine, tests)."""
        return replace(self, sizes={k: min(v, max(most, 0)) for k, v in self.sizes.items()})

    def total(self) -> int:
        return sum(self.sizes.values())


class PoolKeeper:
    """Fills Voila's kernel pools to ``plan.sizes`` (see the module docstring)."""

    def __init__(self, kernel_manager: Any, plan: PoolPlan, log: Any) -> None:
        self.km = kernel_manager
        self.plan = plan
        self.log = log
        self._fill = kernel_manager.fill_if_needed  # Voila's own, bound
        self._warming: list[tuple[asyncio.Task, float]] = []
        self._wake = asyncio.Event()
        self._not_before: dict[str, float] = {}
        self._task: asyncio.Task | None = None
        self._stopped = False
        self._visitor_cpu: dict[str, tuple[float, float]] = {}
        for name in plan.sizes:
            self._config(name)["pool_size"] = 0
        # Voila calls this after handing out a kernel: note it, refill later.
        kernel_manager.fill_if_needed = self._refill_requested

    # ------------------------------------------------------------------ Voila's hooks

    def _config(self, name: str) -> dict[str, Any]:
        pools = self.km.kernel_pools_config
        if name not in pools:
            pools[name] = dict(pools.get("default", {}))
        return pools[name]

    def _refill_requested(self, delay: float | None = None, notebook_name: str | None = None,
                          **_kwargs: Any) -> None:
        if notebook_name in self.plan.sizes:
            self._not_before[notebook_name] = time.monotonic() + self.plan.refill_delay
        self._wake.set()

    def pool_length(self, name: str) -> int:
        return len(self.km._pools.get(name, ()))

    # ------------------------------------------------------------------ the loop

    def start(self) -> None:
        """Start filling (call once the event loop runs)."""
        if self._task is None:
            self._task = asyncio.get_event_loop().create_task(self._run())

    def stop(self) -> None:
        """Stop filling (the server is shutting down its kernels)."""
        self._stopped = True
        if self._task is not None:
            self._task.cancel()

    def _next(self) -> str | None:
        """The app that needs a kernel most: the emptiest relative to its
        size, ties broken by the configured order."""
        now = time.monotonic()
        best, best_key = None, None
        for rank, name in enumerate(self.plan.order):
            have, want = self.pool_length(name), self.plan.sizes[name]
            if have >= want or self._not_before.get(name, 0.0) > now:
                continue
            key = (have / want, rank)
            if best_key is None or key < best_key:
                best, best_key = name, key
        return best

    def _visitors_busy(self) -> bool:
        """Whether the kernels of open pages (not pooled ones) used more than
        VISITOR_CPU of a core since the last call: then warming waits, so a
        visitor's slider does not compete with a refill (at most YIELD_MAX s)."""
        import psutil

        pooled = set()
        for pool in self.km._pools.values():
            for item in pool:
                if item.done() and not item.cancelled() and item.exception() is None:
                    pooled.add(item.result().get("kernel_id"))
        used, seen = 0.0, {}
        now = time.monotonic()
        for kernel_id in list(self.km.list_kernel_ids()):
            if kernel_id in pooled:
                continue
            process = _kernel_process(self.km, kernel_id)
            if process is None:
                continue
            try:
                times = process.cpu_times()
            except psutil.Error:  # it just exited
                continue
            total = times.user + times.system
            seen[kernel_id] = (total, now)
            if kernel_id in self._visitor_cpu:
                before, at = self._visitor_cpu[kernel_id]
                used += (total - before) / max(now - at, 1e-3)
        self._visitor_cpu = seen
        return used > VISITOR_CPU

    async def _run(self) -> None:
        yielding_since: float | None = None
        while not self._stopped:
            self._warming = [(t, s) for t, s in self._warming if not t.done()]
            if self._visitors_busy():
                yielding_since = yielding_since or time.monotonic()
            else:
                yielding_since = None
            may_start = yielding_since is None or time.monotonic() - yielding_since > YIELD_MAX
            while may_start and not self._stopped and len(self._warming) < self.plan.parallel \
                    and (name := self._next()):
                self._add(name)
            self._wake.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._wake.wait(), TICK)

    def _add(self, name: str) -> None:
        if self._stopped:
            return
        have = self.pool_length(name)
        self.log.info("kstad: preheating a kernel for %s (%d of %d)", name, have + 1,
                      self.plan.sizes[name])
        self._config(name)["pool_size"] = have + 1
        self._fill(delay=0, notebook_name=name)
        started = self.km._pools[name][-1]
        watch = asyncio.get_event_loop().create_task(self._until_warm(started))
        watch.add_done_callback(lambda _t: self._wake.set())
        self._warming.append((watch, time.monotonic()))

    async def _until_warm(self, pool_item: asyncio.Task) -> None:
        """Wait until the kernel behind ``pool_item`` has run its notebook."""
        deadline = time.monotonic() + self.plan.warm_timeout
        try:
            content = await asyncio.wait_for(asyncio.shield(pool_item), self.plan.warm_timeout)
        except Exception:  # noqa: BLE001 - a failed start is Voila's to report
            return
        process = _kernel_process(self.km, content.get("kernel_id"))
        quiet_since = None
        while time.monotonic() < deadline and process is not None:
            render = content.get("task")
            if render is not None and render.done():
                return
            try:
                before = process.cpu_times()
                await asyncio.sleep(TICK)
                after = process.cpu_times()
            except Exception:  # noqa: BLE001 - the kernel went away (shut down)
                return
            used = (after.user + after.system - before.user - before.system) / TICK
            if used < QUIET_CPU:
                quiet_since = quiet_since or time.monotonic()
                if time.monotonic() - quiet_since >= QUIET_FOR:
                    return
            else:
                quiet_since = None


def _kernel_process(km: Any, kernel_id: str | None) -> Any:
    import psutil

    try:
        pid = km.get_kernel(kernel_id).provisioner.pid
        return psutil.Process(pid) if pid else None
    except Exception:  # noqa: BLE001 - unknown kernel or provisioner without a pid
        return None
