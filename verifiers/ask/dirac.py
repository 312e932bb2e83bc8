"""The Dirac-GAN with any activation (Mescheder, Geiger & Nowozin 2018, Definition 2.1).

``L(θ, ψ) = f(ψθ) + f(0)`` (eq. (1)) with ``f`` a Python callable (jax-traceable) or an
expression string in ``t`` parsed by sympy (``"tanh(t)"``, ``"-log(1+exp(-t))"``): the
string is turned into a jax function (:mod:`verifiers.ask.symbolic`) and ``f'(0)``,
``f''(0)`` are exact sympy derivatives (autodiff for a callable).

At the equilibrium every 2-D variant has the Jacobian ``J = [[a, −f'(0)], [f'(0), d]]``
(:func:`theory.dirac.equilibrium.jacobian_at_equilibrium`, a closed form in f'(0), f''(0)
and the hyperparameters), held here against ``jax.jacfwd`` of the variant's own field
(:func:`theory.dirac.fields.make_field`) with the activation itself. Update operators:
SimGD ``I + hJ`` (Lemma A.4: stable iff ``h < 2|Re μ|/|μ|²`` for every eigenvalue μ of J
with Re μ < 0), AltGD ``(I + hV₂)^{n_d}(I + hV₁)^{n_g}`` (eqs. (30)–(34); on the
unregularised field ``|λ| = 1`` for ``√(n_g n_d) h|f'(0)| ≤ 2`` and ``> 1`` beyond,
Lemma 2.5), the flow ``ẋ = v(x)`` (stable iff ``max Re λ(J) < 0``).

:func:`stability_region` evaluates a whole 1-D or 2-D grid over any two of the
hyperparameters, ``h``, ``n_g``, ``n_d`` in one ``jax.vmap``: spectral radius (or
``max Re λ``), margin ``1 − ρ`` (or ``−max Re λ``), verdict ``stable`` / ``unstable`` /
``undecided`` (``|margin|`` within the rounding bound), the numerical boundary, and the
closed-form threshold where one exists.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from theory.dirac.equilibrium import jacobian_at_equilibrium
from theory.dirac.fields import HYPER, METHODS, make_field
from theory.dirac.objectives import DEFAULTS
from theory.dirac.operators import altgd_jacobian
from verifiers.ask.symbolic import parse, to_jax
from verifiers.certificate import Certificate
from verifiers.outcomes import Route, equals
from verifiers.params import Integer, Real, show

T = sp.Symbol("t", real=True)
EPS = float(np.finfo(float).eps)
METHODS_MAP = ("simgd", "altgd", "flow")
VARIANTS = METHODS
UNREGULARISED = ("gan", "nonsaturating", "wgan")
AXES = {"gamma": Real("gamma", 1.0, low=0.0, doc="regularisation weight gamma"),
        "sigma": Real("sigma", 1.0, low=0.0, low_open=True, doc="instance-noise std sigma"),
        "g0": Real("g0", 1.0, doc="WGAN-GP target norm g0"),
        "k": Real("k", 1.0, doc="DRAGAN target norm k"),
        "psi1": Real("psi1", 1.0, doc="energy-solution critic coefficient psi1"),
        "h": Real("h", 0.1, low=0.0, low_open=True, doc="learning rate h"),
        "n_g": Integer("n_g", 1, low=1, high=100, doc="generator steps n_g"),
        "n_d": Integer("n_d", 1, low=1, high=100, doc="discriminator steps n_d")}
"""Every quantity a stability map can vary, with its admissible range."""
AUTODIFF_ERROR = 1e-11
"""Relative error bound of a forward-mode Jacobian of a field built from a few dozen float64
operations (Gauss–Hermite sums for instance noise: exact at the equilibrium)."""
REFERENCE = "Mescheder et al. 2018, Definition 2.1, Lemmas 2.2-2.5, 3.2, 3.3, A.4, C.1-C.4"


# ----------------------------------------------------------------- activations


@dataclass(frozen=True, eq=False)
class Activation:
    """``f`` as a jax function with ``f(0), f'(0), f''(0)`` (``expr``: the sympy form)."""

    fn: Callable
    text: str
    f0: float
    f1: float
    f2: float
    expr: sp.Expr | None = None

    def __call__(self, t):
        return self.fn(t)


