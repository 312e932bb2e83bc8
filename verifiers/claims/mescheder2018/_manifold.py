"""Shared parameters, hypothesis checks and the convergence decision of the claims on the
manifold families of :mod:`theory.manifold_gan` (Mescheder et al. 2018, Theorem 4.1 and
supplements D, E): Theorem 4.1, Remarks D.7–D.8, Theorems E.2–E.3.

The convergence decision (:func:`convergence`) is the statement of Theorem 4.1 itself:

* M_G × M_D consists of equilibria: ṽ(z*) = 0 and ṽ'(z*) T = 0 (within rounding);
* the eigenvalues of ṽ'(z*) on the normal space have negative real part (Bauer–Fike bound);
  by Lemmas A.4/A.5 and Theorem A.3 this is the existence of small enough learning rates;
* at ``h = h_fraction · h_max`` the method's update Jacobian has normal spectral radius < 1,
  its closed form (1 + hμ, or eq. (34) for AltGD) equal to autodiff of the update map;
* independent route: iterates from a start 1e-4 off z* reach 1e-4 of their start residual
  distance to M_G × M_D (else ``inconclusive``); the measured linear rate is in the witness
  next to the predicted spectral radius.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from theory.manifold_gan import analysis, fields
from theory.manifold_gan.families import Game
from verifiers import tolerances
from verifiers.certificate import Verdict, eigenvalue_pairs
from verifiers.claims.mescheder2018.symbols import f_derivatives_of
from verifiers.dirac.fparams import derivatives
from verifiers.outcomes import Outcome, Route, all_of, bound, equals, positive, undecided
from verifiers.params import Choice, Real, seed_param

EPS = analysis.EPS

REGULARISER = Choice("regulariser", "R1", choices=("R1", "R2"),
                     doc="R1 (gradient penalty on p_D, eq. (9)) or R2 (on p_θ, eq. (10))")
METHOD = Choice("method", "simgd", choices=("simgd", "altgd"),
                doc="simultaneous or alternating gradient descent")
GAMMA0 = Real("gamma", 1.0, low=0.0, high=1e3, sample_low=0.0, sample_high=5.0,
              thresholds=(0.0,), doc="regularisation weight γ ≥ 0 (γ = 0 drops the penalty)")
H_FRACTION = Real("h_fraction", 0.5, low=0.0, high=1.0, low_open=True, high_open=True,
                  sample_low=0.05, sample_high=0.95,
                  doc="learning rate as a fraction of the method's stability threshold h_max")
D_OFFSET = Real("d_offset", 0.0, low=-1.0, high=1.0, sample_low=-0.5, sample_high=0.5,
                thresholds=(0.0,),
                doc="constant added to D_ψ* near the support (≠ 0 breaks Assumption I)")
SEED = seed_param("random instance of the family (atoms, weights, hidden units, θ*)")
RADIUS = Real("radius", 0.3, low=0.0, high=10.0, sample_low=0.0, sample_high=1.0,
              doc="distance of the evaluation point from (θ*, ψ*)")


def f_spec_of(fp: Mapping[str, Any]) -> tuple:
    """``(fkind, (a, f1, f2))`` of the claim's f parameters."""
    return fp["f"], (fp["a"], fp["f1"], fp["f2"])


def spec_for(fp: Mapping[str, Any], reg: str, gamma: float, wpar=None) -> fields.Spec:
    kind, fpar = f_spec_of(fp)
    return fields.Spec(fkind=kind, fpar=fpar, reg=reg, gamma=gamma,
                       wpar=tuple(wpar) if wpar is not None else fields.Spec.wpar)


def _ii(f1: float, f2: float, f1_positive: bool) -> bool:
    return (f1 > 0.0 if f1_positive else f1 != 0.0) and f2 < 0.0


def computable_derivatives(fp: Mapping[str, Any]) -> tuple[float, float]:
    """``(f'(0), f''(0))`` by autodiff, for a computation in JAX. Where one is nonzero but
    subnormal (|·| < 2.2e-308) the check cannot compute with it: JAX on the CPU flushes
    subnormals to 0, so ``FloatingPointError`` (the check is ``inconclusive``)."""
    tiny = [x for x in f_derivatives_of(fp) if tolerances.subnormal(x)]
    if tiny:
        raise FloatingPointError(f"f'(0) or f''(0) = {tiny[0]:.3g} is subnormal: JAX on the "
                                 "CPU flushes it to 0, so the check cannot compute with it")
    return derivatives(**fp)


def assumption_ii(fp: Mapping[str, Any], f1_positive: bool = False) -> tuple[bool, float, float]:
    """Assumption II, f'(0) ≠ 0 and f''(0) < 0 (with ``f1_positive``, f'(0) > 0: Theorem E.2),
    decided exactly on the closed-form derivatives of the chosen f (returned where it
    fails); where it holds, :func:`computable_derivatives`."""
    exact = f_derivatives_of(fp)
    if not _ii(*exact, f1_positive):
        return False, *exact
    f1, f2 = computable_derivatives(fp)
    return _ii(f1, f2, f1_positive), f1, f2


