"""One errors module: every user-facing error is defined once and still
importable from its old home; the sub-commands no longer import the CLI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kstad_analysis import errors

COMMANDS = Path(__file__).resolve().parents[1] / "kstad_analysis" / "commands"


@pytest.mark.parametrize(("module", "name"), [
    ("kstad_analysis.cli", "CliError"),
    ("kstad_analysis.report", "ReportError"),
    ("kstad_analysis.scenario", "ScenarioError"),
    ("kstad_analysis.weights", "WeightError"),
    ("kstad_analysis.numbers", "NumberError"),
    ("kstad_analysis.intake", "PlanError"),
    ("kstad_analysis.benefits", "BenefitParamError"),
    ("kstad_analysis.store", "StoreError"),
    ("kstad_analysis.store", "NotFound"),
    ("kstad_analysis.store", "ScenarioNotFound"),
    ("kstad_analysis.store", "GroupingDecisionNotFound"),
])
def test_old_import_paths_give_the_same_class(module: str, name: str) -> None:
    from importlib import import_module

    assert getattr(import_module(module), name) is getattr(errors, name)
    assert getattr(errors, name).__module__ == "kstad_analysis.errors"


def test_commands_import_cli_error_from_errors_not_from_cli() -> None:
    for path in sorted(COMMANDS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                assert node.module != "kstad_analysis.cli", f"{path.name} imports the CLI"


def test_cli_error_keeps_code_and_not_found_its_message() -> None:
    exc = errors.CliError("Ogiltig budget", code=errors.EXIT_INVALID)
    assert str(exc) == "Ogiltig budget" and exc.code == 1
    assert errors.CliError("x").code == errors.EXIT_USAGE == 2
    # KeyError would quote the message; the user sees it as written
    assert str(errors.ScenarioNotFound("Inget scenario heter 'A'")) == "Inget scenario heter 'A'"
    assert isinstance(errors.ScenarioNotFound("x"), KeyError)


def test_plan_error_lists_every_problem() -> None:
    from kstad_analysis.intake import read_plans

    plans = read_plans([Path(__file__).parent / "no-such-dir"])
    assert not plans.ok
    exc = errors.PlanError(plans)
    assert exc.plans is plans
    assert all(str(p) in str(exc) for p in plans.errors)
