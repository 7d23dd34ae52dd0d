"""``kstad app [--port N] [--host H] [--data PATH...]``: serve the Voila apps.

Single-user: loopback only, unless ``--token-file`` configures a login
(``bind_policy``); Host headers outside the allowlist get 403.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kstad_analysis.i18n import t

NAME = "app"
HELP = t("cli.app.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8866, help=t("cli.app.port"))
    parser.add_argument("--host", default="127.0.0.1", help=t("cli.app.host"))
    parser.add_argument("--data", nargs="+", type=Path, default=(), help=t("cli.app.data"))
    parser.add_argument("--pool-max", type=int, default=None, help=t("cli.app.pool_max"))
    parser.add_argument("--token-file", type=Path, default=None, help=t("sec.cli.token_file"))
    parser.add_argument("--allow-host", action="append", default=[], metavar="NAMN",
                        help=t("sec.cli.allow_host"))
    parser.add_argument("--voila-args", nargs=argparse.REMAINDER, default=[],
                        help=t("cli.app.voila_args"))


def run(args: argparse.Namespace) -> int:
    from kstad_analysis.bind_policy import check_bind
    from kstad_analysis.errors import CliError

    token = check_bind(args.host, args.token_file, args.voila_args)  # before Voila is imported
    from kstad_analysis.intake import read_plans
    from kstad_analysis.server import serve

    if not 0 < args.port < 65536:
        raise CliError(t("cli.bad_port", port=args.port))
    if args.pool_max is not None and args.pool_max < 0:
        raise CliError(t("cli.bad_pool_max", value=args.pool_max))
    if args.data:
        plans = read_plans(args.data)
        if not plans.ok:
            raise CliError("\n".join([t("intake.invalid"), *(f"  {p}" for p in plans.errors)]))
    sys.stderr.write(t("cli.app.starting", host=args.host, port=args.port) + "\n")
    serve(port=args.port, host=args.host, data=args.data, extra_args=args.voila_args,
          pool_max=args.pool_max, token=token, allow_hosts=args.allow_host)
    return 0