def assumption_ii_expected(params: Mapping[str, Any]) -> bool:
    f1, f2 = f_derivatives_of(params)
    return f1 != 0.0 and f2 < 0.0


def zero_near_support(game: Game, d_offset: float) -> tuple[bool, dict]:
    """Assumption I for the families: p_θ* = p_D holds by construction (x_k = G(θ*, z_k)),
    and D_ψ* ≡ 0 iff ``d_offset = 0`` (symbolic: ψ*'s linear block is zero). The witness
    has D, ∇D at the atoms and on a stencil of radius 0.05 around them."""
    stencil = np.concatenate([game.X + 0.05 * np.array([np.cos(a), np.sin(a)])
                              for a in np.linspace(0, 2 * np.pi, 8, endpoint=False)])
    d, g, _ = fields.atom_derivatives(game, np.concatenate([game.X, stencil]))
    wit = {"max_abs_D_near_support": float(np.max(np.abs(d))),
           "max_abs_gradD_near_support": float(np.max(np.abs(g)))}
    return d_offset == 0.0, wit


def unmet_assumption_i(game: Game, d_offset: float) -> Outcome | None:
    """``inapplicable`` naming Assumption I where :func:`zero_near_support` fails, else None."""
    ok, wit = zero_near_support(game, d_offset)
    return None if ok else Outcome.inapplicable("Assumption I: D_ψ* = 0 near supp p_D", wit)


def assumption_iii(man: analysis.Manifolds) -> tuple[str | None, dict]:
    """Assumption III (eqs. (11)–(13)): ker ∇²h(ψ*) = T M_D (III(i): ∇²h kills the chart's
    tangent space and is positive on its normal space), and ∇g(θ*) is injective on the
    normal space of M_G (III(ii)). M_G, M_D are C¹ manifolds by the families' construction
    (constant-rank charts; the rank gaps are in the witness). Returns the first part that
    fails (or None) and a witness; where the part's deciding number lies within its rounding
    bound of the failing side, ``wit["undecided"]`` holds the number and the bound
    (:func:`unmet`). A kernel of ∇g by the count of dimensions is a proved failure."""
    wit = {"chart_rank_gap_G": man.chart_gap_G, "chart_rank_gap_D": man.chart_gap_D,
           "hessian_h_on_tangent_D": man.hessian_tangent,
           "min_hessian_h_on_normal_D": man.hessian_normal_min,
           "sigma_min_dg_on_normal_G": man.detect_min, "detect_tolerance": man.detect_tol,
           "dim_T_MG": man.tangent_G.shape[1], "dim_T_MD": man.tangent_D.shape[1]}
    if man.hessian_tangent > man.hessian_tol:
        return "Assumption III(i): ∂²_v h(ψ*) ≠ 0 off T M_D", wit
    if not man.hessian_normal_min > man.hessian_tol:
        if man.hessian_normal_min >= -man.hessian_tol:
            wit["undecided"] = [man.hessian_normal_min, man.hessian_tol]
        return "Assumption III(i): ∂²_v h(ψ*) ≠ 0 off T M_D", wit
    if not man.detect_min > man.detect_tol:
        if not man.detect_kernel:
            wit["undecided"] = [man.detect_min, man.detect_tol]
        return "Assumption III(ii): ∂_w g(θ*) ≠ 0 off T M_G", wit
    return None, wit


def unmet(hypothesis: str, wit: Mapping, spectrum: tuple | None = None) -> Outcome:
    """The outcome of a hypothesis that is not shown: :func:`~verifiers.outcomes.undecided`
    where ``wit["undecided"]`` holds its deciding number and rounding bound; else ``inapplicable``
    naming it, with the normal spectrum of ṽ' when ``spectrum = (game, spec, mode)``."""
    if "undecided" in wit:
        return undecided(hypothesis, *wit["undecided"], wit)
    if spectrum is not None:
        return inapplicable_with_spectrum(hypothesis, *spectrum, wit)
    return Outcome.inapplicable(hypothesis, wit)


def spectrum_witness(sp: analysis.Spectrum) -> dict:
    mu = sp.mu
    return {"normal_eigenvalues": eigenvalue_pairs(mu),
            "max_re_normal": float(np.max(mu.real)) if mu.size else -math.inf,
            "min_abs_re_normal": float(np.min(np.abs(mu.real))) if mu.size else math.inf,
            "eigenvalue_error_bound": sp.mu_error}


def _simulated(sim: dict, label: str) -> Outcome:
    """The simulation route: converged (residual ≤ TARGET_REDUCTION of the start) → holds; else it
    proves nothing within the run (slow or transient) → inconclusive."""
    wit = {"simulation": sim}
    reached = sim["finite"] and sim["reduction"] <= analysis.TARGET_REDUCTION
    text = (f"{label}: iterates from 1e-4 off (θ*, ψ*) reduce the residual distance to "
            f"M_G × M_D by {sim['reduction']:.2e} in {sim['steps']} steps (measured rate "
            f"{sim['measured_rate']:.6f}, predicted {sim['predicted_rate']:.6f})")
    margin = (-math.log10(max(sim["reduction"], 1e-300)) + math.log10(analysis.TARGET_REDUCTION)
              if sim["finite"] else math.nan)
    if reached:
        return positive(margin, 0.0, text, witness=wit, method="simulation")
    return Outcome(margin=margin, tolerance=0.0, statement="not converged within the run: " + text,
                   witness=wit, method="simulation", verdict=Verdict.INCONCLUSIVE)


def convergence(game: Game, spec: fields.Spec, method: str, fraction: float, label: str,
                mode: str = "h", man: analysis.Manifolds | None = None,
                extra: Mapping | None = None, seed: int = 0) -> Outcome:
    """The conclusion of Theorem 4.1 (and of D.7, D.8, E.2, E.3) on ``game`` (module doc)."""
    man = analysis.manifolds(game, mode) if man is None else man
    sp = analysis.normal_spectrum(game, spec, man)
    size = sp.J.shape[0]
    wit = dict(extra or {}, **spectrum_witness(sp))
    margin = -float(np.max(sp.mu.real)) if sp.mu.size else math.inf
    parts = [
        equals(0.0, Route("ṽ(θ*, ψ*)", sp.field_norm, sp.rounding),
               f"ṽ(θ*, ψ*) = 0 (max entry {sp.field_norm:.1e})", method="autodiff"),
        equals(0.0, Route("ṽ'(θ*, ψ*) on T(M_G × M_D)", sp.tangent_norm, sp.rounding * size),
               f"ṽ' vanishes on the tangent space of M_G × M_D (max entry "
               f"{sp.tangent_norm:.1e})", method="autodiff"),
        positive(margin, sp.mu_error, f"{label}: the {sp.mu.size} eigenvalues of ṽ' normal to "
                 f"M_G × M_D have Re ≤ {-margin:.4g} < 0", witness=wit, method="autodiff"),
    ]
    if not margin > sp.mu_error:
        return all_of(*parts)
    rate = analysis.method_rate(game, spec, man, sp, method, fraction)
    rate_wit = {"h": rate.h, "h_max": rate.h_max, "rho_closed_form": rate.rho_closed,
                "rho_autodiff": rate.rho_autodiff}
    closed_form = "max|1 + hμ| (Lemma A.4)" if method == "simgd" else "that of eq. (34)"
    parts += [
        equals(rate.rho_closed, Route("update Jacobian (autodiff)", rate.rho_autodiff,
                                      rate.error),
               f"{method}: the normal spectral radius of the update Jacobian at h = "
               f"{rate.h:.4g} is {closed_form}",
               witness=rate_wit, method="autodiff"),
        bound(rate.rho_autodiff, 1.0, rate.error,
              f"{method} at h = {rate.h:.4g} (h_max = {rate.h_max:.4g}): normal spectral "
              f"radius {rate.rho_autodiff:.6f} < 1", method="autodiff"),
        _simulated(analysis.simulate_from_neighbourhood(game, spec, man, method, rate, mode,
                                                        seed), label),
    ]
    return all_of(*parts)


def inapplicable_with_spectrum(hypothesis: str, game: Game, spec: fields.Spec, mode: str,
                               extra: Mapping | None = None) -> Outcome:
    """``inapplicable`` naming the hypothesis, with the normal spectrum of ṽ' in the witness
    (what the conclusion would look like without the hypothesis)."""
    man = analysis.manifolds(game, mode)
    sp = analysis.normal_spectrum(game, spec, man)
    return Outcome.inapplicable(hypothesis, dict(extra or {}, **spectrum_witness(sp)),
                                method="autodiff")


def mixed_sampler(params, zero_probability: float = 0.6):
    """A sampler and a hypothesis strategy drawing each named threshold parameter exactly
    at 0 with probability ``zero_probability`` (the hypothesis holds there), otherwise from
    its box (both sides of the threshold)."""
    from hypothesis import strategies as st

    zeroed = {"d_offset"}

    def sample(rng: np.random.Generator) -> dict:
        out = {p.name: p.sample(rng) for p in params}
        for name in zeroed & set(out):
            if rng.uniform() < zero_probability:
                out[name] = 0.0
        return out

    def strategy():
        fields_ = {p.name: (st.one_of(st.just(0.0), p.strategy()) if p.name in zeroed
                            else p.strategy()) for p in params}
        return st.fixed_dictionaries(fields_)

    return sample, strategy

