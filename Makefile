# Quick start: `make validate` checks the package; `make test` runs the whole test suite
# (which validates the package too). Both create .venv from the pinned requirements first: the
# validator's own for `make validate`, and the test and site tools beside them for `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# Under GitHub Actions, lint findings become annotations on the pull request's lines.
RUFF_OUTPUT := $(if $(filter true,$(GITHUB_ACTIONS)),--output-format=github)

.PHONY: validate dev test lint clean cff v1-reader

# The validator's own requirements alone; the tests, site, figure and recipes add requirements-dev.txt.
$(VENV)/installed: requirements.txt constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)" % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/dev-installed: $(VENV)/installed requirements-dev.txt constraints.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	touch $@

validate: $(VENV)/installed
	$(PY) validate.py

# The environment the tests and tools need, without running them.
dev: $(VENV)/dev-installed

lint: $(VENV)/dev-installed
	$(PY) -m ruff check $(RUFF_OUTPUT) .
	$(PY) -m ruff format --check $(RUFF_OUTPUT) .

test: validate lint $(VENV)/dev-installed v1-reader
	$(PY) -m pytest

# datapackage-py, the Data Package v1 reader, cannot share .venv (requirements-v1.txt says why);
# the tests read every table with it.
v1-reader: .venv-v1/installed
.venv-v1/installed: requirements-v1.txt
	$(PYTHON) -m venv .venv-v1
	.venv-v1/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-v1.txt
	touch $@

clean:
	rm -rf $(VENV) .venv-v1

# cffconvert pins versions that cannot share .venv with Frictionless, so it gets its own.
cff:
	$(PYTHON) -m venv .venv-cff
	.venv-cff/bin/python -m pip install --quiet --disable-pip-version-check cffconvert==2.0.0
	.venv-cff/bin/cffconvert --validate

# The static website: every value beside the quote it rests on (written to _site/, not committed).
.PHONY: site
site: $(VENV)/dev-installed
	$(PY) -m tools.site
