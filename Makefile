# Every target sets up .venv from the lock file first; only Python 3.11+ and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test lint typecheck lock clean

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

lint: setup
	$(BIN)/ruff check bpcore scripts tests

typecheck: setup
	$(BIN)/mypy --strict bpcore

test: lint typecheck
	$(BIN)/pytest

# Re-pin every dependency after editing pyproject.toml.
lock: setup
	$(BIN)/pip-compile --quiet --all-extras --allow-unsafe --strip-extras --no-header --output-file requirements.lock pyproject.toml

clean:
	rm -rf site $(VENV)