NAMED = {"standard": "-log(1 + exp(-t))", "wgan": "t"}


def activation(f) -> Activation:
    """An :class:`Activation` from an expression string in ``t`` (or ``"standard"``,
    ``"wgan"``), an :class:`Activation` or a jax-traceable callable ``R → R``."""
    if isinstance(f, Activation):
        return f
    if isinstance(f, str):
        return _from_text(f)
    if not callable(f):
        raise ValueError(f"f={show(f)} must be an expression string in t or a callable")
    try:
        zero = jnp.float64(0.0)
        vals = (f(zero), jax.grad(f)(zero), jax.grad(jax.grad(f))(zero))
        nums = [float(v) for v in vals]
    except Exception as exc:  # noqa: BLE001 - any failure of user code is a bad argument
        raise ValueError(f"f: the callable must be jax-traceable R -> R "
                         f"({type(exc).__name__})") from None
    if not all(math.isfinite(v) for v in nums):
        raise ValueError(f"f must be smooth at 0: f(0), f'(0), f''(0) = {nums}")
    return Activation(f, getattr(f, "__name__", "callable"), *nums)


@lru_cache(maxsize=64)
def _from_text(f: str) -> Activation:
    """An expression string: sympy derivatives at 0, jax function (cached per string)."""
    expr = parse(NAMED.get(f, f), T, "f")
    vals = [expr.subs(T, 0), sp.diff(expr, T).subs(T, 0), sp.diff(expr, T, 2).subs(T, 0)]
    nums = [complex(sp.N(v, 30)) if v.is_finite is not False else math.inf for v in vals]
    if not all(math.isfinite(abs(z)) and abs(z.imag) < 1e-30 for z in nums):
        raise ValueError(f"f={show(f)} must be smooth at 0: f(0), f'(0), f''(0) = "
                         f"{[str(v) for v in vals]}")
    return Activation(to_jax(expr, T), f, *(z.real for z in nums), expr=expr)


def _variant(variant: str) -> str:
    if variant not in VARIANTS:
        raise ValueError(f"variant={show(variant)} is not a Dirac-GAN variant; variants: "
                         f"{', '.join(VARIANTS)}")
    return variant


def _hyper(variant: str, values: dict) -> dict:
    allowed = HYPER.get(variant, ()) + (("psi1",) if variant == "energy" else ())
    out = {}
    for name, value in values.items():
        if name not in allowed:
            raise ValueError(f"variant {variant!r} has no hyperparameter {name!r}; "
                             f"hyperparameters: {', '.join(allowed) or 'none'}")
        out[name] = AXES[name].check(value)
    return out


def _state(variant: str, psi1: float) -> jnp.ndarray:
    return jnp.array([0.0, psi1, 0.0]) if variant == "energy" else jnp.zeros(2)


def _closed(variant: str, act: Activation, hyper: dict):
    return jacobian_at_equilibrium(variant, act.f1, act.f2, {**DEFAULTS, **hyper},
                                   hyper.get("psi1", 1.0))


@lru_cache(maxsize=64)
def _autodiff(variant: str, act: Activation):
    """``jax.jacfwd`` of the variant's field with the activation (jitted, cached)."""
    return jax.jit(jax.jacfwd(make_field(variant, act.fn)))


def _eig(M) -> jnp.ndarray:
    """Eigenvalues: from trace and determinant for 2 × 2 (exact up to rounding, also at a
    defective double root), LAPACK for 3 × 3."""
    if M.shape[-1] == 2:
        tau, delta = M[0, 0] + M[1, 1], M[0, 0] * M[1, 1] - M[0, 1] * M[1, 0]
        root = jnp.sqrt(tau**2 / 4.0 - delta + 0j)
        return jnp.stack([tau / 2.0 + root, tau / 2.0 - root])
    return jnp.linalg.eigvals(M)


