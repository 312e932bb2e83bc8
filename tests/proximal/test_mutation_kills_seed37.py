"""Tests written for survivors of the seed-37/38 mutation runs (docs/mutation.md)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st


@given(st.floats(-3.0, 3.0), st.floats(0.05, 0.95), st.floats(-1.0, 1.0), st.floats(1.05, 4.0))
def test_alpha_sq_is_the_monotone_transport_displacement(x, ratio, u, sigma):
    """Theorem 3's α²(x) for G = N(u, s²), P_X = N(0, σ²), s < σ: the monotone map is
    T(x) = u + (s/σ)x, and α²(x) = |x − T(x)| = (1 − s/σ)|x − x_c|."""
    from theory.proximal import wgan1d

    s = ratio * sigma
    assert wgan1d.alpha_sq(x, s, u, sigma) == pytest.approx(abs(x - (u + s / sigma * x)),
                                                            rel=1e-9, abs=1e-12)
