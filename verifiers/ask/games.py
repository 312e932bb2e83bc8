"""Games and players for your own questions (Farnia & Ozdaglar 2020, eqs. (7)–(9)).

Every object validates on construction and raises a one-line ``ValueError`` that
names the argument and its admissible set, so a wrong order, shape or range never
reaches JAX.

Games (data ``X ~ N(0, Σ)``, ``Σ = σ²I_d`` unless ``Sigma`` is given; generator
``G(z) = Wz + u``, ``Z ~ N(0, I_k)``, admissible ``σ_max(W) ≤ 1``, ``‖u‖ ≤ t``):

* ``wgan1d``: eq. (8) in one dimension, ``V(G, D) = E D(X) − E D(G(Z))`` over
  1-Lipschitz critics;
* ``w2gan``: eq. (9) with cost ``½‖x − y‖²`` and c-concave critics, given by their
  quadratic form ``D(x) = xᵀAx + bᵀx`` with ``I − 2A ⪰ 0`` (every best response
  of this game has that form);
* ``w2gan-quadratic``: eq. (9) with cost ``η‖x − y‖²`` (parameter ``eta``) and
  any quadratic critic (symmetric A); ``V = −∞`` when ``ηI − A`` is not ≻ 0;
* ``fgan-<name>``: eq. (7), ``V(G, D) = E D(X) − E f*(D(G(Z)))``, for the library
  divergences ``kl, rkl, js, hellinger, pearson, neyman``; ``fgan-custom`` takes a
  strictly convex ``f`` as a sympy string in ``t``.

Critics (``spec`` dictionaries, the JSON of ``ganeq nash --critic``):
``{"abs": {"c": c, "sign": ±1}}`` (ς|x − c|), ``{"pl": {"x": [...], "y": [...],
"slope_left": s, "slope_right": s}}`` (piecewise linear), a Python callable (1-D
WGAN), ``{"A": [[...]], "b": [...]}`` (W2 games), ``{"best_response_to": {"W":
..., "u": ...}}`` (f-GAN critic ``D_{G'} = f'(p_X/p_{G'})``), ``{"constant": c}``;
``None`` means the discriminator's best response to the generator.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from theory.fdiv import DIVERGENCES, FDivergence
from theory.fdiv import get as get_divergence
from verifiers.params import Integer, Real, show

RTOL = 1e-12
"""Relative slack on ``σ_max(W) ≤ 1``, ``‖u‖ ≤ t``, Lipschitz slopes and ``I − 2A ⪰ 0``
(float64 rounding of an SVD / eigendecomposition is ~1e-15 relative)."""
MAX_DIM = 3
"""Largest dimension of the f-GAN games (their independent route is a tensor quadrature)."""
FGAN_NAMES = tuple(DIVERGENCES)
GAMES = ("wgan1d", "w2gan", "w2gan-quadratic", *(f"fgan-{n}" for n in FGAN_NAMES), "fgan-custom")

SIGMA = Real("sigma", 2.0, low=1e-150, high=1e150,
             doc="data standard deviation (sigma^2 must be a normal float64)")
T = Real("t", 1.0, low=0.0, doc="radius of the generator's mean, ||u|| <= t")
ETA = Real("eta", 0.5, low=0.0, low_open=True, doc="weight of the transport cost eta||x - y||^2")
D_W2 = Integer("d", 1, low=1, high=64, doc="dimension")
D_F = Integer("d", 1, low=1, high=MAX_DIM, doc="dimension")


def array(name: str, value, ndim: int) -> np.ndarray:
    """``value`` as a finite float64 array with ``ndim`` dimensions, else ``ValueError``."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{name}={show(value)} must be a real {ndim}-D array") from None
    if arr.ndim != ndim:
        raise ValueError(f"{name}={show(value)} must be a {ndim}-D array, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name}={show(value)} must be finite (no NaN or inf)")
    return arr


def _spec_keys(name: str, spec: Mapping, allowed: tuple[str, ...]) -> None:
    if not isinstance(spec, Mapping):
        raise ValueError(f"{name}={show(spec)} must be a JSON object with keys {list(allowed)}")
    extra = sorted(set(spec) - set(allowed))
    if extra:
        raise ValueError(f"{name} has unknown key(s) {extra}; admissible keys: {list(allowed)}")


