"""Sub-commands of ``kstad``; each module defines NAME, HELP, add_arguments, run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kstad_analysis import paths
from kstad_analysis.i18n import t


def add_paths_argument(parser: argparse.ArgumentParser) -> None:
    """The shared ``PATH...`` argument: files or folders; the sample if omitted."""
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", type=Path,
        help=t("cli.paths_help"),
    )


def load_or_fail(args: argparse.Namespace):
    """Load and validate the plans named on the command line.

    Invalid data is a usage error for the analysis commands (exit 2), with
    every validation error listed in Swedish.
    """
    from kstad_analysis.cli import CliError
    from kstad_analysis.intake import read_plans

    inputs = args.paths or [paths.raw_dir()]
    plans = read_plans(inputs, show_progress=sys.stderr.isatty())
    if not plans.ok:
        lines = [t("intake.invalid"), *(f"  {p}" for p in plans.errors)]
        raise CliError("\n".join(lines))
    sys.stderr.write(plans.summary() + "\n")
    return plans
