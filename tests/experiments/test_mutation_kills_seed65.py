"""Mutation seeds 65/66 (docs/mutation.md): the preconditioned SGLD step's noise term, the
weight λ of eq. (11) in the fixed-discriminator descent, Remark D.8's hypotheses w1(0) > 0,
w2(0) > 0 at 0 exactly, and the PSD square root's rounding cut at its boundary."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from theory.mirror_gan import algorithms
from verifiers.certificate import Verdict
from verifiers.registry import registry


def test_preconditioned_sgld_step_with_noise_by_hand():
    """x⁺ = x − γ c g + √(2γc)·ε·n with c = 1/(δ + √v), v = (1 − α) g² from v0 = 0, and n the
    step's own normal draw (seed 65, #23: ε·n → ε/n)."""
    hp = algorithms.Hyper(gamma=0.1, eps=0.5, alpha=0.75, delta=0.5)
    p, g, key = {"w": jnp.array([1.0, 2.0])}, {"w": jnp.array([2.0, -4.0])}, jax.random.key(3)
    n = np.asarray(algorithms._noise(key, p)["w"])
    new, _ = algorithms.sgld_step(p, {"w": jnp.zeros(2)}, g, key, hp)
    c = 1.0 / (0.5 + np.sqrt(0.25 * np.array([4.0, 16.0])))
    expected = (np.array([1.0, 2.0]) - 0.1 * c * np.array([2.0, -4.0])
                + np.sqrt(0.2 * c) * 0.5 * n)
    np.testing.assert_allclose(new["w"], expected, rtol=1e-14)


@pytest.mark.parametrize("name", ["c1", "c2"])
def test_remark_d8_weights_vanishing_at_zero_are_inapplicable(name):
    """w1(0) > 0 and w2(0) > 0 are strict: at c = 0 exactly the hypothesis fails (seed 66,
    #5: c1 > 0 → c1 ≥ 0 in the expected verdict; the check is cheap there)."""
    claim = registry.get("mescheder2018.remarkD.8")
    params = claim.validate({**claim.defaults(), name: 0.0})
    assert claim.expected_for(params) is Verdict.INAPPLICABLE
    assert claim.check(**params).verdict is Verdict.INAPPLICABLE


def test_fixed_discriminator_descent_maximises_eq_11_with_weight_lambda(monkeypatch):
    """Farnia & Ozdaglar §6.1 descends V^prox_λ(·, ψ_f) of eq. (11): its inner maximiser's
    penalty is λ·S, not Algorithm 1's (λ/2)·S (seed 65, #3: the weight 1 → 1.001 moved no
    pinned number). The weight is read where the inner loss is built, at trace time."""
    from theory.training import loop, objectives, proximal

    weights = []
    build = proximal._prox_d_loss
    monkeypatch.setattr(proximal, "_prox_d_loss",
                        lambda spec, h, lam, scale: weights.append(scale) or build(spec, h, lam,
                                                                                   scale))
    spec = loop.Spec(datasets=("gaussian",), hidden_g=2, hidden_d=2, layers=1, batch=4,
                     optimizer="adam")
    h = loop.hyper(1, seed=jnp.arange(1), weights=objectives.wgan())
    thetas0, psis = jax.vmap(lambda s: loop.init(spec, s))(jnp.arange(1))
    jax.eval_shape(lambda: proximal.fix_d(spec, h, thetas0, psis, jnp.ones(1), 0.1 * jnp.ones(1),
                                          steps=2, inner=1, snapshots=1))  # traced, not run
    assert weights and set(weights) == {1.0}


def test_sqrtm_psd_zeroes_an_eigenvalue_at_the_rounding_level_exactly():
    """An eigenvalue of exactly ROUNDING_RTOL·λ_max is rounding noise and its root is 0 (a
    root of 1.2e-7 would fake a full rank; seed 66, #23: ≤ → <)."""
    from theory import gaussian_ot

    r = gaussian_ot.ROUNDING_RTOL
    root = np.asarray(gaussian_ot.sqrtm_psd(jnp.diag(jnp.array([1.0, r]))))
    assert abs(root[1, 1]) < 1e-20 and root[0, 0] == pytest.approx(1.0, abs=1e-15)
    kept = np.asarray(gaussian_ot.sqrtm_psd(jnp.diag(jnp.array([1.0, 2.0 * r]))))
    assert kept[1, 1] == pytest.approx(np.sqrt(2.0 * r), rel=1e-12)
