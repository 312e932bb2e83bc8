"""Test configuration: float64 JAX (via theory._config) and hypothesis profiles.

``ci`` (the default, used by ``make test``) is derandomised and small enough for
the CI budget; ``thorough`` (``make test-all``) searches far deeper.
Select with ``HYPOTHESIS_PROFILE``.
"""

import os

import jax
import pytest
from hypothesis import HealthCheck, settings

from theory import _config  # noqa: F401

# Experiments train in every test run: a result memo from an earlier run (on this machine)
# must not decide a test. tests/experiments/test_memo.py turns it on where it is the subject.
os.environ["GANEQ_EXPERIMENT_CACHE"] = "0"

settings.register_profile(
    "ci", max_examples=25, derandomize=True, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough", max_examples=500, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("dev", max_examples=10, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_TRACES = [0]
jax.monitoring.register_event_duration_secs_listener(
    lambda event, _secs, **_: _TRACES.__setitem__(0, _TRACES[0] + 1)
    if event == "/jax/core/compile/jaxpr_trace_duration" else None)


@pytest.fixture(autouse=True)
def _perturbed_traces_do_not_leak(request):
    """After a ``perturbs`` test that traced anything, drop every compiled JAX function: a
    trace made while a formula was patched would otherwise serve the later tests of this
    process the perturbed formula."""
    before = _TRACES[0]
    yield
    if request.node.get_closest_marker("perturbs") and _TRACES[0] > before:
        jax.clear_caches()
