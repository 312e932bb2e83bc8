"""Gaps found by the mutation samples of seeds 99 onwards (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import jax.numpy as jnp
import numpy as np
import pytest

from theory.manifold_gan.families import make_game


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("energy", [0.5, 3.0])
def test_the_segment_energy_discriminator_is_the_squared_normal_distance(seed, energy):
    """segment-energy's D_ψ*(x) = energy·(n·x)² for the segment's unit normal n: zero on the
    segment's line and growing off it (seed 100, #22: the cross coefficient ``2 n1 n2`` →
    ``2 n1/n2`` bent the level sets)."""
    game = make_game("segment-energy", seed, energy=energy)
    n = game.supp_normal[:, 0]
    xs = np.random.default_rng(seed).normal(size=(8, 2))
    got = [float(game.disc(jnp.asarray(game.psi), jnp.asarray(x))) for x in xs]
    np.testing.assert_allclose(got, energy * (xs @ n) ** 2, rtol=1e-12, atol=1e-15)
    assert np.allclose([float(game.disc(jnp.asarray(game.psi), jnp.asarray(x)))
                        for x in game.X], 0.0, atol=1e-15)
