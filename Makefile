# Jobbro: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test lint format install migrate demo browsers clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# A random secret kept in var/ so a local production-mode start needs no setup.
var/secret_key:
	mkdir -p var
	$(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key
	chmod 600 var/secret_key

run: install var/secret_key
	SECRET_KEY_FILE=var/secret_key $(BIN)/jobbro migrate --noinput
	SECRET_KEY_FILE=var/secret_key $(BIN)/jobbro collectstatic --noinput --verbosity 0
	SECRET_KEY_FILE=var/secret_key $(BIN)/jobbro seed-demo --if-empty
	SECRET_KEY_FILE=var/secret_key $(BIN)/jobbro serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -n 2 --dist load

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var/static
