"""Cheaper start-up for the app kernels: defer work that imports do eagerly.

Why: every visitor's page runs in its own kernel, and on a two-core server a
room of visitors waits for kernels to start. ``import altair`` imports
``jsonschema._format``, which imports ``rfc3987_syntax`` only to offer the
``iri`` format check, and that module compiles a large Earley grammar with
lark at import (≈ 1.5–3 s, most of altair's import). Vega-Lite's schema
never uses the ``iri`` formats, so the apps never call it.

:func:`defer_iri_grammar` puts a stand-in for ``rfc3987_syntax`` in
``sys.modules`` that loads the real module on first use: behaviour is the
same (a schema with ``"format": "iri"`` is still checked, by the real
grammar), only the cost moves to the first call, which the apps never make.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import Any

_NAME = "rfc3987_syntax"


def defer_iri_grammar() -> bool:
    """Install the lazy ``rfc3987_syntax``; True if installed now.

    Does nothing when the module is already imported (or jsonschema already
    bound it) or not installed.
    """
    if _NAME in sys.modules or "jsonschema._format" in sys.modules:
        return False
    spec = importlib.util.find_spec(_NAME)
    if spec is None or spec.submodule_search_locations is None:
        return False
    stub = types.ModuleType(_NAME, "Lazy stand-in for rfc3987_syntax (kstad_analysis.ui."
                                   "lazy_imports); the real module loads on first use.")
    stub.__path__ = list(spec.submodule_search_locations)  # submodules import as usual

    def _helpers() -> types.ModuleType:
        return importlib.import_module(f"{_NAME}.syntax_helpers")

    def is_valid_syntax(term: str, value: str) -> bool:
        return _helpers().is_valid_syntax(term, value)

    def __getattr__(attr: str) -> Any:  # PEP 562: everything else, from the real module
        if attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(_helpers(), attr)

    stub.is_valid_syntax = is_valid_syntax  # type: ignore[attr-defined]
    stub.__getattr__ = __getattr__  # type: ignore[method-assign]
    sys.modules[_NAME] = stub
    return True
