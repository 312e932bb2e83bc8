"""Gaps found by the mutation samples of seeds 47 and 48 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import pytest

from theory.proximal import threshold
from verifiers.proximal import pe


@pytest.mark.parametrize(("kappa", "sigma"), [(0.1, 2.0), (1.0, 5.0), (0.3, 100.0),
                                              (0.05, 1e3), (0.01, 1e4)])
def test_curvature_route_bound_covers_its_distance_to_the_closed_form(kappa, sigma):
    """``∂²V^prox_κ(G_u, D*)/∂u₁²`` at u = 0 is ``2c(κ)`` with ``c`` the closed-form
    coefficient of C_U; the autodiff route's a-priori bound ``256·eps·(1 + σ)²`` must cover
    its distance to it, also for large σ (seed 47, #18: ``256·eps/(1 + σ)²`` is below the
    rounding of an O(1) value from σ ≈ 10 on)."""
    route = pe.curvature_route(kappa, sigma)
    closed = 2.0 * threshold.pe_coefficient(kappa, sigma)
    assert abs(route.value - closed) <= route.error
