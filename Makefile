# bimtek: `make run` serves the demo, `make test` runs the whole suite. Needs only Python >= 3.11 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
# Where the embedded default keeps its database and uploads (the settings make the folder).
DATA_DIR := $(or $(BIMTEK_VAR_DIR),var)
PIP_LOG := $(VENV)/pip.log

.PHONY: run test lint bench install migrate demo messages screenshots clean

# pip's own chatter goes to $(PIP_LOG); its last lines are shown if installing fails.
$(BIN)/python:
	@echo "Creating the virtual environment in $(VENV)/"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip >$(PIP_LOG) 2>&1 \
		|| { tail -n 20 $(PIP_LOG); echo "Upgrading pip failed (whole log: $(PIP_LOG))"; exit 1; }

$(STAMP): $(BIN)/python requirements.txt requirements-dev.txt
	@echo "Installing the dependencies (requirements-dev.txt)"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt >$(PIP_LOG) 2>&1 \
		|| { tail -n 20 $(PIP_LOG); echo "Installing failed (whole log: $(PIP_LOG))"; exit 1; }
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	@echo "Preparing the database"
	@DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput --verbosity 0

demo: migrate
	@DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo

run: demo
	@echo "Next:"
	@echo "  open        http://127.0.0.1:$(PORT)/ and log in with one of the e-mails above"
	@echo "  stop        Ctrl+C"
	@echo "  your data   $(DATA_DIR)/ (database bimtek.sqlite3, uploads in media/, worker.log of background jobs)"
	@echo "  start over  make clean && make run (deletes var/ and the virtual environment)"
	@echo ""
	@# The worker makes the large exports and documents beside the web server, and stops with it.
	@DJANGO_DEBUG=1 $(BIN)/python manage.py run_worker -- --interval 1 >$(DATA_DIR)/worker.log 2>&1 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/python -m pytest

# ruff (ruff.toml) and the layer contracts (.importlinter); .ci/run runs this before the suites.
lint: install
	$(BIN)/ruff check
	$(BIN)/lint-imports

# Refresh the README's screenshots (the browser tests take them; needs /usr/bin/chromium).
screenshots: install
	BIMTEK_SCREENSHOTS=1 $(BIN)/python -m pytest -n 0 tests/e2e -q

bench: install
	@set -e; for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script; done

# Refresh the translation catalogues after changing strings (needs gettext; the
# compiled .mo files are committed, so setting up never needs it).
messages: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages -l id -l en --ignore=.venv --ignore=var --no-obsolete
	DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var .pytest_cache
