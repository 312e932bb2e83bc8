"""The mixed-equilibrium claims: defaults, property tests, refutations, bad input, near-boundary."""

import json
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theory.mixed import wgan1d
from verifiers import Verdict, check, registry
from verifiers.claims.ganeq import mixed as ganeq_mixed
from verifiers.claims.hsieh2019 import lifting as hsieh2019_lifting
from verifiers.claims.hsieh2019 import rates as hsieh2019_rates

IDS = [
    "hsieh2019.md_rate",
    "hsieh2019.mp_rate",
    "hsieh2019.lifting",
    "ganeq.mixed.wgan1d_closed_form",
    "ganeq.mixed.gap_to_stackelberg",
    "ganeq.mixed.dirac_box",
    "ganeq.mixed.dirac_box_dynamics",
]


def test_all_claims_registered():
    assert all(cid in registry for cid in IDS)


def test_acceptance_cli():
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "verifiers.cli",
            "check",
            "ganeq.mixed.wgan1d_closed_form",
            "--param",
            "sigma=2",
            "--param",
            "t=0.5",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    cert = json.loads(out.stdout)
    assert cert["verdict"] == "holds"
    assert abs(cert["witness"]["value"] - 0.7001760068) <= 1e-9


@settings(max_examples=6)
@given(st.integers(0, 10**6))
def test_rates_hold_on_random_games_of_fixed_shape(seed):
    for cid in ("hsieh2019.md_rate", "hsieh2019.mp_rate"):
        assert check(cid, n=12, m=9, seed=seed).verdict is Verdict.HOLDS


@settings(max_examples=2)
@given(st.integers(0, 10**6), st.sampled_from(["hsieh2019.md_rate", "hsieh2019.mp_rate"]))
def test_stochastic_rates_hold(seed, cid):
    assert check(cid, n=12, m=9, seed=seed, gradients="stochastic").verdict is Verdict.HOLDS


@given(registry.get("ganeq.mixed.wgan1d_closed_form").strategy())
def test_closed_form_holds_in_regime1(params):
    assert check("ganeq.mixed.wgan1d_closed_form", **params).verdict is Verdict.HOLDS


@settings(max_examples=5)
@given(st.floats(1.2, 4.0), st.floats(0.2, 3.0))
def test_gap_to_stackelberg_holds(sigma, t):
    assert check("ganeq.mixed.gap_to_stackelberg", sigma=sigma, t=t).verdict is Verdict.HOLDS


@settings(max_examples=8)
@given(st.integers(0, 10**6), st.sampled_from([21, 41]))
def test_dirac_box_and_lifting_hold(seed, points):
    assert check("ganeq.mixed.dirac_box", points=points, seed=seed).verdict is Verdict.HOLDS
    assert check("hsieh2019.lifting", seed=seed).verdict is Verdict.HOLDS


def test_dirac_box_dynamics_holds():
    assert check("ganeq.mixed.dirac_box_dynamics").verdict is Verdict.HOLDS


def test_beyond_the_threshold_is_inapplicable_and_names_it():
    cert = check("ganeq.mixed.wgan1d_closed_form", sigma=2.0, t=1.5)
    assert (
        cert.verdict is Verdict.INAPPLICABLE and "sqrt(2 ln σ)" in cert.witness["unmet_hypothesis"]
    )


def test_at_the_threshold_never_a_wrong_verdict():
    ts = wgan1d.t_star(2.0)
    for t in (ts, ts * (1 - 1e-14)):
        assert check("ganeq.mixed.wgan1d_closed_form", sigma=2.0, t=t).verdict in (
            Verdict.INCONCLUSIVE,
            Verdict.HOLDS,
        )


@pytest.mark.parametrize(
    "params, match",
    [
        ({"sigma": 1.0}, "sigma"),
        ({"sigma": float("nan")}, "sigma"),
        ({"t": -1.0}, "t="),
    ],
)
def test_bad_wgan_parameters(params, match):
    with pytest.raises(ValueError, match=match):
        check("ganeq.mixed.wgan1d_closed_form", **params)


