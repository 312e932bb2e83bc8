"""Figure 4b of Mescheder et al. 2018: the two eigenvalues of the Jacobian at
the equilibrium under instance noise (Lemma 3.2, eq. (6)) as σ goes from 0
to 2σ_crit, σ_crit² = |f'(0)|/|f''(0)| (the corrected critical noise level; √2 for the standard f).
Below σ_crit they are complex with negative real part; above, real."""

import matplotlib.pyplot as plt
import numpy as np

from figures._base import Figure
from figures._dirac import eigen_traces
from theory.dirac import equilibrium
from theory.dirac.activations import f_derivatives


def draw(seed: int = 0, quick: bool = False):
    _, f1, f2 = f_derivatives("standard")
    crit = float(equilibrium.sigma_crit(f1, f2))
    sigma = np.linspace(0.0, 2.0 * crit, 81 if quick else 201)
    lam = np.array([np.asarray(equilibrium.instance_noise_eigenvalues(f1, f2, s)) for s in sigma])
    fig, ax = plt.subplots(figsize=(6.0, 4.2), constrained_layout=True)
    eigen_traces(ax, lam, sigma, crit, "σ")
    ax.set_title(f"Instance noise: eigenvalues of v'(0) for σ ∈ [0, 2σ_crit], σ_crit = {crit:.4g}\n"
                 "(standard f; Mescheder et al. 2018, Fig. 4b)")
    return fig


FIGURES = [Figure("mescheder2018_fig4b", "Eigenvalue traces under instance noise, σ: 0 → 2σ_crit",
                  draw)]
