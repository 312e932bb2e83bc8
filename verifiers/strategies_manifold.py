"""Hypothesis strategies over the manifold families of :mod:`theory.manifold_gan`
(Mescheder et al. 2018, Theorem 4.1, supplements D and E).

Each strategy draws admissible parameter dicts of a claim on which its hypotheses hold (the
claim's expected verdict is ``holds``), over at least two model families::

    from hypothesis import given
    from verifiers import check
    from verifiers.strategies_manifold import theorem41_instances

    @given(theorem41_instances(("line-mlp", "point-quadratic")))
    def test_theorem41(params):
        assert check("mescheder2018.theorem4.1", **params).verdict.value == "holds"
"""

from __future__ import annotations

from hypothesis import strategies as st

from theory.manifold_gan.families import (
    ENERGY_FAMILIES,
    FULL_RANK_FAMILIES,
    THEOREM_FAMILIES,
    WEAK_FAMILIES,
)

STRONG = tuple(f for f in THEOREM_FAMILIES if f not in WEAK_FAMILIES)


def seeds() -> st.SearchStrategy:
    """Seeds of the families' random instances."""
    return st.integers(0, 10**6)


def admissible_f() -> st.SearchStrategy:
    """f parameters with f'(0) > 0 > f''(0) (Assumption II and Theorem E.2's sign)."""
    return st.one_of(
        st.just({"f": "standard"}),
        st.floats(0.3, 4.0).map(lambda a: {"f": "scaled", "a": a}),
        st.tuples(st.floats(0.2, 2.0), st.floats(-2.0, -0.1)).map(
            lambda t: {"f": "taylor", "f1": t[0], "f2": t[1]}))


def theorem41_instances(families=STRONG) -> st.SearchStrategy:
    """Parameters of ``mescheder2018.theorem4.1`` inside Assumptions I–III with γ > 0."""
    return st.builds(
        lambda fam, reg, method, gamma, frac, fp, seed: {
            "family": fam, "regulariser": reg, "method": method, "gamma": gamma,
            "h_fraction": frac, "seed": seed, **fp},
        st.sampled_from(families), st.sampled_from(("R1", "R2")),
        st.sampled_from(("simgd", "altgd")), st.floats(0.3, 3.0), st.floats(0.2, 0.8),
        admissible_f(), seeds())


def energy_instances(families=("point-energy", "rotation-energy")) -> st.SearchStrategy:
    """Parameters of ``mescheder2018.theoremE.2`` / ``lemmaE.1`` at an energy solution."""
    assert set(families) <= set(ENERGY_FAMILIES)
    return st.builds(
        lambda fam, energy, method, frac, fp, seed: {
            "family": fam, "energy": energy, "method": method, "h_fraction": frac,
            "seed": seed, **fp},
        st.sampled_from(families), st.floats(0.3, 2.0), st.sampled_from(("simgd", "altgd")),
        st.floats(0.2, 0.8), admissible_f(), seeds())


def full_rank_instances(families=FULL_RANK_FAMILIES) -> st.SearchStrategy:
    """Parameters of ``mescheder2018.theoremE.3`` at a full-rank solution."""
    return st.builds(
        lambda fam, method, frac, fp, seed: {
            "family": fam, "method": method, "h_fraction": frac, "seed": seed, **fp},
        st.sampled_from(families), st.sampled_from(("simgd", "altgd")), st.floats(0.2, 0.8),
        admissible_f(), seeds())
