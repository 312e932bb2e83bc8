"""Gaps found by the mutation samples of seeds 81–84 in the proximal checks
(docs/mutation.md): each test fails on the mutant named in its docstring."""

import dataclasses

import numpy as np
import pytest

from verifiers import Verdict
from verifiers.claims.farnia2020 import proximal_existence as pex
from verifiers.outcomes import Route


def test_a_cell_bound_subtracts_at_least_the_mean_of_its_two_node_errors(monkeypatch):
    """Theorem 3's Lipschitz cells: min over [u_j, u_j+1] of V^prox ≥ (V_j + V_j+1 − h)/2,
    and with node values v ± e that is ≥ (v_j + v_j+1 − h)/2 − (e_j + e_j+1)/2. Node errors
    that differ from node to node must not make a cell's bound larger than that (seed 81,
    #13: ``max(r.error, q.error)`` → ``min`` subtracted the smaller error only)."""
    real = pex._location_values
    errors = [0.0, 0.0, 1e-3, 0.0, 1e-3]

    def uneven(lam, sigma, us):
        return [dataclasses.replace(r, error=e)
                for r, e in zip(real(lam, sigma, us), errors, strict=True)]

    monkeypatch.setattr(pex, "_location_values", uneven)
    out = pex._location_family(2.0, 0.1, 0.5)
    assert out.final_verdict() is Verdict.HOLDS
    values = out.witness["V_prox"]
    w1 = float(pex.wgan1d.location_w1_star(0.5))
    h = 1.0 / pex.LOCATION_CELLS
    sound = [0.5 * (values[j] + values[j + 1] - h) - w1 - 0.5 * (errors[j] + errors[j + 1])
             for j in range(1, pex.LOCATION_CELLS)]
    assert np.all(np.asarray(out.witness["cell_lower_bounds"]) <= np.asarray(sound))


def test_the_no_pe_witness_is_the_shift_with_the_lowest_certified_gap(monkeypatch):
    """``ganeq.proximal.wgan1d_no_pe`` reports the shift whose gap + error is lowest (the
    most certified deviation), not the one with the lowest gap − error (seed 81, #27:
    ``r.value + r.error`` → ``r.value − r.error`` picked the second shift below)."""
    from verifiers.claims.ganeq import proximal as gp

    w1 = float(gp.wgan1d.w1_star(2.0))
    gaps = iter([(-1.0e-3, 5e-4), (-1.2e-3, 1e-3), (-0.4e-3, 0.0)])

    def designed(lam, u, sigma):
        gap, err = next(gaps)
        return w1 + gap, err

    monkeypatch.setattr(gp.wgan1d, "prox_value", designed)
    out = gp.check_proximal_wgan1d_no_pe.claim.check(sigma=2.0, lam=0.1)
    us = np.minimum(np.array([0.25, 0.5, 0.75]) * 12 * 0.1 * (2.0 - 1) / 2.0**2, 0.2)
    assert out.verdict is Verdict.HOLDS
    assert out.witness["u"] == us[0] and out.witness["gap"] == pytest.approx(-1.0e-3)


def test_the_pe_witness_search_keeps_the_lowest_certified_gap(monkeypatch):
    """:func:`pe.search_witness` returns the gap whose upper end gap + error is lowest (seed
    82, #2: comparing with the best's gap − error kept the first, less certified, one)."""
    from verifiers.proximal import pe

    routes = iter([Route("Newton gap", -1.0, 0.5), Route("Newton gap", -1.2, 0.1)])
    monkeypatch.setattr(pe, "gap_route", lambda *a, **k: next(routes, None))
    best = pe.search_witness(0.5, 2.0, 1.0)
    assert (best["gap"], best["error"]) == (-1.2, 0.1)


def test_a_pe_coefficient_equal_to_its_error_is_undecided(monkeypatch):
    """``c(κ) > err`` proves the minimiser condition; ``c = err`` does not (seed 82, #18:
    ``c > err`` → ``c >= err`` said holds)."""
    from verifiers.proximal import pe

    tie = Route("closed form", 1e-10, 1e-10)
    monkeypatch.setattr(pe, "coefficient_routes", lambda *a: (tie, tie))
    monkeypatch.setattr(pe, "search_witness",
                        lambda *a: {"gap": float("inf"), "error": 0.0, "u": None})
    assert pe.minimiser(0.5, 2.0, 1.0).final_verdict() is Verdict.INCONCLUSIVE
    above = Route("closed form", 2e-10, 1e-10)
    monkeypatch.setattr(pe, "coefficient_routes", lambda *a: (above, above))
    assert pe.minimiser(0.5, 2.0, 1.0).final_verdict() is Verdict.HOLDS


def test_corollary1_tests_the_generator_with_the_lowest_certified_value(monkeypatch):
    """(10)'s "no sampled G does better" is decided on the G whose W_η(G) has the lowest
    lower end value − error, the one closest to beating W* (seed 87, #23: ``r.value −
    r.error`` → ``+`` picked the G with the lowest upper end)."""
    from verifiers.claims.farnia2020 import proximal as fp

    w_star = float(fp.w2gan.theorem1_optimum(2.0, 1.0, fp.D)[2])
    designed = iter([Route("attained", w_star, 1e-12), Route("G1", w_star + 1.0, 0.9),
                     Route("G2", w_star + 0.5, 0.0)])
    monkeypatch.setattr(fp, "_generators", lambda seed, t: (np.zeros((2, 2, 2)),
                                                            np.zeros((2, 2))))
    monkeypatch.setattr(fp, "_w_route", lambda W, u, sigma: next(designed))
    out = fp._stackelberg(2.0, 1.0)
    assert out.final_verdict() is Verdict.HOLDS
    assert out.witness["min_W_gap"] == pytest.approx(1.0, rel=1e-12, abs=0.0)


def test_the_proximal_claims_admit_every_sigma_above_one():
    """The W2GAN proximal claims are stated for σ > 1 (Theorem 1's game): σ = 1 + 1e-6 is
    admissible and σ = 1 is refused with the exact range (seed 96, #30: ``low=1.0`` →
    ``1.001`` cut (1, 1.001] out of the domain)."""
    from verifiers.claims.farnia2020.proximal_symbols import sigma_param

    assert sigma_param().check(1.0 + 1e-6) == 1.0 + 1e-6
    with pytest.raises(ValueError, match="sigma"):
        sigma_param().check(1.0)
