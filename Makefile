# The two commands: `make run` (try it) and `make test` (what CI runs). See README.md.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
SITE   ?= default
PORT   ?= 8000
LOCALE := apps/reintegra_coop/locale
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=config.settings.test
# The suite runs on every core (pytest-xdist; a test module stays on one worker).
PYTEST := $(BIN)/pytest -n auto --dist loadscope
# Moments at which the whole suite must pass too (Europe/Warsaw): New Year's Eve late in the
# evening, a minute before the clocks go forward on the last Sunday of March, a leap day.
AWKWARD_MOMENTS := 2026-12-31T23:30 2027-03-28T01:59 2028-02-29T12:00

.PHONY: run test test-clocks lint bench scale-out mutation install messages update-messages lock clean

$(VENV)/.installed: pyproject.toml requirements-pip.lock requirements-dev.lock
	@.ci/ensure-debian-packages build
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-pip.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

install: $(VENV)/.installed messages

# Compiled catalogues (.mo) are built, not committed.
messages: $(VENV)/.installed
	@$(BIN)/pybabel compile --domain django --directory $(LOCALE) --use-fuzzy 2>&1 \
		| grep -v "^$$" || true

# Re-extract every marked string (Python and Jinja2) and merge it into the three catalogues.
update-messages: $(VENV)/.installed
	$(BIN)/pybabel extract --mapping babel.cfg --no-location --sort-output \
		--keywords "gettext_lazy ngettext_lazy:1,2 pgettext:1c,2 pgettext_lazy:1c,2" \
		--output $(LOCALE)/django.pot apps config
	$(BIN)/pybabel update --domain django --input-file $(LOCALE)/django.pot \
		--output-dir $(LOCALE) --no-fuzzy-matching --ignore-obsolete

run: install
	@test -f sites/$(SITE)/site_config.toml || $(BIN)/reintegra new-site $(SITE) --example-seller
	$(BIN)/reintegra --site $(SITE) migrate --no-input --verbosity 0
	$(BIN)/reintegra --site $(SITE) load-demo
	@echo "Serving site '$(SITE)' on http://127.0.0.1:$(PORT)/ with its worker (Ctrl+C stops both)"
	@$(BIN)/reintegra --site $(SITE) worker & worker=$$!; \
		trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
		$(BIN)/reintegra --site $(SITE) start --port $(PORT)

lint: install
	$(BIN)/ruff check apps config tests benchmarks
	$(BIN)/mypy apps config
	$(TEST_SETTINGS) $(BIN)/django-admin makemigrations --check --dry-run

test: install lint
	@.ci/ensure-debian-packages test
	$(PYTEST) --db-backend=sqlite
	$(PYTEST) --db-backend=mariadb
	@$(MAKE) --no-print-directory test-clocks

# The SQLite suite again at each awkward moment (`pytest --clock`, see README "Tests").
test-clocks: install
	@.ci/ensure-debian-packages test
	@set -e; for moment in $(AWKWARD_MOMENTS); do \
		echo "== the suite at $$moment (Europe/Warsaw) on SQLite"; \
		$(PYTEST) --db-backend=sqlite --clock $$moment -q; \
	done

bench: install
	@set -e; for script in benchmarks/[!_]*.py; do \
		[ -e "$$script" ] || { echo "No benchmarks yet."; break; }; \
		echo "== $$script"; $(TEST_SETTINGS) $(BIN)/python "$$script"; \
	done

# Only the scale-out layout under load (200 simulated people for 60 s; also part of `make bench`):
# nginx, two gunicorn nodes, MariaDB with a read replica and Redis on loopback. About 3 minutes.
scale-out: install
	@.ci/ensure-debian-packages test
	$(BIN)/python benchmarks/scale_out.py

# The mutation score of the pure calculation modules (mutmut, [tool.mutmut]); a few minutes.
mutation: install
	@.ci/mutation

# Two lock files, every package pinned with its hashes: requirements.lock for production (no
# test or lint tools), requirements-dev.lock for development and CI (the dev extra too).
# Development's first; production's takes the same versions from it (-c).
lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes \
		-o requirements-dev.lock
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes \
		-c requirements-dev.lock -o requirements.lock

clean:
	rm -rf $(VENV) static_root .mypy_cache .ruff_cache .pytest_cache