# --------------------------------------------------------------------------- players


@dataclass(frozen=True, eq=False)
class Generator:
    """``G(z) = Wz + u``: ``W`` is d × k with ``σ_max(W) ≤ 1``, ``‖u‖ ≤ t``."""

    W: np.ndarray
    u: np.ndarray

    @property
    def d(self) -> int:
        return self.W.shape[0]

    @property
    def S(self) -> np.ndarray:
        """``S = WWᵀ``, the covariance of ``P_G = N(u, S)``."""
        return self.W @ self.W.T

    @property
    def singular(self) -> bool:
        """``S`` is singular: ``P_G`` has no density."""
        ev = np.linalg.eigvalsh(self.S)
        return bool(ev[0] <= 1e-14 * max(1.0, ev[-1]))

    def spec(self) -> dict:
        if self.d == 1 and self.W.shape[1] == 1:
            return {"w": float(self.W[0, 0]), "u": float(self.u[0])}
        return {"W": self.W.tolist(), "u": self.u.tolist()}


def make_generator(spec, d: int, t: float, name: str = "generator") -> Generator:
    """A :class:`Generator` from ``{"w", "u"}`` (d = 1), ``{"W", "u"}`` or a Generator."""
    if isinstance(spec, Generator):
        spec = {"W": spec.W, "u": spec.u}
    _spec_keys(name, spec, ("w", "u", "W"))
    if "w" in spec and "W" in spec:
        raise ValueError(f"{name}: give either w (1-D) or W, not both")
    if "w" in spec:
        if d != 1:
            raise ValueError(f"{name}.w is for d = 1; this game has d = {d}: give W (d x k)")
        W = array(f"{name}.w", spec["w"], 0).reshape(1, 1)
        u = array(f"{name}.u", spec.get("u", 0.0), 0).reshape(1)
    else:
        W = array(f"{name}.W", spec.get("W", np.eye(d)), 2)
        u = array(f"{name}.u", spec.get("u", np.zeros(d)), 1)
    if W.shape[0] != d or W.shape[1] < 1:
        raise ValueError(f"{name}.W must have d = {d} rows and k >= 1 columns, got shape {W.shape}")
    if u.shape != (d,):
        raise ValueError(f"{name}.u must have length d = {d}, got shape {u.shape}")
    top = float(np.linalg.norm(W, 2))
    if top > 1.0 + RTOL:
        raise ValueError(f"{name}.W has sigma_max(W) = {top:.10g}; admissible: sigma_max(W) <= 1")
    big = float(np.max(np.abs(u))) if u.size else 0.0
    norm = big * float(np.linalg.norm(u / big)) if big > 0 else 0.0  # no overflow of sum u_i^2
    if norm > t * (1.0 + RTOL) + 1e-300:
        raise ValueError(f"{name}.u has norm {norm:.10g}; admissible: ||u|| <= t = {t!r}")
    return Generator(W, u)


# --------------------------------------------------------------------------- critics


@dataclass(frozen=True, eq=False)
class PiecewiseLinear:
    """A 1-Lipschitz piecewise-linear critic: values ``y`` at increasing knots ``x``,
    slopes ``slope_left`` / ``slope_right`` outside; every slope in [−1, 1]."""

    x: np.ndarray
    y: np.ndarray
    slope_left: float = 0.0
    slope_right: float = 0.0
    label: str = "pl"

    @property
    def slopes(self) -> np.ndarray:
        """All slopes, left to right: ``slope_left``, the segments', ``slope_right``."""
        inner = np.diff(self.y) / np.diff(self.x)
        return np.concatenate([[self.slope_left], inner, [self.slope_right]])

    def __call__(self, x):
        x = np.asarray(x, dtype=float)
        inner = np.interp(x, self.x, self.y)
        left = self.y[0] + self.slope_left * (x - self.x[0])
        right = self.y[-1] + self.slope_right * (x - self.x[-1])
        return np.where(x < self.x[0], left, np.where(x > self.x[-1], right, inner))

    def derivative(self, x):
        """``D'(x)`` (right derivative at the knots)."""
        k = np.searchsorted(self.x, np.asarray(x, dtype=float), side="right")
        return self.slopes[k]

    def spec(self) -> dict:
        if self.label == "abs":
            return {"abs": {"c": float(self.x[0]), "sign": int(self.slope_right)}}
        return {"pl": {"x": self.x.tolist(), "y": self.y.tolist(),
                       "slope_left": self.slope_left, "slope_right": self.slope_right}}


