"""The symbols of Hsieh, Liu & Cevher 2019 as claim parameters: one object per
symbol, one admissible range, one meaning.

The finite games of §2.1 (eq. (1)) are random: ``A ∈ R^{n×m}``, ``a ∈ R^n``
i.i.d. ``U[−1, 1]``. The infinite-dimensional claims of §2.2–§3 are checked on
the 1-D WGAN game with data ``N(0, σ²)`` and generators ``N(u, w²)``,
``|w| ≤ 1``, ``|u| ≤ t``. SGLD (eq. (8)) is checked on the potential
``h(x) = x⁴/4 + b x²/2 + c x``.
"""

from __future__ import annotations

from verifiers.params import Choice, Integer, Real, seed_param

REF = "Hsieh, Liu & Cevher 2019"

N = Integer("n", 20, low=2, high=60, sample_low=2, sample_high=60,
            doc="number n of critic strategies (rows of A)")
M = Integer("m", 15, low=2, high=60, sample_low=2, sample_high=60,
            doc="number m of generator strategies (columns of A)")
GAME_SEED = seed_param("seed of the random game A, a ~ U[-1, 1] (and of the gradient samples)")
GRADIENTS = Choice("gradients", "exact", choices=("exact", "stochastic"),
                   doc="Theorem 2.1 (exact derivatives) or 2.2 (one-sample stochastic ones)")

SIGMA = Real("sigma", 2.0, low=0.0, high=5.0, low_open=True, sample_low=0.3, sample_high=4.0,
             doc="data standard deviation σ of P_real = N(0, σ²)")
T_BOUND = Real("t", 0.5, low=0.0, high=4.0, low_open=True, sample_low=0.05, sample_high=3.0,
               doc="bound |u| ≤ t on the generator's mean")
METHOD = Choice("method", "md", choices=("md", "mp"),
                doc="Algorithm 1 (entropic MD, md) or Algorithm 2 (entropic MP, mp)")
ETA_SCALE = Real("eta_scale", 1.0, low=0.0, high=4.0, low_open=True, sample_low=0.25,
                 sample_high=2.0, thresholds=(1.0,),
                 doc="step multiplier: η = eta_scale·η_T (md) or eta_scale/max|M| (mp)")
PARTICLE_SEED = seed_param("seed of the random particles and weights")

B = Real("b", 0.5, low=-0.5, high=1.0, doc="quadratic coefficient of h (b < 0: two wells)")
C = Real("c", 0.3, low=-0.5, high=0.5, doc="linear coefficient (tilt) of h")
EPSILON = Real("eps", 1.0, low=0.25, high=2.0, doc="thermal noise ε of eq. (8)")
GAMMA = Real("gamma", 0.01, low=0.005, high=0.02, doc="SGLD step size γ of eq. (8)")
GRAD_NOISE = Real("grad_noise", 0.5, low=0.0, high=1.0,
                  doc="standard deviation s of the gradient noise ∇̂h − ∇h")
CHAIN_SEED = seed_param("PRNG seed of the chains")
