"""Gaps found by the mutation samples of seeds 73 and 74 in the Dirac-GAN and manifold claims
(docs/mutation.md): each test fails on the mutant named in its docstring."""

import numpy as np

from theory.manifold_gan import analysis, fields
from theory.manifold_gan.families import make_game
from verifiers import Verdict
from verifiers.claims.ganeq import dirac_dynamics as gdd

EPS = float(np.finfo(np.float64).eps)


def test_assumption_iii_hessian_tolerance_is_its_rounding_bound():
    """Assumption III's decision on the normal Hessian of h compares with
    ``64·m·eps·max|H|`` (the rounding of an m × m symmetric eigenproblem scaled by the
    largest entry; seed 73, #2: ``·max|H|`` → ``/max|H|``)."""
    game = make_game("line-mlp", 3)
    H = fields.h_hessian(game)
    m = game.dims[1]
    man = analysis.manifolds(game)
    assert np.max(np.abs(H)) != 1.0
    assert man.hessian_tol == 64 * m * EPS * float(np.max(np.abs(H)))


def test_the_critical_node_is_a_stable_node():
    """At (γ + |f''(0)|θ*²)² = 4f'(0)² (WGAN-GP: f = t, γ = 2) the one-sided Jacobian has the
    double eigenvalue −1: a (degenerate) stable node, so the claim applies and holds (seed 74,
    #8: ``d² < 4f1²`` → ``d² ≤ 4f1²`` rejected it)."""
    node = gdd._node("wgan_gp", 2.0, 1.0)
    assert node is not None and np.array_equal(node[2], [-1.0, -1.0])
    params = {"method": "wgan_gp", "gamma": 2.0, "target": 1.0, "h_frac": 0.5,
              "algorithm": "simgd", "n_d": 1}
    assert gdd.spurious_expected(params) is Verdict.HOLDS