def abs_critic(c: float, sign: float = 1.0) -> PiecewiseLinear:
    """``ς|x − c|`` as a piecewise-linear critic."""
    return PiecewiseLinear(np.array([float(c)]), np.array([0.0]), -float(sign), float(sign),
                           label="abs")


def linear_critic(slope: float) -> PiecewiseLinear:
    """``slope · x`` (|slope| ≤ 1)."""
    return PiecewiseLinear(np.array([0.0]), np.array([0.0]), float(slope), float(slope))


def _pl_from_spec(spec, name: str) -> PiecewiseLinear:
    _spec_keys(name, spec, ("x", "y", "slope_left", "slope_right"))
    x = array(f"{name}.x", spec.get("x", [0.0]), 1)
    y = array(f"{name}.y", spec.get("y", [0.0]), 1)
    if x.size < 1 or x.shape != y.shape:
        raise ValueError(f"{name}.x and {name}.y must be non-empty and of equal length")
    if np.any(np.diff(x) <= 0):
        raise ValueError(f"{name}.x={x.tolist()} must be strictly increasing")
    sl = Real(f"{name}.slope_left", 0.0, low=-1.0, high=1.0).check(spec.get("slope_left", 0.0))
    sr = Real(f"{name}.slope_right", 0.0, low=-1.0, high=1.0).check(spec.get("slope_right", 0.0))
    pl = PiecewiseLinear(x, y, sl, sr)
    steep = float(np.max(np.abs(pl.slopes)))
    if steep > 1.0 + RTOL:
        raise ValueError(f"{name} has a segment of slope {steep:.10g}; admissible: a 1-Lipschitz "
                         f"critic (every |slope| <= 1)")
    return pl


@dataclass(frozen=True, eq=False)
class CallableCritic:
    """A user's 1-Lipschitz ``D: R → R`` (numpy-vectorised or scalar)."""

    fn: Callable
    label: str = "callable"

    def __call__(self, x):
        x = np.asarray(x, dtype=float)
        try:
            out = np.asarray(self.fn(x), dtype=float)
            if out.shape == x.shape:
                return out
        except (TypeError, ValueError):
            pass
        return np.vectorize(lambda v: float(self.fn(float(v))))(x)

    def spec(self) -> dict:
        return {"callable": getattr(self.fn, "__name__", "critic")}


LIPSCHITZ_GRID = np.linspace(-50.0, 50.0, 20001)
"""Where a callable critic's slopes are checked (spacing 5e-3)."""


def _callable_critic(fn: Callable, name: str) -> CallableCritic:
    crit = CallableCritic(fn)
    try:
        vals = crit(LIPSCHITZ_GRID)
    except Exception as exc:  # noqa: BLE001 - any failure of user code is a bad argument
        raise ValueError(f"{name}: calling the critic failed "
                         f"({type(exc).__name__}: {exc})") from None
    if not np.all(np.isfinite(vals)):
        raise ValueError(f"{name}: the critic must be finite on [-50, 50]")
    steep = float(np.max(np.abs(np.diff(vals) / np.diff(LIPSCHITZ_GRID))))
    if steep > 1.0 + 1e-9:
        raise ValueError(f"{name} has slope {steep:.6g} somewhere in [-50, 50]; admissible: a "
                         f"1-Lipschitz function")
    return crit


@dataclass(frozen=True, eq=False)
class Quadratic:
    """``D(x) = xᵀAx + bᵀx`` (A symmetric)."""

    A: np.ndarray
    b: np.ndarray

    def spec(self) -> dict:
        return {"A": self.A.tolist(), "b": self.b.tolist()}


