"""The training core against hand-computed single steps and finite differences
(the eager autodiff checks are slow on a loaded 2-core machine: ``make test-all``)."""

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from theory.training import loop, models, objectives, optim

SPEC = loop.Spec(datasets=("circle",), hidden_g=4, hidden_d=4, batch=8)


def _psi():
    return models.init(jax.random.key(3), models.sizes(2, 4, 1))


def _d(psi):
    return lambda x: models.apply(psi, x)


def test_sgd_step_is_minus_lr_times_gradient():
    p, g = jnp.array([1.0, -2.0]), jnp.array([0.5, 4.0])
    opt = optim.make("sgd", 0.1)
    new, _ = optim.step(opt, lambda _: g, p, opt.init(p))
    np.testing.assert_allclose(new, p - 0.1 * g, rtol=0, atol=1e-15)


def test_rmsprop_first_step_by_hand():
    """ν₁ = (1 − 0.9) g², update −lr · g / √(ν₁ + ε) (optax's rmsprop, decay 0.9)."""
    p, g, lr = jnp.array([1.0, -2.0]), jnp.array([0.5, -4.0]), 1e-3
    opt = optim.make("rmsprop", lr)
    new, _ = optim.step(opt, lambda _: g, p, opt.init(p))
    np.testing.assert_allclose(new, p - lr * g / jnp.sqrt(0.1 * g**2 + 1e-8), rtol=1e-12)


def test_extragradient_on_a_bilinear_game_contracts():
    """Extra-gradient on min_x max_y x·y (field (y, −x)) shrinks the norm; plain
    simultaneous gradient steps grow it."""
    field = lambda p: jnp.array([p[1], -p[0]])  # noqa: E731
    opt = optax.sgd(0.1)
    p = jnp.array([1.0, 1.0])
    eg, _ = optim.extragradient_step(opt, field, p, opt.init(p))
    gd, _ = optim.step(opt, field, p, opt.init(p))
    assert jnp.linalg.norm(eg) < jnp.linalg.norm(p) < jnp.linalg.norm(gd)


def test_unknown_optimizer_names_the_known_ones():
    with pytest.raises(KeyError, match="rmsprop"):
        optim.make("lbfgs", 0.1)


@pytest.mark.slow
def test_input_gradient_matches_central_differences():
    d, x = _d(_psi()), jnp.array([[0.3, -0.7], [1.1, 0.2]])
    g = objectives.input_gradient(d, x)
    h = 1e-6
    for j in range(2):
        e = jnp.zeros(2).at[j].set(h)
        fd = (d(x + e)[:, 0] - d(x - e)[:, 0]) / (2 * h)
        np.testing.assert_allclose(g[:, j], fd, rtol=1e-7, atol=1e-9)


@pytest.mark.slow
@pytest.mark.parametrize("make, where", [(objectives.r1, "real"), (objectives.r2, "fake")])
def test_r1_r2_terms_and_their_parameter_gradient(make, where):
    """The loss of R1 (R2) minus the GAN loss is γ/2 · E‖∇D‖² on the data (fakes), and its
    gradient in ψ matches central finite differences along a random direction."""
    psi = _psi()
    real, fake = jnp.array([[1.0, 0.0], [0.0, 1.0]]), jnp.array([[0.2, 0.4], [-0.5, 0.1]])
    key, gamma = jax.random.key(0), 3.0

    def reg(p):
        return (objectives.discriminator_loss(_d(p), real, fake, make(gamma), key)
                - objectives.discriminator_loss(_d(p), real, fake, objectives.gan(), key))

    pts = real if where == "real" else fake
    by_hand = gamma / 2 * jnp.mean(jnp.sum(objectives.input_gradient(_d(psi), pts) ** 2, 1))
    np.testing.assert_allclose(reg(psi), by_hand, rtol=1e-12)
    direction = jax.tree.map(lambda a: jax.random.normal(jax.random.key(5), a.shape), psi)
    h = 1e-6
    shifted = [jax.tree.map(lambda a, v, s=s: a + s * h * v, psi, direction) for s in (1, -1)]
    fd = (reg(shifted[0]) - reg(shifted[1])) / (2 * h)
    grad = jax.grad(reg)(psi)
    directional = sum(jnp.sum(g * v) for g, v in zip(jax.tree.leaves(grad),
                                                     jax.tree.leaves(direction), strict=True))
    np.testing.assert_allclose(directional, fd, rtol=1e-6)


@pytest.mark.slow
def test_wgan_gp_penalty_at_interpolates():
    """With u = 1 everywhere (interpolate = data) the GP term is γ·E(‖∇D(x)‖ − 1)²."""
    psi, x = _psi(), jnp.array([[1.0, 0.0], [0.0, 1.0]])
    w = objectives.wgan_gp(10.0)._replace(mix=0.0, real=1.0)
    loss = objectives.discriminator_loss(_d(psi), x, x, w, jax.random.key(0))
    norms = jnp.linalg.norm(objectives.input_gradient(_d(psi), x), axis=1)
    np.testing.assert_allclose(loss, 10.0 * jnp.mean((norms - 1) ** 2), rtol=1e-10)


def test_spectral_normalisation_gives_unit_top_singular_values():
    for w, _ in models.spectral_normalised(_psi()):
        np.testing.assert_allclose(jnp.linalg.norm(w, 2), 1.0, rtol=1e-12)


@pytest.mark.parametrize("shape", [(2, 16), (64, 32)])
def test_power_iteration_top_singular_value_and_gradient_match_the_svd(shape):
    """σ_max and ∂σ_max/∂W = u vᵀ against LAPACK's SVD on Glorot-sized random matrices."""
    w = jax.random.normal(jax.random.key(sum(shape)), shape) / np.sqrt(shape[0])
    exact = lambda m: jnp.linalg.svd(m, compute_uv=False)[0]  # noqa: E731
    np.testing.assert_allclose(models.top_singular_value(w), exact(w), rtol=1e-12)
    np.testing.assert_allclose(jax.grad(models.top_singular_value)(w), jax.grad(exact)(w),
                               atol=1e-9)


@pytest.mark.slow
def test_flat_parameters_round_trip():
    theta, psi = loop.init(SPEC, 0)
    g, d = loop.unflatten(SPEC, theta, psi)
    assert [w.shape for w, _ in g] == [(2, 4), (4, 4), (4, 4), (4, 2)]
    assert [w.shape for w, _ in d] == [(2, 4), (4, 4), (4, 4), (4, 1)]
