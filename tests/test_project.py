"""The project's own promises: same packages for pip and conda, CI = README."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_names_the_same_packages_as_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    pip_names = {_name(r) for r in project["dependencies"]}
    pip_names |= {_name(r) for r in project["optional-dependencies"]["dev"]}
    pip_names |= {_name(r) for r in project["optional-dependencies"]["hub"]}
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    # nodejs runs the hub's proxy (npm, `make hub-proxy`); pip has no such package
    conda_names = {_name(d) for d in conda} - {"python", "pip", "nodejs"}
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    # packages conda-forge does not carry are installed by pip, pinned as in pyproject
    pip_only = {_name(d) for d in pip_section if not d.startswith("-e ")}
    assert conda_names | pip_only == pip_names and not conda_names & pip_only
    assert pip_section[-1] == "-e .[dev,hub]"
    pins = {_name(r): r for r in [*project["dependencies"],
                                  *project["optional-dependencies"]["dev"]]}
    assert all(d.replace(" ", "") == pins[_name(d)].replace(" ", "")
               for d in pip_section[:-1])


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text()
    readme = (REPO / "README.md").read_text()
    assert re.search(r"^make test$", ci, re.M)
    assert "make test" in readme and "make app" in readme


def test_console_script_is_declared():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["kstad"] == "kstad_analysis.cli:main"


def test_make_test_installs_the_hub_and_its_proxy_from_the_lockfile():
    """CI runs the hub's browser test, so ``make test`` installs the ``hub`` extra and
    the proxy exactly as locked (``npm ci``), never anything at run time."""
    makefile = (REPO / "Makefile").read_text()
    assert '-e ".[dev,hub]"' in makefile
    assert re.search(r"^test: .*hub-proxy", makefile, re.M)
    assert "npm ci --prefix deploy" in makefile
    lock = json.loads((REPO / "deploy" / "package-lock.json").read_text())
    package = json.loads((REPO / "deploy" / "package.json").read_text())
    pinned = package["dependencies"]["configurable-http-proxy"]
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == pinned
