# Two entry points: `make run` (demo on SQLite) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint format demo-data clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

demo-data: $(STAMP)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_wilayah --provinsi 34
	$(PY) manage.py seed_demo

# The demo accounts are the last lines printed before the server starts.
run: demo-data
	@echo "Registri WKSBM: http://127.0.0.1:8000  (admin: http://127.0.0.1:8000/admin/)"
	@$(PY) manage.py seed_demo --accounts
	@$(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
