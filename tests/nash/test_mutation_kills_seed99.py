"""Gaps found by the mutation samples of seeds 99 onwards (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import numpy as np
import pytest

from theory.gaussian_games._model import LinearGenerator


def test_a_generator_with_a_zero_translation_budget_is_admissible():
    """``‖u‖ ≤ t`` with t = 0 is the linear generator without translation (seed 100, #15:
    ``t >= 0`` → ``t > 0`` refused it); a negative t is refused with its range."""
    g = LinearGenerator(np.eye(2), np.zeros(2), t=0.0)
    assert g.t == 0.0
    with pytest.raises(ValueError, match=r"t=-1e-300 must be a finite number >= 0"):
        LinearGenerator(np.eye(2), np.zeros(2), t=-1e-300)


@pytest.mark.parametrize("scale", [1e-6, 1e-3, 1.0])
def test_singularity_is_relative_to_the_largest_eigenvalue(scale):
    """``S = WWᵀ`` is singular when λ_min ≤ 1e-14·λ_max: σI with a tiny σ is not, and a
    direction squeezed 1e-8 below the other is, at every scale (seed 101, #5: ``1e-14·λ_max``
    → ``1e-14/λ_max`` called σ = 1e-6 singular)."""
    assert not LinearGenerator(scale * np.eye(2), np.zeros(2), t=1.0).singular
    assert LinearGenerator(np.diag([scale, 1e-8 * scale]), np.zeros(2), t=1.0).singular
    assert not LinearGenerator(np.diag([scale, 1e-6 * scale]), np.zeros(2), t=1.0).singular


@pytest.mark.parametrize("game", ["w2gan", "wgan"])
@pytest.mark.parametrize(("sigma", "t"), [(2.0, 0.5), (1.5, 2.0)])
def test_the_uniform_gap_witness_shows_the_gap_of_the_optimal_pair(game, sigma, t):
    """``gap_at_Gstar_DGstar`` is the Nash gap of (G*, D_G*) = ((I, 0), its best response),
    as the batched gaps compute it (seed 104, #4: ``(σ − 1)t²/2`` → ``(σ − 1)/t·t/2`` went
    unseen, since the pinned default has t = 1)."""
    import jax.numpy as jnp

    from verifiers import registry
    from verifiers.nash import batched

    cert = registry.get("ganeq.nash.uniform_gap").check(game=game, sigma=sigma, t=t)
    if game == "w2gan":
        want = batched.w2gan_gaps(jnp.eye(2)[None], jnp.zeros((1, 2)),
                                  sigma**2 * jnp.eye(2), t)[0]
    else:
        want = batched.wgan_gaps(sigma, jnp.ones(1), jnp.zeros(1), t)[0]
    assert cert.witness["gap_at_Gstar_DGstar"] == pytest.approx(float(want[0]), rel=1e-12)
