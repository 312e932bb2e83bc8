"""The f-divergences of Farnia & Ozdaglar 2020 (§3.1) and Nowozin et al. 2016, Table 1.

All are normalised with ``f(1) = 0``. Conjugates ``f*(s) = sup_{t≥0} s t − f(t)``
and their domains in closed form. Pearson's conjugate is the exact one
over ``t ≥ 0``: ``s + s²/4`` for ``s ≥ −2`` and ``−1`` below;
Nowozin's table uses ``s + s²/4`` on all of R. Both agree on the range of
``D_G = f'(r_G) ≥ −2``.

Jensen–Shannon: the paper's ``f_JS(t) = t log t − (t+1) log((t+1)/2)`` gives
``d_f = 2 JSD``; the vanilla GAN (eq. 6) is the same game with ``D = log(2 D̃)``:
``V_fJS(G, log(2 D̃)) = V_vanilla(G, D̃) + log 4`` (:func:`vanilla_to_fjs`).
"""

from __future__ import annotations

import math

import sympy as sp

from theory.fdiv._divergence import S_REAL, FDivergence, T

s = S_REAL

KL = FDivergence("kl", T * sp.log(T), sp.exp(s - 1), label="Kullback–Leibler")
REVERSE_KL = FDivergence("rkl", -sp.log(T), -1 - sp.log(-s), fstar_sup=0.0, label="reverse KL")
PEARSON = FDivergence("pearson", (T - 1) ** 2,
                      sp.Piecewise((s + s**2 / 4, s >= -2), (-1, True)), label="Pearson χ²")
NEYMAN = FDivergence("neyman", (1 - T) ** 2 / T, 2 - 2 * sp.sqrt(1 - s), fstar_sup=1.0,
                     label="Neyman χ²")
HELLINGER = FDivergence("hellinger", (sp.sqrt(T) - 1) ** 2, s / (1 - s), fstar_sup=1.0,
                        label="squared Hellinger")
JS = FDivergence("js", T * sp.log(T) - (T + 1) * sp.log((T + 1) / 2), -sp.log(2 - sp.exp(s)),
                 fstar_sup=math.log(2.0), label="Jensen–Shannon (paper's f_JS)")

DIVERGENCES: dict[str, FDivergence] = {
    d.name: d for d in (KL, REVERSE_KL, PEARSON, NEYMAN, HELLINGER, JS)}
"""The library, by name."""

NOWOZIN_EXAMPLES = ("kl", "rkl", "pearson", "neyman", "hellinger", "js")
"""Nowozin et al.'s f-GAN examples among the library (the vanilla GAN is ``js``)."""

LOG4 = math.log(4.0)


def get(name: str) -> FDivergence:
    """The library member ``name`` (``ValueError`` listing the names otherwise)."""
    if name not in DIVERGENCES:
        raise ValueError(f"divergence={name!r} is not one of {{{', '.join(DIVERGENCES)}}}")
    return DIVERGENCES[name]


def vanilla_to_fjs(d_tilde):
    """The f_JS critic ``D = log(2 D̃)`` of a vanilla-GAN discriminator ``D̃ ∈ (0, 1)``."""
    return sp.log(2 * d_tilde) if isinstance(d_tilde, sp.Basic) else math.log(2.0 * d_tilde)


def vanilla_value_offset() -> float:
    """``V_fJS(G, log 2D̃) − V_vanilla(G, D̃) = log 4`` for every G and D̃."""
    return LOG4
