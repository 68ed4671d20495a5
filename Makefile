# The two commands of README: `make serve` and `make test`. Both set everything up first.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup system-deps serve build offline pdf test test-fast bench clean

setup: $(VENV)/.installed system-deps

$(VENV)/.installed: requirements.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

# Debian packages the browser tests need: Chromium (never a downloaded browser), CJK fonts, pdftoppm.
system-deps:
	@missing=""; \
	for pkg in chromium fonts-noto-cjk poppler-utils; do \
	  dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

# The site, then the offline copy beside it: site/cnipa-2023-report-offline.zip, for reading from file:// with no
# network (a separate build: mkdocs.offline.yml, edition/offline.py). After `build`, which empties site/.
offline: build
	$(BIN)/python -m edition.offline site/cnipa-2023-report-offline.zip

# The whole report as one A4 PDF in site/ (edition/pdf.py), printed by Debian's Chromium.
pdf: build system-deps
	$(BIN)/python -m edition.pdf site

test: setup
	$(BIN)/python -m pytest

# Everything but the Chromium tests and the whole-site rebuilds: about a minute, no browser needed.
test-fast: $(VENV)/.installed
	$(BIN)/python -m pytest -m "not browser and not slow"

# Figures, not pass/fail: see README "Performance".
bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf site test-artefacts .pytest_cache
