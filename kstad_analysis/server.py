"""Start the Voila apps: Voila serving ``notebooks/`` with a Swedish start page.

Why a subclass: Voila's directory mode answers ``/`` with an English file
tree; managers should land on the Swedish start page instead, so ``/``
redirects there. Everything else (``voila.json`` in the repository root:
preheated kernels, culling, hidden tracebacks) is Voila's own configuration.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from jupyter_server.utils import url_path_join
from tornado.web import HTTPError, RedirectHandler, RequestHandler
from voila.app import Voila

from kstad_analysis import paths

START_NOTEBOOK = "00_start.ipynb"
PLANS_ENV = "KSTAD_PLANS"


#: The notebooks a visitor may open; the analyst notebooks (10_analys,
#: 90_rapport) are for JupyterLab and ``kstad report``, not for the web.
APP_NOTEBOOKS = (
    START_NOTEBOOK, "01_prioritering.ipynb", "02_gemensamma_behov.ipynb", "03_budget.ipynb",
    "04_effekthemtagning.ipynb", "05_viktning.ipynb",
)


class _NotFound(RequestHandler):
    """404 for everything outside the apps (Voila's English file tree, the
    contents API and the analyst notebooks)."""

    def get(self, *_args: str) -> None:
        raise HTTPError(404)


class KstadVoila(Voila):
    """Voila with ``/`` redirected to the start page and only the apps served."""

    def init_handlers(self) -> list:
        start = url_path_join(self.server_url, "voila/render", START_NOTEBOOK)
        allowed = "|".join(re.escape(name) for name in APP_NOTEBOOKS)
        blocked = [
            url_path_join(self.server_url, r"voila/tree.*"),
            url_path_join(self.server_url, r"voila/api/contents.*"),
            url_path_join(self.server_url, rf"voila/render/(?!(?:{allowed})$).*"),
        ]
        return [
            (self.server_url, RedirectHandler, {"url": start}),
            *[(pattern, _NotFound) for pattern in blocked],
            *super().init_handlers(),
        ]


def notebooks_dir() -> Path:
    return paths.REPO_DIR / "notebooks"


def serve(port: int = 8866, host: str = "127.0.0.1", data: Sequence[Path] = (),
          extra_args: Sequence[str] = ()) -> None:
    """Run the Voila server in this process until interrupted.

    ``data`` (files or folders of plans) reaches every kernel through the
    ``KSTAD_PLANS`` environment variable; without it the apps use the sample.
    """
    if data:
        os.environ[PLANS_ENV] = os.pathsep.join(str(Path(p).resolve()) for p in data)
    os.chdir(paths.REPO_DIR)  # voila.json is read from the working directory
    # our Voila template (share/jupyter/voila/templates/kstad) loads nothing from a CDN
    jupyter_path = [str(paths.REPO_DIR / "share" / "jupyter"), os.environ.get("JUPYTER_PATH", "")]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in jupyter_path if p)
    argv = [
        str(notebooks_dir()), f"--port={port}", f"--Voila.ip={host}", "--no-browser",
        *extra_args,
    ]
    KstadVoila.launch_instance(argv=argv)
