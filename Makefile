# Backend Atlas: the two commands a new user needs are `make serve` and `make test`.
# Both create or refresh the local environment (.venv) from requirements.txt first.

PYTHON ?= python3
# Another Python gets its own environment, e.g. make build PYTHON=python3.13
# VENV=build/venv-3.13 SITE_DIR=build/site-3.13 (what .ci/same-site does).
VENV := .venv
# The oldest Python the project supports, from pyproject.toml's requires-python.
PYTHON_MIN := $(shell sed -n 's/^requires-python = ">=\(.*\)"/\1/p' pyproject.toml)
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-lock
HOST ?= 127.0.0.1
PORT ?= 8000
SITE_DIR ?= site

# The same commit builds the same bytes: dates in the output (sitemap) come
# from the last commit, not from the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif
export NO_MKDOCS_2_WARNING := 1
# "Last update" dates come from git; outside a clone (a tarball) pages show none.
ifneq ($(shell git rev-parse --is-inside-work-tree 2>/dev/null),true)
export ATLAS_GIT_DATES := false
endif
export PYTHONDONTWRITEBYTECODE := 1
# mkdocs.yml names the project's own modules (macros.glossary, macros/theme.py, ...):
# every engine run from here imports them from this checkout, as `python -m` would.
export PYTHONPATH := $(CURDIR)

.DEFAULT_GOAL := help
.PHONY: help venv node exports serve test test-browser test-fast build offline pdf new-entry lint hooks validate lock golden schemas vendor diagrams clean weight lighthouse bench zensical

help: ## List the targets
	@echo "Backend Atlas: make serve (live preview) and make test (whole suite) are all you need."
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -c 'import sys; need = tuple(map(int, sys.argv[1].split("."))); sys.exit(None if sys.version_info >= need else f"$(VENV) has Python {sys.version.split()[0]}; Backend Atlas needs {sys.argv[1]} or newer: rm -r $(VENV), then make again with PYTHON=python{sys.argv[1]}")' "$(PYTHON_MIN)"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.txt
	$(BIN)/python -m pip check
	@touch $@

venv: $(STAMP) ## Create or update .venv from requirements.txt (hash-checked)

# Browser-side checkers (axe-core, the Nu HTML Checker, Lighthouse) from
# package-lock.json, integrity-checked; install scripts never run.
NODE_STAMP := node_modules/.installed-from-lock
$(NODE_STAMP): package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

node: $(NODE_STAMP) ## Install the npm checkers from package-lock.json (needs: apt-get install npm)