def rounding_bound(M) -> float:
    """A-priori error of the eigenvalues' moduli: ``√ε·(1 + max|M|)`` for 2 × 2 (the
    square root of a discriminant computed to ``ε·scale²``), ``ε^{1/3}·…`` for 3 × 3."""
    power = 0.5 if M.shape[-1] == 2 else 1.0 / 3.0
    return 4.0 * EPS**power * (1.0 + jnp.max(jnp.abs(M), axis=(-2, -1)))


def simgd_h_max(eigs) -> float:
    """Lemma A.4: ``min 2|Re μ|/|μ|²`` over the eigenvalues (0 if some Re μ ≥ 0; the
    zero eigenvalue of the energy solution's manifold is skipped)."""
    mu = np.asarray(eigs)
    mu = mu[np.abs(mu) > 1e-300]
    if mu.size == 0 or np.any(mu.real >= 0):
        return 0.0
    return float(np.min(2.0 * np.abs(mu.real) / np.abs(mu) ** 2))


def dirac_spectrum(variant: str, f="standard", **hyper) -> Certificate:
    """Certificate of "the Jacobian of VARIANT's field at the equilibrium is the closed form
    ``[[a, −f'(0)], [f'(0), d]]``" for the activation ``f``: the closed form against
    ``jax.jacfwd`` of the field itself. The witness has ``jacobian``, ``eigenvalues``,
    ``f1``, ``f2`` and the thresholds (``simgd_h_max``, ``altgd_h_max`` for the
    unregularised variants, ``sigma_crit`` / ``gamma_crit`` where they exist)."""
    variant = _variant(variant)
    act = activation(f)
    hy = _hyper(variant, hyper)
    full = {**DEFAULTS, **hy}
    Jc = np.asarray(_closed(variant, act, hy))
    Ja = np.asarray(_autodiff(variant, act)(_state(variant, hy.get("psi1", 1.0)), full))
    err = AUTODIFF_ERROR * (1.0 + float(np.max(np.abs(Jc))))
    diff = float(np.max(np.abs(Jc - Ja)))
    eigs = np.asarray(_eig(jnp.asarray(Jc)))
    thresholds = {"simgd_h_max": simgd_h_max(eigs)}
    if variant in UNREGULARISED and act.f1 != 0:
        thresholds["altgd_h_max"] = 2.0 / abs(act.f1)
    if variant == "instance_noise" and act.f2 != 0:
        thresholds["sigma_crit"] = math.sqrt(abs(act.f1) / abs(act.f2))
    if variant in ("gradient_penalty", "wgan_gp", "dragan"):
        thresholds["gamma_crit"] = 2.0 * abs(act.f1)
    witness = {"variant": variant, "f": act.text, "f0": act.f0, "f1": act.f1, "f2": act.f2,
               "jacobian": Jc, "jacobian_autodiff": Ja, "eigenvalues": eigs,
               "max_re": float(np.max(eigs.real)), **thresholds}
    statement = (f"the Jacobian of the {variant} field at the equilibrium with f = {act.text} "
                 f"is the closed form (max |closed - autodiff| = {diff:.3g}); eigenvalues "
                 f"{', '.join(f'{z:.6g}' for z in eigs)}")
    out = equals(0.0, Route("max |closed form - autodiff|", diff, err), statement,
                 witness=witness, method="closed form + jax.jacfwd of the field")
    return Certificate(claim="ask.dirac_spectrum", params={"variant": variant, "f": act.text,
                                                          **hy},
                       verdict=out.final_verdict(), margin=out.margin, tolerance=out.tolerance,
                       witness=dict(out.witness), method=out.method, statement=out.statement,
                       reference=REFERENCE)


# ----------------------------------------------------------------- stability maps


