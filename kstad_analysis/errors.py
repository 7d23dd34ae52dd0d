"""Every user-facing error of kstad, in one light module.

Why one module: the command line, the apps and the report all turn these
into a Swedish message instead of a traceback, so they need to name them
without importing the heavy modules that raise them (the report pulls in
altair, the store pandas and sqlite). It also breaks the old import cycle in
which every sub-command imported ``CliError`` from ``kstad_analysis.cli``,
the module that imports the sub-commands.

The classes keep their old homes as re-exports (``kstad_analysis.cli.CliError``,
``kstad_analysis.weights.WeightError`` …), so existing imports still work.
Messages come from the text catalogue (``kstad_analysis.i18n.t``) where the
error is raised; only ``PlanError`` builds its own, from the plans' problems.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kstad_analysis.i18n import t

if TYPE_CHECKING:  # intake imports pandas; only the type is needed here
    from kstad_analysis.intake import Plans

#: Exit codes of ``kstad``: ok, invalid input data for ``validate``, usage error.
EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A user error with a Swedish message and an exit code (no traceback)."""

    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


class NumberError(ValueError):
    """A cell that does not hold a number."""


class PlanError(ValueError):
    """Raised by ``load_plans`` when the plans contain errors."""

    def __init__(self, plans: Plans):
        self.plans = plans
        lines = [t("intake.invalid"), *(f"  {p}" for p in plans.errors)]
        super().__init__("\n".join(lines))


class WeightError(ValueError):
    """Unusable weights; the message is user-facing (Swedish by default)."""


class ScenarioError(ValueError):
    """An invalid scenario; the message is user-facing (Swedish by default)."""


class BenefitParamError(ValueError):
    """Invalid calculation parameters; the message is Swedish (via ``t``)."""


class ReportError(ValueError):
    """A report cannot be built; the message is user-facing (Swedish by default)."""


class StoreError(RuntimeError):
    """The store cannot be used as it is (e.g. written by a newer kstad)."""


class StoreUnavailable(StoreError, OSError):
    """The store cannot be used now: full disk, a lock held past the timeout,
    a damaged file, or a write to a read-only store (``store_safety``).

    ``reason`` is one of ``store_safety.REASONS``. Also an ``OSError`` so that
    handlers written for file errors show it too.
    """

    def __init__(self, message: str, reason: str = ""):
        super().__init__(message)
        self.reason = reason

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class AccessDenied(PermissionError, ScenarioError):
    """The logged-in user's roles do not allow the action (``access.require``).

    A ``PermissionError`` (so handlers catching ``OSError`` show it) and a
    ``ScenarioError`` (so handlers catching scenario errors do too): a refusal
    must reach the user as a message wherever it is raised.
    """


class StaleScenario(ScenarioError):
    """The scenario changed (a newer version, or deleted) since it was loaded."""


class NotFound(KeyError):
    """Something asked for is not in the store; the message is user-facing."""

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0]) if self.args else ""


class ScenarioNotFound(NotFound):
    """No saved scenario (or version) with that name."""


class GroupingDecisionNotFound(NotFound):
    """No saved grouping decision with that id."""


__all__ = [
    "EXIT_OK", "EXIT_INVALID", "EXIT_USAGE", "CliError", "NumberError", "PlanError",
    "WeightError", "ScenarioError", "BenefitParamError", "ReportError", "StoreError", "StoreUnavailable",
    "NotFound", "ScenarioNotFound", "GroupingDecisionNotFound", "AccessDenied", "StaleScenario",
]
