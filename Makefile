# Thin wrapper: creates .venv from the lock files on first use, then hands over to tasks.py (invoke).
# Needs only Python 3.11, make and git. requirements.txt pins (with hashes) what the editors' commands
# need; requirements-dev.txt adds the tests and checks. Both are written by `make lock` from pyproject.toml.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
SITE_TOOLS := $(VENV)/.site-tools
DEV_TOOLS := $(VENV)/.dev-tools
INSTALL := $(VENV)/bin/python -m pip install --quiet --require-hashes --no-deps

EDITORS := serve build clean new check preview publish edit migrate links monitor
DEVELOPERS := test lint lock hooks messages bench  # (bench drives Chromium with playwright to time searches)
.PHONY: $(EDITORS) $(DEVELOPERS)
$(EDITORS): $(SITE_TOOLS)
$(DEVELOPERS): $(DEV_TOOLS)
$(EDITORS) $(DEVELOPERS):
	$(VENV)/bin/invoke $@ $(if $(N),-n $(N)) $(if $(RUNS),--runs=$(RUNS)) \
	  $(if $(SECTION),--section=$(SECTION)) $(if $(NAME),--name=$(NAME)) $(if $(LANGS),--langs=$(LANGS)) \
	  $(if $(FILE),--file=$(FILE)) $(if $(FORMAT),--format=$(FORMAT)) $(if $(STAGED),--staged) \
	  $(if $(REMOTE),--remote=$(REMOTE)) $(if $(UPGRADE),--upgrade) $(if $(SINCE),--since=$(SINCE)) $(if $(FROM),--from=$(FROM))

# A changed lock starts a new environment, so nothing an old one installed stays behind.
$(SITE_TOOLS): requirements.txt
	$(PYTHON) -m venv --clear $(VENV)
	$(INSTALL) -r requirements.txt
	touch $@

$(DEV_TOOLS): requirements.txt requirements-dev.txt  # (requirements-dev.txt holds all of requirements.txt)
	$(PYTHON) -m venv --clear $(VENV)
	$(INSTALL) -r requirements-dev.txt
	touch $(SITE_TOOLS) $@
