"""Gaps found by the mutation samples of seeds 81–84 in the manifold claims
(docs/mutation.md): each test fails on the mutant named in its docstring."""

import numpy as np

from theory.manifold_gan.families import make_game
from verifiers.claims.mescheder2018 import section_e_general as se


def test_assumption_i_prime_takes_d_at_its_rounding_bound_as_zero(monkeypatch):
    """D and ∇D at the atoms are 0 "within rounding": a value equal to the bound is zero,
    one above it is not (seed 81, #11: ``> tol`` → ``>= tol`` called the bound itself a
    failure of Assumption I')."""
    game = make_game("point-energy", 0)
    tol = 64 * se.EPS * (1.0 + float(np.max(np.abs(game.psi)))) * (1.0 + float(np.max(
        np.abs(game.X))) ** 2)
    d, g, hess = se.fields.atom_derivatives(game)
    for value, failed in ((tol, False), (2.0 * tol, True)):
        monkeypatch.setattr(se.fields, "atom_derivatives",
                            lambda game, v=value: (np.full_like(d, v), g, hess))
        name, wit = se.assumption_i_prime(game, 0.0)
        assert (name is not None) is failed and wit["max_abs_D"] == value


def test_a_run_longer_than_the_buffer_keeps_every_residual():
    """``fields.iterate`` returns the residuals k = 0..steps. Past ``ITERATE_CAPACITY`` the
    buffer grows to the step count (one more compiled program), and the last iterates must
    be in it (seed 84, #25: a buffer of ``capacity − 1`` silently dropped the last two, as
    JAX drops out-of-range scatters)."""
    from theory.manifold_gan import fields
    from verifiers.claims.mescheder2018 import _manifold as mf

    game = make_game("point-energy", 0)
    spec = mf.spec_for(dict(f="standard", a=1.0, f1=0.0, f2=0.0), "none", 0.0)
    z0 = np.concatenate([game.theta, game.psi]) + 1e-4
    steps = fields.ITERATE_CAPACITY + 1
    res = fields.iterate(game, spec, z0, 0.01, "simgd", "h", steps)
    assert res.shape == (2 * fields.ITERATE_CAPACITY + 1,) and np.all(np.isfinite(res))


def test_theorem_e2_needs_a_strictly_positive_slope():
    """Theorem E.2 assumes f'(0) > 0: at f'(0) = 0 both the expected verdict and the check say
    ``inapplicable`` (seed 90, #7: ``f1 > 0`` → ``f1 >= 0`` in the expected verdict)."""
    from verifiers import Verdict, registry

    claim = registry.get("mescheder2018.theoremE.2")
    params = dict(claim.defaults(), f="taylor", f1=0.0, f2=-0.25)
    assert claim.expected_for(params) is Verdict.INAPPLICABLE
    assert claim.check(**params).verdict is Verdict.INAPPLICABLE
