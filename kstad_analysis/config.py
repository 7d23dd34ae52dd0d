"""Read configuration files from ``data/config/`` (TOML).

Why files, not constants: timkostnad, discount rate, criteria and the synonym
lexicon are policy, owned by analysts; changing them must not need code.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from kstad_analysis import paths


@cache
def _read(path: Path, mtime: float) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def load(name: str, directory: Path | None = None) -> dict[str, Any]:
    """Load ``<name>.toml`` from the config folder (re-read when it changes)."""
    path = (directory or paths.config_dir()) / f"{name}.toml"
    return _read(path, path.stat().st_mtime)
