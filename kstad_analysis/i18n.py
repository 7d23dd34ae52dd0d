"""All user-facing text, in Swedish with an English option, looked up by key.

Why: user text must come from one place so the UI, CLI, errors and reports
say the same thing, and so that an English reader can switch language.
The catalogues live in ``kstad_analysis.texts`` (one module per area, to keep
them short); this module merges them and formats messages.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from importlib import import_module
from pkgutil import iter_modules

from kstad_analysis import texts

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"


@cache
def catalog() -> dict[str, dict[str, str]]:
    """Merge every ``TEXTS`` dict found in ``kstad_analysis.texts``.

    Each catalogue maps ``key -> {"sv": ..., "en": ...}``. A key defined twice
    is a bug (two places for one text), so it raises.
    """
    merged: dict[str, dict[str, str]] = {}
    for info in iter_modules(texts.__path__):
        module = import_module(f"{texts.__name__}.{info.name}")
        for key, value in getattr(module, "TEXTS", {}).items():
            if key in merged:
                raise RuntimeError(f"text key defined twice: {key}")
            merged[key] = value
    return merged


def language() -> str:
    """The active language: ``KSTAD_LANG`` (sv/en), Swedish by default."""
    lang = os.environ.get("KSTAD_LANG", DEFAULT_LANGUAGE).lower()
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str | None = None, /, **values: object) -> str:
    """Return the text for ``key`` in ``lang``, formatted with ``values``.

    Falls back to Swedish when the English text is missing, and to the key
    itself when the key is unknown, so that a missing text never crashes a UI.
    """
    entry: Mapping[str, str] = catalog().get(key, {})
    template = entry.get(lang or language()) or entry.get(DEFAULT_LANGUAGE) or key
    return template.format(**values) if values else template
