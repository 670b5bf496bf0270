# Two commands for a fresh machine: `make run` (embedded demo) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
AXE := tests/accessibility/node_modules/axe-core/axe.min.js

.PHONY: run test lint services check-deploy clean mutation mutation-again

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed.")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed $(AXE)
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

# axe-core for the accessibility scan (tests/accessibility/), from npm at the version the lock file pins.
$(AXE): tests/accessibility/package.json tests/accessibility/package-lock.json
	@command -v npm >/dev/null 2>&1 || bash .ci/services.sh
	npm ci --prefix tests/accessibility --no-audit --no-fund
	touch $@

## make run: SQLite, tasks in-process, the Warwickshire demo data; serves http://127.0.0.1:8000
run: $(VENV)/.installed
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## make test: lint, then every test against real PostgreSQL and Redis (started here if they are down)
test: $(VENV)/.installed-dev
	bash .ci/services.sh
	$(BIN)/ruff check .
	$(BIN)/pytest

## make mutation: mutation testing of the rule modules ([tool.mutmut] in pyproject.toml), then the
## kill rate per module; not part of make test. MUTATION_CHILDREN sets how many run at once.
MUTATION_CHILDREN ?= 2
mutation: $(VENV)/.installed-dev
	bash .ci/services.sh
	rm -rf mutants
	$(BIN)/python .ci/mutation_databases.py
	$(BIN)/mutmut run --max-children $(MUTATION_CHILDREN)
	$(BIN)/python .ci/mutation_report.py

## make mutation-again: after a change, what the last run left to check: the mutants of the functions
## changed since (mutmut keeps its results in mutants/), then every mutant that survived, against the
## tests as they are now. Minutes where the whole run takes most of an hour.
mutation-again: $(VENV)/.installed-dev
	bash .ci/services.sh
	$(BIN)/python .ci/mutation_databases.py
	$(BIN)/mutmut run --max-children $(MUTATION_CHILDREN)
	survivors="$$($(BIN)/python .ci/mutation_report.py --survivors)"; \
	  if [ -n "$$survivors" ]; then $(BIN)/mutmut run --max-children $(MUTATION_CHILDREN) $$survivors; fi
	$(BIN)/python .ci/mutation_report.py

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

services:
	bash .ci/services.sh

clean:
	rm -rf $(VENV) var staticfiles test-artifacts mutants tests/accessibility/node_modules
