"""Gaps found by the mutation samples of seeds 85–88 (docs/mutation.md): each test fails on
the mutant named in its docstring."""

import numpy as np

from verifiers.claims.hsieh2019 import lifting


def test_the_lifting_check_reports_the_entry_with_least_slack():
    """``_worst_entry`` decides on the entry whose error bound exceeds its deviation by the
    least (seed 86, #20: ``errors − |Δ|`` → ``errors + |Δ|`` picked the entry with the
    smallest bound instead)."""
    claimed = np.array([1.0, 2.0])
    computed = np.array([1.9, 2.0])
    out = lifting._worst_entry("g − Gν", claimed, computed, np.array([1.0, 0.5]))
    assert out.statement.endswith("(worst entry 0)")
    assert out.witness["computed"] == 1.9 and abs(out.margin - 0.1) < 1e-12  # slack 1 − 0.9


def test_the_gibbs_window_holds_all_but_e_minus_40_of_the_mass():
    """``mean_approximation._window`` promises all but e^{−40} of μ⁺'s mass at every corner
    of the admissible box (η ∈ (0, 2], τ ∈ [0.5, 1.5], a ∈ [−2, 2], m0 ∈ [−1, 1]); the
    slope bound shifts the tails by ητ² (seed 88, #14: ``η·τ²`` → ``η/τ²`` left e^{−29}
    outside at τ = 1.5)."""
    import itertools

    from scipy import integrate

    from theory.mixed import mean_approximation as ma

    for eta, tau, a, m0 in itertools.product([0.05, 2.0], [0.5, 1.5], [-2.0, 0.0, 2.0],
                                             [-1.0, 1.0]):
        lo, hi = ma._window(eta, a, m0, tau)
        floor = ma.potential(np.linspace(lo, hi, 4001), eta, a, m0, tau).min()

        def dens(u, eta=eta, a=a, m0=m0, tau=tau, floor=floor):
            return float(np.exp(floor - ma.potential(np.array([u]), eta, a, m0, tau)[0]))

        inside = integrate.quad(dens, lo, hi, points=[a, m0], epsabs=0.0, limit=200)[0]
        tails = (integrate.quad(dens, hi, np.inf, epsabs=0.0, epsrel=1e-8)[0]
                 + integrate.quad(dens, -np.inf, lo, epsabs=0.0, epsrel=1e-8)[0])
        assert tails <= np.exp(-40.0) * inside, (eta, tau, a, m0)


def test_the_particle_rate_tolerance_carries_the_mixing_gap_error(monkeypatch):
    """``hsieh2019.mean_approximation`` (wgan1d): the rate check's bias is |β_f| + Rγ² +
    mixing gap, so its tolerance adds the errors of the target, of β_f and of the mixing gap
    (seed 93, #16: ``β_err + mixing_gap_error`` → ``−`` subtracted the last)."""
    from theory.mixed import mean_approximation as ma
    from verifiers.claims.hsieh2019 import mean_approximation as mod

    real = ma.chain_expectations

    def inflated(*args, **kwargs):
        return {**real(*args, **kwargs), "mixing_gap_error": 1e-3}

    monkeypatch.setattr(ma, "chain_expectations", inflated)
    out = mod._wgan1d(0.8, 0.7, 0.2, 1.0, 0.02, 0)
    assert out.witness["parts"][0]["tolerance"] >= 1e-3
