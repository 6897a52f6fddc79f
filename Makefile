# Two promises: `make run` serves the demo on SQLite; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi

.PHONY: run serve test test-sqlite test-postgresql bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	$(BIN)/flask db upgrade
	$(BIN)/flask registry demo
	$(BIN)/flask run --host 127.0.0.1 --port 5000

# Production-style: gunicorn with gunicorn.conf.py (set DATABASE_URL and SECRET_KEY first).
serve: $(VENV)/.installed
	$(BIN)/flask db upgrade
	$(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

# Tests run on SQLite; when TEST_DATABASE_URL is set they run again on that PostgreSQL database.
test: $(VENV)/.installed-dev
	env -u TEST_DATABASE_URL $(BIN)/python -m pytest -q
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "--- PostgreSQL: $$TEST_DATABASE_URL"; \
		$(BIN)/python -m pytest -q; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache
