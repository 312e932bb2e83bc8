"""Pinned certificates: the numbers of the registry's checks, not only their verdicts.

``tests/core/test_registry.py`` checks every claim on its defaults, on two instances drawn
with ``np.random.default_rng(12345)`` (:func:`instances`) and on one seeded draw for every value
of a choice parameter those three miss (:func:`certificates`). Those certificates are compared here
with the ones pinned in ``certificates.json`` (``certificates_slow.json`` for the ``slow``
claims, compared only under ``-m slow`` by ``tests/core/test_golden.py``): the drawn
parameters, the verdict, the margin, the tolerance and every numeric leaf of the witness.
A wrong constant or a swapped operator that leaves a verdict alone still moves a number.

**Regenerate** after an intended change of a check (and say why in the commit)::

    .venv/bin/python -m tools.golden                    # every claim (slow ones included)
    .venv/bin/python -m tools.golden --claims ID [ID …] # only these claims

Numbers are compared with :data:`RTOL` and :data:`ATOL` (error bounds and tolerances with
:data:`RTOL` only, :func:`is_bound`; see there); strings, booleans and
the parameters exactly; a leaf that appears or disappears fails too.
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from verifiers import Verdict

HERE = Path(__file__).resolve().parent
FILES = {False: HERE / "certificates.json", True: HERE / "certificates_slow.json"}
ALLOWANCES = HERE / "allowances.json"
"""Per-leaf absolute allowances ``{claim: [{leaf: allowance} per instance]}`` for the leaves
that move with the instruction set (``python -m tools.golden --calibrate``)."""
SPREAD_FACTOR = 10.0
"""An allowance is this many times the spread measured between two instruction sets."""
SEED = 12345
SAMPLES_PER_CLAIM = 2
BRANCH_TRIES = 20
"""Draws with a missing choice value checked before falling back (:func:`branch_certificate`)."""
BRANCH_DRAWS = 2000
"""Draws looked at, at most, for one missing choice value."""

# The pinned numbers are deterministic on one machine (checked: two runs, a fresh process and
# pytest -n 2 give identical files). Across BLAS/XLA builds a result moves by its rounding
# error amplified by the problem's conditioning; for the well-conditioned instances of the
# registry that is ~1e-13 relative, so RTOL = 1e-7 leaves a factor 1e6 of headroom while a
# constant scaled by 1.001 moves a result by ~1e-3 (1e4 x RTOL). ATOL only absorbs
# rounding-level leaves (residuals, differences of two routes that agree), which are pure
# rounding noise, ~1e-16 times the scale of the problem, and may change sign on another build.
# Some leaves amplify rounding far more (long simulations, a quadrature's error estimate, a
# grid error bound summed by BLAS, a residual at the rounding floor): on a CPU without FMA
# (XLA_FLAGS=--xla_cpu_max_isa=AVX, OPENBLAS_CORETYPE=Sandybridge) and with one BLAS thread,
# 6 of 77 claims moved beyond RTOL, a simulated rate by 1e-3; with AVX-512 (numpy's exp/log
# loops, OpenBLAS's SkylakeX kernels, XLA's wider vectors) 8 of 84 did. The pins are rendered
# on x86-64-v3 (tools/golden.py, PIN_ISA); the leaves that move get an allowance of
# SPREAD_FACTOR times the largest measured spread (ALLOWANCES, `python -m tools.golden
# --calibrate`), so `make test` passes on another CPU or core count. Witness entries chosen
# by rounding (the worst of several near-equal differences, LAPACK's eigenvalue order, a
# basis of a subspace) are made canonical in the checks instead.
#
# Error bounds and tolerances are the exception: they are a-priori formulas of the inputs
# (64·n·eps·|x|, a quadrature estimate, an enclosure's width), often far below ATOL, where an
# absolute floor would let a wrong formula through unseen. Leaves whose key names one
# (:func:`is_bound`) are compared relatively only, with their calibrated allowance.
RTOL = 1e-7
ATOL = 1e-13
BOUND_KEY = re.compile(r"tolerance|error", re.IGNORECASE)


def is_bound(path: str) -> bool:
    """Whether the leaf at ``path`` is an error bound or tolerance: its last key names one."""
    return bool(BOUND_KEY.search(re.sub(r"\[\d+\]$", "", path).rsplit(".", 1)[-1]))


# Leaves that are not results: wall-clock times (the certificate's own ``seconds`` is dropped).
VOLATILE_KEYS = frozenset({"seconds", "wall_s", "elapsed", "time_s"})


def instances(claim) -> list[dict[str, Any]]:
    """The first parameter sets the registry test checks: defaults, then the draws of one
    seeded rng (:func:`certificates` adds one per branch they miss)."""
    rng = np.random.default_rng(SEED)
    return [claim.defaults()] + [claim.sample(rng) for _ in range(SAMPLES_PER_CLAIM)]


def certificates(claim) -> list:
    """The certificates the registry test checks and pins: one per :func:`instances` entry,
    then one for every value of a choice parameter (a divergence, a family, an algorithm)
    that none of those takes (:func:`branch_certificate`), so that every branch of a check
    has pinned numbers and not only the branches the defaults and two draws happen to reach."""
    certs = [claim.check(**params) for params in instances(claim)]
    rng = np.random.default_rng(SEED + 1)
    for param in claim.params:
        for value in getattr(param, "choices", ()):
            if all(c.params[param.name] != value for c in certs):
                certs.append(branch_certificate(claim, param.name, value, rng))
    return certs


def branch_certificate(claim, name: str, value: str, rng: np.random.Generator):
    """The certificate of the first seeded draw with ``name = value`` whose verdict is not
    ``inapplicable`` (a decided instance away from the neutral defaults), among the first
    :data:`BRANCH_TRIES` draws that take the value; failing that, of the defaults with that
    value where they are decided, else of the first such draw. Draws that miss the value are
    skipped (at most :data:`BRANCH_DRAWS` in all)."""
    tried = []
    for _ in range(BRANCH_DRAWS):
        params = claim.sample(rng)
        if params[name] == value:
            tried.append(claim.check(**params))
            if tried[-1].verdict is not Verdict.INAPPLICABLE or len(tried) == BRANCH_TRIES:
                break
    if tried and tried[-1].verdict is not Verdict.INAPPLICABLE:
        return tried[-1]
    try:
        fallback = claim.check(**{**claim.defaults(), name: value})
    except ValueError:  # the defaults exclude the value: keep a draw, or say why there is none
        if tried:
            return tried[0]
        raise
    return tried[0] if tried and fallback.verdict is Verdict.INAPPLICABLE else fallback


def _leaves(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in VOLATILE_KEYS:
                yield from _leaves(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaves(item, f"{path}[{i}]")
    else:
        yield path, value


def pin(cert) -> dict[str, Any]:
    """The pinned leaves of one certificate: ``{path: value}``. Parameters, verdict, margin
    and tolerance in full; of the witness, the numbers and booleans (its strings are
    messages and names, free to be reworded)."""
    d = cert.to_dict()
    head = {"verdict": d["verdict"], "margin": d["margin"], "tolerance": d["tolerance"]}
    leaves = dict(_leaves(d["params"], "params"))
    leaves.update(head)
    leaves.update((p, v) for p, v in _leaves(d["witness"], "witness")
                  if isinstance(v, (int, float)))
    return leaves


def load(slow: bool = False) -> dict[str, list[dict[str, Any]]]:
    path = FILES[slow]
    return json.loads(path.read_text()) if path.exists() else {}


def load_allowances() -> dict[str, list[dict[str, float]]]:
    return json.loads(ALLOWANCES.read_text()) if ALLOWANCES.exists() else {}


def _same(got: Any, pinned: Any, allowance: float = 0.0, bound: bool = False) -> bool:
    """Equal, or numbers within RTOL, ATOL (not for a ``bound`` leaf) or ``allowance``."""
    if isinstance(pinned, bool) or isinstance(got, bool) or isinstance(pinned, str):
        return got == pinned
    if isinstance(pinned, (int, float)) and isinstance(got, (int, float)):
        floor = allowance if bound else max(ATOL, allowance)
        return math.isclose(got, pinned, rel_tol=RTOL, abs_tol=floor)
    return got == pinned


def differences(got: dict[str, Any], pinned: dict[str, Any],
                allowances: dict[str, float] | None = None) -> list[str]:
    """What differs between two pins, one line per leaf (a leaf of ``allowances`` within its
    absolute allowance is the same)."""
    allow = allowances or {}
    lines = [f"{p}: {got.get(p, '<missing>')!r} != pinned {pinned.get(p, '<missing>')!r}"
             for p in sorted(set(got) | set(pinned))
             if p not in got or p not in pinned
             or not _same(got[p], pinned[p], allow.get(p, 0), is_bound(p))]
    return lines


def spread_allowances(native: dict[str, Any], other: dict[str, Any]) -> dict[str, float]:
    """The allowances of one instance: ``SPREAD_FACTOR·|a − b|`` for each numeric leaf whose
    two renderings differ beyond RTOL/ATOL (leaves present in both)."""
    return {p: SPREAD_FACTOR * abs(other[p] - v) for p, v in native.items()
            if p in other and isinstance(v, (int, float)) and not isinstance(v, bool)
            and isinstance(other[p], (int, float)) and not _same(other[p], v, 0.0, is_bound(p))}


def assert_pinned(claim_id: str, certs: Iterable, slow: bool = False) -> None:
    """Fail unless ``certs`` (in :func:`instances` order) match the pinned certificates."""
    assert_pins(claim_id, [pin(c) for c in certs], slow)


def assert_pins(claim_id: str, got: list[dict[str, Any]], slow: bool = False) -> None:
    """Fail unless the pins ``got`` (in :func:`instances` order) match the pinned ones."""
    pinned = load(slow).get(claim_id)
    fix = f"intended? regenerate: python -m tools.golden --claims {claim_id}"
    assert pinned is not None, f"{claim_id} has no pinned certificates; {fix}"
    assert len(got) == len(pinned), f"{claim_id}: {len(got)} certificates, {len(pinned)} pinned"
    allowed = load_allowances().get(claim_id, [{}] * len(pinned))
    for k, (g, p, a) in enumerate(zip(got, pinned, allowed, strict=True)):
        diff = differences(g, p, a)
        assert not diff, f"{claim_id} instance {k} moved ({fix}):\n" + "\n".join(diff[:20])


def write(pins: dict[str, list[dict[str, Any]]], slow: bool, merge: bool = True) -> Path:
    """Write ``pins`` (merged into the pinned file's, unless not ``merge``) atomically, sorted
    by claim, so that a regeneration's diff shows what moved."""
    return write_json(FILES[slow], {**(load(slow) if merge else {}), **pins})


def write_json(path: Path, merged: dict) -> Path:
    """Write ``merged`` to ``path`` atomically, keys sorted."""
    text = json.dumps(dict(sorted(merged.items())), indent=1, allow_nan=False) + "\n"
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return path
