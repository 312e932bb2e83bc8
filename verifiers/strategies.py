"""Public hypothesis strategies over admissible games and parameters.

Users write their own property tests with these, e.g.::

    from hypothesis import given
    from verifiers import check
    from verifiers.strategies import claim_params

    @given(claim_params("mescheder2018.lemma3.2"))
    def test_lemma32(params):
        assert check("mescheder2018.lemma3.2", **params).verdict.value == "holds"

Family-specific strategies (Dirac-GAN spectra, Gaussian games, finite games)
are defined below, one section per family, with the same admissible ranges as
the claims' parameter spaces.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from verifiers.registry import registry


def claim_params(claim_id: str) -> st.SearchStrategy:
    """Admissible parameter dicts of a registered claim."""
    return registry.get(claim_id).strategy()


def seeds() -> st.SearchStrategy:
    """Seeds for ``numpy.random.default_rng`` / ``jax.random.key``."""
    return st.integers(0, 2**32 - 1)


def random_matrix(n: int, m: int, scale: float = 1.0) -> st.SearchStrategy:
    """Dense ``n x m`` float64 matrices with standard normal entries times ``scale``."""
    return seeds().map(lambda s: scale * np.random.default_rng(s).standard_normal((n, m)))


def spd_matrix(n: int, log_cond: float = 4.0) -> st.SearchStrategy:
    """Symmetric positive definite ``n x n`` matrices with condition number <= e^log_cond."""

    def build(seed: int) -> np.ndarray:
        rng = np.random.default_rng(seed)
        q, _ = np.linalg.qr(rng.standard_normal((n, n)))
        eig = np.exp(rng.uniform(0.0, log_cond, n))
        return (q * eig) @ q.T

    return seeds().map(build)


# --- Dirac-GAN (Mescheder et al. 2018) ----------------------------------------


def dirac_f_derivatives() -> st.SearchStrategy:
    """``(f'(0), f''(0))`` with f'(0) ∈ ±[0.1, 3] and f''(0) ∈ [−3, −0.1] (note Part C)."""
    f1 = st.tuples(st.sampled_from([-1.0, 1.0]), st.floats(0.1, 3.0)).map(lambda t: t[0] * t[1])
    return st.tuples(f1, st.floats(-3.0, -0.1))


def dirac_blocks(max_n: int = 3, max_m: int = 4) -> st.SearchStrategy:
    """``{"P", "B", "Q"}`` with P ⪰ 0 (n×n, any rank), Q ≻ 0 (m×m), B (m×n)
    Gaussian with m ≥ n: the hypotheses of Theorems A.7/A.8 and Lemma A.5."""
    from verifiers.dirac.blocks import random_blocks

    return seeds().map(lambda s: random_blocks(np.random.default_rng(s), max_n, max_m))


def dirac_symmetric_blocks(max_n: int = 3, max_m: int = 4) -> st.SearchStrategy:
    """``{"P", "B", "Q"}`` with P, Q symmetric of any sign, B Gaussian (Lemma A.9)."""
    from verifiers.dirac.blocks import random_symmetric_blocks

    return seeds().map(lambda s: random_symmetric_blocks(np.random.default_rng(s), max_n, max_m))


# --- Proximal equilibria (Farnia & Ozdaglar 2020, §4–5) -----------------------


def theorem1_w2gan() -> st.SearchStrategy:
    """``{"sigma", "eta", "t"}`` of the Theorem-1 W2GAN game: σ ∈ [1.1, 6] (σ > 1),
    η ∈ [0.3, 2], t ∈ [0.3, 2] (the proximal claims' sampling boxes)."""
    return st.fixed_dictionaries({"sigma": st.floats(1.1, 6.0), "eta": st.floats(0.3, 2.0),
                                  "t": st.floats(0.3, 2.0)})


def proximal_weight_ratio() -> st.SearchStrategy:
    """``λ/λ_max`` ∈ [0.05, 3], away from the threshold by ≥ 5% on either side."""
    return st.one_of(st.floats(0.05, 0.95), st.floats(1.05, 3.0))


# --- Farnia & Ozdaglar in generality; Hsieh's mean approximation (issue 11) ----------------


def general_covariance_w2gan(max_d: int = 3) -> st.SearchStrategy:
    """``{"d", "k", "s_max", "ratio", "seed"}`` of ``farnia2020.theorem2.general`` with
    ``k ≥ d``: Σ's spectrum geometric from ``s_max`` ∈ [0.2, 30] down to ``ratio·s_max``
    (ratio ∈ [1e-3, 1]), eigenvectors from ``seed``."""
    return st.integers(1, max_d).flatmap(lambda d: st.fixed_dictionaries({
        "d": st.just(d), "k": st.integers(d, d + 2), "s_max": st.floats(0.2, 30.0),
        "ratio": st.floats(1e-3, 1.0), "seed": st.integers(0, 10_000)}))


def proximal_training_at_pe() -> st.SearchStrategy:
    """Parameters of ``farnia2020.slides.stability`` on both sides of its threshold T_c (the
    claim's own sampler: λ up to 1.1λ_max, steps within their bounds, T ∈ [1, 2T_c])."""
    from verifiers.claims.farnia2020.slides_stability import _sample

    return seeds().map(lambda s: _sample(np.random.default_rng(s)))


def lifted_finite_games(max_n: int = 60) -> st.SearchStrategy:
    """``{"game": "finite", "eta", "n", "seed"}`` of ``hsieh2019.mean_approximation``: a random
    n × n game lifted to measures, mirror step η ∈ [0.05, 2]."""
    return st.fixed_dictionaries({"game": st.just("finite"), "eta": st.floats(0.05, 2.0),
                                  "n": st.integers(2, max_n), "seed": st.integers(0, 10_000)})


def wgan1d_mirror_steps() -> st.SearchStrategy:
    """``hsieh2019.mean_approximation`` on the 1-D WGAN game: η, the critic's kink a, the
    current measure N(m0, τ²) and the SGLD step γ over their admissible boxes."""
    return st.fixed_dictionaries({
        "game": st.just("wgan1d"), "eta": st.floats(0.05, 2.0), "a": st.floats(-2.0, 2.0),
        "m0": st.floats(-1.0, 1.0), "tau": st.floats(0.5, 1.5), "gamma": st.floats(0.002, 0.05),
        "seed": st.integers(0, 10_000)})
