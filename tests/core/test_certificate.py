"""Certificates and verdicts: decided by margin vs tolerance, never by float equality."""

import json
import math

import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from verifiers.certificate import Certificate, Verdict, decide, eigenvalue_pairs, to_jsonable


@given(st.floats(allow_nan=False), st.floats(0, 1e6))
def test_decide_matches_the_band(margin, tol):
    verdict = decide(margin, tol)
    if margin > tol:
        assert verdict is Verdict.HOLDS
    elif margin < -tol:
        assert verdict is Verdict.REFUTED
    else:
        assert verdict is Verdict.INCONCLUSIVE


def test_zero_margin_is_inconclusive_even_with_zero_tolerance():
    assert decide(0.0, 0.0) is Verdict.INCONCLUSIVE
    assert decide(float("nan"), 1.0) is Verdict.INCONCLUSIVE


@pytest.mark.parametrize("tol", [-1.0, float("inf"), float("nan")])
def test_bad_tolerance_rejected(tol):
    with pytest.raises(ValueError, match="tolerance"):
        decide(1.0, tol)


def test_to_jsonable_handles_arrays_complex_and_nonfinite():
    out = to_jsonable(
        {"a": np.array([1.0, np.inf]), "z": 1 + 2j, "n": np.int64(3), "b": np.bool_(True)}
    )
    assert out == {"a": [1.0, "inf"], "z": [1.0, 2.0], "n": 3, "b": True}
    json.dumps(out, allow_nan=False)
    assert to_jsonable({"j": jnp.array([1.0, -jnp.inf]), "s": jnp.float64(2.5)}) == {
        "j": [1.0, "-inf"],
        "s": 2.5,
    }


def test_eigenvalue_pairs_are_re_im_lists():
    assert eigenvalue_pairs(np.array([-0.5 + 0.25j, 2.0])) == [[-0.5, 0.25], [2.0, 0.0]]


@given(st.permutations(range(6)))
def test_eigenvalue_pairs_order_does_not_depend_on_the_solver(order):
    """LAPACK's order varies with the instruction set: the witness sorts by real part (to
    1e-9 of the spectral radius, so a conjugate pair split by rounding keeps its order),
    then by imaginary part."""
    split = np.nextafter(-1.0, 0.0)
    lam = np.array([2.0, -1.0 + 3j, split - 3j, -4.0, 0.5j, -0.5j])
    assert eigenvalue_pairs(lam[list(order)]) == [
        [-4.0, 0.0], [split, -3.0], [-1.0, 3.0], [0.0, -0.5], [0.0, 0.5], [2.0, 0.0]]


def test_certificate_is_frozen_json_and_reads_like_a_statement():
    cert = Certificate(
        claim="x.y",
        params={"sigma": 0.5},
        verdict=Verdict.HOLDS,
        margin=0.1,
        tolerance=1e-9,
        witness={"gain": math.inf},
        statement="Re λ < 0",
        reference="Paper, Lemma 1",
    )
    with pytest.raises(AttributeError):
        cert.margin = 2.0  # type: ignore[misc]
    data = json.loads(cert.to_json())
    assert data["verdict"] == "holds" and data["witness"]["gain"] == "inf"
    assert set(data) >= {
        "claim",
        "params",
        "verdict",
        "margin",
        "tolerance",
        "witness",
        "method",
        "seconds",
    }
    assert str(cert).startswith("Paper, Lemma 1 holds: Re λ < 0 (margin 0.1")
