"""The proximal discriminator loss of Algorithm 1 / eq. (11) (theory.training.proximal):
``L_D(θ, ψ) + scale·λ·S(ψ, anchor)`` with the Sobolev term S ≥ 0 on a data batch."""

import jax
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
