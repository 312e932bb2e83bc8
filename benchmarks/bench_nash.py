"""Nash gaps against the discriminator's best response (Farnia & Ozdaglar 2020, Theorem 1):
ganeq's batched checkers (:mod:`verifiers.nash.batched`) against the same closed forms in
vectorised numpy, on the same random admissible generators (σ = 1.5, t = 1).

- WGAN 1-D: ``gap = m(|x0| + t, 1) − m(|w|u/(σ − |w|), |w|)``, m the folded-normal mean
  (erf closed form, :mod:`theory.gaussian_games.wgan`).
- W2GAN d = 2: Brenier map by a stacked ``np.linalg.eigh`` of ``Σ^{1/2} S Σ^{1/2}``, the
  kernel ``K = (I − 2A)⁻¹`` by a second stacked ``eigh``, the generator's best response
  (projector + trust-region subproblem with the secular equation solved by the same 80-step
  bisection, vectorised over the batch) (:mod:`theory.gaussian_games.w2gan`).
- KL f-GAN d = 2: the Gaussian lemma ``J = E e^{ell_G}`` in closed form for the generator and
  for the same 64 directions ``‖u'‖ = t`` (:mod:`theory.gaussian_games.fgan`), batched over
  instances × directions.

The floor is one batched evaluation of ``V(G, D_G)`` on the same batch.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from scipy.special import erf

from benchmarks._harness import Row, best_times, first_call, nbytes, same
from theory import _config  # noqa: F401
from theory.gaussian_games import fgan, w2gan
from theory.gaussian_games.trs import BISECTION_STEPS
from verifiers.nash import batched

SIGMA, T, D, DIRECTIONS = 1.5, 1.0, 2, 64


def _m(mu, s):
    """Folded-normal mean ``E|N(μ, s²)|`` (s > 0), vectorised."""
    return s * np.sqrt(2 / np.pi) * np.exp(-mu**2 / (2 * s * s)) + mu * erf(mu / (s * np.sqrt(2)))


def wgan_reference(w, u):
    aw = np.abs(w)
    x0 = SIGMA * u / (SIGMA - aw)
    return _m(np.abs(x0) + T, 1.0) - _m(aw * u / (SIGMA - aw), aw)


def _sym_sqrt(S):
    lam, Q = np.linalg.eigh(S)
    return (Q * np.sqrt(np.maximum(lam, 0.0))[:, None, :]) @ Q.transpose(0, 2, 1)


def _bisect(lam, ct):
    """``μ`` with ``‖c̃/(λ + μ)‖ = t`` by the checker's bisection (same bracket, same steps)."""
    lo = np.maximum(0.0, -lam[:, 0]) * (1 + 1e-15) + 1e-300
    hi = np.maximum(lo, np.linalg.norm(ct, axis=1) / T - lam[:, 0]) + 1.0
    for _ in range(BISECTION_STEPS):
        mid = 0.5 * (lo + hi)
        long = np.linalg.norm(ct / (lam + mid[:, None]), axis=1) > T
        lo, hi = np.where(long, mid, lo), np.where(long, hi, mid)
    return -ct / (lam + hi[:, None])


def _trs(lam, Q, c):
    """Batched ``min_{‖v‖≤t} ½vᵀHv + cᵀv`` from ``H = Q diag(λ) Qᵀ`` (λ ascending): the best
    feasible of the interior, boundary and hard-case candidates."""
    ct = np.einsum("nji,nj->ni", Q, c)
    posdef = lam[:, 0] > 0
    interior = -ct / np.where(posdef[:, None], lam, 1.0)
    shift = lam - lam[:, :1]
    part = np.where(shift > 0, -ct / np.where(shift > 0, shift, 1.0), 0.0)
    part[:, 0] = np.sqrt(np.maximum(T * T - np.sum(part * part, axis=1), 0.0))
    cands = np.stack([interior, _bisect(lam, ct), part], axis=1)
    vals = np.sum(0.5 * lam[:, None] * cands**2 + ct[:, None] * cands, axis=2)
    feasible = np.linalg.norm(cands, axis=2) <= T * (1 + 1e-12) + 1e-15
    feasible[:, 0] &= posdef
    return np.min(np.where(feasible, vals, np.inf), axis=1)


def w2gan_reference(S, u):
    """``V(G, D_G) − min_{G'} V(G', D_G)`` for Σ = σ²I (so Σ^{1/2} = σI)."""
    eye = np.eye(D)
    T_G = _sym_sqrt(SIGMA**2 * S) / SIGMA**2
    A, b = 0.5 * (eye - T_G), -u
    mu, Q = np.linalg.eigh(eye - 2.0 * A)
    kap = 1.0 / mu
    K = (Q * kap[:, None, :]) @ Q.transpose(0, 2, 1)
    z = u + b
    tr_a_sigma = SIGMA**2 * np.trace(A, axis1=1, axis2=2)
    v = (tr_a_sigma - 0.5 * np.einsum("nij,nji->n", K, S) - 0.5 * np.einsum("ni,nij,nj->n", z, K, z)
         + 0.5 * np.trace(S, axis1=1, axis2=2) + 0.5 * np.sum(u * u, axis=1))
    s_vals = (kap > 1.0).astype(float)
    trs = _trs(1.0 - kap, Q, -np.einsum("nij,nj->ni", K, b))
    best = (tr_a_sigma - 0.5 * np.einsum("ni,nij,nj->n", b, K, b)
            + 0.5 * np.sum((1.0 - kap) * s_vals, axis=1) + trs)
    return v - best


