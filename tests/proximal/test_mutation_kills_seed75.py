"""Gaps found by the mutation samples of seeds 75 and 76 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import math

import jax.numpy as jnp
import pytest

from theory.proximal import general, w2gan
from verifiers.claims.farnia2020 import theorem2_general as t2


def test_theorem2_general_best_response_norm_counts_the_b_gradient(monkeypatch):
    """‖∇_w V(G*, D*)‖ is the norm over both A and b; at D* the b-part is exactly 0, so a
    test must move it: with ∇_b shifted by 1e-3 in every entry the norm is 1e-3·√d and the
    part is refuted (seed 75, #7: ``ΣgA² + Σgb²`` → ``ΣgA² − Σgb²``)."""
    real = w2gan.grad_w
    monkeypatch.setattr(w2gan, "grad_w", lambda *a: (real(*a)[0], real(*a)[1] + 1e-3))
    d = 2
    s, Q = t2.spectrum(d, 4.0, 0.5), t2.rotation(d, 0)
    Sx = general.covariance(s, Q)
    pair = general.optimal_pair(s, Q, d)
    out = t2._best_response(s, Sx, pair)
    assert out.final_verdict().value == "refuted"
    assert out.witness["computed"] == pytest.approx(1e-3 * math.sqrt(d), rel=1e-6)
    assert float(jnp.sum(real(jnp.asarray(pair["W"]), jnp.zeros(d), jnp.asarray(pair["A"]),
                              jnp.zeros(d), jnp.zeros(d), jnp.asarray(Sx), 1.0)[1] ** 2)) == 0.0
