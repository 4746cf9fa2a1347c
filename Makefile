# bimtek: `make run` serves the demo, `make test` runs the whole suite. Needs only Python >= 3.11 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench install migrate demo messages screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput

demo: migrate
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo

run: demo
	@echo "Serving bimtek at http://127.0.0.1:8000/ (Ctrl+C stops it)"
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

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
