# DipKB: the two commands of the README.
#   make start   install, ingest data/, print a summary, open the explorer in JupyterLab
#   make test    install everything the tests need (Chromium and Virtuoso included), lint, run the suite
# Set NO_JUPYTER=1 to stop after the summary (for machines without a browser).

SHELL := /bin/bash
PY ?= python3
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
VENV := .venv
BIN := $(VENV)/bin
STORE ?= ./kb-store
PORT ?= 8888
VOILA_PORT ?= 8866

.PHONY: start install install-test ingest summary explore voila test lint browser virtuoso clean

start: install ingest summary
ifeq ($(NO_JUPYTER),)
	@echo "Opening the explorer: notebooks/explorer.ipynb (Ctrl-C to stop)."
	KB_STORE=$${KB_STORE:-$(abspath $(STORE))} $(BIN)/jupyter lab notebooks/explorer.ipynb --port=$(PORT) \
	  --ServerApp.root_dir=$(CURDIR) \
	  $$( [ "$$(id -u)" = 0 ] && echo --allow-root ) $$( [ -z "$$DISPLAY" ] && echo --no-browser )
endif

$(UV):
	$(PY) -m pip install --user --quiet "uv>=0.5"

install: $(UV)
	$(UV) sync --frozen --quiet

install-test: $(UV)
	$(UV) sync --frozen --quiet --extra test --extra dask

ingest:
	$(BIN)/kb ingest data/ --store $(STORE)

summary:
	@$(BIN)/kb stats --store $(STORE)
	@echo; echo "Who Jaishankar met on 2023-12-27:"
	@$(BIN)/kb query people-met -p person=Jaishankar -p on=2023-12-27 --store $(STORE)

explore: install
	KB_STORE=$${KB_STORE:-$(abspath $(STORE))} $(BIN)/jupyter lab notebooks/explorer.ipynb --port=$(PORT) \
	  $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

# The explorer as a stand-alone web page (no code cells shown); the notebook builds the store when empty.
voila: install
	@echo "Serving the explorer at http://localhost:$(VOILA_PORT)/ (Ctrl-C to stop)."
	KB_STORE=$${KB_STORE:-$(abspath $(STORE))} $(BIN)/voila notebooks/explorer.ipynb --port=$(VOILA_PORT) \
	  $$( [ -z "$$DISPLAY" ] && echo --no-browser )

browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

# Debian's Virtuoso: the remote-store tests start one on loopback (its packaged service is not used).
virtuoso:
	@command -v virtuoso-t >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null; fi; }

lint: install-test
	$(BIN)/ruff check kb tests bench

test: install-test browser virtuoso lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(STORE) .pytest_cache .ruff_cache
