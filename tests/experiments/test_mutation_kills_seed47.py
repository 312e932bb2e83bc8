"""Gaps found by the mutation samples of seeds 47 and 48 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import math

import numpy as np

from theory.mirror_gan import data


def test_eight_gaussians_sit_evenly_on_the_circle_of_radius_root_two():
    """Centres 2(cos kπ/4, sin kπ/4)/√2, k = 0…7: radius √2, consecutive angles π/4 apart;
    standard deviation 0.02/√2 (seed 48, #10: ``sin(kπ·4)`` put every centre on the x axis)."""
    ds = data.toy("8gaussians")
    c = ds.centre_array()
    assert c.shape == (8, 2)
    np.testing.assert_allclose(np.hypot(c[:, 0], c[:, 1]), math.sqrt(2.0), rtol=1e-15)
    angles = np.arctan2(c[:, 1], c[:, 0]) % (2 * math.pi)
    np.testing.assert_allclose(angles, np.arange(8) * math.pi / 4, atol=1e-15)
    assert ds.sd == 0.02 / math.sqrt(2.0)


def test_twenty_five_gaussians_sit_on_the_scaled_grid():
    """Centres {−4, −2, 0, 2, 4}²/(2√2): a 5 × 5 grid of spacing 1/√2 from −√2 to √2;
    standard deviation 0.05/(2√2) (seed 48, #28: the scale 2√2 → 2.002√2)."""
    ds = data.toy("25gaussians")
    c = ds.centre_array()
    levels = np.array([-4.0, -2.0, 0.0, 2.0, 4.0]) / (2.0 * math.sqrt(2.0))
    assert c.shape == (25, 2)
    for axis in (0, 1):
        np.testing.assert_allclose(np.unique(c[:, axis]), levels, rtol=1e-15)
    assert len({tuple(x) for x in c}) == 25
    assert math.isclose(ds.sd, 0.05 / (2.0 * math.sqrt(2.0)), rel_tol=1e-15)
