"""Hypothesis example counts that follow the profile.

A count fixed in a test (``@settings(max_examples=12)``) would override the
profile, so ``make test-all`` would search no deeper than ``make test``. Tests
write ``max_examples=examples(12)``: 12 examples under ``ci`` (``make test``),
``THOROUGH`` times as many under ``thorough`` (``make test-all``).
"""

import os

THOROUGH = 8


def examples(ci: int) -> int:
    """The example count of a test whose ``ci`` count is ``ci``."""
    return ci * THOROUGH if os.environ.get("HYPOTHESIS_PROFILE") == "thorough" else ci
