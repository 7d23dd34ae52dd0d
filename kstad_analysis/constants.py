"""Choices that several layers name: defined once, imported everywhere.

Why a light module of its own: the CLI's argument parsers, the scenario
validator, the kernels and the apps must agree on the ranking methods and the
value kinds, and ``kstad --help`` must not import numpy to learn them.
"""

from __future__ import annotations

#: Ranking methods: weighted sum on fixed scales, and TOPSIS.
METHODS: tuple[str, ...] = ("wsum", "topsis")
#: What the budget optimises, each on a scale whose 0 is "the need is not done":
#: nyttopoäng (benefit), net present value incl. omfördelningsnytta (npv), and
#: the NPV of finansiell nytta only (npv_financial). See benefit_value.
VALUE_KINDS: tuple[str, ...] = ("benefit", "npv", "npv_financial")
#: A value kind saved by older versions, and what it now means.
LEGACY_VALUE_KINDS: dict[str, str] = {"score": "benefit"}
#: The Voila apps, in the order the start page lists them (notebook, text key).
APPS: tuple[tuple[str, str], ...] = (
    ("01_prioritering.ipynb", "start.app.ranking"),
    ("02_gemensamma_behov.ipynb", "start.app.shared"),
    ("03_budget.ipynb", "start.app.budget"),
    ("04_effekthemtagning.ipynb", "start.app.benefits"),
    ("05_viktning.ipynb", "viktning.app_name"),
    ("06_granskning.ipynb", "sec.audit.app"),
)
#: The start page notebook.
START_NOTEBOOK = "00_start.ipynb"

__all__ = ["APPS", "METHODS", "START_NOTEBOOK", "VALUE_KINDS"]
