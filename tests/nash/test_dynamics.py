"""Best-response and fixed-critic dynamics of the Gaussian games: the projection onto the
admissible generators |w| <= 1, |u| <= t is exact at both ends."""

import numpy as np
import pytest

from verifiers.nash import dynamics


@pytest.mark.parametrize("w, u", [(-2.0, -5.0), (2.0, 5.0), (-1.0, 0.3), (0.4, -0.5)])
def test_projection_onto_the_generator_box(w, u):
    t = 0.5
    pw, pu = (float(x) for x in dynamics._project(w, u, t))
    assert pw == float(np.clip(w, -1.0, 1.0)) and pu == float(np.clip(u, -t, t))
