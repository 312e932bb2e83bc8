"""Gaps found by the mutation samples of seeds 99 onwards (docs/mutation.md): each test fails
on the mutant named in its docstring."""

from scipy.stats import norm

from theory.mixed import wgan1d


def test_the_mixture_cdf_is_centred_at_each_component_location():
    """F_Q(x) = Σ ρ_k Φ((x − u_k)/w_k) at a mixture that is not mirror-symmetric (seed 101,
    #22: ``x − u`` → ``x + u`` went unseen, since its one caller, W1 to the symmetric data
    law, does not change when the mixture is mirrored)."""
    rho, w, u = [0.25, 0.75], [0.5, 2.0], [1.5, -0.3]
    cdf = wgan1d.mixture_cdf_fn(rho, w, u)
    for x in (-2.0, 0.0, 1.5, 4.0):
        want = sum(r * norm.cdf(x, loc, s) for r, s, loc in zip(rho, w, u, strict=True))
        assert abs(cdf(x) - want) <= 1e-15
    assert abs(wgan1d.mixture_cdf_fn([1.0], [0.5], [1.5])(1.5) - 0.5) <= 1e-16


def test_the_mixed_value_bracket_ends_at_the_smallest_certified_upper_bound():
    """The witness's bracket [lo, hi] has hi = min over the upper routes of value + error
    bound (seed 103, #27: ``+ error`` → ``− error`` moved hi by 2·1e-9, below the pins'
    resolution, and the bracket no longer certified the value)."""
    from verifiers import registry

    cert = registry.get("ganeq.mixed.gap_to_stackelberg").check(sigma=2.0, t=0.5)
    bracket = cert.witness
    ends = [r["value"] + r["error_bound"] for r in bracket["upper_candidates"].values()]
    assert bracket["bracket"][1] == min(ends)
    assert bracket["bracket"][0] <= bracket["grid_lp_value"] <= bracket["bracket"][1]


def test_a_component_of_spread_w_point_mass_is_integrated_as_the_point_mass():
    """W1 to the data with a component of spread exactly W_POINT_MASS is, to the last bit, W1
    with that component a Dirac: the same law, the same breakpoints (seed 110, #6:
    ``|w| ≤ W_POINT_MASS`` → ``<`` dropped its breakpoint and moved W1 by ~1e-13)."""
    from verifiers.mixed import wgan_grid

    for u, sigma in ((0.3, 1.5), (0.7311, 4.0)):
        at_edge = wgan_grid.w1_to_data(sigma, [0.5, 0.5], [wgan1d.W_POINT_MASS, 1.0], [u, -0.2])
        dirac = wgan_grid.w1_to_data(sigma, [0.5, 0.5], [0.0, 1.0], [u, -0.2])
        assert at_edge == dirac
