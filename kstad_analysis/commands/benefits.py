"""``kstad benefits PATH...``: effekthemtagning per need, förvaltning and year.

Prints or exports the per-need economics (``--per need``, default) or the
per-förvaltning yearly flows (``--per department``). Table and Excel output
use Swedish column labels; CSV and JSON keep the stable English keys for
machines. The Excel file holds every view: per need, per förvaltning, the
whole municipality and the follow-up register (planned vs realised).
"""

from __future__ import annotations

import argparse
import math
import sys

import pandas as pd

from kstad_analysis import benefits, tracking
from kstad_analysis.commands import add_paths_argument, load_or_fail
from kstad_analysis.export import FORMATS, format_for, write_table
from kstad_analysis.i18n import t

NAME = "benefits"
HELP = t("benefits.cli.help")

#: Columns shown on screen per need (the exports carry all of them).
SCREEN_COLUMNS = (
    "id", "department", "title", "investment", "running_cost", "benefit_financial",
    "benefit_redistribution", "npv", "npv_low", "npv_high", "npv_financial", "payback_year",
    "bcr", "nnki", "missing_reason",
)
DEPARTMENT_SCREEN_COLUMNS = (
    "department", "year", "it_cost", "benefit_financial", "benefit_redistribution",
    "total_benefit_incl_redistribution", "net", "cumulative_net", "cumulative_net_financial",
    "needs", "needs_excluded",
)
_RATIOS = ("bcr", "nnki", "rate", "adoption", "discount_factor")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_paths_argument(parser)
    parser.add_argument("--years", metavar="N", help=t("benefits.cli.years"))
    parser.add_argument("--rate", metavar="R", help=t("benefits.cli.rate"))
    parser.add_argument("--out", metavar="FIL", help=t("benefits.cli.out"))
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help=t("benefits.cli.format"))
    parser.add_argument("--per", choices=("need", "department"), default="need",
                        help=t("benefits.cli.per"))


def parse_rate(text: str) -> float:
    """A fraction such as ``0.03`` or ``0,03``; a value above 1 is almost
    certainly a percentage typed by mistake, so it is refused, not guessed."""
    from kstad_analysis.errors import CliError

    try:
        rate = float(text.strip().replace(",", "."))
    except ValueError:
        raise CliError(t("benefits.cli.bad_rate", value=text)) from None
    if not math.isfinite(rate) or rate <= -1 or rate > 1:
        raise CliError(t("benefits.cli.bad_rate", value=text))
    return rate


def parse_years(text: str) -> int:
    """A whole number of years from 1 to 30."""
    from kstad_analysis.errors import CliError

    try:
        years = int(text.strip())
    except ValueError:
        raise CliError(t("benefits.cli.bad_years", value=text)) from None
    if not benefits.YEARS_MIN <= years <= benefits.YEARS_MAX:
        raise CliError(t("benefits.cli.bad_years", value=text))
    return years


def build_params(args: argparse.Namespace) -> benefits.BenefitParams:
    """Config values with the command line's overrides, validated."""
    from kstad_analysis.errors import CliError

    changes: dict[str, object] = {}
    if args.years is not None:
        changes["years"] = parse_years(args.years)
    if args.rate is not None:
        changes["rate"] = parse_rate(args.rate)
    try:
        return benefits.BenefitParams.load().replace(**changes)
    except benefits.BenefitParamError as exc:
        raise CliError(str(exc)) from None


def _for_screen(frame: pd.DataFrame) -> pd.DataFrame:
    """Whole kronor and two-decimal ratios, so the table stays readable."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == "float64":
            out[column] = out[column].round(2 if column in _RATIOS else 0)
    return out


def run(args: argparse.Namespace) -> int:
    from kstad_analysis.errors import CliError

    params = build_params(args)
    if args.format == "xlsx" and not args.out:
        raise CliError(t("benefits.cli.xlsx_needs_out"))
    plans = load_or_fail(args)
    economics = benefits.need_economics(plans.needs, params)
    flows = benefits.yearly_flows(plans.needs, params)
    departments = benefits.by_department(flows)
    municipality = benefits.municipality_summary(flows, params)
    realisation = tracking.realisation(plans.register)
    realisation_departments = tracking.by_department(plans.register, plans.needs)
    realisation_initiatives = tracking.by_initiative(plans.register)
    sys.stderr.write(_summary(params, economics, municipality) + "\n")

    main = economics if args.per == "need" else departments
    fmt = format_for(args.out, args.format)
    if fmt == "xlsx":
        sheets = {
            t("benefits.sheet.needs"): economics, t("benefits.sheet.departments"): departments,
            t("benefits.sheet.municipality"): municipality,
            t("benefits.sheet.realisation"): realisation,
            t("benefits.sheet.realisation_initiatives"): realisation_initiatives,
            t("benefits.sheet.realisation_departments"): realisation_departments,
        }
        first, *rest = sheets
        write_table(benefits.labelled(sheets[first]), "xlsx", args.out, sheet=first,
                    extra={name: benefits.labelled(sheets[name]) for name in rest})
    elif fmt == "json":
        write_table(main, "json", args.out, sheet=args.per, extra={
            "department" if args.per == "need" else "need":
                departments if args.per == "need" else economics,
            "municipality": municipality, "realisation": realisation,
            "realisation_initiative": realisation_initiatives,
            "realisation_department": realisation_departments,
        })
    elif fmt == "csv":
        write_table(main, "csv", args.out)
    else:
        columns = SCREEN_COLUMNS if args.per == "need" else DEPARTMENT_SCREEN_COLUMNS
        shown = main[list(columns)]
        write_table(benefits.labelled(_for_screen(shown)), "table", args.out)
    if args.out:
        sys.stderr.write(t("benefits.cli.written", path=args.out) + "\n")
    return 0


def _summary(params: benefits.BenefitParams, economics: pd.DataFrame,
             municipality: pd.DataFrame) -> str:
    never = t("benefits.cli.never")
    payback = municipality.attrs.get("payback_year")
    payback_financial = municipality.attrs.get("payback_year_financial")
    return t(
        "benefits.cli.summary", years=params.years, rate=f"{params.rate * 100:g}",
        complete=int(economics["complete"].sum()), needs=len(economics),
        payback=payback if payback is not None else never,
        payback_financial=payback_financial if payback_financial is not None else never,
    )
