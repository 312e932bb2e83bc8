"""Tests written for survivors of the seed-35/36 mutation runs (docs/mutation.md)."""

import numpy as np
import pytest

from verifiers import check
from verifiers.certificate import Verdict
from verifiers.claims.ganeq import mixed


def test_dirac_box_sees_one_strategy_that_is_not_an_equilibrium(monkeypatch):
    """The claim quantifies over every mean-zero ν: the check takes the largest duality gap of
    its test strategies, so one non-equilibrium strategy among them (a point mass at θ = 1,
    mean 1) must refute, however many equilibria surround it."""
    original = mixed._mean_zero_strategies

    def with_a_point_mass(theta, rng, count=8):
        return [*original(theta, rng, count), np.eye(theta.size)[-1]]

    monkeypatch.setattr(mixed, "_mean_zero_strategies", with_a_point_mass)
    assert check("ganeq.mixed.dirac_box", points=11, seed=0).verdict == Verdict.REFUTED


def test_mirror_dynamics_accept_a_single_step_and_reject_none():
    """T = 1 is the smallest admissible horizon; T = 0 names the range."""
    from verifiers.mixed import dynamics

    A, a = np.array([[1.0, -1.0], [-1.0, 1.0]]), np.zeros(2)
    out = dynamics.run(A, a, 0.1, T=1)
    assert out.gap_average.shape == out.gap_last.shape == (1,)
    assert np.all(np.isfinite(np.asarray(out.gap_average)))
    with pytest.raises(ValueError, match="T=0 is outside the admissible range: an integer >= 1"):
        dynamics.run(A, a, 0.1, T=0)


def test_branch_and_bound_stops_at_its_box_budget(monkeypatch):
    """Once more than ``max_boxes`` boxes would remain the search stops, with a looser but
    still valid lower bound (≤ the value at every point of the box) after fewer
    evaluations than the search with the default budget."""
    from theory.mixed import wgan1d
    from verifiers.mixed import wgan_grid

    grid = wgan_grid.make_grid(2.0, 1.0)
    sol = wgan_grid.solve_box_lp(grid.C, grid.tau)
    evaluate = wgan1d.value_against_slopes

    def bound_and_boxes(max_boxes):
        boxes = []

        def counted(slopes, edges, sigma, w, u):
            boxes.append(np.size(w))
            return evaluate(slopes, edges, sigma, w, u)

        monkeypatch.setattr(wgan1d, "value_against_slopes", counted)
        lb = wgan_grid.critic_guarantee(sol.slopes, grid.edges, 2.0, 1.0, max_boxes=max_boxes)
        monkeypatch.setattr(wgan1d, "value_against_slopes", evaluate)
        return lb, sum(boxes)

    (tight, n_full), (loose, n_budget) = bound_and_boxes(20_000), bound_and_boxes(4)
    w, u = np.meshgrid(np.linspace(0, 1, 41), np.linspace(-1, 1, 41))
    true_min = float(np.min(evaluate(sol.slopes, grid.edges, 2.0, w.ravel(), u.ravel())))
    assert loose <= tight <= true_min
    assert n_budget < n_full
