"""``kstad report``: the budget-round report as HTML, PDF, Excel and notebook.

Usage::

    kstad report --scenario NAMN [--budget KR] [--data PATH...] [--store DIR] [--out DIR]
    kstad report --weights "nytta=3,kostnad=2" --budget 12000000 [--data PATH...] [--out DIR]
    kstad report --preset "Ekonomi först" --budget "12 000 000" --out reports/ekonomi/

A missing scenario, bad data or unusable weights stop with a Swedish message
and exit code 2, before any notebook runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kstad_analysis.constants import METHODS
from kstad_analysis.i18n import t

NAME = "report"
HELP = t("report.cli.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # No defaults from kstad_analysis.report here: it imports altair (and through it
    # jsonschema), which would slow every ``kstad`` call, even ``--help``.
    # ``run`` fills in the report's own defaults.
    parser.add_argument("--scenario", metavar="NAMN", help=t("report.cli.scenario"))
    parser.add_argument("--weights", metavar="VIKTER", help=t("report.cli.weights"))
    parser.add_argument("--preset", metavar="PROFIL", help=t("report.cli.preset"))
    parser.add_argument("--method", choices=METHODS, help=t("report.cli.method"))
    parser.add_argument("--budget", metavar="KR", help=t("report.cli.budget"))
    parser.add_argument("--data", nargs="+", type=Path, default=(), metavar="PATH",
                        help=t("report.cli.data"))
    parser.add_argument("--store", type=Path, metavar="DIR", help=t("report.cli.store"))
    parser.add_argument("--out", type=Path, metavar="DIR", help=t("report.cli.out"))
    parser.add_argument("--samples", type=int, help=t("report.cli.samples"))
    parser.add_argument("--seed", type=int, help=t("report.cli.seed"))
    parser.add_argument("--no-pdf", action="store_true", help=t("report.cli.no_pdf"))


def _budget(text: str | None) -> float | None:
    from kstad_analysis.errors import CliError
    from kstad_analysis.numbers import NumberError, parse_number

    if text is None:
        return None
    try:
        value = parse_number(text)
    except NumberError as exc:
        raise CliError(t("report.err.params", name="--budget", detail=str(exc))) from None
    if value is None or value < 0:
        raise CliError(t("report.err.params", name="--budget", detail=text))
    return float(value)


def _weights(text: str | None) -> dict[str, float] | None:
    from kstad_analysis.errors import CliError
    from kstad_analysis.weights import WeightError, parse_weight_spec

    if not text:
        return None
    try:
        return parse_weight_spec(text)
    except WeightError as exc:
        raise CliError(t("report.err.weights", detail=str(exc))) from None


def run(args: argparse.Namespace) -> int:
    from kstad_analysis.errors import CliError, ReportError
    from kstad_analysis.report import DEFAULT_SAMPLES, DEFAULT_SEED, build_report

    if args.scenario is not None and not args.scenario.strip():
        raise CliError(t("report.err.params", name="--scenario", detail="tomt namn"))
    if args.scenario and (args.weights or args.preset):
        raise CliError(t("analysis.err.scenario_and_weights"))
    try:
        result = build_report(
            args.out, scenario_name=args.scenario, weights=_weights(args.weights),
            preset=args.preset, method=args.method, budget=_budget(args.budget),
            data_paths=list(args.data) or None, store_dir=args.store,
            samples=DEFAULT_SAMPLES if args.samples is None else args.samples,
            seed=DEFAULT_SEED if args.seed is None else args.seed, pdf=not args.no_pdf,
        )
    except ReportError as exc:
        raise CliError(str(exc)) from None
    sys.stderr.write(t("report.cli.done", seconds=f"{result.seconds:.1f}".replace(".", ","),
                       out=result.out_dir) + "\n")
    for path in result.files:
        sys.stdout.write(f"{path}\n")
    return 0
