"""Optimisers from optax, built inside the traced program so the learning rate can
be a vmapped array.

:data:`OPTIMIZERS` maps a name to ``make(lr) -> optax.GradientTransformation``;
add one with :func:`register`. Extra-gradient variants (Korpelevich 1976;
Extra-Adam, Gidel et al. 2019) are not a transformation but a step rule: the
training loop's ``extragradient=True`` applies any of these twice per
iteration (:func:`extragradient_step`).
"""

from __future__ import annotations

from collections.abc import Callable

import jax
import optax

OPTIMIZERS: dict[str, Callable[[jax.Array], optax.GradientTransformation]] = {
    "sgd": lambda lr: optax.sgd(lr),
    "rmsprop": lambda lr: optax.rmsprop(lr, decay=0.9, eps=1e-8),
    "adam": lambda lr: optax.adam(lr, b1=0.5, b2=0.999),
    "optimistic_sgd": lambda lr: optax.optimistic_gradient_descent(lr),
    "optimistic_adam": lambda lr: optax.optimistic_adam_v2(lr, b1=0.5, b2=0.999),
}
"""SGD; RMSProp with decay 0.9 (Mescheder 2018, supplement F); Adam with β₁ = 0.5;
optimistic gradient descent and optimistic Adam (Daskalakis et al. 2018)."""


def register(name: str, make: Callable[[jax.Array], optax.GradientTransformation]) -> None:
    """Add optimiser ``name``: ``make(lr)`` returns an optax transformation."""
    OPTIMIZERS[name] = make


def make(name: str, lr: jax.Array) -> optax.GradientTransformation:
    """The optimiser ``name`` with learning rate ``lr`` (``KeyError`` names the known ones)."""
    if name not in OPTIMIZERS:
        raise KeyError(f"optimiser {name!r} unknown; known: {', '.join(OPTIMIZERS)}")
    return OPTIMIZERS[name](lr)


def step(opt: optax.GradientTransformation, grad_fn, params, state):
    """One plain step: ``params + update(grad_fn(params))``."""
    updates, state = opt.update(grad_fn(params), state, params)
    return optax.apply_updates(params, updates), state


def extragradient_step(opt: optax.GradientTransformation, grad_fn, params, state):
    """One extra-gradient step: extrapolate ``p½ = p + update(∇(p))``, then
    ``p' = p + update(∇(p½))`` from the same ``p`` (the state advances twice, as in
    Extra-Adam)."""
    updates, state = opt.update(grad_fn(params), state, params)
    half = optax.apply_updates(params, updates)
    updates, state = opt.update(grad_fn(half), state, params)
    return optax.apply_updates(params, updates), state
