"""``kstad weights``: a viktningsomgång by e-mail.

``kstad weights --template FIL.xlsx`` writes the workbook (one sheet per
participant, layout in :mod:`kstad_analysis.weights_workbook` and README);
``kstad weights FIL.xlsx [--method AIJ|AIP] [--out vikter.toml]`` reads the
answers, prints each participant's weights and consistency ratio and the
group's, and writes a weights file for ``kstad rank/optimize --weights``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kstad_analysis.i18n import t

NAME = "weights"
HELP = t("viktning.cli.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workbook", nargs="?", type=Path, metavar="FIL.xlsx",
                        help=t("viktning.cli.workbook"))
    parser.add_argument("--template", type=Path, metavar="FIL.xlsx", help=t("viktning.cli.template"))
    parser.add_argument("--participants", metavar="NAMN,NAMN,...",
                        help=t("viktning.cli.participants"))
    parser.add_argument("--count", type=int, default=3, metavar="N", help=t("viktning.cli.count"))
    parser.add_argument("--kind", choices=("pairwise", "direct"), default="pairwise",
                        help=t("viktning.cli.kind"))
    parser.add_argument("--criteria", metavar="NYCKEL,NYCKEL,...", help=t("viktning.cli.criteria"))
    parser.add_argument("--method", choices=("AIJ", "AIP"), default="AIJ",
                        help=t("viktning.cli.method"))
    parser.add_argument("--out", type=Path, metavar="vikter.toml", help=t("viktning.cli.out"))


def _template(args: argparse.Namespace) -> int:
    from kstad_analysis.errors import CliError, WeightError
    from kstad_analysis.weights import criterion_keys
    from kstad_analysis.weights_workbook import write_template

    path: Path = args.template
    if path.suffix.lower() != ".xlsx":
        raise CliError(t("cli.template.suffix", path=path))
    if args.participants:
        people = [p.strip() for p in args.participants.split(",") if p.strip()]
    else:
        if not 1 <= args.count <= 50:
            raise CliError(t("viktning.cli.bad_count", count=args.count))
        people = [t("viktning.new.default_participant", n=k) for k in range(1, args.count + 1)]
    keys = None
    if args.criteria:
        keys = [k.strip() for k in args.criteria.split(",") if k.strip()]
        unknown = [k for k in keys if k not in criterion_keys()]
        if unknown or len(set(keys)) != len(keys) or len(keys) < 2:
            raise CliError(t("rank.weights.unknown", keys=", ".join(unknown or keys),
                             known=", ".join(criterion_keys())))
    try:
        write_template(path, people, args.kind, keys)
    except WeightError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(t("viktning.cli.unwritable", path=path, reason=exc)) from None
    sys.stdout.write(t("viktning.cli.written", path=path, n=len(people)) + "\n")
    return 0


def _toml(weights: dict[str, float], rows: list[tuple[str, dict[str, float], float | None]],
          method: str, source: Path) -> str:
    """The weights file: ``[vikter]`` (read by ``kstad rank --weights``) plus each participant."""
    lines = [f"# {t('viktning.cli.toml_head', path=source.name, n=len(rows), method=method)}",
             f"# {t('viktning.cli.toml_use')}", "", "[vikter]"]
    lines += [f"{k} = {v:.6f}" for k, v in weights.items()]
    lines += ["", "[omgang]", f"metod = {json.dumps(method)}",
              f"deltagare = {json.dumps([name for name, _, _ in rows], ensure_ascii=False)}"]
    for name, person, cr in rows:
        lines += ["", f"[deltagare.{json.dumps(name, ensure_ascii=False)}]"]
        lines += [f"{k} = {v:.6f}" for k, v in person.items()]
        if cr is not None:
            lines.append(f"cr = {cr:.6f}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from kstad_analysis.errors import CliError, WeightError

    if args.template is not None:
        if args.workbook is not None:
            raise CliError(t("viktning.cli.both"))
        return _template(args)
    if args.workbook is None:
        raise CliError(t("viktning.cli.nothing"))

    import pandas as pd

    from kstad_analysis.export import write_table
    from kstad_analysis.group_weights import aggregate, individual
    from kstad_analysis.weights import normalise_weights
    from kstad_analysis.weights_workbook import read_workbook

    if not args.workbook.is_file():
        raise CliError(t("viktning.cli.missing_file", path=args.workbook))
    try:
        keys, answers, skipped = read_workbook(args.workbook)
        for name in skipped:
            sys.stderr.write(t("viktning.cli.skipped", sheet=name) + "\n")
        people = [individual(a.name, a.answer, keys) for a in answers]
        group = aggregate(people, keys, args.method)
    except WeightError as exc:
        raise CliError(str(exc)) from None
    group_row = t("viktning.group.row_group")
    table = pd.DataFrame(
        [[p.name, t(f"viktning.kind.{p.answer.kind}"),
          *(p.weights[k] for k in keys), p.consistency_ratio] for p in people]
        + [[group_row, t(f"viktning.agg.{group.method}"), *(group.weights[k] for k in keys),
            group.ahp.consistency_ratio if group.ahp is not None else None]],
        columns=[t("viktning.group.col_name"), t("viktning.group.col_kind"), *keys, "CR"])
    write_table(table.round(3), "table")
    sys.stdout.write(t(f"viktning.group.method.{group.method}",
                       cr=f"{group.ahp.consistency_ratio:.2f}" if group.ahp else "–") + "\n")
    for p in people:
        if p.ahp is not None and p.ahp.warning:
            sys.stderr.write(f"{p.name}: {p.ahp.warning}\n")
    if args.out is not None:
        full = normalise_weights(dict(group.weights))  # every configured criterion, 0 if left out
        rows = [(p.name, dict(p.weights), p.consistency_ratio) for p in people]
        try:
            args.out.write_text(_toml(full, rows, group.method, args.workbook), encoding="utf-8")
        except OSError as exc:
            raise CliError(t("viktning.cli.unwritable", path=args.out, reason=exc)) from None
        sys.stdout.write(t("viktning.cli.out_written", path=args.out) + "\n")
    return 0