def _kl_log_mgf(B, beta, gamma, mu, R):
    """``log E e^{ell(Y)}``, ``Y ~ N(μ, RRᵀ)`` (lemma with a = 1), batched over instances."""
    M = np.eye(D) - R @ B @ R
    lam = np.linalg.eigvalsh(M)
    ok = lam[:, 0] > 0
    q = _mv(R, _mv(B, mu) + beta)
    quad = np.sum(q * np.linalg.solve(np.where(ok[:, None, None], M, np.eye(D)), q[..., None])[
        ..., 0], axis=1)
    val = (-0.5 * np.sum(np.log(np.where(ok[:, None], lam, 1.0)), axis=1)
           + 0.5 * np.sum(mu * _mv(B, mu), axis=1) + np.sum(beta * mu, axis=1) + gamma
           + 0.5 * quad)
    return np.where(ok, val, np.inf)


def _mv(M, v):
    return np.einsum("nij,nj->ni", M, v)


def _directions_log_mgf(B, beta, gamma, mus):
    """``log E e^{ell(Y)}`` for ``Y ~ N(μ_k, I)``, every direction k at once: with C = I the
    matrix ``M = I − B`` (its eigenvalues and inverse) is shared by the directions."""
    M = np.eye(D) - B
    lam = np.linalg.eigvalsh(M)
    ok = lam[:, 0] > 0
    Minv = np.linalg.inv(np.where(ok[:, None, None], M, np.eye(D)))
    q = np.einsum("nij,kj->nki", B, mus) + beta[:, None]
    val = (-0.5 * np.sum(np.log(np.where(ok[:, None], lam, 1.0)), axis=1)[:, None] + gamma[:, None]
           + 0.5 * np.einsum("ki,nij,kj->nk", mus, B, mus) + beta @ mus.T
           + 0.5 * np.einsum("nki,nij,nkj->nk", q, Minv, q))
    return np.where(ok[:, None], val, np.inf)


def fgan_kl_reference(S, u, dirs):
    """``max_k J(I, t e_k) − J(S, u)`` for the KL game (Σ = σ²I), batched."""
    Si = np.linalg.inv(S)
    B = Si - np.eye(D) / SIGMA**2
    beta = -np.einsum("nij,nj->ni", Si, u)
    gamma = (0.5 * np.einsum("ni,ni->n", u, -beta)
             + 0.5 * (np.linalg.slogdet(S)[1] - D * np.log(SIGMA**2)))
    with np.errstate(over="ignore"):  # the KL reward overflows to +inf for part of a batch
        own = np.exp(_kl_log_mgf(B, beta, gamma, u, _sym_sqrt(S)))
        return np.exp(_directions_log_mgf(B, beta, gamma, T * dirs)).max(axis=1) - own


def _generators(n: int, d: int):
    return batched.sample_generators(T, key=jax.random.key(0), n=n, d=d)


def _row(name, n, fn, args, reference, ref_args, floor_fn, floor_args, rtol, note=""):
    first, out = first_call(fn, *args)
    gaps = np.asarray(out[0])
    diff = same(gaps, reference(*ref_args), rtol=rtol, atol=1e-12, what=name)
    t, t_ref, floor = best_times((fn, *args), (reference, *ref_args), (floor_fn, *floor_args))
    return Row(name, n, t, first - t, t_ref, "vectorised numpy", floor, nbytes(args, out), diff,
               note=note)


def rows(quick: bool) -> list[Row]:
    n = 1_000 if quick else 10_000
    W1, u1 = _generators(n, 1)
    w, u = W1[:, 0, 0], u1[:, 0]
    out = [_row("WGAN 1-D Nash gap", n, batched.wgan_gaps, (SIGMA, w, u, T),
                wgan_reference, (np.asarray(w), np.asarray(u)),
                batched.wgan_values, (SIGMA, w, u), 1e-13)]

    W, u = _generators(n, D)
    S, Sigma = jnp.einsum("nij,nkj->nik", W, W), SIGMA**2 * jnp.eye(D)
    A, b = jax.vmap(w2gan.discriminator_best_response, in_axes=(0, 0, None))(S, u, Sigma)
    Sn, un = np.asarray(S), np.asarray(u)
    out.append(_row("W2GAN d=2 Nash gap", n, batched.w2gan_gaps, (S, u, Sigma, T),
                    w2gan_reference, (Sn, un), batched.w2gan_values, (A, b, S, u, Sigma), 1e-9))
    dirs = np.asarray(fgan.sphere(D, DIRECTIONS))
    out.append(_row("KL f-GAN d=2 Nash gap", n, batched.fgan_gaps,
                    ("kl", S, u, Sigma, T, DIRECTIONS), fgan_kl_reference, (Sn, un, dirs),
                    batched.fgan_values, ("kl", S, u, Sigma), 1e-9,
                    note=f"both take the best of the same {DIRECTIONS} directions ‖u'‖ = t"))
    return out
