# Two promises: `make run` serves the demo on SQLite; `make test` sets up and runs the tests.
# Python 3.12 or newer is needed (vietnam-provinces 2026.x): python3.12 on the PATH, else the
# newest 3.12+ that pyenv has. Override with `make PYTHON=/path/to/python3.12 …`.
PYTHON ?= $(shell for p in python3.12 python3.13 \
	$$(pyenv versions --bare 2>/dev/null | grep -E '^3\.1[2-9](\.|$$)' | sort -V | sed 's|^|$(shell pyenv root 2>/dev/null)/versions/|; s|$$|/bin/python|'); do \
	"$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v "$$p"; break; }; done)
VENV ?= .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi

.PHONY: run serve test test-fast lint clean

# The virtual environment; one made with a Python older than 3.12 is made again.
$(VENV)/.python-3.12:
	@[ -n "$(PYTHON)" ] || { echo "Python 3.12 or newer is needed: install it (for example pyenv install 3.12) and run make again." >&2; exit 1; }
	@if [ -x $(BIN)/python ] && ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then echo "Replacing $(VENV) (made with an older Python)"; rm -rf $(VENV); fi
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	touch $@

$(VENV)/.installed: requirements.txt $(VENV)/.python-3.12
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

# Tests run in parallel on every CPU (pytest-xdist; `make test WORKERS=0` runs them in one
# process). Each worker has its own SQLite file, or its own PostgreSQL database <name>_gwN.
WORKERS ?= auto
PYTEST := $(BIN)/python -m pytest -q -n $(WORKERS) --dist loadgroup

# Tests run on SQLite; when TEST_DATABASE_URL is set they run again on that PostgreSQL database.
test: $(VENV)/.installed-dev
	env -u TEST_DATABASE_URL $(PYTEST)
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "--- PostgreSQL: $$TEST_DATABASE_URL"; \
		$(PYTEST); \
	fi

# The edit loop: no fuzzing, no browser, no second process, nothing marked slow (under a minute).
test-fast: $(VENV)/.installed-dev
	env -u TEST_DATABASE_URL $(PYTEST) -m "not slow and not browser and not fuzz and not multiprocess"

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache
