"""The batched training loop: one iteration against the same step written out by hand,
and every variant (extra-gradient, spectral normalisation, clipping, several critic
steps) training to finite parameters. Each compiles a program (~10 s CPU): slow."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from theory.training import loop, objectives

pytestmark = pytest.mark.slow
SPEC = loop.Spec(datasets=("circle", "line"), hidden_g=4, hidden_d=4, batch=8, iterations=1,
                 optimizer="sgd")


def test_one_iteration_is_one_discriminator_then_one_generator_sgd_step():
    lr, seed = 0.05, 3
    h = loop.hyper(1, seed=seed, lr_d=lr, weights=objectives.r1(3.0), data=1)
    thetas, psi = loop.train(SPEC, h)
    one = jax.tree.map(lambda a: a[0], h)
    loss_d, loss_g = loop._losses(SPEC, one)
    theta0, psi0 = loop.init(SPEC, one.seed)
    key = jax.random.fold_in(jax.random.fold_in(jax.random.key(1, impl=SPEC.prng), one.seed), 0)
    k_d, k_g = jax.random.split(key, 2)
    psi1 = psi0 - lr * jax.grad(loss_d, 1)(theta0, psi0, k_d)
    theta1 = theta0 - lr * jax.grad(loss_g, 0)(theta0, psi1, k_g)
    np.testing.assert_allclose(psi[0], psi1, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(thetas[0, -1], theta1, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("spec, h", [
    (loop.Spec(extragradient=True, optimizer="adam", iterations=20, hidden_g=4, hidden_d=4),
     loop.hyper(2, seed=jnp.arange(2), lr_d=1e-3, weights=objectives.wgan_gp(10.0))),
    (loop.Spec(spectral=True, optimizer="optimistic_adam", iterations=20, hidden_g=4,
               hidden_d=4), loop.hyper(2, seed=jnp.arange(2), lr_d=1e-3)),
    (loop.Spec(max_critic=5, optimizer="rmsprop", iterations=20, hidden_g=4, hidden_d=4,
               snapshots=4),
     loop.hyper(2, seed=jnp.arange(2), lr_d=1e-3, weights=objectives.wgan(), clip=0.01,
                n_critic=5)),
], ids=["extra-adam-wgan-gp", "sn-optimistic-adam", "wgan-clip-5-critic"])
def test_variants_train_to_finite_parameters(spec, h):
    thetas, psi = loop.train(spec, h)
    assert thetas.shape[:2] == (2, spec.snapshots) and np.isfinite(thetas).all()
    assert np.isfinite(psi).all()
    if spec.max_critic == 5:
        assert np.abs(psi).max() <= 0.01
