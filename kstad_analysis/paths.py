"""Where kstad finds its bundled data and keeps what users save.

Why environment variables: the Voila server, the CLI and CI must agree on one
store without code changes, and tests must be able to point it elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent


def data_dir() -> Path:
    """The repository's ``data/`` folder (``KSTAD_DATA`` overrides it)."""
    return Path(os.environ.get("KSTAD_DATA", REPO_DIR / "data"))


def raw_dir() -> Path:
    """Immutable raw input: the bundled sample digitaliseringsplaner."""
    return data_dir() / "raw"


def config_dir() -> Path:
    """Configuration files (criteria, benefits parameters, lexicon)."""
    return data_dir() / "config"


def store_dir() -> Path:
    """Where scenarios and analyst decisions are saved (``KSTAD_STORE_DIR``).

    Defaults to the git-ignored ``var/`` folder in the repository, created on
    first use.
    """
    path = Path(os.environ.get("KSTAD_STORE_DIR", REPO_DIR / "var"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def reports_dir() -> Path:
    """Generated reports (never hand-edited)."""
    return REPO_DIR / "reports"