@dataclass(frozen=True, eq=False)
class BestResponseTo:
    """The f-GAN critic ``D_{G'} = f'(p_X/p_{G'})`` of a generator with a density."""

    of: Generator

    def spec(self) -> dict:
        return {"best_response_to": self.of.spec()}


@dataclass(frozen=True, eq=False)
class Constant:
    """``D ≡ value``."""

    value: float

    def spec(self) -> dict:
        return {"constant": self.value}


# --------------------------------------------------------------------------- games


def _data(params: dict, dparam: Integer) -> tuple[np.ndarray, dict]:
    """``Σ`` from ``sigma`` and ``d`` or from ``Sigma`` (symmetric positive definite)."""
    if "Sigma" in params:
        if "sigma" in params:
            raise ValueError("give either sigma (with d) or Sigma, not both")
        S = array("Sigma", params["Sigma"], 2)
        if S.shape[0] != S.shape[1] or not 1 <= S.shape[0] <= dparam.high:
            raise ValueError(f"Sigma must be square of size 1..{dparam.high}, got shape {S.shape}")
        if "d" in params and dparam.check(params["d"]) != S.shape[0]:
            raise ValueError(f"d={params['d']!r} differs from the size {S.shape[0]} of Sigma")
        if np.max(np.abs(S - S.T)) > RTOL * max(1.0, np.max(np.abs(S))):
            raise ValueError("Sigma must be symmetric")
        if np.linalg.eigvalsh(S)[0] <= 0:
            raise ValueError("Sigma must be positive definite")
        S = 0.5 * (S + S.T)
        return S, {"Sigma": S.tolist()}
    sigma = SIGMA.check(params.get("sigma", SIGMA.default))
    d = dparam.check(params.get("d", dparam.default))
    return sigma**2 * np.eye(d), {"sigma": sigma, "d": d}


def _unknown(name: str, params: Mapping, allowed: tuple[str, ...]) -> None:
    extra = sorted(set(params) - set(allowed))
    if extra:
        raise ValueError(f"{name} has no parameter {extra[0]!r}; parameters: {', '.join(allowed)}")


@dataclass(frozen=True, eq=False)
class Game:
    """A Gaussian game: ``name``, data covariance ``Sigma``, radius ``t``, and per family
    ``eta`` (W2 games) or ``divergence`` (f-GAN). Build with :func:`game`."""

    name: str
    Sigma: np.ndarray
    t: float
    eta: float = 0.5
    divergence: FDivergence | None = None
    params: dict = field(default_factory=dict)

    @property
    def d(self) -> int:
        return self.Sigma.shape[0]

    @property
    def family(self) -> str:
        return "fgan" if self.name.startswith("fgan") else self.name

    @property
    def sigma(self) -> float:
        """The 1-D data standard deviation (``wgan1d``)."""
        return float(math.sqrt(self.Sigma[0, 0]))

    def generator(self, spec) -> Generator:
        return make_generator(spec, self.d, self.t)

    def critic(self, spec):
        """The critic of ``spec`` in this game (``None``: the best response to the generator)."""
        return None if spec is None else _critic(self, spec)


def _critic(g: Game, spec):
    if isinstance(spec, (PiecewiseLinear, CallableCritic, Quadratic, BestResponseTo, Constant)):
        return spec
    if callable(spec):
        if g.family != "wgan1d":
            raise ValueError(f"critic: a callable critic is for wgan1d, not {g.name}")
        return _callable_critic(spec, "critic")
    kinds = {"wgan1d": ("abs", "pl", "constant"), "w2gan": ("A", "b"),
             "w2gan-quadratic": ("A", "b"), "fgan": ("best_response_to", "constant")}[g.family]
    _spec_keys("critic", spec, kinds)
    if not spec:
        raise ValueError(f"critic must have one of the keys {list(kinds)}")
    if "constant" in spec:
        value = Real("critic.constant", 0.0).check(spec["constant"])
        return Constant(value)
    if "abs" in spec:
        _spec_keys("critic.abs", spec["abs"], ("c", "sign"))
        c = Real("critic.abs.c", 0.0).check(spec["abs"].get("c", 0.0))
        sign = spec["abs"].get("sign", 1)
        if sign not in (1, -1, 1.0, -1.0) or isinstance(sign, bool):
            raise ValueError(f"critic.abs.sign={show(sign)} is outside the admissible range: "
                             f"one of {{1, -1}}")
        return abs_critic(c, float(sign))
    if "pl" in spec:
        return _pl_from_spec(spec["pl"], "critic.pl")
    if "best_response_to" in spec:
        of = make_generator(spec["best_response_to"], g.d, math.inf, "critic.best_response_to")
        if of.singular:
            raise ValueError("critic.best_response_to: W W^T must be nonsingular (D_{G'} = "
                             "f'(p_X/p_G') needs P_G' to have a density)")
        return BestResponseTo(of)
    return _quadratic(g, spec)


