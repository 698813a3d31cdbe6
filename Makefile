# Thin wrapper: creates .venv on first use, then hands over to tasks.py (invoke).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
INSTALLED := $(VENV)/.installed

.PHONY: serve build test lint clean bench new check preview publish edit migrate
serve build test lint clean bench new check preview publish edit migrate: $(INSTALLED)
	$(VENV)/bin/invoke $@ $(if $(N),-n $(N)) $(if $(RUNS),--runs=$(RUNS)) \
	  $(if $(SECTION),--section=$(SECTION)) $(if $(NAME),--name=$(NAME)) $(if $(LANGS),--langs=$(LANGS)) \
	  $(if $(FILE),--file=$(FILE)) $(if $(FORMAT),--format=$(FORMAT)) $(if $(STAGED),--staged) \
	  $(if $(REMOTE),--remote=$(REMOTE))

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --editable '.[test]'
	touch $@
