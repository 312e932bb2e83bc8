"""The proximal discriminator loss of Algorithm 1 / eq. (11) (theory.training.proximal):
``L_D(θ, ψ) + scale·λ·S(ψ, anchor)`` with the Sobolev term S ≥ 0 on a data batch."""

import jax
import jax.numpy as jnp
import pytest

from theory.training import loop, objectives, proximal

SPEC = loop.Spec(datasets=("gaussian",), hidden_g=4, hidden_d=4, layers=2, batch=8)


def _one_run():
    h = loop.hyper(1, weights=objectives.wgan())
    return jax.tree.map(lambda v: v[0], h)


def test_penalty_enters_as_scale_times_lambda_times_a_positive_sobolev_term():
    h, key = _one_run(), jax.random.key(3)
    theta, psi = loop.init(SPEC, 0)
    anchor = psi + 0.1 * jax.random.normal(jax.random.key(4), psi.shape)

    traced = jax.jit(lambda lam, scale, a: proximal._prox_d_loss(SPEC, h, lam, scale)(
        theta, psi, a, key))

    def loss(lam, scale, a=anchor):
        return float(traced(lam, scale, a))

    base = loss(0.0, 1.0)
    s = loss(1.0, 1.0) - base
    assert s > 0  # S(ψ, anchor) > 0 for ψ ≠ anchor
    assert loss(2.0, 1.0) - base == pytest.approx(2 * s, rel=1e-9)
    assert loss(2.0, 0.5) - base == pytest.approx(s, rel=1e-9)
    assert loss(3.0, 1.0, a=psi) == pytest.approx(base, rel=1e-14)  # no penalty at the anchor


def test_fixed_discriminator_descent_with_a_still_inner_maximiser_is_the_plain_descent():
    """With the inner step 0, ψ̃ = ψ_f, so eq. (19)'s proximal descent takes exactly the
    plain steps of eq. (5) on the same batches: the same values ``V(θ_m, ψ_f)``
    (m = 0…steps, the first at θ₀) and the same snapshots, bit for bit; each run moves. With
    a moving inner maximiser the generator follows ∇_θ V(θ, ψ̃) instead, and its path differs."""
    spec = loop.Spec(datasets=("gaussian",), hidden_g=2, hidden_d=2, layers=1, batch=4,
                     optimizer="adam")
    h = loop.hyper(2, seed=jnp.arange(2), weights=objectives.wgan())
    thetas0, psis = jax.vmap(lambda s: loop.init(spec, s))(jnp.arange(2))
    lam, still = jnp.ones(2), jnp.zeros(2)
    runs = [proximal.fix_d(spec, h, thetas0, psis, lam, still, steps=4, inner=inner,
                           snapshots=2) for inner in (0, 2)]
    (v_plain, th_plain), (v_prox, th_prox) = runs
    assert v_plain.shape == (2, 5) and th_plain.shape == (2, 2, thetas0.shape[1])
    assert jnp.array_equal(v_plain, v_prox) and jnp.array_equal(th_plain, th_prox)
    assert bool(jnp.all(jnp.abs(th_plain[:, -1] - thetas0) > 0))
    _, th_moving = proximal.fix_d(spec, h, thetas0, psis, lam, 0.1 * jnp.ones(2), steps=4,
                                  inner=2, snapshots=2)
    assert bool(jnp.all(jnp.abs(th_moving[:, -1] - th_plain[:, -1]) > 1e-6))
