"""Gradient vector fields of the Dirac-GAN variants (Mescheder et al. 2018).

``v(x) = (−∂_θ gen_loss, ∂_ψ disc_obj)`` for the objectives of
:mod:`theory.dirac.objectives` (for the unregularised GAN, eq. (3):
``v(θ, ψ) = (−f'(θψ)ψ, f'(θψ)θ)``). Every field is a pure function
``v(x, hyper)`` of a state ``x`` (shape (2,) = (θ, ψ); (3,) = (θ, ψ1, ψ2) for
``"energy"``) and a dict of float hyperparameters; it works under
``jax.jit``, ``jax.grad`` and ``jax.vmap`` (over x and over hyper values).

>>> import jax.numpy as jnp
>>> v = make_field("gradient_penalty")
>>> [float(c) for c in v(jnp.array([1.0, 0.0]), {"gamma": 1.0})]
[-0.0, 0.5]
"""

from __future__ import annotations

from collections.abc import Callable

import jax
import jax.numpy as jnp

from theory.dirac import objectives as obj
from theory.dirac.activations import FLike, f_derivatives, resolve

__all__ = ["METHODS", "DEFAULT_F", "HYPER", "make_field", "f_derivatives", "state_size"]

METHODS = (
    "gan",
    "nonsaturating",
    "wgan",
    "wgan_gp",
    "dragan",
    "instance_noise",
    "gradient_penalty",
    "roth",
    "consensus",
    "full_rank",
    "energy",
)
"""Every Dirac-GAN variant, by name."""

DEFAULT_F = {m: "standard" for m in METHODS} | {"wgan": "wgan", "wgan_gp": "wgan"}
"""The f used when :func:`make_field` gets ``f=None``."""

HYPER = {
    "wgan_gp": ("gamma", "g0"),
    "dragan": ("gamma", "k"),
    "instance_noise": ("sigma",),
    "gradient_penalty": ("gamma",),
    "roth": ("gamma",),
    "consensus": ("gamma",),
}
"""Hyperparameters each method reads (defaults in ``objectives.DEFAULTS``)."""


def state_size(method: str) -> int:
    """Length of the state: 3 for ``"energy"`` (θ, ψ1, ψ2), else 2 (θ, ψ)."""
    return 3 if _checked(method) == "energy" else 2


def _checked(method: str) -> str:
    if method not in METHODS:
        raise ValueError(f"method={method!r} is not a Dirac-GAN method; use one of {METHODS}")
    return method


def _players(method: str) -> tuple[Callable, Callable]:
    """(gen_loss, disc_obj), each ``(theta, psi, hyper, f) -> scalar``."""
    base = {
        "full_rank": obj.full_rank,
        "energy": obj.energy,
        "instance_noise": obj.instance_noise,
    }.get(method, obj.gan)
    gen = obj.nonsaturating_gen_loss if method == "nonsaturating" else base
    target = {"wgan_gp": "g0", "dragan": "k"}.get(method)
    if target is not None:

        def disc(th, ps, hy, f):
            gamma, aim = obj.hyper_value(hy, "gamma"), obj.hyper_value(hy, target)
            return base(th, ps, hy, f) - obj.norm_penalty(ps, gamma, aim)
    elif method == "gradient_penalty":

        def disc(th, ps, hy, f):
            return base(th, ps, hy, f) - 0.5 * obj.hyper_value(hy, "gamma") * ps**2
    elif method == "roth":

        def disc(th, ps, hy, f):
            return base(th, ps, hy, f) - obj.roth_penalty(th, ps, obj.hyper_value(hy, "gamma"))
    else:
        disc = base
    return gen, disc


def _plain_field(gen: Callable, disc: Callable, f: Callable) -> Callable:
    def v(x, hyper=None):
        theta, psi = x[0], (x[1:] if x.shape[0] == 3 else x[1])
        v_theta = -jax.grad(gen, argnums=0)(theta, psi, hyper, f)
        v_psi = jax.grad(disc, argnums=1)(theta, psi, hyper, f)
        return jnp.concatenate([jnp.atleast_1d(v_theta), jnp.atleast_1d(v_psi)])

    return v


def _consensus(v: Callable) -> Callable:
    """Lemma C.4: ``ṽ = v − γ ∇(|v|²/2) = v − γ v'ᵀ v``."""

    def v_tilde(x, hyper=None):
        half_norm = jax.grad(lambda y: 0.5 * jnp.sum(v(y, hyper) ** 2))(x)
        return v(x, hyper) - obj.hyper_value(hyper, "gamma") * half_norm

    return v_tilde


def make_field(method: str, f: FLike | None = None) -> Callable:
    """The vector field ``v(x, hyper)`` of ``method`` with the function ``f``.

    ``method`` is one of :data:`METHODS`; ``f`` is ``"standard"``, ``"wgan"``
    or a smooth jax-traceable callable (``None``: :data:`DEFAULT_F`, i.e. f = t
    for ``"wgan"``/``"wgan_gp"``, the standard f otherwise). ``hyper`` keys:
    ``gamma`` (penalty / consensus weight), ``g0`` (WGAN-GP target norm),
    ``k`` (DRAGAN target norm), ``sigma`` (instance-noise std); missing keys
    take ``objectives.DEFAULTS`` (all 1.0). WGAN's clipping ``|ψ| ≤ 1`` is
    applied by the dynamics, not the field. Raises ``ValueError`` for an
    unknown method or f.
    """
    fn = resolve(DEFAULT_F[_checked(method)] if f is None else f)
    base_method = "gan" if method == "consensus" else method
    v = _plain_field(*_players(base_method), fn)
    return _consensus(v) if method == "consensus" else v
