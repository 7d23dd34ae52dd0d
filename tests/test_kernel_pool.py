"""The preheated pools: sized from data/config/apps.toml, filled start page first.

Why: a room of visitors must find kernels ready (ten for Prioritering), and
the first visitor after ``kstad app`` starts lands on the start page, so it
must not wait behind twenty kernels warming together.
"""

from __future__ import annotations

import re
import time

import pytest

from kstad_analysis.kernel_pool import PoolPlan
from kstad_analysis.server import APP_NOTEBOOKS, START_NOTEBOOK


def test_plan_covers_every_app_and_starts_with_the_start_page():
    plan = PoolPlan.load()
    assert set(plan.sizes) == set(APP_NOTEBOOKS)
    assert plan.order[:2] == (START_NOTEBOOK, "01_prioritering.ipynb")
    assert plan.sizes["01_prioritering.ipynb"] >= 10  # a meeting room opening it at once
    assert plan.parallel >= 1


def test_capped_plan_keeps_order_and_limits_every_pool():
    plan = PoolPlan.load().capped(1)
    assert all(size == 1 for size in plan.sizes.values())
    assert plan.order == PoolPlan.load().order
    assert PoolPlan.load().capped(0).total() == 0


@pytest.mark.browser
def test_server_fills_one_kernel_per_app_start_page_first(voila_server):
    """The session server runs with ``--pool-max 1``: five kernels, warmed in
    the configured order, at most ``parallel`` at a time."""
    pattern = re.compile(r"kstad: preheating a kernel for (\S+) \((\d+) of (\d+)\)")
    deadline = time.monotonic() + 120
    started: list[str] = []
    while time.monotonic() < deadline:
        started = [m.group(1) for m in pattern.finditer(voila_server.log_path.read_text())]
        if len(set(started)) == len(APP_NOTEBOOKS):
            break
        time.sleep(1)
    assert set(started) >= set(APP_NOTEBOOKS), started
    plan = PoolPlan.load()
    assert started[:plan.parallel] == list(plan.order[:plan.parallel])
