# Quick start: `make validate` checks the package; `make test` runs the whole test suite
# (which validates the package too). Both create .venv from the pinned requirements first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: validate test lint clean

$(VENV)/installed: requirements.txt constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)" % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	touch $@

validate: $(VENV)/installed
	$(PY) validate.py

lint: $(VENV)/installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: validate lint
	$(PY) -m pytest

clean:
	rm -rf $(VENV)
