"""Figure 4b of Mescheder et al. 2018: the two eigenvalues of the Jacobian at
the equilibrium under instance noise (Lemma 3.2, eq. (6)) as σ goes from 0
to 2σ_crit, σ_crit² = |f'(0)|/|f''(0)| (the corrected critical noise level; √2 for the standard f).
Below σ_crit they are complex with negative real part; above, real. The σ-grid contains σ_crit
and is quadratically refined towards it, where the branches meet like a square root."""

import numpy as np

from figures._base import Figure, new_figure
from figures._dirac import eigen_traces, refined
from theory.dirac import equilibrium
from theory.dirac.activations import f_derivatives


def draw(seed: int = 0, quick: bool = False):
    _, f1, f2 = f_derivatives("standard")
    crit = float(equilibrium.sigma_crit(f1, f2))
    sigma = refined(0.0, crit, 2.0 * crit, 80 if quick else 200)
    lam = np.array([np.asarray(equilibrium.instance_noise_eigenvalues(f1, f2, s)) for s in sigma])
    fig, ax = new_figure("single", 3.1)
    eigen_traces(ax, lam, sigma, crit, r"\sigma")
    ax.set_title(rf"Instance noise, $\sigma_{{\mathrm{{crit}}}} = {crit:.4g}$")
    return fig


FIGURES = [Figure(
    "mescheder2018_fig4b",
    "Eigenvalues of the Jacobian of the Dirac-GAN gradient field at the equilibrium under "
    "instance noise of level σ (standard f, Lemma 3.2), for σ from 0 to 2σ_crit with "
    "σ_crit = sqrt(|f'(0)|/|f''(0)|) = √2 (the corrected critical value). The pair starts at "
    "±i f'(0), is complex with negative real part below σ_crit, meets in a double root at "
    "σ_crit (cross) and is real above it.",
    draw, paper_figure="Mescheder et al. 2018, Figure 4b", width="single")]
