# marsad — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup demo test test-all browser postgres spark lock clean

$(STAMP): pyproject.toml setup.py requirements.lock marsad/entities/_crfscore.pyx marsad/arabic/_normalize.pyx
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip "setuptools>=68" wheel "Cython==3.3.1"
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	@$(PY) -c "import marsad.entities._crfscore, marsad.arabic._normalize" 2>/dev/null \
	  || { echo "marsad: the compiled modules (marsad/entities/_crfscore.pyx, marsad/arabic/_normalize.pyx) were not built: gcc and the Python headers are needed; see pip's output above" >&2; exit 1; }
	touch $@

## setup: create .venv with marsad and its locked dependencies
setup: $(STAMP)

## demo: set up, then digest the bundled sample into out/demo
demo: setup
	$(VENV)/bin/marsad digest examples/sample --out out/demo
	@echo "open out/demo/report.html (or read out/demo/report.md)"

## browser: Debian's chromium for the headless page tests (needs root, installs once)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## postgres: Debian's PostgreSQL server binaries for the store tests (needs root, installs once;
## the tests start their own throwaway server on 127.0.0.1 from a temporary directory)
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || { \
	  echo "installing Debian postgresql for store tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

## spark: the optional Spark extra (pyspark, warcio) and, if no `java` is found, Debian's
## headless JRE (needs root, installs once) for `marsad spark digest` and its tests
spark: setup
	@command -v java >/dev/null 2>&1 || { \
	  echo "installing Debian default-jre-headless for Spark"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }
	@$(PY) -c "import pyspark, warcio" 2>/dev/null || $(PY) -m pip install -q "pyspark==4.3.0" "warcio==1.8.1"

## test: set up, then run the test suite (slow real-data tests excluded; see test-all)
test: setup browser postgres spark
	$(PY) -m pytest -q

## test-all: every test, including the slow full-corpus ones
test-all: setup browser postgres spark
	$(PY) -m pytest -q -m "slow or not slow"

## lock: re-pin requirements.lock (core + test extra) from a throwaway venv built from pyproject.toml
lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install -q --upgrade pip && .lockvenv/bin/pip install -q ".[test]"
	.lockvenv/bin/pip freeze --exclude-editable | grep -v '^marsad' > requirements.lock
	rm -rf .lockvenv

clean:
	rm -rf $(VENV) out build *.egg-info marsad/entities/_crfscore.c marsad/entities/_crfscore.*.so marsad/arabic/_normalize.c marsad/arabic/_normalize.*.so
