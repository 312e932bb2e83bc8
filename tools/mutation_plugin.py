"""pytest plugin of ``tools/mutation.py``: which test executes which line.

Loaded with ``-p mutation_plugin`` (``tools/`` on ``PYTHONPATH``) by ``mutation.py map``. It
measures the source folders named in ``GANEQ_MUTATION_SOURCE`` with coverage.py, one
coverage *context* per test (its node id, set from its setup to the end of its teardown),
into the data file ``GANEQ_MUTATION_COVERAGE``, and writes each test's time and whether it
passed to ``GANEQ_MUTATION_COVERAGE + ".tests.json"``.

JAX's caches are cleared before each test: a jitted function runs its Python lines only when
it is traced, so with the caches of earlier tests kept, its lines would be mapped to the first
test that traced it and to none of the later tests that use it. For the same reason the
``functools.cache``/``lru_cache`` functions of the measured modules are emptied before each
test: a cached data set, symbol table or classifier runs its lines once, under the first
test that asks for it.
"""

from __future__ import annotations

import json
import os
import sys

_STATE: dict = {}


def pytest_configure(config) -> None:
    import coverage  # only the map needs it (``make mutation`` installs it)

    cov = coverage.Coverage(data_file=os.environ["GANEQ_MUTATION_COVERAGE"], config_file=False,
                            source=os.environ["GANEQ_MUTATION_SOURCE"].split(os.pathsep))
    cov.start()
    _STATE.update(cov=cov, seconds={}, failed=set())


def _measured_caches() -> list:
    """The ``cache_clear`` methods of the functools caches defined in the measured modules."""
    roots = tuple(os.path.abspath(r) + os.sep
                  for r in os.environ["GANEQ_MUTATION_SOURCE"].split(os.pathsep))
    clears = []
    for module in list(sys.modules.values()):
        path = os.path.abspath(getattr(module, "__file__", None) or os.devnull)
        if not path.startswith(roots):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and hasattr(value, "cache_info"):
                clears.append(value.cache_clear)
    return clears


def pytest_runtest_setup(item) -> None:
    if "jax" in sys.modules:
        sys.modules["jax"].clear_caches()
    for clear in _measured_caches():
        clear()
    _STATE["cov"].switch_context(item.nodeid)


def pytest_runtest_logreport(report) -> None:
    seconds = _STATE["seconds"]
    seconds[report.nodeid] = seconds.get(report.nodeid, 0.0) + report.duration
    if report.outcome != "passed":  # failed, skipped or xfailed: such a test kills nothing
        _STATE["failed"].add(report.nodeid)


def pytest_runtest_logfinish(nodeid, location) -> None:
    _STATE["cov"].switch_context("")


def pytest_unconfigure(config) -> None:
    cov = _STATE.pop("cov", None)
    if cov is None:
        return
    cov.stop()
    cov.save()
    tests = {node: {"seconds": round(s, 3), "passed": node not in _STATE["failed"]}
             for node, s in _STATE["seconds"].items()}
    with open(os.environ["GANEQ_MUTATION_COVERAGE"] + ".tests.json", "w") as f:
        json.dump(tests, f)
