"""Gaps found by the mutation samples of seeds 55 and 56 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

from verifiers.nash import certify


def test_symbolic_proof_of_the_wgan_gain_checks_every_step_it_reports():
    """Every line of the sympy certificate is checked, the monotonicity in μ included:
    ``m'(μ + t) − m'(μ) = erf((μ + t)/√2) − erf(μ/√2)``, positive because ``erf' > 0``
    (seed 55, #26: ``m'(μ − t)`` was printed with "(> 0: erf is increasing)" and never
    checked)."""
    proof = certify.symbolic_cw1_positive()
    assert proof["proved"] is True
    assert proof["c_W1(0)"] == "0"
    assert proof["d c_W1/dt"] == "erf(sqrt(2)*t/2)"
    assert proof["d/dmu [m(mu+t,1) - m(mu,1)]"].startswith(
        "-erf(sqrt(2)*mu/2) + erf(sqrt(2)*(mu + t)/2)")
