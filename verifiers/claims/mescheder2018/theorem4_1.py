"""Theorem 4.1 of Mescheder et al. 2018 beyond the Dirac-GAN: local convergence of SimGD and
AltGD for the R1- and R2-regularised fields ṽ1, ṽ2 (eq. (14)) to M_G × M_D, at least linearly,
under Assumptions I–III, on the manifold families of :mod:`theory.manifold_gan`.

Hypotheses, each checked before the conclusion (otherwise ``inapplicable`` naming it):
γ > 0 (implicit in the paper: Lemma D.5 uses it), Assumption I (symbolic for the families:
D_ψ* ≡ 0 iff ``d_offset = 0``; p_θ* = p_D by construction), Assumption II (f'(0) ≠ 0,
f''(0) < 0, by autodiff of f), Assumption III (charts of constant rank, ker ∇²h = T M_D,
∇g injective on the normal space of M_G). The conclusion is decided by
:func:`~verifiers.claims.mescheder2018._manifold.convergence`.
Derivation: ``docs/derivations/mescheder2018.md#theorem-41-on-manifold-families``.
"""

from theory.manifold_gan.families import THEOREM_FAMILIES, WEAK_FAMILIES, make_game
from verifiers.certificate import Verdict
from verifiers.claim import claim
from verifiers.claims.mescheder2018 import _manifold as mf
from verifiers.claims.mescheder2018.symbols import F_PARAMS
from verifiers.outcomes import Outcome
from verifiers.params import Choice

FAMILY = Choice("family", "line-mlp", choices=THEOREM_FAMILIES,
                doc="model family (theory.manifold_gan.families); line-affine is too weak "
                    "for Assumption III(ii)")
PARAMS = [FAMILY, mf.REGULARISER, mf.METHOD, mf.GAMMA0, mf.H_FRACTION, mf.D_OFFSET, *F_PARAMS,
          mf.SEED]
_DRAWS = mf.mixed_sampler(PARAMS)


def theorem41_expected(params) -> Verdict:
    """holds where γ > 0, d_offset = 0 (Assumption I), f'(0) ≠ 0 and f''(0) < 0
    (Assumption II) and the family is not line-affine (Assumption III(ii)); inapplicable
    elsewhere."""
    ok = (params["gamma"] > 0 and params["d_offset"] == 0.0
          and mf.assumption_ii_expected(params) and params["family"] not in WEAK_FAMILIES)
    return Verdict.HOLDS if ok else Verdict.INAPPLICABLE


def hypotheses(game, params, mode: str = "h") -> tuple[Outcome | None, dict]:
    """The first failing hypothesis of Theorem 4.1 as an ``inapplicable`` outcome (else None),
    and the evidence of Assumptions I and III (:func:`_manifold.zero_near_support`,
    :func:`_manifold.assumption_iii`; empty if not reached)."""
    fp = {k: params[k] for k in ("f", "a", "f1", "f2")}
    spec = mf.spec_for(fp, params["regulariser"], params["gamma"])
    ok_ii, f1, f2 = mf.assumption_ii(fp)
    if not ok_ii:
        return Outcome.inapplicable("Assumption II: f'(0) ≠ 0 and f''(0) < 0",
                                    {"f1": f1, "f2": f2}), {}
    ok_i, wit = mf.zero_near_support(game, params["d_offset"])
    if not ok_i:
        return Outcome.inapplicable("Assumption I: D_ψ* = 0 near supp p_D", wit), {}
    if not params["gamma"] > 0:
        return mf.inapplicable_with_spectrum(
            "γ > 0 (the penalty; Lemma D.5 needs it)", game, spec, mode), {}
    failed, wit3 = mf.assumption_iii(mf.analysis.manifolds(game, mode))
    if failed:
        return mf.unmet(failed, wit3, (game, spec, mode)), wit3
    return None, {**wit, **wit3}


@claim(
    "mescheder2018.theorem4.1",
    reference="Mescheder et al. 2018, Theorem 4.1 (Section 4.2; proof in Section D.1)",
    statement="Under Assumptions I, II and III at (θ*, ψ*), simultaneous and alternating "
              "gradient descent for the R1- and R2-regularised fields ṽ1, ṽ2 (eq. (14)) with "
              "small enough learning rates converge to M_G × M_D near (θ*, ψ*), at least "
              "linearly: the Jacobian of ṽi vanishes on the tangent space of M_G × M_D and "
              "has eigenvalues of negative real part on its normal space.",
    params=PARAMS,
    expected=theorem41_expected,
    sampler=_DRAWS[0],
    strategy_fn=_DRAWS[1],
    erratum="The statement leaves γ > 0 implicit; with γ = 0 Assumptions I–III can hold and "
            "the normal spectrum has purely imaginary eigenvalues.",
    derivation="mescheder2018.md#theorem-41-on-manifold-families",
)
def check_theorem4_1(family, regulariser, method, gamma, h_fraction, d_offset, f, a, f1, f2,
                     seed) -> Outcome:
    """Hypotheses (module doc), then :func:`_manifold.convergence` for ṽ_i."""
    params = dict(regulariser=regulariser, gamma=gamma, d_offset=d_offset, f=f, a=a, f1=f1,
                  f2=f2)
    game = make_game(family, seed, d_offset=d_offset)
    unmet, evidence = hypotheses(game, params)
    if unmet is not None:
        return unmet
    spec = mf.spec_for(dict(f=f, a=a, f1=f1, f2=f2), regulariser, gamma)
    return mf.convergence(game, spec, method, h_fraction,
                          f"{family}, {regulariser} (γ = {gamma:g}), {method}", extra=evidence,
                          seed=seed)
