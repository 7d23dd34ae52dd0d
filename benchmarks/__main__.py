"""Run every benchmark module and print one table per benchmark.

Each module in this package defines ``run() -> list[Row]`` (see ``_table``):
our time beside a named baseline measured in the same run, and the ratio.
Select modules by name: ``python -m benchmarks ranking shared``.
"""

from __future__ import annotations

import sys
from importlib import import_module
from pkgutil import iter_modules

import benchmarks
from benchmarks._table import print_rows


def main(argv: list[str]) -> int:
    names = sorted(i.name for i in iter_modules(benchmarks.__path__) if not i.name.startswith("_"))
    chosen = [n for n in names if not argv or any(a in n for a in argv)]
    for name in chosen:
        module = import_module(f"benchmarks.{name}")
        print(f"\n## {name}")
        print_rows(module.run())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