def _quadratic(g: Game, spec) -> Quadratic:
    A = array("critic.A", spec.get("A", np.zeros((g.d, g.d))), 2)
    b = array("critic.b", spec.get("b", np.zeros(g.d)), 1)
    if A.shape != (g.d, g.d) or b.shape != (g.d,):
        raise ValueError(f"critic.A must be {g.d}x{g.d} and critic.b of length {g.d}, got "
                         f"shapes {A.shape} and {b.shape}")
    if np.max(np.abs(A - A.T)) > RTOL * max(1.0, np.max(np.abs(A))):
        raise ValueError("critic.A must be symmetric")
    A = 0.5 * (A + A.T)
    if g.name == "w2gan":
        low = float(np.linalg.eigvalsh(np.eye(g.d) - 2.0 * A)[0])
        if low < -RTOL * max(1.0, float(np.max(np.abs(A)))):
            raise ValueError(f"critic.A has lambda_min(I - 2A) = {low:.6g}; admissible: "
                             f"I - 2A >= 0 (a c-concave critic for the cost |x - y|^2/2)")
    return Quadratic(A, b)


def game(name: str, **params) -> Game:
    """The game ``name`` (one of :data:`GAMES`) with data parameters ``sigma``, ``t``, ``d``
    (or ``Sigma``), ``eta`` (``w2gan-quadratic``) and ``f`` (``fgan-custom``)."""
    if not isinstance(name, str) or name not in GAMES:
        raise ValueError(f"game={show(name)} is not a game; games: {', '.join(GAMES)}")
    t = T.check(params.get("t", T.default))
    if name == "wgan1d":
        _unknown(name, params, ("sigma", "t"))
        sigma = SIGMA.check(params.get("sigma", SIGMA.default))
        return Game(name, np.array([[sigma**2]]), t, params={"sigma": sigma, "t": t})
    if name.startswith("w2gan"):
        allowed = ("sigma", "t", "d", "Sigma") + (("eta",) if name == "w2gan-quadratic" else ())
        _unknown(name, params, allowed)
        Sigma, shown = _data(params, D_W2)
        eta = ETA.check(params.get("eta", ETA.default)) if name == "w2gan-quadratic" else 0.5
        extra = {"eta": eta} if name == "w2gan-quadratic" else {}
        return Game(name, Sigma, t, eta=eta, params={**shown, "t": t, **extra})
    allowed = ("sigma", "t", "d", "Sigma") + (("f",) if name == "fgan-custom" else ())
    _unknown(name, params, allowed)
    Sigma, shown = _data(params, D_F)
    if name == "fgan-custom":
        div = _user_divergence(params.get("f"))
        shown["f"] = str(div.f)
    else:
        div = get_divergence(name.removeprefix("fgan-"))
    return Game(name, Sigma, t, divergence=div, params={**shown, "t": t})


def _user_divergence(text) -> FDivergence:
    if not isinstance(text, str) or not text.strip():
        raise ValueError("f must be a sympy expression in t, e.g. f='t*log(t)'")
    try:
        div = FDivergence.from_f("custom", text)
    except (ValueError, TypeError, SyntaxError, AttributeError) as exc:
        raise ValueError(f"f={show(text)} is not admissible: {exc}") from None
    f1 = float(div.f_at_one())
    if abs(f1) > 1e-12:
        raise ValueError(f"f={show(text)} has f(1) = {f1:.6g}; admissible: f convex with f(1) = 0")
    return div
