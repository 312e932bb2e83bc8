"""Dirac-GAN spectral claims and the Appendix-A matrix claims of Mescheder et al. 2018:
expected verdicts on random admissible instances (the defaults are pinned by
``tests/core/test_registry.py``), perturbed closed forms (each term of a conjunction exercised
alone), hypotheses, bad input."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings

from tests.examples import examples
from theory.dirac import equilibrium, matrices, operators, symbolic
from verifiers import check
from verifiers.certificate import Verdict
from verifiers.dirac import checks, routes
from verifiers.outcomes import positive
from verifiers.registry import registry

IDS = [
    "mescheder2018.lemma2.2",
    "mescheder2018.lemma2.4",
    "mescheder2018.lemma3.1",
    "mescheder2018.lemma3.2",
    "mescheder2018.lemma3.3",
    "mescheder2018.lemmaC.1",
    "mescheder2018.lemmaC.4",
    "mescheder2018.lemmaA.4",
    "mescheder2018.lemmaA.5",
    "mescheder2018.theoremA.7",
    "mescheder2018.theoremA.8",
    "mescheder2018.lemmaA.9",
    "ganeq.dirac.critical_nilpotent",
]
REFUTED = Verdict.REFUTED


def verdict(claim_id, **params):
    return check(claim_id, **params).verdict


@pytest.mark.parametrize("claim_id", IDS)
def test_random_admissible_instances(claim_id):
    """No drawn instance contradicts the expected verdict; ``inconclusive`` is allowed
    (e.g. f1 = 1e-240, whose eigenvalues' real parts underflow), but most draws decide."""
    claim = registry.get(claim_id)
    verdicts = []

    @settings(max_examples=examples(10))
    @given(claim.strategy())
    def run(params):
        cert = claim.check(**params)
        assert not cert.verdict.contradicts(claim.expected_for(cert.params)), str(cert)
        verdicts.append(cert.verdict)

    run()
    assert verdicts.count(Verdict.INCONCLUSIVE) <= len(verdicts) // 2, verdicts


@pytest.mark.parametrize("claim_id", IDS)
def test_sampling_covers_every_expected_region(claim_id):
    """Random draws give both holds and inapplicable where the domain has both."""
    claim = registry.get(claim_id)
    rng = np.random.default_rng(3)
    seen = {claim.expected_for(claim.validate(claim.sample(rng))) for _ in range(60)}
    one_region = {"mescheder2018.lemma3.1", "mescheder2018.lemmaA.9"}
    assert seen == ({Verdict.HOLDS} if claim_id in one_region
                    else {Verdict.HOLDS, Verdict.INAPPLICABLE}), seen


# --- perturbed closed forms: each claim refuted, each term of a check alone ------------


def _scaled(fn, factor=1.0 + 1e-3):
    return lambda *a, **k: np.asarray(fn(*a, **k)) * factor


def _imag_scaled(fn, factor=1.0 + 1e-3):
    """Imaginary parts scaled: the trace of a conjugate pair is kept, the determinant moves."""
    def perturbed(*a, **k):
        lam = np.asarray(fn(*a, **k))
        return lam.real + 1j * lam.imag * factor
    return perturbed


def _trace_shifted(fn, shift=1e-3):
    """Real parts shifted by ``shift`` with the product kept: only the trace moves."""
    def perturbed(*a, **k):
        lam = np.asarray(fn(*a, **k))
        m, p = lam.real.mean() + shift, (lam[0] * lam[1]).real
        root = np.sqrt(complex(m * m - p))
        return np.array([m + root, m - root])
    return perturbed


@pytest.mark.perturbs("mescheder2018.lemma2.2")
@pytest.mark.parametrize("perturb", [_scaled, _imag_scaled, _trace_shifted])
def test_lemma22_closed_form_perturbed(monkeypatch, perturb):
    monkeypatch.setattr(equilibrium, "unregularised_eigenvalues",
                        perturb(equilibrium.unregularised_eigenvalues))
    assert verdict("mescheder2018.lemma2.2") is REFUTED


@pytest.mark.perturbs("mescheder2018.lemma2.2")
@pytest.mark.perturbs("mescheder2018.lemmaC.1")
@pytest.mark.parametrize("claim_id", ["mescheder2018.lemma2.2", "mescheder2018.lemmaC.1"])
def test_symbolic_identities_perturbed(monkeypatch, claim_id):
    """A generic-f field that is not f'(.)(-ψ, θ), or a wrong v'(0, 0), is refuted."""
    with monkeypatch.context() as m:
        m.setattr(symbolic, "stationarity_residual", lambda method: sp.Matrix([symbolic.f2, 0]))
        assert verdict(claim_id) is REFUTED
    f1 = symbolic.f1
    monkeypatch.setattr(symbolic, "jacobian_at_equilibrium",
                        lambda method: sp.Matrix([[0, -2 * f1], [f1, 0]]))
    assert verdict(claim_id) is REFUTED


@pytest.mark.perturbs("mescheder2018.lemma2.4")
@pytest.mark.perturbs("mescheder2018.lemma3.1")
@pytest.mark.parametrize("claim_id", ["mescheder2018.lemma2.4", "mescheder2018.lemma3.1"])
def test_simgd_eigenvalues_perturbed(monkeypatch, claim_id):
    """1 ± hf'(0)i with the imaginary part scaled: only the determinant term sees it."""
    real = operators.simgd_eigenvalues
    monkeypatch.setattr(operators, "simgd_eigenvalues",
                        lambda mu, h: real(mu * (1 + 1e-3), h))
    assert verdict(claim_id, h=0.5) is REFUTED


@pytest.mark.perturbs("mescheder2018.lemma2.4")
def test_lemma24_norm_identity_perturbed(monkeypatch):
    real = operators.simgd_norm_growth
    monkeypatch.setattr(operators, "simgd_norm_growth",
                        lambda fp, h: real(fp, h) + 1e-3 * h**2 * fp**2)
    assert verdict("mescheder2018.lemma2.4", h=0.5) is REFUTED
    monkeypatch.undo()
    monkeypatch.setattr(symbolic, "simgd_radius_identity_residual", lambda: symbolic.f1)
    assert verdict("mescheder2018.lemma2.4") is REFUTED


@pytest.mark.perturbs("mescheder2018.lemma2.4")
@pytest.mark.perturbs("mescheder2018.lemmaC.1")
@pytest.mark.parametrize("claim_id", ["mescheder2018.lemma2.4", "mescheder2018.lemmaC.1"])
def test_expansion_alone(monkeypatch, claim_id):
    """A Jacobian with a damping diagonal (and the matching closed form) keeps every
    equality but contracts: only the expansion part ``det(I + hJ) > 1`` refutes."""
    real_jac = checks.autodiff_jacobian
    monkeypatch.setattr(checks, "autodiff_jacobian",
                        lambda *a, **k: real_jac(*a, **k) - 0.1 * np.eye(2))
    monkeypatch.setattr(equilibrium, "unregularised_eigenvalues",
                        lambda f1: np.array([-0.1 + 1j * f1, -0.1 - 1j * f1]))
    real_simgd = operators.simgd_eigenvalues
    monkeypatch.setattr(operators, "simgd_eigenvalues", lambda mu, h: real_simgd(mu, h))
    monkeypatch.setattr(symbolic, "jacobian_at_equilibrium",
                        lambda method: sp.Matrix([[0, -symbolic.f1], [symbolic.f1, 0]]))
    assert verdict(claim_id, h=0.1) is REFUTED
    monkeypatch.setattr(routes, "simgd_expands", lambda *a: positive(1.0, 0.0, "neutral"))
    assert verdict(claim_id, h=0.1) is Verdict.HOLDS  # the expansion part alone refuted it


@pytest.mark.perturbs("mescheder2018.lemma3.1")
def test_lemma31_eq65_and_eq66_perturbed(monkeypatch):
    real = operators.altgd_matrix
    with monkeypatch.context() as m:  # eq. (65) without its h² n_g n_d term
        m.setattr(operators, "altgd_matrix",
                  lambda f1, h, n_g, n_d: real(f1, h, n_g, n_d) + np.diag([0.0, n_g * n_d * h**2]))
        assert verdict("mescheder2018.lemma3.1", h=0.5, n_g=2, n_d=3) is REFUTED
    monkeypatch.setattr(operators, "altgd_eigenvalues", _imag_scaled(operators.altgd_eigenvalues))
    assert verdict("mescheder2018.lemma3.1", h=0.5) is REFUTED  # product of (66) no longer 1


@pytest.mark.perturbs("mescheder2018.lemmaC.1")
@pytest.mark.parametrize("perturb", [_scaled, _imag_scaled, _trace_shifted])
def test_lemmac1_closed_form_perturbed(monkeypatch, perturb):
    monkeypatch.setattr(equilibrium, "unregularised_eigenvalues",
                        perturb(equilibrium.unregularised_eigenvalues))
    assert verdict("mescheder2018.lemmaC.1") is REFUTED


CLOSED_FORMS = {
    "mescheder2018.lemma3.2": ("instance_noise_eigenvalues", {"sigma": 0.5}),
    "mescheder2018.lemma3.3": ("gradient_penalty_eigenvalues", {"gamma": 0.5}),
    "mescheder2018.lemmaC.4": ("consensus_eigenvalues", {"gamma": 1.0}),
}


@pytest.mark.perturbs("mescheder2018.lemma3.2")
@pytest.mark.perturbs("mescheder2018.lemma3.3")
@pytest.mark.perturbs("mescheder2018.lemmaC.4")
@pytest.mark.parametrize("claim_id", list(CLOSED_FORMS))
@pytest.mark.parametrize("perturb", [_scaled, _imag_scaled, _trace_shifted])
def test_regularised_closed_forms_perturbed(monkeypatch, claim_id, perturb):
    """Eqs. (6), (8), (102) scaled by 1 + 1e-3, with only the determinant moved (imaginary
    parts scaled), with only the trace moved: each refuted (complex pairs at these values)."""
    name, params = CLOSED_FORMS[claim_id]
    monkeypatch.setattr(equilibrium, name, perturb(getattr(equilibrium, name)))
    assert verdict(claim_id, **params) is REFUTED


@pytest.mark.perturbs("mescheder2018.lemma3.2")
def test_lemma32_sign_of_f2_flipped(monkeypatch):
    real = equilibrium.instance_noise_eigenvalues
    monkeypatch.setattr(equilibrium, "instance_noise_eigenvalues",
                        lambda f1, f2, s: real(f1, -f2, s))
    assert verdict("mescheder2018.lemma3.2") is REFUTED


@pytest.mark.perturbs("mescheder2018.lemma3.2")
@pytest.mark.perturbs("mescheder2018.lemma3.3")
@pytest.mark.perturbs("mescheder2018.lemmaC.4")
@pytest.mark.parametrize("claim_id", list(CLOSED_FORMS))
def test_negative_real_part_alone(monkeypatch, claim_id):
    """The Jacobian and the closed form both with the regulariser's sign flipped: the
    eigenvalue equality still holds, only the Hurwitz part (tr < 0, det > 0) refutes."""
    real_jac = checks.autodiff_jacobian

    def flipped(*a, **k):
        J = np.asarray(real_jac(*a, **k))
        return J - 2 * np.diag(np.diag(J))  # eigenvalues λ -> -conj(λ)

    monkeypatch.setattr(checks, "autodiff_jacobian", flipped)
    name = CLOSED_FORMS[claim_id][0]
    real = getattr(equilibrium, name)
    monkeypatch.setattr(equilibrium, name, lambda *a: -np.conj(real(*a)))
    assert verdict(claim_id) is REFUTED
    monkeypatch.setattr(routes, "hurwitz", lambda *a: positive(1.0, 0.0, "neutral"))
    assert verdict(claim_id) is Verdict.HOLDS  # the Hurwitz part alone refuted it


@pytest.mark.perturbs("ganeq.dirac.critical_nilpotent")
def test_nilpotency_off_the_critical_value(monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(equilibrium, "gamma_crit", _scaled(equilibrium.gamma_crit))
        assert verdict("ganeq.dirac.critical_nilpotent") is REFUTED
    monkeypatch.setattr(equilibrium, "sigma_crit", _scaled(equilibrium.sigma_crit))
    assert verdict("ganeq.dirac.critical_nilpotent", method="instance_noise") is REFUTED


@pytest.mark.perturbs("ganeq.dirac.critical_nilpotent")
def test_nilpotency_needs_a_nonzero_n(monkeypatch):
    """N = 0 has N² = 0 too: only the closed form N = [[1, −s], [s, −1]] refutes it."""
    monkeypatch.setattr(operators, "simgd_jacobian", lambda J, h: np.zeros((2, 2)))
    assert verdict("ganeq.dirac.critical_nilpotent") is REFUTED


# --- Lemma A.4: thresholds pinned ------------------------------------------------------


@pytest.mark.perturbs("mescheder2018.lemmaA.4")
@pytest.mark.parametrize("factor", [1 + 1e-3, 1.1, 0.8])
def test_lemma_a4_eq26_perturbed(monkeypatch, factor):
    """Eq. (26) off by 0.1 %, +10 %, −20 %: refuted far from the threshold (h = 0.1)."""
    real = operators.h_max_eq26
    monkeypatch.setattr(operators, "h_max_eq26", lambda re, im: real(re, im) * factor)
    assert verdict("mescheder2018.lemmaA.4", h=0.1) is REFUTED


@pytest.mark.perturbs("mescheder2018.lemmaA.4")
@pytest.mark.parametrize("factor, h", [(1.1, 2.1), (1.3, 2.5), (0.9, 1.9), (0.7, 1.5)])
def test_lemma_a4_equivalence_alone(monkeypatch, factor, h):
    """Both thresholds moved together (their equality kept): at an h between the true
    threshold h_max = 2 (μ = −0.5 + 0.5i) and the moved one, the equivalence refutes."""
    for name in ("h_max_eq26", "simgd_threshold"):
        real = getattr(operators, name)
        monkeypatch.setattr(operators, name, lambda re, im, real=real: real(re, im) * factor)
    assert verdict("mescheder2018.lemmaA.4", h=h) is REFUTED


@pytest.mark.perturbs("mescheder2018.lemmaA.4")
@pytest.mark.parametrize("perturb", [_scaled, _imag_scaled, _trace_shifted])
def test_lemma_a4_eigenvalues_perturbed(monkeypatch, perturb):
    monkeypatch.setattr(operators, "simgd_eigenvalues", perturb(operators.simgd_eigenvalues))
    assert verdict("mescheder2018.lemmaA.4") is REFUTED


@pytest.mark.parametrize("h", [2.0 * (1 - 1e-12), 2.0, 2.0 * (1 + 1e-12), np.nextafter(2.0, 3)])
def test_lemma_a4_exact_at_the_threshold(h):
    """μ = −0.5 + 0.5i, h_max = 2: decided exactly on both sides and at the threshold."""
    assert verdict("mescheder2018.lemmaA.4", h=h) is Verdict.HOLDS


# --- Lemma A.5 -------------------------------------------------------------------------


@pytest.mark.perturbs("mescheder2018.lemmaA.5")
def test_lemma_a5_eq34_perturbed(monkeypatch):
    monkeypatch.setattr(operators, "altgd_jacobian", _scaled(operators.altgd_jacobian))
    assert verdict("mescheder2018.lemmaA.5") is REFUTED


def test_lemma_a5_certificate_is_right():
    """Below the certified h0 every scanned h contracts (LAPACK spectral radius)."""
    cert = check("mescheder2018.lemmaA.5")
    claim = registry.get("mescheder2018.lemmaA.5")
    p = cert.params
    J = matrices.block_jacobian(p["P"], p["B"], p["Q"])
    n = p["B"].shape[1]
    for h in cert.witness["h0"] * np.linspace(0.01, 1.0, 25):
        M = np.asarray(operators.altgd_jacobian(J, h, 1, 1, n_gen=n))
        assert np.max(np.abs(np.linalg.eigvals(M))) < 1.0
    assert claim.expected_for(p) is Verdict.HOLDS


def test_lemma_a5_unstable_jacobian_is_inapplicable():
    assert verdict("mescheder2018.lemmaA.5", P=[[-2.0, 0.0], [0.0, -2.0]]) is Verdict.INAPPLICABLE


@pytest.mark.parametrize("re, want", [(-1e-17, Verdict.INCONCLUSIVE), (1e-17, Verdict.INCONCLUSIVE),
                                      (1e-15, Verdict.INAPPLICABLE)])
def test_lemma_a5_eigenvalue_within_its_bound_is_undecided(monkeypatch, re, want):
    """An eigenvalue whose real part is within LAPACK's bound (here 1e-16) of the imaginary
    axis shows neither stability nor its failure: ``inconclusive``, margin |Re λ| − bound."""
    lam, err = np.array([re + 1j, re - 1j, -1.0, -2.0]), np.full(4, 1e-16)
    monkeypatch.setattr(routes, "lapack_spectrum", lambda J: (lam, err))
    cert = check("mescheder2018.lemmaA.5")
    assert cert.verdict is want
    if want is Verdict.INCONCLUSIVE:
        assert cert.margin == pytest.approx(abs(re) - 1e-16) and "not decided" in cert.statement


# --- Theorems A.7, A.8, Lemma A.9: bounds pinned for tightness ------------------------


@pytest.mark.perturbs("mescheder2018.theoremA.7")
def test_theorem_a7_complex_bound_perturbed(monkeypatch):
    """(42) is attained by 1x1 blocks with q < 2b: a bound tightened by 10 % is refuted."""
    real = matrices.complex_eigenvalue_bound
    monkeypatch.setattr(matrices, "complex_eigenvalue_bound", lambda Q: 1.1 * real(Q))
    assert verdict("mescheder2018.theoremA.7", B=[[1.5]], Q=[[0.8]]) is REFUTED


@pytest.mark.perturbs("mescheder2018.theoremA.7")
def test_theorem_a7_real_bound_perturbed(monkeypatch):
    """(41) is tight as q/b → ∞ (λ+ = −b²/(q/2 + sqrt(q²/4 − b²)) vs −qb²/(q² + b²)):
    at q = 100 b a bound tightened by 10 % is refuted."""
    real = matrices.real_eigenvalue_bound
    monkeypatch.setattr(matrices, "real_eigenvalue_bound", lambda Q, B: 1.1 * real(Q, B))
    assert verdict("mescheder2018.theoremA.7", B=[[1.0]], Q=[[100.0]]) is REFUTED


def test_theorem_a7_bounds_are_tight_at_known_points():
    """(42) with equality at q < 2b: margin within the tolerance (a 10 % weaker bound would
    give a margin of 0.04); (41) at q = 100 b within 3e-4 of its bound."""
    eq42 = check("mescheder2018.theoremA.7", B=[[1.5]], Q=[[0.8]])
    assert eq42.verdict is Verdict.INCONCLUSIVE and abs(eq42.margin) <= eq42.tolerance
    eq41 = check("mescheder2018.theoremA.7", B=[[1.0]], Q=[[100.0]])
    assert eq41.verdict is Verdict.HOLDS
    assert 0 < eq41.margin <= 3e-4 * abs(eq41.witness["real_bound"]) / 128  # J divided by 128


@pytest.mark.perturbs("mescheder2018.theoremA.8")
def test_theorem_a8_with_p_entering_with_the_wrong_sign(monkeypatch):
    real = matrices.block_jacobian
    monkeypatch.setattr(matrices, "block_jacobian", lambda P, B, Q: real(-np.asarray(P), B, Q))
    assert verdict("mescheder2018.theoremA.8", P=3.0 * np.eye(2)) is REFUTED


@pytest.mark.perturbs("mescheder2018.lemmaA.9")
@pytest.mark.parametrize("factor", [1 - 1e-3, 0.9])
def test_lemma_a9_bound_perturbed(monkeypatch, factor):
    """P = Q = 0: eigenvalues ±i σ_j(B), so (46) holds with equality; any tightening refutes."""
    real = matrices.imaginary_part_bound
    monkeypatch.setattr(matrices, "imaginary_part_bound", lambda B: factor * real(B))
    assert verdict("mescheder2018.lemmaA.9", P=np.zeros((2, 2)), Q=np.zeros((3, 3))) is REFUTED


def test_lemma_a9_bound_is_tight():
    cert = check("mescheder2018.lemmaA.9", P=np.zeros((2, 2)), Q=np.zeros((3, 3)))
    assert cert.verdict is Verdict.INCONCLUSIVE and abs(cert.margin) <= cert.tolerance


# --- hypotheses, bad input ---------------------------------------------------------------


@pytest.mark.parametrize("claim_id, params, hypothesis", [
    ("mescheder2018.lemma2.2", {"f": "taylor", "f2": -0.25}, "f'(t) != 0"),
    ("mescheder2018.lemma2.4", {"f": "taylor", "f1": 0.0, "f2": 0.0}, "f'(t) != 0"),
    ("mescheder2018.lemmaC.1", {"f": "taylor", "f2": 1.0}, "f'(t) != 0"),
    ("mescheder2018.lemma3.2", {"f": "taylor", "f1": 0.0}, "f'(0) != 0"),
    ("mescheder2018.lemma3.3", {"f": "taylor", "f1": 0.0}, "f'(0) != 0"),
    ("mescheder2018.lemmaC.4", {"f": "taylor", "f1": 0.0}, "f'(0) != 0"),
    ("ganeq.dirac.critical_nilpotent", {"method": "instance_noise", "f": "wgan"}, "f''(0) < 0"),
    ("mescheder2018.lemmaA.4", {"mu_re": 0.0}, "Re mu < 0"),
    ("mescheder2018.theoremA.8", {"B": [[1.0, 1.0], [2.0, 2.0], [0.0, 0.0]]}, "full column"),
    ("mescheder2018.theoremA.8", {"P": [[-1.0, 0.0], [0.0, 0.0]]}, "P positive"),
    ("mescheder2018.theoremA.7", {"Q": -np.eye(3)}, "Q positive definite"),
])
def test_unmet_hypotheses_are_inapplicable(claim_id, params, hypothesis):
    cert = check(claim_id, **params)
    assert cert.verdict is Verdict.INAPPLICABLE and hypothesis in cert.witness["unmet_hypothesis"]
    assert registry.get(claim_id).expected_for(cert.params) is Verdict.INAPPLICABLE


def test_second_stationary_point_is_a_zero_of_the_field():
    cert = check("mescheder2018.lemma2.2", f="taylor", f1=0.5, f2=-0.25)
    assert cert.witness["field_norm_there"] < 1e-12


def test_lemma32_formula_alone_when_f2_is_not_negative():
    """f''(0) ≥ 0: eq. (6) still holds (the 'in particular' part is conditional)."""
    for params in ({"f": "wgan"}, {"f": "taylor", "f2": 2.0}):
        cert = check("mescheder2018.lemma3.2", **params)
        assert cert.verdict is Verdict.HOLDS and "eq. (6) only" in cert.statement


@pytest.mark.parametrize("claim_id, params, fragment", [
    ("mescheder2018.lemma3.2", {"sigma": float("nan")}, "sigma=nan"),
    ("mescheder2018.lemma3.2", {"sigma": 0.0}, "sigma=0.0"),
    ("mescheder2018.lemma3.3", {"f": "hinge"}, "f='hinge'"),
    ("mescheder2018.lemma3.3", {"gamma": -1.0}, "gamma=-1.0"),
    ("mescheder2018.lemma2.4", {"theta": 0.0, "psi": 0.0}, "theta=0.0"),
    ("mescheder2018.lemma3.1", {"n_d": 0}, "n_d=0"),
    ("mescheder2018.theoremA.8", {"Q": [[1.0, 2.0], [0.0, 1.0]]}, "not symmetric"),
    ("mescheder2018.theoremA.8", {"Q": [[1.0, 0.0], [0.0, 1.0]]}, "Q has shape"),
    ("mescheder2018.lemmaA.9", {"B": [[float("nan"), 0.0]]}, "non-finite"),
    ("mescheder2018.theoremA.7", {"B": [1.0, 2.0]}, "B has shape"),
    ("mescheder2018.lemmaA.4", {"h": 0.0}, "h=0.0"),
])
def test_bad_input_names_the_parameter(claim_id, params, fragment):
    with pytest.raises(ValueError, match=fragment.replace("(", r"\(").replace("[", r"\[")):
        check(claim_id, **params)


def test_lemma32_witness_for_the_standard_f():
    cert = check("mescheder2018.lemma3.2", sigma=0.5)
    eig = sorted(cert.witness["eigenvalues"], key=lambda z: z[1])
    assert eig[1] == pytest.approx([-0.0625, 0.496078370824611], abs=1e-12)
