"""Symbolic (sympy) Dirac-GAN fields and Jacobians for a GENERIC f.

f is its degree-4 Taylor polynomial at 0,
``f(t) = c0 + f1 t + f2 t²/2 + f3 t³/6 + f4 t⁴/24``; only ``f1 = f'(0)`` and
``f2 = f''(0)`` survive in the Jacobians at the equilibrium. The objectives
mirror :mod:`theory.dirac.objectives` (same names, same regularisers); the
WGAN-GP / DRAGAN penalty is taken on one side of ψ = 0, with the symbol ``s``
standing for ``sign ψ``. Instance noise is an exact Gaussian expectation
(``E Z^{2j} = (2j − 1)!!``). Each derivation runs once (``functools.cache``);
:func:`jacobian_function` lambdifies it for numpy.

Symbols: ``theta, psi`` (or ``psi1, psi2`` for ``"energy"``), ``c0, f1, f2,
f3, f4``, ``gamma, g0, k, sigma, s``.
"""

from __future__ import annotations

from functools import cache

import sympy as sp

th, ps, ps1, ps2 = sp.symbols("theta psi psi1 psi2", real=True)
c0, f1, f2, f3, f4 = sp.symbols("c0 f1 f2 f3 f4", real=True)
gamma, g0, k, sigma, s = sp.symbols("gamma g0 k sigma s", real=True)
Z = sp.Symbol("Z", real=True)
COEFFS = (c0, f1, f2, f3, f4)
HYPERS = (gamma, g0, k, sigma, s)


def f(t):
    """The generic f: its Taylor polynomial of degree 4 at 0."""
    return c0 + f1 * t + f2 * t**2 / 2 + f3 * t**3 / 6 + f4 * t**4 / 24


def gaussian_expectation(expr):
    """``E expr`` over Z ~ N(0, 1) for a polynomial in Z."""
    poly = sp.Poly(sp.expand(expr), Z)
    return sum(c * (sp.factorial2(n - 1) if n % 2 == 0 else 0) for (n,), c in poly.terms())


def _sigmoid(t):
    return 1 / (1 + sp.exp(-t))


def state(method: str) -> tuple:
    """The state symbols: (θ, ψ1, ψ2) for ``"energy"``, else (θ, ψ)."""
    return (th, ps1, ps2) if method == "energy" else (th, ps)


def _objectives(method: str) -> tuple:
    """(gen_loss, disc_obj) as sympy expressions."""
    base = {
        "full_rank": f(ps * sp.exp(th)) + f(-ps),
        "energy": f(ps1 * th**2 + ps2 * th) + f(0),
        "instance_noise": gaussian_expectation(f(ps * (th + sigma * Z)) + f(-ps * sigma * Z)),
    }.get(method, f(ps * th) + f(0))
    gen = -f(-ps * th) if method == "nonsaturating" else base
    penalty = {
        "wgan_gp": gamma * ps**2 / 2 - gamma * g0 * s * ps,
        "dragan": gamma * ps**2 / 2 - gamma * k * s * ps,
        "gradient_penalty": gamma * ps**2 / 2,
        "roth": gamma / 2 * ((1 - _sigmoid(ps * th)) ** 2 * ps**2 + _sigmoid(0) ** 2 * ps**2),
    }.get(method, 0)
    return gen, base - penalty


@cache
def field(method: str) -> sp.Matrix:
    """The vector field ``v = (−∂_θ gen_loss, ∂_ψ disc_obj)`` (consensus:
    ``v − γ v'ᵀ v``, Lemma C.4)."""
    if method == "consensus":
        v = field("gan")
        return sp.expand(v - gamma * v.jacobian(state("gan")).T * v)
    x = state(method)
    gen, disc = _objectives("gan" if method == "wgan" else method)
    return sp.Matrix([-sp.diff(gen, x[0])] + [sp.diff(disc, p) for p in x[1:]])


@cache
def jacobian(method: str) -> sp.Matrix:
    """``v'(x)`` at a general state, generic f."""
    return field(method).jacobian(state(method))


@cache
def jacobian_at_equilibrium(method: str) -> sp.Matrix:
    """``v'`` at the equilibrium (0, 0); ``(0, ψ1, 0)`` for ``"energy"``;
    the one-sided smooth part (s = 0) for WGAN-GP / DRAGAN."""
    at = {th: 0, ps: 0, ps2: 0, s: 0}
    return sp.simplify(jacobian(method).subs(at))


@cache
def eigenvalues_at_equilibrium(method: str) -> dict:
    """Eigenvalues of :func:`jacobian_at_equilibrium` with multiplicities."""
    return jacobian_at_equilibrium(method).eigenvals()


@cache
def jacobian_function(method: str):
    """numpy ``J(x, coeffs, hyper)``: x the state, coeffs (c0, f1, f2, f3, f4),
    hyper (gamma, g0, k, sigma, s)."""
    fn = sp.lambdify((state(method), COEFFS, HYPERS), jacobian(method), "numpy")
    return fn


def stationarity_residual(method: str) -> sp.Matrix:
    """``v − f'(·)(−ψ, θ)`` for a generic f: eq. (52) for ``"gan"``
    (``v = (−f'(θψ)ψ, f'(θψ)θ)``) and eq. (77) for ``"nonsaturating"``
    (``v = (−f'(−θψ)ψ, f'(θψ)θ)``); expands to the zero vector. So if f' has no
    zero, v vanishes only at (0, 0) (Lemmas 2.2, C.1)."""
    t = sp.Symbol("t", real=True)
    fprime = sp.diff(f(t), t)
    gen = fprime.subs(t, -th * ps if method == "nonsaturating" else th * ps)
    return sp.expand(field(method) - sp.Matrix([-gen * ps, fprime.subs(t, th * ps) * th]))


def simgd_radius_identity_residual() -> sp.Expr:
    """Lemma 2.4: ``r_{k+1}² − (1 + h² f'(θψ)²) r_k²`` for SimGD on the
    unregularised field with an arbitrary function f' (simplifies to 0)."""
    h = sp.Symbol("h", positive=True)
    fp = sp.Function("fprime")(th * ps)
    new_th, new_ps = th - h * fp * ps, ps + h * fp * th
    return sp.simplify(sp.expand(new_th**2 + new_ps**2 - (1 + h**2 * fp**2) * (th**2 + ps**2)))


@cache
def altgd_jacobian(n_g: int, n_d: int) -> sp.Matrix:
    """Eq. (61): ``F_2'(0)^{n_d} F_1'(0)^{n_g}`` with symbols h, f1 (exact integers n_g, n_d)."""
    h = sp.Symbol("h", positive=True)
    F1 = sp.Matrix([[1, -h * f1], [0, 1]])
    F2 = sp.Matrix([[1, 0], [h * f1, 1]])
    return sp.expand(F2**n_d * F1**n_g)
