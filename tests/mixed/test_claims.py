"""The finite-game and mixed-equilibrium claims: verdicts on their domains, both sides of
their hypotheses, perturbed formulas (refuted), extreme inputs and bad input."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from theory.mixed import dirac_box, wgan1d
from verifiers import Verdict, registry
from verifiers.claims.ganeq import mixed as ganeq_mixed
from verifiers.claims.hsieh2019 import lifting as hsieh2019_lifting
from verifiers.claims.hsieh2019 import rates as hsieh2019_rates
from verifiers.mixed import lifting, rates

MD_RATE = hsieh2019_rates.check_md_rate.claim
MP_RATE = hsieh2019_rates.check_mp_rate.claim
LIFTING = hsieh2019_lifting.check_lifting.claim
CLOSED_FORM = ganeq_mixed.check_mixed_wgan1d_closed_form.claim
STACKELBERG = ganeq_mixed.check_mixed_gap_to_stackelberg.claim
DIRAC_BOX = ganeq_mixed.check_mixed_dirac_box.claim
DYNAMICS = ganeq_mixed.check_mixed_dirac_box_dynamics.claim
CLAIMS = [MD_RATE, MP_RATE, LIFTING, CLOSED_FORM, STACKELBERG, DIRAC_BOX, DYNAMICS]
ROOT = Path(__file__).resolve().parents[2]
MODULES = ["verifiers/claims/hsieh2019/rates.py", "verifiers/claims/hsieh2019/lifting.py",
           "verifiers/claims/hsieh2019/infinite.py", "verifiers/claims/ganeq/mixed.py"]


def test_all_claims_registered():
    assert all(c.id in registry for c in CLAIMS)


@pytest.mark.parametrize("module", MODULES)
def test_modules_declare_claims_by_decorator_only(module):
    tree = ast.parse((ROOT / module).read_text())
    names = {t.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
             for t in node.targets if isinstance(t, ast.Name)}
    assert "CLAIMS" not in names


def test_acceptance_cli():
    out = subprocess.run(
        [sys.executable, "-m", "verifiers.cli", "check", "ganeq.mixed.wgan1d_closed_form",
         "--param", "sigma=2", "--param", "t=0.5", "--json"],
        capture_output=True, text=True, check=True,
    )
    cert = json.loads(out.stdout)
    assert cert["verdict"] == "holds"
    assert abs(cert["witness"]["claimed"] - 0.7001760068) <= 1e-9


# --- rates (Theorem 2) ----------------------------------------------------------


@settings(max_examples=examples(6))
@given(st.integers(2, 60), st.integers(2, 60), st.integers(0, 2**31 - 1))
def test_exact_rates_hold_on_random_games_of_every_shape(n, m, seed):
    for claim in (MD_RATE, MP_RATE):
        assert claim.check(n=n, m=m, seed=seed).verdict is Verdict.HOLDS


@pytest.mark.parametrize("claim", [MD_RATE, MP_RATE], ids=["md", "mp"])
def test_stochastic_rates_hold(claim):
    cert = claim.check(n=12, m=9, seed=3, gradients="stochastic")
    assert cert.verdict is Verdict.HOLDS
    assert cert.witness["keys"] == hsieh2019_rates.KEYS


def test_small_games_whose_gap_decays_fast_are_not_refuted():
    """The old slope band refuted these; the bound holds with room."""
    cert = MD_RATE.check(n=2, m=2, seed=1)
    assert cert.verdict is Verdict.HOLDS and "fitted_slope" in cert.witness


def test_padding_changes_no_gap():
    game = hsieh2019_rates._game(7, 4, 11)
    from verifiers.mixed.dynamics import run

    plain = run(game.A, game.a, 0.3, T=50, method="mp")
    A, a, lp0, lq0 = rates.padded(game)
    padded = run(A, a, 0.3, T=50, method="mp", log_p0=lp0, log_q0=lq0)
    assert np.max(np.abs(np.asarray(plain.gap_average) - padded.gap_average)) <= 1e-13
    assert np.max(np.abs(np.asarray(padded.p_average)[4:])) == 0.0


@pytest.mark.parametrize("n, m, seed", [(2, 60, 2**31 - 1), (60, 2, 0), (60, 60, 123456789)])
def test_extreme_shapes_and_seeds(n, m, seed):
    for claim in (MD_RATE, MP_RATE):
        assert claim.check(n=n, m=m, seed=seed).verdict is Verdict.HOLDS


@pytest.mark.perturbs("hsieh2019.md_rate")
@pytest.mark.refutes("hsieh2019.md_rate")
def test_md_rate_refuted_with_the_regret_constant_scaled_down(monkeypatch):
    original = rates.md_bound
    monkeypatch.setattr(rates, "md_bound", lambda g, eta, T: original(g, eta, T) / 4)
    assert MD_RATE.check().verdict is Verdict.REFUTED


@pytest.mark.perturbs("hsieh2019.mp_rate")
@pytest.mark.refutes("hsieh2019.mp_rate")
def test_mp_rate_refuted_with_nemirovskis_constant_scaled_down(monkeypatch):
    original = rates.mp_bound
    monkeypatch.setattr(rates, "mp_bound", lambda g, eta, T: original(g, eta, T) / 4)
    assert MP_RATE.check().verdict is Verdict.REFUTED


# --- lifting (eqs. (4)-(6)) -------------------------------------------------------


@settings(max_examples=examples(4))
@given(LIFTING.strategy())
def test_lifting_holds(params):
    assert LIFTING.check(**params).verdict is Verdict.HOLDS


@pytest.mark.parametrize("sigma", [1e-300, 1e-12, 5.0])
def test_lifting_at_extreme_sigma(sigma):
    assert LIFTING.check(sigma=sigma, seed=2**31 - 1).verdict is Verdict.HOLDS


def test_lifting_decides_where_the_first_quadrature_reports_round_off():
    """The hunt found these particles inconclusive: a piece whose integral nearly cancels
    (0.002 from an integrand of size 0.4) failed at epsabs = 1e-15; its retry certifies."""
    assert LIFTING.check(sigma=1.89395, seed=609897).verdict is Verdict.HOLDS


@pytest.mark.perturbs("hsieh2019.lifting")
def test_lifting_refuted_without_the_G_nu_term(monkeypatch):
    monkeypatch.setattr(lifting, "derivative_formulas", lambda g, gnu, gdag: (g, -gdag))
    assert LIFTING.check().verdict is Verdict.REFUTED


@pytest.mark.perturbs("hsieh2019.lifting")
@pytest.mark.refutes("hsieh2019.lifting")
def test_lifting_refuted_with_a_wrong_cell_integral(monkeypatch):
    original = wgan1d.cdf_cell_integrals
    monkeypatch.setattr(
        wgan1d, "cdf_cell_integrals", lambda e, w, u: original(e, w, u) * (1 + 1e-6))
    assert LIFTING.check().verdict is Verdict.REFUTED


# --- the 1-D WGAN game's mixed equilibria ------------------------------------------


@settings(max_examples=examples(10))
@given(CLOSED_FORM.strategy())
def test_closed_form_gives_its_expected_verdict_in_both_regimes(params):
    cert = CLOSED_FORM.check(**params)
    assert cert.verdict is CLOSED_FORM.expected_for(params)


@pytest.mark.parametrize("sigma, t, hypothesis", [(2.0, 1.5, "sqrt(2 ln σ)"),
                                                   (0.9, 0.5, "σ > 1"), (1.0, 1e-3, "σ > 1")])
def test_closed_form_outside_its_hypotheses_is_inapplicable(sigma, t, hypothesis):
    cert = CLOSED_FORM.check(sigma=sigma, t=t)
    assert cert.verdict is Verdict.INAPPLICABLE
    assert hypothesis in cert.witness["unmet_hypothesis"]


@pytest.mark.parametrize("sigma, t", [(1 + 1e-12, 1e-7), (1 + 1e-12, 1e-300), (10.0, 1e-300),
                                      (2.0, wgan1d.t_star(2.0)),
                                      (2.0, wgan1d.t_star(2.0) * (1 - 1e-14))])
def test_closed_form_at_extremes_never_a_wrong_verdict(sigma, t):
    assert CLOSED_FORM.check(sigma=sigma, t=t).verdict in (Verdict.HOLDS, Verdict.INCONCLUSIVE)


@pytest.mark.perturbs("ganeq.mixed.wgan1d_closed_form")
def test_closed_form_refuted_with_the_value_scaled(monkeypatch):
    original = wgan1d.value_regime1
    monkeypatch.setattr(wgan1d, "value_regime1", lambda s, t: original(s, t) * (1 + 1e-3))
    assert CLOSED_FORM.check().verdict is Verdict.REFUTED


@pytest.mark.perturbs("ganeq.mixed.wgan1d_closed_form")
@pytest.mark.refutes("ganeq.mixed.wgan1d_closed_form")
def test_closed_form_refuted_beyond_a_wrong_threshold(monkeypatch):
    monkeypatch.setattr(wgan1d, "t_star", lambda sigma: 10.0)
    assert CLOSED_FORM.check(sigma=2.0, t=1.3).verdict is Verdict.REFUTED


@settings(max_examples=examples(5))
@given(st.floats(1.05, 5.0), st.floats(0.05, 4.0))
def test_gap_to_stackelberg_holds(sigma, t):
    assert STACKELBERG.check(sigma=sigma, t=t).verdict is Verdict.HOLDS


def test_gap_to_stackelberg_needs_sigma_above_one():
    cert = STACKELBERG.check(sigma=0.7, t=1.0)
    assert cert.verdict is Verdict.INAPPLICABLE and "σ > 1" in cert.witness["unmet_hypothesis"]


@pytest.mark.parametrize("sigma, t", [(1 + 1e-12, 1e-7), (1 + 1e-9, 20.0), (10.0, 1e-300)])
def test_gap_to_stackelberg_at_extremes(sigma, t):
    assert STACKELBERG.check(sigma=sigma, t=t).verdict in (Verdict.HOLDS, Verdict.INCONCLUSIVE)


@pytest.mark.perturbs("ganeq.mixed.gap_to_stackelberg")
def test_gap_refuted_with_the_closed_end_scaled(monkeypatch):
    original = wgan1d.value_regime1
    monkeypatch.setattr(wgan1d, "value_regime1", lambda s, t: original(s, t) * (1 + 1e-3))
    assert STACKELBERG.check(sigma=2.0, t=0.5).verdict is Verdict.REFUTED


@pytest.mark.perturbs("ganeq.mixed.gap_to_stackelberg")
@pytest.mark.refutes("ganeq.mixed.gap_to_stackelberg")
def test_gap_refuted_with_a_lowered_stackelberg_value(monkeypatch):
    monkeypatch.setattr(
        wgan1d, "stackelberg_value", lambda sigma: 0.5 * (sigma - 1.0) * wgan1d.SQRT_2_OVER_PI)
    assert STACKELBERG.check(sigma=2.0, t=0.5).verdict is Verdict.REFUTED


# --- the Dirac-GAN on a box ----------------------------------------------------------


@settings(max_examples=examples(8))
@given(st.integers(0, 2**31 - 1), st.integers(1, 50))
def test_dirac_box_gives_its_expected_verdict(seed, half):
    for points in (2 * half + 1, 2 * half):
        cert = DIRAC_BOX.check(points=points, seed=seed)
        assert cert.verdict is DIRAC_BOX.expected_for({"points": points, "seed": seed})


def test_dirac_box_on_an_even_grid_is_inapplicable():
    cert = DIRAC_BOX.check(points=40)
    assert cert.verdict is Verdict.INAPPLICABLE and "odd" in cert.witness["unmet_hypothesis"]


@pytest.mark.perturbs("ganeq.mixed.dirac_box")
@pytest.mark.refutes("ganeq.mixed.dirac_box")
def test_dirac_box_refuted_with_the_value_scaled(monkeypatch):
    original = dirac_box.value
    monkeypatch.setattr(dirac_box, "value", lambda f="standard": original(f) * (1 + 1e-3))
    assert DIRAC_BOX.check(points=21).verdict is Verdict.REFUTED


@pytest.mark.parametrize("points, T, eta_md", [(41, 20000, 0.05), (3, 2000, 0.01),
                                               (101, 2000, 1.0), (5, 2000, 1.0)])
def test_dirac_box_dynamics_holds(points, T, eta_md):
    assert DYNAMICS.check(points=points, T=T, eta_md=eta_md).verdict is Verdict.HOLDS


def test_dirac_box_dynamics_on_an_even_grid_is_inapplicable():
    assert DYNAMICS.check(points=20, T=2000).verdict is Verdict.INAPPLICABLE


@pytest.mark.perturbs("ganeq.mixed.dirac_box_dynamics")
@pytest.mark.refutes("ganeq.mixed.dirac_box_dynamics")
def test_dynamics_refuted_with_mps_step_scaled_down(monkeypatch):
    original = ganeq_mixed.mp_step
    monkeypatch.setattr(ganeq_mixed, "mp_step", lambda A: 1e-3 * original(A))
    assert DYNAMICS.check(points=41, T=2000).verdict is Verdict.REFUTED


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "claim, params, match",
    [
        (MD_RATE, {"n": 1}, "n="),
        (MD_RATE, {"m": 61}, "m="),
        (MP_RATE, {"gradients": "noisy"}, "gradients"),
        (MP_RATE, {"seed": -1}, "seed"),
        (LIFTING, {"sigma": 0.0}, "sigma"),
        (CLOSED_FORM, {"sigma": float("nan")}, "sigma"),
        (CLOSED_FORM, {"t": -1.0}, "t="),
        (STACKELBERG, {"sigma": 0.0}, "sigma"),
        (DIRAC_BOX, {"points": 1}, "points"),
        (DIRAC_BOX, {"points": 4.5}, "points"),
        (DYNAMICS, {"eta_md": 0.0}, "eta_md"),
    ],
)
def test_bad_claim_parameters(claim, params, match):
    with pytest.raises(ValueError, match=match):
        claim.check(**params)


def _slug(heading: str) -> str:
    """GitHub's anchor of a heading: lowercase, punctuation except '-' and '_' dropped,
    spaces as '-'."""
    kept = "".join(ch for ch in heading.lower() if ch.isalnum() or ch in " -_")
    return kept.replace(" ", "-")


def test_every_derivation_names_a_heading_of_the_derivations_file():
    from verifiers.claims.hsieh2019 import infinite

    claims = CLAIMS + [infinite.check_particle_md.claim, infinite.check_sgld.claim]
    text = (ROOT / "docs" / "derivations" / "hsieh2019.md").read_text()
    anchors = {_slug(line[3:].strip()) for line in text.splitlines() if line.startswith("## ")}
    for c in claims:
        file, anchor = c.derivation.split("#")
        assert file == "hsieh2019.md" and anchor in anchors, c.id
