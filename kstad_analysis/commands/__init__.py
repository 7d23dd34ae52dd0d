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
    from kstad_analysis.errors import CliError
    from kstad_analysis.intake import read_plans

    inputs = args.paths or [paths.raw_dir()]
    plans = read_plans(inputs, show_progress=sys.stderr.isatty())
    if not plans.ok:
        lines = [t("intake.invalid"), *(f"  {p}" for p in plans.errors)]
        raise CliError("\n".join(lines))
    sys.stderr.write(plans.summary() + "\n")
    return plans


def check_weight_options(args: argparse.Namespace) -> dict[str, object] | None:
    """``--weights`` / ``--preset`` checked before any plan is read, so a typo
    fails fast with a Swedish message (exit 2); returns the raw weights."""
    from kstad_analysis.commands.rank import read_weights
    from kstad_analysis.errors import CliError
    from kstad_analysis.weights import WeightError, normalise_weights, preset

    raw = read_weights(args.weights) if args.weights else None
    if getattr(args, "scenario", None) and (raw is not None or args.preset is not None):
        raise CliError(t("analysis.err.scenario_and_weights"))
    try:
        if raw is not None and args.preset is not None:
            raise WeightError(t("rank.weights.both"))
        if raw is not None:
            normalise_weights(raw)
        elif args.preset is not None:
            preset(args.preset)
    except WeightError as exc:
        raise CliError(str(exc)) from None
    return raw


def add_chain_arguments(parser: argparse.ArgumentParser) -> None:
    """``--scenario``, ``--threshold`` and ``--store``: what the analysis chain
    reads besides the plans, so a command reproduces an app's scenario."""
    parser.add_argument("--scenario", metavar="NAMN", help=t("analysis.cli.scenario"))
    parser.add_argument("--threshold", type=float, default=None, metavar="X",
                        help=t("analysis.cli.threshold"))
    parser.add_argument("--store", type=Path, default=None, metavar="MAPP",
                        help=t("analysis.cli.store"))


def build_analysis(args: argparse.Namespace, plans, *, with_shared: bool = True):
    """The one :class:`~kstad_analysis.analysis.Analysis` for a command: the
    saved scenario (``--scenario``) with ``--threshold`` overriding its
    threshold, the grouping decisions saved in ``--store`` (default: the
    project store)."""
    from kstad_analysis import embeddings, progress
    from kstad_analysis.analysis import Analysis, load_scenario
    from kstad_analysis.errors import CliError
    from kstad_analysis.scenario import ScenarioError

    threshold = getattr(args, "threshold", None)
    if threshold is not None and not 0.0 < threshold <= 1.0:
        raise CliError(t("shared.bad_threshold", value=threshold))
    scenario = None
    name = getattr(args, "scenario", None)
    try:
        if name:
            scenario = load_scenario(name, args.store)
        report = progress.reporter(t("shared.embedding_progress"), enabled=sys.stderr.isatty())
        try:
            with embeddings.reporting(report):
                return Analysis.build(plans, scenario, args.store, threshold=threshold,
                                      with_shared=with_shared)
        finally:
            report.finish()  # a line left open by an error ends before its message
    except (ScenarioError, ValueError) as exc:
        raise CliError(str(exc)) from None
