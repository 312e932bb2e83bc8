"""Mutation run of seed 31: survivor #40 (the stable-node test ``d² ≥ 4f1²`` of a one-sided
point, mutated to ``d² ≥ 4f1/f1``: the same for WGAN-GP's f1 = 1, not for DRAGAN's f1 = ½)."""

import math

import pytest

from verifiers.claims.ganeq.dirac_dynamics import _node


@pytest.mark.parametrize(("method", "gamma", "trace"), [
    ("wgan_gp", 3.0, -3.0), ("wgan_gp", 1.0, -1.0),    # f = t: f1 = 1, f2 = 0, d = −γ
    ("dragan", 0.8, -1.44), ("dragan", 0.5, -0.75),    # f1 = ½, f2 = −¼, θ = −2γ: d = −γ² − γ
])
def test_one_sided_point_is_a_stable_node_iff_its_eigenvalues_are_real(method, gamma, trace):
    """J+ = [[0, −f1], [f1, d]] (target 1) has eigenvalues (d ± √(d² − 4f1²))/2: a node
    iff d² ≥ 4f1² (WGAN-GP: γ ≥ 2; DRAGAN: γ² + γ ≥ 1)."""
    f1 = 1.0 if method == "wgan_gp" else 0.5
    found = _node(method, gamma, 1.0)
    assert (found is not None) is (trace**2 >= 4 * f1**2)
    if found is not None:
        root = math.sqrt(trace**2 - 4 * f1**2)
        assert sorted(found[2]) == pytest.approx([(trace - root) / 2, (trace + root) / 2],
                                                 rel=1e-12)
