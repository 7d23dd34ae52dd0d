"""Imports point one way: front ends → analysis chain → domain → kernels → base.

Why a test: the chain was once rebuilt in eight places because every layer
could reach every other. Kernels (numbers in, numbers out) must not know the
needs frame; the domain must not know the chain, the chain must not know the
apps, commands or report; and the report must not import the widget layer.
Every import is read from the source (also those inside functions), so a
lazy import cannot hide a wrong direction. A new module must be placed in a
layer here, which is the moment to decide where it belongs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kstad_analysis"

BASE = {"__init__", "i18n", "texts", "errors", "paths", "config", "constants", "formatting",
        "numbers", "escaping", "progress"}
KERNELS = {"scoring", "sensitivity", "weight_swaps", "portfolio", "finance", "linkage", "robust"}
DOMAIN = {"criteria", "valuation", "benefit_value", "ranking", "weights", "budget", "benefits",
          "bastjanst", "shared_needs", "shared_groups", "intake", "schema", "scenario", "store",
          "store_shared", "tracking", "export", "guards", "template", "synthetic", "textprep",
          "embeddings", "grouping", "naming", "group_weights", "store_rounds", "weights_workbook",
          "store_visits", "budget_model", "budget_reasons", "budget_result", "access",
          "store_audit", "store_grouping", "intake_guard", "store_safety", "store_base",
          "store_schema", "store_scenarios", "textprep_tfidf"}
CHAIN = {"analysis"}
FRONTS = {"ui", "commands", "cli", "report", "server", "kernel_pool", "hub_app", "bind_policy"}
LAYERS = [BASE, KERNELS, DOMAIN, CHAIN, FRONTS]
#: Front ends that must not import each other (the CLI may run the server and the report).
FORBIDDEN = {
    "report": {"ui", "commands", "cli", "server"},
    "ui": {"commands", "cli"},
    "server": {"ui", "commands", "report"},
}


def _top(module: str) -> str:
    """``kstad_analysis.ui.common`` → ``ui``; ``kstad_analysis`` → ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("")
        found.append((".".join(("kstad_analysis", *rel.parts)).removesuffix(".__init__"), path))
    return found


def _type_only(tree: ast.AST) -> set[int]:
    """Ids of the nodes under ``if TYPE_CHECKING:`` (annotations only, never run)."""
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            ids.update(id(n) for child in node.body for n in ast.walk(child))
    return ids


def _is_module(name: str) -> bool:
    return (PACKAGE / f"{name}.py").exists() or (PACKAGE / name / "__init__.py").exists()


def _imports(module: str, path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    skip = _type_only(tree)
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("kstad_analysis"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("kstad_analysis"):
                out.add(target)
                if target == "kstad_analysis":  # from kstad_analysis import x
                    out.update(f"kstad_analysis.{a.name}" for a in node.names if _is_module(a.name))
    return out


def _layer(top: str) -> int:
    for i, layer in enumerate(LAYERS):
        if top in layer:
            return i
    raise AssertionError(f"kstad_analysis.{top} is in no layer of {__name__}: place it")


def test_every_module_has_a_layer():
    for module, _path in _modules():
        _layer(_top(module))


@pytest.mark.parametrize(("module", "path"), _modules(), ids=lambda v: str(v))
def test_imports_point_down(module: str, path: Path):
    own = _top(module)
    level = _layer(own)
    for target in sorted(_imports(module, path)):
        other = _top(target)
        if other in ("__init__", own):
            continue
        assert _layer(other) <= level, f"{module} imports {target}: upwards"
        assert other not in FORBIDDEN.get(own, set()), f"{module} imports {target}"
