# ganeq: `make reproduce` (the main job) and `make test`; each sets itself up.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JOBS   ?= 2

.PHONY: reproduce test test-all bench lint mutation hunt clean

# uv (from PyPI, by pip) installs in parallel and compiles the bytecode on both cores: about
# 40 s against 85 s for pip alone; pip takes over if uv cannot be installed or fails. Both
# install the versions of constraints.txt (those the pinned certificates were made with).
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	($(BIN)/python -m pip install --quiet uv \
	  && $(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python \
	       -c constraints.txt -e ".[dev]") \
	  || ($(BIN)/python -m pip install --quiet --upgrade pip \
	      && $(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]")
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 > /dev/null
	touch $@

reproduce: $(STAMP)
	$(BIN)/ganeq reproduce --out results/ --gallery docs

test: $(STAMP)
	HYPOTHESIS_PROFILE=ci $(BIN)/python -m pytest -n $(JOBS) --dist worksteal -q

test-all: $(STAMP)
	GANEQ_HUNT_BUDGET=40 HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest -n $(JOBS) --dist worksteal -q -m "slow or not slow"

# the speed tables of benchmarks/README.md in one run; `make bench BENCH=--quick` for smaller batches
bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH)

hunt: $(STAMP)
	nice $(BIN)/python -m verifiers.hunt --budget 2000 --seconds 30 --jobs $(JOBS) --out docs/hunt.md

# coverage.py maps each line to the tests that run it; installed here only (not by `make test`)
mutation: $(STAMP)
	$(BIN)/python -c "import coverage" 2>/dev/null || $(BIN)/python -m pip install --quiet "coverage>=7.4"
	nice $(BIN)/python tools/mutation.py map
	nice $(BIN)/python tools/mutation.py run --mutants $(or $(MUTANTS),60) --seed $(or $(SEED),0) --out build/mutation.json

lint: $(STAMP)
	$(BIN)/ruff check theory verifiers figures tests benchmarks tools notebooks

clean:
	rm -rf $(VENV) results .pytest_cache .hypothesis
