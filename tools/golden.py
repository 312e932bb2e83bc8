"""Regenerate the pinned certificates of ``tests/golden/`` (see its docstring).

Usage::

    python -m tools.golden                       # every registered claim; drops stale pins
    python -m tools.golden --claims ID [ID ...]  # only these claims, merged into the files
    python -m tools.golden --calibrate [--claims ID ...]  # allowances (below)

Each claim is checked as ``tests/core/test_registry.py`` does (:func:`tests.golden.certificates`:
its defaults, two seeded draws, one draw per choice value they miss); non-slow claims go to
``certificates.json``, slow ones to ``certificates_slow.json``. The memo is off, as
in the tests. A claim with a certificate whose verdict contradicts the expected one is not
pinned (the registry test reports it): the command exits 1 naming it. An ``inconclusive`` one
is pinned as it is.

Pins are rendered on one instruction set whatever the machine (:data:`PIN_ISA`, x86-64-v3:
AVX2 and FMA for XLA, OpenBLAS and numpy's own loops), in a child process that sets it before
numpy and JAX load; a machine without AVX-512 renders them so natively.

``--calibrate`` checks the (non-slow) claims again in child processes on the machine's own
instruction set and on an older one (:data:`OTHER_ISAS`; the older without FMA and with one
BLAS thread, no compilation cache) and adds, for every pinned leaf that moved beyond the
comparison's tolerance, an allowance of ``SPREAD_FACTOR`` times the largest move to
``tests/golden/allowances.json`` (an allowance only grows; delete the file to measure afresh,
e.g. after regenerating pins). Run it on a machine with AVX-512, so that all three renderings
differ.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests import golden
from verifiers import registry


def pins_of(claim) -> list[dict] | None:
    """The pins of ``claim``'s certificates, or None when a verdict contradicts the expected."""
    certs = golden.certificates(claim)
    if any(c.verdict.contradicts(claim.expected_for(c.params)) for c in certs):
        return None
    return [golden.pin(c) for c in certs]


PIN_ISA = {"XLA_FLAGS": "--xla_cpu_max_isa=AVX2", "OPENBLAS_CORETYPE": "Haswell",
           "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR"}
"""The instruction set the pins are rendered on (x86-64-v3). JAX's kernels, OpenBLAS's and
numpy's vectorised loops (exp, log, …) round differently on AVX-512."""
OTHER_ISAS = {"native": {"GANEQ_JAX_CACHE": "0"},
               "AVX": {"XLA_FLAGS": "--xla_cpu_max_isa=AVX", "OPENBLAS_CORETYPE": "Sandybridge",
                      "NPY_DISABLE_CPU_FEATURES": "X86_V3 X86_V4 AVX512_ICL AVX512_SPR",
                      "OPENBLAS_NUM_THREADS": "1", "GANEQ_JAX_CACHE": "0"}}
"""The calibration's renderings: the machine's own instruction set, and an older one without
FMA and with one BLAS thread (a BLAS reduction split over another number of threads rounds
differently)."""


def _rendering(ids: list[str], env: dict[str, str], out: Path) -> dict:
    """The pins of ``ids`` rendered by a child process in ``env`` (written to ``out``)."""
    base = {k: v for k, v in os.environ.items() if k not in PIN_ISA}
    subprocess.run([sys.executable, "-m", "tools.golden", "--here", "--out", str(out),
                    "--claims", *ids], env={**base, **env}, check=True)
    return json.loads(out.read_text())


def calibrate(ids: list[str]) -> Path:
    """Allowances of the pinned leaves of ``ids`` that move on :data:`OTHER_ISAS`."""
    with tempfile.TemporaryDirectory() as tmp:
        others = [_rendering(ids, env, Path(tmp) / f"{name}.json")
                  for name, env in OTHER_ISAS.items()]
    pinned, allowances = golden.load(False), golden.load_allowances()
    for cid in ids:
        found = allowances.get(cid, [])
        found = found + [{}] * (len(pinned[cid]) - len(found))  # instances added since
        for other in others:
            found = [{**a, **{p: max(v, a.get(p, 0.0)) for p, v in
                              golden.spread_allowances(n, o).items()}}
                     for n, o, a in zip(pinned[cid], other[cid], found, strict=True)]
        if any(found):
            allowances[cid] = found
            print(f"{cid}: allowances {found}")
    return golden.write_json(golden.ALLOWANCES, allowances)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--claims", nargs="*", help="claim ids (default: every registered claim)")
    p.add_argument("--calibrate", action="store_true",
                   help="measure allowances on another instruction set")
    p.add_argument("--out", help="write every pin to this file only (the calibration's child)")
    p.add_argument("--here", action="store_true",
                   help="render in this process, on its instruction set (not PIN_ISA)")
    args = p.parse_args(argv)
    os.environ["GANEQ_MEMO"] = "0"  # as tests/conftest.py: compute, never recall
    if not (args.here or args.calibrate):
        argv = sys.argv[1:] if argv is None else argv
        return subprocess.run([sys.executable, "-m", "tools.golden", "--here", *argv],
                              env={**os.environ, **PIN_ISA}).returncode
    if args.calibrate:
        print(calibrate(args.claims or [c.id for c in registry if not c.slow]))
        return 0
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
    if args.out:
        golden.write_json(Path(args.out), {**pins[False], **pins[True]})
    else:
        for slow, found in pins.items():
            if found or not args.claims:
                print(golden.write(found, slow, merge=bool(args.claims)))
    if wrong:
        print(f"not pinned: {' '.join(wrong)}", file=sys.stderr)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
