# Framing Lab — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.DEFAULT_GOAL := help
.PHONY: help setup report test lab bench lint clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP) ## create .venv and install the package with its test extras

report: $(STAMP) ## execute the notebooks on the seed article and write reports/*.html
	$(PY) -m analysis report --out reports

test: $(STAMP) ## run the test suite (shared gold data from FRAMING_LAB_DATA, default ../shared/data)
	FRAMING_LAB_DATA=$${FRAMING_LAB_DATA:-../shared/data} $(PY) -m pytest -q

lab: $(STAMP) ## open the notebooks in JupyterLab
	$(VENV)/bin/jupyter lab notebooks/

bench: $(STAMP) ## run every benchmark on the shared gold sets (FRAMING_LAB_DATA)
	@for b in benchmarks/[!_]*.py; do echo "== $$b"; \
	  $(PY) $$b --data $${FRAMING_LAB_DATA:-../shared/data}/../benchmarks || exit 1; done

lint: $(STAMP) ## ruff over the package, tests and benchmarks
	$(VENV)/bin/ruff check analysis tests benchmarks

clean: ## remove the virtual environment and generated reports
	rm -rf $(VENV) reports build *.egg-info