@pytest.mark.parametrize(
    "cid, params, match",
    [
        ("hsieh2019.md_rate", {"n": 1}, "n="),
        ("hsieh2019.mp_rate", {"gradients": "noisy"}, "gradients"),
        ("ganeq.mixed.dirac_box", {"points": 40}, "points"),
        ("ganeq.mixed.dirac_box_dynamics", {"eta_md": 0.0}, "eta_md"),
    ],
)
def test_bad_claim_parameters(cid, params, match):
    with pytest.raises(ValueError, match=match):
        check(cid, **params)


@pytest.mark.refutes("hsieh2019.md_rate")
def test_md_rate_refuted_with_a_wrong_exponent(monkeypatch):
    monkeypatch.setattr(hsieh2019_rates, "MD_EXPONENT", -1.0)
    assert hsieh2019_rates._check_md(12, 9, 0, "exact").final_verdict() is Verdict.REFUTED


@pytest.mark.refutes("hsieh2019.mp_rate")
def test_mp_rate_refuted_with_a_wrong_exponent(monkeypatch):
    monkeypatch.setattr(hsieh2019_rates, "MP_EXPONENT", -0.5)
    assert hsieh2019_rates._check_mp(12, 9, 0, "exact").final_verdict() is Verdict.REFUTED


@pytest.mark.refutes("hsieh2019.mp_rate")
def test_mp_bound_refuted_with_a_halved_bound(monkeypatch):
    from verifiers.mixed import rates

    original = rates.mp_bound
    monkeypatch.setattr(rates, "mp_bound", lambda g, eta, T: original(g, eta, T) / 4)
    assert hsieh2019_rates._check_mp(12, 9, 0, "exact").final_verdict() is Verdict.REFUTED


@pytest.mark.refutes("hsieh2019.lifting")
def test_lifting_refuted_with_a_wrong_cell_integral(monkeypatch):
    original = wgan1d.cdf_cell_integrals
    monkeypatch.setattr(
        wgan1d, "cdf_cell_integrals", lambda e, w, u: original(e, w, u) * (1 + 1e-6)
    )
    assert hsieh2019_lifting._check_lifting(2.0, 0).final_verdict() is Verdict.REFUTED


@pytest.mark.refutes("ganeq.mixed.wgan1d_closed_form")
def test_closed_form_refuted_beyond_a_wrong_threshold(monkeypatch):
    monkeypatch.setattr(wgan1d, "t_star", lambda sigma: 10.0)
    assert ganeq_mixed._check_closed_form(2.0, 1.3).final_verdict() is Verdict.REFUTED


@pytest.mark.refutes("ganeq.mixed.wgan1d_closed_form")
def test_closed_form_refuted_with_a_wrong_value(monkeypatch):
    monkeypatch.setattr(wgan1d, "value_regime1", lambda sigma, t: 0.70)
    assert ganeq_mixed._check_closed_form(2.0, 0.5).final_verdict() is Verdict.REFUTED


@pytest.mark.refutes("ganeq.mixed.gap_to_stackelberg")
def test_gap_refuted_with_a_lowered_stackelberg_value(monkeypatch):
    monkeypatch.setattr(
        wgan1d, "stackelberg_value", lambda sigma: 0.5 * (sigma - 1.0) * wgan1d.SQRT_2_OVER_PI
    )
    assert ganeq_mixed._check_stackelberg(2.0, 0.5).final_verdict() is Verdict.REFUTED


@pytest.mark.refutes("ganeq.mixed.dirac_box")
def test_dirac_box_refuted_with_a_wrong_value(monkeypatch):
    from theory.mixed import dirac_box

    monkeypatch.setattr(dirac_box, "value", lambda f="standard": -np.log(2.0))
    assert ganeq_mixed._check_dirac_box(21, 0).final_verdict() is Verdict.REFUTED


@pytest.mark.refutes("ganeq.mixed.dirac_box_dynamics")
def test_dynamics_refuted_when_mp_has_too_few_steps():
    assert ganeq_mixed._check_dynamics(21, 8, 0.05).final_verdict() is Verdict.REFUTED
