# Every target sets up .venv from the lock files first (scripts/venv.sh); only Python 3.11+,
# make and git are needed. Serving installs requirements/serve.lock; checks add test.lock.
PYTHON ?= python3
export PYTHON
VENV := .venv
BIN := $(VENV)/bin
# Where `make serve` listens: make serve ADDR=127.0.0.1:8001
ADDR ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: dates in the site come from the last commit, not from the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

.PHONY: setup setup-serve serve build build-offline build-zensical deploy test test-fast lint \
	typecheck lock font clean golden bench

# The checks' environment (everything); setup-serve is the smaller one for serving and building.
setup:
	@scripts/venv.sh test

setup-serve:
	@scripts/venv.sh serve

serve: setup-serve
	@$(BIN)/python scripts/serve.py $(ADDR)

build: setup-serve
	$(BIN)/mkdocs build --strict

# A copy that works from a folder opened in a browser (file://), search included: site-offline/.
build-offline: setup-serve
	BP_OFFLINE=true $(BIN)/mkdocs build --strict --config-file mkdocs-offline.yml

# Publish to GitHub Pages (the gh-pages branch of origin) with MkDocs' own gh-deploy. Set
# BP_SITE_URL to the address it will have, e.g. https://USER.github.io/REPO/.
deploy: setup-serve
	$(BIN)/mkdocs gh-deploy --strict --force --message "Deployed {sha} with MkDocs {version}"

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

# Re-pin every dependency after editing pyproject.toml: test.lock holds every extra, serve.lock
# the serving ones at the same versions. No index or wheel location is written into either.
PIP_COMPILE := $(BIN)/pip-compile --quiet --allow-unsafe --strip-extras --no-header \
	--no-emit-index-url --no-emit-find-links
lock: setup
	$(PIP_COMPILE) --all-extras --output-file requirements/test.lock pyproject.toml
	$(PIP_COMPILE) --extra site --extra docs --constraint requirements/test.lock \
		--output-file requirements/serve.lock pyproject.toml

# The math font subset docs/assets/fonts/noto-sans-math.woff2, made again from the npm package.
font: setup
	$(BIN)/python scripts/make_font.py

clean:
	rm -rf site site-offline site-zensical $(VENV)
