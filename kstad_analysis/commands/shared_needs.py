"""``kstad shared-needs PATH...``: group shared needs, list bastjänst candidates.

Why decisions come from the store: an analyst's merges, splits and "inte samma
behov" must survive restarts and be replayed on every run, so the command reads
them from the project's store (or ``--store DIR``), through the same analysis
chain as the apps (``--scenario`` takes a saved scenario's threshold).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from kstad_analysis.commands import add_chain_arguments, add_paths_argument, build_analysis, load_or_fail
from kstad_analysis.i18n import t

NAME = "shared-needs"
HELP = t("shared.help")
NEED_COLUMNS = ("id", "department", "title", "group_id", "group_label", "group_size",
                "n_departments", "why")
OUT_SUFFIXES = (".csv", ".xlsx", ".json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_paths_argument(parser)
    parser.add_argument("--candidates", action="store_true", help=t("shared.candidates_help"))
    parser.add_argument("--out", type=Path, default=None, metavar="FIL",
                        help=t("shared.out_help"))
    add_chain_arguments(parser)


def _check_args(args: argparse.Namespace) -> None:
    from kstad_analysis.errors import CliError

    if args.threshold is not None and not 0.0 < args.threshold <= 1.0:
        raise CliError(t("shared.bad_threshold", value=args.threshold))
    if args.out is not None and args.out.suffix.lower() not in OUT_SUFFIXES:
        raise CliError(t("shared.bad_out", path=args.out))


def _flat(value: object) -> object:
    """Tuples as readable text for tables, CSV and Excel."""
    if isinstance(value, tuple):
        return "; ".join(
            f"{v[0]}: {v[1]:,.0f}".replace(",", " ") if isinstance(v, tuple) else str(v)
            for v in value
        )
    return value


def _headed(frame: pd.DataFrame, json_out: bool) -> pd.DataFrame:
    out = frame if json_out else frame.map(_flat)
    return out.rename(columns={c: t(f"shared.col.{c}") for c in frame.columns})


def run(args: argparse.Namespace) -> int:
    from kstad_analysis import bastjanst
    from kstad_analysis.errors import CliError
    from kstad_analysis.export import write_table

    _check_args(args)
    plans = load_or_fail(args)
    analysis = build_analysis(args, plans)
    shared = analysis.shared
    if shared is None:
        raise CliError(t("shared.no_needs"))
    for decision in shared.unresolved_decisions:
        sys.stderr.write(t("shared.unresolved", kind=decision.kind, ids=", ".join(decision.ids),
                           author=decision.author, created=decision.created) + "\n")
    for decision in shared.conflicting_decisions:
        sys.stderr.write(t("shared.conflict", ids=", ".join(decision.ids),
                           author=decision.author, created=decision.created) + "\n")
    summary = shared.summary
    sys.stderr.write(t("shared.summary", needs=len(shared.groups), groups=len(summary),
                       shared=int((summary["n_departments"] > 1).sum()),
                       threshold=f"{shared.threshold:g}") + "\n")
    json_out = args.out is not None and args.out.suffix.lower() == ".json"
    if args.candidates:
        frame = analysis.candidates
        if frame is None or frame.empty:
            minimum = bastjanst.parameters()["min_forvaltningar"]
            sys.stderr.write(t("shared.no_candidates", minimum=minimum) + "\n")
    else:
        frame = shared.groups[list(NEED_COLUMNS)]
    write_table(_headed(frame, json_out), out=args.out,
                sheet="Bastjänster" if args.candidates else "Gemensamma behov")
    return 0
