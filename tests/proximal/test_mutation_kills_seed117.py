"""Gaps found by the mutation samples of seeds 117 onwards in the proximal checks
(docs/mutation.md): each test fails on the mutant named in its docstring."""

import math

from verifiers import Verdict, check
from verifiers.claims.ganeq.proximal import _gamma_c


def test_gda_cycles_at_gamma_exactly_gamma_c_is_inapplicable():
    """The hypothesis is the strict γ < γ_c: at γ = γ_c (σ = 2, η = 3/4: γ_c = 1/12, inside
    the admissible (0, 0.1]) the determinant is 1 and nothing cycles; one float below it the
    check is run (seed 118, #21: ``γ < γ_c`` → ``γ ≤ γ_c`` ran it at the edge)."""
    gamma_c = _gamma_c(2.0, 0.75)
    assert math.isclose(gamma_c, 1 / 12, rel_tol=1e-15)
    at = check("ganeq.proximal.gda_cycles", sigma=2.0, eta=0.75, gamma=gamma_c)
    assert at.verdict is Verdict.INAPPLICABLE and "γ < γ_c" in at.statement
    below = check("ganeq.proximal.gda_cycles", sigma=2.0, eta=0.75,
                  gamma=math.nextafter(gamma_c, 0.0))
    assert below.verdict is not Verdict.INAPPLICABLE
