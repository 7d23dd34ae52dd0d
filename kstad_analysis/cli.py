"""The ``kstad`` command: one entry point, one module per sub-command.

Why modules in ``kstad_analysis.commands``: each area (intake, ranking,
shared needs, budget, benefits, report) owns its command next to its code and
registers itself here by defining ``NAME``, ``HELP``, ``add_arguments`` and
``run``. Exit codes: 0 ok, 1 invalid input data for ``validate``, 2 bad
arguments or unusable data for the other commands.

Every call imports every command module (to list them and build their
arguments), so a command module's top level and ``add_arguments`` import
only light modules; heavy libraries (altair, jsonschema, papermill, nbformat,
scikit-learn, the solvers) are imported inside ``run``. tests/test_cli_startup.py
holds ``kstad --help`` and ``kstad validate`` to that; benchmarks/cli.py times them.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from importlib import import_module
from pkgutil import iter_modules

from kstad_analysis import __version__, commands
from kstad_analysis.errors import EXIT_INVALID as EXIT_INVALID  # re-exported
from kstad_analysis.errors import EXIT_OK, EXIT_USAGE, CliError
from kstad_analysis.i18n import t

#: argparse's own English messages (Python 3.11) and their text keys.
_ARGPARSE_MESSAGES = (
    (re.compile(r"argument (?P<arg>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)$"),
     "cli.argparse.choice"),
    (re.compile(r"the following arguments are required: (?P<arg>.+)$"), "cli.argparse.required"),
    (re.compile(r"unrecognized arguments: (?P<arg>.+)$"), "cli.argparse.unknown"),
    (re.compile(r"argument (?P<arg>\S+): invalid (?P<kind>\w+) value: (?P<value>.+)$"),
     "cli.argparse.value"),
    (re.compile(r"argument (?P<arg>\S+): expected (?P<count>.+?) arguments?$"),
     "cli.argparse.expected"),
    (re.compile(r"argument (?P<arg>\S+): not allowed with argument (?P<other>\S+)$"),
     "cli.argparse.conflict"),
)


def translate_argparse(message: str) -> str:
    """argparse's usage errors in the user's language (it has no Swedish)."""
    for pattern, key in _ARGPARSE_MESSAGES:
        match = pattern.match(message)
        if match:
            return t(key, **match.groupdict())
    return message


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in Swedish with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(t("cli.usage_error", message=translate_argparse(message)) + "\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kstad", description=t("cli.description"))
    parser.add_argument("--version", action="version", version=f"kstad {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=_Parser)
    for info in sorted(iter_modules(commands.__path__), key=lambda i: i.name):
        module = import_module(f"{commands.__name__}.{info.name}")
        if not hasattr(module, "NAME"):
            continue
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args._run(args) or EXIT_OK)
    except CliError as exc:
        sys.stderr.write(f"{exc}\n")
        return exc.code
    except OSError as exc:  # unwritable --out, full disk, unreadable file: no traceback
        sys.stderr.write(t("cli.os_error", error=f"{exc.strerror or exc}", path=exc.filename or "") + "\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write(t("cli.interrupted") + "\n")
        return 130


if __name__ == "__main__":
    # CliError lives in kstad_analysis.errors, so running this file as __main__
    # catches the very class the commands raise
    sys.exit(main())
