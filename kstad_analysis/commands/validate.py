"""``kstad validate PATH...``: check plans, list every problem, exit 0/1."""

from __future__ import annotations

import argparse
import json
import sys

from kstad_analysis.commands import add_paths_argument
from kstad_analysis.i18n import t
from kstad_analysis.intake import read_plans

NAME = "validate"
HELP = t("cli.validate.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_paths_argument(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help=t("cli.validate.format"))
    parser.add_argument("--quiet", action="store_true", help=t("cli.validate.quiet"))


def run(args: argparse.Namespace) -> int:
    from kstad_analysis import paths

    plans = read_plans(args.paths or [paths.raw_dir()], show_progress=sys.stderr.isatty())
    if args.format == "json":
        payload = {
            "ok": plans.ok, "needs": len(plans.needs), "files": [str(f) for f in plans.files],
            "fingerprint": plans.fingerprint,
            "incomplete": int(plans.needs["incomplete"].sum()) if len(plans.needs) else 0,
            "problems": [p.as_dict() for p in plans.problems],
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        for problem in plans.problems:
            if args.quiet and problem.severity != "error":
                continue
            sys.stdout.write(f"{problem}\n")
        sys.stdout.write(plans.summary() + "\n")
    return 0 if plans.ok else 1
