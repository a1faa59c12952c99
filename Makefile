# One command each: `make test` and `make demo` bootstrap everything from a bare checkout. Every
# target that runs a tool of .venv depends on bootstrap (make runs it once per invocation, and it
# is a no-op `uv sync` once done), so each also works alone from a bare checkout.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
PY := .venv/bin/python
RUN := .venv/bin

.PHONY: bootstrap services test check lint fmt typecheck pytest test-fast demo bench docs docs-check sandbox mcp clean

bootstrap:
	@bash scripts/bootstrap.sh

services:
	@bash scripts/ensure-redis.sh
	@bash scripts/ensure-haproxy.sh

## The command CI runs: lint, types, then every test (including a real redis-server).
test: bootstrap services lint typecheck pytest

check: test

lint: bootstrap
	$(RUN)/ruff format --check src tests bench scripts
	$(RUN)/ruff check src tests bench scripts

fmt: bootstrap
	$(RUN)/ruff format src tests bench scripts
	$(RUN)/ruff check --fix src tests bench scripts

typecheck: bootstrap
	$(RUN)/pyright

## Every core (pytest-xdist), then the tests marked `alone` by themselves (the scale-out test's
## budget checks would be skewed by other tests' load). A file run by hand stays in one process.
pytest: bootstrap services
	$(RUN)/pytest -q -n auto --dist loadgroup -m "not alone"
	$(RUN)/pytest -q -m alone

test-fast: bootstrap services
	$(RUN)/pytest -q -n auto --dist loadgroup -m "not slow" -x

demo: bootstrap
	$(RUN)/incidentio demo

bench: bootstrap services
	$(PY) bench/run_all.py

docs: bootstrap
	$(PY) scripts/generate.py

docs-check: bootstrap
	$(PY) scripts/generate.py --check

sandbox: bootstrap
	$(RUN)/incidentio sandbox --port 8765

mcp: bootstrap
	$(RUN)/incidentio mcp --sandbox

clean:
	rm -rf .venv .tools .pytest_cache .ruff_cache build dist
