# Every target sets up .venv from the lock file first; only Python 3.11+ and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: dates in the site come from the last commit, not from the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

.PHONY: setup serve build build-zensical test test-fast lint typecheck lock clean golden bench

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP)

serve: setup
	$(BIN)/mkdocs serve --livereload

build: setup
	$(BIN)/mkdocs build --strict

# Build cost, live reload, page weight and epoch time against the budgets; not part of test.
bench: setup
	$(BIN)/python scripts/bench

# The same docs built with Zensical, into site-zensical/ (see zensical.yml).
build-zensical: setup
	$(BIN)/python scripts/build_zensical.py site-zensical

lint: setup
	$(BIN)/ruff check bpcore scripts tests
	$(BIN)/ruff format --check bpcore scripts tests

typecheck: setup
	$(BIN)/mypy --strict bpcore scripts tests

# Engine and unit tests only: no site build, no browser (seconds, not minutes).
test-fast: setup
	$(BIN)/pytest -m unit -q

test: lint typecheck
	$(BIN)/pytest

# Accept an intended change: rewrite tests/golden_values.toml and print what changed.
golden: setup
	$(BIN)/python scripts/accept_golden.py

# Re-pin every dependency after editing pyproject.toml.
lock: setup
	$(BIN)/pip-compile --quiet --all-extras --allow-unsafe --strip-extras --no-header \
		--no-emit-index-url --no-emit-find-links --output-file requirements.lock pyproject.toml

clean:
	rm -rf site site-zensical $(VENV)
