# kstad — two commands do all set-up on a fresh Debian machine with Python 3.11:
#   make app    create .venv, install, serve the Voila apps on http://127.0.0.1:8866
#   make test   create/update .venv, install test deps, chromium and the hub's proxy, run every test
#   make hub    a JupyterHub trial on http://127.0.0.1:8000 (KSTAD_HUB_PASSWORD=… make hub)
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.kstad-installed
PORT ?= 8866
CHROMIUM := /usr/bin/chromium
PROXY := deploy/node_modules/.bin/configurable-http-proxy

.PHONY: app hub hub-proxy test bench lint venv chromium clean sample

venv: $(STAMP)

$(STAMP): pyproject.toml
	@if [ ! -x $(PY) ]; then \
	  $(PYTHON) -m venv $(VENV) || { \
	    if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q python3-venv && $(PYTHON) -m venv $(VENV); \
	    else echo "Installera python3-venv: sudo apt-get install python3-venv"; exit 1; fi; }; \
	fi
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev,hub]"
	@touch $(STAMP)

chromium:
	@if [ -x $(CHROMIUM) ] && command -v pdfinfo >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "Installerar Debians chromium och poppler-utils (pdfinfo, pdftoppm) för webbläsartesterna…"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-dejavu-core poppler-utils; \
	else \
	  echo "Webbläsartesterna behöver Debians chromium. Kör som root:"; \
	  echo "  sudo apt-get update && sudo apt-get install -y chromium fonts-dejavu-core poppler-utils"; \
	  exit 1; \
	fi

app: venv
	$(VENV)/bin/kstad app --port $(PORT)

# The hub's proxy (configurable-http-proxy) from the npm registry, exactly as locked in
# deploy/package-lock.json; the hub never downloads it when it starts.
hub-proxy: $(PROXY)

$(PROXY): deploy/package.json deploy/package-lock.json
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm; \
	  else echo "Installera node och npm: sudo apt-get install nodejs npm"; exit 1; fi; }
	npm ci --prefix deploy --no-audit --no-fund --loglevel=error
	@touch $(PROXY)

hub: venv hub-proxy
	$(VENV)/bin/jupyterhub -f deploy/jupyterhub_config.py

test: venv chromium hub-proxy
	$(PY) -m ruff check kstad_analysis tests benchmarks
	$(PY) -m pytest

bench: venv
	$(PY) -m benchmarks

lint: venv
	$(PY) -m ruff check kstad_analysis tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache deploy/node_modules
