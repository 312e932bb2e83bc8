"""Dirac-GAN with activations no paper uses: sympy derivatives vs autodiff, spectra vs
LAPACK on the autodiff Jacobian, stability maps vs closed-form thresholds."""

import math

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from theory.dirac.fields import make_field
from theory.dirac.operators import gradient_penalty_h_max
from verifiers.ask import activation, dirac_spectrum, stability_region
from verifiers.certificate import Verdict


@pytest.mark.parametrize("text, f1, f2", [
    ("tanh(t)", 1.0, 0.0),
    ("t - t**3/3", 1.0, 0.0),
    ("-log(1+exp(-t))", 0.5, -0.25),
    ("erf(t) - t**2", 2 / math.sqrt(math.pi), -2.0),
])
def test_sympy_derivatives_match_autodiff(text, f1, f2):
    a = activation(text)
    assert (a.f1, a.f2) == pytest.approx((f1, f2), abs=1e-15)
    assert float(jax.grad(a.fn)(0.0)) == pytest.approx(f1, abs=1e-14)
    assert float(jax.grad(jax.grad(a.fn))(0.0)) == pytest.approx(f2, abs=1e-14)


def test_callable_activation():
    a = activation(lambda t: jnp.tanh(t) - 0.25 * t**2)
    assert (a.f1, a.f2) == pytest.approx((1.0, -0.5))


@pytest.mark.parametrize("bad, needle", [
    ("log(t)", "smooth at 0"), ("tanh(x)", "variable t"), ("t +", "not a valid"),
    ("", "expression"), (3.0, "f="), (lambda t: float(t), "jax-traceable"),
])
def test_bad_activations_name_f(bad, needle):
    with pytest.raises(ValueError, match="f") as err:
        activation(bad)
    assert needle in str(err.value)


@pytest.mark.parametrize("variant, hyper", [
    ("gradient_penalty", {"gamma": 0.7}), ("instance_noise", {"sigma": 1.3}),
    ("consensus", {"gamma": 0.4}), ("energy", {"psi1": 0.6}), ("nonsaturating", {}),
])
def test_spectrum_closed_form_vs_autodiff(variant, hyper):
    c = dirac_spectrum(variant, "t - t**3/3 - t**2/5", **hyper)
    assert c.verdict is Verdict.HOLDS
    J = np.asarray(c.witness["jacobian_autodiff"])
    lapack = np.sort_complex(np.linalg.eigvals(J))
    ours = np.sort_complex(np.array([complex(*z) for z in c.to_dict()["witness"]["eigenvalues"]]))
    assert np.allclose(lapack, ours, atol=1e-7)


@pytest.fixture(scope="module")
def gp_map():
    return stability_region("gradient_penalty", "tanh(t)", x=("gamma", 0.1, 4.0, 40),
                            y=("h", 0.05, 3.0, 40), method="simgd")


def test_map_boundary_matches_the_closed_form_threshold(gp_map):
    """Note A.7's closed form ``γ/f1²`` (γ < 2|f1|), ``2/(γ/2 + √(γ²/4 − f1²))`` beyond."""
    m = gp_map
    dh, dg = m.y[1][1] - m.y[1][0], m.x[1][1] - m.x[1][0]
    assert m.boundary
    for gamma, h in m.boundary:
        near = np.linspace(gamma - dg, gamma + dg, 201)
        assert np.min(np.abs(np.asarray(gradient_penalty_h_max(1.0, near)) - h)) <= dh
    for gamma, hcrit in m.threshold:
        assert hcrit == pytest.approx(float(gradient_penalty_h_max(1.0, gamma)), rel=1e-12)


def test_map_cells_against_lapack_on_autodiff_jacobians(gp_map):
    m = gp_map
    field = make_field("gradient_penalty", activation("tanh(t)").fn)
    for i, j in [(0, 0), (5, 17), (20, 3), (39, 39), (12, 30)]:
        gamma, h = m.x[1][j], m.y[1][i]
        J = np.asarray(jax.jacfwd(field)(jnp.zeros(2), {"gamma": gamma}))
        rho = np.max(np.abs(np.linalg.eigvals(np.eye(2) + h * J)))
        assert m.radius[i, j] == pytest.approx(rho, abs=1e-7)
        assert m.verdict[i, j] == ("stable" if rho < 1 - 1e-6 else "unstable" if rho > 1 + 1e-6
                                   else m.verdict[i, j])


def test_altgd_threshold_for_a_user_activation():
    """Lemma 2.5 with f = t − t³/3: |λ| = 1 for √(n_g n_d) h ≤ 2, > 1 beyond."""
    m = stability_region("gan", "t - t**3/3", x="h=0.1:3:30", y="n_g=1:3:3", method="altgd")
    for i, n_g in enumerate(m.y[1]):
        for j, h in enumerate(m.x[1]):
            alpha = math.sqrt(n_g) * h
            if alpha > 2 + 1e-6:
                assert m.verdict[i, j] == "unstable"
            elif alpha < 2 - 1e-6:
                assert m.verdict[i, j] == "undecided" and abs(m.radius[i, j] - 1) < 1e-7
    assert [p[0] for p in m.threshold] == pytest.approx([2 / math.sqrt(n) for n in (1, 2, 3)])


def test_map_json_contract(gp_map, tmp_path):
    d = gp_map.to_dict()
    assert set(d) >= {"x", "y", "verdict", "margin", "boundary"}
    assert d["x"]["name"] == "gamma" and len(d["verdict"]) == 40
    paths = gp_map.save(tmp_path)
    assert (tmp_path / "map.png").stat().st_size > 1000 and paths["json"].endswith("map.json")


@pytest.mark.parametrize("kwargs, needle", [
    ({"variant": "gan", "x": ("gamma", 0, 1, 3)}, "gamma"),
    ({"variant": "gradient_penalty", "x": ("h", 0.1, 1, 3), "method": "flow"}, "flow"),
    ({"variant": "gradient_penalty", "x": ("gamma", 0, 1, 3), "method": "euler"}, "method"),
    ({"variant": "gradient_penalty", "x": ("gamma", 1, 0, 3)}, "lo <= hi"),
    ({"variant": "gradient_penalty", "x": "gamma=0:1"}, "NAME=LO:HI:N"),
    ({"variant": "gradient_penalty", "x": ("gamma", 0, 1, 3), "y": ("gamma", 0, 1, 3)},
     "different"),
    ({"variant": "gradient_penalty", "x": ("h", -1, 1, 3)}, "h="),
    ({"variant": "nope", "x": ("h", 0.1, 1, 3)}, "variant"),
])
def test_bad_map_arguments(kwargs, needle):
    with pytest.raises(ValueError) as err:
        stability_region(f="tanh(t)", **kwargs)
    assert needle in str(err.value)


@given(st.floats(0.05, 3.9), st.floats(0.01, 3.0))
def test_stable_iff_below_the_closed_form(gamma, h):
    m = stability_region("gradient_penalty", "tanh(t)", x=("gamma", gamma, gamma, 1),
                         y=("h", h, h, 1), method="simgd")
    hcrit = float(gradient_penalty_h_max(1.0, gamma))
    if h < hcrit * (1 - 1e-6):
        assert m.verdict[0, 0] == "stable"
    elif h > hcrit * (1 + 1e-6):
        assert m.verdict[0, 0] == "unstable"
