"""Gaps found by the mutation samples of seeds 85–90 (docs/mutation.md): each test fails on
the mutant named in its docstring."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from verifiers.dynamics import mean_field


def _unit_noise(x, hyper, eps):
    """v(x; ε) = ε: mean 0 and unit variance per coordinate."""
    return eps


def test_the_monte_carlo_standard_error_is_the_sd_over_root_n():
    """``mean_field``'s error is the standard error sd/√n: for unit-variance draws it is
    1/√n within sampling noise, and the mean lies within a few of them (seed 90, #4:
    ``/ √n`` → ``· √n`` gave a band 10⁴ times too wide, which the 6-SE test passed)."""
    n = 10_000
    mean, err = mean_field(_unit_noise, jnp.zeros(2), {}, n, key=jax.random.key(0))
    assert np.allclose(np.asarray(err), 1.0 / np.sqrt(n), rtol=0.05)
    assert np.all(np.abs(np.asarray(mean)) < 5.0 * np.asarray(err))


def test_an_empirical_rate_needs_four_points_in_the_window():
    """``empirical_rate`` fits a rate from 4 points in the window and an error from 8
    (seed 92, #13: ``count >= 4`` → ``count > 4`` refused exactly four)."""
    from verifiers.dynamics import empirical_rate

    for inside, has_rate in ((3, False), (4, True)):
        norms = jnp.concatenate([jnp.ones(2), 1e-5 * 0.5 ** jnp.arange(inside),
                                 jnp.full(2, 1e-20)])
        rate, error, count = empirical_rate(norms)
        assert int(count) == inside and bool(jnp.isfinite(rate)) is has_rate
        assert not bool(jnp.isfinite(error))
        if has_rate:
            assert float(rate) == pytest.approx(0.5, rel=1e-12)
