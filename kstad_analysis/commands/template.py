"""``kstad template OUT.xlsx``: write the blank digitaliseringsplan."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kstad_analysis.i18n import t

NAME = "template"
HELP = t("cli.template.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, metavar="OUT.xlsx")


def run(args: argparse.Namespace) -> int:
    from kstad_analysis.errors import CliError
    from kstad_analysis.template import write_template

    if args.out.suffix.lower() != ".xlsx":
        raise CliError(t("cli.template.suffix", path=args.out))
    write_template(args.out)
    sys.stdout.write(t("cli.template.written", path=args.out) + "\n")
    return 0
