"""Lemma E.1 and Theorems E.2–E.3 of Mescheder et al. 2018 (supplement E) beyond the
Dirac-GAN: energy solutions (a quadratic-feature discriminator that is an energy function of
a segment or of a point, under location and rotation–scale generators) and full-rank
solutions (small tanh MLPs D = ψ1ᵀη_ψ2 on Dirac data on a line or a circle).

Hypotheses are checked numerically before the conclusion (otherwise ``inapplicable`` naming
them): Assumption I' (D = 0, ∇D = 0 on supp p_D, ∇²D positive on the normal space of the
support), III' (∂_v g̃ ≠ 0 off T M_D; some ∇_θG(z)w leaves the tangent of the support),
I'' (ψ1* = 0), III'' (E_pD[ηηᵀ] of full rank; ∇g injective off T M_G).
The convergence decision is Theorem 4.1's
(:func:`~verifiers.claims.mescheder2018._manifold.convergence`) for the unregularised v.
Derivations: ``docs/derivations/mescheder2018.md``.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from theory.manifold_gan import analysis, fields, spectra
from theory.manifold_gan.families import ENERGY_FAMILIES, FULL_RANK_FAMILIES, make_game
from verifiers.certificate import Verdict
from verifiers.claim import claim
from verifiers.claims.mescheder2018 import _manifold as mf
from verifiers.claims.mescheder2018.symbols import F_PARAMS, f_derivatives_of
from verifiers.outcomes import Outcome, Route, equals, undecided
from verifiers.params import Choice, Real

EPS = mf.EPS
ENERGY_FAMILY = Choice("family", "point-energy", choices=ENERGY_FAMILIES,
                       doc="energy-solution family (theory.manifold_gan.families)")
FULL_RANK_FAMILY = Choice("family", "line-fullrank", choices=FULL_RANK_FAMILIES,
                          doc="full-rank-solution family (theory.manifold_gan.families)")
ENERGY = Real("energy", 1.0, low=-10.0, high=10.0, sample_low=-1.0, sample_high=3.0,
              thresholds=(0.0,),
              doc="scale t of the energy discriminator D_ψ* (t ≤ 0 breaks Assumption I')")
WEAK_ENERGY = ("segment-energy",)
"""The segment's generator can slide mass along the segment: Assumption III'(ii) fails."""


def _normal(basis: np.ndarray, dim: int) -> np.ndarray:
    return (spectra.null_space(basis.T, analysis.RANK_RTOL)[0] if basis.size
            else np.eye(dim))


def assumption_i_prime(game, d_offset: float) -> tuple[str | None, dict]:
    """Assumption I': D = 0 and ∇_x D = 0 on supp p_D (symbolic for the families: iff
    ``d_offset = 0``, which adds d_offset·x1 to D; the witness has the values at the atoms),
    and ∇²_x D positive definite on the normal space of the support."""
    d, g, hess = fields.atom_derivatives(game)
    tol = 64 * EPS * (1.0 + float(np.max(np.abs(game.psi)))) * (1.0 + float(np.max(
        np.abs(game.X))) ** 2)
    curv = min(float(np.min(np.linalg.eigvalsh(game.supp_normal.T @ H @ game.supp_normal)))
               for H in hess)
    wit = {"max_abs_D": float(np.max(np.abs(d))), "max_abs_gradD": float(np.max(np.abs(g))),
           "min_normal_curvature": curv, "tolerance": tol}
    if d_offset != 0.0 or max(wit["max_abs_D"], wit["max_abs_gradD"]) > tol:
        return "Assumption I': D_ψ* = 0 and ∇D_ψ* = 0 on supp p_D", wit
    if not curv > tol:
        if abs(curv) <= tol:
            wit["undecided"] = [curv, tol]
        return "Assumption I': vᵀ∇²D_ψ* v > 0 off the tangent space of supp p_D", wit
    return None, wit


def unmet_energy_scale(energy: float) -> Outcome | None:
    """``inapplicable`` for ``energy = t ≤ 0``, else None. The families' D_ψ* is ``t·xᵀSx``
    with S fixed by the family and positive on the normal space of the support, so the normal
    curvature of Assumption I' has the sign of t: decided on t exactly (at t = 0 the computed
    curvature is 0, which rounding alone could not tell from a positive one)."""
    if energy > 0:
        return None
    return Outcome.inapplicable("Assumption I': vᵀ∇²D_ψ* v > 0 off the tangent space of supp "
                                "p_D (D_ψ* = t·xᵀSx with t ≤ 0)", {"energy": energy})


def _gen_jacobians(game) -> list[np.ndarray]:
    theta = jnp.asarray(game.theta)
    return [np.asarray(jax.jacfwd(game.gen)(theta, jnp.asarray(z))) for z in game.Z]


def assumption_iii_prime(game, man: analysis.Manifolds) -> tuple[str | None, dict]:
    """Assumption III': the charts have constant rank; (i) ∂g̃/∂ψ is injective on the
    normal space of M_D; (ii) w ↦ (normal part of ∇_θG(z_k)w)_k is injective on the normal
    space of M_G. A matrix with fewer rows than columns fails injectivity by the count of
    dimensions; ``segment-energy`` fails (ii) by the derivation (:data:`WEAK_ENERGY`: its
    smallest singular value is a rounded 0); any other smallest singular value within its
    rounding bound leaves the part undecided (``wit["undecided"]``, :func:`_manifold.unmet`)."""
    n, m = game.dims
    gt = fields.g_tilde_jacobian(game) @ _normal(man.tangent_D, m)
    stacked = np.vstack([game.supp_normal.T @ jg for jg in _gen_jacobians(game)])
    push = stacked @ _normal(man.tangent_G, n)
    parts = [("Assumption III'(i): ∂_v g̃(ψ*) ≠ 0 off T M_D", gt, m, False),
             ("Assumption III'(ii): ∇_θG(z)w leaves the tangent space of supp p_D", push, n,
              game.name in WEAK_ENERGY)]
    wit = {"chart_rank_gap_G": man.chart_gap_G, "chart_rank_gap_D": man.chart_gap_D}
    found = []
    for name, matrix, dim, derived in parts:
        s_min, kernel = analysis.smallest_singular_value(matrix)
        found.append((name, s_min, 64 * dim * EPS * (float(np.linalg.norm(matrix)) or 1.0),
                      kernel or derived))
    wit["sigma_min_dgtilde_on_normal_D"] = found[0][1]
    wit["sigma_min_normal_push_on_normal_G"] = found[1][1]
    wit["sigma_min_rounding_bounds"] = [found[0][2], found[1][2]]
    for name, s_min, tol, proved in found:
        if not s_min > tol:
            if not proved:
                wit["undecided"] = [s_min, tol]
            return name, wit
    return None, wit


# --- Lemma E.1 ------------------------------------------------------------------

_E1_PARAMS = [ENERGY_FAMILY, ENERGY, *F_PARAMS, mf.D_OFFSET, mf.SEED]
_E1_DRAWS = mf.mixed_sampler(_E1_PARAMS)


def _e1_expected(params) -> Verdict:
    """holds where energy > 0 and d_offset = 0 (Assumption I'); inapplicable elsewhere."""
    return (Verdict.HOLDS if params["energy"] > 0 and params["d_offset"] == 0.0
            else Verdict.INAPPLICABLE)


@claim(
    "mescheder2018.lemmaE.1",
    reference="Mescheder et al. 2018, Lemma E.1, eqs. (142)–(145)",
    statement="Under Assumption I' the Jacobian of v at (θ*, ψ*) is [[K_GG, −K_DGᵀ], [K_DG, "
              "K_DD]] with K_GG = −f'(0) E_p(z)[∇_θG_θ*(z)ᵀ ∇²_x D_ψ*(G_θ*(z)) ∇_θG_θ*(z)] and "
              "K_DD, K_DG as in Lemma D.2.",
    params=_E1_PARAMS,
    expected=_e1_expected,
    sampler=_E1_DRAWS[0],
    strategy_fn=_E1_DRAWS[1],
    derivation="mescheder2018.md#lemma-e1-the-jacobian-at-an-energy-solution",
)
def check_lemmaE_1(family, energy, f, a, f1, f2, d_offset, seed) -> Outcome:
    """Assumption I' (:func:`unmet_energy_scale` first), then eqs. (142)–(145) (f'(0),
    f''(0) by autodiff) against jacfwd of v at (θ*, ψ*)."""
    if (out := unmet_energy_scale(energy)) is not None:
        return out
    game = make_game(family, seed, d_offset=d_offset, energy=energy)
    failed, wit = assumption_i_prime(game, d_offset)
    if failed:
        return mf.unmet(failed, wit)
    fp = dict(f=f, a=a, f1=f1, f2=f2)
    d1, d2 = mf.computable_derivatives(fp)
    J = fields.jacobian(game, mf.spec_for(fp, "none", 0.0))
    closed = fields.closed_jacobian(game, d1, d2, energy=True)
    scale = 1.0 + max(float(np.max(np.abs(J))), float(np.max(np.abs(closed))))
    err = 64 * J.shape[0] * EPS * scale
    n = game.theta.size
    return equals(0.0, Route("eq. (142) − jacfwd", float(np.max(np.abs(J - closed))), err),
                  f"{family} (t = {energy:g}): v'(θ*, ψ*) = [[K_GG, −K_DGᵀ], [K_DG, K_DD]] "
                  "(eqs. (142)–(145))",
                  witness={"K_GG_eigenvalues": np.linalg.eigvalsh(
                      0.5 * (closed[:n, :n] + closed[:n, :n].T)).tolist(), **wit},
                  method="autodiff")


# --- Theorem E.2 ----------------------------------------------------------------

_E2_PARAMS = [ENERGY_FAMILY, ENERGY, mf.METHOD, mf.H_FRACTION, *F_PARAMS, mf.D_OFFSET, mf.SEED]
_E2_DRAWS = mf.mixed_sampler(_E2_PARAMS)


def _e2_expected(params) -> Verdict:
    """holds where energy > 0, d_offset = 0 (Assumption I'), f'(0) > 0, f''(0) < 0
    (Assumption II) and the family is not segment-energy (Assumption III'(ii));
    inapplicable elsewhere."""
    f1, f2 = f_derivatives_of(params)
    ok = (params["energy"] > 0 and params["d_offset"] == 0.0 and f1 > 0 and f2 < 0
          and params["family"] not in WEAK_ENERGY)
    return Verdict.HOLDS if ok else Verdict.INAPPLICABLE


@claim(
    "mescheder2018.theoremE.2",
    reference="Mescheder et al. 2018, Theorem E.2 (Section E.1, energy solutions)",
    statement="Under Assumptions I', II and III' with f'(0) > 0, simultaneous and alternating "
              "gradient descent for the unregularised field v with small enough learning "
              "rates converge to M_G × M_D near (θ*, ψ*), at least linearly.",
    params=_E2_PARAMS,
    expected=_e2_expected,
    sampler=_E2_DRAWS[0],
    strategy_fn=_E2_DRAWS[1],
    derivation="mescheder2018.md#theorem-e2-energy-solutions",
)
def check_theoremE_2(family, energy, method, h_fraction, f, a, f1, f2, d_offset,
                     seed) -> Outcome:
    """Assumptions I' (:func:`unmet_energy_scale` first), II (with f'(0) > 0), III', then
    Theorem 4.1's decision for v."""
    fp = dict(f=f, a=a, f1=f1, f2=f2)
    ok, v1, v2 = mf.assumption_ii(fp, f1_positive=True)
    if not ok:
        return Outcome.inapplicable("Assumption II with f'(0) > 0", {"f1": v1, "f2": v2})
    if (out := unmet_energy_scale(energy)) is not None:
        return out
    game = make_game(family, seed, d_offset=d_offset, energy=energy)
    failed, wit = assumption_i_prime(game, d_offset)
    if failed:
        return mf.unmet(failed, wit)
    spec = mf.spec_for(fp, "none", 0.0)
    man = analysis.manifolds(game)
    failed, wit3 = assumption_iii_prime(game, man)
    if failed:
        return mf.unmet(failed, wit3, (game, spec, "h"))
    return mf.convergence(game, spec, method, h_fraction,
                          f"{family} (t = {energy:g}), unregularised, {method}", man=man,
                          extra={**wit, **wit3}, seed=seed)


# --- Theorem E.3 ----------------------------------------------------------------

_E3_PARAMS = [FULL_RANK_FAMILY, mf.METHOD, mf.H_FRACTION, *F_PARAMS, mf.D_OFFSET, mf.SEED]
_E3_DRAWS = mf.mixed_sampler(_E3_PARAMS)


def _e3_expected(params) -> Verdict:
    """holds where d_offset = 0 (Assumption I'': ψ1* = 0), f'(0) ≠ 0 and f''(0) < 0
    (Assumption II); inapplicable elsewhere."""
    ok = params["d_offset"] == 0.0 and mf.assumption_ii_expected(params)
    return Verdict.HOLDS if ok else Verdict.INAPPLICABLE


def _full_rank_unmet(gram: np.ndarray, man: analysis.Manifolds, wit: dict) -> Outcome | None:
    """Assumption III'' on a full-rank family: (i) λ_min(E_pD[ηηᵀ]) > 0 and (ii) σ_min of
    ∂_w g(θ*) on the normal space of M_G > 0, each shown above its rounding bound (for (i)
    64·n·ε·λ_max). The full-rank families are built for both to hold (random atoms and
    features; no seed is known to break them), and a value within its bound does not show
    either false: ``inconclusive``, not ``inapplicable`` (:func:`~verifiers.outcomes.undecided`);
    a kernel of ∂_w g by the count of dimensions is a proved failure. None where both are
    shown."""
    parts = [("Assumption III''(i): λ_min(E_pD[ηηᵀ]) > 0", gram[0],
              64 * gram.size * EPS * gram[-1]),
             ("Assumption III''(ii): σ_min(∂_w g(θ*)) > 0 off T M_G", man.detect_min,
              man.detect_tol)]
    if man.detect_kernel:
        return Outcome.inapplicable(parts[1][0], wit)
    for name, value, bound in parts:
        if not value > bound:
            return undecided(name, value, bound, wit)
    return None


@claim(
    "mescheder2018.theoremE.3",
    reference="Mescheder et al. 2018, Theorem E.3 (Section E.2, full-rank solutions)",
    statement="For D_ψ = ψ1ᵀη_ψ2 under Assumptions I'' (p_θ* = p_D, ψ1* = 0), II and III'' "
              "(E_pD[ηηᵀ] of full rank; ∂_w E_pθ[η] ≠ 0 off T M_G), simultaneous and "
              "alternating gradient descent for the unregularised field v with small enough "
              "learning rates converge to M_G × M'_D, M'_D = {ψ1 = 0}, at least linearly.",
    params=_E3_PARAMS,
    expected=_e3_expected,
    sampler=_E3_DRAWS[0],
    strategy_fn=_E3_DRAWS[1],
    erratum="The theorem as printed assumes Assumptions I', II and III'; its proof and the "
            "section use I'' and III'' (the full-rank assumptions).",
    derivation="mescheder2018.md#theorem-e3-full-rank-solutions",
)
def check_theoremE_3(family, method, h_fraction, f, a, f1, f2, d_offset, seed) -> Outcome:
    """Assumptions I'', II, III'', then Theorem 4.1's decision for v with M'_D."""
    fp = dict(f=f, a=a, f1=f1, f2=f2)
    ok, v1, v2 = mf.assumption_ii(fp)
    if not ok:
        return Outcome.inapplicable("Assumption II: f'(0) ≠ 0 and f''(0) < 0",
                                    {"f1": v1, "f2": v2})
    if d_offset != 0.0:
        return Outcome.inapplicable("Assumption I'': ψ1* = 0", {"psi1_offset": d_offset})
    game = make_game(family, seed)
    gram = np.linalg.eigvalsh(fields.eta_gram(game))
    man = analysis.manifolds(game, "full_rank")
    wit = {"eta_gram_eigenvalues": gram.tolist(), "sigma_min_dg_on_normal_G": man.detect_min}
    unmet = _full_rank_unmet(gram, man, wit)
    if unmet is not None:
        return unmet
    spec = mf.spec_for(fp, "none", 0.0)
    return mf.convergence(game, spec, method, h_fraction,
                          f"{family}, full-rank solution, unregularised, {method}",
                          mode="full_rank", man=man, extra=wit, seed=seed)
