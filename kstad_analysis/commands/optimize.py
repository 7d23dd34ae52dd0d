"""``kstad optimize PATH... --budget N``: the best portfolio under the budget.

Prints the chosen portfolio, totals (with the naive "rank and fill" list for
comparison), the solver status and gap, and every need that was not chosen
with the reason. Bad arguments (negative budget, unknown ids, malformed
``--per-year``) are usage errors (exit 2) with a Swedish message; rules that
cannot all hold (e.g. lagkrav alone over the budget) also exit 2 with the
explanation. Bastjänst candidates from the shared-needs detection are
included as shared builds (switch off with ``--no-bastjanst``).

``--weights`` / ``--preset`` score the needs as ``kstad rank`` does (same
parsing and messages), so the CLI reproduces the Budget app and the report
for a scenario's weights.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import pandas as pd

from kstad_analysis.commands import (
    add_chain_arguments,
    add_paths_argument,
    build_analysis,
    check_weight_options,
    load_or_fail,
)
from kstad_analysis.commands.rank import _preset_names
from kstad_analysis.constants import VALUE_KINDS
from kstad_analysis.export import FORMATS, format_for, write_table
from kstad_analysis.formatting import UNKNOWN, format_value, kr
from kstad_analysis.i18n import t

NAME = "optimize"
HELP = t("budget.cli.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_paths_argument(parser)
    parser.add_argument("--budget", metavar="KR", help=t("budget.cli.budget"))
    parser.add_argument("--per-year", metavar="ÅR=KR,...", help=t("budget.cli.per_year"))
    parser.add_argument("--must", metavar="ID,...", default="", help=t("budget.cli.must"))
    parser.add_argument("--exclude", metavar="ID,...", default="", help=t("budget.cli.exclude"))
    parser.add_argument("--value", choices=VALUE_KINDS, default=None,
                        help=t("budget.cli.value"))
    parser.add_argument("--weights", metavar="FIL|nyckel=värde,...", help=t("rank.cli.weights"))
    parser.add_argument("--preset", metavar="NAMN", help=t("rank.cli.preset", names=_preset_names()))
    parser.add_argument("--running-cap", metavar="KR", help=t("budget.cli.running_cap"))
    parser.add_argument("--frontier", action="store_true", help=t("budget.cli.frontier"))
    parser.add_argument("--levels", type=int, default=20, metavar="N", help=t("budget.cli.levels"))
    parser.add_argument("--time-limit", type=float, default=10.0, metavar="SEK",
                        help=t("budget.cli.time_limit"))
    parser.add_argument("--no-bastjanst", action="store_true", help=t("budget.cli.no_shared"))
    add_chain_arguments(parser)
    parser.add_argument("--format", choices=FORMATS, default="table", help=t("budget.cli.format"))
    parser.add_argument("--out", type=Path, metavar="FIL", help=t("budget.cli.out"))


# --------------------------------------------------------------------------- parsing


def read_weight_options(args: argparse.Namespace) -> dict[str, object] | None:
    """``--weights`` / ``--preset`` checked as ``kstad rank`` checks them; they
    only make sense when the value is the ranking score."""
    from kstad_analysis.errors import CliError

    raw = check_weight_options(args)
    if (raw is not None or args.preset is not None) and args.value not in (None, "benefit"):
        raise CliError(t("budget.cli.weights_need_score"))
    return raw


def parse_amount(text: str, option: str) -> float:
    """A non-negative amount in kronor, written the Swedish way or plainly."""
    from kstad_analysis.errors import CliError
    from kstad_analysis.numbers import NumberError, parse_number

    try:
        value = parse_number(text)
    except NumberError:
        value = None
    if value is None or not math.isfinite(value) or value < 0:
        raise CliError(t("budget.cli.bad_amount", option=option, value=text))
    return value


def parse_per_year(text: str | None) -> dict[int, float] | None:
    """``2027=5000000,2028=4000000`` → {2027: 5e6, 2028: 4e6}."""
    from kstad_analysis.errors import CliError

    if text is None:
        return None
    years: dict[int, float] = {}
    for part in (p.strip() for p in text.split(",")):
        year, sep, amount = part.partition("=")
        if not sep or not year.strip().isdigit() or len(year.strip()) != 4:
            raise CliError(t("budget.cli.bad_per_year", value=part or text))
        if int(year) in years:
            raise CliError(t("budget.cli.duplicate_year", year=year.strip()))
        years[int(year)] = parse_amount(amount, "--per-year")
    if not years:
        raise CliError(t("budget.cli.bad_per_year", value=text))
    return years


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


# --------------------------------------------------------------------------- output


def _columns() -> dict[str, str]:
    return {
        "id": t("col.id"), "title": t("col.title"), "department": t("col.department"),
        "cost": t("col.investment"), "running_cost": t("col.running_cost"),
        "start_year": t("budget.col.start_year"), "value": t("budget.col.value"),
        "legal": t("budget.col.legal"), "chosen": t("budget.col.chosen"),
        "served": t("budget.col.served"), "served_by": t("budget.col.served_by"),
        "reason": t("budget.col.reason"), "candidate_id": t("budget.col.candidate"),
        "label": t("budget.col.label"), "member_ids": t("budget.col.members"),
        "period": t("budget.col.period"), "budget": t("budget.col.budget"),
        "remaining": t("budget.col.remaining"), "status": t("budget.col.status"),
        "gap": t("budget.col.gap"), "marginal_per_mkr": t("budget.col.marginal"),
        "entered": t("budget.col.entered"), "left": t("budget.col.left"),
        "n_chosen": t("budget.col.n_chosen"), "seconds": t("budget.col.seconds"),
        "solver": t("budget.col.solver"),
    }


def _swedish(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in ("member_ids", "entered", "left"):
        if column in out.columns:
            out[column] = out[column].map(lambda v: ", ".join(map(str, v)))
    return out.rename(columns=_columns())


def _number(value: float) -> str:
    """A portfolio value with three decimals; ``–`` when not finite."""
    return format_value(value, ",.3") if math.isfinite(value) else UNKNOWN


def _summary(result) -> list[str]:
    tot = result.totals
    gap = "0 %" if result.gap == 0 else (
        f"{format_value(100 * result.gap, '.3')} %" if math.isfinite(result.gap) else "okänt")
    lines = [
        t("budget.cli.status", status=t(f"budget.status.{result.status}"), gap=gap,
          solver=tot["solver"], seconds=format_value(tot["seconds"], ".2")),
        t("budget.cli.totals", budget=kr(tot["budget"]), cost=kr(tot["cost"]),
          remaining=kr(tot["remaining"]), value=_number(tot["value"]),
          served=tot["n_served"], needs=tot["n_needs"], shared=tot["n_shared"]),
        t("budget.cli.naive", naive=_number(tot["naive_value"]), cost=kr(tot["naive_cost"])
          if math.isfinite(tot["naive_cost"]) else UNKNOWN, gain=_number(tot["gain"])),
    ]
    return lines


def _print(result, frontier: pd.DataFrame | None) -> None:
    out = sys.stdout
    portfolio = result.portfolio[["id", "title", "department", "cost", "value", "served_by"]]
    out.write(t("budget.cli.portfolio_head", n=len(portfolio)) + "\n")
    write_table(_swedish(portfolio.round({"value": 4})), "table")
    out.write("\n" + "\n".join(_summary(result)) + "\n")
    if len(result.per_year) > 1:
        out.write("\n" + t("budget.cli.per_year_head") + "\n")
        write_table(_swedish(result.per_year), "table")
    if len(result.shared):
        out.write("\n" + t("budget.cli.shared_head") + "\n")
        write_table(_swedish(result.shared[["candidate_id", "label", "member_ids", "cost",
                                            "value", "chosen", "reason"]].round({"value": 4})),
                    "table")
    rest = result.not_chosen[["id", "title", "department", "cost", "value", "reason"]]
    if len(rest):
        out.write("\n" + t("budget.cli.rest_head", n=len(rest)) + "\n")
        write_table(_swedish(rest.round({"value": 4})), "table")
    if frontier is not None:
        out.write("\n" + t("budget.cli.frontier_head") + "\n")
        shown = frontier.drop(columns=["seconds"]).round({"value": 4, "marginal_per_mkr": 4})
        write_table(_swedish(shown), "table")


def _export(result, frontier: pd.DataFrame | None, fmt: str, out: Path | None) -> None:
    """Files get every need (chosen or not, with the reason) plus, for JSON and
    Excel, the per-year, bastjänst, totals and frontier tables."""
    fmt = format_for(out, fmt)
    show = (lambda f: f) if fmt == "json" else _swedish
    totals = pd.DataFrame({"key": list(result.totals),
                           "value": [str(v) for v in result.totals.values()]})
    extra = {t("budget.sheet.per_year"): show(result.per_year),
             t("budget.sheet.shared"): show(result.shared),
             t("budget.sheet.totals"): totals}
    if frontier is not None:
        extra[t("budget.sheet.frontier")] = show(frontier)
    write_table(show(result.table), fmt, out, sheet=t("budget.sheet.portfolio"),
                extra=extra if fmt in ("json", "xlsx") else None)


def run(args: argparse.Namespace) -> int:
    from kstad_analysis.errors import CliError
    from kstad_analysis.weights import WeightError

    amount = parse_amount(args.budget, "--budget") if args.budget is not None else None
    per_year = parse_per_year(args.per_year)
    if amount is None and not args.scenario:
        raise CliError(t("budget.cli.budget_required"))
    running_cap = parse_amount(args.running_cap, "--running-cap") if args.running_cap else None
    if args.levels < 2:
        raise CliError(t("budget.cli.bad_levels"))
    if not (math.isfinite(args.time_limit) and args.time_limit > 0):
        raise CliError(t("budget.err.time_limit", value=args.time_limit))
    if args.format == "xlsx" and args.out is None:
        raise CliError(t("budget.cli.xlsx_needs_out"))
    weights = read_weight_options(args)
    plans = load_or_fail(args)
    known = set(plans.needs["id"].astype(str))
    for option, ids in (("--must", _ids(args.must)), ("--exclude", _ids(args.exclude))):
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise CliError(t("budget.cli.unknown_ids", option=option, ids=", ".join(unknown)))
    analysis = build_analysis(args, plans)
    try:
        ranking = analysis.ranking(weights, preset=args.preset)
        result = analysis.portfolio(
            ranking, budget=amount, per_year=per_year, must=_ids(args.must) or None,
            exclude=_ids(args.exclude) or None, value=args.value, running_cap=running_cap,
            use_candidates=not args.no_bastjanst, time_limit=args.time_limit,
        )
    except (ValueError, WeightError) as exc:
        raise CliError(str(exc)) from None
    for warning in result.warnings:
        sys.stderr.write(warning + "\n")
    if result.status == "infeasible":
        raise CliError(t("budget.cli.infeasible", explanation=result.explanation))
    frontier = result.frontier(args.levels, time_limit=args.time_limit) if args.frontier else None
    if args.format == "table" and args.out is None:
        _print(result, frontier)
    else:
        _export(result, frontier, args.format, args.out)
        if args.out is not None:
            sys.stderr.write("\n".join(_summary(result)) + "\n")
            sys.stderr.write(t("budget.cli.written", path=args.out) + "\n")
    return 0
