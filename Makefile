# Thin wrapper: creates .venv on first use, then hands over to tasks.py (invoke).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
INSTALLED := $(VENV)/.installed

.PHONY: serve build test clean bench
serve build test clean bench: $(INSTALLED)
	$(VENV)/bin/invoke $@ $(if $(N),-n $(N))

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --editable '.[test]'
	touch $@
