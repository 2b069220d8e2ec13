# The commands a person types. `make demo` and `make test` work on a fresh
# Debian/Ubuntu machine as root: they install what is missing first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := libreoffice-writer-nogui fonts-liberation2 poppler-utils python3-uno softhsm2 opensc \
                chromium
# The editor's JavaScript (`notice serve`), vendored from the npm registry by `make assets`
# and committed, so the package works offline and never loads a script from a CDN.
HTMX_VERSION := 2.0.8
HTMX_SHA256 := 22283ef68cb7545914f0a88a1bdedc7256a703d1d580c1d255217d0a50d31313
STATIC := generator/serve/static
OUT ?= out
# The YAML language server the editor test drives (what VS Code's YAML extension runs),
# installed from editor/package-lock.json into editor/node_modules.
EDITOR_TOOLS := editor

.PHONY: setup system-packages demo test lint templates docs lock lock-upgrade assets clean

setup: system-packages $(VENV)/.installed $(EDITOR_TOOLS)/node_modules/.installed
	@# Byte-compile the package as a wheel install would (an editable one does not, and
	@# PYTHONDONTWRITEBYTECODE may be set): every `notice` start is ≈ 30 ms shorter.
	@PYTHONDONTWRITEBYTECODE= $(BIN)/python -m compileall -q generator >/dev/null

# Debian packages: installed only when missing, so a second run takes seconds. Node and npm
# (for editor/) come from Debian's nodejs and npm only when no npm is on the PATH: a
# nodesource nodejs, which carries its own npm, would conflict with Debian's npm package.
system-packages:
	@missing=""; \
	$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || missing="python3-venv python3-pip"; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# Python packages come from requirements.txt only: exact versions with their hashes, direct
# and transitive, for the package, its tests and its build backend (so nothing is resolved
# at install time). `make lock` records a change of pyproject.toml; `make lock-upgrade`
# moves every package to its newest version allowed by pyproject.toml, on purpose.
$(VENV)/.installed: requirements.txt pyproject.toml | system-packages
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check --require-hashes --no-deps -r requirements.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Node packages come from editor/package-lock.json only (`npm ci`: exact versions, checked
# integrity); change editor/package.json and run `npm install` there to move them.
$(EDITOR_TOOLS)/node_modules/.installed: $(EDITOR_TOOLS)/package-lock.json | system-packages
	cd $(EDITOR_TOOLS) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

UV = $(BIN)/uv pip compile --quiet --universal --generate-hashes --python-version 3.10 \
	--extra test --extra build pyproject.toml -o requirements.txt

lock: $(VENV)/.installed
	$(BIN)/pip install -q --disable-pip-version-check 'uv>=0.5,<1'
	$(UV)

lock-upgrade: $(VENV)/.installed
	$(BIN)/pip install -q --disable-pip-version-check 'uv>=0.5,<1'
	$(UV) --upgrade

demo: setup
	$(BIN)/notice render notices/ -o $(OUT)

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check generator tests bench templates
	$(BIN)/lint-imports

# docs/rules.md is generated from the rule tables in generator/rules.py (a test fails when stale).
docs: setup
	$(BIN)/python -m generator.check.ruledoc

templates: setup
	$(BIN)/python templates/build_templates.py

# htmx from its npm package (needs npm): the minified build and its licence, checked by hash.
assets:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	(cd "$$tmp" && npm pack --silent htmx.org@$(HTMX_VERSION) >/dev/null && tar xzf htmx.org-$(HTMX_VERSION).tgz) && \
	echo "$(HTMX_SHA256)  $$tmp/package/dist/htmx.min.js" | sha256sum -c --quiet && \
	cp "$$tmp/package/dist/htmx.min.js" $(STATIC)/htmx.min.js && \
	cp "$$tmp/package/LICENSE" $(STATIC)/htmx.LICENSE.txt && \
	echo "vendored htmx $(HTMX_VERSION) into $(STATIC)"

clean:
	rm -rf $(OUT) .pytest_cache
