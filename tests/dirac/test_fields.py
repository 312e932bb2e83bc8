"""The Dirac-GAN vector fields: closed forms, jit/vmap, oddness, bad input, float64."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from theory.dirac.fields import METHODS, f_derivatives, make_field, state_size
from verifiers import tolerances


def _state(method, values=(0.3, -0.7, 0.4)):
    return jnp.asarray(values[: state_size(method)])


def test_gan_field_matches_eq3():
    """v(θ, ψ) = (−f'(θψ)ψ, f'(θψ)θ) with f'(t) = sigmoid(−t) (eq. (3))."""
    theta, psi = 0.3, -0.7
    fp = 1.0 / (1.0 + np.exp(theta * psi))
    got = np.asarray(make_field("gan")(jnp.array([theta, psi]), {}))
    np.testing.assert_allclose(got, [-fp * psi, fp * theta], atol=tolerances.CLOSED_FORM)


def test_wgan_gp_field_one_sided():
    """WGAN-GP: ṽ = (−ψ, θ − γψ + γ g0 sign ψ) (f = t; |ψ| differentiated as sign ψ)."""
    got = np.asarray(make_field("wgan_gp")(jnp.array([0.3, 0.2]), {"gamma": 2.0, "g0": 0.5}))
    np.testing.assert_allclose(got, [-0.2, 0.3 - 0.4 + 1.0], atol=tolerances.CLOSED_FORM)


@pytest.mark.parametrize("method", METHODS)
def test_field_is_odd_float64_and_jittable(method):
    v = make_field(method)
    x = _state(method)
    out = jax.jit(v)(x, {})
    assert out.shape == x.shape and out.dtype == jnp.float64
    if method not in ("energy", "full_rank"):
        np.testing.assert_allclose(v(-x, {}), -out, atol=tolerances.CLOSED_FORM)
    np.testing.assert_allclose(v(jnp.zeros_like(x), {}), 0.0, atol=tolerances.CLOSED_FORM)


def test_vmap_over_states_and_hyper():
    v = make_field("instance_noise")
    xs = jnp.stack([jnp.array([0.1, 0.2]), jnp.array([-0.3, 0.5])])
    batched = jax.vmap(v, in_axes=(0, None))(xs, {"sigma": 0.5})
    np.testing.assert_allclose(batched[1], v(xs[1], {"sigma": 0.5}), atol=tolerances.CLOSED_FORM)
    jac = jax.vmap(jax.jacfwd(v), in_axes=(None, {"sigma": 0}))(
        jnp.zeros(2), {"sigma": jnp.array([0.5, 1.0])}
    )
    np.testing.assert_allclose(jac[:, 1, 1], [2 * -0.25 * 0.25, 2 * -0.25], atol=1e-12)


def test_f_derivatives_named_and_callable():
    np.testing.assert_allclose(f_derivatives("standard"), (-np.log(2), 0.5, -0.25), atol=1e-15)
    assert f_derivatives("wgan") == (0.0, 1.0, 0.0)
    np.testing.assert_allclose(f_derivatives(lambda t: jnp.sin(2 * t)), (0.0, 2.0, 0.0), atol=1e-15)


def test_unknown_method_and_f_rejected():
    with pytest.raises(ValueError, match="gradient_penalty"):
        make_field("r3")
    with pytest.raises(ValueError, match="f='hinge'"):
        make_field("gan", f="hinge")
