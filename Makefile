# Scriptorium: the two commands a fresh machine needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
CATALOG ?= var/scriptorium.sqlite
SITE ?= var/site
PORT ?= 8000
SAMPLE_CORPUS := $(wildcard $(SHARED)/corpus/mia-sample)

.PHONY: run install test lint gate bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

install: $(VENV)/.installed

## Import the sample archive into the embedded default catalog, publish it and serve it.
run: install
	@mkdir -p $(dir $(CATALOG))
	$(BIN)/scriptorium import examples/archive $(SAMPLE_CORPUS) --catalog $(CATALOG)
	$(BIN)/scriptorium stats --catalog $(CATALOG)
	$(BIN)/scriptorium build --catalog $(CATALOG) --out $(SITE)
	@echo "Serving $(SITE) on http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(SITE)

## Lint, layering contract, the whole suite on SQLite and a real PostgreSQL server, the corpus gate.
test: install
	bash scripts/run-tests.sh

lint: install
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/lint-imports

gate: install
	$(BIN)/python scripts/corpus_gate.py --corpus $(SHARED)/corpus/mia-sample

bench: install
	$(BIN)/python benchmarks/bench_import.py --write

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis
