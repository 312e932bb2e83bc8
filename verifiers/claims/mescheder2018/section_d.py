"""Lemmas D.1–D.6 and Remarks D.7–D.8 of Mescheder et al. 2018 (supplement D) on the manifold
families of :mod:`theory.manifold_gan`.

Each closed form of the paper (eqs. (108)–(109), (110)–(112), (117)–(119), (121)–(122),
(127), (140)) is compared with JAX autodiff of the objective (eq. (107)) and penalties
(eqs. (114)–(115), (139)); equalities hold within an a-priori rounding bound
``64 (n+m) ε (1 + scale)`` and are refuted beyond it. Lemmas D.5–D.6 decide a sign/rank on the
normal space of M_D/M_G. Remarks D.7–D.8 reuse Theorem 4.1's convergence decision.
Derivations: ``docs/derivations/mescheder2018.md``.
"""

from __future__ import annotations

import numpy as np

from theory.manifold_gan import analysis, fields, spectra
from theory.manifold_gan.families import THEOREM_FAMILIES, WEAK_FAMILIES, make_game
from verifiers.certificate import Verdict
from verifiers.claim import claim
from verifiers.claims.mescheder2018 import _manifold as mf
from verifiers.claims.mescheder2018.symbols import F_PARAMS, f_derivatives_of
from verifiers.outcomes import Outcome, Route, all_of, equals, positive
from verifiers.params import Choice, Real

EPS = mf.EPS
FAMILY = Choice("family", "line-mlp", choices=THEOREM_FAMILIES,
                doc="model family (theory.manifold_gan.families)")
STRONG_FAMILY = Choice("family", "line-mlp",
                       choices=tuple(f for f in THEOREM_FAMILIES if f not in WEAK_FAMILIES),
                       doc="model family satisfying Assumption III")


def _rounding(size: int, *arrays) -> float:
    scale = max([1.0] + [float(np.max(np.abs(a))) for a in arrays if np.size(a)])
    return 64 * size * EPS * scale


def _point(game, seed: int, radius: float):
    """(θ, ψ) at distance ``radius`` from (θ*, ψ*) in a random direction."""
    rng = np.random.default_rng(seed + 1)
    n, m = game.dims
    d = rng.normal(size=n + m)
    d *= radius / np.linalg.norm(d)
    return game.theta + d[:n], game.psi + d[n:]


def _max_diff(a, b) -> float:
    return float(np.max(np.abs(np.asarray(a) - np.asarray(b))))


def _offset_expected(params) -> Verdict:
    """holds where d_offset = 0 (Assumption I); inapplicable elsewhere."""
    return Verdict.HOLDS if params["d_offset"] == 0.0 else Verdict.INAPPLICABLE


# --- Lemma D.1 ------------------------------------------------------------------

_D1_PARAMS = [FAMILY, *F_PARAMS, mf.RADIUS, mf.SEED]


@claim(
    "mescheder2018.lemmaD.1",
    reference="Mescheder et al. 2018, Lemma D.1, eqs. (108)–(109)",
    statement="∇_θ L = E_p(z)[f'(D_ψ(G_θ(z))) ∇_θG_θ(z)ᵀ ∇_x D_ψ(G_θ(z))] and ∇_ψ L = "
              "E_pθ[f'(D_ψ(x)) ∇_ψD_ψ(x)] − E_pD[f'(−D_ψ(x)) ∇_ψD_ψ(x)] at every (θ, ψ).",
    params=_D1_PARAMS,
    derivation="mescheder2018.md#lemma-d1-the-gradients-of-l",
)
def check_lemmaD_1(family, f, a, f1, f2, radius, seed) -> Outcome:
    """Eqs. (108)–(109) against reverse-mode autodiff of eq. (107) at a random point."""
    game = make_game(family, seed)
    spec = mf.spec_for(dict(f=f, a=a, f1=f1, f2=f2), "none", 0.0)
    theta, psi = _point(game, seed, radius)
    closed = fields.grads_closed(game, spec, theta, psi)
    auto = fields.grads_autodiff(game, spec, theta, psi)
    err = _rounding(sum(game.dims), *auto)
    return all_of(
        equals(0.0, Route("eq. (108) − autodiff", _max_diff(closed[0], auto[0]), err),
               f"eq. (108) is ∇_θ L ({family}, radius {radius:g})", method="autodiff"),
        equals(0.0, Route("eq. (109) − autodiff", _max_diff(closed[1], auto[1]), err),
               "eq. (109) is ∇_ψ L", method="autodiff"))


# --- Lemma D.2 ------------------------------------------------------------------

_D2_PARAMS = [FAMILY, *F_PARAMS, mf.D_OFFSET, mf.SEED]
_D2_DRAWS = mf.mixed_sampler(_D2_PARAMS)


@claim(
    "mescheder2018.lemmaD.2",
    reference="Mescheder et al. 2018, Lemma D.2, eqs. (110)–(112)",
    statement="Under Assumption I the Jacobian of v at (θ*, ψ*) is [[0, −K_DGᵀ], [K_DG, K_DD]] "
              "with K_DD = 2f''(0) E_pD[∇_ψD_ψ* ∇_ψD_ψ*ᵀ] and K_DG = f'(0) ∇_θ "
              "E_pθ[∇_ψD_ψ*]|θ*; in particular ∇²_θ L(θ*, ψ*) = 0.",
    params=_D2_PARAMS,
    expected=_offset_expected,
    sampler=_D2_DRAWS[0],
    strategy_fn=_D2_DRAWS[1],
    derivation="mescheder2018.md#lemma-d2-the-jacobian-at-the-equilibrium",
)
def check_lemmaD_2(family, f, a, f1, f2, d_offset, seed) -> Outcome:
    """Eqs. (110)–(112) (f'(0), f''(0) by autodiff) against jacfwd of v at (θ*, ψ*)."""
    game = make_game(family, seed, d_offset=d_offset)
    unmet = mf.unmet_assumption_i(game, d_offset)
    if unmet is not None:
        return unmet
    fp = dict(f=f, a=a, f1=f1, f2=f2)
    d1, d2 = mf.computable_derivatives(fp)
    J = fields.jacobian(game, mf.spec_for(fp, "none", 0.0))
    closed = fields.closed_jacobian(game, d1, d2)
    n = game.theta.size
    err = _rounding(J.shape[0], J, closed)
    return all_of(
        equals(0.0, Route("eq. (110) − jacfwd", _max_diff(J, closed), err),
               f"v'(θ*, ψ*) = [[0, −K_DGᵀ], [K_DG, K_DD]] ({family})", method="autodiff"),
        equals(0.0, Route("∇²_θ L(θ*, ψ*)", float(np.max(np.abs(J[:n, :n]))), err),
               "∇²_θ L(θ*, ψ*) = 0", method="autodiff"))


# --- Lemma D.3 ------------------------------------------------------------------

_D3_PARAMS = [FAMILY, mf.REGULARISER, mf.GAMMA0, mf.RADIUS, mf.SEED]


@claim(
    "mescheder2018.lemmaD.3",
    reference="Mescheder et al. 2018, Lemma D.3, eqs. (117)–(118)",
    statement="∇_ψ R1 = γ E_pD[∇_{ψ,x}D_ψ(x) ∇_x D_ψ(x)] and ∇_ψ R2 = γ E_pθ[∇_{ψ,x}D_ψ(x) "
              "∇_x D_ψ(x)] at every (θ, ψ).",
    params=_D3_PARAMS,
    derivation="mescheder2018.md#lemma-d3-the-gradients-of-the-penalties",
)
def check_lemmaD_3(family, regulariser, gamma, radius, seed) -> Outcome:
    """Eqs. (117)–(118) against autodiff of eqs. (114)–(115) at a random point."""
    game = make_game(family, seed)
    spec = fields.Spec(reg=regulariser, gamma=gamma)
    theta, psi = _point(game, seed, radius)
    closed = fields.penalty_grad_closed(game, spec, theta, psi)
    auto = fields.penalty_grad_autodiff(game, spec, theta, psi)
    return equals(0.0, Route(f"eq. ({117 if regulariser == 'R1' else 118}) − autodiff",
                             _max_diff(closed, auto), _rounding(sum(game.dims), auto)),
                  f"∇_ψ {regulariser} in closed form is autodiff's ({family}, γ = {gamma:g})",
                  method="autodiff")


# --- Lemma D.4 ------------------------------------------------------------------

_D4_PARAMS = [FAMILY, mf.REGULARISER, mf.GAMMA0, mf.D_OFFSET, mf.SEED]
_D4_DRAWS = mf.mixed_sampler(_D4_PARAMS)


@claim(
    "mescheder2018.lemmaD.4",
    reference="Mescheder et al. 2018, Lemma D.4, eq. (119)",
    statement="Under Assumption I, ∇²_ψ R1(θ*, ψ*) = ∇²_ψ R2(θ*, ψ*) = L_DD := γ "
              "E_pD[∇_{ψ,x}D_ψ* ∇_{ψ,x}D_ψ*ᵀ] and ∇²_{θ,ψ} Ri(θ*, ψ*) = 0.",
    params=_D4_PARAMS,
    expected=_offset_expected,
    sampler=_D4_DRAWS[0],
    strategy_fn=_D4_DRAWS[1],
    derivation="mescheder2018.md#lemma-d4-the-hessians-of-the-penalties",
)
def check_lemmaD_4(family, regulariser, gamma, d_offset, seed) -> Outcome:
    """Eq. (119) and the vanishing mixed block against the autodiff Hessian of Ri."""
    game = make_game(family, seed, d_offset=d_offset)
    unmet = mf.unmet_assumption_i(game, d_offset)
    if unmet is not None:
        return unmet
    hpp, htp = fields.penalty_hessians(game, fields.Spec(reg=regulariser, gamma=gamma))
    ldd = gamma * fields.blocks(game)["mixed_outer"]
    err = _rounding(sum(game.dims), hpp, ldd)
    return all_of(
        equals(0.0, Route("∇²_ψ R − L_DD", _max_diff(hpp, ldd), err),
               f"∇²_ψ {regulariser}(θ*, ψ*) = L_DD (eq. (119); {family}, γ = {gamma:g})",
               method="autodiff"),
        equals(0.0, Route("∇²_{θ,ψ} R", float(np.max(np.abs(htp))), err),
               f"∇²_θψ {regulariser}(θ*, ψ*) = 0", method="autodiff"))


# --- Lemma D.5 ------------------------------------------------------------------

GAMMA_POS = Real("gamma", 1.0, low=0.0, high=1e3, low_open=True, sample_low=0.01,
                 sample_high=5.0, doc="regularisation weight γ > 0")
_D5_PARAMS = [FAMILY, GAMMA_POS, *F_PARAMS, mf.SEED]


def _d5_expected(params) -> Verdict:
    """holds where f'(0) ≠ 0, f''(0) < 0 (Assumption II) and the family satisfies Assumption
    III (not line-affine); inapplicable elsewhere."""
    ok = mf.assumption_ii_expected(params) and params["family"] not in WEAK_FAMILIES
    return Verdict.HOLDS if ok else Verdict.INAPPLICABLE


def _normal_D(man: analysis.Manifolds, m: int) -> np.ndarray:
    normal, _ = (spectra.null_space(man.tangent_D.T, analysis.RANK_RTOL)
                 if man.tangent_D.size else (np.eye(m), None))
    return normal


@claim(
    "mescheder2018.lemmaD.5",
    reference="Mescheder et al. 2018, Lemma D.5, eqs. (121)–(123)",
    statement="Under Assumptions II and III, vᵀ M_DD v < 0 for every v ≠ 0 not in the "
              "tangent space of M_D at ψ*, where M_DD = K_DD − L_DD (eq. (120)).",
    params=_D5_PARAMS,
    expected=_d5_expected,
    derivation="mescheder2018.md#lemma-d5-m_dd-is-negative-definite-off-t-m_d",
)
def check_lemmaD_5(family, gamma, f, a, f1, f2, seed) -> Outcome:
    """λ_max of M_DD (the ψψ block of the autodiff Jacobian of ṽ1) on the normal space of
    M_D, with the closed form K_DD − L_DD of eqs. (111), (119) as a second route."""
    game = make_game(family, seed)
    fp = dict(f=f, a=a, f1=f1, f2=f2)
    ok, d1, d2 = mf.assumption_ii(fp)
    if not ok:
        return Outcome.inapplicable("Assumption II: f'(0) ≠ 0 and f''(0) < 0",
                                    {"f1": d1, "f2": d2})
    man = analysis.manifolds(game)
    failed, wit = mf.assumption_iii(man)
    if failed:
        return mf.unmet(failed, wit)
    n, m = game.dims
    J = fields.jacobian(game, mf.spec_for(fp, "R1", gamma))
    closed = fields.closed_jacobian(game, d1, d2, gamma)[n:, n:]
    ND = _normal_D(man, m)
    auto = np.linalg.eigvalsh(ND.T @ (0.5 * (J[n:, n:] + J[n:, n:].T)) @ ND)
    err = _rounding(n + m, J, closed) * m
    top = -float(np.max(auto)) if auto.size else np.inf
    return all_of(
        equals(0.0, Route("M_DD (jacfwd) − K_DD + L_DD", _max_diff(J[n:, n:], closed), err),
               "the ψψ block of ṽ1' is K_DD − L_DD (eqs. (111), (119))", method="autodiff"),
        positive(top, err, f"{family}, γ = {gamma:g}: max vᵀM_DD v over unit v ⟂ T M_D is "
                 f"{-top:.4g} < 0", witness={"normal_eigenvalues_MDD": auto.tolist()},
                 method="autodiff")).with_witness(**wit)


# --- Lemma D.6 ------------------------------------------------------------------

_D6_PARAMS = [FAMILY, *F_PARAMS, mf.SEED]


def _d6_expected(params) -> Verdict:
    """holds where the family satisfies Assumption III (not line-affine) and f'(0) ≠ 0;
    refuted where f'(0) = 0 (K_DG = 0 although III holds: the lemma needs f'(0) ≠ 0);
    inapplicable for line-affine."""
    if params["family"] in WEAK_FAMILIES:
        return Verdict.INAPPLICABLE
    return Verdict.HOLDS if f_derivatives_of(params)[0] != 0.0 else Verdict.REFUTED


@claim(
    "mescheder2018.lemmaD.6",
    reference="Mescheder et al. 2018, Lemma D.6, eq. (127)",
    statement="Under Assumption III, K_DG w ≠ 0 for every w ≠ 0 not in the tangent space of "
              "M_G at θ*, and K_DG w = f'(0) ∂_w g(θ*) (eq. (127)).",
    params=_D6_PARAMS,
    expected=_d6_expected,
    erratum="The proof needs f'(0) ≠ 0 (the first half of Assumption II), which the lemma "
            "does not assume: with f'(0) = 0, K_DG = 0 under Assumption III.",
    derivation="mescheder2018.md#lemma-d6-k_dg-is-injective-off-t-m_g",
)
def check_lemmaD_6(family, f, a, f1, f2, seed) -> Outcome:
    """σ_min of the ψθ block of the autodiff Jacobian of v on the normal space of M_G, and
    eq. (127) against f'(0)·∇g."""
    game = make_game(family, seed)
    man = analysis.manifolds(game)
    failed, wit = mf.assumption_iii(man)
    if failed:
        return mf.unmet(failed, wit)
    fp = dict(f=f, a=a, f1=f1, f2=f2)
    d1, _ = mf.computable_derivatives(fp)
    n, _ = game.dims
    J = fields.jacobian(game, mf.spec_for(fp, "none", 0.0))
    kdg = J[n:, :n]
    closed = d1 * fields.blocks(game)["dg"]
    NG, _ = (spectra.null_space(man.tangent_G.T, analysis.RANK_RTOL)
             if man.tangent_G.size else (np.eye(n), None))
    sv = np.linalg.svd(kdg @ NG, compute_uv=False)
    err = 64 * J.shape[0] * EPS * float(np.max(np.abs(closed)))
    identity = equals(0.0, Route("K_DG (jacfwd) − f'(0)∇g", _max_diff(kdg, closed), err),
                      "K_DG w = f'(0) ∂_w g(θ*) (eq. (127))", method="autodiff")
    if d1 == 0.0:
        return all_of(identity, Outcome(
            margin=0.0, tolerance=0.0, method="autodiff", verdict=Verdict.REFUTED,
            statement=f"{family}: f'(0) = 0, so K_DG = f'(0)∇g = 0 although Assumption III "
                      "holds")).with_witness(**wit)
    return all_of(identity, positive(
        float(sv[-1]), err * n, f"{family}, f'(0) = {d1:g}: σ_min(K_DG) on the normal space "
        f"of M_G is {sv[-1]:.4g} > 0", witness={"singular_values": sv.tolist()},
        method="autodiff")).with_witness(**wit)


# --- Remark D.7 -----------------------------------------------------------------

_D7_PARAMS = [STRONG_FAMILY, mf.REGULARISER, mf.METHOD, mf.GAMMA0, mf.H_FRACTION, mf.D_OFFSET,
              mf.SEED]
_D7_DRAWS = mf.mixed_sampler(_D7_PARAMS)


def _d7_expected(params) -> Verdict:
    """holds where γ > 0 and d_offset = 0 (Assumption I); inapplicable elsewhere."""
    return (Verdict.HOLDS if params["gamma"] > 0 and params["d_offset"] == 0.0
            else Verdict.INAPPLICABLE)


@claim(
    "mescheder2018.remarkD.7",
    reference="Mescheder et al. 2018, Remark D.7, eqs. (133)–(137)",
    statement="For f(t) = t, with h replaced by h̃(ψ) = E_pD‖∇_x D_ψ(x)‖² and M_D by "
              "M̃_D = {h̃ = 0} in Assumption III, the conclusions of Theorem 4.1 hold: SimGD "
              "and AltGD for ṽ1, ṽ2 converge to M_G × M̃_D near (θ*, ψ*), at least linearly.",
    params=_D7_PARAMS,
    expected=_d7_expected,
    sampler=_D7_DRAWS[0],
    strategy_fn=_D7_DRAWS[1],
    derivation="mescheder2018.md#remark-d7-wasserstein-f",
)
def check_remarkD_7(family, regulariser, method, gamma, h_fraction, d_offset, seed) -> Outcome:
    """Theorem 4.1's decision with f(t) = t and the chart of M̃_D (gradients only)."""
    game = make_game(family, seed, d_offset=d_offset)
    unmet = mf.unmet_assumption_i(game, d_offset)
    if unmet is not None:
        return unmet
    spec = fields.Spec(fkind="wgan", reg=regulariser, gamma=gamma)
    if not gamma > 0:
        return mf.inapplicable_with_spectrum("γ > 0 (the penalty)", game, spec, "h_tilde")
    man = analysis.manifolds(game, "h_tilde")
    failed, wit = mf.assumption_iii(man)
    if failed:
        return mf.unmet(failed + " (with h̃, M̃_D)", wit)
    return mf.convergence(game, spec, method, h_fraction,
                          f"{family}, f(t) = t, {regulariser} (γ = {gamma:g}), {method}",
                          mode="h_tilde", man=man, extra=wit, seed=seed)


# --- Remark D.8 -----------------------------------------------------------------

C1 = Real("c1", 0.25, low=-10.0, high=10.0, sample_low=-0.2, sample_high=1.0,
          thresholds=(0.0,), doc="w1(0) of R3 (weight on p_θ), w1(t) = c1 + d1 t")
D1 = Real("d1", -0.25, low=-10.0, high=10.0, sample_low=-1.0, sample_high=1.0,
          doc="w1'(0) of R3")
C2 = Real("c2", 0.25, low=-10.0, high=10.0, sample_low=-0.2, sample_high=1.0,
          thresholds=(0.0,), doc="w2(0) of R3 (weight on p_D), w2(t) = c2 + d2 t")
D2 = Real("d2", 0.25, low=-10.0, high=10.0, sample_low=-1.0, sample_high=1.0,
          doc="w2'(0) of R3")
_D8_PARAMS = [STRONG_FAMILY, C1, D1, C2, D2, mf.METHOD, mf.H_FRACTION, *F_PARAMS, mf.SEED]


def _d8_expected(params) -> Verdict:
    """holds where w1(0) = c1 > 0, w2(0) = c2 > 0, f'(0) ≠ 0 and f''(0) < 0; inapplicable
    elsewhere."""
    ok = params["c1"] > 0 and params["c2"] > 0 and mf.assumption_ii_expected(params)
    return Verdict.HOLDS if ok else Verdict.INAPPLICABLE


@claim(
    "mescheder2018.remarkD.8",
    reference="Mescheder et al. 2018, Remark D.8, eqs. (139)–(140)",
    statement="With R3 = E_pθ[w1(D)‖∇_x D‖²] + E_pD[w2(D)‖∇_x D‖²], w1(0) > 0 and w2(0) > 0, "
              "∇²_{θ,ψ} R3(θ*, ψ*) = 0, ∇²_ψ R3(θ*, ψ*) = 2(w1(0) + w2(0)) "
              "E_pD[∇_{ψ,x}D ∇_{ψ,x}Dᵀ], and the conclusions of Theorem 4.1 hold.",
    params=_D8_PARAMS,
    expected=_d8_expected,
    erratum="Eq. (140) prints ∇²_ψ R3 = (w1(0) + w2(0)) L_DD/γ; with L_DD of eq. (119) it is "
            "2(w1(0) + w2(0)) L_DD/γ (w1 = w2 = γ/4 gives R3 = R1 at p_θ = p_D).",
    derivation="mescheder2018.md#remark-d8-weighted-penalties",
)
def check_remarkD_8(family, c1, d1, c2, d2, method, h_fraction, f, a, f1, f2, seed) -> Outcome:
    """Eq. (140) (corrected) against the autodiff Hessian of R3, then Theorem 4.1's decision
    for the R3-regularised field."""
    fp = dict(f=f, a=a, f1=f1, f2=f2)
    ok, v1, v2 = mf.assumption_ii(fp)
    if not ok:
        return Outcome.inapplicable("Assumption II: f'(0) ≠ 0 and f''(0) < 0",
                                    {"f1": v1, "f2": v2})
    if not (c1 > 0 and c2 > 0):
        return Outcome.inapplicable("w1(0) > 0 and w2(0) > 0", {"c1": c1, "c2": c2})
    game = make_game(family, seed)
    spec = mf.spec_for(fp, "R3", 1.0, (c1, d1, c2, d2))
    hpp, htp = fields.penalty_hessians(game, spec)
    closed = 2.0 * (c1 + c2) * fields.blocks(game)["mixed_outer"]
    err = _rounding(sum(game.dims), hpp, closed)
    man = analysis.manifolds(game)
    failed, wit = mf.assumption_iii(man)
    if failed:
        return mf.unmet(failed, wit)
    return all_of(
        equals(0.0, Route("∇²_ψ R3 − 2(w1(0)+w2(0))E[…]", _max_diff(hpp, closed), err),
               "∇²_ψ R3(θ*, ψ*) = 2(w1(0) + w2(0)) E_pD[∇_ψ,x D ∇_ψ,x Dᵀ]", method="autodiff"),
        equals(0.0, Route("∇²_θψ R3", float(np.max(np.abs(htp))), err),
               "∇²_θψ R3(θ*, ψ*) = 0", method="autodiff"),
        mf.convergence(game, spec, method, h_fraction,
                       f"{family}, R3 (w(0) = {c1:g}, {c2:g}), {method}", man=man, extra=wit,
                       seed=seed))
