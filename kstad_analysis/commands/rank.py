"""``kstad rank PATH...``: rank the needs by weighted criteria.

Weights come from ``--weights`` (a .toml/.json file or ``key=value,...``),
``--preset NAME`` or the configured defaults; bad weights, unknown criterion
keys or presets are usage errors (exit 2) with a Swedish message. With
``--robustness`` the table gains P(top N) from SMAA-2, sampling weights
uniformly within ``±spread`` of the chosen weights (``--spread 1`` or more:
anywhere on the simplex), and the weight stability intervals are added.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path

import pandas as pd

from kstad_analysis.commands import (
    add_chain_arguments,
    add_paths_argument,
    build_analysis,
    check_weight_options,
    load_or_fail,
)
from kstad_analysis.constants import METHODS
from kstad_analysis.export import FORMATS, write_table
from kstad_analysis.i18n import t

NAME = "rank"
HELP = t("rank.cli.help")


def _preset_names() -> str:
    try:
        from kstad_analysis.weights import presets

        return ", ".join(presets())
    except (OSError, ValueError, KeyError):
        return "-"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_paths_argument(parser)
    parser.add_argument("--weights", metavar="FIL|nyckel=värde,...", help=t("rank.cli.weights"))
    parser.add_argument("--preset", metavar="NAMN", help=t("rank.cli.preset", names=_preset_names()))
    parser.add_argument("--method", choices=METHODS, default=None,
                        help=t("rank.cli.method"))
    add_chain_arguments(parser)
    parser.add_argument("--top", type=int, metavar="N", help=t("rank.cli.top"))
    parser.add_argument("--robustness", action="store_true", help=t("rank.cli.robustness"))
    parser.add_argument("--samples", type=int, default=10_000, metavar="N",
                        help=t("rank.cli.samples"))
    parser.add_argument("--spread", type=float, default=0.2, metavar="ANDEL",
                        help=t("rank.cli.spread"))
    parser.add_argument("--seed", type=int, default=0, help=t("rank.cli.seed"))
    parser.add_argument("--format", choices=FORMATS, default="table", help=t("rank.cli.format"))
    parser.add_argument("--out", type=Path, metavar="FIL", help=t("rank.cli.out"))


def read_weights(spec: str) -> dict[str, object]:
    """Weights from a file (.toml: top level or table ``vikter``; .json) or a
    ``key=value,...`` string. Raises CliError for unreadable input."""
    from kstad_analysis.errors import CliError
    from kstad_analysis.weights import WeightError, parse_weight_spec

    path = Path(spec)
    if path.suffix.lower() in (".toml", ".json") or path.exists():
        if not path.is_file():
            raise CliError(t("rank.cli.weights_file_missing", path=path))
        try:
            text = path.read_text(encoding="utf-8")
            data = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise CliError(t("rank.cli.weights_file_bad", path=path, reason=exc)) from None
        if isinstance(data, dict) and isinstance(data.get("vikter"), dict):
            data = data["vikter"]
        if not isinstance(data, dict):
            raise CliError(t("rank.cli.weights_file_bad", path=path, reason="{...}"))
        return data
    try:
        return dict(parse_weight_spec(spec))
    except WeightError as exc:
        raise CliError(str(exc)) from None


def _swedish_columns(table: pd.DataFrame, labels: dict[str, str], top: int) -> pd.DataFrame:
    names = {
        "id": t("col.id"), "department": t("col.department"), "title": t("col.title"),
        "rank": t("rank.col.rank"), "score": t("rank.col.score"),
        "rank_change": t("rank.col.rank_change"), "imputed": t("rank.col.imputed"),
        "p_top": t("rank.col.p_top", n=top), "reason": t("rank.col.reason"),
        "criterion": t("rank.col.criterion"), "weight": t("rank.col.weight"),
        "lower": t("rank.col.lower", n=top), "upper": t("rank.col.upper", n=top),
    }
    names.update({f"contrib_{k}": t("rank.col.contrib", label=v) for k, v in labels.items()})
    return table.rename(columns=names)


def run(args: argparse.Namespace) -> int:
    from kstad_analysis.errors import CliError
    from kstad_analysis.weights import WeightError

    if args.top is not None and args.top < 1:
        raise CliError(t("rank.cli.bad_top"))
    if args.samples < 1:
        raise CliError(t("rank.cli.bad_samples"))
    if args.format == "xlsx" and args.out is None:
        raise CliError(t("rank.cli.xlsx_needs_out"))
    raw_weights = check_weight_options(args)  # before reading the plans: fail fast
    plans = load_or_fail(args)
    analysis = build_analysis(args, plans)
    try:
        result = analysis.ranking(raw_weights, preset=args.preset, method=args.method)
    except WeightError as exc:
        raise CliError(str(exc)) from None
    ranker = analysis.ranker
    labels = {c.key: c.label() for c in ranker.criteria}
    sys.stderr.write(t("rank.cli.used_weights", method=result.method, weights=", ".join(
        f"{k}={v:.3f}" for k, v in result.weights.items())) + "\n")
    excluded = result.excluded
    if len(excluded):
        sys.stderr.write(t("rank.cli.excluded", n=len(excluded)) + "\n")
        for row in excluded.itertuples():
            sys.stderr.write(f"  {row.id}: {row.reason}\n")
    if not len(ranker):
        raise CliError(t("rank.cli.nothing"))
    top = args.top or (analysis.top_n() if args.scenario else 10)
    table = result.table.copy()
    extra: dict[str, pd.DataFrame] = {}
    if args.robustness:
        try:
            smaa = analysis.robustness(result, args.samples, max(args.spread, 0.0), args.seed, top)
            stability = analysis.stability(result, top)
        except ValueError as exc:
            raise CliError(str(exc)) from None
        p_top = pd.Series(smaa.top_probability, index=smaa.ids)
        table["p_top"] = table["id"].map(p_top).to_numpy()
        stability["criterion"] = stability["criterion"].map(labels)
        extra[t("rank.sheet.stability")] = stability
    if args.top is not None:
        table = table[table["rank"] <= args.top]
    if len(excluded):
        extra[t("rank.sheet.excluded")] = excluded
    if args.format != "json":
        table = _swedish_columns(table, labels, top)
        extra = {k: _swedish_columns(v, labels, top) for k, v in extra.items()}
    if args.format == "table":
        table = table.round(4)
    write_table(table, args.format, args.out, sheet=t("rank.sheet.ranking"),
                extra=extra if args.format in ("json", "xlsx") else None)
    if args.format == "table" and args.out is None and args.robustness:
        sys.stdout.write("\n" + t("rank.cli.stability", n=top) + "\n")
        write_table(extra[t("rank.sheet.stability")].round(3), "table")
    return 0