EXPORTS := docs/downloads/data/index.json
$(EXPORTS): $(STAMP) $(wildcard data/*.yml) $(wildcard macros/*.py) scripts/exports.py
	$(BIN)/python -m scripts.exports docs/downloads/data data

exports: $(EXPORTS) ## Write the JSON/CSV exports and schemas served by the site

serve: $(EXPORTS) ## Serve the site with live reload on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT) --livereload

build: $(EXPORTS) ## Build the site strictly into ./site
	$(BIN)/mkdocs build --strict --clean --site-dir $(SITE_DIR)

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
OFFLINE_ZIP := dist/backend-atlas-$(VERSION)-html.zip

offline: $(EXPORTS) ## Build the offline HTML edition into $(OFFLINE_ZIP) (opens from file://)
	$(BIN)/mkdocs build --strict --clean --config-file mkdocs-offline.yml --site-dir build/offline
	$(BIN)/python -m scripts.bundle build/offline $(OFFLINE_ZIP) backend-atlas-$(VERSION)

PDF := dist/backend-atlas-$(VERSION).pdf
EDITION_DATE := $(shell git log -1 --format=%cd --date=format:'%-d %B %Y' 2>/dev/null)

pdf: $(EXPORTS) ## Build the PDF edition into $(PDF) (needs: apt-get install chromium)
	ATLAS_EDITION="$(VERSION)" ATLAS_EDITION_DATE="$(EDITION_DATE)" \
	  $(BIN)/mkdocs build --strict --clean --config-file mkdocs-pdf.yml --site-dir build/pdf-site
	$(BIN)/python -m scripts.pdf build/pdf-site $(PDF) "$(VERSION)"

weight: $(EXPORTS) ## Page weight of every page (budget: 150 KB compressed, 15 requests)
	$(BIN)/mkdocs build --strict --clean --quiet --site-dir build/weight-site
	$(BIN)/python -m scripts.weight build/weight-site

# Lighthouse loads the pages from this address; the site is built for it, so
# its canonical links point where Lighthouse looks. LIGHTHOUSE_PAGES=all runs
# every page once, then the 3 lowest per form factor to LIGHTHOUSE_RUNS runs
# (about 30 s a run on 2 cores: an hour for the site); kinds runs one page of
# each kind LIGHTHOUSE_RUNS times (what .ci/run does).
LIGHTHOUSE_PORT ?= 8765
LIGHTHOUSE_RUNS ?= 5
LIGHTHOUSE_PAGES ?= all
# The categories whose missed goal fails the target; the summary reports all four.
LIGHTHOUSE_GATE ?= performance,accessibility,best-practices,seo

lighthouse: $(EXPORTS) $(NODE_STAMP) ## Lighthouse, mobile and desktop, on every page (LIGHTHOUSE_PAGES=kinds: one of each kind): build/lighthouse
	SITE_URL=http://127.0.0.1:$(LIGHTHOUSE_PORT)/ \
	  $(BIN)/mkdocs build --strict --clean --quiet --site-dir build/lighthouse-site
	$(BIN)/python -m scripts.lighthouse build/lighthouse-site build/lighthouse \
	  --pages $(LIGHTHOUSE_PAGES) --runs $(LIGHTHOUSE_RUNS) --port $(LIGHTHOUSE_PORT) \
	  --gate $(LIGHTHOUSE_GATE)

bench: $(STAMP) ## Time the build (vs no data layer, x10 rows, x10 pages), live edit and make test: scripts/bench/results/
	$(BIN)/python -m scripts.bench scripts/bench/results

new-entry: $(STAMP) ## Add a new entry to fill in: make new-entry DATASET=frameworks
	@test -n "$(DATASET)" || { echo "usage: make new-entry DATASET=<languages|frameworks|databases|web-servers|api-styles|architectures|tools|app-servers|message-brokers|serverless-platforms|glossary>"; exit 2; }
	$(BIN)/python -m scripts.scaffold $(DATASET)

lint: $(STAMP) ## Static checks: data, ruff, ruff format, mypy, markdownlint, codespell
	$(BIN)/python -m scripts.check data
	$(BIN)/ruff check macros scripts tests docs/examples docs/projects
	$(BIN)/ruff format --check macros scripts tests docs/examples docs/projects
	$(BIN)/mypy
	$(BIN)/mypy docs/projects/atlas_check.py docs/projects/atlas_check_more.py
	$(BIN)/pymarkdown scan -r docs README.md CONTRIBUTING.md
	$(BIN)/codespell

hooks: $(STAMP) ## Install the pre-commit hooks (the fast checks, run before each commit)
	$(BIN)/pre-commit install

test: lint $(EXPORTS) ## Run the whole test suite (lint, data, rendering, site build, workflows)
	$(BIN)/python -m pytest -m "not browser"

test-browser: $(EXPORTS) $(NODE_STAMP) ## Browser checks in headless Chromium (needs: apt-get install chromium)
	$(BIN)/python -m pytest -m browser

test-fast: $(STAMP) ## Run the tests that need no site build
	$(BIN)/python -m pytest -m "not build and not tools and not serve and not browser"

schemas: $(STAMP) ## Regenerate data/schemas/*.schema.json and CONTRIBUTING.md's field reference from the models
	$(BIN)/python -m scripts.schemas data/schemas
	$(BIN)/python -m scripts.reference CONTRIBUTING.md

validate: $(STAMP) ## Check the data files only (a second; make test runs it too)
	$(BIN)/python -m scripts.check data

golden: $(STAMP) ## Rewrite the golden files of rendered tables (review the diff!)
	$(BIN)/python -m pytest tests/macros/test_tables.py --update-goldens

lock: $(STAMP) ## Re-resolve requirements.txt and requirements-zensical.txt from pyproject.toml (with hashes)
	$(BIN)/uv pip compile pyproject.toml --group browser --group lint --universal \
		--python-version $(PYTHON_MIN) --generate-hashes --quiet -o requirements.txt
	$(BIN)/uv pip compile pyproject.toml --group zensical --universal -c requirements.txt \
		--python-version $(PYTHON_MIN) --generate-hashes --quiet -o requirements-zensical.txt

# The same sources built by Zensical, MkDocs' successor, in a venv of its own
# (never .venv): the comparison with the MkDocs build fails only on what this
# project can fix, and lists what waits on Zensical (scripts/zensical_parity.py).
ZENSICAL_VENV := build/venv-zensical
ZENSICAL_STAMP := $(ZENSICAL_VENV)/.installed-from-lock
$(ZENSICAL_STAMP): requirements-zensical.txt
	@test -x $(ZENSICAL_VENV)/bin/python || $(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-zensical.txt
	$(ZENSICAL_VENV)/bin/python -m pip check
	@touch $@

zensical: $(EXPORTS) $(ZENSICAL_STAMP) ## Build with Zensical too and compare with MkDocs: build/zensical-parity.md
	$(BIN)/mkdocs build --strict --clean --quiet --site-dir build/mkdocs-site
	rm -rf build/zensical-site
	$(ZENSICAL_VENV)/bin/zensical build --clean --config-file mkdocs-zensical.yml
	$(BIN)/python -m scripts.zensical_parity build/mkdocs-site build/zensical-site \
		--summary build/zensical-parity.md

vendor: $(STAMP) ## Refresh the vendored browser scripts from npm (versions in scripts/vendor.py)
	$(BIN)/python -m scripts.vendor

diagrams: $(STAMP) ## Draw new or edited Mermaid diagrams to SVG in docs/.diagrams/ (Chromium, offline); drop unused ones
	$(BIN)/python -m scripts.diagrams

clean: ## Remove the built site and caches (keeps .venv)
	rm -rf $(SITE_DIR) build dist docs/downloads/data .pytest_cache .mypy_cache .ruff_cache
