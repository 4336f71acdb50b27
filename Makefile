# asesorlab: `make run` starts the practice app on the sample scheme, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

AXE := .cache/axe/node_modules/axe-core/axe.min.js
CHP := .cache/chp/node_modules/.bin/configurable-http-proxy

.PHONY: run test setup system-deps lint bench clean screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

# Debian's Chromium (browser tests), PostgreSQL (multi-user store tests), Node.js with npm
# (axe-core, the accessibility checker the browser tests run in the page), LibreOffice
# Writer and poppler (the DOCX forms converted to PDF and read page by page).
system-deps:
	@if ! command -v chromium >/dev/null || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 \
			|| ! command -v npm >/dev/null; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium postgresql nodejs npm >/dev/null; \
	fi
	@if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libreoffice-writer-nogui poppler-utils >/dev/null; \
	fi

# axe-core from npm, into the git-ignored .cache/ (tests/a11y.py injects it into pages).
$(AXE): | system-deps
	npm install --prefix .cache/axe --no-save --no-audit --no-fund --loglevel=error axe-core@4.14.1

# JupyterHub's proxy from npm, into .cache/ (tests/practice/test_hub.py runs a real hub).
$(CHP): | system-deps
	npm install --prefix .cache/chp --no-save --no-audit --no-fund --loglevel=error configurable-http-proxy@5.3.0

run: $(STAMP)
	$(BIN)/asesorlab serve

test: $(STAMP) system-deps $(AXE) $(CHP)
	$(BIN)/ruff check .
	$(BIN)/pytest

# Refresh README's JupyterLab screenshots (docs/img/author-*.png); the suite never writes there.
screenshots: $(STAMP) system-deps
	ASESORLAB_SCREENSHOTS=docs/img $(BIN)/pytest -p no:cacheprovider tests/jupyterlab/test_author_in_lab.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	for script in benchmarks/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info .cache
