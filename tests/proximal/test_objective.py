"""The reduced proximal program (theory.proximal.objective): closed-form derivatives
against autodiff, Newton against a brute-force BFGS over (A, b) on the unreduced objective,
optimality conditions, sandwich and monotonicity (derivation:
docs/derivations/farnia2020.md, setting)."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
import scipy.optimize
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from theory.gaussian_ot import Quadratic, ot_cost
from theory.proximal import objective, w2gan
from theory.sobolev import sobolev_inner
from verifiers import tolerances

D = 2
E = objective.vech_basis(D)
seeds = st.integers(0, 2**32 - 1)
etas = st.sampled_from([0.5, 1.0, 1.7])
lams = st.sampled_from([0.01, 0.3, 5.0])


def instance(seed, eta, lam, d=D):
    """Random data N(m, Sx), full-rank generator (SY ≻ 0) and feasible anchor (ηI − A0 ≻ 0)."""
    rng = np.random.default_rng(seed)
    q = np.linalg.qr(rng.standard_normal((d, d)))[0]
    Sx = (q * rng.uniform(0.3, 3.0, d)) @ q.T
    W = rng.standard_normal((d, d))
    W = W / np.linalg.norm(W, 2) * rng.uniform(0.3, 1.0)
    A0 = 0.3 * rng.standard_normal((d, d))
    A0 = 0.5 * (A0 + A0.T)
    A0 = A0 - max(0.0, np.linalg.eigvalsh(A0)[-1] - 0.8 * eta) * np.eye(d)
    return objective.problem(rng.standard_normal(d), Sx, rng.standard_normal(d), W @ W.T,
                             A0, rng.standard_normal(d), eta, lam), W


def full_objective(w, p, W):
    """``V(G, D_w) − λ‖D_w − D0‖²`` in ``w = (vech A, b)`` (no reduction over b)."""
    A, b = jnp.tensordot(w[:3], E, 1), w[3:]
    diff = Quadratic(A - p.A0, b - p.b0)
    return w2gan.value(W, p.u, A, b, p.m, p.Sx, p.eta) - p.lam * sobolev_inner(diff, diff, p.m,
                                                                                p.Sx)


_full_value_and_grad = jax.jit(jax.value_and_grad(full_objective))


def _barrier_in_vech(v, p, mu):
    return objective.barrier_objective(jnp.tensordot(v, E, 1), p, mu)


@jax.jit
def _both_routes(p, mu):
    """Closed-form and autodiff gradient and Hessian at the solver's starting point."""
    A = objective.initial_A(p)
    v = objective.vech(A)
    g, H = objective.derivatives(A, p, mu)
    return g, H, jax.grad(_barrier_in_vech)(v, p, mu), jax.hessian(_barrier_in_vech)(v, p, mu)


@settings(max_examples=examples(8))
@given(seeds, etas, lams, st.sampled_from([0.0, 1e-3]))
def test_closed_form_derivatives_match_autodiff(seed, eta, lam, mu):
    """∇ and Hessian of F + μ log det M (closed form) equal jax.grad / jax.hessian."""
    p, _ = instance(seed, eta, lam)
    g, H, g_auto, H_auto = _both_routes(p, jnp.asarray(mu))
    scale = max(1.0, float(jnp.max(jnp.abs(H))))
    assert float(jnp.max(jnp.abs(g - g_auto))) <= tolerances.CLOSED_FORM * 1e3 * scale
    assert float(jnp.max(jnp.abs(H - H_auto))) <= tolerances.CLOSED_FORM * 1e3 * scale
    assert float(jnp.linalg.eigvalsh(H)[-1]) < 0


@settings(max_examples=examples(6))
@given(seeds, etas, lams)
def test_newton_matches_brute_force_and_moment_conditions(seed, eta, lam):
    """the reduced Newton value equals BFGS over (A, b) of the unreduced objective, and
    the moment-matching optimality conditions of the reduced program hold at the maximiser."""
    p, W = instance(seed, eta, lam)
    sol = objective.solve(p)
    assert float(sol.decrement) <= objective.DECREMENT_STOP

    def neg(w):
        value, grad = _full_value_and_grad(jnp.asarray(w), p, jnp.asarray(W))
        if not np.isfinite(float(value)):
            return 1e10, np.zeros(5)
        return -float(value), -np.asarray(grad)

    w0 = np.concatenate([np.asarray(objective.vech(objective.initial_A(p))), np.asarray(p.b0)])
    brute = scipy.optimize.minimize(neg, w0, jac=True, method="BFGS", options={"gtol": 1e-11})
    assert abs(-brute.fun - float(sol.value)) <= 1e-8 * max(1.0, abs(float(sol.value)))
    assert -brute.fun <= float(sol.value) + tolerances.PROX_NEWTON * max(1.0, abs(brute.fun))
    first, second = objective.moment_residuals(sol, p)
    assert float(jnp.max(jnp.abs(first))) <= 1e-9
    assert float(jnp.max(jnp.abs(second))) <= 1e-8