def axis(spec, name_hint: str = "x") -> tuple[str, np.ndarray]:
    """``("gamma", lo, hi, n)`` or ``"gamma=LO:HI:N"`` → ``(name, values)``."""
    if isinstance(spec, str):
        name, sep, rng = spec.partition("=")
        parts = rng.split(":")
        if not sep or len(parts) != 3:
            raise ValueError(f"--{name_hint} {spec!r} must read NAME=LO:HI:N")
        try:
            spec = (name, float(parts[0]), float(parts[1]), int(parts[2]))
        except ValueError:
            raise ValueError(f"--{name_hint} {spec!r}: LO, HI must be numbers and N an "
                             f"integer") from None
    if not (isinstance(spec, (tuple, list)) and len(spec) == 4):
        raise ValueError(f"{name_hint}={show(spec)} must be (name, lo, hi, n)")
    name, lo, hi, n = spec
    if name not in AXES:
        raise ValueError(f"{name_hint}: {show(name)} is not a map axis; axes: "
                         f"{', '.join(AXES)}")
    n = Integer(f"{name_hint}.n", 2, low=1, high=2000).check(n)
    lo, hi = AXES[name].check(lo), AXES[name].check(hi)
    if hi < lo:
        raise ValueError(f"{name_hint}: {name} range [{lo!r}, {hi!r}] must have lo <= hi")
    vals = np.linspace(lo, hi, n)
    if isinstance(AXES[name], Integer):
        vals = np.unique(np.round(vals)).astype(float)
    return name, vals


@dataclass
class StabilityMap:
    """A stability map: axes, per-cell radius (ρ, or max Re λ for the flow), margin,
    verdict, tolerance, the numerical boundary and the closed-form threshold."""

    variant: str
    f: str
    method: str
    x: tuple[str, np.ndarray]
    y: tuple[str, np.ndarray] | None
    radius: np.ndarray
    margin: np.ndarray
    tolerance: np.ndarray
    verdict: np.ndarray
    boundary: list
    threshold: list | None
    fixed: dict = field(default_factory=dict)
    crosscheck: float = 0.0

    def to_dict(self) -> dict:
        """The JSON of ``ganeq map``: ``x``, ``y``, ``verdict``, ``margin``, ``boundary``, …"""
        def ax(a):
            return None if a is None else {"name": a[0], "values": a[1].tolist()}

        return {"x": ax(self.x), "y": ax(self.y), "verdict": self.verdict.tolist(),
                "margin": _finite(self.margin), "radius": _finite(self.radius),
                "tolerance": _finite(self.tolerance), "boundary": self.boundary,
                "threshold": self.threshold, "variant": self.variant, "f": self.f,
                "method": self.method, "fixed": self.fixed,
                "max_closed_vs_autodiff": self.crosscheck}

    def to_json(self, **kw) -> str:
        return json.dumps(self.to_dict(), allow_nan=False, **kw)

    def counts(self) -> dict:
        vals, n = np.unique(self.verdict, return_counts=True)
        return {str(v): int(c) for v, c in zip(vals, n, strict=True)}

    def figure(self):
        """A matplotlib Figure (built without pyplot: no backend is chosen here)."""
        from matplotlib.colors import ListedColormap
        from matplotlib.figure import Figure

        fig = Figure(figsize=(6.0, 4.5))
        ax = fig.add_subplot()
        code = {"stable": 0, "undecided": 1, "unstable": 2}
        grid = np.vectorize(code.get)(self.verdict).astype(float)
        cmap = ListedColormap(["#9fd49f", "#d9d9d9", "#f2a29a"])
        xs = self.x[1]
        if self.y is None:
            ax.pcolormesh(_edges(xs), [0.0, 1.0], grid[None, :], cmap=cmap, vmin=0, vmax=2)
            ax.set_yticks([])
        else:
            ax.pcolormesh(_edges(xs), _edges(self.y[1]), grid, cmap=cmap, vmin=0, vmax=2)
            ax.set_ylabel(self.y[0])
        if self.boundary:
            b = np.asarray(self.boundary)
            ax.plot(b[:, 0], b[:, 1] if self.y is not None else np.full(len(b), 0.5), "k.",
                    ms=3, label="boundary (grid)")
        if self.threshold:
            c = np.asarray(self.threshold, dtype=float)
            ax.plot(c[:, 0], c[:, 1], "b-", lw=1.5, label="closed-form threshold")
        ax.set_xlabel(self.x[0])
        ax.set_title(f"{self.variant}, f = {self.f}, {self.method} "
                     f"(green stable, red unstable, grey undecided)", fontsize=8)
        if self.boundary or self.threshold:
            ax.legend(fontsize=7, loc="best")
        return fig

    def _repr_png_(self) -> bytes:
        """Jupyter shows a map as its picture (rendered to PNG, no backend chosen)."""
        buf = io.BytesIO()
        self.figure().savefig(buf, format="png", dpi=100)
        return buf.getvalue()

    def save(self, out: Path) -> dict:
        """Write ``map.png`` and ``map.json`` into ``out``; returns their paths."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        self.figure().savefig(out / "map.png", dpi=120)
        (out / "map.json").write_text(self.to_json(indent=1))
        return {"png": str(out / "map.png"), "json": str(out / "map.json")}


def _finite(a) -> list:
    return np.where(np.isfinite(a), a, np.sign(a) * 1e308).tolist()


def _edges(v: np.ndarray) -> np.ndarray:
    if v.size == 1:
        return np.array([v[0] - 0.5, v[0] + 0.5])
    mid = 0.5 * (v[1:] + v[:-1])
    return np.concatenate([[2 * v[0] - mid[0]], mid, [2 * v[-1] - mid[-1]]])


def transversal(variant: str, J):
    """The energy solution's Jacobian without the ψ1 row and column (both zero: ψ1 moves
    along the manifold of equilibria), i.e. the block on (θ, ψ2); other variants as is."""
    if variant != "energy":
        return J
    keep = jnp.array([0, 2])
    return J[..., keep, :][..., :, keep]


def _operator(method: str, J, h, n_g, n_d):
    if method == "simgd":
        return jnp.eye(J.shape[-1]) + h * J
    return altgd_jacobian(J, h, n_g.astype(jnp.int32), n_d.astype(jnp.int32))


def _grid_values(variant, act, method, names, grids, fixed):
    """Per cell: radius, margin, tolerance, and the autodiff-vs-closed discrepancy."""
    hyper_names = HYPER.get(variant, ()) + (("psi1",) if variant == "energy" else ())
    flat = {n: jnp.asarray(g.ravel()) for n, g in zip(names, grids, strict=True)}
    size = grids[0].size

    def col(name, default):
        return flat.get(name, jnp.full(size, float(fixed.get(name, default))))

    hyper = {n: col(n, DEFAULTS.get(n, 1.0)) for n in hyper_names}
    h, n_g, n_d = col("h", 0.1), col("n_g", 1), col("n_d", 1)
    f1, f2 = act.f1, act.f2

    def closed(hy, _):
        return jacobian_at_equilibrium(variant, f1, f2, {**DEFAULTS, **hy}, hy.get("psi1", 1.0))

    J = jax.vmap(closed)(hyper, h)
    field_jac = _autodiff(variant, act)
    Ja = jax.vmap(lambda hy, _: field_jac(_state(variant, hy.get("psi1", 1.0)),
                                          {**DEFAULTS, **hy}))(hyper, h)
    discrepancy = jnp.max(jnp.abs(J - Ja), axis=(-2, -1))
    J = transversal(variant, J)
    if method == "flow":
        M = J
        radius = jnp.max(jax.vmap(_eig)(M).real, axis=1)
        margin = -radius
    else:
        M = jax.vmap(lambda a, b, c, d: _operator(method, a, b, c, d))(J, h, n_g, n_d)
        radius = jnp.max(jnp.abs(jax.vmap(_eig)(M)), axis=1)
        margin = 1.0 - radius
    tol = rounding_bound(M) + 1e3 * EPS * (1.0 + jnp.max(jnp.abs(J), axis=(-2, -1)))
    shape = grids[0].shape
    return (np.asarray(radius).reshape(shape), np.asarray(margin).reshape(shape),
            np.asarray(tol).reshape(shape), np.asarray(discrepancy).reshape(shape))


def _boundary(xs, ys, margin, verdict) -> list:
    """Points where the verdict changes between neighbouring cells (zero of the margin by
    linear interpolation), along y for each x and along x for each y."""
    pts = []
    sign = np.where(verdict == "stable", 1, np.where(verdict == "unstable", -1, 0))
    grid_y = ys if ys is not None else np.zeros(1)
    m = margin if ys is not None else margin[None, :]
    s = sign if ys is not None else sign[None, :]
    for i in range(m.shape[0]):
        for j in range(m.shape[1] - 1):
            if s[i, j] * s[i, j + 1] < 0:
                a, b = m[i, j], m[i, j + 1]
                w = a / (a - b)
                pts.append([float(xs[j] + w * (xs[j + 1] - xs[j])), float(grid_y[i])])
    for j in range(m.shape[1]):
        for i in range(m.shape[0] - 1):
            if s[i, j] * s[i + 1, j] < 0:
                a, b = m[i, j], m[i + 1, j]
                w = a / (a - b)
                pts.append([float(xs[j]), float(grid_y[i] + w * (grid_y[i + 1] - grid_y[i]))])
    return pts


def _threshold(variant, act, method, x, y, fixed) -> list | None:
    """The closed-form h threshold along the other axis: SimGD ``h_max`` of Lemma A.4;
    AltGD on the unregularised variants ``h = 2/(√(n_g n_d)|f'(0)|)`` (Lemma 2.5)."""
    if y is None or "h" not in (x[0], y[0]) or method == "flow":
        return None
    h_first = x[0] == "h"
    other = y if h_first else x
    out = []
    for val in other[1]:
        params = {**fixed, other[0]: val}
        if method == "simgd":
            hy = {k: v for k, v in params.items() if k not in ("h", "n_g", "n_d")}
            hcrit = simgd_h_max(_eig(transversal(variant, jnp.asarray(_closed(variant, act, hy)))))
        elif variant in UNREGULARISED and act.f1 != 0:
            hcrit = 2.0 / (math.sqrt(params.get("n_g", 1) * params.get("n_d", 1)) * abs(act.f1))
        else:
            return None
        out.append([hcrit, float(val)] if h_first else [float(val), hcrit])
    return out


def stability_region(variant: str, f="standard", x=("h", 0.01, 2.0, 50), y=None,
                     method: str = "simgd", **fixed) -> StabilityMap:
    """The stability map of ``variant`` with activation ``f`` over ``x`` (and ``y``):
    each axis ``(name, lo, hi, n)`` or ``"name=LO:HI:N"`` over the variant's
    hyperparameters (gamma, sigma, g0, k, psi1), ``h``, ``n_g``, ``n_d``; ``method`` one of
    ``simgd``, ``altgd``, ``flow``; ``fixed`` the other quantities. Batched with
    ``jax.vmap`` over the grid."""
    variant = _variant(variant)
    if method not in METHODS_MAP:
        raise ValueError(f"method={show(method)} is outside the admissible range: one of "
                         f"{{{', '.join(METHODS_MAP)}}}")
    act = activation(f)
    x = axis(x, "x")
    y = axis(y, "y") if y is not None else None
    names = [x[0]] + ([y[0]] if y else [])
    if len(set(names)) != len(names):
        raise ValueError(f"x and y must vary different quantities, both are {x[0]!r}")
    step_names = ("h", "n_g", "n_d")
    hyper_names = HYPER.get(variant, ()) + (("psi1",) if variant == "energy" else ())
    for name in names + list(fixed):
        if name in step_names and method == "flow":
            raise ValueError(f"{name} is a step parameter; the flow has none (use method "
                             f"simgd or altgd)")
        if name in ("n_g", "n_d") and method == "simgd":
            raise ValueError(f"{name} is an AltGD parameter (use method altgd)")
        if name not in step_names and name not in hyper_names:
            raise ValueError(f"variant {variant!r} has no hyperparameter {name!r}; "
                             f"hyperparameters: {', '.join(hyper_names) or 'none'}")
    fixed = {k: AXES[k].check(v) for k, v in fixed.items()}
    grids = np.meshgrid(x[1], y[1], indexing="xy") if y else [x[1]]
    radius, margin, tol, disc = _grid_values(variant, act, method, names, grids, fixed)
    verdict = np.where(margin > tol, "stable", np.where(margin < -tol, "unstable", "undecided"))
    verdict = np.where(disc > 1e-8 * (1.0 + np.abs(radius)), "undecided", verdict)
    return StabilityMap(variant, act.text, method, x, y, radius, margin, tol, verdict,
                        _boundary(x[1], y[1] if y else None, margin, verdict),
                        _threshold(variant, act, method, x, y, fixed), fixed,
                        float(np.max(disc)))
