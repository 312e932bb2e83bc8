"""Test configuration: float64 JAX (via theory._config) and hypothesis profiles.

``ci`` (the default, used by ``make test``) is derandomised and small enough for
the CI budget; ``thorough`` (``make test-all``) searches far deeper.
Select with ``HYPOTHESIS_PROFILE``.
"""

import os

from hypothesis import HealthCheck, settings

from theory import _config  # noqa: F401

# Experiments train and figures are drawn in every test run: the memo of an earlier run (on
# this machine) must not decide a test. tests/core/test_memo.py turns it on where it is the subject.
os.environ["GANEQ_MEMO"] = "0"

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