@settings(max_examples=examples(6))
@given(seeds, etas)
def test_sandwich_and_monotone_in_lambda(seed, eta):
    """V(G, D0) ≤ V^prox_λ(G, D0) ≤ W_η(G), non-increasing in λ; V^prox_λ at the
    optimal discriminator of G equals W_η(G); λ → 0 gives W_η(G)."""
    p, W = instance(seed, eta, 0.1)
    w_eta = float(ot_cost(eta, p.m, p.Sx, p.u, p.SY))
    v0 = float(w2gan.value(jnp.asarray(W), p.u, p.A0, p.b0, p.m, p.Sx, p.eta))
    lam_grid = np.array([1e-6, 0.01, 0.1, 1.0, 10.0])
    values = np.array([float(objective.solve(p._replace(lam=jnp.asarray(lam))).value)
                       for lam in lam_grid])
    tol = tolerances.PROX_NEWTON * max(1.0, w_eta)
    assert np.all(np.diff(values) <= tol)
    assert values[0] <= w_eta + tol and values[-1] >= v0 - tol
    assert abs(values[0] - w_eta) <= 1e-4 * max(1.0, w_eta)


@settings(max_examples=examples(5))
@given(seeds, etas, lams)
def test_moreau_gradient_in_discriminator(seed, eta, lam):
    """∇_w V^prox_λ(G, D_w) = 2λ Gram (w* − w) (central differences, h = 1e-5)."""
    p, _ = instance(seed, eta, lam)
    sol = objective.solve(p)
    w = np.concatenate([np.asarray(objective.vech(p.A0)), np.asarray(p.b0)])
    w_star = np.concatenate([np.asarray(objective.vech(sol.A)), np.asarray(sol.b)])

    def penalty(w):
        diff = Quadratic(jnp.tensordot(w[:3], E, 1), w[3:])
        return sobolev_inner(diff, diff, p.m, p.Sx)

    gram = 0.5 * np.asarray(jax.jit(jax.hessian(penalty))(jnp.asarray(w)))
    closed = 2.0 * lam * gram @ (w_star - w)
    h, fd = 1e-5, []
    for i in range(w.size):
        shifted = []
        for sign in (1.0, -1.0):
            ws = w + sign * h * np.eye(w.size)[i]
            q = p._replace(A0=jnp.tensordot(jnp.asarray(ws[:3]), E, 1), b0=jnp.asarray(ws[3:]))
            shifted.append(float(objective.solve(q).value))
        fd.append((shifted[0] - shifted[1]) / (2 * h))
    err = np.max(np.abs(np.array(fd) - closed)) / max(1.0, np.max(np.abs(closed)))
    assert err <= tolerances.FINITE_DIFFERENCE


def test_barrier_agrees_with_newton_when_interior():
    """With SY ≻ 0 the barrier path's value is within d·μ_min of Newton's."""
    p, _ = instance(3, 1.0, 0.3)
    gap = abs(float(objective.solve_barrier(p).value) - float(objective.solve(p).value))
    assert gap <= tolerances.barrier(float(objective.BARRIER_PATH[-1]), D)


def test_solve_many_is_solve_on_every_instance_across_chunks():
    """:func:`objective.solve_many` (``lax.map`` in chunks of ``BATCH``) gives each instance's
    :func:`objective.solve`, on both sides of a chunk boundary (a batch of BATCH + 3)."""
    k = objective.BATCH + 3
    rng = np.random.default_rng(7)
    S, U, a = rng.uniform(0.1, 1.0, k), rng.uniform(0.0, 1.0, k), rng.uniform(-0.4, 0.4, k)
    ps = objective.problem(np.zeros((k, 1)), np.full((k, 1, 1), 4.0), np.sqrt(U)[:, None],
                           S[:, None, None], a[:, None, None], np.zeros((k, 1)),
                           np.ones(k), np.full(k, 0.7))
    many = np.asarray(objective.solve_many(ps).value)
    assert many.shape == (k,) and np.all(np.isfinite(many))
    for i in (0, 1, objective.BATCH - 1, objective.BATCH, k - 1):
        one = objective.solve(jax.tree.map(lambda x, i=i: x[i], ps))
        assert many[i] == pytest.approx(float(one.value), rel=1e-12, abs=1e-15)


def test_a_stalled_newton_solve_reports_the_decrement_it_did_not_reach():
    """At this scale (Σ_x ~ 5e7, λ ~ 6e-11) rounding makes every step of the backtracking
    ladder fail the Armijo test after 14 steps; the solve stops there and returns the squared
    decrement at its last iterate (it had returned 0, i.e. "converged")."""
    Sx = np.array([[9996885.587607183, 19729361.48141775], [19729361.48141775, 42238421.74069095]])
    SY = np.array([[197.26169251875157, 209.46114099000513],
                   [209.46114099000513, 227.3844833201435]])
    p = objective.problem(np.zeros(2), Sx, np.array([-4344.007116022373, -2514.6844323597693]),
                          SY, np.zeros((2, 2)), np.zeros(2), 147.9365263366927,
                          5.7060993833012675e-11)
    sol = objective.solve(p)
    assert int(sol.iterations) < objective.MAX_ITER
    g, H = objective.derivatives(sol.A, p, jnp.asarray(0.0))
    again = float(-g @ jnp.linalg.solve(H, g))
    assert float(sol.decrement) > objective.DECREMENT_STOP
    assert float(sol.decrement) == pytest.approx(again, rel=1e-3)
