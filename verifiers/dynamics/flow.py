"""The continuous training dynamics ``ẋ = v(x)`` (Mescheder et al. 2018, §2.2,
Lemmas 2.3 and C.2), by two independent routes:

* :func:`flow`: classical fixed-step Runge–Kutta of order 4 as a jitted
  ``lax.scan`` (fast; used by the claims). On a rotation ``ẋ = ωJx`` one step
  scales the radius by ``1 − (ωΔt)^6/144 + O((ωΔt)^8)``, so the radius drift
  over n steps is about ``n (ωΔt)^6/144``;
* :func:`flow_dop853`: scipy's adaptive Dormand–Prince 8(5,3) (``solve_ivp``),
  used by the tests as the reference.

:func:`turn_times` reads rotation periods off a sampled trajectory.
"""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp
import numpy as np
from scipy.integrate import solve_ivp

from theory import _config  # noqa: F401
from verifiers.dynamics import _scan
from verifiers.dynamics.discrete import Field


def rk4_step(field: Field, x, hyper, dt):
    """One classical Runge–Kutta step of size ``dt``."""
    k1 = field(x, hyper)
    k2 = field(x + 0.5 * dt * k1, hyper)
    k3 = field(x + 0.5 * dt * k2, hyper)
    k4 = field(x + dt * k3, hyper)
    return x + dt / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4)


@partial(jax.jit, static_argnames=("field", "steps", "every"))
def flow(field: Field, x0, hyper, t_end, steps: int, every: int = 1):
    """``x(t)`` at ``t = 0, every·Δt, ..., t_end`` (``Δt = t_end/steps``) by RK4;
    shape ``(steps//every + 1, d)``. The sample times are :func:`flow_times`."""
    x0 = jnp.asarray(x0, jnp.float64)
    dt = t_end / steps
    return _scan.run(lambda x: rk4_step(field, x, hyper, dt), x0, steps, every)


def flow_times(t_end: float, steps: int, every: int = 1) -> np.ndarray:
    """The sample times of :func:`flow`."""
    return np.linspace(0.0, t_end, _scan.blocks(steps, every) + 1)


def flow_dop853(field: Field, x0, hyper, t_eval, rtol: float = 1e-12,
                atol: float = 1e-14) -> np.ndarray:
    """``x(t)`` at ``t_eval`` by scipy's DOP853; shape ``(len(t_eval), d)``."""
    v = jax.jit(lambda x: field(x, hyper))
    t_eval = np.asarray(t_eval, dtype=float)
    sol = solve_ivp(lambda _, x: np.asarray(v(jnp.asarray(x))), (t_eval[0], t_eval[-1]),
                    np.asarray(x0, dtype=float), method="DOP853", t_eval=t_eval,
                    rtol=rtol, atol=atol)
    if not sol.success:
        raise RuntimeError(f"DOP853 failed: {sol.message}")
    return sol.y.T


def turn_times(ts, xs, turns: int) -> np.ndarray:
    """Times at which the polar angle of ``(θ, ψ)`` has advanced by ``2π·1, ..., 2π·turns``
    (linear interpolation of the unwrapped angle; counter-clockwise rotation).

    ``ValueError`` if the trajectory turns fewer than ``turns`` times."""
    xs = np.asarray(xs)
    phi = np.unwrap(np.arctan2(xs[:, 1], xs[:, 0]))
    advance = phi - phi[0]
    targets = 2.0 * np.pi * np.arange(1, turns + 1)
    if advance.max() < targets[-1]:
        raise ValueError(f"turns={turns} is more than the trajectory makes "
                         f"({advance.max() / (2 * np.pi):.2f} turns)")
    return np.interp(targets, advance, np.asarray(ts))
