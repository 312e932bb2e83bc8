"""Training dynamics of the Dirac-GAN: SimGD and AltGD(n_g, n_d, h) as
``lax.scan`` loops (batched with ``vmap``), the continuous flow (RK4 scan and
scipy DOP853), instance noise as a stochastic gradient with explicit PRNG
keys, the Gaussian-smoothed (a.c.) fields of Table 1, and empirical rates.

>>> import jax.numpy as jnp
>>> from verifiers.dynamics import field, simgd
>>> xs = simgd(field("gradient_penalty"), jnp.array([1.0, 1.0]), {"gamma": 1.0}, 0.1, 2000)
>>> bool(jnp.linalg.norm(xs[-1]) < 1e-12)
True
"""

from functools import cache

from theory import _config  # noqa: F401
from theory.dirac.fields import make_field
from verifiers.dynamics.discrete import (
    altgd,
    altgd_batch,
    altgd_step,
    simgd,
    simgd_batch,
    simgd_step,
)
from verifiers.dynamics.flow import flow, flow_dop853, flow_times, turn_times
from verifiers.dynamics.rates import empirical_rate
from verifiers.dynamics.stochastic import (
    mean_field,
    sampled_noise_field,
    stochastic_altgd,
    stochastic_simgd,
)


@cache
def field(method: str, f=None):
    """``theory.dirac.fields.make_field(method, f)``, cached, so that jitted
    trajectories of the same (method, f) compile once per process."""
    return make_field(method, f)


__all__ = ["altgd", "altgd_batch", "altgd_step", "empirical_rate", "field", "flow", "flow_dop853",
           "flow_times", "mean_field", "sampled_noise_field", "simgd", "simgd_batch", "simgd_step",
           "stochastic_altgd", "stochastic_simgd", "turn_times"]
