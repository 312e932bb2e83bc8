"""Regenerate the pinned certificates of ``tests/golden/`` (see its docstring).

Usage::

    python -m tools.golden                       # every registered claim; drops stale pins
    python -m tools.golden --claims ID [ID ...]  # only these claims, merged into the files

Each claim is checked on :func:`tests.golden.instances` (its defaults and two seeded draws,
as ``tests/core/test_registry.py`` does); non-slow claims go to ``certificates.json``, slow
ones to ``certificates_slow.json``. The experiment memo is off, as in the tests. A claim
with a certificate whose verdict contradicts the expected one is not pinned (the registry test
reports it): the command exits 1 naming it. An ``inconclusive`` one is pinned as it is.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from tests import golden
from verifiers import registry


def pins_of(claim) -> list[dict] | None:
    """The pins of ``claim``'s certificates, or None when a verdict contradicts the expected."""
    certs = [claim.check(**params) for params in golden.instances(claim)]
    if any(c.verdict.contradicts(claim.expected_for(c.params)) for c in certs):
        return None
    return [golden.pin(c) for c in certs]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--claims", nargs="*", help="claim ids (default: every registered claim)")
    args = p.parse_args(argv)
    os.environ["GANEQ_EXPERIMENT_CACHE"] = "0"  # as tests/conftest.py: compute, never recall
    claims = [registry.get(c) for c in args.claims] if args.claims else list(registry)
    pins: dict[bool, dict[str, list[dict]]] = {False: {}, True: {}}
    wrong = []
    for claim in claims:
        t0 = time.monotonic()
        got = pins_of(claim)
        print(f"{claim.id}: {'pinned' if got else 'NOT pinned (unexpected verdict)'} "
              f"{time.monotonic() - t0:.1f} s", flush=True)
        if got is None:
            wrong.append(claim.id)
        else:
            pins[claim.slow][claim.id] = got
    for slow, found in pins.items():
        if found or not args.claims:
            print(golden.write(found, slow, merge=bool(args.claims)))
    if wrong:
        print(f"not pinned: {' '.join(wrong)}", file=sys.stderr)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
