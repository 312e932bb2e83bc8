"""Gaps found by the mutation samples of seeds 69 and 70 in Section 3's particle claim
(docs/mutation.md): each test fails on the mutant named in its docstring."""

from verifiers import Verdict
from verifiers.claims.hsieh2019 import infinite

PARTICLE_MD = infinite.check_particle_md.claim


def test_mirror_prox_at_exactly_one_over_max_m_is_expected_to_hold():
    """Algorithm 2 needs η ≤ 1/max|M|: eta_scale = 1 is inside it, so the expected verdict
    there is ``holds`` and only eta_scale > 1 is ``inapplicable`` (seed 69, #20: ``> 1.0`` →
    ``>= 1.0`` in the expected-verdict function)."""
    at = {**PARTICLE_MD.defaults(), "method": "mp", "eta_scale": 1.0}
    assert PARTICLE_MD.expected_for(at) is Verdict.HOLDS
    assert PARTICLE_MD.expected_for({**at, "eta_scale": 1.0 + 2**-52}) is Verdict.INAPPLICABLE
    assert PARTICLE_MD.expected_for({**at, "method": "md", "eta_scale": 4.0}) is Verdict.HOLDS
