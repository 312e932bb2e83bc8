"""The symbols of Mescheder, Geiger & Nowozin 2018 as claim parameters: one
:class:`~verifiers.params.Param` per symbol, one range, one meaning.

The function f of the objective (eq. (1)) is chosen by four parameters:

* ``f``: ``standard`` (``f(t) = −log(1 + e^{−t})``, f'(0) = 1/2, f''(0) = −1/4),
  ``wgan`` (``f(t) = t``), ``scaled`` (``f(t) = −log(1 + e^{−a t})/a``,
  f'(0) = 1/2, f''(0) = −a/4) or ``taylor`` (``f(t) = f1 t + f2 t²/2``: any
  f'(0) = f1, f''(0) = f2, either sign);
* ``a`` (used by ``scaled``), ``f1`` and ``f2`` (used by ``taylor``).

Sampling boxes cover both signs of f'(0) and f''(0), so a claim whose
hypothesis needs a sign is also drawn outside it (its expected verdict is then
``inapplicable``). :func:`f_derivatives_of` gives (f'(0), f''(0)) in closed form
for expected-verdict functions (the checks compute them by autodiff).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from verifiers.params import Choice, Integer, Param, Real

REF = "Mescheder, Geiger & Nowozin 2018"

F_CHOICES = ("standard", "wgan", "scaled", "taylor")

F = Choice("f", "standard", choices=F_CHOICES,
           doc="the f of the objective: standard, wgan, scaled (uses a) or taylor (uses f1, f2)")
A = Real("a", 1.0, low=1e-3, high=1e3, sample_low=0.2, sample_high=5.0,
         doc="scale of f = scaled: f(t) = -log(1+exp(-a t))/a, f''(0) = -a/4")
F1 = Real("f1", 0.5, low=-1e3, high=1e3, sample_low=-3.0, sample_high=3.0,
          doc="f'(0) of f = taylor", thresholds=(0.0,))
F2 = Real("f2", -0.25, low=-1e3, high=1e3, sample_low=-3.0, sample_high=3.0,
          doc="f''(0) of f = taylor", thresholds=(0.0,))
F_PARAMS: tuple[Param, ...] = (F, A, F1, F2)
"""The four parameters choosing f, in the order claims list them."""

H = Real("h", 0.1, low=0.0, high=1e3, low_open=True, sample_low=1e-3, sample_high=3.0,
         doc="learning rate h > 0")
N_G = Integer("n_g", 1, low=1, high=100, sample_high=10, doc="generator steps n_g per update")
N_D = Integer("n_d", 1, low=1, high=100, sample_high=10,
              doc="discriminator steps n_d per update")
SIGMA = Real("sigma", 0.5, low=0.0, high=1e3, low_open=True, sample_low=0.05, sample_high=5.0,
             doc="instance-noise standard deviation σ > 0")
GAMMA = Real("gamma", 1.0, low=0.0, high=1e3, low_open=True, sample_low=0.01, sample_high=5.0,
             doc="regularisation weight γ > 0")
THETA = Real("theta", 0.5, low=-10.0, high=10.0, sample_low=-1.0, sample_high=1.0,
             doc="generator parameter θ of a start (θ, ψ)")
PSI = Real("psi", 0.5, low=-10.0, high=10.0, sample_low=-1.0, sample_high=1.0,
           doc="discriminator parameter ψ of a start (θ, ψ)")
MU_RE = Real("mu_re", -0.5, low=-1e3, high=1e3, sample_low=-3.0, sample_high=1.0,
             doc="Re μ of an eigenvalue μ of v'(θ*, ψ*) (Lemma A.4 assumes Re μ < 0)",
             thresholds=(0.0,))
MU_IM = Real("mu_im", 0.5, low=-1e3, high=1e3, sample_low=-3.0, sample_high=3.0,
             doc="Im μ of an eigenvalue μ of v'(θ*, ψ*)")


def f_derivatives_of(params: Mapping[str, Any]) -> tuple[float, float]:
    """``(f'(0), f''(0))`` of the f chosen by ``params``, in closed form."""
    f = params.get("f", F.default)
    if f == "standard":
        return 0.5, -0.25
    if f == "wgan":
        return 1.0, 0.0
    if f == "scaled":
        return 0.5, -params.get("a", A.default) / 4.0
    return params.get("f1", F1.default), params.get("f2", F2.default)


def f_prime_never_zero(params: Mapping[str, Any]) -> bool:
    """Whether f'(t) ≠ 0 for every real t (the Dirac-GAN's standing assumption in
    the proof of Lemma 2.2): true for standard, wgan and scaled (f' > 0); for
    taylor, f'(t) = f1 + f2 t, true iff f1 ≠ 0 and f2 = 0."""
    if params.get("f", F.default) != "taylor":
        return True
    f1, f2 = f_derivatives_of(params)
    return f1 != 0.0 and f2 == 0.0


def f_sampling(params, keep=lambda values: True) -> tuple:
    """``(sampler, strategy_fn)`` for a claim with the f parameters: independent draws,
    except that f1 = 0 and f2 = 0 (where f'(0) or f''(0) vanishes: hypotheses change
    there) each come with probability 1/4, so both sides of those hypotheses are drawn.
    ``keep`` filters the draws (e.g. a start different from the equilibrium)."""
    def sampler(rng):
        while True:
            values = {p.name: p.sample(rng) for p in params}
            for name in ("f1", "f2"):
                if name in values and rng.uniform() < 0.25:
                    values[name] = 0.0
            if keep(values):
                return values

    def strategy_fn():
        from hypothesis import strategies as st

        def draw(p):
            return st.one_of(st.just(0.0), p.strategy()) if p.name in ("f1", "f2") else (
                p.strategy())

        return st.fixed_dictionaries({p.name: draw(p) for p in params}).filter(keep)

    return sampler, strategy_fn
