"""Pinned certificates (``tests/golden``): the files match the registry, the comparison sees a
constant scaled by 1.001 and not rounding noise, and the slow claims match their pins
(under ``-m slow``; the other claims are compared by
``tests/core/test_registry.py::test_defaults_and_random_instances_give_the_expected_verdict``,
which computes those certificates anyway, so pinning them costs no extra check).

Regenerate after an intended change: ``python -m tools.golden [--claims ID ...]``.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests import golden
from verifiers import Certificate, Verdict, registry

SLOW = [c for c in registry if c.slow]
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("slow", [False, True], ids=["default", "slow"])
def test_pinned_files_name_exactly_the_registered_claims(slow):
    registered = {c.id for c in registry if c.slow is slow}
    pinned = set(golden.load(slow))
    assert not registered - pinned, f"not pinned: {sorted(registered - pinned)}"
    assert not pinned - registered, f"pinned but not registered: {sorted(pinned - registered)}"


def _cert(margin=0.5, **witness):
    return Certificate(claim="x.y", params={"sigma": 0.5}, verdict=Verdict.HOLDS, margin=margin,
                       tolerance=1e-12, witness=witness, seconds=3.0)


def test_pin_keeps_numbers_and_drops_times_and_messages():
    pin = golden.pin(_cert(eigenvalues=[[1.0, -2.0]], note="a message", ok=True,
                           seconds=1.5, inner={"wall_s": 2.0, "n": 3}))
    assert pin == {"params.sigma": 0.5, "verdict": "holds", "margin": 0.5, "tolerance": 1e-12,
                   "witness.eigenvalues[0][0]": 1.0, "witness.eigenvalues[0][1]": -2.0,
                   "witness.ok": True, "witness.inner.n": 3}


@pytest.mark.parametrize(("got", "moved"), [
    (0.5 * (1 + 1e-3), True),   # a constant scaled by 1.001
    (0.5 * (1 + 1e-5), True),
    (0.5 * (1 + 1e-12), False),  # reassociation
])
def test_comparison_sees_a_scaled_constant_not_rounding(got, moved):
    assert bool(golden.differences(golden.pin(_cert(got)), golden.pin(_cert()))) is moved


def test_an_error_bound_below_atol_is_compared_relatively():
    """A rounding bound of 1e-15 scaled by 1.001 is seen, though it moves by less than ATOL;
    a residual of the same size (not a bound) is not compared below ATOL."""
    bound = 64 * 3 * 2.0 ** -52 / 1e3
    pinned = golden.pin(_cert(error_bound=bound, residual=bound))
    assert golden.differences(golden.pin(_cert(error_bound=bound * 1.001, residual=bound)),
                              pinned) == [f"witness.error_bound: {bound * 1.001!r} != pinned "
                                          f"{bound!r}"]
    assert not golden.differences(golden.pin(_cert(error_bound=bound, residual=2 * bound)),
                                  pinned)
    assert golden.is_bound("witness.parts[2].tolerance")
    assert golden.is_bound("witness.routes.quadrature.error_bound")
    assert not golden.is_bound("witness.routes.quadrature.value")


def test_comparison_sees_a_leaf_appear_and_a_verdict_change():
    pinned = golden.pin(_cert())
    assert golden.differences(golden.pin(_cert(r=1e-300)), pinned) == [
        "witness.r: 1e-300 != pinned '<missing>'"]
    flipped = {**pinned, "verdict": "refuted"}
    assert golden.differences(flipped, pinned)


def test_allowances_are_the_spread_of_moved_leaves_only():
    native = golden.pin(_cert(0.5, rate=0.97, n=3))
    other = golden.pin(_cert(0.5 * (1 + 1e-12), rate=0.96, n=3))
    allowed = golden.spread_allowances(native, other)
    assert allowed == {"witness.rate": pytest.approx(golden.SPREAD_FACTOR * 0.01)}
    moved = golden.pin(_cert(0.5, rate=0.97 - 0.05, n=3))
    assert not golden.differences(golden.pin(_cert(0.5, rate=0.97 - 0.09, n=3)), native, allowed)
    assert golden.differences(golden.pin(_cert(0.5, rate=0.97 - 0.2, n=3)), native, allowed)
    assert golden.differences(moved, native)  # without the allowance the move is seen


def test_allowances_name_pinned_claims_and_their_instances():
    pinned = golden.load(False)
    for claim_id, per_instance in golden.load_allowances().items():
        assert claim_id in pinned and len(per_instance) == len(pinned[claim_id]), claim_id
        for allowed, pin in zip(per_instance, pinned[claim_id], strict=True):
            assert set(allowed) <= set(pin) and all(a > 0 for a in allowed.values()), claim_id


@pytest.mark.slow
@pytest.mark.parametrize("claim", SLOW, ids=[c.id for c in SLOW])
def test_slow_claims_match_their_pinned_certificates(claim, tmp_path):
    """The slow claims train networks, which amplify rounding without bound (on AVX-512 one
    of twelve paired runs changed winner), so their pins are rendered again as they were made:
    by ``tools.golden`` in a child process on its pinning instruction set (``PIN_ISA``). The
    child exits 1 when a verdict contradicts the expected one."""
    out = tmp_path / "pins.json"
    done = subprocess.run([sys.executable, "-m", "tools.golden", "--out", str(out), "--claims",
                           claim.id], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    golden.assert_pins(claim.id, json.loads(out.read_text())[claim.id], slow=True)
