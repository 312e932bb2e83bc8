"""The gradient-penalty analogue of Figure 4b (Mescheder et al. 2018, Lemma 3.3,
eq. (8)): the eigenvalues ``−γ/2 ± sqrt(γ²/4 − f'(0)²)`` of the Jacobian at
the equilibrium as γ goes from 0 to 2γ_crit, γ_crit = 2|f'(0)| (= 1 for the
standard f). At γ = 0 they are ±i f'(0) (Lemma 2.2); at γ_crit a defective
double root; above, real."""

import matplotlib.pyplot as plt
import numpy as np

from figures._base import Figure
from figures._dirac import eigen_traces
from theory.dirac import equilibrium
from theory.dirac.activations import f_derivatives


def draw(seed: int = 0, quick: bool = False):
    _, f1, _ = f_derivatives("standard")
    crit = float(equilibrium.gamma_crit(f1))
    gamma = np.linspace(0.0, 2.0 * crit, 81 if quick else 201)
    lam = np.array([np.asarray(equilibrium.gradient_penalty_eigenvalues(f1, g)) for g in gamma])
    fig, ax = plt.subplots(figsize=(6.0, 4.2), constrained_layout=True)
    eigen_traces(ax, lam, gamma, crit, "γ")
    ax.set_title(f"Gradient penalty: eigenvalues of v'(0), γ ∈ [0, 2γ_crit], γ_crit = {crit:.4g}\n"
                 "(standard f; Lemma 3.3)")
    return fig


FIGURES = [Figure("mescheder2018_gamma_sweep",
                  "Eigenvalue traces under the gradient penalty, γ: 0 → 2γ_crit", draw)]
